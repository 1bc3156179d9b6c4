"""The PDFs as a publisher inspects them, with poppler's tools and the PDF's own bytes.

Per language: every font embedded and of the intended families (for Chinese, the
Simplified Chinese face of Noto CJK, checked glyph by glyph); the title in the
document's language; A4 pages; the ``/Lang`` entry of the catalogue; text mainly in the
language's script (and, for the Latin-script languages, in the language itself);
bookmarks, free of TeX residue and in the language; no "Missing character" in any LaTeX
log. Every page is also rendered to ``_build/screenshots/pdf-<L>-<page>.png`` for people
to look at. Finally two clean builds must give byte-identical HTML and PDF files.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from browser_support import (  # noqa: F401 - built_site is a fixture
    CODES,
    DOCUMENTS,
    SCREENSHOTS,
    SCRIPT_OF,
    SOURCE_DATE_EPOCH,
    built_site,
    copy_collection,
    screenshot_path,
    script_share,
)

from meetingdocs import languages
from meetingdocs.publish.layout import Layout

A4_POINTS = (595, 842)
#: Font families (PostScript names without subset tag and style) each PDF may contain;
#: the first of each must be there. Noto CJK faces come from one collection file whose
#: faces share one CFF table named "...jp", so the region suffix is not telling: see
#: ``test_chinese_pdf_draws_simplified_chinese_forms`` for the face really used.
FAMILIES = {
    "ar": ("Amiri", "DejaVuSansMono"),
    "zh_CN": ("NotoSerifCJK", "LiberationSerif", "NotoSansCJK", "DejaVuSansMono"),
    "en": ("LiberationSerif", "DejaVuSansMono"),
    "fr": ("LiberationSerif", "DejaVuSansMono"),
    "ru": ("LiberationSerif", "DejaVuSansMono"),
    "es": ("LiberationSerif", "DejaVuSansMono"),
}
#: Frequent short words that tell the three Latin-script languages apart.
STOPWORDS = {
    "en": {"the", "of", "and", "to", "will", "be", "with", "its"},
    "fr": {"le", "les", "des", "du", "et", "sur", "aux", "au", "est"},
    "es": {"el", "los", "las", "del", "y", "para", "por", "con"},
}
#: Titles known for certain, whatever the catalogues say.
KNOWN_TITLES = {("CTOC_COP_WG.7_2020_1", "zh_CN"): "临时议程说明"}
TEX_RESIDUE = re.compile(r"\\[A-Za-z@]+|\[\d*\.?\d+(?:em|ex|pt|cm|mm)\]|\[[a-z]\]|[{}]")


def run(*command: str | Path) -> str:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False,
        timeout=120,
    )
    assert done.returncode == 0, f"{command}: {done.stderr}"
    return done.stdout


def pdf_path(root: Path, code: str, document: str = DOCUMENTS[0]) -> Path:
    return Layout(root).pdf_dir / languages.pdf_name(document, code)


def pdf_info(pdf: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", "-enc", "UTF-8", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_objects(pdf: Path) -> list[bytes]:
    """The file's bytes and every stream it holds, inflated where compressed."""
    data = pdf.read_bytes()
    found = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            found.append(zlib.decompressobj().decompress(data[match.end():end]))
        except zlib.error:
            continue
    return found


def enclosing_dictionary(text: bytes, position: int) -> bytes:
    """The innermost ``<< ... >>`` of ``text`` around ``position``."""
    depth, start = 0, position
    while start > 0:
        start -= 1
        if text.startswith(b">>", start):
            depth += 1
        elif text.startswith(b"<<", start):
            if depth == 0:
                break
            depth -= 1
    depth, end = 0, start + 2
    while end < len(text):
        if text.startswith(b"<<", end):
            depth += 1
            end += 2
        elif text.startswith(b">>", end):
            if depth == 0:
                return text[start:end + 2]
            depth -= 1
            end += 2
        else:
            end += 1
    return text[start:]


def catalog(pdf: Path) -> bytes:
    for text in pdf_objects(pdf):
        match = re.search(rb"/Type\s*/Catalog\b", text)
        if match:
            return enclosing_dictionary(text, match.start())
    raise AssertionError(f"{pdf.name}: no document catalogue found")


def pdf_string(token: bytes) -> str:
    """A PDF string, literal ``(...)`` or hex ``<...>``, as text."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode())
    else:
        raw = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), token[1:-1])
        raw = re.sub(rb"\\(.)", rb"\1", raw)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: name, embedded, family (subset tag and style removed)."""
    rows = []
    lines = run("pdffonts", pdf).splitlines()
    for line in lines[2:]:
        parts = line.split()
        name = parts[0]
        base = re.sub(r"^[A-Z]{6}\+", "", name).removesuffix("-Identity-H")
        rows.append({"name": name, "emb": parts[-5], "family": base.split("-")[0]})
    return rows


def plain_family(family: str) -> str:
    return re.sub(r"^(Noto(?:Serif|Sans)CJK)(?:jp|kr|sc|tc|hk)$", r"\1", family)


def bookmarks(pdf: Path) -> list[str]:
    """The outline's titles, as poppler reads them."""
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf)
    match = re.search(r"<outline>.*</outline>", xml, re.DOTALL)
    if not match:
        return []
    return [" ".join("".join(item.itertext()).split())
            for item in ET.fromstring(match.group(0)).iter("item")]


def title_of(root: Path, code: str, document: str = DOCUMENTS[0]) -> str:
    """The document's title in language ``code``: its first heading, as translated."""
    source = (root / "docs" / f"{document}.md").read_text(encoding="utf-8")
    title = next(line[2:].strip() for line in source.splitlines() if line.startswith("# "))
    if code == languages.SOURCE_LANGUAGE:
        return title
    po = root / "locale" / code / "LC_MESSAGES" / f"{document}.po"
    with po.open("rb") as handle:
        message = read_po(handle).get(title)
    return message.string if message and message.string and not message.fuzzy else title


# -- fonts ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", CODES)
def test_fonts_embedded_and_intended(built_site: Path, code: str) -> None:  # noqa: F811
    rows = fonts(pdf_path(built_site, code))
    assert rows, "no font at all"
    assert [r["name"] for r in rows if r["emb"] != "yes"] == [], "fonts not embedded"
    families = {plain_family(r["family"]) for r in rows}
    wanted, *allowed = FAMILIES[code]
    assert wanted in families
    assert families <= {wanted, *allowed}, families


def _font_file(pattern: str) -> tuple[Path, int]:
    out = run("fc-match", "-f", "%{family}\t%{file}\t%{index}", pattern)
    family, file, index = out.split("\t")
    assert pattern.split(":")[0] in family.split(","), f"{pattern} is not installed: {out}"
    return Path(file), int(index)


@cache
def face_cmap(pattern: str) -> dict[int, int]:
    """Character to glyph (= CID in Noto CJK) of the face fontconfig gives for ``pattern``.

    Reads the OpenType ``cmap`` table (format 12) of the face inside its collection file.
    """
    path, index = _font_file(pattern)
    data = path.read_bytes()
    offset = struct.unpack_from(">I", data, 12 + 4 * index)[0] if data[:4] == b"ttcf" else 0
    (tables,) = struct.unpack_from(">H", data, offset + 4)
    directory = {
        data[offset + 12 + 16 * i: offset + 16 + 16 * i]: struct.unpack_from(
            ">I", data, offset + 20 + 16 * i)[0]
        for i in range(tables)
    }
    cmap = directory[b"cmap"]
    _, subtables = struct.unpack_from(">HH", data, cmap)
    for i in range(subtables):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        start = cmap + sub
        if (platform, encoding) == (3, 10) and struct.unpack_from(">H", data, start)[0] == 12:
            (groups,) = struct.unpack_from(">I", data, start + 12)
            mapping = {}
            for g in range(groups):
                first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * g)
                mapping.update({c: glyph + c - first for c in range(first, last + 1)})
            return mapping
    raise AssertionError(f"{path}: no format 12 cmap")


def to_unicode_maps(pdf: Path) -> dict[str, dict[str, int]]:
    """Per ToUnicode CMap (by its name): each character and the CID drawing it."""
    maps = {}
    for text in pdf_objects(pdf):
        if b"begincmap" not in text:
            continue
        name = re.search(rb"/CMapName\s*/(\S+)", text)
        chars: dict[str, int] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.DOTALL):
            for cid, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                chars[bytes.fromhex(uni.decode()).decode("utf-16-be")] = int(cid, 16)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.DOTALL):
            for low, high, uni in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block,
            ):
                base = int(uni, 16)
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    chars[chr(base + offset)] = int(low, 16) + offset
        maps[name.group(1).decode() if name else f"cmap{len(maps)}"] = chars
    return maps


def test_chinese_pdf_draws_simplified_chinese_forms(built_site: Path) -> None:  # noqa: F811
    """Each Noto CJK glyph in the Chinese PDF is the one the SC face maps, not the JP one.

    About a third of the Han characters of the document have a distinct glyph per region
    (Simplified Chinese, Japanese...): the CIDs in the PDF's ToUnicode maps tell the face.
    """
    checked = 0
    for name, chars in to_unicode_maps(pdf_path(built_site, "zh_CN")).items():
        match = re.search(r"Noto(Serif|Sans)CJK[a-z]{2}-(\w+?)(?:-|$)", name)
        if not match:
            continue
        family = f"Noto {match.group(1)} CJK"
        style = match.group(2)
        simplified = face_cmap(f"{family} SC:style={style}")
        japanese = face_cmap(f"{family} JP:style={style}")
        for char, cid in chars.items():
            if simplified.get(ord(char)) != japanese.get(ord(char)):
                assert cid == simplified.get(ord(char)), (
                    f"{char!r} drawn with CID {cid} of {name}, not the SC face's "
                    f"{simplified.get(ord(char))} (JP: {japanese.get(ord(char))})"
                )
                checked += 1
    assert checked >= 10, "too few region-specific characters to tell the face"


# -- document information ---------------------------------------------------------------

@pytest.mark.parametrize("code", CODES)
def test_title_in_the_language(built_site: Path, code: str) -> None:  # noqa: F811
    title = pdf_info(pdf_path(built_site, code)).get("Title", "")
    assert title == title_of(built_site, code)
    assert title == KNOWN_TITLES.get((DOCUMENTS[0], code), title)
    assert script_share(title, SCRIPT_OF[code]) >= 0.6, title
    if code != languages.SOURCE_LANGUAGE:
        assert title != title_of(built_site, languages.SOURCE_LANGUAGE), "title not translated"


@pytest.mark.parametrize("code", CODES)
def test_pages_are_a4(built_site: Path, code: str) -> None:  # noqa: F811
    pdf = pdf_path(built_site, code)
    pages = int(pdf_info(pdf)["Pages"])
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts",
                       run("pdfinfo", "-f", "1", "-l", str(pages), pdf))
    assert len(sizes) == pages
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {A4_POINTS}


@pytest.mark.parametrize("code", CODES)
def test_language_entry_in_catalogue(built_site: Path, code: str) -> None:  # noqa: F811
    entry = re.search(rb"/Lang\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)",
                      catalog(pdf_path(built_site, code)))
    assert entry, "the catalogue has no /Lang entry"
    assert pdf_string(entry.group(1)).lower() == languages.get(code).html_lang.lower()


# -- text -------------------------------------------------------------------------------

def pdf_text(pdf: Path) -> str:
    return run("pdftotext", "-enc", "UTF-8", pdf, "-")


def test_chinese_pdf_adds_no_space_between_chinese_and_latin(built_site: Path) -> None:  # noqa: F811
    """xeCJK's own glue between scripts is off: the catalogue's spacing, and no other."""
    text = pdf_text(pdf_path(built_site, "zh_CN")).replace("\n", "")
    assert "危机(例如新冠肺炎疫情)对" in text
    assert "危机 (" not in text and ") 对" not in text
    # The spaces the pipeline writes around digits in dates stay.
    assert "2020 年 9 月 8 日" in text


ARABIC_WORD = re.compile("[\u0600-\u06ff]+")


def test_arabic_pdf_text_gives_the_words_of_the_page(built_site: Path) -> None:  # noqa: F811
    """Copying or searching the Arabic PDF finds the words of the Arabic page (PyMuPDF,
    MuPDF's extraction). Poppler splits some words at the gaps of non-joining letters
    ("تهر يب"): its figure is printed, not held to the bound."""
    import pymupdf

    page = (Layout(built_site).html_dir("ar") / f"{DOCUMENTS[0]}.html").read_text(
        encoding="utf-8")
    body = re.sub(r"<[^>]+>", " ", page.split('<main', 1)[1])
    words = ARABIC_WORD.findall(body.replace("&nbsp;", " "))
    with pymupdf.open(pdf_path(built_site, "ar")) as pdf:
        text = " ".join(p.get_text() for p in pdf)
    found = set(ARABIC_WORD.findall(text))
    share = sum(w in found for w in words) / len(words)
    poppler = set(ARABIC_WORD.findall(pdf_text(pdf_path(built_site, "ar"))))
    print(f"Arabic words of the page in the PDF text: PyMuPDF {share:.1%}, poppler "
          f"{sum(w in poppler for w in words) / len(words):.1%} of {len(words)}")
    assert share >= 0.995
    assert "الكوارث" in found and "الإلكتروني" in found


@pytest.mark.parametrize("code", CODES)
def test_text_is_in_the_script_of_the_language(built_site: Path, code: str) -> None:  # noqa: F811
    text = pdf_text(pdf_path(built_site, code))
    share = script_share(text, SCRIPT_OF[code])
    assert share >= 0.6, f"only {share:.0%} of the letters are {SCRIPT_OF[code]}"


@pytest.mark.parametrize("code", sorted(STOPWORDS))
def test_latin_text_is_in_the_language(built_site: Path, code: str) -> None:  # noqa: F811
    """Latin script alone cannot tell French from English: their small words can."""
    words = Counter(re.findall(r"\w+", pdf_text(pdf_path(built_site, code)).lower()))
    counts = {lang: sum(words[w] for w in stop) for lang, stop in STOPWORDS.items()}
    others = max(count for lang, count in counts.items() if lang != code)
    assert counts[code] > 2 * others, counts


@pytest.mark.parametrize("code", CODES)
def test_bookmarks(built_site: Path, code: str) -> None:  # noqa: F811
    titles = bookmarks(pdf_path(built_site, code))
    assert len(titles) >= 3, titles
    assert [t for t in titles if not t or TEX_RESIDUE.search(t)] == [], "TeX in bookmarks"
    assert script_share(" ".join(titles), SCRIPT_OF[code]) >= 0.6, titles


@pytest.mark.parametrize("code", CODES)
def test_no_missing_character_in_latex_logs(built_site: Path, code: str) -> None:  # noqa: F811
    logs = sorted(Layout(built_site).latex_dir(code).glob("*.log"))
    assert logs
    missing = [f"{log.name}: {line}" for log in logs
               for line in log.read_text(errors="replace").splitlines()
               if "Missing character" in line]
    assert missing == []


@pytest.mark.parametrize("code", CODES)
def test_pages_render(built_site: Path, code: str, tmp_path: Path) -> None:  # noqa: F811
    pdf = pdf_path(built_site, code)
    pages = int(pdf_info(pdf)["Pages"])
    run("pdftoppm", "-r", "50", "-png", pdf, tmp_path / "page")
    images = sorted(tmp_path.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    assert len(images) == pages
    letter = languages.get(code).letter
    for old in SCREENSHOTS.glob(f"pdf-{letter}-*.png"):
        old.unlink()
    for number, image in enumerate(images, start=1):
        assert image.stat().st_size > 2000, f"page {number} looks empty"
        shutil.copyfile(image, screenshot_path(f"pdf-{letter}-{number}.png"))


# -- reproducibility --------------------------------------------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def why_pdfs_differ(first: bytes, second: bytes, roots: tuple[Path, Path]) -> str:
    """Name what differs between two builds of one PDF."""
    reasons = []
    for label, key in (("/ID", rb"/ID\s*\[[^\]]*\]"),
                       ("/CreationDate", rb"/CreationDate\s*\([^)]*\)"),
                       ("/ModDate", rb"/ModDate\s*\([^)]*\)")):
        if re.findall(key, first) != re.findall(key, second):
            reasons.append(f"{label} differs: "
                           f"{re.findall(key, first)[:1]} / {re.findall(key, second)[:1]}")
    for root, data in zip(roots, (first, second), strict=True):
        if str(root).encode() in data:
            reasons.append(f"the build folder {root} is written into the PDF")
    if len(first) != len(second):
        reasons.append(f"sizes {len(first)} / {len(second)}")
    return "; ".join(reasons) or "content streams differ"


def why_texts_differ(first: bytes, second: bytes) -> str:
    """The first line that differs (a Sphinx inventory is unpacked first)."""
    texts = []
    for data in (first, second):
        head, marker, packed = data.partition(b"compressed using zlib.\n")
        texts.append((head + marker + zlib.decompress(packed)) if marker else data)
    lines = [text.decode("utf-8", errors="replace").splitlines() for text in texts]
    for one, two in zip(*lines, strict=False):
        if one != two:
            return f"{one!r} / {two!r}"
    return f"{len(lines[0])} / {len(lines[1])} lines"


@pytest.mark.slow
def test_two_clean_builds_are_identical(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory,  # noqa: F811
) -> None:
    """A second clean build with the same SOURCE_DATE_EPOCH, in a folder of another name,
    the languages in the other order and one after another in one process: what comes out
    must depend on none of these."""
    other = copy_collection(tmp_path_factory.mktemp("second-build-in-another-folder"))
    # The command, in a process of its own: what one build leaves in a process stays there.
    done = subprocess.run(
        [sys.executable, "-m", "meetingdocs.cli", "--root", str(other),
         "--languages", " ".join(reversed(CODES)), "build", "--jobs", "1"],
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr
    differences = []
    for part in ("html", "pdf"):
        first = tree(Layout(built_site).build_dir / part)
        second = tree(Layout(other).build_dir / part)
        assert first.keys() == second.keys(), f"{part}: not the same files"
        for name in sorted(first):
            if first[name] != second[name]:
                reason = (why_pdfs_differ(first[name], second[name], (built_site, other))
                          if name.endswith(".pdf") else why_texts_differ(first[name], second[name]))
                differences.append(f"{part}/{name}: {reason}")
    assert not differences, "\n".join(differences)
