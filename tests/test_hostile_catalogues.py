"""A hostile translator's catalogue: every route refused with file, line and a plain message.

What a msgstr may not add is judged on what MyST parses (blocks, directives, roles,
links and their definitions, images...), not on patterns over its text; a catalogue that
is a link, not a regular file, outside the locale folders or too large is not read at all.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from meetingdocs.i18n import inputs
from meetingdocs.i18n.checks import blocking, check_catalog, check_paths, compare
from meetingdocs.i18n.mdtokens import parser_config, structure
from meetingdocs.sphinx_ext.catalogs import CatalogueRefused
from meetingdocs.un.vocabulary import split_form

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
)
SECRET = "SECRET_TOKEN=do-not-print-me"


def codes(msgid: str, msgstr: str) -> list[str]:
    return [code for code, _ in compare(msgid, msgstr)]


def catalogue(root: Path, body: str, *, charset: str = "UTF-8", name: str = "index") -> Path:
    path = root / "locale" / "fr" / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(charset=charset) + body, encoding="utf-8")
    return path


# --- what MyST parses ------------------------------------------------------------------

@pytest.mark.parametrize("msgstr", [
    "Voir [p].\n\n[p]: /etc/passwd",                      # shortcut reference
    "Voir [le texte][].\n\n[le texte]: https://example.org/x",  # collapsed reference
    "Voir [texte][p]\n\n[p]: /etc/passwd",                 # full reference
])
def test_link_reference_definitions_are_refused(msgstr: str) -> None:
    found = compare("See the annex.", msgstr)
    assert "link-target" in [code for code, _ in found]
    assert any("link reference" in message for _, message in found)


def test_what_myst_leaves_as_text_is_text() -> None:
    # A definition cannot interrupt a paragraph, MyST makes no link of a file: URL: the
    # page shows the text as written, and a second block is refused as such.
    assert codes("See the annex.", "Voir l'annexe\n[p]: /etc/passwd") == []
    assert codes("See the annex.", "Voir [texte][p]\n\n[p]: file:///etc/passwd") == [
        "block-structure"]


def test_a_reference_in_a_title_is_refused_before_any_build() -> None:
    assert "link-target" in codes("Provisional agenda", "[Ordre du jour][]\n\n[ordre du jour]: x")


@pytest.mark.parametrize("msgstr", [
    "Annexe\n\n:::{include} /etc/passwd\n:::",
    "Annexe\n```{literalinclude} /etc/passwd\n```",
    "Annexe\n~~~{raw} html\n<script>x</script>\n~~~",
    "Annexe\n\n::::{note}\n:::{include} /etc/hostname\n:::\n::::",
    "Annexe\n\n```{eval-rst}\n.. include:: /etc/passwd\n```",
])
def test_directives_the_english_lacks_are_refused(msgstr: str) -> None:
    assert "new-directive" in codes("Annex", msgstr)


def test_a_directive_of_the_english_may_not_change_its_options() -> None:
    msgid = ":::{note}\n:class: small\nText\n:::"
    assert codes(msgid, msgid) == []
    changed = ":::{note}\n:class: small\n:name: x\nTexte\n:::"
    assert "new-directive" in codes(msgid, changed)


@pytest.mark.parametrize(("msgstr", "shape"), [
    ("Premier paragraphe.\n\nTexte ajouté.", "a paragraph, then a paragraph"),
    ("- un\n- deux", "a bullet list"),
    ("1. un\n2. deux", "a numbered list"),
    ("| a | b |\n|---|---|\n| c | d |", "a table"),
    ("# Titre", "a heading"),
    ("> cité", "a quotation"),
    ("(cible)=\nTexte", "a target (name)=, then a paragraph"),
    ("Texte\n\n    code indenté", "a paragraph, then an indented code block"),
])
def test_blocks_the_english_lacks_are_refused(msgstr: str, shape: str) -> None:
    found = compare("One paragraph of the English.", msgstr)
    assert [code for code, _ in found] == ["block-structure"]
    assert f"the translation is {shape}, the English a paragraph" in found[0][1]


@pytest.mark.parametrize("msgstr", [
    "Voir ![x](https://example.org/i.png)",
    "Voir ![x](/etc/passwd)",
    "Voir [ici](/etc/passwd)",
    "Voir <https://example.org/>",
])
def test_images_and_links_the_english_lacks_are_refused(msgstr: str) -> None:
    assert "link-target" in codes("See the annex", msgstr)


@pytest.mark.parametrize("msgstr", ["Annexe[^1]", "Annexe $x^2$", "Annexe {{ x }}"])
def test_other_constructs_the_english_lacks_are_refused(msgstr: str) -> None:
    found = codes("Annex", msgstr)
    assert found and set(found) <= {"markup", "substitution"}
    assert all(c in {"markup", "substitution"} for c in found)


def test_role_forms_are_accepted_and_changed_data_refused() -> None:
    assert split_form("4:genitive") == ("4", "genitive")
    assert split_form("10:00") == ("10:00", "")
    assert codes("see {item}`4`", "voir {item}`4:genitive`") == []
    assert codes("see {item}`4`", "voir {item}`5:genitive`") == ["role-mismatch"]
    assert codes("on {date}`2020-09-08`", "le {date}`2020-09-09:genitive`") == ["role-mismatch"]
    assert codes("see {symbol}`A/75/1`", "voir {symbol}`A/75/2`") == ["symbol-changed"]
    assert codes("Annex", "Annexe {raw}`html <b>x</b>`") == ["new-role"]


def test_markup_inside_inline_code_is_not_markup() -> None:
    assert codes("run `[p]: x` now", "lancer `[p]: x` maintenant") == []


def test_the_parser_follows_the_collection_settings() -> None:
    plain = parser_config({"myst_enable_extensions": []})
    fenced = parser_config({"myst_enable_extensions": ["colon_fence"]})
    text = ":::{include} x\n:::"
    assert structure(text, plain).directives == ()
    assert structure(text, fenced).directives == (("{include} x", ""),)
    assert structure(text).directives  # unknown settings: every extension on


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                     "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_controls_the_english_lacks_are_refused(control: str) -> None:
    found = compare("Adoption of the agenda", f"إقرار {control}جدول الأعمال")
    assert [code for code, _ in found] == ["bidi-control"]
    assert f"U+{ord(control):04X}" in found[0][1]
    assert compare(f"A {control}B", f"أ {control}ب") == []


def test_a_fuzzy_entry_is_still_checked_for_injections(tmp_path: Path) -> None:
    body = '\n#, fuzzy\nmsgid "Annex"\nmsgstr "Annexe\\n\\n:::{include} /etc/passwd\\n:::"\n'
    findings = blocking(check_catalog(catalogue(tmp_path, body)))
    assert [f.code for f in findings] == ["new-directive"]


# --- files that are not read -----------------------------------------------------------

def _secret_file(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere" / "environ"
    target.parent.mkdir()
    target.write_text(f'{SECRET}\nmsgid "x" garbage\n', encoding="utf-8")
    return target


def test_a_catalogue_that_is_a_link_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    link.parent.mkdir(parents=True)
    link.symlink_to(_secret_file(tmp_path))
    for findings in (check_paths([tmp_path / "locale"]), check_catalog(link),
                     check_paths([link], roots=[tmp_path / "locale"])):
        assert [f.code for f in findings] == ["not-a-catalogue"]
        assert all(f.blocking for f in findings)
        assert SECRET not in " ".join(str(f) for f in findings)
        assert "symbolic link" in findings[0].message


def test_a_link_to_the_process_environment_prints_nothing_of_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGDOCS_TEST_SECRET", SECRET)
    link = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    link.parent.mkdir(parents=True)
    link.symlink_to("/proc/self/environ")
    (finding,) = check_paths([tmp_path / "locale"])
    assert finding.code == "not-a-catalogue" and SECRET not in str(finding)


def test_a_folder_that_is_a_link_is_refused_unread(tmp_path: Path) -> None:
    secret = _secret_file(tmp_path)
    secret.rename(secret.with_name("index.po"))
    folder = tmp_path / "locale" / "fr"
    folder.mkdir(parents=True)
    (folder / "LC_MESSAGES").symlink_to(secret.parent, target_is_directory=True)
    found = check_paths([tmp_path / "locale"], roots=[tmp_path / "locale"])
    assert SECRET not in " ".join(map(str, found))
    explicit = check_paths([folder / "LC_MESSAGES" / "index.po"], roots=[tmp_path / "locale"])
    assert [f.code for f in explicit] == ["not-a-catalogue"]
    assert "leads out of the locale folder" in explicit[0].message


def test_a_catalogue_outside_the_locale_folders_is_refused_unread(tmp_path: Path) -> None:
    stray = _secret_file(tmp_path)
    (finding,) = check_paths([stray], roots=[tmp_path / "locale"])
    assert finding.code == "not-a-catalogue" and SECRET not in str(finding)


def test_a_device_or_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    (finding,) = check_paths([tmp_path / "locale"])  # and does not hang
    assert finding.code == "not-a-catalogue" and "not a regular file" in finding.message
    (zero,) = check_paths([Path("/dev/zero")])
    assert zero.code == "not-a-catalogue"


def test_a_catalogue_too_large_is_refused(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = catalogue(tmp_path, '\nmsgid "Annex"\nmsgstr "Annexe"\n' * 100)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    (finding,) = check_catalog(path)
    assert finding.code == "too-large" and finding.blocking
    assert "more than the 1,000 bytes accepted" in finding.message


# --- empty, encodings ------------------------------------------------------------------

def test_an_empty_catalogue_is_one_explicit_finding(tmp_path: Path) -> None:
    path = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "index.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    (finding,) = check_catalog(path)
    assert finding.code == "empty" and not finding.blocking
    assert "would be the English" in finding.message


def test_iso_8859_1_is_read_as_declared_by_the_check(tmp_path: Path) -> None:
    body = '\nmsgid "Opening of the meeting"\nmsgstr "Ouverture de la réunion"\n'
    path = catalogue(tmp_path, body, charset="ISO-8859-1")
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert blocking(check_catalog(path)) == []
    wrong = catalogue(tmp_path, body, charset="UTF-8", name="wrong")
    wrong.write_bytes(wrong.read_text(encoding="utf-8").encode("latin-1"))
    assert [f.code for f in check_catalog(wrong)] == ["syntax"]


# --- the build -------------------------------------------------------------------------

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


def _page(make_app: MakeApp, root: Path, language: str = "fr") -> tuple[SphinxTestApp, str]:
    app = make_app("html", srcdir=root, confoverrides={"language": language})
    app.build()
    app.cleanup()
    html = (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")
    return app, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_catalogue_below_lc_messages_is_checked_by_check_and_build(
        make_app: MakeApp, root: Path) -> None:
    (root / "sub").mkdir()
    (root / "sub" / "note.md").write_text("# Note\n\nA note by the Secretariat.\n")
    hostile = root / "locale" / "fr" / "LC_MESSAGES" / "sub" / "note.po"
    hostile.parent.mkdir()
    hostile.write_text(HEADER.format(charset="UTF-8") + '\nmsgid "A note by the Secretariat."\n'
                       'msgstr "Une note.\\n\\n:::{include} /etc/hostname\\n:::"\n')
    found = blocking(check_paths([root / "locale" / "fr"], roots=[root / "locale"]))
    assert [(f.path, f.code) for f in found] == [(hostile, "new-directive")]
    with pytest.raises(CatalogueRefused, match=r"sub/note\.po:\d+: \[new-directive\]"):
        make_app("html", srcdir=root, confoverrides={"language": "fr"})


def test_a_reference_in_a_title_stops_the_build_before_any_file_is_copied(
        make_app: MakeApp, root: Path) -> None:
    (root / "secret.txt").write_text(SECRET)
    _replace(_po(root), 'msgstr "Annexe"', 'msgstr "[Annexe][]\\n\\n[annexe]: secret.txt"')
    with pytest.raises(CatalogueRefused, match=r"\[link-target\].*link reference"):
        make_app("html", srcdir=root, confoverrides={"language": "fr"})
    assert not list(root.rglob("_downloads"))


def test_tab_escape_and_msgctxt_reach_the_page(make_app: MakeApp, root: Path) -> None:
    _replace(_po(root), 'msgid "Annex"\nmsgstr "Annexe"',
             'msgctxt "heading"\nmsgid "Annex"\nmsgstr "Annexe\\tUNIQUE"')
    _, text = _page(make_app, root)
    assert "Annexe UNIQUE" in text and "\\t" not in text
    assert "Annex " not in text.replace("Annexe", "")


def test_an_empty_catalogue_and_a_missing_language_folder_are_said(
        make_app: MakeApp, root: Path) -> None:
    _po(root).write_bytes(b"")
    app, text = _page(make_app, root)
    assert "[empty]" in app.warning.getvalue() and "would be the English" in app.warning.getvalue()
    assert "Review of examples" in text
    app, _ = _page(make_app, root, "es")
    warning = app.warning.getvalue()
    assert f"{(root / 'locale').resolve() / 'es'}: no such folder" in warning
    assert "[meetingdocs.missing-catalogues]" in warning
