"""Fill untranslated entries from the translations of a language's other catalogues.

The language's catalogues are the translation memory: a confirmed (translated, not fuzzy)
entry of one document can fill the same or a similar msgid in another. An identical msgid
takes the translation as it is; a similar one (word similarity of at least
:data:`NEAR_THRESHOLD`) is added as a fuzzy suggestion with the matched msgid kept as
``#| msgid``. A match is never used when the numbers, document symbols, MyST roles or other
protected codes of the two msgids differ: a translation that says ``2020`` or
``CTOC/COP/WG.7/2020/2`` must not be offered for a source that says something else.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from meetingdocs.i18n.markup import scan, tokens
from meetingdocs.i18n.po import (
    Catalog,
    Entry,
    Key,
    language_catalogs,
    read_catalog,
    with_translation,
    write_catalog,
)
from meetingdocs.i18n.similarity import words

#: Least word similarity for a suggestion from another catalogue.
NEAR_THRESHOLD = 0.75

#: Markup that is data rather than formatting: it must be identical for a match.
_DATA_KINDS = frozenset({"role", "substitution", "code", "html", "autolink", "footnote",
                         "link-target", "link-label", "url", "symbol"})


@dataclass(frozen=True)
class MemoryHit:
    """One entry filled from another catalogue."""

    po_path: Path
    """The catalogue that was filled."""
    msgid: str
    source_path: Path
    """The catalogue the translation came from."""
    source_msgid: str
    similarity: float
    exact: bool
    """True: filled as a translation; False: added as a fuzzy suggestion."""

    def __str__(self) -> str:
        how = "filled" if self.exact else f"fuzzy suggestion ({self.similarity:.0%})"
        return f"{self.po_path}: {how} from {self.source_path.name}: {_short(self.msgid)}"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@dataclass(frozen=True)
class _Unit:
    path: Path
    entry: Entry
    words: tuple[str, ...]


def invariants(text: str) -> tuple[str, ...]:
    """What two msgids must share for one's translation to serve the other.

    Numbers, document symbols, roles (``{date}`2020-09-08```), inline code, link targets,
    URLs and substitutions, as a sorted list. The digits of a symbol or a role are part
    of it, not numbers of their own, as in the catalogue checks.
    """
    found = [f"{t.kind}:{t.text}" for t in tokens(text) if t.kind in _DATA_KINDS]
    found += [f"number:{n}" for n in scan(text).numbers]
    return tuple(sorted(found))


def _confirmed(entry: Entry) -> bool:
    return (not entry.obsolete and not entry.is_header and not entry.fuzzy
            and entry.msgid_plural is None and bool(entry.msgstr))


class TranslationMemory:
    """The confirmed translations of a language, looked up by msgid or by invariants."""

    def __init__(self, catalogs: dict[Path, Catalog]) -> None:
        self.exact: dict[Key, list[_Unit]] = {}
        self.by_invariants: dict[tuple[str, ...], list[_Unit]] = {}
        for path, catalog in catalogs.items():
            for entry in filter(_confirmed, catalog.entries):
                unit = _Unit(path, entry, tuple(words(entry.msgid)))
                self.exact.setdefault(entry.key, []).append(unit)
                self.by_invariants.setdefault(invariants(entry.msgid), []).append(unit)

    def lookup_exact(self, entry: Entry, exclude: Path) -> _Unit | None:
        """The most frequent translation of the same msgid elsewhere (first on a tie)."""
        units = [u for u in self.exact.get(entry.key, []) if u.path != exclude]
        if not units:
            return None
        counts = Counter(u.entry.msgstr for u in units)
        best = max(counts.values())
        return next(u for u in units if counts[u.entry.msgstr] == best)

    def lookup_near(self, entry: Entry, exclude: Path) -> tuple[_Unit, float] | None:
        """The most similar msgid elsewhere with the same invariants, if similar enough."""
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words(entry.msgid))
        best: tuple[_Unit, float] | None = None
        for unit in self.by_invariants.get(invariants(entry.msgid), []):
            if unit.path == exclude:
                continue
            matcher.set_seq1(unit.words)
            floor = best[1] if best else NEAR_THRESHOLD
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            score = matcher.ratio()
            if score >= floor and (best is None or score > best[1]):
                best = (unit, score)
        return best


def _untranslated(entry: Entry) -> bool:
    return (not entry.obsolete and not entry.is_header and entry.msgid_plural is None
            and not entry.msgstr)


def _fill_one(entry: Entry, path: Path, memory: TranslationMemory) -> tuple[Entry, MemoryHit] | None:
    exact = memory.lookup_exact(entry, path)
    if exact is not None:
        hit = MemoryHit(path, entry.msgid, exact.path, exact.entry.msgid, 1.0, True)
        return with_translation(entry, exact.entry.msgstr, fuzzy=False), hit
    near = memory.lookup_near(entry, path)
    if near is None:
        return None
    unit, score = near
    hit = MemoryHit(path, entry.msgid, unit.path, unit.entry.msgid, score, False)
    return with_translation(entry, unit.entry.msgstr, fuzzy=True, previous=unit.entry), hit


def fill_catalog(catalog: Catalog, path: Path, memory: TranslationMemory) -> tuple[Catalog, list[MemoryHit]]:
    """``catalog`` with its untranslated entries filled from ``memory``."""
    entries, hits = [], []
    for entry in catalog.entries:
        filled = _fill_one(entry, path, memory) if _untranslated(entry) else None
        if filled is None:
            entries.append(entry)
        else:
            entries.append(filled[0])
            hits.append(filled[1])
    return Catalog(entries, catalog.tail), hits


def fill_from_memory(locale_dir: Path, language: str,
                     targets: Sequence[Path] | None = None) -> list[MemoryHit]:
    """Fill the untranslated entries of ``targets`` (default: every catalogue of the language).

    The memory is every catalogue of the language as it was before this call; an entry is
    never filled from its own catalogue. Only catalogues that gained something are written.
    """
    paths = language_catalogs(locale_dir, language)
    catalogs = {p.resolve(): read_catalog(p) for p in paths}
    memory = TranslationMemory(catalogs)
    hits: list[MemoryHit] = []
    for target in (paths if targets is None else targets):
        key = target.resolve()
        original = catalogs[key] if key in catalogs else read_catalog(target)
        filled, found = fill_catalog(original, key, memory)
        if found:
            write_catalog(filled, target, previous=original)
            hits += [_relative(hit, target, paths) for hit in found]
    return hits


def _relative(hit: MemoryHit, target: Path, paths: Sequence[Path]) -> MemoryHit:
    """The hit with paths as the caller gave them rather than resolved."""
    source = next((p for p in paths if p.resolve() == hit.source_path), hit.source_path)
    return MemoryHit(target, hit.msgid, source, hit.source_msgid, hit.similarity, hit.exact)
