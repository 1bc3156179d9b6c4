"""Tests of the XLIFF 1.2 exchange with CAT tools (meetingdocs.xliff)."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import xliff as tt_xliff

from meetingdocs.cli import main
from meetingdocs.i18n import inputs
from meetingdocs.i18n.po import Catalog, Entry, read_catalog, write_catalog
from meetingdocs.i18n.xliff import (
    NAMESPACE,
    XliffRefused,
    check_xliff,
    export_xliff,
    inline_codes,
    unit_id,
)
from meetingdocs.i18n.xliffimport import import_xliff

DATA = Path(__file__).parent / "data" / "catalogs"
SAMPLE = DATA / "xliff" / "fr" / "LC_MESSAGES" / "report.po"
NS = {"x": NAMESPACE}
OLD_TIME = 1_600_000_000_000_000_000


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "fr" / "LC_MESSAGES" / "report.po"
    target.parent.mkdir(parents=True)
    shutil.copy(SAMPLE, target)
    return target


@pytest.fixture
def xlf(po: Path, tmp_path: Path) -> Path:
    path = tmp_path / "report.fr.xlf"
    export_xliff(po, path, target_lang="fr")
    return path


def _unit(tree: etree._ElementTree, entry: Entry) -> etree._Element:
    (unit,) = tree.xpath(f"//x:trans-unit[@id='{unit_id(entry)}']", namespaces=NS)
    return unit


def _entry(po: Path, start: str) -> Entry:
    return next(e for e in read_catalog(po).messages if e.msgid.startswith(start))


def _save(tree: etree._ElementTree, path: Path) -> None:
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


def test_the_sample_has_every_kind_of_entry_and_code() -> None:
    messages = read_catalog(SAMPLE).messages
    assert {(bool(e.msgstr), e.fuzzy) for e in messages} == {(True, False), (True, True),
                                                            (False, False)}
    assert any(e.msgctxt for e in messages)
    kinds = {c.kind for e in messages for c in inline_codes(e.msgid)}
    assert {"role", "link", "link-target", "emphasis", "symbol", "code", "substitution",
            "autolink", "footnote", "escape"} <= kinds


def test_export_structure_states_and_codes(po: Path, xlf: Path) -> None:
    data = xlf.read_bytes()
    assert check_xliff(data) == []
    tree = etree.ElementTree(etree.fromstring(data))
    (file_element,) = tree.xpath("/x:xliff[@version='1.2']/x:file", namespaces=NS)
    assert (file_element.get("original"), file_element.get("source-language"),
            file_element.get("target-language")) == ("report", "en", "fr")
    catalog = read_catalog(po)
    units = tree.xpath("//x:trans-unit", namespaces=NS)
    assert [u.get("id") for u in units] == [unit_id(e) for e in catalog.messages]
    for entry in catalog.messages:
        unit = _unit(tree, entry)
        target = unit.find("x:target", NS)
        if not entry.msgstr:
            assert target is None and unit.get("approved") is None
        elif entry.fuzzy:
            assert target.get("state") == "needs-review-translation"
            assert unit.get("approved") is None
        else:
            assert target.get("state") == "translated" and unit.get("approved") == "yes"
        codes = [ph.text for ph in unit.find("x:source", NS)]
        assert codes == [c.text for c in inline_codes(entry.msgid)]


def test_markup_becomes_placeholders_in_source_and_target(po: Path, xlf: Path) -> None:
    tree = etree.parse(str(xlf))
    unit = _unit(tree, _entry(po, "Under *item 2*"))
    source, target = unit.find("x:source", NS), unit.find("x:target", NS)
    assert source.text == "Under "
    assert [(ph.get("id"), ph.text) for ph in source] == [
        ("1", "*"), ("2", "*"), ("3", "**"), ("4", "**"), ("5", "["),
        ("6", "](https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-smuggling.html)")]
    assert sorted(ph.get("id") for ph in target) == ["1", "2", "3", "4", "5", "6"]
    assert "item 2" in "".join(source.itertext()) and "point 2" in "".join(target.itertext())
    opened = _unit(tree, _entry(po, "The meeting was opened"))
    assert [ph.text for ph in opened.find("x:target", NS)] == [
        "{symbol}`CTOC/COP/WG.7/2020/1`", "CTOC/COP/WG.7/2020/2"]


def test_another_xliff_reader_sees_the_same_texts_and_states(po: Path, xlf: Path) -> None:
    store = tt_xliff.xlifffile.parsestring(xlf.read_bytes())
    by_id = {u.getid().split("\x04")[-1].removeprefix("report"): u for u in store.units}
    for entry in read_catalog(po).messages:
        unit = by_id[unit_id(entry)]
        assert unit.source == entry.msgid
        assert unit.isfuzzy() == (entry.fuzzy and bool(entry.msgstr))
        assert unit.istranslated() == (bool(entry.msgstr) and not entry.fuzzy)


def test_round_trip_leaves_the_catalogue_byte_identical(po: Path, xlf: Path) -> None:
    os.utime(po, ns=(OLD_TIME, OLD_TIME))
    result = import_xliff(xlf, po)
    assert (result.updated, result.refused, result.unknown, result.written) == (0, [], [], False)
    assert result.unchanged == len(read_catalog(po).messages)
    assert po.read_bytes() == SAMPLE.read_bytes()
    assert po.stat().st_mtime_ns == OLD_TIME


def test_import_restores_every_translation_exactly(po: Path, xlf: Path) -> None:
    catalog = read_catalog(po)
    cleared = [dataclasses.replace(e, msgstr="") if e in catalog.messages else e
               for e in catalog.entries]
    write_catalog(Catalog(cleared), po)
    result = import_xliff(xlf, po)
    assert result.refused == []
    assert result.updated == sum(1 for e in catalog.messages if e.msgstr)
    assert po.read_bytes() == SAMPLE.read_bytes()


def test_cat_edit_of_one_target_changes_that_entry_only(po: Path, xlf: Path) -> None:
    entry = _entry(po, "Under *item 2*")
    tree = etree.parse(str(xlf))
    target = _unit(tree, entry).find("x:target", NS)
    assert target.text.startswith("Au titre du ")
    target.text = target.text.replace("Au titre du", "Conformément au")
    _save(tree, xlf)
    before = SAMPLE.read_text(encoding="utf-8")
    result = import_xliff(xlf, po)
    assert (result.updated, result.refused, result.written) == (1, [], True)
    after = po.read_text(encoding="utf-8")
    assert _entry(po, "Under *item 2*").msgstr == entry.msgstr.replace(
        "Au titre du", "Conformément au")
    expected = before.replace('"Au titre du *point 2*', '"Conformément au *point 2*')
    old_lines, new_lines = before.splitlines(), after.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    assert len(old_lines) - len(new_lines) in (-1, 0, 1)
    if after != expected:  # re-wrapped: only lines inside that msgstr may differ
        start = old_lines.index('"Au titre du *point 2* de l\'**ordre du jour provisoire**, le '
                                'Groupe de "')
        assert all(start - 1 <= i <= start + 4 for i in changed), changed


def test_fuzzy_to_translated_state_is_kept(po: Path, xlf: Path) -> None:
    entry = _entry(po, "The Working Group on the Smuggling")
    assert entry.fuzzy and entry.previous_msgid
    tree = etree.parse(str(xlf))
    unit = _unit(tree, entry)
    unit.find("x:target", NS).set("state", "translated")
    unit.set("approved", "yes")
    _save(tree, xlf)
    result = import_xliff(xlf, po)
    assert (result.updated, result.written) == (1, True)
    after = _entry(po, "The Working Group on the Smuggling")
    assert (after.msgstr, after.fuzzy, after.previous_msgid) == (entry.msgstr, False, None)
    assert "#| msgid" not in po.read_text(encoding="utf-8")


def test_translated_to_review_state_makes_the_entry_fuzzy(po: Path, xlf: Path) -> None:
    entry = _entry(po, "Attendance")
    tree = etree.parse(str(xlf))
    unit = _unit(tree, entry)
    unit.find("x:target", NS).set("state", "needs-review-translation")
    del unit.attrib["approved"]
    _save(tree, xlf)
    import_xliff(xlf, po)
    assert _entry(po, "Attendance").fuzzy


def test_new_translation_of_an_empty_unit(po: Path, xlf: Path) -> None:
    entry = _entry(po, "The Working Group adopted")
    tree = etree.parse(str(xlf))
    unit = _unit(tree, entry)
    source = unit.find("x:source", NS)
    target = etree.SubElement(unit, f"{{{NAMESPACE}}}target", state="translated")
    source.addnext(target)
    target.text = "Le Groupe de travail a adopté le présent rapport à sa réunion du "
    ph = etree.SubElement(target, f"{{{NAMESPACE}}}ph", id="1")
    ph.text = "{date}`2020-09-09`"
    ph.tail = "."
    unit.set("approved", "yes")
    _save(tree, xlf)
    result = import_xliff(xlf, po)
    assert result.refused == []
    after = _entry(po, "The Working Group adopted")
    assert after.msgstr == ("Le Groupe de travail a adopté le présent rapport à sa réunion du "
                            "{date}`2020-09-09`.")
    assert not after.fuzzy


def test_codes_come_back_from_the_catalogue_not_from_the_cat_tool(po: Path, xlf: Path) -> None:
    entry = _entry(po, "The seventh meeting")
    tree = etree.parse(str(xlf))
    target = _unit(tree, entry).find("x:target", NS)
    target[0].text = "{dates}`2099-01-01`"  # a tool that lets the code be edited
    target.text = "La 7e réunion du Groupe de travail s'est tenue à Vienne les "
    _save(tree, xlf)
    import_xliff(xlf, po)
    assert _entry(po, "The seventh meeting").msgstr == (
        "La 7e réunion du Groupe de travail s'est tenue à Vienne les {dates}`2020-09-08/09`.")


@pytest.mark.parametrize("damage", ["drop", "invent", "repeat"])
def test_target_that_drops_or_invents_a_code_is_refused(po: Path, xlf: Path,
                                                        damage: str) -> None:
    entry = _entry(po, "The meeting was opened")
    tree = etree.parse(str(xlf))
    target = _unit(tree, entry).find("x:target", NS)
    target.text = "Texte revu ("
    if damage == "drop":
        target.remove(target[1])
    elif damage == "invent":
        target[1].set("id", "9")
    else:
        target[1].set("id", "1")
    _save(tree, xlf)
    result = import_xliff(xlf, po)
    (message,) = result.refused
    assert message.startswith(f"report.fr.xlf: unit {unit_id(entry)}: ")
    assert {"drop": "drops code(s) 2", "invent": "invents code '9'",
            "repeat": "repeats code(s) 1"}[damage] in message
    assert (result.updated, result.written) == (0, False)
    assert po.read_bytes() == SAMPLE.read_bytes()


def test_check_finds_target_codes_missing_from_the_source(po: Path, xlf: Path) -> None:
    tree = etree.parse(str(xlf))
    _unit(tree, _entry(po, "The meeting was opened")).find("x:target", NS)[1].set("id", "7")
    problems = check_xliff(etree.tostring(tree))
    assert len(problems) == 1 and "target codes ['7'] are not in the source" in problems[0]
    assert check_xliff(b"<xliff><file>")[0].startswith("not well-formed XML")


def test_file_and_language_must_match_the_catalogue(po: Path, xlf: Path,
                                                     tmp_path: Path) -> None:
    other = tmp_path / "es" / "LC_MESSAGES" / "summary.po"
    other.parent.mkdir(parents=True)
    shutil.copy(po, other)
    with pytest.raises(ValueError, match="no <file original='summary'>"):
        import_xliff(xlf, other)
    spanish = tmp_path / "report.es.xlf"
    export_xliff(po, spanish, target_lang="es")
    with pytest.raises(ValueError, match="does not match the catalogue's language 'fr'"):
        import_xliff(spanish, po)


def test_language_codes_are_written_as_bcp47(po: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.zh.xlf"
    export_xliff(po, path, target_lang="zh_CN")
    assert b'target-language="zh-CN"' in path.read_bytes()


_CODES = ["{date}`2020-09-08`", "{symbol}`A/RES/75/1`", "CTOC/COP/WG.7/2020/2", "*", "**",
          "`x`", "[", "](https://undocs.org/A/75/1)", "{{ venue }}", "<br>", "\\*"]
# Words stand apart from codes as in real sentences; CJK and Arabic need no space.
_TEXTS = [" text ", " réunion ", " 45 ", " & ", " < ", ' "q" ', " ' ", "\n", "会议", "تقرير"]


def _round_trip(folder: Path, msgid: str, msgstr: str, fuzzy: bool) -> tuple[Entry, list[str]]:
    """Export a one-entry catalogue, import it into a copy without translation."""
    folder.mkdir(parents=True)
    header = Entry(msgid="", msgstr="Language: fr\n")
    entry = Entry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy and msgstr else [])
    write_catalog(Catalog([header, entry]), folder / "doc.po")
    xlf = folder.parent / "doc.xlf"
    export_xliff(folder / "doc.po", xlf, target_lang="fr")
    assert check_xliff(xlf.read_bytes()) == []
    write_catalog(Catalog([header, Entry(msgid=msgid)]), folder / "doc.po")
    result = import_xliff(xlf, folder / "doc.po")
    return read_catalog(folder / "doc.po").messages[0], result.refused


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(_CODES), st.sampled_from(_TEXTS),
                                 st.sampled_from(_TEXTS)), min_size=1, max_size=6),
       fuzzy=st.booleans())
def test_translated_text_around_the_codes_comes_back_exactly(
        tmp_path_factory: pytest.TempPathFactory, pieces: list[tuple[str, str, str]],
        fuzzy: bool) -> None:
    msgid = "".join(code + text for code, text, _ in pieces)
    msgstr = "".join(code + translation for code, _, translation in pieces)
    folder = tmp_path_factory.mktemp("prop") / "fr" / "LC_MESSAGES"
    restored, refused = _round_trip(folder, msgid, msgstr, fuzzy)
    assert refused == []
    assert (restored.msgstr, restored.fuzzy) == (msgstr, fuzzy)


@settings(max_examples=60, deadline=None)
@given(source=st.lists(st.sampled_from(_CODES + _TEXTS), min_size=1, max_size=10),
       target=st.lists(st.sampled_from(_CODES + _TEXTS), min_size=1, max_size=10))
def test_import_restores_exactly_or_refuses(tmp_path_factory: pytest.TempPathFactory,
                                            source: list[str], target: list[str]) -> None:
    msgid, msgstr = "".join(source), "".join(target)
    folder = tmp_path_factory.mktemp("prop") / "fr" / "LC_MESSAGES"
    restored, refused = _round_trip(folder, msgid, msgstr, False)
    if refused:
        assert restored.msgstr == "" and "drops code" in refused[0]
    else:
        assert restored.msgstr == msgstr


# --- hostile or broken XLIFF: refused with file and unit, nothing written ----------------

def _target(xlf: Path, po: Path, start: str) -> tuple[etree._ElementTree, etree._Element]:
    tree = etree.parse(str(xlf))
    return tree, _unit(tree, _entry(po, start)).find("x:target", NS)


def test_an_empty_translated_target_does_not_erase_the_translation(po: Path, xlf: Path) -> None:
    entry = _entry(po, "Introduction")
    tree, target = _target(xlf, po, "Introduction")
    for child in list(target):
        target.remove(child)
    target.text = None
    target.set("state", "translated")
    _save(tree, xlf)
    result = import_xliff(xlf, po)
    (message,) = result.refused
    assert message.startswith(f"report.fr.xlf: unit {unit_id(entry)}: the target is empty")
    assert not result.ok and not result.written
    assert po.read_bytes() == SAMPLE.read_bytes()


def test_a_refused_unit_stops_the_whole_import(po: Path, xlf: Path) -> None:
    tree = etree.parse(str(xlf))
    _unit(tree, _entry(po, "Introduction")).find("x:target", NS).text = "Présentation"
    _unit(tree, _entry(po, "The meeting was opened")).find("x:target", NS)[1].set("id", "9")
    _save(tree, xlf)
    result = import_xliff(xlf, po)
    assert result.updated == 1 and len(result.refused) == 1 and not result.written
    assert "nothing was written" in str(result)
    assert po.read_bytes() == SAMPLE.read_bytes()


def test_an_entity_reference_in_a_target_is_refused_not_dropped(po: Path, xlf: Path) -> None:
    text = xlf.read_text(encoding="utf-8")
    head, body = text.split("?>", 1)
    doctype = '<!DOCTYPE xliff [<!ENTITY org "ONUDC">]>'
    xlf.write_text(head + "?>" + doctype + body.replace(">Introduction</target>",
                                                        ">Introduction &org;</target>", 1),
                   encoding="utf-8")
    with pytest.raises(XliffRefused, match=r"report\.fr\.xlf: the file declares a DTD"):
        import_xliff(xlf, po)
    assert po.read_bytes() == SAMPLE.read_bytes()


def test_entity_amplification_is_refused_without_expanding(po: Path, xlf: Path) -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    text = xlf.read_text(encoding="utf-8").replace(">Introduction</target>", ">&i;</target>", 1)
    head, body = text.split("?>", 1)
    xlf.write_text(f"{head}?><!DOCTYPE xliff [{entities}]>{body}", encoding="utf-8")
    # libxml2 stops at its amplification limit, else the DTD is refused: never expanded.
    with pytest.raises(XliffRefused, match="declares a DTD|entity amplification"):
        import_xliff(xlf, po)
    assert check_xliff(xlf.read_bytes())
    assert po.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("damage", ["malformed", "language", "original", "unknown", "large"])
def test_broken_files_are_refused_by_the_command_with_exit_1(
        collection: Path, damage: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    po = collection / "locale" / "fr" / "LC_MESSAGES" / "CTOC_COP_WG.7_2020_1.po"
    xlf = collection / "out.xlf"
    export_xliff(po, xlf, target_lang="fr")
    text = xlf.read_text(encoding="utf-8")
    if damage == "malformed":
        text = text.replace("</body>", "")
    elif damage == "language":
        text = text.replace('target-language="fr"', 'target-language="de"')
    elif damage == "original":
        text = text.replace('original="CTOC_COP_WG.7_2020_1"', 'original="../../etc/passwd"')
    elif damage == "unknown":
        text = text.replace('id="u', 'id="x', 1)
    else:
        monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    xlf.write_text(text, encoding="utf-8")
    before = po.read_bytes()
    assert main(["--root", str(collection), "import-xliff", str(xlf)]) == 1
    err = capsys.readouterr()
    shown = err.err + err.out
    assert str(xlf.name) in shown and "Traceback" not in shown
    assert {"malformed": "not well-formed XML", "language": "target-language 'de'",
            "original": "no catalogue of document '../../etc/passwd'",
            "unknown": "no entry of CTOC_COP_WG.7_2020_1.po has this id",
            "large": "more than the 1,000 bytes accepted"}[damage] in shown
    assert po.read_bytes() == before


def test_the_command_finds_the_catalogue_from_the_file_not_its_folder(
        collection: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = collection / "locale" / "fr" / "LC_MESSAGES" / "sub" / "note.po"
    sub.parent.mkdir()
    shutil.copy(SAMPLE, sub)
    xlf = collection / "anywhere" / "named" / "wrongly.xlf"
    export_xliff(sub, xlf, target_lang="fr")
    tree = etree.parse(str(xlf))
    assert tree.find("x:file", NS).get("original") == "sub/note"
    _unit(tree, _entry(sub, "Introduction")).find("x:target", NS).text = "Présentation"
    _save(tree, xlf)
    assert main(["--root", str(collection), "import-xliff", str(xlf)]) == 0
    assert f"{sub}: updated 1" in capsys.readouterr().out
    assert _entry(sub, "Introduction").msgstr == "Présentation"


def test_a_read_only_catalogue_is_not_rewritten(
        collection: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = collection / "locale" / "fr" / "LC_MESSAGES" / "CTOC_COP_WG.7_2020_1.po"
    xlf = collection / "out.xlf"
    export_xliff(po, xlf, target_lang="fr")
    tree = etree.parse(str(xlf))
    first = tree.find(".//x:target", NS)
    first.text = (first.text or "") + " (revu)"
    _save(tree, xlf)
    before = po.read_bytes()
    po.chmod(0o444)
    assert main(["--root", str(collection), "import-xliff", str(xlf)]) == 1
    assert "the catalogue is read-only; it was not changed" in capsys.readouterr().err
    assert po.read_bytes() == before and po.stat().st_mode & 0o777 == 0o444


def _catalogue(tmp_path: Path, msgid: str, msgstr: str) -> Path:
    path = tmp_path / "ru" / "LC_MESSAGES" / "doc.po"
    path.parent.mkdir(parents=True)
    write_catalog(Catalog([Entry("", 'Language: ru\nContent-Type: text/plain; charset=UTF-8\n'),
                           Entry(msgid, msgstr)]), path)
    return path


def test_a_grammatical_form_survives_the_round_trip(tmp_path: Path) -> None:
    po = _catalogue(tmp_path, "Under {item}`2`, the Group",
                    "В рамках {item}`2:genitive` Группа")
    xlf = tmp_path / "doc.ru.xlf"
    export_xliff(po, xlf, target_lang="ru")
    text = xlf.read_text(encoding="utf-8")
    assert '<ph id="1" ctype="x-role">{item}`2:genitive`</ph>' in text
    before = po.read_bytes()
    result = import_xliff(xlf, po)
    assert result.refused == [] and po.read_bytes() == before


def test_a_cat_tool_may_change_a_form_but_never_the_data(tmp_path: Path) -> None:
    po = _catalogue(tmp_path, "Under {item}`2`, the Group", "По {item}`2` Группа")
    xlf = tmp_path / "doc.ru.xlf"
    export_xliff(po, xlf, target_lang="ru")
    for written, restored in (("{item}`2:dative`", "По {item}`2:dative` Группа"),
                              ("{item}`3:dative`", "По {item}`2` Группа"),
                              ("{symbol}`A/1`", "По {item}`2` Группа")):
        tree = etree.parse(str(xlf))
        (ph,) = tree.xpath("//x:target/x:ph", namespaces=NS)
        ph.text = written
        _save(tree, xlf)
        import_xliff(xlf, po)
        assert read_catalog(po).messages[0].msgstr == restored, written
