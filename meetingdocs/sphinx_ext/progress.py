"""Tell whoever runs a build that its documents are about to be read.

By then (``env-before-read-docs``) the catalogues are compiled and checked
(``builder-inited``) and the documents are found: a build that runs Sphinx in a process
of its own starts on what depends only on those, the review pages of the drafts, while
Sphinx reads and writes the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Called with the names of the build's documents; filled by the process running Sphinx.
READING: list[Callable[[list[str]], None]] = []


def announce_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for listener in READING:
        listener(sorted(env.found_docs))


def setup_progress(app: Sphinx) -> None:
    app.connect("env-before-read-docs", announce_reading)
