"""One command at a time writes a collection's ``_build``: the others wait, and say so.

Two ``make html`` started in the same folder (two terminals, an editor's build on save
and a manual one) would otherwise write the same pages, stamps and catalogues at once.
Each command that writes takes an exclusive lock on ``_build/.lock`` for its whole run
(``flock``: released by the system when the process ends, however it ends, so a killed
build never leaves a stale lock). A command that finds the lock taken prints which
process holds it and waits for it.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"


class BuildFolderUnwritable(OSError):
    """The build folder cannot be written; the message names it."""


@contextmanager
def collection_lock(build_dir: Path, command: str) -> Iterator[None]:
    """Hold the lock of ``build_dir`` while the block runs (``command``: what for)."""
    path = build_dir / LOCK_NAME
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise BuildFolderUnwritable(
            f"{build_dir}: the build folder cannot be written ({exc.strerror}); nothing "
            "was built") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(f"{path}: {holder} is writing this build folder; {command} waits for it "
                  "to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"meetingdocs {command} (process {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
