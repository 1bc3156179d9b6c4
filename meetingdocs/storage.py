"""Files the build writes for itself (stamps, manifests, memos): whole or not at all.

Other processes read these files while a build writes them (the other languages'
workers, the live server, the next run after a kill), so each is written beside its
place and renamed over it: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a rename; make its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    if isinstance(data, str):
        partial.write_text(data, encoding="utf-8")
    else:
        partial.write_bytes(data)
    os.replace(partial, path)
