"""Input fingerprints and stamps: a language version whose inputs did not change is skipped.

A task's fingerprint hashes everything it depends on (sources, that language's catalogues,
``conf.py``, this package); its stamp records the fingerprint and outputs of its last
success. A change to the package also starts Sphinx from a fresh environment.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.storage import write_whole

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The kinds of this package's files that a build depends on.
PACKAGE_SUFFIXES = frozenset({".py", ".sty", ".html", ".css", ".js", ".toml"})


@functools.cache
def package_files() -> tuple[Path, ...]:
    """This package's code, templates and styles: a change re-reads every document.

    Listed once per process: the package a process runs does not change under it (the
    live server starts its workers again when it does)."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE_DIR):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found += [Path(folder, name) for name in names
                  if os.path.splitext(name)[1] in PACKAGE_SUFFIXES]
    return tuple(sorted(found))


def input_files(layout: Layout, code: str) -> list[Path]:
    """Everything a language version depends on: ``conf.py`` and the collection's own
    language packs, the sources, this package, and for a translation its catalogues and
    the glossary they are checked against."""
    files = [p for p in [layout.confdir / "conf.py"] if p.exists()]
    files += sorted((layout.confdir / languages.COLLECTION_DIR).glob("*.toml"))
    files += sorted(p for p in layout.srcdir.rglob("*") if p.is_file())
    if code != languages.SOURCE_LANGUAGE:
        files += sorted(p for folder in layout.locale_dirs
                        for p in (folder / code).rglob("*.po"))
        files += [layout.glossary] if layout.glossary and layout.glossary.is_file() else []
    return files + list(package_files())


def content_digest(path: Path) -> bytes:
    """The SHA-256 of a file's bytes, read once per process while the file's status
    (modification time, size, inode) stays the same: one build fingerprints the package
    and the sources for every language and format."""
    status = os.stat(path)
    return _digest_of(str(path), status.st_mtime_ns, status.st_size, status.st_ino)


@functools.lru_cache(maxsize=4096)
def _digest_of(path: str, mtime_ns: int, size: int, inode: int) -> bytes:
    return hashlib.sha256(Path(path).read_bytes()).digest()


def package_digest() -> str:
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.name.encode() + content_digest(path))
    return digest.hexdigest()


def _digest_marker(doctree_dir: Path) -> Path:
    return doctree_dir / "meetingdocs.digest"


def needs_fresh_environment(doctree_dir: Path) -> bool:
    """Sphinx re-reads a document when its source or catalogue changes, not when the
    extension that transforms it does: a new package digest starts from scratch. HTML
    and LaTeX share the environment, so the marker is per language, written on success."""
    marker = _digest_marker(doctree_dir)
    return not marker.exists() or marker.read_text() != package_digest()


def record_environment(doctree_dir: Path) -> None:
    doctree_dir.mkdir(parents=True, exist_ok=True)
    _digest_marker(doctree_dir).write_text(package_digest())


def fingerprint(layout: Layout, code: str, fmt: str) -> str:
    """The hash of a task's inputs: each file's name (relative to the collection or the
    package) and bytes."""
    digest = hashlib.sha256(f"{code}:{fmt}".encode())
    bases = [f"{layout.root}{os.sep}", f"{PACKAGE_DIR}{os.sep}"]
    for path in input_files(layout, code):
        name = str(path)
        base = next((base for base in bases if name.startswith(base)), None)
        digest.update((name[len(base):] if base else path.name).encode())
        digest.update(content_digest(path))
    return digest.hexdigest()


def is_current(layout: Layout, code: str, fmt: str, print_: str) -> bool:
    stamp = layout.stamp(code, fmt)
    if not stamp.exists():
        return False
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False  # unreadable: built again
    return isinstance(recorded, dict) and recorded.get("inputs") == print_ and all(
        (layout.root / out).exists() for out in recorded.get("outputs", [])
    )


#: Where the keys of the published languages are kept, relative to ``_build``: the
#: site's own state, remade (not merged) when shards are assembled.
PUBLICATION_MEMO = "stamps/published.json"


def _publication_memo(layout: Layout) -> Path:
    return layout.build_dir / PUBLICATION_MEMO


def read_publication(layout: Layout) -> dict[str, str]:
    """The key each language version was last published from (language -> key)."""
    memo = _publication_memo(layout)
    try:
        recorded = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def record_publication(layout: Layout, keys: dict[str, str]) -> None:
    """Written last, after every page of those languages was published."""
    write_whole(_publication_memo(layout), json.dumps(keys, sort_keys=True))
