"""Roles that turn ISO dates and times into each language's written form.

``{date}`2019-08-30```, ``{day}`2020-09-08``` (with the weekday), ``{dates}`2020-09-08/09```
(meeting dates) and ``{time}`10:00``` or ``{time}`10:00-13:00```; a translator may add
the form a sentence needs (``{day}`2020-09-08:on```, ``{dates}`2021-05-10/12:from-to```,
:mod:`meetingdocs.un.forms`). The ISO text is what
translators see and keep; the words come from :mod:`meetingdocs.dates` at build time, so
no date is ever typed into a catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from meetingdocs.sphinx_ext.roles import DataRole, RoleResult
from meetingdocs.un import dates, isodata
from meetingdocs.un.forms import form_problem
from meetingdocs.un.vocabulary import Content, roles_holding, split_form

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: (ISO data, language, grammatical form or "") -> the written words.
Formatter = Callable[[str, str, str], str]


def _date(text: str, lang: str, form: str) -> str:
    return dates.format_dates(isodata.parse_iso_dates(text), lang, form=form)


def _day(text: str, lang: str, form: str) -> str:
    (day,) = isodata.parse_iso_dates(text)
    return dates.format_date(day, lang, weekday=True, form=form)


def _time(text: str, lang: str, form: str) -> str:
    if form:
        raise ValueError(f"a time has no form {form!r}")
    if any(sep in text for sep in "-/–"):
        start, end = isodata.parse_iso_time_range(text)
        return dates.format_time_range(start, end, lang)
    return dates.format_time(isodata.parse_iso_time(text), lang)


FORMATTERS: dict[str, Formatter] = {
    "date": _date,
    "dates": _date,
    "day": _day,
    "time": _time,
}


class DateRole(DataRole):
    """``{date}``, ``{dates}``, ``{day}``, ``{time}``: ISO text in, the language's words out."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def run(self) -> RoleResult:
        data, form = split_form(self.text.strip())
        code = self.language.code
        problem = form_problem(self.kind, form, code)
        if problem is not None:
            # The translator's form is unknown here: the usual form, and say so.
            logger.warning(problem, type="meetingdocs", subtype="form",
                           location=self.get_location())
            form = ""
        try:
            written = FORMATTERS[self.kind](data, code, form)
        except ValueError as exc:
            return self.fail(f"{{{self.name}}}`{self.text}`: {exc}")
        # The role, its data and form stay on the node: text that falls back to the source
        # language is written again in it (meetingdocs.sphinx_ext.fallback).
        return [nodes.inline(self.rawtext, written, classes=[f"un-{self.kind}"],
                             un_role=self.kind, un_data=data, un_form=form)], []


def setup_date_roles(app: Sphinx) -> None:
    for name in roles_holding(Content.ISO_DATES, Content.ISO_TIME):
        app.add_role(name, DateRole(name))
