"""One grammar of United Nations document symbols, seen by the role, the checks and XLIFF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from meetingdocs.i18n.checks import compare
from meetingdocs.i18n.po import Catalog, Entry, write_catalog
from meetingdocs.i18n.xliff import NAMESPACE, export_xliff, inline_codes
from meetingdocs.un.symbols import find_symbols, fold_lookalikes, is_symbol, undocs_url

SYMBOLS = [
    "A/RES/75/1",
    "S/2020/1",
    "ICCD/COP(15)/CST/1",
    "E/CN.15/2021/L.3/Rev.1",
    "CTOC/COP/WG.4/2021/CRP.1",
    "CTOC/COP/WG.7/2020/2",
    "A/75/L.1/Rev.1",
    "E/CN.15/2020/1",
    "A/C.3/72/L.1",
    "A/HRC/RES/47/1",
    "S/RES/2532 (2020)",
]
MORE_SYMBOLS = [
    "A/ES-10/L.22",
    "A/RES/1514 (XV)",
    "S/PV.8000",
    "TD/B/C.I/MEM.1",
    "E/CN.4/Sub.2/AC.2/1987/WP.4/Add.1",
    "A/75/6/Corr.1",
    "A/74/1/Amend.1",
    "A/75/Summary/1",
]
PROSE = ["and/or", "10/00", "km/h", "2020/09", "2020/09/08", "HIV/AIDS", "TCP/IP",
         "COVID-19/2020", "A/", "A/75/", "a/75/1"]
#: Cyrillic С (U+0421) in place of the Latin C.
CYRILLIC = "\u0421TOC/COP/WG.7/2020/2"


@pytest.mark.parametrize("symbol", SYMBOLS + MORE_SYMBOLS)
def test_every_kind_of_symbol_is_one(symbol: str) -> None:
    assert is_symbol(symbol)
    assert find_symbols(f"see {symbol}, then") == [(4, 4 + len(symbol), symbol)]


@pytest.mark.parametrize("text", PROSE + ["A/75/1.", "(A/75/1)", CYRILLIC])
def test_prose_punctuation_and_lookalikes_are_no_symbol(text: str) -> None:
    assert not is_symbol(text)


@pytest.mark.parametrize("text", PROSE)
def test_prose_in_running_text_has_no_symbol(text: str) -> None:
    assert find_symbols(f"Delegates {text} agreed.") == []


@pytest.mark.parametrize(("text", "found"), [
    ("see CTOC/COP/WG.7/2020/2.", "CTOC/COP/WG.7/2020/2"),
    ("(CTOC/COP/WG.7/2020/2)", "CTOC/COP/WG.7/2020/2"),
    ("(see S/RES/2532 (2020))", "S/RES/2532 (2020)"),
    ("ICCD/COP(15)/CST/1;", "ICCD/COP(15)/CST/1"),
    ("见CTOC/COP/WG.7/2020/2号文件。", "CTOC/COP/WG.7/2020/2"),
    ("E/CN.15/2021/L.3/Rev.1: draft", "E/CN.15/2021/L.3/Rev.1"),
])
def test_a_symbol_leaves_the_sentence_punctuation_alone(text: str, found: str) -> None:
    (symbol,) = find_symbols(text)
    assert symbol.symbol == found and text[symbol.start:symbol.end] == found


def test_a_symbol_running_on_into_letters_is_not_cut_short() -> None:
    assert find_symbols("A/75/1A, A/75/1.5 and https://undocs.org/A/75/1") == []


def test_lookalike_letters_are_found_and_folded() -> None:
    (symbol,) = find_symbols(f"voir {CYRILLIC}.")
    assert symbol.symbol == "CTOC/COP/WG.7/2020/2" == fold_lookalikes(CYRILLIC)
    assert symbol.start == 5


def test_the_address_has_no_space() -> None:
    assert undocs_url("S/RES/2532 (2020)", "fr") == "https://undocs.org/fr/S/RES/2532(2020)"


# --- the role -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="symbols")
def test_the_role_accepts_every_symbol_and_refuses_prose(app: SphinxTestApp) -> None:
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    # Prose in the role is the author's mistake: the build stops, each one named.
    with pytest.raises(AuthorMistake) as stopped:
        app.build()
    for bad in ["and/or", "2020/09", "HIV/AIDS", "A/75/1.", CYRILLIC]:
        assert f"index.md:11: {bad!r} is not a United Nations document symbol" in str(
            stopped.value)
    assert str(stopped.value).count("is not a United Nations document symbol") == 5
    assert app.warning.getvalue().count("is not a United Nations document symbol") == 5
    # Without them, every symbol is a link to its page.
    index = Path(app.srcdir) / "index.md"
    source = index.read_text(encoding="utf-8")
    index.write_text(source.split("\nNot symbols:", 1)[0] + "\n", encoding="utf-8")
    try:
        app.build()
    finally:
        index.write_text(source, encoding="utf-8")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="un-symbol reference external" translate="no" dir="ltr" href="([^"]*)">'
                       r"([^<]*)</a>", html)
    assert sorted(text for _, text in links) == sorted(SYMBOLS)
    assert all(href == undocs_url(text, "en") for href, text in links)


# --- the checks -----------------------------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_the_checks_find_and_compare_every_symbol(symbol: str) -> None:
    changed = symbol.replace("1", "4") if "1" in symbol else symbol.replace("2", "4")
    assert compare(f"See {symbol}.", f"Voir {symbol}.") == []
    assert [code for code, _ in compare(f"See {symbol}.", f"Voir {changed}.")] == [
        "symbol-changed"]
    role = compare(f"See {{symbol}}`{symbol}`.", f"Voir {{symbol}}`{changed}`.")
    assert [code for code, _ in role] == ["symbol-changed"]


def test_a_changed_session_in_parentheses_is_refused() -> None:
    ((code, message),) = compare("See ICCD/COP(15)/CST/1.", "Voir ICCD/COP(16)/CST/1.")
    assert code == "symbol-changed"
    assert "ICCD/COP(15)/CST/1 was changed to ICCD/COP(16)/CST/1" in message


def test_a_dropped_symbol_is_refused_not_counted_as_numbers() -> None:
    problems = compare("See ICCD/COP(15)/CST/1.", "Voir le document.")
    assert [code for code, _ in problems] == ["symbol-changed"]


def test_a_cyrillic_letter_in_any_symbol_is_a_lookalike() -> None:
    cyrillic = "I\u0421\u0421D/COP(15)/CST/1"  # two Cyrillic Es
    problems = compare("See ICCD/COP(15)/CST/1.", f"См. {cyrillic}.")
    assert [code for code, _ in problems] == ["lookalike"]
    assert "U+0421" in problems[0][1]


def test_prose_with_slashes_is_not_compared_as_a_symbol() -> None:
    assert compare("States and/or observers (HIV/AIDS).", "États ou observateurs (VIH/sida).") == []


def test_the_year_of_a_resolution_is_part_of_its_symbol() -> None:
    source = "Recalling S/RES/2532 (2020),"
    assert compare(source, "Rappelant S/RES/2532 (2020),") == []
    assert [code for code, _ in compare(source, "Rappelant S/RES/2532 (2021),")] == [
        "symbol-changed"]


# --- XLIFF ----------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS + MORE_SYMBOLS)
def test_xliff_protects_every_symbol(symbol: str) -> None:
    codes = inline_codes(f"See {symbol}.")
    assert [(c.text, c.kind) for c in codes] == [(symbol, "symbol")]


@pytest.mark.parametrize("text", PROSE)
def test_xliff_leaves_prose_to_translators(text: str) -> None:
    assert inline_codes(f"Delegates {text} agreed.") == []


def test_exported_symbols_are_placeholders(tmp_path: Path) -> None:
    po = tmp_path / "fr" / "LC_MESSAGES" / "doc.po"
    po.parent.mkdir(parents=True)
    msgid = "See ICCD/COP(15)/CST/1 and S/2020/1."
    write_catalog(Catalog([Entry(msgid="", msgstr="Language: fr\n"), Entry(msgid=msgid)]), po)
    export_xliff(po, tmp_path / "doc.xlf", target_lang="fr")
    tree = etree.parse(str(tmp_path / "doc.xlf"))
    placeholders = tree.xpath("//x:source/x:ph", namespaces={"x": NAMESPACE})
    assert [(ph.get("ctype"), ph.text) for ph in placeholders] == [
        ("x-symbol", "ICCD/COP(15)/CST/1"), ("x-symbol", "S/2020/1")]
