"""End to end: the real document built in six languages, as a reader receives it."""

from __future__ import annotations

import html as html_lib
import re
import subprocess
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from meetingdocs import languages

DOC = "CTOC_COP_WG.7_2020_1"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "reference" / f"{DOC}_C.txt"
TRANSLATED = [c for c in languages.CODES if c != "en"]

pytestmark = pytest.mark.slow


def main_text(page: Path) -> str:
    """The visible text of a page's document (``<main>``), tags removed."""
    source = page.read_text(encoding="utf-8")
    body = source.split("<main", 1)[1].split("</main>", 1)[0]
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


def paragraphs(page: Path) -> list[str]:
    source = page.read_text(encoding="utf-8").split("<main", 1)[1]
    found = re.findall(r"<(p|h[1-6]|li)\b[^>]*>(.*?)</\1>", source, flags=re.DOTALL)
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", text)).split())
            for _, text in found]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def seed_coverage(seed: str, text: str) -> float:
    """Share of the seed's characters found, in order, in ``text`` (both normalised)."""
    a, b = normalise(seed), normalise(text)
    matched = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False)
                  .get_matching_blocks())
    return matched / len(a)


def test_every_language_and_the_landing_page(built_site: Path) -> None:
    site = built_site / "_build" / "html"
    landing = (site / "index.html").read_text(encoding="utf-8")
    names = [lang.native_name for lang in languages.LANGUAGES]
    positions = [landing.index(name) for name in names]
    assert positions == sorted(positions), "languages not in UN order"
    for lang in languages.LANGUAGES:
        page = site / lang.code / f"{DOC}.html"
        text = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang.html_lang}" dir="{lang.direction}">' in text
        assert f'href="{lang.code}/{DOC}.html"' in landing
        assert f'href="pdf/{DOC}_{lang.letter}.pdf"' in landing
        assert (site / "pdf" / f"{DOC}_{lang.letter}.pdf").exists()
        assert (built_site / "_build" / "pdf" / f"{DOC}_{lang.letter}.pdf").exists()
        # The switcher reaches the same page in every other language; the PDF is linked.
        for other in languages.LANGUAGES:
            assert f'href="../{other.code}/{DOC}.html"' in text or other is lang
        assert f'href="../pdf/{DOC}_{lang.letter}.pdf"' in text
    arabic = (site / "ar" / f"{DOC}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic


def test_chinese_html_says_what_the_seed_says(built_site: Path) -> None:
    page = built_site / "_build" / "html" / "zh_CN" / f"{DOC}.html"
    coverage = seed_coverage(SEED.read_text(encoding="utf-8"), main_text(page))
    assert coverage >= 0.97, f"seed coverage {coverage:.3f}"


def test_chinese_pdf_says_what_the_seed_says(built_site: Path) -> None:
    pdf = built_site / "_build" / "pdf" / f"{DOC}_C.pdf"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    coverage = seed_coverage(SEED.read_text(encoding="utf-8"), text)
    assert coverage >= 0.95, f"seed coverage {coverage:.3f}"


#: Paragraphs that are the same in every language: symbols, numbers, labels, dates.
LANGUAGE_NEUTRAL = re.compile(r"^[\s\d\W]*$|^[A-Z]+(/[A-Za-z0-9.]+)+$|^PDF$")


def same_as_source(code: str) -> set[str]:
    """Entries a translator marked ``# same-as-source:`` (the word is the same)."""
    kept = set()
    for po in (REPO / "locale" / code / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as handle:
            kept |= {m.string for m in read_po(handle) if m.id and any(
                c.startswith("same-as-source") for c in m.user_comments)}
    return kept


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_left_in_a_translation(built_site: Path, code: str) -> None:
    site = built_site / "_build" / "html"
    for page in ("index.html", f"{DOC}.html"):
        english = {p for p in paragraphs(site / "en" / page) if not LANGUAGE_NEUTRAL.match(p)}
        translated = set(paragraphs(site / code / page))
        leaked = english & translated
        # The masthead's distribution block is English by UN rule in ar, ru and zh.
        leaked -= {"Distr.: General", "Original: English"}
        leaked = {p for p in leaked if not re.fullmatch(r"\d{1,2} \w+ \d{4}", p)}
        leaked -= same_as_source(code)
        assert not leaked, f"{code}/{page}: English paragraphs {sorted(leaked)}"


def test_seed_coverage_measure() -> None:
    assert seed_coverage("临时议程 说明", "临时议程说明") == 1.0
    assert seed_coverage("临时议程说明", "临时议程") == pytest.approx(4 / 6)


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_arabic_times_are_written_minutes_first(built_site: Path) -> None:
    """"الساعة 00/10", annex rows "00/10-00/13" (A/AC.291/11, Arabic version)."""
    page = built_site / "_build" / "html" / "ar" / f"{DOC}.html"
    text = main_text(page)
    annex = text.split("00/10-00/13", 1)
    assert len(annex) == 2, "the annex rows are not minutes first"
    assert "00/15-00/18" in text
    assert re.search(r"الساعة\s*00/1[05]", text), "the running text is not minutes first"
    assert not re.search(r"\b1[0-8]:00\b", text)
    assert "00/10" in _pdf_text(built_site / "_build" / "pdf" / f"{DOC}_A.pdf")


@pytest.mark.parametrize(("code", "letter", "line"), [("fr", "F", "Français"),
                                                       ("es", "S", "Español")])
def test_french_and_spanish_mastheads_name_their_language(
        built_site: Path, code: str, letter: str, line: str) -> None:
    page = (built_site / "_build" / "html" / code / f"{DOC}.html").read_text(encoding="utf-8")
    block = page.split('class="un-distribution"', 1)[1].split("</div>", 1)[0]
    items = [html_lib.unescape(p) for p in re.findall(r"<p>(.*?)</p>", block)]
    assert items[2] == line and items[3].startswith("Original"), items
    pdf = _pdf_text(built_site / "_build" / "pdf" / f"{DOC}_{letter}.pdf")
    assert line in pdf.split("Original", 1)[0]


@pytest.mark.parametrize(("code", "letter"), [("en", "E"), ("fr", "F"), ("ru", "R"),
                                               ("es", "S")])
def test_no_line_break_inside_a_generated_date_or_time(
        built_site: Path, code: str, letter: str) -> None:
    """Every date and time the document's roles generate keeps on one line what its
    language joins with no-break spaces ("10 heures", "8 septembre", "10 ч. 00 м.")."""
    from datetime import date, time

    from meetingdocs.un import dates

    text = _pdf_text(built_site / "_build" / "pdf" / f"{DOC}_{letter}.pdf")
    phrases = {dates.format_time(time(h), code) for h in (10, 13, 15, 18)}
    phrases |= {dates.format_date(date(2020, 9, d), code) for d in (8, 9)}
    groups = {group for phrase in phrases for group in phrase.split(" ") if "\u00a0" in group}
    assert groups, f"{code}: no no-break space in the generated dates and times"
    found = 0
    for group in groups:
        words = group.split("\u00a0")
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
        for match in re.finditer(pattern, text):
            found += 1
            assert "\n" not in match.group(), f"{code}: {match.group()!r} is broken"
    assert found >= 4


def _subitems(page: Path) -> list[str]:
    source = page.read_text(encoding="utf-8")
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", m)).split())
            for m in re.findall(r'<li[^>]*un-subitem[^>]*>(.*?)</li>', source, re.DOTALL)]


def test_russian_agenda_subitems_start_lowercase(built_site: Path) -> None:
    """"a) открытие сессии; b) утверждение повестки дня…" (CAC/COSP/IRG/2015/1, R);
    the headings and the annex keep the capital."""
    page = built_site / "_build" / "html" / "ru" / f"{DOC}.html"
    items = _subitems(page)
    assert items and all(item.split(" ", 1)[1][0].islower() for item in items), items
    text = main_text(page)
    for item in items:
        title = item.split(" ", 1)[1].rstrip(";.")
        assert title[0].upper() + title[1:] in text  # the heading, capitalised
    english = _subitems(built_site / "_build" / "html" / "en" / f"{DOC}.html")
    assert all(item.split(" ", 1)[1][0].isupper() for item in english), english


@pytest.mark.parametrize("letter", ["A", "C", "E", "F", "R", "S"])
def test_pdf_text_is_black_and_upright_and_references_stay_links(
        built_site: Path, letter: str) -> None:
    """UN documents print item references and symbols black and upright; the real
    document has no emphasis, so no span of any PDF is coloured or italic."""
    import pymupdf

    document = pymupdf.open(built_site / "_build" / "pdf" / f"{DOC}_{letter}.pdf")
    coloured, italic, links = [], [], 0
    for page in document:
        links += len([link for link in page.get_links() if link.get("kind") in (1, 4)])
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    if not span["text"].strip():
                        continue
                    if span["color"] != 0:
                        coloured.append(span["text"])
                    if span["flags"] & pymupdf.TEXT_FONT_ITALIC or "Italic" in span["font"]:
                        italic.append((span["font"], span["text"]))
    assert coloured == [] and italic == []
    assert links >= 4, "the item references are no longer links"
