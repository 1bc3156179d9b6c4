"""Structural edits of the English lose no translation (``make gettext update-po``).

Each test edits the real document as authors do (split a paragraph, merge two, move a
sentence, reorder, rename the file, delete it and bring it back), runs the same commands
as ``make gettext`` and ``make update-po``, and checks every language: each msgstr that
existed before exists afterwards, as a translation, a fuzzy entry or an obsolete one.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from browser_support import copy_collection

from meetingdocs import languages

DOC = "CTOC_COP_WG.7_2020_1"
TRANSLATED = [code for code in languages.CODES if code != languages.SOURCE_LANGUAGE]
FIRST = "In its resolution 7/1, entitled"
SECOND = "On {date}`2019-08-30`, the extended Bureau"
THIRD = "The proposed organization of work (see annex)"


def _run(root: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "meetingdocs.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _translations(root: Path, code: str) -> set[str]:
    """Every msgstr of the language's catalogues: current, fuzzy and obsolete entries."""
    found: set[str] = set()
    for po in (root / "locale" / code / "LC_MESSAGES").rglob("*.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in [*catalog, *catalog.obsolete.values()]:
            if message.id and message.string:
                strings = message.string if isinstance(message.string, tuple) \
                    else (message.string,)
                found.update(s for s in strings if s)
    return found


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _index(paragraphs: list[str], start: str) -> int:
    return next(i for i, p in enumerate(paragraphs) if p.startswith(start))


def split_paragraph(root: Path) -> None:
    _edit(root, lambda text: text.replace(
        "procedure, the schedule of meetings for 2020,",
        "procedure, the schedule of meetings for 2020.\n\nAccording to it,", 1))


def merge_paragraphs(root: Path) -> None:
    def merge(text: str) -> str:
        parts = _paragraphs(text)
        at = _index(parts, SECOND)
        parts[at:at + 2] = [parts[at] + " " + parts[at + 1]]
        return "\n\n".join(parts)
    _edit(root, merge)


def move_sentence(root: Path) -> None:
    sentence = (" Furthermore, on {date}`2020-05-01`, the extended Bureau approved, by silence"
                " procedure, the substantive topics for the meeting of the Working Group.")
    def move(text: str) -> str:
        assert sentence in text
        parts = _paragraphs(text.replace(sentence, "", 1))
        at = _index(parts, THIRD)
        parts[at] += sentence
        return "\n\n".join(parts)
    _edit(root, move)


def reorder_paragraphs(root: Path) -> None:
    def reorder(text: str) -> str:
        parts = _paragraphs(text)
        first, third = _index(parts, FIRST), _index(parts, THIRD)
        parts[first], parts[third] = parts[third], parts[first]
        return "\n\n".join(parts)
    _edit(root, reorder)


def rename_document(root: Path) -> None:
    source = root / "docs" / f"{DOC}.md"
    source.rename(source.with_name("renamed.md"))


def _edit(root: Path, change: Callable[[str], str]) -> None:
    source = root / "docs" / f"{DOC}.md"
    before = source.read_text(encoding="utf-8")
    after = change(before)
    assert after != before
    source.write_text(after, encoding="utf-8")


@pytest.mark.parametrize("edit", [split_paragraph, merge_paragraphs, move_sentence,
                                  reorder_paragraphs, rename_document],
                         ids=lambda edit: edit.__name__)
def test_an_edit_of_the_english_loses_no_translation(tmp_path: Path,
                                                     edit: Callable[[Path], None]) -> None:
    root = copy_collection(tmp_path / "collection")
    before = {code: _translations(root, code) for code in TRANSLATED}
    edit(root)
    _run(root, "gettext")
    _run(root, "update-po")
    for code in TRANSLATED:
        lost = before[code] - _translations(root, code)
        assert lost == set(), (code, sorted(lost)[:3])


def test_a_renamed_document_takes_its_translations_along(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    rename_document(root)
    _run(root, "gettext")
    _run(root, "update-po")
    for code in TRANSLATED:
        po = root / "locale" / code / "LC_MESSAGES" / "renamed.po"
        with po.open("rb") as handle:
            catalog = read_po(handle)
        entries = [m for m in catalog if m.id]
        translated = [m for m in entries if m.string and not m.fuzzy]
        assert len(translated) == len(entries), (code, len(translated), len(entries))


def test_a_document_deleted_then_restored_gets_its_translations_back(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    before = {code: _translations(root, code) for code in TRANSLATED}
    source = root / "docs" / f"{DOC}.md"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    _run(root, "gettext")
    _run(root, "update-po")
    source.write_text(text, encoding="utf-8")
    _run(root, "gettext")
    _run(root, "update-po")
    for code in TRANSLATED:
        assert before[code] - _translations(root, code) == set(), code
