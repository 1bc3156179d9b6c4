"""Agenda items stated once, rendered as the provisional agenda, headings, references and annex.

An author lists the items once, as a numbered list inside ``{agenda}``::

    :::{agenda}
    1. Organizational matters
       1. Opening of the meeting
       2. Adoption of the agenda and organization of work
    2. Other matters
    :::

and then refers to them by key (``1``, ``1a``, ``1b``, ``2``): ``### {agenda-title}`1a```
is the annotation heading "(a) Opening of the meeting", ``{item}`1b``` the reference
"item 1 (b)" in running text, and ``{schedule}`` the annex "Proposed organization of
work". Only the list's titles reach the catalogues; labels, punctuation, dates and times
are generated per language (:mod:`meetingdocs.labels`, :mod:`meetingdocs.dates`) after the
translation of the titles, so every copy of a title is the translated one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from meetingdocs import languages
from meetingdocs.sphinx_ext.agenda_nodes import (
    agenda,
    agenda_item,
    agenda_label,
    agenda_ref,
    annex_break,
    has_subitems,
    register_nodes,
    schedule,
)
from meetingdocs.sphinx_ext.fallback import text_language
from meetingdocs.sphinx_ext.mistakes import record
from meetingdocs.sphinx_ext.roles import DataRole, RoleResult
from meetingdocs.un import dates, labels
from meetingdocs.un.agenda import make_key, parse_key, parse_session
from meetingdocs.un.forms import form_problem
from meetingdocs.un.vocabulary import Content, roles_holding, split_form

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

# -- directives and roles ---------------------------------------------------------------

class AgendaDirective(SphinxDirective):
    """Define the agenda items from a numbered list (sub-items as a nested list)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        container = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, container)
        lists = [c for c in container.children if isinstance(c, nodes.enumerated_list)]
        if len(lists) != 1:
            raise self.error("agenda: the content must be one numbered list of item titles")
        node = agenda()
        self.set_source_info(node)
        for number, item in enumerate(lists[0].children, start=1):
            node += self._item(item, number, None)
        return [node]

    def _item(self, item: nodes.list_item, number: int, sub: int | None) -> agenda_item:
        paragraphs = [c for c in item.children if isinstance(c, nodes.paragraph)]
        if len(paragraphs) != 1:
            raise self.error(f"agenda: item {make_key(number, sub)} must be one line of title")
        entry = agenda_item(number=number, sub=sub, key=make_key(number, sub))
        entry += paragraphs[0]
        for sublist in (c for c in item.children if isinstance(c, nodes.enumerated_list)):
            if sub is not None:
                raise self.error("agenda: sub-items cannot have sub-items")
            if len(sublist.children) > (most := labels.most_sub_items()):
                raise self.error(
                    f"agenda: item {number} has {len(sublist.children)} sub-items; an item "
                    f"has at most {most} ({make_key(number, 0)} to "
                    f"{make_key(number, most - 1)}): make some of them items of their own")
            for index, subitem in enumerate(sublist.children):
                entry += self._item(subitem, number, index)
        return entry


class AnnexDirective(SphinxDirective):
    """Mark the start of an annex (``:::{annex}`` / ``:::``)."""

    def run(self) -> list[nodes.Node]:
        return [annex_break()]


class ScheduleDirective(SphinxDirective):
    """The annex "Proposed organization of work": one meeting session per line.

    ``2020-09-08 10:00-13:00 1a 1b 2``: date, time range, the items taken up. An item
    already taken up in an earlier session is marked "(continued)" automatically.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        sessions = []
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            try:
                sessions.append(parse_session(line))
            except ValueError as exc:
                raise self.error(f"schedule, line {offset + 1}: {exc}") from exc
        if not sessions:
            raise self.error("schedule: no sessions")
        node = schedule(sessions=sessions)
        self.set_source_info(node)
        return [node]


class ItemRole(DataRole):
    """``{agenda-title}`1a``` (``form="title"``): the item's label and title, for headings;
    ``{item}`1b``` (``form="reference"``): "item 1 (b)" in the page's language."""

    def __init__(self, form: str) -> None:
        self.form = form

    def run(self) -> RoleResult:
        text, grammar = split_form(self.text)
        try:
            number, sub = parse_key(text)
        except ValueError as exc:
            return self.fail(str(exc))
        key = make_key(number, sub)
        # The text "item 1a" also gives headings a language-independent id: #item-1a.
        return [agenda_ref(self.rawtext, f"item {key}", key=key, form=self.form,
                           grammar=grammar)], []


# -- transforms -------------------------------------------------------------------------

class KeepGeneratedTitlesOutOfCatalogues(SphinxTransform):
    """A heading made only of ``{agenda-title}`` has nothing to translate."""

    default_priority = 10  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: object) -> None:
        for title in self.document.findall(nodes.title):
            if title.children and all(isinstance(c, agenda_ref) for c in title.children):
                title["translatable"] = False


class RenderAgenda(SphinxTransform):
    """After translation: label the agenda, fill titles and references, build the annex.

    Titles are copied with docutils' ``Node.deepcopy``: ``copy.deepcopy`` follows a node's
    parent and document into the whole environment and made large collections quadratic.
    """

    default_priority = 30  # after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: object) -> None:
        lang = languages.get(self.config.language).code
        definitions = list(self.document.findall(agenda))
        titles: dict[str, list[nodes.Node]] = {}
        for node in definitions:
            for item in node.findall(agenda_item):
                titles[item["key"]] = [c.deepcopy() for c in item[0].children]
        for ref in list(self.document.findall(agenda_ref)):
            self._resolve(ref, titles, text_language(ref, lang))
        for node in definitions:
            decorate_agenda(node, lang)
        for node in list(self.document.findall(schedule)):
            node.replace_self(build_schedule_table(node, titles, lang, self.document))

    def _resolve(self, ref: agenda_ref, titles: dict[str, list[nodes.Node]], lang: str) -> None:
        key = ref["key"]
        if key not in titles:
            message = f"agenda item {key} is not defined in this document's {{agenda}}"
            logger.warning(message, type="meetingdocs", subtype="agenda", location=ref)
            source, line = get_source_line(ref)
            record(self.env, f"{source}:{line}", message)
            ref.replace_self(nodes.Text(ref.astext()))
            return
        number, sub = parse_key(key)
        if ref["form"] == "reference":
            grammar = ref.get("grammar", "")
            problem = form_problem("item", grammar, lang)
            if problem is not None:
                logger.warning(problem, type="meetingdocs", subtype="form", location=ref)
                grammar = ""
            ref.replace_self(
                nodes.reference("", labels.item_reference(number, sub, lang, form=grammar),
                                refid=nodes.make_id(f"item {key}"), internal=True)
            )
            return
        ref.replace_self(
            [agenda_label("", _list_label(number, sub, lang)),
             *[c.deepcopy() for c in titles[key]]]
        )


def _list_label(number: int, sub: int | None, lang: str) -> str:
    if sub is None:
        return labels.item_number_label(number, lang)
    return labels.subitem_label(sub, lang)


def decorate_agenda(node: agenda, lang: str) -> None:
    """Add labels and the list punctuation (``:`` ``;`` ``.``) of the provisional agenda."""
    punct = labels.agenda_punctuation(lang)
    items = [i for i in node.findall(agenda_item)]
    for index, item in enumerate(items):
        paragraph = item[0]
        is_last = index == len(items) - 1
        next_is_top = not is_last and items[index + 1]["sub"] is None
        if has_subitems(item):
            mark = punct.colon
        elif is_last or (item["sub"] is not None and next_is_top):
            mark = punct.period
        elif item["sub"] is not None:
            mark = punct.semicolon
        else:
            mark = punct.period
        if item["sub"] is not None and punct.subitems_lowercase:
            _lowercase_first_letter(paragraph)
        paragraph.insert(0, agenda_label("", _list_label(item["number"], item["sub"], lang)))
        paragraph += nodes.Text(mark)


def _lowercase_first_letter(paragraph: nodes.Element) -> None:
    """The first letter of the item's text, small, unless the word is all capitals (an
    abbreviation such as "ООН")."""
    for text in paragraph.findall(nodes.Text):
        value = str(text)
        stripped = value.lstrip()
        if not stripped:
            continue
        word = stripped.split(maxsplit=1)[0]
        if not word[0].isupper() or (len(word) > 1 and word.isupper()):
            return
        at = len(value) - len(stripped)
        text.parent.replace(text, nodes.Text(value[:at] + value[at].lower() + value[at + 1:]))
        return


def build_schedule_table(
    node: schedule, titles: dict[str, list[nodes.Node]], lang: str, document: nodes.document,
) -> nodes.table:
    """The annex table: date and time | agenda item | title or description."""
    headers = labels.annex_headers(lang)
    table = nodes.table(classes=["un-schedule", "colwidths-given"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (27, 10, 63):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.Text(h) for h in headers])
    group += head
    body = nodes.tbody()
    group += body
    seen: set[str] = set()
    current_day: date | None = None
    for session in node["sessions"]:
        if session.day != current_day:
            current_day = session.day
            body += _row([nodes.strong("", dates.format_day_heading(session.day, lang))], 3,
                         classes=["un-schedule-day"])
        for position, key in enumerate(session.items):
            number, sub = parse_key(key)
            canonical = make_key(number, sub)
            if canonical not in titles:
                message = f"the schedule names agenda item {key}, which the {{agenda}} " \
                    "does not define"
                logger.warning(message, type="meetingdocs", subtype="agenda", location=node)
                source, line = get_source_line(node)
                record(document.settings.env, f"{source}:{line}", message)
                continue
            title: list[nodes.Node] = [c.deepcopy() for c in titles[canonical]]
            if canonical in seen:
                title.append(nodes.Text(labels.continued(lang)))
            seen.add(canonical)
            when = (dates.format_time_range(session.start, session.end, lang)
                    if position == 0 else "")
            body += _row([nodes.inline("", when, classes=["un-time"]),
                          nodes.Text(labels.item_code(number, sub, lang)),
                          *title], split=2)
    return table


def _row(
    cells: list[nodes.Node], span: int = 0, classes: list[str] | None = None, split: int = 0,
) -> nodes.row:
    """A table row; ``split`` puts the first ``split`` nodes in their own cells."""
    row = nodes.row(classes=classes or [])
    if span:
        entry = nodes.entry(morecols=span - 1)
        entry += nodes.paragraph("", "", *cells)
        row += entry
        return row
    groups = [[c] for c in cells[:split]] + [cells[split:]] if split else [[c] for c in cells]
    for group in groups:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", *group)
        row += entry
    return row


def setup_agenda(app: Sphinx) -> None:
    register_nodes(app)
    app.add_directive("agenda", AgendaDirective)
    app.add_directive("schedule", ScheduleDirective)
    app.add_directive("annex", AnnexDirective)
    forms = {"agenda-title": "title", "item": "reference"}
    for name in roles_holding(Content.AGENDA_KEY):
        app.add_role(name, ItemRole(forms[name]))
    app.add_transform(KeepGeneratedTitlesOutOfCatalogues)
    app.add_transform(RenderAgenda)
