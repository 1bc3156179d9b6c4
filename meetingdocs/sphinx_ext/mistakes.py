"""An author's mistake in a source stops the build, with its file, line and a sentence.

A date that is not in the calendar (``{date}`2020-02-30```), an item key that no agenda
item has (``{item}`1z```) or any other datum a role cannot read is reported where it is
found and recorded here; once every document is read (``env-check-consistency``) the build
stops with every recorded mistake listed, before a page is written, so a document is
never published with "2020-02-30" printed in it. The record lives in the environment,
per document (purged when it is read again, merged from parallel readers), so an
unchanged document with a mistake still stops the next build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import SphinxError

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment's attribute: docname -> the mistakes found in it ("file:line: text").
RECORD = "meetingdocs_mistakes"


class AuthorMistake(SphinxError):
    category = "Mistakes in the sources"


def _record(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, RECORD):
        setattr(env, RECORD, {})
    return getattr(env, RECORD)


def record(env: BuildEnvironment, location: str, message: str) -> None:
    """Note a mistake of the document being read, at ``location`` ("file:line")."""
    _record(env).setdefault(env.current_document.docname, []).append(f"{location}: {message}")


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _record(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str],
          other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _record(other):
            _record(env)[docname] = _record(other)[docname]


def stop_on_mistakes(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: stop, listing every mistake, if there is any."""
    found = [line for docname in sorted(_record(env)) for line in _record(env)[docname]]
    if found:
        raise AuthorMistake("\n".join(found))


def setup_mistakes(app: Sphinx) -> None:
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-check-consistency", stop_on_mistakes)
