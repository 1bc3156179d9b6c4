"""Tests of the translation statistics (meetingdocs.stats)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetingdocs.i18n.merge import update_catalogs
from meetingdocs.i18n.po import catalog_path
from meetingdocs.i18n.stats import TOTAL_LABEL, CatalogStats, collect, format_table

DATA = Path(__file__).parent / "data" / "catalogs"
LANGUAGES = ["ar", "zh_CN", "fr", "ru", "es"]


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """Report updated to version 2 (8 translated, 1 fuzzy, 2 new, 1 obsolete) and an
    untranslated summary (7 entries), in every language."""
    target = tmp_path / "locale"
    shutil.copytree(DATA / "locale", target)
    update_catalogs(DATA / "pot" / "v2", target, LANGUAGES)
    update_catalogs(DATA / "pot" / "memory", target, LANGUAGES)
    return target


def test_counts_per_catalogue_ignore_header_and_obsolete_entries(locale: Path) -> None:
    stats = collect(locale, LANGUAGES)
    assert [(s.language, s.document) for s in stats] == [
        (lang, doc) for lang in LANGUAGES for doc in ("report", "summary")]
    report = next(s for s in stats if (s.language, s.document) == ("zh_CN", "report"))
    assert report == CatalogStats("zh_CN", "report", 11, 8, 1, 2, pytest.approx(800 / 11),
                                  catalog_path(locale, "zh_CN", "report"))
    summary = next(s for s in stats if (s.language, s.document) == ("ar", "summary"))
    assert (summary.total, summary.translated, summary.untranslated) == (7, 0, 7)
    assert summary.percent == 0.0


def test_only_the_requested_languages_are_counted(locale: Path) -> None:
    assert {s.language for s in collect(locale, ["fr", "de"])} == {"fr"}


def test_table_has_a_row_per_catalogue_and_a_total_per_language(locale: Path) -> None:
    table = format_table(collect(locale, LANGUAGES))
    lines = table.splitlines()
    assert lines[0].split() == ["Language", "Document", "Total", "Translated", "Fuzzy",
                                "Untranslated", "Done"]
    rows = [line.split() for line in lines[2:]]
    assert len(rows) == 3 * len(LANGUAGES)
    assert ["ru", "report", "11", "8", "1", "2", "72.7%"] in rows
    assert ["ru", TOTAL_LABEL, "18", "8", "1", "9", "44.4%"] in rows
    # Columns line up: every number column ends at the same place on every line.
    ends = {len(line) for line in lines}
    assert len(ends) == 1, table


def test_empty_catalogue_counts_as_done(tmp_path: Path) -> None:
    po = catalog_path(tmp_path, "fr", "empty")
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Language: fr\\n"\n', encoding="utf-8")
    (stats,) = collect(tmp_path, ["fr"])
    assert (stats.total, stats.percent, stats.document) == (0, 100.0, "empty")
