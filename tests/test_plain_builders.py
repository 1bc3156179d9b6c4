"""The text, man and texinfo builders write every node of the extension readably."""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp

DOC = "EX_WG.1_2030_1"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.sphinx("text", testroot="agenda")
def test_text_has_the_masthead_lines_and_the_agenda_with_labels(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    text = (app.outdir / f"{DOC}.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in ("United Nations", "EX/WG.1/2030/1", "Distr.: General", "15\u00a0January 2030",
                 "Original: English", "V.30-00001 (E)",
                 "Conference of the Parties to the Example Convention"):
        assert line in lines, line
    words = _words(text)
    assert "1. Organizational matters:" in words
    assert re.search(r"\(a\) Opening of the meeting;", words)
    assert "2. Review of examples." in words
    assert "under item 1 (b)" in words
    assert "unknown node" not in app._warning.getvalue()
    home = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "EX/WG.1/2030/1 Provisional agenda and annotations" in _words(home)


def _written(app: SphinxTestApp, suffix: str) -> str:
    app.build()
    assert "unknown node" not in app._warning.getvalue()
    return "".join(p.read_text(encoding="utf-8") for p in app.outdir.rglob(f"*{suffix}"))


@pytest.mark.sphinx("man", testroot="agenda")
def test_man_pages(app: SphinxTestApp) -> None:
    written = _written(app, ".1")
    assert "Organizational matters" in written and "EX/WG.1/2030/1" in written


@pytest.mark.sphinx("texinfo", testroot="agenda")
def test_texinfo(app: SphinxTestApp) -> None:
    written = _written(app, ".texi")
    assert "Organizational matters" in written and "EX/WG.1/2030/1" in written
    assert "Distr.: General" in written
