"""After a language's HTML: its search index, then its PDFs, one language at a time.

The search index is Pagefind's, made as the normal build makes it
(:func:`meetingdocs.publish.search.index_language`). The PDFs are made by the normal
command, ``meetingdocs build --formats pdf`` for that language, in a process group of its
own, once no change came for a second: it shares the language's doctrees with the HTML worker, so it holds the runner's
lock while it runs, and a new change to the language stops it at once (its PDF would be
out of date, and the reader's next look at the page comes first); it is started again
after the rebuild. Stopping the server stops the group, LaTeX included.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from meetingdocs import languages
from meetingdocs.publish.layout import Layout

#: Seconds without a change before the index and PDFs are made: a translator saving
#: again and again gets the CPU for the pages first.
QUIET = 1.0


class Background:
    """A queue of languages whose index and PDFs are to be made again."""

    def __init__(self, layout: Layout, locks: dict[str, threading.Lock], *, pdf: bool,
                 on_pdf: Callable[[str, list[str]], None],
                 command: Callable[[str], list[str]] | None = None,
                 log: Callable[[str], None] = print) -> None:
        self.layout, self.locks, self.pdf, self.on_pdf = layout, locks, pdf, on_pdf
        self.log = log
        self.command = command or self.pdf_command
        self._queue: list[str] = []
        self._wake = threading.Condition()
        self._stopping = False
        self._current: tuple[str, subprocess.Popen[bytes]] | None = None
        self._last_request = 0.0
        self._thread = threading.Thread(target=self._loop, name="serve-background", daemon=True)
        self.indexed: dict[str, int] = {}
        self.pdf_runs: dict[str, int] = {}

    def start(self) -> None:
        self._thread.start()

    def schedule(self, code: str) -> None:
        with self._wake:
            self._last_request = time.monotonic()
            if code not in self._queue:
                self._queue.append(code)
            self._wake.notify()

    def cancel(self, code: str) -> None:
        """A change to ``code`` is coming: drop its queued work, stop its running PDF."""
        with self._wake:
            self._last_request = time.monotonic()
            if code in self._queue:
                self._queue.remove(code)
            current = self._current
        if current is not None and current[0] == code:
            _stop_group(current[1])

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._queue.clear()
            current = self._current
            self._wake.notify()
        if current is not None:
            _stop_group(current[1])
        self._thread.join(10)

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._stopping and (
                        not self._queue or time.monotonic() - self._last_request < QUIET):
                    self._wake.wait(QUIET if self._queue else None)
                if self._stopping:
                    return
                code = self._queue.pop(0)
            self._index(code)
            if self.pdf:
                with self.locks[code]:
                    self._pdfs(code)

    def _index(self, code: str) -> None:
        from meetingdocs.publish.search import index_language

        try:
            _, errors = index_language(self.layout, code)
        except Exception as exc:  # noqa: BLE001 - the pages are served without their index
            errors = [repr(exc)]
        for error in errors:
            self.log(f"[{code:>5}] search index not made: {error}")
        self.indexed[code] = self.indexed.get(code, 0) + 1

    def pdf_command(self, code: str) -> list[str]:
        """The normal PDF build of one language: stamps, LaTeX, copies into the site."""
        return [sys.executable, "-m", "meetingdocs.cli", "--root", str(self.layout.root),
                "--languages", code, "build", "--formats", "pdf"]

    def _pdfs(self, code: str) -> None:
        started = time.time()
        command = self.command(code)
        with self._wake:
            if self._stopping:
                return
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
            self._current = (code, process)
        try:
            process.wait()
        finally:
            with self._wake:
                self._current = None
        self.pdf_runs[code] = self.pdf_runs.get(code, 0) + 1
        if process.returncode < 0:
            return  # stopped for a newer change, or by the server's end
        if process.returncode != 0:
            self.log(f"[{code:>5}] PDF not made: 'make latexpdf LANGUAGES={code}' says why")
        else:
            letter = languages.get(code).letter
            new = [p.name for p in self.layout.site_pdf_dir.glob(f"*_{letter}.pdf")
                   if p.stat().st_mtime >= started - 1]
            if new:
                self.on_pdf(code, sorted(new))


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a PDF build and everything it started (Sphinx, latexmk, the TeX engine)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

