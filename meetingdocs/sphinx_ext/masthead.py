"""The ``un-document`` directive: a document's facts stated once, printed as the UN masthead.

Machine facts are options and never reach a catalogue (symbol, ISO date of issue, original
language, distribution, job number); the human lines are the directive's paragraphs and
are translated like any other text::

    :::{un-document}
    :symbol: CTOC/COP/WG.7/2020/1
    :issued: 2020-06-24
    :original: en
    :job: V.20-03178

    Conference of the Parties to the United Nations Convention against ...

    Working Group on the Smuggling of Migrants

    Vienna, {dates}`2020-09-08/09`
    :::

The first paragraph is the organ (printed in the masthead beside the distribution block),
the following ones the title block printed above the document's title.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from meetingdocs import languages
from meetingdocs.sphinx_ext.mistakes import COLLECTION_MISTAKES
from meetingdocs.sphinx_ext.nodes import paragraphs, plain, write_nodes
from meetingdocs.sphinx_ext.records import DocumentRecord
from meetingdocs.un import dates, isodata, labels
from meetingdocs.un.symbols import is_symbol

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)

JOB_RE = re.compile(r"^[A-Z]\.\d{2}-\d{5}$")

#: Per document: its symbol and where the ``un-document`` directive gives it.
SYMBOLS = DocumentRecord("meetingdocs_symbols")


class masthead(nodes.General, nodes.Element):
    """The first-page masthead; its child paragraph is the organ."""


class title_block(nodes.General, nodes.Element):
    """The lines above the title: body, venue and dates."""


def _symbol(text: str) -> str:
    symbol = directives.unchanged_required(text).strip()
    if not is_symbol(symbol):
        raise ValueError(f"{symbol!r} is not a document symbol")
    return symbol


def _job(text: str) -> str:
    job = directives.unchanged_required(text).strip()
    if not JOB_RE.match(job):
        raise ValueError(f"{job!r} is not a job number like V.20-03178")
    return job


class UNDocumentDirective(SphinxDirective):
    """State a document's facts; render the masthead and the title block."""

    has_content = True
    option_spec: ClassVar[dict] = {
        "symbol": _symbol,
        "issued": directives.unchanged_required,
        "original": directives.unchanged,
        "distribution": lambda text: directives.choice(text, ("general",)),
        "job": _job,
    }

    def run(self) -> list[nodes.Node]:
        lang = languages.get(self.config.language)
        for required in ("symbol", "issued", "job"):
            if required not in self.options:
                raise self.error(f"un-document: the :{required}: option is required")
        try:
            (issued,) = isodata.parse_iso_dates(self.options["issued"])
            original = languages.get(self.options.get("original", languages.SOURCE_LANGUAGE))
        except ValueError as exc:
            raise self.error(f"un-document: {exc}") from exc

        container = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, container)
        paragraphs = [child for child in container.children if isinstance(child, nodes.paragraph)]
        if not paragraphs:
            raise self.error("un-document: the first paragraph must name the organ")

        words = labels.masthead(lang.code, source_lang=original.code)
        node = masthead(
            "",
            paragraphs[0],
            symbol=self.options["symbol"],
            united_nations=words.united_nations,
            distribution=words.distribution,
            date=dates.format_date(issued, words.date_lang),
            date_lang=languages.get(words.date_lang).html_lang,
            language_line=words.language_line or "",
            original=words.original,
            job=self.options["job"],
            letter=lang.letter,
        )
        self.set_source_info(node)
        self.env.metadata[self.env.docname]["un-symbol"] = self.options["symbol"]
        source, line = self.get_source_info()
        SYMBOLS.note(self.env, (self.options["symbol"], f"{source}:{line}"))
        expected = self.options["symbol"].replace("/", "_")
        if self.env.docname.rsplit("/", 1)[-1] != expected:
            logger.warning(
                "the file of %s should be named %s.md (the PDF is named after it)",
                self.options["symbol"], expected,
                type="meetingdocs", subtype="symbol", location=node,
            )
        block = title_block("", *paragraphs[1:])
        return [node, block]


# -- HTML -------------------------------------------------------------------------------

def visit_masthead_html(self: HTML5Translator, node: masthead) -> None:
    e = self.encode
    self.body.append(
        '<header class="un-masthead">\n'
        '<div class="un-masthead-top">'
        f'<span class="un-organisation">{e(node["united_nations"])}</span>'
        '<span class="un-masthead-symbol" dir="ltr" translate="no">'
        f'{e(node["symbol"])}</span></div>\n'
        '<div class="un-masthead-body"><div class="un-organ">'
    )


def depart_masthead_html(self: HTML5Translator, node: masthead) -> None:
    e = self.encode
    lines = [node["distribution"], node["date"]]
    if node["language_line"]:
        lines.append(node["language_line"])
    lines.append(node["original"])
    english_block = node["date_lang"] != languages.get(self.builder.config.language).html_lang
    attrs = f' lang="{node["date_lang"]}" dir="ltr"' if english_block else ""
    items = "".join(f"<p>{e(line)}</p>" for line in lines)
    self.body.append(
        f'</div>\n<div class="un-distribution"{attrs}>{items}</div></div>\n</header>\n'
    )


def visit_title_block_html(self: HTML5Translator, node: title_block) -> None:
    self.body.append('<div class="un-title-block">\n')


def depart_title_block_html(self: HTML5Translator, node: title_block) -> None:
    self.body.append("</div>\n")


# -- LaTeX ------------------------------------------------------------------------------

def visit_masthead_latex(self: LaTeXTranslator, node: masthead) -> None:
    e = self.encode
    lines = [e(node["distribution"]), e(node["date"])]
    if node["language_line"]:
        lines.append(e(node["language_line"]))
    lines.append(e(node["original"]))
    english_block = node["date_lang"] != languages.get(self.config.language).html_lang
    block = r"\\".join(lines)
    if english_block:
        block = r"\unenglish{" + block + "}"
    self.body.append(
        "\n\\unmasthead{" + e(node["united_nations"]) + "}{" + e(node["symbol"]) + "}{"
        + block + "}{" + e(node["job"]) + " (" + node["letter"] + ")}{%\n"
    )


def depart_masthead_latex(self: LaTeXTranslator, node: masthead) -> None:
    self.body.append("}\n")


def visit_title_block_latex(self: LaTeXTranslator, node: title_block) -> None:
    self.body.append("\n\\begin{untitleblock}\n")


def depart_title_block_latex(self: LaTeXTranslator, node: title_block) -> None:
    self.body.append("\n\\end{untitleblock}\n\\unmaketitle\n")


# -- text, man, texinfo -----------------------------------------------------------------

def visit_masthead_plain(self: Any, node: masthead) -> None:
    write_nodes(self, node, paragraphs([node["united_nations"], node["symbol"]]))


def depart_masthead_plain(self: Any, node: masthead) -> None:
    lines = [node["distribution"], node["date"], node["language_line"], node["original"],
             f'{node["job"]} ({node["letter"]})']
    write_nodes(self, node, paragraphs(lines))


def same_symbol(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Two documents that give one symbol: each is a mistake, naming the other."""
    where: dict[str, list[str]] = {}
    for _, (symbol, location) in sorted(SYMBOLS.of(env).items()):
        where.setdefault(symbol, []).append(location)
    return [f"{location}: {symbol} is also the symbol of "
            f"{', '.join(other for other in locations if other != location)}; "
            "every document has a symbol of its own"
            for symbol, locations in where.items() if len(locations) > 1
            for location in locations]


def setup_masthead(app: Sphinx) -> None:
    SYMBOLS.connect(app)
    app.connect(COLLECTION_MISTAKES, same_symbol)
    app.add_node(
        masthead,
        html=(visit_masthead_html, depart_masthead_html),
        latex=(visit_masthead_latex, depart_masthead_latex),
        **plain(visit_masthead_plain, depart_masthead_plain),
    )
    app.add_node(
        title_block,
        html=(visit_title_block_html, depart_title_block_html),
        latex=(visit_title_block_latex, depart_title_block_latex),
        **plain(),
    )
    app.add_directive("un-document", UNDocumentDirective)
