"""One long-lived process per language: a Sphinx application kept loaded and rebuilt.

A build of ``make html`` is a fresh process per language and run
(:mod:`meetingdocs.publish.sphinx_run`). Here the process of one language keeps its
application between changes, so a rebuild costs what Sphinx has to read and write, not
an interpreter, its imports and the loading of the environment. The application is made
exactly as :func:`meetingdocs.publish.sphinx_run._run_here` makes it (same folders, same
overrides), so what it writes is what ``make html`` writes.

Before each rebuild the steps the extension takes once per application are taken again,
with its own functions: the catalogues are compiled from the bytes read now
(:func:`~meetingdocs.sphinx_ext.catalogs.compile_catalogues`; a changed ``.mo`` makes
Sphinx re-read its documents) and checked
(:func:`~meetingdocs.sphinx_ext.guard.refuse_blocking_findings`); a blocking finding
stops the rebuild before anything is written. Sphinx keeps one translator per document
domain for the life of the process and only ever adds fallbacks to it: those are dropped,
or an edited msgstr would never be seen (and the chain would grow with every edit).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import needs_fresh_environment, record_environment

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

@dataclass
class BuildReport:
    """What one rebuild did, sent back to the server."""

    code: str
    ok: bool
    #: Pages written, relative to the language's folder (``doc.html``).
    pages: list[str] = field(default_factory=list)
    #: Why nothing was published (a refused catalogue, a failed build).
    errors: list[str] = field(default_factory=list)
    #: Sphinx's warnings (file and line) of the documents it read and wrote.
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


class LanguageBuilder:
    """The Sphinx application of one language, made on first use and kept."""

    def __init__(self, layout: Layout, code: str) -> None:
        self.layout, self.code = layout, code
        self.app: Any = None
        self.status, self.warning = io.StringIO(), io.StringIO()
        self.written: list[str] = []
        self.original_locale_dirs: list[str] = []

    def _make_app(self) -> Any:
        from sphinx.application import Sphinx

        doctrees = self.layout.doctree_dir(self.code)
        app = Sphinx(
            srcdir=self.layout.srcdir, confdir=self.layout.confdir,
            outdir=self.layout.draft_html_dir(self.code), doctreedir=doctrees, buildername="html",
            confoverrides={"language": self.code}, status=self.status, warning=self.warning,
            freshenv=needs_fresh_environment(doctrees), warningiserror=False, keep_going=True,
        )
        app.connect("html-page-context", self._note_page)
        return app

    def _note_page(self, app: Any, pagename: str, *args: Any) -> None:
        self.written.append(f"{pagename}.html")

    def _prepare(self) -> None:
        """Compile and check the catalogues again, as a new application would."""
        from meetingdocs.sphinx_ext.catalogs import compile_catalogues
        from meetingdocs.sphinx_ext.guard import refuse_blocking_findings

        config = self.app.config
        config.locale_dirs = list(self.original_locale_dirs)
        compile_catalogues(self.app, config)
        _drop_document_translators()
        refuse_blocking_findings(self.app)

    def build(self) -> BuildReport:
        import time

        from sphinx.errors import SphinxError

        started = time.monotonic()
        self.status.seek(0), self.status.truncate()
        self.warning.seek(0), self.warning.truncate()
        self.written = []
        report = BuildReport(self.code, ok=False)
        try:
            if self.app is None:
                from meetingdocs.publish.layout import read_config

                self.original_locale_dirs = list(read_config(self.layout.confdir).locale_dirs)
                _drop_document_translators()
                self.app = self._make_app()  # compiles and checks the catalogues itself
            else:
                self._prepare()
            self.app._warncount, self.app.statuscode = 0, 0
            self.app.build()
            report.ok = self.app.statuscode == 0
            if report.ok:
                record_environment(self.layout.doctree_dir(self.code))
                self._publish()
        except SphinxError as exc:
            report.errors.append(f"{exc.category}: {exc}")
            self._discard_if_broken(exc)
        except Exception as exc:  # noqa: BLE001 - the server must outlive a broken source
            report.errors.append(f"{type(exc).__name__}: {exc}")
            self.app = None
        warnings = [line for line in self.warning.getvalue().splitlines() if line.strip()]
        report.warnings = warnings
        report.pages = sorted(set(self.written))
        report.seconds = time.monotonic() - started
        return report

    def _publish(self) -> None:
        """The published pages and the review pages of this language, from the drafts
        just written (a review page is made again only if its catalogue changed)."""
        from meetingdocs import languages
        from meetingdocs.publish.layout import read_manifests
        from meetingdocs.publish.publication import publish_language
        from meetingdocs.publish.review import write_review_pages

        manifests = read_manifests(self.layout, list(languages.CODES))
        publish_language(self.layout, self.code, manifests)
        if self.code in manifests:
            write_review_pages(self.layout, {self.code: manifests[self.code]})

    def _discard_if_broken(self, exc: Exception) -> None:
        from meetingdocs.sphinx_ext.catalogs import CatalogueRefused
        from meetingdocs.sphinx_ext.mistakes import AuthorMistake

        # A refused catalogue leaves the application as it was, and a mistake in a source
        # stops it once every document is read, before anything is written: keep it (the
        # mended document is read again). Anything else may have stopped Sphinx half-way;
        # start again from what is on disk.
        if not isinstance(exc, CatalogueRefused | AuthorMistake) or self.app is None:
            self.app = None


def _drop_document_translators() -> None:
    from sphinx import locale

    for key in [k for k in locale.translators if k[1] != "sphinx"]:
        del locale.translators[key]


def run_worker(connection: Connection, root: str, code: str, environ: dict[str, str]) -> None:
    """The worker process: build on every ``"build"`` message until ``"stop"`` or EOF."""
    import signal

    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from meetingdocs import languages

    # Ctrl-C reaches the whole process group: the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nocolor()
    os.environ.update(environ)
    languages.use_collection(Path(root))
    layout = Layout(Path(root))
    builder = LanguageBuilder(layout, code)
    with patch_docutils(layout.confdir), docutils_namespace():
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError, KeyboardInterrupt):
                return
            if message != "build":
                return
            connection.send(builder.build())
