"""The first language's catalogues, checked and parsed by the build while the Sphinx
server starts: the run then does neither again, and refuses what it would have refused."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from browser_support import copy_collection

from meetingdocs.i18n import poread
from meetingdocs.publish.ahead import check_ahead
from meetingdocs.publish.build import build_all
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.sphinx_run import _run_here
from meetingdocs.sphinx_ext import guard

DOC = "CTOC_COP_WG.7_2020_1"


def test_the_run_checks_and_parses_nothing_the_build_did_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The memo entries made outside Sphinx carry the key the run computes (same paths,
    same MyST settings, raw HTML off, same glossary): a mismatch would check again."""
    layout = Layout(copy_collection(tmp_path / "collection"))
    monkeypatch.setattr(poread, "_HANDED", {})
    parses = check_ahead(layout, "fr")
    assert len(parses) == len(layout.catalogues("fr")) > 0

    checked: list[Path] = []
    check = guard.check_bytes
    monkeypatch.setattr(guard, "check_bytes",
                        lambda path, *a, **k: checked.append(path) or check(path, *a, **k))
    parsed: list[bytes] = []
    parse = poread._parsed
    monkeypatch.setattr(poread, "_parsed", lambda data: parsed.append(data) or parse(data))
    thresholds = gc.get_threshold()
    try:  # what the forked run does, in this process so that it can be watched
        ok, summary, warnings = _run_here(layout, "fr", "html", layout.draft_html_dir("fr"),
                                          dict(os.environ), parses)
    finally:
        gc.set_threshold(*thresholds)
    assert ok, (summary, warnings)
    assert checked == [], "checked again in the run"
    assert not [data for data in parsed if data in parses], "parsed again in the run"
    page = (layout.draft_html_dir("fr") / f"{DOC}.html").read_text(encoding="utf-8")
    assert "Questions diverses" in page


def test_a_catalogue_refused_ahead_is_refused_by_the_run(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    po = root / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Questions diverses"' in text
    po.write_text(text.replace('msgstr "Questions diverses"',
                               'msgstr "Questions <img src=x onerror=alert(1)>"'),
                  encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index(
        'msgstr "Questions <img src=x onerror=alert(1)>"') + 1
    (result,) = build_all(Layout(root), ["fr"], ("html",), jobs=1)
    assert not result.ok
    errors = "\n".join(result.errors)
    assert "raw-html" in errors and f"{po.name}:" in errors, errors
    assert f"{po.name}:{line - 1}:" in errors, errors  # the entry's msgid line
    assert not (root / "_build" / "html" / "fr" / f"{DOC}.html").exists()


def test_a_catalogue_that_does_not_parse_is_not_handed_and_is_refused(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    po = root / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po"
    po.write_bytes(b'msgid "unterminated\n')
    assert po.read_bytes() not in check_ahead(Layout(root), "fr")
    (result,) = build_all(Layout(root), ["fr"], ("html",), jobs=1)
    assert not result.ok and f"{po.name}:1" in "\n".join(result.errors), result.errors
