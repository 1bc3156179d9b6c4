"""Sharded builds: which languages shard K of N builds, and the record each build leaves.

The work of a build is its (document, language) units. A language's documents are read
by one Sphinx run into one environment (cross-references, the manifest and the search
index are per language), so a shard takes whole languages: splitting a language between
shards would read every one of its documents in each of them. Every language has the
same documents, so an even split of the languages is an even split of the units. The
split strides through the languages in their order (UN order): shard 1 of 3 builds the
1st and 4th, shard 2 the 2nd and 5th... so the two slowest to typeset, Arabic and
Chinese, which come first, never land in the same shard.

Each build writes a record beside its outputs (``_build/meetingdocs-build.json``): the
source commit, the digest of this package, the date the PDFs carry
(``SOURCE_DATE_EPOCH``, else the commit's date), and for each language and format built successfully the fingerprint of
its inputs (:func:`meetingdocs.publish.stamps.fingerprint`). ``meetingdocs assemble``
reads these records to refuse shards that were built from other sources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import fingerprint, package_digest

RECORD_NAME = "meetingdocs-build.json"


class ShardError(ValueError):
    """A shard specification that cannot be used; the message says why."""


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``"K/N"`` with 1 <= K <= N."""
    index, slash, count = text.strip().partition("/")
    if not slash or not index.isdigit() or not count.isdigit():
        raise ShardError(f"a shard is written K/N (e.g. 2/3), not {text!r}")
    shard = Shard(int(index), int(count))
    if not 1 <= shard.index <= shard.count:
        raise ShardError(f"shard {shard}: K must be between 1 and N")
    return shard


def units(codes: Sequence[str], documents: Sequence[str]) -> list[tuple[str, str]]:
    """The (document, language) units of a build, language by language."""
    return [(doc, code) for code in codes for doc in documents]


def shard_languages(codes: Sequence[str], shard: Shard) -> list[str]:
    """The languages of ``codes`` that ``shard`` builds (every ``count``-th one)."""
    if shard.count > len(codes):
        raise ShardError(
            f"shard {shard}: {len(codes)} language(s) ({' '.join(codes)}) make at most "
            f"{len(codes)} shard(s); a language is built whole, by one Sphinx run")
    return list(codes[shard.index - 1::shard.count])


# -- the build record -------------------------------------------------------------------

def record_path(build_dir: Path) -> Path:
    return build_dir / RECORD_NAME


def source_commit(root: Path) -> str | None:
    """The commit the collection is checked out at, if it is a git work tree."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root,
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def read_record(build_dir: Path) -> dict[str, Any] | None:
    path = record_path(build_dir)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_record(
    layout: Layout, built: Iterable[tuple[str, str]], failed: Iterable[tuple[str, str]] = (),
) -> Path:
    """Add the (language, format) pairs just built to ``_build``'s record, drop those that
    failed (their outputs may be half made).

    Pairs recorded by an earlier build stay (``make html`` then ``make latexpdf``); a
    fingerprint is always that of the inputs as they are now.
    """
    from meetingdocs.publish.latex import source_date_epoch

    record = read_record(layout.build_dir) or {}
    entries: dict[str, dict[str, str]] = record.get("built", {})
    for code, fmt in failed:
        entries.get(code, {}).pop(fmt, None)
    for code, fmt in built:
        entries.setdefault(code, {})[fmt] = fingerprint(layout, code, fmt)
    record = {
        "commit": source_commit(layout.root),
        "package": package_digest(),
        # The date every PDF carries: shards typeset with different dates would disagree.
        "source_date_epoch": source_date_epoch(layout.root),
        "built": {code: dict(sorted(fmts.items()))
                  for code, fmts in sorted(entries.items()) if fmts},
    }
    path = record_path(layout.build_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path

