"""Facts about each document, found while it is read, kept in the build environment.

A transform or role that learns something of the document being read (a mistake of its
author, how much of it fell back to the source language) notes it in a
:class:`DocumentRecord`. The record is pickled with the environment, so an unchanged
document keeps its facts on the next build; it is purged when the document is read again
and merged from parallel readers, as Sphinx's own per-document data is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The file each language's build writes in its doctree folder, saying what it made
#: (:mod:`meetingdocs.sphinx_ext.manifest`); here, where reading its path costs no import.
MANIFEST_NAME = "meetingdocs-manifest.json"

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class DocumentRecord:
    """One kind of fact per document, stored as the environment attribute ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def of(self, env: BuildEnvironment) -> dict[str, Any]:
        """Docname -> fact, for every document read."""
        if not hasattr(env, self.name):
            setattr(env, self.name, {})
        return getattr(env, self.name)

    def note(self, env: BuildEnvironment, fact: Any) -> None:
        """Set the fact of the document being read."""
        self.of(env)[env.current_document.docname] = fact

    def _purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def _merge(self, app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str],
               other: BuildEnvironment) -> None:
        theirs = self.of(other)
        self.of(env).update({name: theirs[name] for name in docnames if name in theirs})

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)
