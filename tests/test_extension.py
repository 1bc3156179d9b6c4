"""The agenda vocabulary on a small test root: masthead, items, dates, annex, symbols."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

DOC = "EX_WG.1_2030_1"


def _html(app: SphinxTestApp) -> str:
    app.build()
    return (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.sphinx("html", testroot="agenda")
def test_english_agenda(app: SphinxTestApp) -> None:
    html = _html(app)
    text = _text(html)
    assert '<html lang="en" dir="ltr">' in html
    assert "United Nations" in text and "EX/WG.1/2030/1" in text
    assert "Distr.: General" in text and "15 January 2030" in text
    assert "Original: English" in text
    assert "Geneva, 4–6 March 2030" in text
    # Items stated once, rendered as list (with punctuation), headings and annex rows.
    assert "1. Organizational matters:" in text
    assert re.search(r"\(a\)\s*Opening of the meeting;", text)
    assert re.search(r"\(b\)\s*Adoption of the agenda\.", text)
    assert text.count("Review of examples") == 4  # list, heading, annex twice
    assert "Review of examples (continued)" in text
    assert '<section id="item-1a">' in html
    assert "opened at 10 a.m. on Monday, 4 March 2030." in text
    assert "On 1 November 2029" in text and "under item 1 (b)" in text
    assert 'href="#item-1b"' in html
    assert 'href="https://undocs.org/en/EX/WG.1/2030/2"' in html
    assert "Monday, 4 March" in text and "10 a.m.–1 p.m." in text and "3–6 p.m." in text
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="agenda", confoverrides={"language": "fr"})
def test_french_agenda(app: SphinxTestApp) -> None:
    text = _text(_html(app))
    assert "Distr. générale" in text and "Original : anglais" in text
    assert "15 janvier 2030" in text
    assert "Genève, 4-6 mars 2030" in text
    assert re.search(r"a\)\s*Ouverture de la réunion\s;", text)
    assert "Examen des exemples (suite)" in text
    assert "au point 1 b)" in text
    assert "le lundi 4 mars 2030 à 10 heures" in text
    assert "https://undocs.org/fr/EX/WG.1/2030/2" in _html(app)
    for english in ("Organizational matters", "Opening of the meeting", "(continued)", "Agenda item"):
        assert english not in text


@pytest.mark.sphinx("html", testroot="agenda", confoverrides={"language": "ar"})
def test_arabic_page_is_right_to_left(app: SphinxTestApp) -> None:
    html = _html(app)
    assert '<html lang="ar" dir="rtl">' in html
    assert "(أ)" in html and "(ب)" in html
    # The masthead block stays in English, marked as such for readers and screen readers.
    assert 'lang="en" dir="ltr"' in html and "Arabic" in html
    assert 'dir="ltr" href="https://undocs.org/ar/EX/WG.1/2030/2"' in html


@pytest.mark.sphinx("html", testroot="agenda", confoverrides={"language": "zh_CN"})
def test_chinese_labels(app: SphinxTestApp) -> None:
    text = _text(_html(app))
    assert '<html lang="zh-Hans-CN"' in _html(app)
    assert "3 月 4 日，星期一" in text
    assert "上午 10 时至下午 1 时" in text and "下午 3 时至 6 时" in text
    assert "Chinese" in text and "Original: English" in text


@pytest.mark.sphinx("latex", testroot="agenda", confoverrides={"language": "ar"})
def test_arabic_latex_settings(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / f"{DOC}_A.tex").read_text(encoding="utf-8")
    assert app.config.latex_engine == "lualatex"
    assert "\\usepackage[bidi=basic,layout=tabular.lists]{babel}" in tex
    assert "{Amiri}" in tex
    assert "\\unmasthead" in tex and "V.30\\sphinxhyphen{}00001 (A)" in tex
    assert "Release" not in tex and "\\sphinxtableofcontents" not in tex


@pytest.mark.sphinx("latex", testroot="agenda", confoverrides={"language": "zh_CN"})
def test_chinese_latex_uses_simplified_faces(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / f"{DOC}_C.tex").read_text(encoding="utf-8")
    assert app.config.latex_engine == "xelatex"
    assert "Noto Serif CJK SC" in tex
    assert "\\title{" in tex


def test_unknown_language_stops_before_any_work(make_app, rootdir) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="known codes are ar zh_CN en fr ru es"):
        make_app("html", srcdir=rootdir / "test-agenda", confoverrides={"language": "xx"})


@pytest.mark.sphinx("html", testroot="agenda")
def test_unknown_item_stops_the_build_with_file_and_line(app: SphinxTestApp) -> None:
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    doc = app.srcdir / f"{DOC}.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nSee {item}`9`.\n", encoding="utf-8")
    with pytest.raises(AuthorMistake, match=rf"{DOC}\.md:\d+: agenda item 9 is not defined"):
        app.build()
    assert "[meetingdocs.agenda]" in app.warning.getvalue()
    doc.write_text(doc.read_text(encoding="utf-8").replace("\nSee {item}`9`.\n", ""),
                   encoding="utf-8")


@pytest.mark.parametrize(("text", "message"), [
    ("{date}`2020-02-30`", "'2020-02-30' is not a date in the calendar"),
    ("{time}`25:00`", "25:00"),
    ("{item}`0`", "item"),
])
def test_a_datum_a_role_cannot_read_stops_every_build_until_fixed(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, text: str, message: str,
) -> None:
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    doc = source / f"{DOC}.md"
    good = doc.read_text(encoding="utf-8")
    doc.write_text(good + f"\nOn {text}.\n", encoding="utf-8")
    for _ in range(2):  # the unchanged document stops the next build too
        app = make_app("html", srcdir=source)
        with pytest.raises(AuthorMistake, match=rf"{DOC}\.md:\d+: .*{re.escape(message)}"):
            app.build()
    doc.write_text(good, encoding="utf-8")
    app = make_app("html", srcdir=source)
    app.build()
    assert (app.outdir / f"{DOC}.html").exists()


def test_readme_example_is_the_test_root() -> None:
    """The authoring guide's example is the document these tests build."""
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    example = (repo / "tests" / "roots" / "test-agenda" / f"{DOC}.md").read_text(encoding="utf-8")
    assert example in (repo / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "message"), [
    (":issued: 2030-01-15", ":issued: 2030-13-45", "'2030-13-45' is not a date in the calendar"),
    ("2030-03-04 10:00-13:00 1a 1b 2", "2030-03-04 13:00-10:00 1a 1b 2",
     "the range ends before it starts"),
    ("2030-03-05 10:00-13:00 3", "2030-03-05 10:00-13:00 3 7",
     "the schedule names agenda item 7, which the {agenda} does not define"),
    ("   2. Adoption of the agenda\n",
     "".join(f"   {n}. Sub-item {n}\n" for n in range(2, 31)),
     "agenda: item 1 has 30 sub-items; an item has at most 26 (1a to 1z)"),
])
def test_a_directive_that_cannot_do_its_work_stops_the_build(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, old: str, new: str,
    message: str,
) -> None:
    """Else the masthead or the annex would be left out and the build succeed."""
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    doc = source / f"{DOC}.md"
    text = doc.read_text(encoding="utf-8")
    assert old in text
    doc.write_text(text.replace(old, new), encoding="utf-8")
    app = make_app("html", srcdir=source)
    with pytest.raises(AuthorMistake, match=rf"{DOC}\.md:\d+: .*{re.escape(message)}"):
        app.build()


def test_two_documents_with_one_symbol_stop_the_build_naming_both(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    (source / "copy.md").write_text((source / f"{DOC}.md").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    index = source / "index.md"
    if index.exists() and "toctree" in index.read_text(encoding="utf-8"):
        index.write_text(index.read_text(encoding="utf-8").replace(
            f"{DOC}\n", f"{DOC}\ncopy\n"), encoding="utf-8")
    app = make_app("html", srcdir=source)
    with pytest.raises(AuthorMistake) as stopped:
        app.build()
    lines = str(stopped.value).splitlines()
    assert any(re.match(rf".*copy\.md:\d+: EX/WG\.1/2030/1 is also the symbol of .*{DOC}\.md:\d+",
                        line) for line in lines), lines
    assert any(re.match(rf".*{DOC}\.md:\d+: EX/WG\.1/2030/1 is also the symbol of .*copy\.md",
                        line) for line in lines), lines


def test_a_file_not_named_after_its_symbol_is_a_typed_warning(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    (source / f"{DOC}.md").rename(source / "renamed.md")
    index = source / "index.md"
    if index.exists():
        index.write_text(index.read_text(encoding="utf-8").replace(DOC, "renamed"),
                         encoding="utf-8")
    app = make_app("html", srcdir=source)
    app.build()
    warnings = app.warning.getvalue()
    assert "renamed.md" in warnings
    assert f"should be named {DOC}.md" in warnings
    assert "[meetingdocs.symbol]" in warnings


def _with_text(rootdir: Path, tmp_path: Path, text: str) -> Path:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    doc = source / f"{DOC}.md"
    doc.write_text(doc.read_text(encoding="utf-8") + text, encoding="utf-8")
    return source


#: /dev/zero from the test's source folder (Sphinx reads "/x" as the source folder's x).
ZERO = "../" * 16 + "dev/zero"


@pytest.mark.parametrize(("text", "message"), [
    (f"\n```{{include}} {ZERO}\n```\n", "/dev/zero is not a regular file"),
    (f"\n:::{{note}}\n```{{literalinclude}} {ZERO}\n```\n:::\n",
     "/dev/zero is not a regular file"),
    (f"\n```{{eval-rst}}\nSome text.\n\n.. include:: {ZERO}\n```\n",
     "/dev/zero is not a regular file"),
    ("\n```{include} " + "../" * 16 + "etc/hostname\n```\n",
     "is outside the collection's folder"),
    ("\n```{include} missing.md\n```\n", "cannot be read"),
    ("\n```{include} part.md\n```\n", "part.md:2: include: /dev/zero is not a regular file"),
])
def test_a_file_that_may_not_be_read_is_not_read(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, text: str, message: str,
) -> None:
    """An include of a device ends in a plain sentence at once, not in gigabytes."""
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = _with_text(rootdir, tmp_path, text)
    (source / "part.md").write_text(f"Included.\n```{{include}} {ZERO}\n```\n",
                                    encoding="utf-8")
    app = make_app("html", srcdir=source, confoverrides={"exclude_patterns": ["part.md"]})
    with pytest.raises(AuthorMistake, match=re.escape(message)):
        app.build()


def test_a_source_that_is_a_link_to_a_device_is_not_read(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = _with_text(rootdir, tmp_path, "")
    (source / "zero.md").symlink_to("/dev/zero")
    app = make_app("html", srcdir=source)
    with pytest.raises(AuthorMistake, match=r"zero\.md:0: .*is not a regular file"):
        app.build()


def test_a_file_of_the_collection_is_included(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    source = _with_text(rootdir, tmp_path, "\n```{include} part.md\n```\n")
    (source / "part.md").write_text("An included paragraph.\n", encoding="utf-8")
    app = make_app("html", srcdir=source, confoverrides={"exclude_patterns": ["part.md"]})
    app.build()
    assert "An included paragraph." in (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")


def test_an_empty_document_stops_the_build_with_its_name(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    """Else its PDF would fail with "LaTeX failed" and nothing else."""
    from meetingdocs.sphinx_ext.mistakes import AuthorMistake

    source = _with_text(rootdir, tmp_path, "")
    (source / "EMPTY.md").write_text("", encoding="utf-8")
    app = make_app("latex", srcdir=source)
    with pytest.raises(AuthorMistake, match=r"EMPTY\.md:1: the document is empty"):
        app.build()
