"""Tests of the translation memory (meetingdocs.memory) across a language's catalogues."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from meetingdocs.i18n.memory import NEAR_THRESHOLD, fill_from_memory, invariants
from meetingdocs.i18n.merge import update_catalogs
from meetingdocs.i18n.po import Catalog, Entry, catalog_path, read_catalog, write_catalog
from meetingdocs.i18n.similarity import similarity

DATA = Path(__file__).parent / "data" / "catalogs"
LANGUAGES = ["ar", "zh_CN", "fr", "ru", "es"]
OLD_TIME = 1_600_000_000_000_000_000

ATTENDED_45 = "The meeting was attended by representatives of 45 States parties to the Protocol."
ATTENDED_46 = ATTENDED_45.replace("45", "46")
HELD_VIENNA = "The seventh meeting of the Working Group was held in Vienna on {dates}`2020-09-08/09`."
HELD_GENEVA = HELD_VIENNA.replace("Vienna", "Geneva")
HELD_2021 = ("The eighth meeting of the Working Group was held in Vienna on "
             "{dates}`2021-06-15/16`.")
OPENED = next(e.msgid for e in read_catalog(DATA / "pot" / "v1" / "report.pot").messages
              if e.msgid.startswith("The meeting was opened"))
OPENED_2021 = OPENED.replace("(CTOC/COP/WG.7/2020/2)", "(CTOC/COP/WG.7/2021/2)")
TITLE = "Summary of the seventh meeting of the Working Group on the Smuggling of Migrants"


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """The translated report plus an empty catalogue of the summary, in every language."""
    target = tmp_path / "locale"
    shutil.copytree(DATA / "locale", target)
    update_catalogs(DATA / "pot" / "memory", target, LANGUAGES)
    for po in target.rglob("*.po"):
        os.utime(po, ns=(OLD_TIME, OLD_TIME))
    return target


def _entries(locale: Path, language: str, docname: str) -> dict[str, Entry]:
    catalog = read_catalog(catalog_path(locale, language, docname))
    return {e.msgid: e for e in catalog.messages}


def test_the_summary_template_has_the_cases_under_test() -> None:
    msgids = [e.msgid for e in read_catalog(DATA / "pot" / "memory" / "summary.pot").messages]
    assert {ATTENDED_45, ATTENDED_46, HELD_GENEVA, HELD_2021, OPENED_2021} <= set(msgids)


@pytest.mark.parametrize("language", LANGUAGES)
def test_exact_match_fills_the_translation(locale: Path, language: str) -> None:
    report = _entries(locale, language, "report")
    hits = fill_from_memory(locale, language)
    summary = _entries(locale, language, "summary")
    for msgid in (ATTENDED_45, "Organization of the meeting"):
        assert summary[msgid].msgstr == report[msgid].msgstr != ""
        assert not summary[msgid].fuzzy
    exact = {h.msgid for h in hits if h.exact}
    assert exact == {ATTENDED_45, "Organization of the meeting"}
    assert all(h.source_path == catalog_path(locale, language, "report") for h in hits)


@pytest.mark.parametrize("language", LANGUAGES)
def test_near_match_is_a_fuzzy_suggestion_with_its_source(locale: Path, language: str) -> None:
    report = _entries(locale, language, "report")
    hits = fill_from_memory(locale, language)
    entry = _entries(locale, language, "summary")[HELD_GENEVA]
    assert entry.fuzzy
    assert entry.msgstr == report[HELD_VIENNA].msgstr
    assert entry.previous_msgid == HELD_VIENNA
    (near,) = [h for h in hits if not h.exact]
    assert (near.msgid, near.source_msgid) == (HELD_GENEVA, HELD_VIENNA)
    assert near.similarity >= NEAR_THRESHOLD


@pytest.mark.parametrize(("msgid", "source", "reason"), [
    (ATTENDED_46, ATTENDED_45, "a number"),
    (HELD_2021, HELD_VIENNA, "the content of a role"),
    (OPENED_2021, OPENED, "a document symbol"),
])
def test_similar_match_is_refused_when_data_differs(locale: Path, msgid: str, source: str,
                                                    reason: str) -> None:
    assert similarity(msgid, source) >= NEAR_THRESHOLD, reason
    assert invariants(msgid) != invariants(source), reason
    hits = fill_from_memory(locale, "fr")
    entry = _entries(locale, "fr", "summary")[msgid]
    assert (entry.msgstr, entry.fuzzy) == ("", False), reason
    assert msgid not in {h.msgid for h in hits}


def test_unmatched_entry_stays_empty_and_sources_are_untouched(locale: Path) -> None:
    report = catalog_path(locale, "ru", "report")
    before = report.read_bytes()
    fill_from_memory(locale, "ru")
    assert _entries(locale, "ru", "summary")[TITLE].msgstr == ""
    assert report.read_bytes() == before
    assert report.stat().st_mtime_ns == OLD_TIME


def test_only_named_targets_are_filled_and_a_second_run_finds_nothing(locale: Path) -> None:
    summary = catalog_path(locale, "es", "summary")
    assert len(fill_from_memory(locale, "es", [summary])) == 3
    os.utime(summary, ns=(OLD_TIME, OLD_TIME))
    assert fill_from_memory(locale, "es", [summary]) == []
    assert summary.stat().st_mtime_ns == OLD_TIME


def test_a_catalogue_is_never_its_own_memory(locale: Path) -> None:
    # Filling the report from the summary (still empty) finds nothing.
    report = catalog_path(locale, "ar", "report")
    assert fill_from_memory(locale, "ar", [report]) == []


def test_fuzzy_translations_are_not_memory(locale: Path) -> None:
    fill_from_memory(locale, "fr", [catalog_path(locale, "fr", "summary")])
    # A third document repeating the Geneva sentence: its only source is a fuzzy entry.
    third = catalog_path(locale, "fr", "third")
    summary = read_catalog(catalog_path(locale, "fr", "summary"))
    geneva = next(e for e in summary.messages if e.msgid == HELD_GENEVA)
    empty = Entry(msgid=HELD_GENEVA, locations=geneva.locations)
    write_catalog(Catalog([summary.entries[0], empty]), third)
    hits = fill_from_memory(locale, "fr", [third])
    assert [(h.source_msgid, h.exact) for h in hits] == [(HELD_VIENNA, False)]


def test_invariants_name_numbers_symbols_and_roles() -> None:
    # The digits of a symbol or a role are part of it, as in the catalogue checks.
    assert invariants(OPENED) == (
        "role:{symbol}`CTOC/COP/WG.7/2020/1`", "symbol:CTOC/COP/WG.7/2020/2",
    )
    assert invariants("Item 4 of 12 September 2020.") == (
        "number:12", "number:2020", "number:4")
    assert invariants("See [the site](https://example.org) and `code`.") == (
        "code:`code`", "link-target:](https://example.org)")
    assert invariants("No data here, only *emphasis*.") == ()


@pytest.mark.parametrize("symbol", [
    "ICCD/COP(15)/CST/1", "S/2020/1", "E/CN.15/2021/L.3/Rev.1", "S/RES/2532 (2020)",
    "A/HRC/RES/47/1",
])
def test_a_symbol_in_running_text_is_an_invariant(symbol: str) -> None:
    assert invariants(f"See {symbol}.") == (f"symbol:{symbol}",)
    other = symbol.replace("1", "2") if "1" in symbol else symbol.replace("2", "3")
    assert invariants(f"See {symbol}.") != invariants(f"See {other}.")


def test_prose_with_slashes_is_no_symbol() -> None:
    assert invariants("Members and/or observers, HIV/AIDS, 50 km/h.") == ("number:50",)
