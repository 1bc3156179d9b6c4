"""Merge the ``_build`` folders of sharded builds into this collection's ``_build``.

Each shard built some languages (:mod:`meetingdocs.publish.shards`) and left a record of
them. Assembling first checks everything and copies nothing until all is well:

- every folder is a build folder with a record, built from the same commit as this tree
  and, for each language and format it built, from inputs with the same fingerprint as
  this tree's (same sources, catalogues, ``conf.py`` and package); PDFs typeset with the
  same date;
- every language asked for is built, in every format any shard built;
- no two shards (and no file already in this ``_build``) disagree about the bytes of a file.

It then copies what the shards made: every subtree of their ``_build`` (drafts, PDFs,
stamps) except the intermediate ones (doctrees, LaTeX sources, templates, XLIFF) and
each language's published pages (a shard made them knowing only its own languages),
plus each language's manifest, and publishes the site again from the drafts with the function a normal build
uses: the links between versions, the landing, status and review pages, the sitemap are
made over all languages.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetingdocs.publish.layout import BUILD_FOLDER, Layout
from meetingdocs.publish.lock import LOCK_NAME
from meetingdocs.publish.shards import RECORD_NAME, read_record, source_commit, write_record
from meetingdocs.publish.sitemap import SITEMAP
from meetingdocs.publish.stamps import PUBLICATION_MEMO, fingerprint, package_digest
from meetingdocs.sphinx_ext.manifest import MANIFEST_NAME

#: Subtrees of ``_build`` that a build works in but does not publish.
INTERMEDIATE = frozenset({"doctrees", "latex", "gettext", "xliff", "screenshots"})
#: Pages of the site made over all languages: remade, never copied.
REMADE = frozenset({"html/index.html", "html/status.html", f"html/{SITEMAP}",
                    PUBLICATION_MEMO})


class AssembleError(RuntimeError):
    """The shards cannot be merged; the message names the folder and what is wrong."""


@dataclass
class ShardBuild:
    """One shard's build folder and its record."""

    folder: Path
    record: dict[str, Any]

    @property
    def built(self) -> dict[str, dict[str, str]]:
        return self.record.get("built", {})


@dataclass
class Assembled:
    """What :func:`assemble` did."""

    copied: int = 0
    unchanged: int = 0
    languages: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    remade: list[Path] = field(default_factory=list)


def build_folder(path: Path) -> Path:
    """``path`` itself if it holds a build record, else its ``_build`` if that does."""
    for candidate in (path, path / BUILD_FOLDER):
        if (candidate / RECORD_NAME).is_file():
            return candidate
    raise AssembleError(
        f"{path}: no {RECORD_NAME}, so not a build folder of 'meetingdocs build' "
        f"(give the shard's {BUILD_FOLDER} folder or the collection holding it)")


def load_shards(paths: Sequence[Path]) -> list[ShardBuild]:
    shards = []
    for path in paths:
        folder = build_folder(path).resolve()
        record = read_record(folder)
        if not isinstance(record, dict) or not isinstance(record.get("built"), dict):
            raise AssembleError(f"{folder / RECORD_NAME}: not a build record")
        shards.append(ShardBuild(folder, record))
    return shards


def check_sources(layout: Layout, shards: Sequence[ShardBuild]) -> None:
    """Refuse a shard built from another commit or from other inputs than this tree's."""
    commit, package = source_commit(layout.root), package_digest()
    prints: dict[tuple[str, str], str] = {}
    for shard in shards:
        theirs = shard.record.get("commit")
        if commit and theirs and theirs != commit:
            raise AssembleError(
                f"{shard.folder}: built from commit {theirs}, this tree is at {commit}")
        if shard.record.get("package") != package:
            raise AssembleError(
                f"{shard.folder}: built with another version of the meetingdocs package "
                "than this tree's")
        for code, fmts in shard.built.items():
            for fmt, recorded in fmts.items():
                key = (code, fmt)
                if key not in prints:
                    prints[key] = fingerprint(layout, code, fmt)
                if recorded != prints[key]:
                    raise AssembleError(
                        f"{shard.folder}: {code} ({fmt}) was built from other inputs than "
                        f"this tree's (its sources, its catalogues or conf.py differ)")


def check_dates(shards: Sequence[ShardBuild]) -> None:
    """Refuse shards whose PDFs carry different dates (``SOURCE_DATE_EPOCH``)."""
    first = next((s for s in shards if any("pdf" in f for f in s.built.values())), None)
    for shard in shards:
        if first is None or not any("pdf" in fmts for fmts in shard.built.values()):
            continue
        if shard.record.get("source_date_epoch") != first.record.get("source_date_epoch"):
            raise AssembleError(
                f"{shard.folder}: its PDFs are dated {shard.record.get('source_date_epoch')} "
                f"(SOURCE_DATE_EPOCH), those of {first.folder} "
                f"{first.record.get('source_date_epoch')}")


def check_coverage(shards: Sequence[ShardBuild], codes: Sequence[str]) -> list[str]:
    """The formats built; refuse when a language asked for lacks one of them."""
    formats = sorted({fmt for shard in shards for fmts in shard.built.values() for fmt in fmts})
    if not formats:
        raise AssembleError("the shards built nothing: " + ", ".join(
            str(shard.folder) for shard in shards))
    for fmt in formats:
        missing = [code for code in codes
                   if not any(fmt in shard.built.get(code, {}) for shard in shards)]
        if missing:
            raise AssembleError(
                f"no shard built {fmt} of {' '.join(missing)} (shards: "
                + ", ".join(str(shard.folder) for shard in shards) + ")")
    return formats


def published_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """The files of one build folder to merge, by path relative to it (``/``-separated)."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        name = rel.as_posix()
        if rel.parts[0] in INTERMEDIATE:
            if rel.parts[0] == "doctrees" and len(rel.parts) == 3 and rel.name == MANIFEST_NAME:
                yield name, path
            continue
        if _published_from_drafts(rel):
            continue
        if path.is_symlink():
            raise AssembleError(f"{folder}: {name} is a symbolic link, not a build output")
        if path.is_file() and name not in REMADE and name not in (RECORD_NAME, LOCK_NAME):
            yield name, path


def _published_from_drafts(rel: Path) -> bool:
    """A language's published pages and search index: made again from the drafts."""
    from meetingdocs import languages

    return len(rel.parts) > 2 and rel.parts[0] == "html" and rel.parts[1] in languages.CODES


def empty_folders(folder: Path) -> list[str]:
    """The empty folders of a build folder's published trees (Sphinx leaves some)."""
    return [path.relative_to(folder).as_posix() for path in sorted(folder.rglob("*"))
            if path.is_dir() and not path.is_symlink()
            and path.relative_to(folder).parts[0] not in INTERMEDIATE
            and not _published_from_drafts(path.relative_to(folder))
            and not any(path.iterdir())]


def plan(shards: Sequence[ShardBuild], target: Path) -> dict[str, Path]:
    """Each file to merge and the shard file it comes from; refuse any disagreement."""
    chosen: dict[str, tuple[Path, Path]] = {}
    for shard in shards:
        for name, path in published_files(shard.folder):
            if name in chosen:
                folder, first = chosen[name]
                if not filecmp.cmp(first, path, shallow=False):
                    raise AssembleError(
                        f"{shard.folder}: {name} differs from the same file in {folder}")
            else:
                chosen[name] = (shard.folder, path)
    for name, (folder, path) in chosen.items():
        existing = target / name
        if folder != target and existing.exists() and not filecmp.cmp(path, existing,
                                                                      shallow=False):
            raise AssembleError(
                f"{target}: {name} is already there and differs from the one in {folder} "
                "(assemble into a clean tree: make clean)")
    return {name: path for name, (folder, path) in chosen.items()}


def assemble(layout: Layout, paths: Sequence[Path], codes: Sequence[str]) -> Assembled:
    """Merge the build folders ``paths`` into ``layout``'s ``_build`` (see the module)."""
    target = layout.build_dir.resolve()
    shards = load_shards(paths)
    check_sources(layout, shards)
    check_dates(shards)
    formats = check_coverage(shards, codes)
    files = plan(shards, target)
    done = Assembled(formats=formats)
    for name, source in files.items():
        destination = target / name
        if destination.exists() and filecmp.cmp(source, destination, shallow=False):
            done.unchanged += 1
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        done.copied += 1
    for shard in shards:
        for name in empty_folders(shard.folder):
            (target / name).mkdir(parents=True, exist_ok=True)
    built = sorted({(code, fmt) for shard in shards
                    for code, fmts in shard.built.items() for fmt in fmts})
    write_record(layout, built)
    done.languages = sorted({code for code, _ in built})
    if "html" in formats:
        from meetingdocs.publish.build import publish_site

        # A shard published its languages knowing only their own states: publish again
        # from the drafts with every language's manifest (the links between versions).
        done.remade, failed = publish_site(layout, force=True)
        if failed:
            raise AssembleError("\n".join(e for r in failed for e in r.errors))
    return done
