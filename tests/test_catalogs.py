"""Tests of the catalogue update (meetingdocs.catalogs) on templates Sphinx extracted from MyST."""

from __future__ import annotations

import difflib
import io
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from meetingdocs.i18n.merge import merge_catalog, update_catalogs
from meetingdocs.i18n.po import (
    WIDTH,
    Catalog,
    Entry,
    catalog_path,
    format_catalog,
    header_fields,
    parse_catalog,
    read_catalog,
    write_catalog,
)
from meetingdocs.i18n.similarity import similarity

DATA = Path(__file__).parent / "data" / "catalogs"
POT_V1 = DATA / "pot" / "v1"
POT_V2 = DATA / "pot" / "v2"
LANGUAGES = ["ar", "zh_CN", "fr", "ru", "es"]
OLD_TIME = 1_600_000_000_000_000_000  # nanoseconds; any time well before the test run

EDITED_V1 = next(e.msgid for e in read_catalog(POT_V1 / "report.pot").messages
                 if "advise and assist" in e.msgid)
EDITED_V2 = EDITED_V1.replace("advise and assist", "advise and support")
DELETED = "A representative of the Secretariat made an introductory presentation."
ADDED = ("The Working Group adopted the present report at its meeting on "
         "{date}`2020-09-09`.")


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """A copy of the translated version-1 catalogues, all with an old modification time."""
    target = tmp_path / "locale"
    shutil.copytree(DATA / "locale", target)
    for po in target.rglob("*.po"):
        os.utime(po, ns=(OLD_TIME, OLD_TIME))
    return target


def _snapshot(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*.po"))}


def _entry(catalog: Catalog, msgid: str, *, obsolete: bool = False) -> Entry:
    return next(e for e in catalog.entries if e.msgid == msgid and e.obsolete == obsolete)


def _po(locale: Path, language: str) -> Path:
    return catalog_path(locale, language, "report")


# --------------------------------------------------------------------------- the data


def _extract(source: Path, tmp_path: Path) -> Catalog:
    """Run Sphinx's gettext builder on a MyST source, as the project does."""
    shutil.copytree(source, tmp_path / "docs")
    with docutils_namespace():
        app = Sphinx(
            str(tmp_path / "docs"), None, str(tmp_path / "_build" / "gettext"),
            str(tmp_path / "_build" / "doctrees"), "gettext",
            confoverrides={"extensions": ["myst_parser"], "root_doc": "report",
                           "gettext_compact": False,
                           "suppress_warnings": ["myst.role_unknown"]},
            status=None, warning=io.StringIO(), freshenv=True,
        )
        app.build()
    return read_catalog(tmp_path / "_build" / "gettext" / "report.pot")


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_stored_templates_are_what_sphinx_extracts(version: str, tmp_path: Path) -> None:
    extracted = _extract(DATA / "src" / version, tmp_path)
    stored = read_catalog(DATA / "pot" / version / "report.pot")
    assert [e.content() for e in extracted.messages] == [e.content() for e in stored.messages]


def test_the_edit_is_one_word_in_a_long_paragraph() -> None:
    v2 = [e.msgid for e in read_catalog(POT_V2 / "report.pot").messages]
    assert EDITED_V2 in v2 and EDITED_V1 not in v2
    assert len(EDITED_V1.split()) >= 60
    changed = [d for d in difflib.ndiff(EDITED_V1.split(), EDITED_V2.split()) if d[0] in "+-"]
    assert changed == ["- assist", "+ support"]


# --------------------------------------------------------------------------- update


def test_one_word_edit_keeps_translation_as_fuzzy_in_every_language(locale: Path) -> None:
    before = {lang: read_catalog(_po(locale, lang)) for lang in LANGUAGES}
    results = update_catalogs(POT_V2, locale, LANGUAGES)
    assert {r.language for r in results if r.fuzzied == 1 and r.changed} == set(LANGUAGES)
    for lang in LANGUAGES:
        text = _po(locale, lang).read_text(encoding="utf-8")
        entry = _entry(parse_catalog(text), EDITED_V2)
        assert entry.fuzzy
        assert entry.previous_msgid == EDITED_V1
        assert entry.msgstr == _entry(before[lang], EDITED_V1).msgstr != ""
        assert '#| msgid ""\n#| "The Working Group on the Smuggling' in text


def test_deleted_paragraph_is_kept_as_obsolete(locale: Path) -> None:
    translation = _entry(read_catalog(_po(locale, "ar")), DELETED).msgstr
    update_catalogs(POT_V2, locale, LANGUAGES)
    catalog = read_catalog(_po(locale, "ar"))
    assert DELETED not in [e.msgid for e in catalog.messages]
    assert _entry(catalog, DELETED, obsolete=True).msgstr == translation
    assert catalog.entries[-1].obsolete
    assert f'#~ msgstr "{translation}"' in _po(locale, "ar").read_text(encoding="utf-8")


def test_new_paragraph_and_heading_come_as_empty_entries(locale: Path) -> None:
    results = update_catalogs(POT_V2, locale, LANGUAGES)
    assert all(r.added == 2 and r.obsoleted == 1 for r in results)
    for lang in LANGUAGES:
        catalog = read_catalog(_po(locale, lang))
        for msgid in (ADDED, "Adoption of the report"):
            entry = _entry(catalog, msgid)
            assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == ("", False, None)


def test_update_without_template_change_touches_nothing(locale: Path) -> None:
    before = _snapshot(locale)
    results = update_catalogs(POT_V1, locale, LANGUAGES)
    assert _snapshot(locale) == before
    assert not any(r.changed or r.created for r in results)
    assert all(r.unchanged == 10 for r in results)


def test_second_update_changes_nothing(locale: Path) -> None:
    update_catalogs(POT_V2, locale, LANGUAGES)
    for po in locale.rglob("*.po"):
        os.utime(po, ns=(OLD_TIME, OLD_TIME))
    before = _snapshot(locale)
    results = update_catalogs(POT_V2, locale, LANGUAGES)
    assert _snapshot(locale) == before
    assert all((r.changed, r.added, r.fuzzied, r.obsoleted) == (False, 0, 0, 0) for r in results)


def test_update_keeps_header_and_follows_template_order(locale: Path) -> None:
    header_before = read_catalog(_po(locale, "fr")).header
    update_catalogs(POT_V2, locale, ["fr"])
    catalog = read_catalog(_po(locale, "fr"))
    assert catalog.header is not None and header_before is not None
    assert format_catalog(Catalog([catalog.header])) == format_catalog(Catalog([header_before]))
    template = read_catalog(POT_V2 / "report.pot")
    assert [e.msgid for e in catalog.messages] == [e.msgid for e in template.messages]
    assert [e.locations for e in catalog.messages] == [e.locations for e in template.messages]


def test_untouched_entries_keep_their_bytes(locale: Path) -> None:
    before = read_catalog(_po(locale, "ru"))
    update_catalogs(POT_V2, locale, ["ru"])
    after_text = _po(locale, "ru").read_text(encoding="utf-8")
    kept = {e.msgid for e in read_catalog(_po(locale, "ru")).messages} - {EDITED_V2}
    for entry in before.messages:
        if entry.msgid in kept:
            assert entry.raw is not None
            strings = "\n".join(line for line in entry.raw.splitlines() if line[:2] != "#:")
            assert strings in after_text


def test_created_catalogues_have_language_and_plural_forms(tmp_path: Path) -> None:
    now = datetime(2020, 9, 10, 9, 30, tzinfo=UTC)
    results = update_catalogs(POT_V1, tmp_path, LANGUAGES, now=now)
    assert all(r.created and r.changed and r.added == 10 for r in results)
    template_header = dict(header_fields(read_catalog(POT_V1 / "report.pot").header or Entry("")))
    nplurals = {"ar": 6, "ru": 3, "zh_CN": 1, "fr": 2, "es": 2}
    for lang, count in nplurals.items():
        catalog = read_catalog(_po(tmp_path, lang))
        assert catalog.header is not None and not catalog.header.fuzzy
        fields = dict(header_fields(catalog.header))
        assert fields["Language"] == lang
        assert fields["Plural-Forms"].startswith(f"nplurals={count}; plural=")
        assert fields["Content-Type"] == "text/plain; charset=UTF-8"
        assert fields["POT-Creation-Date"] == template_header["POT-Creation-Date"]
        assert fields["PO-Revision-Date"] == "2020-09-10 09:30+0000"
        assert all(e.msgstr == "" and not e.flags for e in catalog.messages)


def test_catalogue_without_template_is_left_alone_and_reported(locale: Path) -> None:
    stale = locale / "fr" / "LC_MESSAGES" / "old-note.po"
    shutil.copy(_po(locale, "fr"), stale)
    os.utime(stale, ns=(OLD_TIME, OLD_TIME))
    before = (stale.read_bytes(), stale.stat().st_mtime_ns)
    results = update_catalogs(POT_V1, locale, ["fr"])
    assert [(r.docname, r.changed) for r in results if r.stale] == [("old-note", False)]
    assert (stale.read_bytes(), stale.stat().st_mtime_ns) == before


def test_returning_paragraph_takes_back_its_obsolete_translation(locale: Path) -> None:
    translation = _entry(read_catalog(_po(locale, "es")), DELETED).msgstr
    update_catalogs(POT_V2, locale, ["es"])
    (result,) = update_catalogs(POT_V1, locale, ["es"])
    assert result.revived == 1
    entry = _entry(read_catalog(_po(locale, "es")), DELETED)
    assert (entry.msgstr, entry.fuzzy) == (translation, False)


def _babel_catalogue(locale: Path, language: str) -> Path:
    """The translated version-1 catalogue as sphinx-intl (Babel) writes it."""
    with (POT_V1 / "report.pot").open("rb") as stream:
        catalog = read_po(stream)
    catalog.locale = language
    ours = {e.msgid: e.msgstr for e in read_catalog(_po(DATA / "locale", language)).messages}
    for message in catalog:
        if message.id:
            message.string = ours[message.id]
    po = _po(locale, language)
    with po.open("wb") as stream:
        write_po(stream, catalog, width=76)
    os.utime(po, ns=(OLD_TIME, OLD_TIME))
    return po


def test_sphinx_intl_catalogue_is_left_as_it_is_when_nothing_changed(locale: Path) -> None:
    po = _babel_catalogue(locale, "fr")
    before = (po.read_bytes(), po.stat().st_mtime_ns)
    assert b"python-brace-format" in before[0]  # Babel's own flag, not the template's
    (result,) = update_catalogs(POT_V1, locale, ["fr"])
    assert (result.changed, result.unchanged) == (False, 10)
    assert (po.read_bytes(), po.stat().st_mtime_ns) == before


def test_sphinx_intl_catalogue_keeps_its_untouched_entries(locale: Path) -> None:
    po = _babel_catalogue(locale, "fr")
    old = read_catalog(po)
    update_catalogs(POT_V2, locale, ["fr"])
    text = po.read_text(encoding="utf-8")
    new = read_catalog(po)
    assert text.endswith('"\n\n')  # Babel's empty last line is kept
    assert new.header is not None and old.header is not None
    assert new.header.raw == old.header.raw
    for entry in old.messages:
        if entry.msgid not in (EDITED_V1, DELETED):
            assert entry.flags == _entry(new, entry.msgid).flags
            kept = "\n".join(line for line in (entry.raw or "").splitlines() if line[:2] != "#:")
            assert kept in text
    assert _entry(new, EDITED_V2).fuzzy


# --------------------------------------------------------------------------- matching

TEMPLATE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

{entries}
"""


def _catalog(*pairs: tuple[str, str]) -> Catalog:
    body = "\n\n".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"' for msgid, msgstr in pairs)
    return parse_catalog(TEMPLATE.format(entries=body))


def test_each_old_translation_serves_one_new_msgid_the_most_similar() -> None:
    old = _catalog(("The Working Group met in Vienna in 2020.", "Le Groupe s'est réuni."))
    template = _catalog(("The Working Group met in Geneva in 2021.", ""),
                        ("The Working Group met in Vienna in 2021.", ""))
    merged, counts = merge_catalog(old, template)
    assert (counts.fuzzied, counts.added, counts.obsoleted) == (1, 1, 0)
    first, second = merged.messages
    assert (first.msgstr, first.fuzzy) == ("", False)
    assert (second.msgstr, second.previous_msgid) == ("Le Groupe s'est réuni.",
                                                      "The Working Group met in Vienna in 2020.")


def test_unrelated_or_untranslated_old_msgids_are_not_used() -> None:
    old = _catalog(("Attendance", "Participation"), ("Agenda item 3", ""))
    template = _catalog(("Adoption of the report", ""), ("Agenda item 4", ""))
    merged, counts = merge_catalog(old, template)
    assert all(e.msgstr == "" and not e.fuzzy for e in merged.messages)
    assert [e.msgid for e in merged.obsolete] == ["Attendance"]
    assert (counts.added, counts.obsoleted) == (2, 1)


def test_similarity_is_on_words() -> None:
    assert similarity(EDITED_V1, EDITED_V2) > 0.95
    assert similarity("Attendance", "Adoption of the report") == 0
    assert similarity("a b c", "a b c") == 1


# --------------------------------------------------------------------------- reading and writing


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.po*")), ids=lambda p: p.name)
def test_reading_and_writing_back_gives_the_same_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_catalog(parse_catalog(text)) == text


def _regenerated(catalog: Catalog) -> str:
    for entry in catalog.entries:
        entry.raw = None
    return format_catalog(catalog)


def test_writer_layout_is_stable_and_wrapped(locale: Path) -> None:
    update_catalogs(POT_V2, locale, LANGUAGES)
    for po in locale.rglob("*.po"):
        catalog = read_catalog(po)
        text = _regenerated(catalog)
        assert parse_catalog(text).content() == catalog.content()
        assert _regenerated(parse_catalog(text)) == text
        long_lines = [line for line in text.splitlines()
                      if len(line) > WIDTH and line.endswith('"')]
        assert all(" " not in line.strip('"#~| ').rstrip('"') for line in long_lines)


def test_write_catalog_skips_identical_content(tmp_path: Path) -> None:
    po = tmp_path / "fr.po"
    shutil.copy(_po(DATA / "locale", "fr"), po)
    os.utime(po, ns=(OLD_TIME, OLD_TIME))
    catalog = read_catalog(po)
    # Same content in another layout (as gettext tools would wrap it): still not written.
    relaid_text = po.read_text(encoding="utf-8").replace("\n\n", "\n\n\n")
    relaid = parse_catalog(relaid_text)
    assert format_catalog(relaid) != relaid_text
    assert not write_catalog(relaid, po, previous=catalog)
    assert not write_catalog(catalog, po)
    assert po.stat().st_mtime_ns == OLD_TIME


def test_gnu_gettext_accepts_updated_catalogues(locale: Path) -> None:
    update_catalogs(POT_V2, locale, LANGUAGES)
    for po in locale.rglob("*.po"):
        done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def test_catalogues_rewrapped_by_gnu_gettext_read_the_same(locale: Path) -> None:
    update_catalogs(POT_V2, locale, LANGUAGES)
    for po in locale.rglob("*.po"):
        done = subprocess.run(["msgcat", "--width=60", str(po)],
                              capture_output=True, text=True, check=True)
        assert parse_catalog(done.stdout).content() == read_catalog(po).content()


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t\r\"\\"),
                max_size=200)


@settings(max_examples=200, deadline=None)
@given(msgid=_TEXT.filter(bool), msgstr=_TEXT, obsolete=st.booleans(),
       fuzzy=st.booleans(), context=st.none() | _TEXT)
def test_any_entry_survives_writing_and_reading(msgid: str, msgstr: str, obsolete: bool,
                                                fuzzy: bool, context: str | None) -> None:
    entry = Entry(msgid=msgid, msgstr=msgstr, msgctxt=context, obsolete=obsolete,
                  flags=["fuzzy"] if fuzzy else [], previous_msgid=msgid + " x" if fuzzy else None,
                  translator_comments=[" a comment"], locations=["../../docs/a.md:3"])
    header = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
    text = format_catalog(Catalog([header, entry]))
    parsed = parse_catalog(text)
    assert parsed.content() == [header.content(), entry.content()]
    assert format_catalog(parsed) == text


# --- update-po never rewrites what may not be written ------------------------------------

def _template_with_a_new_paragraph(collection: Path) -> None:
    import dataclasses

    from meetingdocs.i18n.po import Catalog, write_catalog

    source = read_catalog(collection / "locale" / "fr" / "LC_MESSAGES" /
                          "CTOC_COP_WG.7_2020_1.po")
    entries = [e if e.is_header else dataclasses.replace(e, msgstr="", flags=[])
               for e in source.entries if not e.obsolete]
    entries.append(dataclasses.replace(entries[-1], msgid="A paragraph added by the author."))
    write_catalog(Catalog(entries),
                  collection / "_build" / "gettext" / "CTOC_COP_WG.7_2020_1.pot")


def _catalogue_bytes(collection: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((collection / "locale").rglob("*.po"))}


@pytest.mark.parametrize("what", ["catalogue", "folder"])
def test_update_po_refuses_read_only_catalogues_and_folders_and_writes_nothing(
        collection: Path, what: str, capsys: pytest.CaptureFixture[str]) -> None:
    from meetingdocs.cli import main

    _template_with_a_new_paragraph(collection)
    before = _catalogue_bytes(collection)
    locked = collection / "locale" / "ru" / "LC_MESSAGES"
    if what == "catalogue":
        locked = locked / "CTOC_COP_WG.7_2020_1.po"
        locked.chmod(0o444)
    else:
        locked.chmod(0o555)
    try:
        assert main(["--root", str(collection), "update-po"]) == 1
    finally:
        locked.chmod(0o644 if what == "catalogue" else 0o755)
    err = capsys.readouterr().err
    assert str(locked) in err and "nothing was updated" in err and "Traceback" not in err
    assert ("read-only" if what == "catalogue" else "not writable") in err
    assert _catalogue_bytes(collection) == before
    assert main(["--root", str(collection), "update-po"]) == 0  # writable again: updated
    assert _catalogue_bytes(collection) != before
