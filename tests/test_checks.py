"""Tests of the catalogue checks: each check firing on a bad entry and silent on a good one."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdocs.i18n import msgfmt
from meetingdocs.i18n.checks import (
    CODES,
    Finding,
    PoSyntaxError,
    blocking,
    check_catalog,
    check_paths,
    compare,
)
from meetingdocs.i18n.glossary import load_tbx
from meetingdocs.i18n.po import parse_bytes

DATA = Path(__file__).parent / "data" / "checks" / "locale"
GLOSSARY = Path(__file__).parent.parent / "glossary" / "ctoc.tbx"
HAS_MSGFMT = shutil.which("msgfmt") is not None

PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "zh_CN": "nplurals=1; plural=0;",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);",
}

Pair = tuple[str, str] | tuple[str, str, str]


def quote(text: str) -> str:
    """Write *text* as a PO string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def header(lang: str, plural_forms: str | None = None, language: str | None = None) -> str:
    fields = [
        "Project-Id-Version: meetingdocs tests",
        "Report-Msgid-Bugs-To: ",
        "POT-Creation-Date: 2020-07-01 12:00+0000",
        "PO-Revision-Date: 2020-07-10 12:00+0000",
        "Last-Translator: United Nations",
        f"Language: {language or lang}",
        "Language-Team: United Nations",
        f"Plural-Forms: {plural_forms or PLURAL_FORMS[lang]}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    lines = ['msgid ""', 'msgstr ""', *(quote(field + "\n") for field in fields)]
    return "\n".join(lines) + "\n"


def entry(msgid: str, msgstr: str, flags: str = "") -> str:
    flag_line = f"#, {flags}\n" if flags else ""
    return f"\n#: index.md:1\n{flag_line}msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n"


def write_catalog(root: Path, lang: str, pairs: Sequence[Pair], *, head: str | None = None) -> Path:
    """Write ``locale/<lang>/LC_MESSAGES/index.po`` under *root* and return its path."""
    path = root / "locale" / lang / "LC_MESSAGES" / "index.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(entry(*pair) for pair in pairs)
    path.write_text((header(lang) if head is None else head) + body, encoding="utf-8")
    return path


def codes(findings: Sequence[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def problem_codes(msgid: str, msgstr: str) -> list[str]:
    return [code for code, _ in compare(msgid, msgstr)]


# --- whole catalogues ------------------------------------------------------------------


def test_clean_catalogue_gives_no_findings(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path,
        "fr",
        [
            (
                "Working Group on the Smuggling of Migrants",
                "Groupe de travail sur le trafic illicite de migrants",
            ),
            ("Vienna, {dates}`2020-09-08/09`", "Vienne, {dates}`2020-09-08/09`"),
            (
                "See {ref}`the annex <annex>` and [the site](https://www.unodc.org/).",
                "Voir {ref}`l'annexe <annex>` et [le site](https://www.unodc.org/).",
            ),
            (
                "In its resolution 7/1, the *Conference* decided, **inter alia**:",
                "Dans sa résolution 7/1, la *Conférence* a décidé, **entre autres** :",
            ),
            (
                "Background paper ({symbol}`CTOC/COP/WG.7/2020/2`), CTOC/COP/WG.7/2020/3",
                "Document d'information ({symbol}`CTOC/COP/WG.7/2020/2`), CTOC/COP/WG.7/2020/3",
            ),
        ],
    )
    assert check_catalog(path, glossary=load_tbx(GLOSSARY)) == []


def test_chinese_catalogue_from_the_seed_is_clean() -> None:
    path = DATA / "zh_CN" / "LC_MESSAGES" / "CTOC_COP_WG.7_2020_1.po"
    assert check_catalog(path, glossary=load_tbx(GLOSSARY)) == []


def test_russian_catalogue_with_inflected_terms_is_clean() -> None:
    path = DATA / "ru" / "LC_MESSAGES" / "CTOC_COP_WG.7_2020_1.po"
    assert check_catalog(path, glossary=load_tbx(GLOSSARY)) == []


def test_check_paths_walks_folders_and_takes_the_language_from_the_layout(
    tmp_path: Path,
) -> None:
    write_catalog(tmp_path, "ru", [("Item 2", "Пункт 3")])
    write_catalog(tmp_path, "es", [("Item 2", "Tema 2")])
    findings = check_paths([tmp_path / "locale"])
    assert [(f.path.parent.parent.name, f.code) for f in findings] == [("ru", "number-missing")]


def test_check_paths_reads_the_language_from_the_header_outside_the_layout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "loose.po"
    path.write_text(header("ar", plural_forms="nplurals=2; plural=(n != 1);"), "utf-8")
    findings = check_paths([path])
    assert codes(findings) == ["header"]
    assert "nplurals=6" in findings[0].message


# --- injection -------------------------------------------------------------------------


def test_script_element_is_blocking(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "fr", [("Annotations", "Annotations <script>alert(1)</script>")])
    findings = check_catalog(path)
    assert codes(findings) == ["raw-html", "raw-html"]
    assert all(finding.blocking for finding in findings)
    assert any("'<script'" in finding.message for finding in findings)


def test_image_with_event_handler_is_blocking() -> None:
    problems = compare("Annex", "Annexe <img src=x onerror=alert(1)>")
    assert [code for code, _ in problems] == ["raw-html", "raw-html"]
    assert any("onerror=" in message for _, message in problems)


def test_html_comment_and_javascript_link_are_blocking() -> None:
    assert problem_codes("Annex", "Annexe <!-- hidden -->") == ["raw-html"]
    found = problem_codes("[site](https://www.unodc.org/)", "[site](javascript:alert(1))")
    # MyST does not make a link of a script URL: the English link is missing.
    assert found == ["link-target", "script-url"]
    assert problem_codes("Annex", "Annexe java\tscript:alert(1)") == ["script-url"]


def test_markup_present_in_the_english_is_allowed() -> None:
    assert compare("Line<br>break", "Ligne<br>coupée") == []
    assert compare("An autolink <https://www.unodc.org/>", "Un lien <https://www.unodc.org/>") == []


def test_new_raw_role_is_blocking() -> None:
    problems = compare("Annex", "Annexe {raw}`<script>alert(1)</script>`")
    assert [code for code, _ in problems] == ["new-role"]
    assert CODES["new-role"]


def test_new_directive_is_blocking() -> None:
    msgstr = "Annexe\n\n```{raw} html\n<b>x</b>\n```"
    assert "new-directive" in problem_codes("Annex", msgstr)
    assert problem_codes("Annex", "Annexe\n:::{note}\nx\n:::") == ["new-directive"]
    # reStructuredText is text to MyST: a second paragraph, refused as such.
    assert problem_codes("Annex", "Annexe\n\n.. raw:: html") == ["block-structure"]
    assert problem_codes("Annex", "Annexe\n\n```{eval-rst}\n.. include:: x\n```") == [
        "new-directive"]


def test_raw_latex_is_blocking(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe \\input{/etc/passwd}")])
    findings = check_catalog(path)
    assert codes(findings) == ["raw-latex"]
    assert findings[0].blocking
    assert "\\input" in findings[0].message


def test_substitution_added_is_blocking() -> None:
    assert problem_codes("Annex", "Annexe {{ config.__class__ }}") == ["substitution"]
    assert compare("{{ symbol }} annex", "annexe {{symbol}}") == []


# --- markup parity ---------------------------------------------------------------------


def test_changed_symbol_is_blocking() -> None:
    role = compare("See {symbol}`CTOC/COP/WG.7/2020/2`.", "Voir {symbol}`CTOC/COP/WG.7/2020/3`.")
    assert [code for code, _ in role] == ["symbol-changed"]
    assert "CTOC/COP/WG.7/2020/3" in role[0][1]
    plain = problem_codes("(CTOC/COP/WG.7/2020/2)", "（CTOC/COP/WG.7/2020/3）")
    assert plain == ["symbol-changed"]
    assert problem_codes("see A/RES/75/1", "voir A/RES/75/1") == []
    assert problem_codes("E/CN.15/2020/1", "E/CN.15/2020/1") == []


def test_cyrillic_letter_in_a_symbol_is_a_lookalike() -> None:
    cyrillic = "\u0421TOC/COP/WG.7/2020/2"  # CYRILLIC CAPITAL LETTER ES
    plain = compare("(CTOC/COP/WG.7/2020/2)", f"({cyrillic})")
    assert [code for code, _ in plain] == ["lookalike"]
    assert "U+0421" in plain[0][1]
    role = compare("{symbol}`CTOC/COP/WG.7/2020/2`", f"{{symbol}}`{cyrillic}`")
    assert [code for code, _ in role] == ["lookalike"]
    assert CODES["lookalike"]


def test_sub_item_labels_must_use_latin_letters() -> None:
    assert problem_codes("Item 1 (a)", "Пункт 1 а)") == ["lookalike"]  # Cyrillic a
    assert problem_codes("Item 1 (b)", "Пункт 1 в)") == ["lookalike"]  # Cyrillic ve
    assert problem_codes("Item 1 (b)", "Пункт 1 b)") == []
    assert problem_codes("Item 2 (b)", "البند 2 (ب)") == []
    assert problem_codes("Item {item}`1b`", "Пункт {item}`1ь`") == ["role-mismatch"]


def test_dropped_role_target_is_blocking() -> None:
    problems = compare("See {ref}`the annex <annex>`.", "Voir {ref}`l'annexe`.")
    assert [code for code, _ in problems] == ["role-mismatch"]
    assert "annex" in problems[0][1]
    assert compare("See {ref}`annex`.", "Voir {ref}`l'annexe <annex>`.") == []
    assert (
        compare("{abbr}`UN (United Nations)`", "{abbr}`ONU (Organisation des Nations Unies)`") == []
    )


def test_machine_roles_must_be_byte_identical() -> None:
    assert problem_codes("{date}`2020-09-08`", "{date}`2020-09-09`") == ["role-mismatch"]
    assert problem_codes("{time}`10:00-13:00`", "{time}`10:00–13:00`") == ["role-mismatch"]
    assert problem_codes("{dates}`2020-09-08/09`", "") == ["role-mismatch"]
    assert compare("at {time}`10:00` on {day}`2020-09-08`", "{day}`2020-09-08`{time}`10:00`") == []


def test_link_targets_and_inline_code_must_match() -> None:
    assert problem_codes("[site](https://a.org/)", "[site](https://b.org/)") == [
        "link-target",
        "link-target",
    ]
    assert compare('[site](https://a.org/ "Title")', '[le site](https://a.org/ "Titre")') == []
    assert problem_codes("run `make html`", "lancer `make latex`") == [
        "inline-code",
        "inline-code",
    ]


def test_broken_emphasis_is_blocking() -> None:
    problems = compare("the *word* here", "le *mot ici")
    assert [code for code, _ in problems] == ["emphasis"]
    assert problem_codes("**strong** text", "texte **fort**") == []
    assert problem_codes("**strong** text", "texte *fort*") == ["emphasis", "emphasis"]
    assert problem_codes("*a* and *b*", "_a_ et _b_") == []
    assert problem_codes("snake_case and 2 * 3", "snake_case et 2 * 3") == []


# --- numbers ---------------------------------------------------------------------------


def test_missing_number_is_not_blocking(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "fr", [("In its resolution 7/1", "Dans sa résolution 7")])
    findings = check_catalog(path)
    assert codes(findings) == ["number-missing"]
    assert not findings[0].blocking
    assert "1" in findings[0].message


def test_numbers_in_chinese_and_arabic_text() -> None:
    english = "On 30 August 2019, the schedule of meetings for 2020 and 1,000 copies"
    assert compare(english, "2019 年 8 月 30 日，2020 年的会议计划，1000 份") == []
    assert compare(english, "في 30 آب/أغسطس 2019، جدول اجتماعات عام 2020، و 1000 نسخة") == []
    assert compare("4.5 per cent", "4,5 pour cent") == []
    assert problem_codes(english, "في ٣٠ آب/أغسطس ٢٠١٩، عام ٢٠٢٠، ١٠٠٠") == ["digits"] * 4


def test_numbers_inside_names_symbols_and_roles_are_not_counted() -> None:
    assert compare("the COVID-19 pandemic", "新冠肺炎疫情") == []
    assert (
        compare(
            "({symbol}`CTOC/COP/WG.7/2020/2`) item {item}`2`",
            "({symbol}`CTOC/COP/WG.7/2020/2`) {item}`2`",
        )
        == []
    )


# --- catalogue hygiene -----------------------------------------------------------------


def test_syntax_error_is_one_blocking_finding_at_its_line(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe")])
    text = path.read_text(encoding="utf-8") + '\nmsgid "World\nmsgstr "Monde"\n'
    path.write_text(text, encoding="utf-8")
    broken_line = text.splitlines().index('msgid "World') + 1
    findings = check_catalog(path)
    assert [(f.code, f.line, f.blocking) for f in findings] == [("syntax", broken_line, True)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 3),
        ('msgid "a"\nmsgstr "b"\nbogus "c"\n', 3),
        ('msgid "a"\nmsgstr "b\\q"\n', 2),
        ('msgid "a"\nmsgstr "b" x\n', 2),
        ('msgid "a"\n', 1),
        ('"orphan"\n', 1),
    ],
)
def test_syntax_errors_report_their_line(text: str, line: int) -> None:
    with pytest.raises(PoSyntaxError) as caught:
        parse_bytes(text.encode())
    assert caught.value.line == line


def test_invalid_utf8_is_a_syntax_finding(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(b'msgid "a"\nmsgstr "\xff"\n')
    findings = check_catalog(path, language="fr")
    assert [(f.code, f.line) for f in findings] == [("syntax", 2)]


def test_reader_keeps_msgid_lines_flags_plurals_and_obsolete_entries() -> None:
    text = (
        'msgid ""\nmsgstr "Language: ru\\n"\n\n'
        '#, fuzzy, python-brace-format\nmsgctxt "c"\nmsgid ""\n"one "\n"two"\nmsgstr "x"\n\n'
        'msgid "day"\nmsgid_plural "days"\nmsgstr[0] "день"\nmsgstr[1] "дня"\nmsgstr[2] "дней"\n'
        '\n#~ msgid "old"\n#~ msgstr "vieux"\n'
    )
    header_entry, fuzzy, plural, old = parse_bytes(text.encode()).entries
    assert header_entry.is_header and header_entry.line == 1
    assert (fuzzy.msgid, fuzzy.line, fuzzy.fuzzy, fuzzy.msgctxt) == ("one two", 6, True, "c")
    assert plural.msgstrs == ("день", "дня", "дней") and plural.line == 11
    assert old.obsolete and old.msgid == "old"


def test_wrong_plural_forms_is_a_header_finding(tmp_path: Path) -> None:
    head = header("fr", plural_forms="nplurals=3; plural=(n == 0 || n == 1) ? 0 : 2;")
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe")], head=head)
    findings = [f for f in check_catalog(path) if f.code == "header"]
    assert len(findings) == 1
    assert not findings[0].blocking
    assert "nplurals=2" in findings[0].message


def test_language_header_must_match_the_folder(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "es", [("Annex", "Anexo")], head=header("es", language="pt"))
    findings = check_catalog(path)
    assert codes(findings) == ["header"]
    assert "pt" in findings[0].message
    same = write_catalog(
        tmp_path, "zh_CN", [("Annex", "附件")], head=header("zh_CN", language="zh-CN")
    )
    assert check_catalog(same) == []


def test_msgfmt_errors_are_blocking_and_located(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe"), ("Line one\n", "Ligne un")])
    findings = check_catalog(path)
    assert codes(findings) == ["msgfmt"]
    msgid_line = path.read_text(encoding="utf-8").splitlines().index('msgid "Line one\\n"') + 1
    assert findings[0].line == msgid_line
    assert findings[0].blocking
    assert findings[0].msgid == "Line one\n"


def test_missing_msgfmt_is_one_non_blocking_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(msgfmt.shutil, "which", lambda name: None)
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe")])
    findings = check_catalog(path)
    assert [(f.code, f.blocking) for f in findings] == [("msgfmt-unavailable", False)]


def test_fuzzy_and_untranslated_entries_are_reported_without_blocking(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path,
        "fr",
        [("Annex", "Annex", "fuzzy"), ("Annotations", ""), ("Other", "Autre <script>", "fuzzy")],
    )
    findings = check_catalog(path)
    assert codes(findings) == ["fuzzy", "untranslated", "fuzzy", "raw-html"]
    assert codes(blocking(findings)) == ["raw-html"]


# --- findings --------------------------------------------------------------------------


def test_finding_text_names_file_line_code_and_msgid() -> None:
    finding = Finding(Path("fr.po"), 12, "x" * 70, "raw-html", "bad", True)
    assert str(finding) == f"fr.po:12: [raw-html] bad (msgid: {'x' * 60}…)"
    short = Finding(Path("fr.po"), 3, "Annex\nA", "fuzzy", "fuzzy entry", False)
    assert str(short) == "fr.po:3: [fuzzy] fuzzy entry (msgid: Annex A)"
    assert str(Finding(Path("fr.po"), 1, "", "header", "no header", False)) == (
        "fr.po:1: [header] no header"
    )


def test_every_code_has_a_blocking_rule() -> None:
    blocking_codes = {code for code, blocks in CODES.items() if blocks}
    assert {
        "raw-html",
        "role-mismatch",
        "symbol-changed",
        "lookalike",
        "emphasis",
        "link-target",
        "inline-code",
        "new-directive",
        "raw-latex",
        "msgfmt",
        "syntax",
    } <= blocking_codes
    assert not {"number-missing", "fuzzy", "untranslated", "header", "glossary"} & blocking_codes


# --- properties ------------------------------------------------------------------------

MYST_PIECES = st.sampled_from(
    [
        "word",
        " ",
        "*",
        "**",
        "_",
        "`code`",
        "{symbol}`CTOC/COP/WG.7/2020/2`",
        "{ref}`text <target>`",
        "[link](https://a.org/x_y)",
        "{{ sub }}",
        "<br>",
        "7/1",
        "1,000",
        "(a)",
        "\\input",
        "```{note}\n",
        "\n",
        "<",
        ">",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        "2020",
        "A/RES/75/1",
    ]
)


@given(st.lists(MYST_PIECES, max_size=20).map("".join))
def test_a_translation_equal_to_the_english_raises_nothing(text: str) -> None:
    assert compare(text, text) == []


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_string_survives_the_po_reader(text: str) -> None:
    (parsed,) = parse_bytes(f'msgid "a"\nmsgstr {quote(text)}\n'.encode()).entries
    assert parsed.msgstrs == (text,)


def test_the_same_english_translated_two_ways_is_reported(tmp_path: Path) -> None:
    first = write_catalog(tmp_path / "a", "fr", [("Annex", "Annexe"), ("Other matters", "Divers")])
    second = write_catalog(tmp_path / "b", "fr", [("Annex", "Annexe"), ("Other matters", "Autres")])
    write_catalog(tmp_path / "c", "es", [("Other matters", "Otros asuntos")])
    findings = check_paths([tmp_path / "a", tmp_path / "b", tmp_path / "c"])
    assert [(f.path, f.code, f.blocking) for f in findings] == [(second, "inconsistent", False)]
    assert f"{first}:" in findings[0].message


def test_msgfmt_bookkeeping_header_warnings_are_left_out(tmp_path: Path) -> None:
    fields = [
        "Language: fr",
        "Plural-Forms: nplurals=2; plural=(n > 1);",
        "Content-Type: text/plain; charset=UTF-8",
    ]
    head = 'msgid ""\nmsgstr ""\n' + "".join(quote(field + "\n") + "\n" for field in fields)
    path = write_catalog(tmp_path, "fr", [("Annex", "Annexe")], head=head)
    assert check_catalog(path) == []


@given(st.text(max_size=80), st.text(max_size=80))
def test_compare_never_raises(msgid: str, msgstr: str) -> None:
    for code, message in compare(msgid, msgstr):
        assert code in CODES and message
