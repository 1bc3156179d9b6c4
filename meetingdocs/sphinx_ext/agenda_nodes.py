"""The agenda's own doctree nodes and how the HTML and LaTeX builders write them.

:mod:`meetingdocs.sphinx_ext.agenda` builds these nodes from the author's list and the
translated titles; this module only says what each node is and what markup it becomes:
an ordered list in HTML, the ``unagenda`` environment of ``meetingdocs.sty`` in LaTeX.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from meetingdocs.sphinx_ext.nodes import plain, plain_skip, then_space

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

# -- nodes ------------------------------------------------------------------------------

class agenda(nodes.General, nodes.Element):
    """The provisional agenda: the definition of every item."""


class agenda_item(nodes.General, nodes.Element):
    """One item (``number``, ``sub``); first child is its title paragraph."""


class agenda_label(nodes.Inline, nodes.TextElement):
    """A generated item label: ``1.``, ``(a)``, ``a)``, ``(أ)``."""


class agenda_ref(nodes.Inline, nodes.TextElement):
    """Placeholder for an item's title (``form="title"``) or reference (``"reference"``)."""


class annex_break(nodes.General, nodes.Element):
    """Where an annex starts: a new page in print."""


class schedule(nodes.General, nodes.Element):
    """The proposed organization of work, as data; becomes a table."""


# -- writers ----------------------------------------------------------------------------

def visit_agenda_html(self: HTML5Translator, node: agenda) -> None:
    self.body.append('<ol class="un-agenda">\n')


def depart_agenda_html(self: HTML5Translator, node: agenda) -> None:
    self.body.append("</ol>\n")


def _opens_sublist(node: agenda_item) -> bool:
    """The first sub-item of an item opens the nested list."""
    parent = node.parent
    return isinstance(parent, agenda_item) and next(
        c for c in parent.children if isinstance(c, agenda_item)) is node


def has_subitems(node: agenda_item) -> bool:
    """Whether an item has sub-items of its own."""
    return any(isinstance(c, agenda_item) for c in node.children)


def visit_agenda_item_html(self: HTML5Translator, node: agenda_item) -> None:
    if _opens_sublist(node):
        self.body.append('<ol class="un-agenda-sub">\n')
    kind = "un-subitem" if node["sub"] is not None else "un-item"
    self.body.append(f'<li class="{kind}">')


def depart_agenda_item_html(self: HTML5Translator, node: agenda_item) -> None:
    if has_subitems(node):
        self.body.append("</ol>")
    self.body.append("</li>\n")


def visit_label_html(self: HTML5Translator, node: agenda_label) -> None:
    self.body.append('<span class="un-label">')


def depart_label_html(self: HTML5Translator, node: agenda_label) -> None:
    self.body.append("</span> ")


def visit_agenda_latex(self: LaTeXTranslator, node: agenda) -> None:
    self.body.append("\n\\begin{unagenda}\n")


def depart_agenda_latex(self: LaTeXTranslator, node: agenda) -> None:
    self.body.append("\n\\end{unagenda}\n")


def visit_agenda_item_latex(self: LaTeXTranslator, node: agenda_item) -> None:
    if _opens_sublist(node):
        self.body.append("\n\\begin{unagenda}\n")
    self.body.append("\n\\item ")


def depart_agenda_item_latex(self: LaTeXTranslator, node: agenda_item) -> None:
    if has_subitems(node):
        self.body.append("\n\\end{unagenda}\n")


def visit_label_latex(self: LaTeXTranslator, node: agenda_label) -> None:
    self.body.append("\\unlabel{")


def depart_label_latex(self: LaTeXTranslator, node: agenda_label) -> None:
    self.body.append("}")


def visit_annex_html(self: HTML5Translator, node: annex_break) -> None:
    raise nodes.SkipNode


def visit_annex_latex(self: LaTeXTranslator, node: annex_break) -> None:
    self.body.append("\n\\clearpage\n")
    raise nodes.SkipNode


def register_nodes(app: Sphinx) -> None:
    """Register every agenda node with its HTML and LaTeX writers."""
    app.add_node(agenda, html=(visit_agenda_html, depart_agenda_html),
                 latex=(visit_agenda_latex, depart_agenda_latex), **plain())
    app.add_node(agenda_item, html=(visit_agenda_item_html, depart_agenda_item_html),
                 latex=(visit_agenda_item_latex, depart_agenda_item_latex), **plain())
    app.add_node(agenda_label, html=(visit_label_html, depart_label_html),
                 latex=(visit_label_latex, depart_label_latex), **plain(depart=then_space))
    app.add_node(annex_break, html=(visit_annex_html, None), latex=(visit_annex_latex, None),
                 **plain_skip())
