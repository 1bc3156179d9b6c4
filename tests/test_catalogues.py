"""The catalogues in the repository: complete, not fuzzy, valid for gettext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from meetingdocs import languages

REPO = Path(__file__).resolve().parent.parent
TRANSLATED = [c for c in languages.CODES if c != "en"]
CATALOGUES = sorted((REPO / "locale").glob("*/LC_MESSAGES/*.po"))


def test_every_language_has_every_document() -> None:
    documents = {p.stem for p in (REPO / "docs").glob("*.md")}
    for code in TRANSLATED:
        present = {p.stem for p in (REPO / "locale" / code / "LC_MESSAGES").glob("*.po")}
        assert present == documents, code


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_complete_and_not_fuzzy(po: Path) -> None:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    entries = [m for m in catalog if m.id]
    untranslated = [m.id for m in entries if not m.string]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert entries and not untranslated and not fuzzy, (untranslated, fuzzy)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_msgfmt_check(po: Path) -> None:
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_quality_checks_and_glossary_find_nothing() -> None:
    """``make check`` over the real catalogues, glossary included, is clean."""
    from meetingdocs.i18n.checks import check_paths
    from meetingdocs.i18n.glossary import load_tbx

    glossary = load_tbx(REPO / "glossary" / "ctoc.tbx")
    findings = check_paths([REPO / "locale" / c for c in TRANSLATED], glossary=glossary)
    assert not findings, "\n".join(str(f) for f in findings)
