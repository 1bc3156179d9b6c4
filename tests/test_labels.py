"""Tests of meetingdocs.labels: the fixed labels of a UN agenda in the six languages."""

from __future__ import annotations

import pytest

from meetingdocs.un import labels

LANGS = ("ar", "zh_CN", "en", "fr", "ru", "es")

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", ["(أ)", "(ب)", "(ج)", "(د)"]),
        ("zh_CN", ["(a)", "(b)", "(c)", "(d)"]),
        ("en", ["(a)", "(b)", "(c)", "(d)"]),
        ("fr", ["a)", "b)", "c)", "d)"]),
        ("ru", ["a)", "b)", "c)", "d)"]),
        ("es", ["a)", "b)", "c)", "d)"]),
    ],
)
def test_subitem_label(lang: str, expected: list[str]) -> None:
    assert [labels.subitem_label(index, lang) for index in range(4)] == expected


def test_russian_sub_items_use_latin_letters() -> None:
    label = labels.subitem_label(0, "ru")
    assert label.isascii()
    assert label != "а)"  # Cyrillic а


def test_arabic_abjad_order() -> None:
    expected = [
        "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
        "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
    ]
    assert [labels.subitem_label(i, "ar") for i in range(28)] == [f"({x})" for x in expected]


def test_latin_letters_double_after_z() -> None:
    assert labels.subitem_label(25, "en") == "(z)"
    assert labels.subitem_label(26, "en") == "(aa)"
    assert labels.subitem_label(27, "fr") == "bb)"


@pytest.mark.parametrize(("index", "lang"), [(-1, "en"), (-1, "ar"), (28, "ar")])
def test_subitem_label_out_of_range(index: int, lang: str) -> None:
    with pytest.raises(ValueError):
        labels.subitem_label(index, lang)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "1 -"), ("zh_CN", "1."), ("en", "1."), ("fr", "1."), ("ru", "1."), ("es", "1.")],
)
def test_item_number_label(lang: str, expected: str) -> None:
    assert labels.item_number_label(1, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_item_number_must_be_positive(lang: str) -> None:
    with pytest.raises(ValueError):
        labels.item_number_label(0, lang)


@pytest.mark.parametrize(
    ("lang", "with_sub", "without_sub"),
    [
        ("ar", "البند 1 (ب)", "البند 2"),
        ("zh_CN", "项目 1(b)", "项目 2"),
        ("en", "item 1 (b)", "item 2"),
        ("fr", "point 1 b)", "point 2"),
        ("ru", "пункт 1 b)", "пункт 2"),
        ("es", "tema 1 b)", "tema 2"),
    ],
)
def test_item_reference(lang: str, with_sub: str, without_sub: str) -> None:
    assert labels.item_reference(1, 1, lang) == with_sub
    assert labels.item_reference(2, None, lang) == without_sub


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "البند 2 (ب)"),
        ("zh_CN", "项目 2(b)"),
        ("en", "Item 2 (b)"),
        ("fr", "Point 2 b)"),
        ("ru", "Пункт 2 b)"),
        ("es", "Tema 2 b)"),
    ],
)
def test_item_reference_at_line_start(lang: str, expected: str) -> None:
    assert labels.item_reference(2, 1, lang, capitalise=True) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "1 (أ)"),
        ("zh_CN", "1(a)"),
        ("en", "1 (a)"),
        ("fr", "1 a)"),
        ("ru", "1 a)"),
        ("es", "1 a)"),
    ],
)
def test_item_code(lang: str, expected: str) -> None:
    assert labels.item_code(1, 0, lang) == expected
    assert labels.item_code(3, None, lang) == "3"


@pytest.mark.parametrize(
    ("lang", "colon", "semicolon", "period"),
    [
        ("ar", ":", "؛", "."),
        ("zh_CN", "：", "；", "。"),
        ("en", ":", ";", "."),
        ("fr", NBSP + ":", NBSP + ";", "."),
        ("ru", ":", ";", "."),
        ("es", ":", ";", "."),
    ],
)
def test_agenda_punctuation(lang: str, colon: str, semicolon: str, period: str) -> None:
    assert labels.agenda_punctuation(lang) == labels.AgendaPunctuation(
        colon, semicolon, period, subitems_lowercase=lang == "ru")


def test_chinese_agenda_lines() -> None:
    punct = labels.agenda_punctuation("zh_CN")
    assert f"{labels.item_number_label(1, 'zh_CN')} 组织事项{punct.colon}" == "1. 组织事项："
    assert f"{labels.subitem_label(0, 'zh_CN')} 会议开幕{punct.semicolon}" == "(a) 会议开幕；"
    assert f"{labels.subitem_label(1, 'zh_CN')} 通过议程和工作安排{punct.period}" == (
        "(b) 通过议程和工作安排。"
    )


def test_agenda_punctuation_is_frozen() -> None:
    with pytest.raises(AttributeError):
        labels.agenda_punctuation("en").colon = "-"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("lang", "distribution", "original", "language_line", "date_lang", "united_nations"),
    [
        ("ar", "Distr.: General", "Original: English", "Arabic", "en", "الأمم المتحدة"),
        ("zh_CN", "Distr.: General", "Original: English", "Chinese", "en", "联合国"),
        ("en", "Distr.: General", "Original: English", None, "en", "United Nations"),
        ("fr", "Distr. générale", f"Original{NBSP}: anglais", "Français", "fr", "Nations Unies"),
        (
            "ru", "Distr.: General", "Original: English", "Russian", "en",
            "Организация Объединенных Наций",
        ),
        ("es", "Distr. general", "Original: inglés", "Español", "es", "Naciones Unidas"),
    ],
)
def test_masthead(
    lang: str, distribution: str, original: str, language_line: str | None,
    date_lang: str, united_nations: str,
) -> None:
    assert labels.masthead(lang) == labels.MastheadLabels(
        distribution=distribution,
        original=original,
        language_line=language_line,
        date_lang=date_lang,
        united_nations=united_nations,
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "Original: French"),
        ("zh_CN", "Original: French"),
        ("en", "Original: French"),
        ("fr", f"Original{NBSP}: français"),
        ("ru", "Original: French"),
        ("es", "Original: francés"),
    ],
)
def test_masthead_of_a_french_original(lang: str, expected: str) -> None:
    assert labels.masthead(lang, source_lang="fr").original == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", ("التاريخ والوقت", "البند من جدول الأعمال", "العنوان أو الوصف")),
        ("zh_CN", ("日期和时间", "议程项目", "标题或说明")),
        ("en", ("Date and time", "Agenda item", "Title or description")),
        ("fr", ("Date et heure", "Point de l'ordre du jour", "Titre ou description")),
        ("ru", ("Дата и время", "Пункт повестки дня", "Название или описание")),
        ("es", ("Fecha y hora", "Tema del programa", "Título o descripción")),
    ],
)
def test_annex_headers(lang: str, expected: tuple[str, str, str]) -> None:
    assert labels.annex_headers(lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", " (تابع)"),
        ("zh_CN", "（续）"),
        ("en", " (continued)"),
        ("fr", " (suite)"),
        ("ru", " (продолжение)"),
        ("es", " (continuación)"),
    ],
)
def test_continued(lang: str, expected: str) -> None:
    assert labels.continued(lang) == expected


@pytest.mark.parametrize(
    ("code", "in_lang", "expected"),
    [
        ("en", "en", "English"),
        ("en", "fr", "anglais"),
        ("en", "es", "inglés"),
        ("en", "ru", "английский"),
        ("fr", "en", "French"),
        ("zh_CN", "en", "Chinese"),
        ("ar", "en", "Arabic"),
        ("ru", "en", "Russian"),
        ("es", "fr", "espagnol"),
        ("de", "es", "alemán"),
    ],
)
def test_language_name(code: str, in_lang: str, expected: str) -> None:
    assert labels.language_name(code, in_lang) == expected


def test_language_name_unknown_code() -> None:
    with pytest.raises(ValueError):
        labels.language_name("xx", "en")


@pytest.mark.parametrize(
    "call",
    [
        lambda: labels.subitem_label(0, "de"),
        lambda: labels.item_number_label(1, "zh"),
        lambda: labels.item_reference(1, None, "EN"),
        lambda: labels.item_code(1, 0, "pt"),
        lambda: labels.agenda_punctuation("ja"),
        lambda: labels.masthead("it"),
        lambda: labels.annex_headers(""),
        lambda: labels.continued("zh_TW"),
        lambda: labels.language_name("en", "de"),
    ],
)
def test_unknown_language(call: object) -> None:
    with pytest.raises(ValueError, match="ar zh_CN en fr ru es"):
        call()  # type: ignore[operator]
