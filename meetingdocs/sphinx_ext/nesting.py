"""Refuse Markdown nested deeper than the parser keeps: past that it drops text silently.

markdown-it (under MyST) stops at ``maxNesting`` levels; a deeper quote or list loses
its text, and everything after it, with no warning. A source that deep stops the build
with its file and line instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.errors import ExtensionError

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The blocks an author nests: each level of them is what the message counts.
CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})


class TooDeeplyNested(ExtensionError):
    category = "Markup nested too deeply"


def check_nesting(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: stop at the first token at the parser's nesting limit.

    The parser is MyST's own, configured as for the build (its extensions, the file's
    front matter), so the tokens are those the document will be made from.
    """
    config = app.env.myst_config
    try:
        topmatter = read_topmatter(source[0])
    except TopmatterReadError:
        topmatter = None  # MyST reports it when it parses the document
    if topmatter:
        config = merge_file_level(config, topmatter, lambda kind, message: None)
    parser = create_md_parser(config, SphinxRenderer)
    limit = parser.options["maxNesting"]
    open_blocks: list[str] = []
    for token in parser.parse(source[0]):
        if token.level >= limit - 1:
            line = token.map[0] + 1 if token.map else 0
            containers = sum(1 for kind in open_blocks if kind in CONTAINERS)
            raise TooDeeplyNested(
                f"{app.env.doc2path(docname)}:{line}: {containers} lists or quotes one "
                f"inside another; the Markdown parser reads {limit - 2} levels of markup "
                "(a list takes two: the list and its item) and would drop the text from "
                "here on"
            )
        if token.nesting == 1:
            open_blocks.append(token.type)
        elif token.nesting == -1 and open_blocks:
            open_blocks.pop()


def setup_nesting(app: Sphinx) -> None:
    app.connect("source-read", check_nesting)
