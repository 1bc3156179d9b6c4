"""Visitors of the extension's nodes for the plain builders: text, man and texinfo.

HTML and LaTeX have their own visitors beside each node. The plain builders need no
layout of their own: a node is transparent (its children are written as usual), writes
some standard nodes of its own (a masthead becomes its lines), or is skipped where it
has no sense (a page break). Whatever is written goes through the builder's own
translator, so escaping and wrapping are the builder's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes

PLAIN_BUILDERS = ("text", "man", "texinfo")

Visitor = Callable[[Any, nodes.Element], None]


def _transparent(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def write_nodes(translator: Any, parent: nodes.Element, children: Iterable[nodes.Node]) -> None:
    """Have ``translator`` write standard nodes as if they were children of ``parent``."""
    for child in children:
        child.parent = parent
        child.document = parent.document
        child.walkabout(translator)


def paragraphs(lines: Iterable[str]) -> list[nodes.paragraph]:
    return [nodes.paragraph("", line) for line in lines if line]


def plain(visit: Visitor | None = None, depart: Visitor | None = None) -> dict[str, tuple]:
    """``add_node`` keywords for the plain builders (default: the node is transparent)."""
    return {name: (visit or _transparent, depart or _transparent) for name in PLAIN_BUILDERS}


def plain_skip() -> dict[str, tuple]:
    """``add_node`` keywords for the plain builders: the node is not written."""
    return {name: (_skip, None) for name in PLAIN_BUILDERS}


def then_space(self: Any, node: nodes.Element) -> None:
    """Depart with a space (a label before its text)."""
    write_nodes(self, node, [nodes.Text(" ")])
