"""The collection's meeting documents: what Sphinx found, less the collection's own page.

Adding a document is adding its source file: Sphinx discovers it (``env.found_docs``,
honouring ``exclude_patterns``), and every list of documents (the language's home page,
the PDFs, the page links, the site's manifest) is made from this one function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def meeting_documents(env: BuildEnvironment) -> list[str]:
    """Every document Sphinx found but the root document (``root_doc``), sorted."""
    return sorted(env.found_docs - {env.config.root_doc})
