"""An author's mistake in a source stops the build, with its file, line and a sentence.

A date that is not in the calendar (``{date}`2020-02-30```), an item key that no agenda
item has (``{item}`1z```), any datum a role or directive cannot read (an ``:issued:`` date,
a schedule line whose time range is reversed) is reported where it is found and recorded
here; once every document is read (``env-check-consistency``) the build
stops with every recorded mistake listed, before a page is written, so a document is
never published with "2020-02-30" printed in it. The record is kept per document in the
environment (:mod:`meetingdocs.sphinx_ext.records`), so an unchanged document with a
mistake still stops the next build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform

from meetingdocs.sphinx_ext.records import DocumentRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Per document: its mistakes, each "file:line: text".
MISTAKES = DocumentRecord("meetingdocs_mistakes")


class AuthorMistake(SphinxError):
    category = "Mistakes in the sources"


def record(env: BuildEnvironment, location: str, message: str) -> None:
    """Note a mistake of the document being read, at ``location`` ("file:line")."""
    docname = env.current_document.docname
    MISTAKES.of(env).setdefault(docname, []).append(f"{location}: {message}")


#: docutils' level of an error: a directive or role that could not do its work.
ERROR = 3


class RecordSourceErrors(SphinxTransform):
    """Every error docutils reported in the document (a directive that could not read
    its options or content, a role its data) is a mistake: else the masthead, the annex
    or a date would be left out or printed raw, and the build would still succeed."""

    # Before SmartQuotes (750) curls the quotes of the message, and FilterSystemMessages
    # (999) removes it.
    default_priority = 740

    def apply(self, **kwargs: object) -> None:
        for message in self.document.findall(nodes.system_message):
            if message["level"] >= ERROR:
                text = message[0].astext() if message.children else message.astext()
                record(self.env, f"{message.get('source') or self.env.docname}:"
                       f"{message.get('line') or 0}", text)


#: Emitted with the environment once every document is read; a handler returns the
#: mistakes that only the whole collection shows (two documents with one symbol), each
#: "file:line: text".
COLLECTION_MISTAKES = "meetingdocs-collection-mistakes"


def refuse_empty_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a meeting document with nothing in it (an empty file) is a
    mistake: it would be published as an empty page, and LaTeX cannot make its PDF."""
    env = app.env
    docname = env.current_document.docname
    if docname != app.config.root_doc and not doctree.astext().strip():
        record(env, f"{env.doc2path(docname)}:1", "the document is empty; write it, or "
               "remove the file")


def stop_on_mistakes(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: stop, listing every mistake, if there is any."""
    mistakes = MISTAKES.of(env)
    found = [line for docname in sorted(mistakes) for line in mistakes[docname]]
    found += [line for lines in app.emit(COLLECTION_MISTAKES, env) for line in lines or ()]
    if found:
        raise AuthorMistake("\n".join(found))


def setup_mistakes(app: Sphinx) -> None:
    MISTAKES.connect(app)
    app.add_event(COLLECTION_MISTAKES)
    app.add_transform(RecordSourceErrors)
    app.connect("doctree-read", refuse_empty_document)
    app.connect("env-check-consistency", stop_on_mistakes)
