"""The translators' workflow on the real document: nothing lost, nothing injected.

Each test works on a private copy of the collection and drives the same commands as
``make gettext``, ``make update-po``, ``make check`` and ``make html``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from meetingdocs import cli, languages
from meetingdocs.publish.build import build_all
from meetingdocs.publish.layout import Layout

DOC = "CTOC_COP_WG.7_2020_1"
TRANSLATED = [c for c in languages.CODES if c != "en"]
LONG = "In its resolution 7/1, entitled"


def _po(root: Path, code: str, doc: str = DOC) -> Path:
    return root / "locale" / code / "LC_MESSAGES" / f"{doc}.po"


def _entries(po: Path) -> dict[str, object]:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m for m in catalog if m.id}


def test_update_keeps_every_translation(collection: Path) -> None:
    source = collection / "docs" / f"{DOC}.md"
    text = source.read_text(encoding="utf-8")
    # A one-word edit in the longest paragraph, and one paragraph deleted.
    text = text.replace("in order to ensure the efficient use of resources",
                        "in order to ensure the effective use of resources")
    removed = ("The Working Group is expected to adopt a report on its meeting, the draft "
               "of which will be prepared by the Secretariat.")
    text = text.replace(removed + "\n", "")
    source.write_text(text, encoding="utf-8")
    before = {code: _entries(_po(collection, code)) for code in TRANSLATED}

    assert cli.main(["--root", str(collection), "gettext"]) == 0
    assert cli.main(["--root", str(collection), "update-po"]) == 0

    for code in TRANSLATED:
        po = _po(collection, code)
        raw = po.read_text(encoding="utf-8")
        after = _entries(po)
        edited = next(m for k, m in after.items() if k.startswith(LONG))
        old = next(m for k, m in before[code].items() if k.startswith(LONG))
        assert edited.fuzzy and edited.string == old.string, code
        assert "#| msgid" in raw and "efficient use" in raw.split("#| msgid", 1)[1], code
        assert f'#~ msgstr "{before[code][removed].string[:20]}' in raw.replace('"\n#~ "', ""), code
    untouched = subprocess.run(["git", "diff", "--stat", "--", "locale/*/LC_MESSAGES/index.po"],
                               cwd=collection, capture_output=True, text=True, check=True)
    assert untouched.stdout == ""


def test_update_with_no_change_changes_nothing(collection: Path) -> None:
    assert cli.main(["--root", str(collection), "gettext"]) == 0
    assert cli.main(["--root", str(collection), "update-po"]) == 0
    diff = subprocess.run(["git", "status", "--porcelain", "--", "locale"], cwd=collection,
                          capture_output=True, text=True, check=True)
    assert diff.stdout == ""


TAMPERING = {
    "script": ("<script>alert('x')</script>", "raw-html"),
    "onerror": ('<img src=x onerror="alert(1)">', "raw-html"),
    "symbol": ("{symbol}`CTOC/COP/WG.7/2020/9`", "symbol"),
    "role target": ("{item}`9`", "role"),
    "dropped role": ("point 2", "role"),
    "emphasis": ("*COVID-19", "emphasis"),
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_tampered_catalogue_is_refused(
    collection: Path, kind: str, capsys: pytest.CaptureFixture[str],
) -> None:
    po = _po(collection, "fr")
    raw = po.read_text(encoding="utf-8")
    payload, code = TAMPERING[kind]
    target = "({symbol}`CTOC/COP/WG.7/2020/2`)" if kind == "symbol" else None
    if kind in ("role target", "dropped role"):
        target = "{item}`2`"
    if target:
        assert target in raw
        tampered = raw.replace(target, payload, 1)
    else:
        marker = 'msgstr "Questions diverses"'
        assert marker in raw
        tampered = raw.replace(marker, f'msgstr "Questions diverses {payload}"'.replace(
            '"alert(1)"', '\\"alert(1)\\"'), 1)
    po.write_text(tampered, encoding="utf-8")
    line = next(i for i, text in enumerate(tampered.splitlines(), 1)
                if payload.split('"')[0] in text)

    assert cli.main(["--root", str(collection), "check"]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"fr/LC_MESSAGES/{re.escape(DOC)}\.po:\d+: \[[a-z-]*{code}", out), out
    reported = [int(n) for n in re.findall(rf"{re.escape(DOC)}\.po:(\d+):", out)]
    # The finding points at the entry (its msgid line), at or above the tampered line.
    assert any(0 <= line - n <= 20 for n in reported), (line, out)

    results = build_all(Layout(collection), ["fr", "es"], ("html",), jobs=1)
    by_code = {r.code: r for r in results}
    assert not by_code["fr"].ok and by_code["es"].ok
    assert f"{DOC}.po:" in " ".join(by_code["fr"].errors)
    page = collection / "_build" / "html" / "fr" / f"{DOC}.html"
    assert not page.exists() or payload not in page.read_text(encoding="utf-8")


def test_raw_html_never_becomes_markup(collection: Path) -> None:
    """Even past the checks (plain sphinx-build), MyST leaves raw HTML as text."""
    po = _po(collection, "es")
    raw = po.read_text(encoding="utf-8")
    po.write_text(raw.replace('msgstr "Otros asuntos"', 'msgstr "Otros <b>asuntos</b>"'),
                  encoding="utf-8")
    from meetingdocs.publish.sphinx_run import run_sphinx

    run_sphinx(Layout(collection), "es", "html", collection / "out")
    # The guard refuses the build; without it, the text would still be escaped.
    assert not (collection / "out" / f"{DOC}.html").exists() or "<b>asuntos" not in (
        collection / "out" / f"{DOC}.html").read_text(encoding="utf-8")


def test_stats_and_status_page(collection: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(collection), "stats"]) == 0
    table = capsys.readouterr().out
    for code in TRANSLATED:
        assert re.search(rf"^\s*{code}\b.*{re.escape(DOC)}.*100", table, re.MULTILINE), table
    build_all(Layout(collection), ["en", "fr"], ("html",))
    status = (collection / "_build" / "html" / "status.html").read_text(encoding="utf-8")
    assert "Français" in status and f'href="fr/{DOC}.html"' in status and "100%" in status


def test_xliff_round_trip_is_lossless(collection: Path) -> None:
    assert cli.main(["--root", str(collection), "xliff"]) == 0
    for code in TRANSLATED:
        po = _po(collection, code)
        before = po.read_bytes()
        xlf = collection / "_build" / "xliff" / code / f"{DOC}.xlf"
        text = xlf.read_text(encoding="utf-8")
        assert "<ph" in text and 'version="1.2"' in text
        assert cli.main(["--root", str(collection), "import-xliff", str(xlf)]) == 0
        assert po.read_bytes() == before, code


@pytest.mark.slow
def test_second_document_is_content_only(collection: Path, rootdir: Path) -> None:
    """A new document is its .md file: catalogues, pages, PDFs and landing entry follow."""
    new = "EX_WG.1_2030_1"
    (collection / "docs" / f"{new}.md").write_text(
        (rootdir / "test-agenda" / f"{new}.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["--root", str(collection), "gettext"]) == 0
    assert cli.main(["--root", str(collection), "update-po"]) == 0
    for code in TRANSLATED:
        # The translation memory filled the standard agenda phrases from the other document.
        entries = _entries(_po(collection, code, new))
        assert entries["Organizational matters"].string == _entries(
            _po(collection, code))["Organizational matters"].string
    results = build_all(Layout(collection), list(languages.CODES), ("html", "pdf"))
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    landing = (collection / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    layout = Layout(collection)
    for lang in languages.LANGUAGES:
        # Only the memory's phrases are translated: the translated versions are drafts,
        # the source is published; a notice stands at each unpublished page's address.
        published = lang.code == languages.SOURCE_LANGUAGE
        assert (layout.html_dir(lang.code) / f"{new}.html").exists()
        assert (layout.draft_pdf_dirs[0] / f"{new}_{lang.letter}.pdf").exists()
        assert (layout.pdf_dir / f"{new}_{lang.letter}.pdf").exists() == published
        assert (f"{lang.code}/{new}.html" in landing) == published
    home = (collection / "_build" / "html" / "fr" / "index.html").read_text(encoding="utf-8")
    assert "EX/WG.1/2030/1" in home and "CTOC/COP/WG.7/2020/1" in home

    # Deleted again: its pages, PDFs and landing entry leave the site and the drafts.
    (collection / "docs" / f"{new}.md").unlink()
    results = build_all(layout, list(languages.CODES), ("html", "pdf"))
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    left = [p.relative_to(collection).as_posix() for p in (collection / "_build").rglob(f"{new}*")
            if not p.relative_to(collection / "_build").parts[0] in ("doctrees", "gettext")]
    assert left == []
    landing = (collection / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert new not in landing and "EX/WG.1/2030/1" not in landing
    assert (layout.pdf_dir / f"{DOC}_F.pdf").exists()
