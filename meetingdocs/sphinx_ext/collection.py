"""The ``document-list`` directive: the collection's documents, each with its symbol and PDF.

Adding a document to a collection is adding its ``.md`` file: the list on the language's
home page is made from what Sphinx read (titles, and the symbol the ``un-document``
directive records in the document's metadata), so it never goes stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from meetingdocs import languages
from meetingdocs.sphinx_ext.documents import meeting_documents
from meetingdocs.sphinx_ext.html import PDF_FOLDER

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class document_list(nodes.General, nodes.Element):
    """Placeholder, filled once every document's title is known."""


class DocumentListDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = document_list()
        self.set_source_info(node)
        return [node]


def fill_document_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: one entry per document: symbol, linked title, PDF."""
    env = app.env
    lang = languages.get(app.config.language)
    up = "../" * (docname.count("/") + 1)
    for node in list(doctree.findall(document_list)):
        entries = nodes.bullet_list(classes=["un-documents"])
        for name in meeting_documents(env):
            if name not in env.titles:
                continue
            item = nodes.list_item()
            para = nodes.paragraph()
            symbol = env.metadata.get(name, {}).get("un-symbol", name)
            para += nodes.inline("", symbol, classes=["un-symbol"])
            para += nodes.Text(" ")
            ref = nodes.reference("", "", internal=True,
                                  refuri=app.builder.get_relative_uri(docname, name))
            ref += env.titles[name].children
            para += ref
            if app.builder.format == "html":
                para += nodes.Text(" ")
                para += nodes.reference(
                    "", "PDF", refuri=f"{up}{PDF_FOLDER}/{languages.pdf_name(name, lang.code)}",
                    classes=["un-pdf-link"],
                )
            item += para
            entries += item
        node.replace_self(entries)


def setup_collection(app: Sphinx) -> None:
    app.add_node(document_list)
    app.add_directive("document-list", DocumentListDirective)
    app.connect("doctree-resolved", fill_document_lists)
