"""One thread per language in the server, driving that language's worker process.

A runner owns its worker (:mod:`meetingdocs.serve.worker`): it starts it, asks it to
rebuild when told the language is stale, restarts it when it dies, and stops it. Changes
that arrive while a rebuild runs are folded into one more rebuild after it, so any number
of quick saves end in one build of the last state. While a rebuild runs, ``ready`` is
clear: the server holds requests for the language's pages until it is set again, so no
page is ever served half-written.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meetingdocs.serve.worker import BuildReport, run_worker

#: Workers start with a fresh interpreter: a restart after a change to the package or
#: to ``conf.py`` must not inherit modules imported before it.
CONTEXT = multiprocessing.get_context("spawn")
STOP_TIMEOUT = 5.0
#: How often an idle runner looks whether its worker is still alive (seconds).
WATCH_EVERY = 1.0


class LanguageRunner:
    """Rebuilds one language on request, in its own worker process."""

    def __init__(self, root: Path, code: str, on_report: Callable[[BuildReport], None]) -> None:
        self.root, self.code, self.on_report = root, code, on_report
        self.ready = threading.Event()
        #: Held during an HTML rebuild; a PDF build of the language (same doctrees) takes it.
        self.doctrees = threading.Lock()
        self._wake = threading.Condition()
        self._stale = False
        self._restart = False
        self._stopping = False
        self._process: Any = None
        self._connection: Any = None
        self._thread = threading.Thread(target=self._loop, name=f"serve-{code}", daemon=True)
        self.builds = 0

    # -- called by the server -------------------------------------------------------------

    def start(self) -> None:
        self._stale = True
        self._thread.start()

    def request(self, restart: bool = False) -> None:
        """Rebuild soon; ``restart``: in a new worker (configuration or code changed)."""
        with self._wake:
            self._stale = True
            self._restart = self._restart or restart
            self._wake.notify()

    def stop(self) -> None:
        """Stop the worker (at once if it is building: its output would be thrown away)."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        process, connection = self._process, self._connection
        if process is not None:
            if self.ready.is_set():
                try:
                    connection.send("stop")
                except (OSError, BrokenPipeError):
                    pass
                process.join(STOP_TIMEOUT)
            if process.is_alive():
                process.terminate()
                process.join(STOP_TIMEOUT)
            if process.is_alive():
                process.kill()
                process.join()
        self._thread.join(STOP_TIMEOUT)

    def idle(self) -> bool:
        with self._wake:
            return self.ready.is_set() and not self._stale

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # -- the thread -----------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._stale and not self._stopping:
                    self._wake.wait(WATCH_EVERY)
                    if self._process is not None and not self._process.is_alive():
                        self._stale = True  # it died while idle: start it again now
                if self._stopping:
                    return
                self._stale, restart, self._restart = False, self._restart, False
            if restart:
                self._stop_worker()
            with self.doctrees:
                self.ready.clear()
                try:
                    report = self._build()
                finally:
                    self.ready.set()
            self.builds += 1
            try:
                self.on_report(report)
            except Exception as exc:  # noqa: BLE001 - the language must go on being served
                print(f"[{self.code:>5}] could not publish the rebuild: {exc!r}", flush=True)

    def _build(self) -> BuildReport:
        for _attempt in range(2):
            if self._stopping:
                break
            if self._process is None or not self._process.is_alive():
                self._start_worker()
            try:
                self._connection.send("build")
                report: BuildReport = self._connection.recv()
                return report
            except (EOFError, OSError, BrokenPipeError):
                self._stop_worker()  # it died: the next attempt starts a new one
        return BuildReport(self.code, ok=False, errors=[
            "stopped" if self._stopping else f"the {self.code} worker stopped while building"])

    def _start_worker(self) -> None:
        parent, child = CONTEXT.Pipe()
        self._process = CONTEXT.Process(
            target=run_worker, name=f"meetingdocs-serve-{self.code}",
            args=(child, str(self.root), self.code, dict(os.environ)), daemon=True,
        )
        self._process.start()
        child.close()
        self._connection = parent

    def _stop_worker(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is None:
            return
        try:
            connection.send("stop")
        except (OSError, BrokenPipeError):
            pass
        process.join(STOP_TIMEOUT)
        if process.is_alive():
            process.kill()
            process.join()
        connection.close()
