"""The ``symbol`` role: a UN document symbol, unbroken, linked to the reader's language.

``{symbol}`CTOC/COP/WG.7/2020/2``` renders the symbol as one left-to-right unit (also
inside Arabic text) that links to ``https://undocs.org/<lang>/<symbol>``, the official
document in the language of the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from meetingdocs.sphinx_ext.nodes import plain
from meetingdocs.sphinx_ext.roles import DataRole, RoleResult
from meetingdocs.un.symbols import is_symbol, undocs_url
from meetingdocs.un.vocabulary import Content, roles_holding

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


class document_symbol(nodes.reference):
    """A document symbol: a reference that must never be broken or reordered."""


class SymbolRole(DataRole):
    """Render ``{symbol}`...``` as a link to the document in the page's language."""

    def run(self) -> RoleResult:
        symbol = self.text.strip()
        if not is_symbol(symbol):
            return self.fail(
                f"{symbol!r} is not a United Nations document symbol in Latin letters "
                "(e.g. CTOC/COP/WG.7/2020/2, ICCD/COP(15)/CST/1, S/RES/2532 (2020))"
            )
        url = undocs_url(symbol, self.language.undocs)
        return [document_symbol(self.rawtext, symbol, refuri=url, classes=["un-symbol"])], []


def visit_symbol_html(self: HTML5Translator, node: document_symbol) -> None:
    self.body.append(
        '<a class="un-symbol reference external" translate="no" dir="ltr" '
        f'href="{self.attval(node["refuri"])}">'
    )


def depart_symbol_html(self: HTML5Translator, node: document_symbol) -> None:
    self.body.append("</a>")


def visit_symbol_latex(self: LaTeXTranslator, node: document_symbol) -> None:
    # \mbox keeps the symbol on one line; \unLR keeps it left to right in Arabic.
    self.body.append(r"\sphinxhref{" + self.encode_uri(node["refuri"]) + r"}{\mbox{\unLR{")


def depart_symbol_latex(self: LaTeXTranslator, node: document_symbol) -> None:
    self.body.append("}}}")


def setup_symbols(app: Sphinx) -> None:
    app.add_node(
        document_symbol,
        html=(visit_symbol_html, depart_symbol_html),
        latex=(visit_symbol_latex, depart_symbol_latex),
        **plain(),
    )
    for name in roles_holding(Content.SYMBOL):
        app.add_role(name, SymbolRole())
