"""Count how far the translation of each document has come, per language.

Counts ignore the header and obsolete entries. An entry is translated when every form
has a translation and it is not fuzzy, fuzzy when it is marked so and has a translation,
and untranslated otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from meetingdocs.i18n.po import docname_for, language_catalogs, read_catalog
from meetingdocs.i18n.poentry import Entry

TOTAL_LABEL = "(total)"


@dataclass(frozen=True)
class CatalogStats:
    """The state of one catalogue, or of all of a language's catalogues together."""

    language: str
    document: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    percent: float
    """Share of translated entries, 0 to 100; 100 for a catalogue with nothing to translate."""
    path: Path | None
    """The catalogue; ``None`` for a language's total."""


def _percent(translated: int, total: int) -> float:
    return 100.0 * translated / total if total else 100.0


def ready_for_publication(percent: float, threshold: float) -> bool:
    """Whether a version whose catalogue is ``percent`` translated may be published under
    the collection's ``meetingdocs_publish_threshold`` (100: only when complete)."""
    return percent >= threshold


def catalog_stats(path: Path, language: str) -> CatalogStats:
    """Count the entries of one catalogue."""
    return entry_stats(path, language, read_catalog(path).messages)


def entry_stats(path: Path, language: str, entries: Sequence[Entry]) -> CatalogStats:
    """Count ``entries``, read from the catalogue ``path``."""
    translated = fuzzy = untranslated = 0
    for entry in entries:
        if entry.fuzzy and entry.has_translation:
            fuzzy += 1
        elif entry.translated:
            translated += 1
        else:
            untranslated += 1
    total = translated + fuzzy + untranslated
    return CatalogStats(language, docname_for(path), total, translated, fuzzy, untranslated,
                        _percent(translated, total), path)


def collect(locale_dir: Path, languages: Sequence[str]) -> list[CatalogStats]:
    """Statistics of every catalogue of the given languages, in that language order."""
    return [catalog_stats(path, language)
            for language in languages
            for path in language_catalogs(locale_dir, language)]


def language_total(stats: Sequence[CatalogStats], language: str) -> CatalogStats:
    """The sum of a language's rows."""
    rows = [s for s in stats if s.language == language]
    total, translated = sum(s.total for s in rows), sum(s.translated for s in rows)
    return CatalogStats(language, TOTAL_LABEL, total, translated, sum(s.fuzzy for s in rows),
                        sum(s.untranslated for s in rows), _percent(translated, total), None)


_COLUMNS = ("Language", "Document", "Total", "Translated", "Fuzzy", "Untranslated", "Done")


def _cells(row: CatalogStats) -> tuple[str, ...]:
    return (row.language, row.document, str(row.total), str(row.translated), str(row.fuzzy),
            str(row.untranslated), f"{row.percent:.1f}%")


def format_table(stats: Sequence[CatalogStats]) -> str:
    """A plain text table: one row per catalogue, then a total row for each language."""
    languages = list(dict.fromkeys(s.language for s in stats))
    rows = []
    for language in languages:
        rows += [s for s in stats if s.language == language]
        rows.append(language_total(stats, language))
    table = [_COLUMNS] + [_cells(r) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS))]

    def render(line: tuple[str, ...]) -> str:
        text = [cell.ljust(w) if i < 2 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))]
        return "  ".join(text).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([render(table[0]), rule, *(render(line) for line in table[1:])]) + "\n"
