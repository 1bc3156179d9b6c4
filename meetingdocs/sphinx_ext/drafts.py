"""What marks a language version as a draft: the HTML banner and the PDF watermark.

Every version is built once, as a draft; the site publishes only the versions whose
catalogues are ready (:func:`meetingdocs.sphinx_ext.manifest.version_state`). The HTML
banner ("Draft – translation 41 per cent complete", in the version's language) is on
every page, marked so that publication can leave it out
(:mod:`meetingdocs.publish.publication`). A PDF cannot be edited that way: the PDF of a
version that is not published carries the draft word across each page and the banner's
words at the top of each page; the PDF of a published version carries neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.texescape import escape

from meetingdocs import languages
from meetingdocs.sphinx_ext.documents import meeting_documents
from meetingdocs.sphinx_ext.manifest import version_state
from meetingdocs.un import readiness

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def draft_banner(app: Sphinx, pagename: str, documents: list[str]) -> str:
    """The banner of ``pagename``'s draft in this build's language."""
    code = languages.get(app.config.language).code
    if pagename not in documents and pagename != app.config.root_doc:
        return readiness.words(code).draft_word
    return readiness.draft_line(code, version_state(app, pagename).share)


def watermark(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the draft marks of an unpublished document's PDF."""
    if app.builder.format != "latex" or docname not in meeting_documents(app.env):
        return
    state = version_state(app, docname)
    if state.published:
        return
    code = languages.get(app.config.language).code
    word = escape(readiness.words(code).draft_word)
    line = escape(readiness.draft_line(code, state.share))
    doctree.insert(0, nodes.raw("", f"\\undraft{{{word}}}{{{line}}}\n", format="latex"))


def setup_drafts(app: Sphinx) -> None:
    app.connect("doctree-resolved", watermark)
