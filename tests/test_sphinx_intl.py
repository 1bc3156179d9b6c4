"""Catalogues made by sphinx-intl are accepted by the checks and the build, and update-po
keeps their translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from meetingdocs.cli import main
from meetingdocs.i18n.po import read_catalog, write_catalog
from meetingdocs.publish.build import build_all
from meetingdocs.publish.layout import Layout

DOC = "CTOC_COP_WG.7_2020_1"
SPHINX_INTL = Path(sys.executable).with_name("sphinx-intl")


def test_sphinx_intl_catalogues_are_checked_built_and_updated(collection: Path) -> None:
    ours = read_catalog(collection / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po")
    shutil.rmtree(collection / "locale" / "fr")
    assert main(["--root", str(collection), "gettext"]) == 0
    subprocess.run([str(SPHINX_INTL), "update", "-p", "_build/gettext", "-d", "locale",
                    "-l", "fr"], cwd=collection, check=True, capture_output=True)
    po = collection / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po"
    made = read_catalog(po)
    translations = {e.msgid: e.msgstr for e in ours.messages if e.msgstr and not e.fuzzy}
    filled = [e for e in made.messages if e.msgid in translations][:5]
    assert len(filled) == 5
    for entry in filled:
        entry.msgstr = translations[entry.msgid]
    assert write_catalog(made, po, previous=read_catalog(po))

    assert main(["--root", str(collection), "-l", "fr", "check"]) == 0
    (result,) = build_all(Layout(collection), ["fr"], ("html",), jobs=1)
    assert result.ok, result.errors
    page = (collection / "_build" / "html" / "fr" / f"{DOC}.html").read_text(encoding="utf-8")
    assert any(e.msgstr in page for e in filled)

    assert main(["--root", str(collection), "-l", "fr", "update-po"]) == 0
    kept = {e.msgid: e.msgstr for e in read_catalog(po).messages}
    assert all(kept[e.msgid] == e.msgstr for e in filled)


def test_sphinx_intl_drops_previous_msgids(tmp_path: Path) -> None:
    """Why ``make update-po`` is recommended: sphinx-intl keeps no ``#|`` for a fuzzy entry."""
    header = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
    pot = tmp_path / "pot" / "index.pot"
    pot.parent.mkdir()
    pot.write_text(header + 'msgid "The Working Group adopted the report."\nmsgstr ""\n',
                   encoding="utf-8")
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    po.parent.mkdir(parents=True)
    po.write_text(header + 'msgid "The Working Group adopted its report."\n'
                  'msgstr "Le Groupe de travail a adopté son rapport."\n', encoding="utf-8")
    subprocess.run([str(SPHINX_INTL), "update", "-p", str(pot.parent), "-d",
                    str(tmp_path / "locale"), "-l", "fr"], check=True, capture_output=True)
    (entry,) = read_catalog(po).messages
    assert entry.fuzzy and entry.msgstr.startswith("Le Groupe")
    assert entry.previous_msgid is None and "#|" not in po.read_text(encoding="utf-8")
