"""``meetingdocs serve``: the site on ``127.0.0.1``, rebuilt in place as its inputs change.

The parts: one runner and worker process per language (:mod:`meetingdocs.serve.runners`),
a watcher (:mod:`watchfiles`) that turns changed files into the languages to rebuild
(:mod:`meetingdocs.serve.changes`), the HTTP server with its events
(:mod:`meetingdocs.serve.http`), and the search index and PDFs made after the HTML
(:mod:`meetingdocs.serve.background`). After each rebuild the landing, status and sitemap
pages are written again as ``make html`` writes them, and the open pages are told which
pages are new.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.serve.background import Background
from meetingdocs.serve.changes import plan, watched_files, watched_folders
from meetingdocs.serve.events import Hub
from meetingdocs.serve.http import WAIT_FOR_BUILD, Site, make_server
from meetingdocs.serve.runners import LanguageRunner
from meetingdocs.serve.worker import BuildReport

DRAFTS_FOLDER = "drafts"
#: watchfiles: yield once no new change came for STEP ms (at most DEBOUNCE ms after the first).
STEP_MS, DEBOUNCE_MS = 50, 800
SITE_ATTEMPTS = 3


class Service:
    """The running server; :meth:`start`, then :meth:`stop` (or :func:`serve` for both)."""

    def __init__(self, root: Path, codes: Sequence[str], port: int, *, pdf: bool = True,
                 log: Any = None) -> None:
        self.layout = Layout(root)
        self.codes = list(codes)
        self.log = log or functools.partial(print, flush=True)
        self.hub = Hub()
        self.site = Site(self.layout.site_dir, self.layout.build_dir / DRAFTS_FOLDER, self.hub)
        self.site.codes = tuple(self.codes)
        self.site.wait_for = self._wait_for
        self.site.status = self.status
        self.runners = {code: LanguageRunner(root, code, self._built) for code in self.codes}
        self.background = Background(
            self.layout, {code: r.doctrees for code, r in self.runners.items()}, pdf=pdf,
            on_pdf=self._pdf_ready, log=self.log)
        self._site_lock = threading.Lock()
        self._site_ready = threading.Event()
        self._site_ready.set()
        self._stop = threading.Event()
        self.http = make_server(self.site, port)
        self.port = self.http.server_address[1]
        self.reports: list[BuildReport] = []
        self._threads: list[threading.Thread] = []

    # -- life ------------------------------------------------------------------------------

    def start(self) -> None:
        self.layout.site_dir.mkdir(parents=True, exist_ok=True)
        self.background.start()
        for runner in self.runners.values():
            runner.start()
        for target, name in ((self._serve_http, "serve-http"), (self._watch_folders, "watch"),
                             (self._watch_files, "watch-files")):
            thread = threading.Thread(target=target, name=f"serve-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self.log(f"serving {self.layout.site_dir} at http://127.0.0.1:{self.port}/ "
                 f"({', '.join(self.codes)}); Ctrl-C stops")

    def wait_until_idle(self, timeout: float = 120.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if all(r.idle() for r in self.runners.values()):
                return True
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        self._stop.set()
        self.hub.close()
        self.http.shutdown()
        self.http.server_close()
        self.background.stop()
        for runner in self.runners.values():
            runner.stop()
        for thread in self._threads:
            thread.join(5)

    def status(self) -> dict[str, Any]:
        """For the tests and the benchmark: the worker processes and what they did."""
        return {
            "pid": os.getpid(),
            "workers": {c: r.pid for c, r in self.runners.items()},
            "builds": {c: r.builds for c, r in self.runners.items()},
            "idle": all(r.idle() for r in self.runners.values()),
            "problems": self.site.problems,
            "refused": sorted(self.site.refused),
            "pdf_runs": self.background.pdf_runs,
        }

    # -- threads ---------------------------------------------------------------------------

    def _serve_http(self) -> None:
        self.http.serve_forever(poll_interval=0.2)

    def _watch_folders(self) -> None:
        self._watch(watched_folders(self.layout), recursive=True)

    def _watch_files(self) -> None:
        files = set(watched_files(self.layout))
        self._watch(sorted({f.parent for f in files}), recursive=False,
                    only=lambda path: Path(path) in files)

    def _watch(self, paths: list[Path], *, recursive: bool, only: Any = None) -> None:
        import watchfiles

        # The default filter leaves out editors' swap and backup files, caches and VCS.
        default = watchfiles.DefaultFilter()
        for changes in watchfiles.watch(
                *paths, stop_event=self._stop, step=STEP_MS, debounce=DEBOUNCE_MS,
                recursive=recursive, raise_interrupt=False,
                watch_filter=lambda change, path: default(change, path) and (
                    only is None or only(path))):
            todo = plan(self.layout, self.codes, (Path(p) for _, p in changes))
            if os.environ.get("MEETINGDOCS_SERVE_DEBUG"):
                self.log(f"{time.time():.3f} changes {sorted(p for _, p in changes)}")
            for code in sorted(todo.rebuild | todo.restart):
                self.background.cancel(code)
                self.runners[code].request(restart=code in todo.restart)

    def _wait_for(self, code: str) -> None:
        if code in self.runners:
            self.runners[code].ready.wait(WAIT_FOR_BUILD)
        self._site_ready.wait(WAIT_FOR_BUILD)

    # -- what a runner reports -------------------------------------------------------------

    def _built(self, report: BuildReport) -> None:
        self.reports = [*self.reports[-50:], report]
        code = report.code
        had = bool(self.site.problems.get(code))
        published = report.ok and not report.errors
        problems = [self._relative(line) for line in [*report.errors, *report.warnings]]
        problems = problems or ([] if published else ["the build failed"])
        if problems:
            self.site.problems[code] = problems
        else:
            self.site.problems.pop(code, None)
        (self.site.refused.discard if published else self.site.refused.add)(code)
        state = "ok" if published else "NOT PUBLISHED"
        self.log(f"[{code:>5}] {state}: {len(report.pages)} page(s) in {report.seconds:.2f} s")
        for line in problems:
            self.log(f"[{code:>5}] {line}")
        # The published page and its draft, which translators watch while they work.
        drafts = self.layout.draft_html_dir(code).relative_to(self.layout.build_dir)
        pages = [f"/{code}/{page}" for page in report.pages]
        pages += [f"/{drafts.as_posix()}/{page}" for page in report.pages]
        if report.pages:
            pages += self._refresh_site()
        self.hub.publish("rebuilt", {"code": code, "pages": pages,
                                     "problems": self.site.problems.get(code, []),
                                     "all": had or code in self.site.problems})
        if report.ok and report.pages:
            self.background.schedule(code)

    def _relative(self, text: str) -> str:
        """Paths of the collection as the reader knows them: ``locale/fr/...po:12``."""
        root = self.layout.root

        def shorten(match: re.Match[str]) -> str:
            path = os.path.normpath(match.group(0))
            return os.path.relpath(path, root) if Path(path).is_relative_to(root) else path

        return re.sub(r"/[^\s:]+", shorten, text) if str(root) in text else text

    def _refresh_site(self) -> list[str]:
        from meetingdocs.publish.site import write_site_pages
        from meetingdocs.publish.sitemap import write_sitemap

        written: list[Path] = []
        with self._site_lock:
            self._site_ready.clear()
            try:
                # Another language's worker may be writing its manifest at this moment.
                for attempt in range(SITE_ATTEMPTS):
                    try:
                        written = write_site_pages(self.layout, list(languages.CODES))
                        write_sitemap(self.layout)
                        break
                    except ValueError as exc:
                        if attempt == SITE_ATTEMPTS - 1:
                            self.log(f"landing and status pages not written: {exc}")
                        time.sleep(0.1)
            finally:
                self._site_ready.set()
        return [f"/{p.relative_to(self.layout.site_dir).as_posix()}" for p in written]

    def _pdf_ready(self, code: str, pdfs: list[str]) -> None:
        self.log(f"[{code:>5}] PDF ready: {', '.join(pdfs)}")
        self.hub.publish("pdf", {"code": code, "pdfs": pdfs, "version": int(time.time())})


def serve(root: Path, codes: Sequence[str], port: int, *, pdf: bool = True) -> int:
    """Serve until Ctrl-C or SIGTERM; every worker and PDF build is stopped on the way out."""
    try:
        service = Service(root, codes, port, pdf=pdf)
    except OSError as exc:
        print(f"cannot serve on 127.0.0.1:{port}: {exc.strerror} (PORT=... picks another)")
        return 2
    stop = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    service.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        service.log("stopping")
        service.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
