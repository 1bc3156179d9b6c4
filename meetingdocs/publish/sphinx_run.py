"""Run Sphinx for one language and builder, each run in a fresh child process.

Sphinx keeps per-process state that must not pass from one language to the next: its
gettext translators (one language's catalogues would serve as fallback for the next, and
an edited catalogue would not be seen), and labels translated when their module is first
imported. So every run is a new process, forked from a server that imported Sphinx, its
built-in extensions and this package while no language was active
(:mod:`meetingdocs.publish.preload`): no run can see another's state, and starting one
costs a fork, not an interpreter and its imports.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import needs_fresh_environment, record_environment

#: Imported once by the server that every run is forked from.
PRELOAD = ["meetingdocs.publish.preload"]

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection

Outcome = tuple[bool, str, list[str]]
#: The collector's thresholds in a Sphinx run (generation 0 counts allocations).
GC_THRESHOLDS = (50_000, 20, 20)


#: The first element of the message a run sends when it starts reading its documents.
READING = "reading"


def start_server() -> None:
    """Start the server runs are forked from, if it is not running: its imports (most of
    a run's start) then overlap the caller's own work before its first run."""
    import multiprocessing
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


def run_sphinx(
    layout: Layout, code: str, builder: str, outdir: Path,
    on_reading: Callable[[list[str]], None] | None = None,
    parses: dict[bytes, bytes] | None = None,
) -> Outcome:
    """Run Sphinx in a fresh child process; returns success, a summary and the warnings.

    ``on_reading`` is called, in this process, with the build's document names once its
    catalogues are checked and its documents found, while the child goes on. ``parses``
    are catalogue parses made here (:func:`meetingdocs.publish.ahead.check_ahead`).
    """
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    receiver, sender = context.Pipe(duplex=False)
    # The server was started by the first run: give this one today's environment
    # (SOURCE_DATE_EPOCH, for one), not the server's.
    child = context.Process(target=_run_child, name=f"sphinx-{code}-{builder}",
                            args=(sender, layout, code, builder, outdir, dict(os.environ),
                                  parses or {}))
    child.start()
    sender.close()
    try:
        while True:
            message = receiver.recv()
            if message[0] != READING:
                outcome: Outcome = message
                break
            if on_reading is not None:
                on_reading(message[1])
    except EOFError:
        outcome = (False, f"the Sphinx process stopped (exit code {child.exitcode})", [])
    child.join()
    return outcome


def _run_child(sender: Connection, *args: Any) -> None:
    from meetingdocs.sphinx_ext import progress

    progress.READING.append(lambda docnames: sender.send((READING, docnames)))
    sender.send(_run_here(*args))
    sender.close()


def _run_here(
    layout: Layout, code: str, builder: str, outdir: Path, environ: dict[str, str],
    parses: dict[bytes, bytes] | None = None,
) -> Outcome:
    import gc
    import io

    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from meetingdocs.i18n.poread import remember_parses

    os.environ.clear()
    os.environ.update(environ)
    remember_parses(parses or {})
    # A build makes millions of small objects that live until it ends (doctrees, tokens):
    # at Python's default threshold (700) the collector runs a thousand times and takes
    # a tenth of a build, finding next to nothing to free.
    gc.set_threshold(*GC_THRESHOLDS)
    # The gettext builder's environment cannot be shared with HTML and LaTeX.
    doctrees = layout.doctree_dir("gettext" if builder == "gettext" else code)
    fresh = needs_fresh_environment(doctrees)
    status, warning = io.StringIO(), io.StringIO()
    try:
        with patch_docutils(layout.confdir), docutils_namespace():
            app = Sphinx(
                srcdir=layout.srcdir, confdir=layout.confdir, outdir=outdir,
                doctreedir=doctrees, buildername=builder,
                confoverrides={"language": code}, status=status, warning=warning,
                freshenv=fresh, warningiserror=False, keep_going=True,
            )
            app.build()
            ok = app.statuscode == 0
        if ok:
            record_environment(doctrees)
    except SphinxError as exc:
        return False, f"{exc.category}: {exc}", _lines(warning.getvalue())
    except Exception as exc:  # noqa: BLE001 - a crash in one language must not stop the others
        return False, f"{type(exc).__name__}: {exc}", _lines(warning.getvalue())
    return ok, _read_summary(status.getvalue()), _lines(warning.getvalue())


def _read_summary(status: str) -> str:
    """"3 documents read" from Sphinx's "[n] added, [m] changed, [k] removed" line."""
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    if not counts:
        return "built"
    read = int(counts.group(1)) + int(counts.group(2))
    return f"{read} document{'s' if read != 1 else ''} read" if read else "nothing to read"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]
