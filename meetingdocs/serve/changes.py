"""What a changed file means for the served site: which languages to rebuild, and how.

A catalogue concerns its own language; a source every language; the glossary every
translated language (the checks read it); ``conf.py``, a collection's language pack and
this package's code, templates and styles every language in a new worker (the
application must be made again, and a changed package starts from a fresh environment,
as :func:`meetingdocs.publish.stamps.needs_fresh_environment` decides).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs import languages
from meetingdocs.languages import COLLECTION_DIR
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import PACKAGE_DIR, PACKAGE_SUFFIXES


@dataclass
class Plan:
    """The languages to rebuild, and those whose worker must start again."""

    rebuild: set[str] = field(default_factory=set)
    restart: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.rebuild or self.restart)


def watched_folders(layout: Layout) -> list[Path]:
    """The folders the server watches, with everything below them."""
    paths = [layout.srcdir, *layout.locale_dirs, PACKAGE_DIR, layout.confdir / COLLECTION_DIR]
    if layout.glossary is not None:
        paths.append(layout.glossary.parent)
    unique: list[Path] = []
    for path in (p.resolve() for p in paths):
        if path.is_dir() and not any(path.is_relative_to(p) for p in unique):
            unique = [p for p in unique if not p.is_relative_to(path)] + [path]
    return unique


def watched_files(layout: Layout) -> list[Path]:
    """Single files the server watches through their folder (not below it: that folder
    holds ``_build``), so that an editor that saves by renaming is seen too."""
    return [layout.confdir / "conf.py"]


def plan(layout: Layout, codes: Sequence[str], changed: Iterable[Path]) -> Plan:
    """Which of ``codes`` the ``changed`` files make stale."""
    result = Plan()
    translated = set(languages.translated(list(codes)))
    for path in (Path(p).resolve() for p in changed):
        if path.name.startswith(".") or path.is_relative_to(layout.build_dir):
            continue
        if path == layout.confdir / "conf.py" or path.is_relative_to(
                layout.confdir / COLLECTION_DIR):
            result.restart |= set(codes)
        elif path.is_relative_to(PACKAGE_DIR):
            if path.suffix in PACKAGE_SUFFIXES:
                result.restart |= set(codes)
        elif code := _catalogue_language(layout, path):
            if code in translated and path.suffix == ".po":
                result.rebuild.add(code)
        elif path.is_relative_to(layout.srcdir):
            result.rebuild |= set(codes)
        elif layout.glossary is not None and path == layout.glossary.resolve():
            result.rebuild |= translated
    result.rebuild -= result.restart
    return result


def _catalogue_language(layout: Layout, path: Path) -> str | None:
    for folder in layout.locale_dirs:
        if path.is_relative_to(folder):
            parts = path.relative_to(folder).parts
            return parts[0] if len(parts) > 1 else None
    return None
