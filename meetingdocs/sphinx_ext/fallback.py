"""Text that falls back to the source language is marked as that language, roles included.

A translation in progress leaves some messages without a translation (untranslated,
fuzzy, or refused by the catalogue checks); Sphinx's ``Locale`` transform then keeps the
English text and sets ``translated = False`` on the node. Left as it is, that English
sits unmarked inside an Arabic or Chinese page: the browser and LaTeX order its
punctuation right to left, and the dates and times in it, rendered in the page's
language when the source was read, make a sentence in no language at all.

After ``Locale`` this transform gives every such paragraph, heading, list item or table
cell the source language: ``lang``/``dir`` in HTML (an isolated left-to-right run in a
right-to-left page), an English run (``\\unenglish``) in LaTeX, and the generated words
inside it (dates, days, times, item references) in English. Translated text around it is
left alone. A build of the source language has nothing to mark. How much of each document
fell back is recorded: a catalogue that says complete while a paragraph of the source is
not in it yet (the source changed since ``update-po``) does not make a complete version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from meetingdocs import languages
from meetingdocs.sphinx_ext.nodes import plain
from meetingdocs.sphinx_ext.records import DocumentRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

#: The class of an element whose text is the source's (CSS sets its direction).
FALLBACK_CLASS = "un-fallback"
#: The attribute, on such an element, naming the language its text is in.
TEXT_LANGUAGE = "un_text_language"


class source_run(nodes.Inline, nodes.TextElement):
    """The content of a fallen-back element, as one run in the source language."""


#: Per document: (elements fallen back to the source, translatable elements), as built.
FALLBACK = DocumentRecord("meetingdocs_fallback")


def built_share(env: BuildEnvironment, docname: str) -> float | None:
    """Per cent of ``docname``'s translatable elements that this build translated; None
    when nothing was counted (a build of the source language)."""
    fallen, total = FALLBACK.of(env).get(docname, (0, 0))
    return 100.0 * (total - fallen) / total if total else None


def text_language(node: nodes.Node, page_language: str) -> str:
    """The language the text at ``node`` is written in: the page's, or the source's
    where ``node`` stands inside text that fell back to it."""
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, nodes.Element) and TEXT_LANGUAGE in parent:
            return parent[TEXT_LANGUAGE]
        parent = parent.parent
    return page_language


def translatable_elements(document: nodes.document) -> list[nodes.TextElement]:
    """The translatable elements of ``document``, each once (an element may give several
    messages). One walk: Sphinx's ``is_translatable`` formats every element it skips as
    XML for a debug message, even when nothing is logged."""
    found: dict[int, nodes.TextElement] = {}
    for node, _ in extract_messages(document):
        if isinstance(node, nodes.TextElement):
            found.setdefault(id(node), node)
    return list(found.values())


def fallen_back(elements: list[nodes.TextElement]) -> list[nodes.TextElement]:
    """The elements of ``elements`` that ``Locale`` left untranslated."""
    return [node for node in elements if not node.get("translated", False)]


class MarkSourceLanguageFallback(SphinxTransform):
    """Mark each untranslated element as source-language text (see the module)."""

    default_priority = 25  # after sphinx.transforms.i18n.Locale (20), before RenderAgenda

    def apply(self, **kwargs: object) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        page = languages.get(self.config.language)
        # As Sphinx's own transforms after Locale tell a gettext build.
        if page.code == languages.SOURCE_LANGUAGE or issubclass(
                self.env._builder_cls, MessageCatalogBuilder):
            return
        source = languages.get(languages.SOURCE_LANGUAGE)
        elements = translatable_elements(self.document)
        fallen = fallen_back(elements)
        FALLBACK.note(self.env, (len(fallen), len(elements)))
        for node in fallen:
            node[TEXT_LANGUAGE] = source.code
            node["classes"] += [FALLBACK_CLASS, f"language-{source.html_lang}"]
            run = source_run("", "", *node.children)
            node.children = []
            node += run
            for role in list(run.findall(_is_rendered_role)):
                role.replace_self(nodes.inline(
                    role.rawsource, _render(role, source.code), classes=role["classes"],
                    **{k: role[k] for k in ROLE_DATA}))


#: What a data role keeps on its node to be written again in another language.
ROLE_DATA = ("un_role", "un_data", "un_form")


def _is_rendered_role(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and all(k in node for k in ROLE_DATA)


def _render(role: nodes.inline, code: str) -> str:
    from meetingdocs.sphinx_ext.dateroles import FORMATTERS

    formatter = FORMATTERS[role["un_role"]]
    try:
        return formatter(role["un_data"], code, role["un_form"])
    except ValueError:  # a form of the translation that the source language lacks
        return formatter(role["un_data"], code, "")


def visit_source_run_html(self: HTML5Translator, node: source_run) -> None:
    source = languages.get(languages.SOURCE_LANGUAGE)
    self.body.append(f'<span lang="{source.html_lang}" dir="{source.direction}">')


def depart_source_run_html(self: HTML5Translator, node: source_run) -> None:
    self.body.append("</span>")


def visit_source_run_latex(self: LaTeXTranslator, node: source_run) -> None:
    self.body.append(r"\unenglish{")


def depart_source_run_latex(self: LaTeXTranslator, node: source_run) -> None:
    self.body.append("}")


def setup_fallback(app: Sphinx) -> None:
    FALLBACK.connect(app)
    app.add_node(source_run, html=(visit_source_run_html, depart_source_run_html),
                 latex=(visit_source_run_latex, depart_source_run_latex), **plain())
    app.add_transform(MarkSourceLanguageFallback)
