"""Refuse Markdown nested deeper than the parser keeps: past that it drops text silently.

markdown-it (under MyST) stops at ``maxNesting`` levels; a deeper quote or list loses
its text, and everything after it, with no warning. A source that deep stops the build
with its file and line instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from sphinx.errors import ExtensionError

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class TooDeeplyNested(ExtensionError):
    category = "Markup nested too deeply"


def check_nesting(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: stop at the first token at the parser's nesting limit."""
    parser = MarkdownIt("commonmark")
    limit = parser.options["maxNesting"]
    for token in parser.parse(source[0]):
        if token.level >= limit - 1:
            line = token.map[0] + 1 if token.map else 0
            raise TooDeeplyNested(
                f"{app.env.doc2path(docname)}:{line}: markup nested more than {limit - 2} "
                "levels deep; the Markdown parser would drop the text from here on"
            )


def setup_nesting(app: Sphinx) -> None:
    app.connect("source-read", check_nesting)
