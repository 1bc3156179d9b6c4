"""The build publishes what the PO model reads: compiled by us, checked, never a stale .mo."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from meetingdocs.sphinx_ext import guard
from meetingdocs.sphinx_ext.catalogs import CatalogueRefused

ROOT = Path(__file__).parent / "roots" / "test-agenda"
DOC = "EX_WG.1_2030_1"
MakeApp = Callable[..., SphinxTestApp]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build", "*.mo"))
    return target


def _po(root: Path) -> Path:
    return root / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(make_app: MakeApp, root: Path) -> tuple[SphinxTestApp, str]:
    app = make_app("html", srcdir=root, confoverrides={"language": "fr"})
    app.build()
    app.cleanup()  # Sphinx keeps translators per process; a later build must load anew
    html = (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")
    return app, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _mo(app: SphinxTestApp) -> Path:
    return Path(app.doctreedir) / "locale" / "0" / "fr" / "LC_MESSAGES" / f"{DOC}.mo"


def test_concatenated_and_escaped_translations_are_published_as_gettext_reads_them(
    make_app: MakeApp, root: Path
) -> None:
    _replace(_po(root), 'msgid "Review of examples"\nmsgstr "Examen des exemples"',
             'msgid "Review of " "examples"\nmsgstr "Examen des \\x65xemples"')
    _replace(_po(root), 'msgid "Annex"\nmsgstr "Annexe"', 'msgid "Annex"\nmsgstr "\\101nnexe"')
    _, text = _build(make_app, root)
    assert "Examen des exemples (suite)" in text
    assert "Annexe" in text
    assert "Review of examples" not in text and "x65" not in text and "101" not in text


def test_an_iso_8859_1_catalogue_is_published(make_app: MakeApp, root: Path) -> None:
    text = _po(root).read_text(encoding="utf-8").replace("\u2019", "'")
    text = text.replace("charset=UTF-8", "charset=ISO-8859-1")
    _po(root).write_bytes(text.encode("latin-1"))
    _, page = _build(make_app, root)
    assert "Ouverture de la réunion" in page and "Conférence des Parties" in page


def test_a_mo_file_beside_the_catalogue_is_not_published(
    make_app: MakeApp, root: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered.po"
    tampered.write_text(_po(root).read_text(encoding="utf-8").replace(
        '"Examen des exemples"', '"PIRATE"'), encoding="utf-8")
    stale = _po(root).with_suffix(".mo")
    subprocess.run(["msgfmt", "-o", str(stale), str(tampered)], check=True)
    later = _po(root).stat().st_mtime + 3600
    os.utime(stale, (later, later))
    before = stale.read_bytes()
    _, text = _build(make_app, root)
    assert "PIRATE" not in text and "Examen des exemples" in text
    assert stale.read_bytes() == before  # and Sphinx did not compile over it


@pytest.mark.parametrize("link", ["catalogue", "folder"])
def test_a_linked_catalogue_is_refused_unread(
    make_app: MakeApp, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    outside = tmp_path / "outside"
    if link == "catalogue":
        outside.mkdir()
        shutil.move(_po(root), outside / _po(root).name)
        _po(root).symlink_to(outside / _po(root).name)
    else:
        shutil.move(root / "locale" / "fr", outside)
        (root / "locale" / "fr").symlink_to(outside, target_is_directory=True)
    read: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or read_bytes(self))
    with pytest.raises(CatalogueRefused, match=re.escape(str(_po(root)))):
        make_app("html", srcdir=root, confoverrides={"language": "fr"})
    assert not [p for p in read if p.resolve().is_relative_to(outside.resolve())]


def test_an_unchanged_mo_keeps_its_time_and_nothing_is_read_again(
    make_app: MakeApp, root: Path
) -> None:
    app, _ = _build(make_app, root)
    made = _mo(app).stat().st_mtime_ns

    # A comment is no translation: the .mo stays as it was, no document is read.
    _replace(_po(root), 'msgid "Annex"', '# checked\nmsgid "Annex"')
    app, _ = _build(make_app, root)
    assert _mo(app).stat().st_mtime_ns == made
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()

    _replace(_po(root), 'msgstr "Annexe"', 'msgstr "Annexe I"')
    app, text = _build(make_app, root)
    assert _mo(app).stat().st_mtime_ns != made
    assert "0 added, 1 changed, 0 removed" in app.status.getvalue()
    assert "Annexe I" in text


def test_a_removed_catalogue_is_no_longer_published(make_app: MakeApp, root: Path) -> None:
    app, text = _build(make_app, root)
    assert "Examen des exemples" in text
    _po(root).unlink()
    app, text = _build(make_app, root)
    assert not _mo(app).exists()
    assert "Review of examples" in text


def test_the_clean_memo_is_keyed_by_the_checks_code(
    make_app: MakeApp, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[Path] = []
    check_bytes = guard.check_bytes
    monkeypatch.setattr(guard, "check_bytes",
                        lambda path, data, **kw: checked.append(path) or check_bytes(path, data, **kw))
    app, _ = _build(make_app, root)
    memo = json.loads((Path(app.doctreedir) / guard.CLEAN_CATALOGUES).read_text())
    assert all(v["key"].startswith(guard.checks_version() + ":") for v in memo.values())
    assert len(checked) == 1
    _build(make_app, root)
    assert len(checked) == 1  # clean and unchanged: not checked again
    monkeypatch.setattr(guard, "checks_version", lambda: "a-new-rule")
    _build(make_app, root)
    assert len(checked) == 2


def test_the_review_pages_show_the_findings_the_build_recorded(
    make_app: MakeApp, root: Path,
) -> None:
    """The same findings as a check of the file, without checking it again."""
    from meetingdocs.i18n.checks import check_catalog

    app, _ = _build(make_app, root)
    recorded = guard.recorded_findings(Path(app.doctreedir), _po(root))
    assert recorded is not None
    assert recorded == check_catalog(_po(root), language="fr")
    _replace(_po(root), 'msgstr "Annexe"', 'msgstr "Annexe."')
    assert guard.recorded_findings(Path(app.doctreedir), _po(root)) is None  # changed since


def test_a_catalogue_that_does_not_parse_is_refused_with_its_line(
    make_app: MakeApp, root: Path
) -> None:
    _replace(_po(root), 'msgstr "Annexe"', 'msgstr "Annexe" x')
    line = _po(root).read_text(encoding="utf-8").splitlines().index('msgstr "Annexe" x') + 1
    with pytest.raises(CatalogueRefused, match=rf"{DOC}\.po:{line}: \[syntax\]"):
        make_app("html", srcdir=root, confoverrides={"language": "fr"})
