"""Tests of the language packs: the schema, the six packs, a collection's own packs."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from meetingdocs import languages
from meetingdocs.languages import PackError, load_pack
from meetingdocs.un import dates, labels

PACKAGE = Path(languages.__file__).parent.parent

MINIMAL = """\
code = "xx"
letter = "X"
native_name = "Xish"
english_name = "Xish"
direction = "ltr"
babel_locale = "de"
"""


@pytest.fixture(autouse=True)
def _forget_collection() -> Iterator[None]:
    yield
    languages.use_collection(None)


def write_pack(folder: Path, text: str, code: str = "xx") -> Path:
    path = folder / f"{code}.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_six_load_in_un_order() -> None:
    assert languages.CODES == ("ar", "zh_CN", "en", "fr", "ru", "es")
    assert [lang.letter for lang in languages.LANGUAGES] == list("ACEFRS")
    for lang in languages.LANGUAGES:
        assert lang.source.endswith(f"{lang.code}.toml")
        assert lang.latex_engine in {"xelatex", "lualatex"}


def test_gettext_plural_forms_from_the_packs() -> None:
    assert {lang.code: lang.nplurals for lang in languages.LANGUAGES} == {
        "ar": 6, "zh_CN": 1, "en": 2, "fr": 2, "ru": 3, "es": 2,
    }
    assert languages.get("fr").plural_forms == "nplurals=2; plural=(n > 1);"
    assert languages.NPLURALS["zh"] == 1 and "de" not in languages.NPLURALS


def test_a_short_pack_takes_the_defaults(tmp_path: Path) -> None:
    lang = load_pack(write_pack(tmp_path, MINIMAL))
    assert lang.html_lang == "xx" and lang.undocs == "xx"
    assert lang.masthead.block_language == "xx"
    assert lang.plural_forms.startswith("nplurals=2;")  # CLDR's, for the locale "de"
    assert lang.latex_engine == "xelatex" and "Liberation Serif" in lang.latex_fonts


@pytest.mark.parametrize("key", ["code", "letter", "native_name", "english_name", "direction"])
def test_missing_required_key_names_file_and_key(tmp_path: Path, key: str) -> None:
    text = "\n".join(line for line in MINIMAL.splitlines() if not line.startswith(key + " "))
    path = write_pack(tmp_path, text)
    with pytest.raises(PackError, match=rf"xx\.toml: {key}: required key is missing"):
        load_pack(path)


@pytest.mark.parametrize(
    ("extra", "key", "problem"),
    [
        ("[dates]\nspace_cjk_digits = \"yes\"", "dates.space_cjk_digits",
         "must be true or false, not a string"),
        ("[times]\nclock = 13", "times.clock", "not one of: 12 24"),
        ("[times]\nclock = true", "times.clock", "must be an integer"),
        ("[labels]\nannex_headers = [\"a\", 2, \"c\"]", r"labels.annex_headers\[1\]",
         "must be a string"),
        ("[labels]\ncolour = \"red\"", "labels.colour", "unknown key"),
        ("[glossary]\nmatch = \"soundex\"", "glossary.match", "not one of"),
        ("[dates]\nmonths = [\"one\"]", "dates.months", "12 names"),
        ("[times]\non_the_hour = { one = \"{h} hour\" }", "times.on_the_hour", "'other'"),
        ("[[times.periods]]\nstart = \"noon\"\nword = \"pm\"", r"times.periods\[0\].start",
         "HH:MM"),
        ("latex = \"xelatex\"", "latex", "must be a table"),
    ],
)
def test_wrong_value_names_file_and_key(
    tmp_path: Path, extra: str, key: str, problem: str
) -> None:
    path = write_pack(tmp_path, MINIMAL + extra)
    with pytest.raises(PackError, match=rf"xx\.toml: {key}: .*{problem}"):
        load_pack(path)


def test_unknown_direction(tmp_path: Path) -> None:
    path = write_pack(tmp_path, MINIMAL.replace('"ltr"', '"ttb"'))
    with pytest.raises(PackError, match=r"xx\.toml: direction: 'ttb' is not one of: ltr rtl"):
        load_pack(path)


def test_code_must_match_file_name(tmp_path: Path) -> None:
    path = write_pack(tmp_path, MINIMAL, code="yy")
    with pytest.raises(PackError, match=r"yy\.toml: code: 'xx' differs"):
        load_pack(path)


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"xx\.toml: \(file\): not valid TOML"):
        load_pack(write_pack(tmp_path, "code = "))


def test_collection_pack_comes_after_the_six_and_is_forgotten(tmp_path: Path) -> None:
    (tmp_path / "languages").mkdir()
    write_pack(tmp_path / "languages", MINIMAL + '[labels]\nitem_word = "Punkt"\n')
    known = languages.use_collection(tmp_path)
    assert [lang.code for lang in known] == ["ar", "zh_CN", "en", "fr", "ru", "es", "xx"]
    assert labels.item_reference(2, 0, "xx") == "Punkt 2 (a)"
    assert dates.format_date(date(2020, 9, 8), "xx") == "8 September 2020"
    languages.use_collection(None)
    assert "xx" not in languages.CODES
    with pytest.raises(languages.UnknownLanguageError):
        labels.item_reference(2, 0, "xx")


def test_collection_pack_may_adapt_one_of_the_six(tmp_path: Path) -> None:
    (tmp_path / "languages").mkdir()
    english = (PACKAGE / "languages" / "en.toml").read_text("utf-8")
    write_pack(tmp_path / "languages", english.replace('" (continued)"', '" (cont.)"'), "en")
    languages.use_collection(tmp_path)
    assert languages.CODES[2] == "en" and labels.continued("en") == " (cont.)"


def test_masthead_block_language_needs_a_pack(tmp_path: Path) -> None:
    (tmp_path / "languages").mkdir()
    write_pack(tmp_path / "languages", MINIMAL + '[masthead]\nblock_language = "de"\n')
    with pytest.raises(PackError, match=r"xx\.toml: masthead.block_language: 'de' has no pack"):
        languages.use_collection(tmp_path)
    assert "xx" not in languages.CODES


def test_every_time_form_is_data(tmp_path: Path) -> None:
    """A 12-hour clock with named times and dropped periods, written as a pack only."""
    pack = MINIMAL + """
[times]
clock = 12
on_the_hour = { one = "{h} Uhr", other = "{h} Uhren" }
with_minutes = "{h}:{mm}"
time = "{clock} {period}"
periods = [{ start = "00:00", word = "vorm." }, { start = "12:00", word = "nachm." }]
named = { "12:00" = "Mittag" }
range = "{start} bis {end}"
shared_period_range = "{start_clock} bis {end_clock} {end_period}"
"""
    (tmp_path / "languages").mkdir()
    write_pack(tmp_path / "languages", pack)
    languages.use_collection(tmp_path)
    assert dates.format_time(time(1), "xx") == "1 Uhr vorm."
    assert dates.format_time(time(15), "xx") == "3 Uhren nachm."
    assert dates.format_time_range(time(15), time(18, 5), "xx") == (
        "3 Uhren bis 6:05 nachm."
    )
    assert dates.format_time_range(time(10), time(12), "xx") == (
        "10 Uhren vorm. bis Mittag"
    )


# -- no module outside the loader branches on a language code ----------------------------

def _code_literals() -> set[str]:
    codes: set[str] = set()
    for lang in languages.BUILT_IN:
        codes |= {lang.code, lang.code.split("_")[0], lang.babel_locale, lang.html_lang}
    return codes


def _compared_literals(tree: ast.AST, codes: set[str]) -> Iterator[tuple[int, str]]:
    def literal(node: ast.AST) -> Iterator[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            for element in node.elts:
                yield from literal(element)

    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                for value in literal(operand):
                    if value in codes:
                        yield node.lineno, value
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    for value in literal(key):
                        if value in codes:
                            yield node.lineno, value


#: Known leftovers in modules this test does not own, as "path: code".
ALLOWED: set[str] = set()


def test_no_module_outside_the_loader_compares_with_a_language_code() -> None:
    codes = _code_literals()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "languages"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        found += [f"{path.relative_to(PACKAGE)}:{line}: {code!r}"
                  for line, code in _compared_literals(tree, codes)
                  if f"{path.relative_to(PACKAGE)}: {code!r}" not in ALLOWED]
    assert found == []


def test_the_code_walk_sees_a_branch() -> None:
    tree = ast.parse('if lang == "ar":\n    pass\nx = {"zh_CN": 1}\ny = lang in ("fr", "de")\n')
    assert [value for _, value in _compared_literals(tree, _code_literals())] == [
        "ar", "zh_CN", "fr",
    ]


def test_pack_fields_are_documented_by_the_six() -> None:
    """Each of the six states every top-level fact (none relies on a default)."""
    for lang in languages.BUILT_IN:
        for spec in dataclasses.fields(lang):
            if spec.metadata.get("pack", True) and not dataclasses.is_dataclass(spec.type):
                assert getattr(lang, spec.name) != "" or spec.name.startswith("latex"), (
                    lang.code, spec.name
                )
