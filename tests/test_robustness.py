"""Bad input, each on a copy of the collection: it is reported clearly, never half-published.

A ``.po`` file with a syntax error is named with its line, and the other languages still
build; TeX's and HTML's special characters in a translation come out literally in both
outputs; an unknown language code stops the command before any work; a 1 MB paragraph
and markup nested 200 deep finish in bounded time, with every word published or a clean
failure; and random text of the six languages' scripts mixed with special characters
goes through a tiny collection to HTML and LaTeX and comes back out unchanged.
"""

from __future__ import annotations

import html
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from browser_support import DOCUMENTS, SCRIPT_RANGES, copy_collection, in_script, squeeze
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.sphinx_run import run_sphinx

DOCUMENT = DOCUMENTS[0]
#: Every character TeX treats specially, then those HTML escapes.
TEX_SPECIALS = ("\\", "{", "}", "$", "&", "#", "^", "_", "%", "~")
HTML_SPECIALS = ("<", ">", "&", '"')
#: What a straight double quote may become: Sphinx sets quotes in each language's style.
QUOTES = {'"', "«", "»", "“", "”", "„"}
#: A generous bound for one language's build of the real document.
BUILD_TIMEOUT = 300


def meetingdocs(
    root: Path, *args: str, timeout: float = BUILD_TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run the ``meetingdocs`` command on the collection at ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "meetingdocs.cli", "--root", str(root), *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def catalogue(root: Path, code: str, document: str = DOCUMENT) -> Path:
    return Layout(root).locale_dir / code / "LC_MESSAGES" / f"{document}.po"


def set_translation(po: Path, msgid_start: str, msgstr: str) -> None:
    """Replace the translation of the (only) message whose msgid starts with the text."""
    with po.open("rb") as handle:
        messages = read_po(handle)
    found = [m for m in messages if m.id and str(m.id).startswith(msgid_start)]
    assert len(found) == 1, f"{po.name}: {len(found)} messages start with {msgid_start!r}"
    found[0].string = msgstr
    with po.open("wb") as handle:
        write_po(handle, messages, width=0)


def page_text(page: Path) -> str:
    """What a reader sees of an HTML page: tags dropped, entities decoded."""
    body = page.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def between(text: str, start: str, end: str) -> str:
    match = re.search(re.escape(start) + r"(.*?)" + re.escape(end), text, re.DOTALL)
    assert match, f"{start} ... {end} not found"
    return match.group(1)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def assert_clean_failure(done: subprocess.CompletedProcess[str]) -> None:
    """A failed build says which language and what went wrong, without a traceback."""
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    assert re.search(r"build failed for \w+", done.stderr), done.stderr


# -- a broken catalogue -----------------------------------------------------------------

def test_po_syntax_error_is_located_and_the_others_build(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    po = catalogue(root, "fr")
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if i > 20 and line.startswith('msgstr "'))
    lines[number - 1] = 'msgstr "une chaîne jamais fermée\n'
    po.write_text("".join(lines), encoding="utf-8")

    done = meetingdocs(root, "build", "--formats", "html")

    assert done.returncode != 0
    assert f"fr/LC_MESSAGES/{DOCUMENT}.po:{number}:" in done.stderr, done.stderr
    assert not (Layout(root).html_dir("fr") / f"{DOCUMENT}.html").exists()
    for code in languages.CODES:
        if code != "fr":
            assert (Layout(root).html_dir(code) / f"{DOCUMENT}.html").exists(), code
            assert re.search(rf"\[\s*{code}\] html ok", done.stdout), done.stdout


# -- special characters -----------------------------------------------------------------

@pytest.mark.slow
def test_special_characters_come_out_literally(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    specials = [*TEX_SPECIALS, *HTML_SPECIALS]
    # The quote last: it alone may be set typographically (« in French).
    set_translation(catalogue(root, "fr"), "The Working Group is expected to adopt",
                    "QQSTART " + " ".join(specials) + " QQEND")

    done = meetingdocs(root, "-l", "fr", "build")
    assert done.returncode == 0, done.stderr

    page = Layout(root).html_dir("fr") / f"{DOCUMENT}.html"
    pdf = Layout(root).pdf_dir / languages.pdf_name(DOCUMENT, "fr")
    for output, text in (("HTML", page_text(page)), ("PDF", pdf_text(pdf))):
        shown = squeeze(between(text, "QQSTART", "QQEND")).split(" ")
        assert shown[:-1] == specials[:-1], f"{output}: {shown}"
        assert shown[-1] in QUOTES, f"{output}: {shown}"
    assert "&amp;amp;" not in page.read_text(encoding="utf-8")


# -- an unknown language ----------------------------------------------------------------

def test_unknown_language_stops_before_any_work(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    started = time.monotonic()
    done = meetingdocs(root, "-l", "xx", "build", timeout=60)
    assert done.returncode != 0
    assert "xx" in done.stderr
    for code in languages.CODES:
        assert code in done.stderr, f"{code} not named among the known codes"
    assert not Layout(root).build_dir.exists(), "work was done before the code was refused"
    assert time.monotonic() - started < 30


# -- very large and very deep input -----------------------------------------------------

def append_to_source(root: Path, text: str) -> None:
    source = root / "docs" / f"{DOCUMENT}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n\n" + text + "\n", encoding="utf-8")


def assert_pdf_built_or_failed_cleanly(
    root: Path, done: subprocess.CompletedProcess[str],
) -> None:
    pdf = Layout(root).pdf_dir / languages.pdf_name(DOCUMENT, "en")
    if re.search(r"\[\s*en\] pdf\s+ok", done.stdout):
        assert pdf.exists()
        return
    assert_clean_failure(done)
    errors = [line for line in done.stderr.splitlines() if "[en] pdf error" in line]
    assert errors, done.stderr
    # The reason itself, not only a pointer to a log that may not hold it.
    assert not any(line.endswith("see the .log file") for line in errors), errors


@pytest.mark.slow
def test_one_megabyte_paragraph(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    words = ["smuggling", "of", "migrants", "law", "enforcement", "cooperation", "group"]
    count = 1_000_000 // 8
    paragraph = " ".join(words[i % len(words)] for i in range(count)) + " HUGEEND"
    assert len(paragraph.encode()) > 1_000_000
    append_to_source(root, paragraph)

    done = meetingdocs(root, "-l", "en", "build")

    assert re.search(r"\[\s*en\] html\s+ok", done.stdout), done.stdout + done.stderr
    page = (Layout(root).html_dir("en") / f"{DOCUMENT}.html").read_text(encoding="utf-8")
    assert "HUGEEND" in page
    assert_pdf_built_or_failed_cleanly(root, done)
    if not re.search(r"\[\s*en\] pdf\s+ok", done.stdout):
        # The paragraph is named in the source, not only the .tex made from it.
        assert re.search(rf"{re.escape(DOCUMENT)}\.md:\d+: this paragraph is [\d,]+ bytes long",
                         done.stderr), done.stderr


DEPTH = 200


@pytest.mark.slow
def test_markup_nested_two_hundred_deep(tmp_path: Path) -> None:
    """Every word of deeply nested markup is published, or the build says it cannot be."""
    root = copy_collection(tmp_path / "collection")
    quote = "> " * DEPTH + "DEEPQUOTE"
    listing = "\n".join("  " * level + f"- DEEPLIST{level}" for level in range(DEPTH))
    emphasis = "*" * DEPTH + "DEEPEMPHASIS" + "*" * DEPTH
    links = "[" * DEPTH + "DEEPLINK" + "]" * DEPTH
    # The list last but one: what is lost after it is told apart from what is lost in it.
    append_to_source(root, f"{emphasis}\n\n{links}\n\n{quote}\n\n{listing}\n\nDEEPAFTER")

    done = meetingdocs(root, "-l", "en", "build")

    assert "Traceback" not in done.stdout + done.stderr
    if re.search(r"\[\s*en\] html\s+ok", done.stdout):
        text = page_text(Layout(root).html_dir("en") / f"{DOCUMENT}.html")
        markers = ["DEEPEMPHASIS", "DEEPLINK", "DEEPQUOTE"]
        markers += [f"DEEPLIST{level}" for level in range(DEPTH)] + ["DEEPAFTER"]
        lost = [m for m in markers if not re.search(rf"\b{m}\b", text)]
        assert lost == [], (
            f"published without a word of warning, but {len(lost)} of {len(markers)} "
            f"marked words are missing: {lost[:4]} ... {lost[-2:]}"
        )
    else:
        assert_clean_failure(done)
    assert_pdf_built_or_failed_cleanly(root, done)


# -- random text through a tiny collection ----------------------------------------------

ALPHABET = (
    "AZaz" "éèçàñüÉÑ"                      # Latin (English, French, Spanish)
    "АБЖЯабжяёЁ"                            # Cyrillic
    "ابتجحخدرسشعكلمنهوية،؛؟"               # Arabic
    "联合国临时议程说明会议骨直"              # Han
    "0123456789 "
    "\\{}$&#^_%~<>\"'`-*[]()!?.,:;|/@+=")   # TeX, HTML and Markdown specials
TINY_CONF = """\
extensions = ["meetingdocs"]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
html_theme = "unpage"
# Typography is not the subject here: keep quotes and dashes as typed.
smartquotes = False
"""
#: LaTeX escapes of Sphinx's writer, undone to read the text back out of a .tex file.
TEX_ESCAPES = [
    ("\\textbackslash{}", "\\"), ("\\textasciitilde{}", "~"), ("\\textasciicircum{}", "^"),
    ("\\sphinxhyphen{}", "-"), ("\\textquotesingle{}", "'"), ("\\textasciigrave{}", "`"),
    ("\\textless{}", "<"), ("\\textgreater{}", ">"), ("{[}", "["), ("{]}", "]"),
    *((f"\\{c}", c) for c in "$%&#_{}"),
]
#: The escapes above, to be taken away before looking for a bare special character.
ESCAPE = re.compile(r"\\[A-Za-z]+\{\}|\\[$%&#_{}]|\{[\[\]]\}")


def markdown_literal(text: str) -> str:
    """``text`` as Markdown that means exactly that text: every ASCII punctuation escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def untex(text: str) -> str:
    for escaped, char in TEX_ESCAPES:
        text = text.replace(escaped, char)
    return text


def tiny_collection(root: Path) -> Layout:
    (root / "docs").mkdir(parents=True)
    (root / "conf.py").write_text(TINY_CONF, encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Index\n\n:::{toctree}\n:hidden:\n\nsample\n:::\n", encoding="utf-8")
    return Layout(root)


def write_sample(layout: Layout, texts: list[str]) -> None:
    body = "\n\n".join(f"QQSTART{i} {markdown_literal(t)} QQEND{i}" for i, t in enumerate(texts))
    (layout.srcdir / "sample.md").write_text(f"# Sample\n\n{body}\n", encoding="utf-8")


def sphinx(layout: Layout, code: str, builder: str) -> Path:
    folder = layout.html_dir(code) if builder == "html" else layout.latex_dir(code)
    ok, summary, warnings = run_sphinx(layout, code, builder, folder)
    assert ok, f"{builder}: {summary} {warnings}"
    return folder


SEEN: list[str] = []


def test_random_text_comes_back_out(tmp_path_factory: pytest.TempPathFactory) -> None:
    layout = tiny_collection(tmp_path_factory.mktemp("tiny"))
    letter = languages.get("zh_CN").letter

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet=ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip()))
    def round_trip(text: str) -> None:
        SEEN.append(text)
        write_sample(layout, [text])
        html_page = sphinx(layout, "zh_CN", "html") / "sample.html"
        assert squeeze(between(page_text(html_page), "QQSTART0", "QQEND0")) == squeeze(text)
        tex = (sphinx(layout, "zh_CN", "latex") / f"sample_{letter}.tex").read_text("utf-8")
        escaped = between(tex, "QQSTART0", "QQEND0")
        bare = set(ESCAPE.sub("", escaped)) & set(TEX_SPECIALS)
        assert not bare, f"bare in the LaTeX: {bare} in {escaped!r}"
        assert squeeze(untex(escaped)) == squeeze(text)

    round_trip()


#: A fixed sample of everything at once, besides what the property test tried.
FIXED_SAMPLES = [
    "\\ { } $ & # ^ _ % ~ < > & \" ' ` -- --- << >> !` ?` ,, ''",
    "Vienna Вена فيينا 维也纳 Viena Vienne 8–9 septembre 2020",
    "CTOC/COP/WG.7/2020/1 {symbol} 50% $5 #1 a_b ~a^b \\textbf{x}",
]


def random_samples(count: int, alphabet: str) -> list[str]:
    chance = random.Random(20200908)
    return ["".join(chance.choice(alphabet) for _ in range(40)) for _ in range(count)]


def without(script: str, text: str) -> str:
    return "".join(c for c in text if not in_script(c, script))


def visible(text: str) -> str:
    """``text`` without white space (where lines break and what spaces CJK is the
    typesetter's business)."""
    return "".join(c for c in text if not c.isspace())


@pytest.mark.slow
def test_mixed_sample_compiles_and_reads_back(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One LaTeX run on every sample at once; text of the scripts the fonts cover reads back.

    The Chinese set-up (Liberation Serif with Noto CJK) covers Latin, Cyrillic and Han, not
    Arabic; the Arabic set-up (Amiri) covers Arabic and Latin.
    """
    no_arabic = without("Arabic", ALPHABET)
    latin = without("Han", without("Cyrillic", no_arabic))
    texts = [*FIXED_SAMPLES, *random_samples(2, ALPHABET), *random_samples(4, no_arabic),
             *random_samples(4, latin), *SEEN[:15]]
    layout = tiny_collection(tmp_path_factory.mktemp("mixed"))
    write_sample(layout, texts)
    problems = []
    for code, unset in (("zh_CN", ("Arabic",)), ("ar", ("Arabic", "Han", "Cyrillic"))):
        folder = sphinx(layout, code, "latex")
        tex = f"sample_{languages.get(code).letter}.tex"
        done = subprocess.run(
            ["latexmk", f"-{languages.get(code).latex_engine}", "-interaction=nonstopmode",
             "-halt-on-error", "-file-line-error", tex],
            cwd=folder, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False,
        )
        if done.returncode != 0:
            errors = [line for line in done.stdout.splitlines() if line.startswith("!")
                      or re.match(r"^\S+\.tex:\d+:", line)]
            problems.append(f"{code}: LaTeX failed: {errors[:5]}")
            continue
        # A character the fonts lack is drawn as a box (U+FFFD when read back).
        text = pdf_text(folder / tex.replace(".tex", ".pdf")).replace("\ufffd", "")
        # Samples of left-to-right scripts the fonts cover read back in order, specials and
        # all (a line with Arabic is reordered by the reader, so it cannot be compared).
        covered = [t for t in texts if not any(in_script(c, s) for c in t for s in unset)]
        flat = visible(text)
        unread = [t for t in covered if visible(t) not in flat]
        if unread:
            problems.append(f"{code}: not read back from the PDF: {unread}")
        if code == "ar":
            letters = {c for t in texts for c in t if in_script(c, "Arabic") and c.isalpha()}
            if not letters <= set(text):
                problems.append(f"{code}: Arabic letters lost: {letters - set(text)}")
    assert problems == []


def test_alphabet_covers_the_six_languages() -> None:
    for script in SCRIPT_RANGES:
        assert any(in_script(c, script) for c in ALPHABET), script
    assert set(TEX_SPECIALS) | set(HTML_SPECIALS) <= set(ALPHABET)
