"""Keep pickled doctrees small: no node may point at another document.

Sphinx parses each translation into a throwaway document; the translated nodes keep a
link to it, and through it to the whole build environment, so every translated doctree
saved a copy of everything read before it (118 MB of French doctrees for 200 agendas
instead of 8 MB). On ``doctree-read`` such links are pointed back at the document itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def rebind_documents(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall():
        own = node.__dict__.get("_document")
        if own is not None and own is not doctree:
            node._document = doctree


def setup_doctrees(app: Sphinx) -> None:
    app.connect("doctree-read", rebind_documents)
