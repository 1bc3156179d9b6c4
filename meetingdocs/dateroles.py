"""Roles that turn ISO dates and times into each language's written form.

``{date}`2019-08-30```, ``{day}`2020-09-08``` (with the weekday), ``{dates}`2020-09-08/09```
(meeting dates) and ``{time}`10:00``` or ``{time}`10:00-13:00```. The ISO text is what
translators see and keep; the words come from :mod:`meetingdocs.dates` at build time, so
no date is ever typed into a catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes

from meetingdocs import dates, languages

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

Formatter = Callable[[str, str], str]


def _date(text: str, lang: str) -> str:
    return dates.format_dates(dates.parse_iso_dates(text), lang)


def _day(text: str, lang: str) -> str:
    (day,) = dates.parse_iso_dates(text)
    return dates.format_date(day, lang, weekday=True)


def _time(text: str, lang: str) -> str:
    if any(sep in text for sep in "-/–"):
        start, end = dates.parse_iso_time_range(text)
        return dates.format_time_range(start, end, lang)
    return dates.format_time(dates.parse_iso_time(text), lang)


FORMATTERS: dict[str, Formatter] = {
    "date": _date,
    "dates": _date,
    "day": _day,
    "time": _time,
}


def make_role(kind: str) -> Callable[..., tuple[list[nodes.Node], list[nodes.system_message]]]:
    formatter = FORMATTERS[kind]

    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        lang = languages.get(inliner.document.settings.env.config.language).code
        try:
            written = formatter(text.strip(), lang)
        except ValueError as exc:
            msg = inliner.reporter.error(f"{{{name}}}`{text}`: {exc}", line=lineno)
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
        return [nodes.inline(rawtext, written, classes=[f"un-{kind}"])], []

    return role


def setup_date_roles(app: Sphinx) -> None:
    for kind in FORMATTERS:
        app.add_role(kind, make_role(kind))
