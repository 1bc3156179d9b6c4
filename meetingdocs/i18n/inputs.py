"""Read translator input (catalogues, XLIFF files) safely: regular files only, bounded.

A catalogue or an XLIFF file comes from outside the project. It is opened without
following a symbolic link, must be a regular file (not a device, a pipe or a folder) and
may be at most :data:`MAX_INPUT_BYTES` long; otherwise :class:`InputRefused` says why,
and nothing of the file is read, so no message can ever show what a link points to.
:func:`outside` tells whether a path leads out of the folders it must stay in.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

#: The largest catalogue or XLIFF file read (the largest real catalogue is ~100 kB).
MAX_INPUT_BYTES = 32 * 1024 * 1024


class InputRefused(ValueError):
    """A file that is not read: a link, not a regular file, outside its folder, too large.

    ``code`` is the finding code (``not-a-catalogue`` or ``too-large``).
    """

    def __init__(self, path: Path, code: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.code, self.reason = path, code, reason


def read_input(path: Path, *, limit: int | None = None, what: str = "catalogue") -> bytes:
    """The bytes of ``path``, refused if it is a link, not a regular file or larger than
    ``limit`` (default :data:`MAX_INPUT_BYTES`)."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if Path(path).is_symlink():
            raise InputRefused(path, "not-a-catalogue", f"the {what} is a symbolic link; "
                               "it was not read (copy the file itself here)") from None
        raise
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(path, "not-a-catalogue",
                               f"the {what} is not a regular file; it was not read")
        if info.st_size > limit:
            raise InputRefused(path, "too-large", _too_large(what, info.st_size, limit))
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(path, "too-large", _too_large(what, len(data), limit))
    return data


def _too_large(what: str, size: int, limit: int) -> str:
    return (f"the {what} is {size:,} bytes, more than the {limit:,} bytes accepted; "
            "it was not read")


def outside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether ``path``, or a folder on the way to it, leads out of every one of ``roots``
    (through a symbolic link, or because it is elsewhere)."""
    resolved = Path(path).resolve()
    return not any(resolved.is_relative_to(Path(root).resolve()) for root in roots)
