"""The fixed words and labels a UN agenda prints, in each official language, as data.

Pure functions over one table per concern (no Sphinx): item and sub-item labels, item
references, the punctuation of the provisional agenda, the masthead block, the annex
column headers and the "(continued)" mark. Sources:

* Sub-item letters and references: en "(a)", fr/es "a)", ru "a)" in Latin letters, ar
  "(أ)"; "Point 2 b) de l'ordre du jour provisoire", "Tema 2 b) del programa provisional",
  "البند 2 (ب)" (project field notes); "Point 1 a) de l'ordre du jour provisoire"
  (ICCD/COP(15)/CST/1, F); "البند 3 (ب) من جدول الأعمال المؤقت" (E/CONF.103/2, A).
* Arabic letters run in abjad order (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ), the order of
  the Arabic "(أ)، (ب)، (ج)، (د)" labels quoted in the field notes.
* Arabic numbering "1 -": paragraph "1." of A/C.3/72/L.1 and A/71/1007 is "1 -" in the
  Arabic versions (English-Arabic alignments of the UN documents system).
* French punctuation with a no-break space before ":" and ";": "1. Questions
  d'organisation :", "a) Adoption de l'ordre du jour et organisation des travaux ;"
  (ICCD/COP(15)/CST/1, F); Chinese full-width "：；。" (Chinese version of the reference
  document); Arabic semicolon "؛".
* Masthead: French "Distr. générale", "Original : anglais", Spanish "Distr. general",
  "Original: inglés"; Arabic, Chinese and Russian versions keep the block in English with
  the language named ("Distr.: Limited / 9 August 2017 / Arabic / Original: English" and
  "الأمــم المتحـدة" above it in the Arabic A/C.3/72/L.1); field notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from meetingdocs.languages import get as get_language
from meetingdocs.un.dates import check_language, space_digits

NO_BREAK_SPACE = "\u00a0"
"""Before French ":" and ";"; U+00A0 rather than the narrow U+202F, which fonts and
pdfLaTeX handle less reliably (Sphinx writes U+00A0 as ``~`` in LaTeX)."""

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

ARABIC_LETTERS: tuple[str, ...] = (
    "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
    "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
)
"""Arabic sub-item letters in abjad order; هـ is written with a tatweel as in UN text."""


@dataclass(frozen=True)
class AgendaPunctuation:
    """What ends an item of the provisional agenda list."""

    colon: str
    """After an item that has sub-items: "1. Organizational matters:"."""
    semicolon: str
    """After a sub-item that is followed by another: "(a) Opening of the meeting;"."""
    period: str
    """After the last sub-item and after an item without sub-items."""


@dataclass(frozen=True)
class MastheadLabels:
    """The words of a document's masthead in one language version."""

    distribution: str
    original: str
    """The full line for an English original: "Original: English", "Original : anglais"."""
    language_line: str | None
    """The version's language named in English where the block stays English."""
    date_lang: str
    """Language in which the masthead's date is written."""
    united_nations: str


# -- tables -----------------------------------------------------------------------------

_SUBITEM_FORMS: dict[str, str] = {
    "ar": "({})",
    "zh_CN": "({})",
    "en": "({})",
    "fr": "{})",
    "ru": "{})",
    "es": "{})",
}

_ITEM_NUMBER_FORMS: dict[str, str] = {
    "ar": "{} -",
    "zh_CN": "{}.",
    "en": "{}.",
    "fr": "{}.",
    "ru": "{}.",
    "es": "{}.",
}

# Between an item number and its sub-item label in "1 (b)"; Chinese writes "1(b)".
_CODE_SEPARATORS: dict[str, str] = {
    "ar": " ",
    "zh_CN": "",
    "en": " ",
    "fr": " ",
    "ru": " ",
    "es": " ",
}

_ITEM_WORDS: dict[str, str] = {
    "ar": "البند",
    "zh_CN": "项目",
    "en": "item",
    "fr": "point",
    "ru": "пункт",
    "es": "tema",
}

_PUNCTUATION: dict[str, AgendaPunctuation] = {
    "ar": AgendaPunctuation(":", "؛", "."),
    "zh_CN": AgendaPunctuation("：", "；", "。"),
    "en": AgendaPunctuation(":", ";", "."),
    "fr": AgendaPunctuation(NO_BREAK_SPACE + ":", NO_BREAK_SPACE + ";", "."),
    "ru": AgendaPunctuation(":", ";", "."),
    "es": AgendaPunctuation(":", ";", "."),
}

# Language in which each version writes its masthead block (distribution, date, original).
_MASTHEAD_LANGUAGES: dict[str, str] = {
    "ar": "en",
    "zh_CN": "en",
    "en": "en",
    "fr": "fr",
    "ru": "en",
    "es": "es",
}

# Keyed by the masthead block's language.
_DISTRIBUTION: dict[str, str] = {
    "en": "Distr.: General",
    "fr": "Distr. générale",
    "es": "Distr. general",
}

_ORIGINAL_FORMS: dict[str, str] = {
    "en": "Original: {}",
    "fr": "Original" + NO_BREAK_SPACE + ": {}",
    "es": "Original: {}",
}

_UNITED_NATIONS: dict[str, str] = {
    "ar": "الأمم المتحدة",
    "zh_CN": "联合国",
    "en": "United Nations",
    "fr": "Nations Unies",
    "ru": "Организация Объединенных Наций",
    "es": "Naciones Unidas",
}

_ANNEX_HEADERS: dict[str, tuple[str, str, str]] = {
    "ar": ("التاريخ والوقت", "البند من جدول الأعمال", "العنوان أو الوصف"),
    "zh_CN": ("日期和时间", "议程项目", "标题或说明"),
    "en": ("Date and time", "Agenda item", "Title or description"),
    "fr": ("Date et heure", "Point de l'ordre du jour", "Titre ou description"),
    "ru": ("Дата и время", "Пункт повестки дня", "Название или описание"),
    "es": ("Fecha y hora", "Tema del programa", "Título o descripción"),
}

_CONTINUED: dict[str, str] = {
    "ar": " (تابع)",
    "zh_CN": "（续）",
    "en": " (continued)",
    "fr": " (suite)",
    "ru": " (продолжение)",
    "es": " (continuación)",
}


# -- functions --------------------------------------------------------------------------

def _letter(index: int, lang: str) -> str:
    """The index-th sub-item letter; Latin letters double after z: aa, bb, ..."""
    if index < 0:
        raise ValueError(f"sub-item index {index} is negative; the first sub-item is 0")
    if lang != "ar":
        return LATIN_LETTERS[index % 26] * (index // 26 + 1)
    if index >= len(ARABIC_LETTERS):
        raise ValueError(f"sub-item index {index}: Arabic labels stop at the 28th letter")
    return ARABIC_LETTERS[index]


def subitem_label(index: int, lang: str) -> str:
    """Label of sub-item ``index`` (0 is the first): "(a)", "a)", "(أ)"."""
    check_language(lang)
    return _SUBITEM_FORMS[lang].format(_letter(index, lang))


def _check_number(number: int) -> int:
    if number < 1:
        raise ValueError(f"agenda item number {number} must be 1 or more")
    return number


def item_number_label(number: int, lang: str) -> str:
    """Label of an item in the numbered provisional agenda: "1.", Arabic "1 -"."""
    check_language(lang)
    return _ITEM_NUMBER_FORMS[lang].format(_check_number(number))


def item_code(number: int, sub_index: int | None, lang: str) -> str:
    """An item's number with its sub-item label, as in the annex: "1 (b)", "1 b)", "1(b)"."""
    check_language(lang)
    code = str(_check_number(number))
    if sub_index is None:
        return code
    return code + _CODE_SEPARATORS[lang] + subitem_label(sub_index, lang)


def item_reference(
    number: int, sub_index: int | None, lang: str, *, capitalise: bool = False
) -> str:
    """An item named in a sentence: "item 1 (b)", "point 1 b)", "项目 1(b)", "البند 1 (ب)".

    ``capitalise`` gives the form that opens a line ("Item 2 (b) of the provisional agenda").
    """
    word = _ITEM_WORDS[check_language(lang)]
    if capitalise:
        word = word[:1].upper() + word[1:]
    return space_digits(f"{word} {item_code(number, sub_index, lang)}")


def agenda_punctuation(lang: str) -> AgendaPunctuation:
    """The colon, semicolon and period that end items of the provisional agenda."""
    return _PUNCTUATION[check_language(lang)]


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang``: ("en", "fr") -> "anglais".

    ``code`` is one of the six codes or any ISO 639 code CLDR names (``de``, ``pt``).
    """
    names = Locale.parse(get_language(check_language(in_lang)).babel_locale).languages
    base = code.split("_")[0].split("-")[0]
    if base not in names:
        raise ValueError(f"no name is known for language {code!r}")
    return names[base]


def masthead(lang: str, *, source_lang: str = "en") -> MastheadLabels:
    """The masthead words of the ``lang`` version of a document written in ``source_lang``.

    Arabic, Chinese and Russian versions keep the block in English and add a line naming
    their language; the organisation's name is printed in each version's own language.
    """
    block = _MASTHEAD_LANGUAGES[check_language(lang)]
    return MastheadLabels(
        distribution=_DISTRIBUTION[block],
        original=_ORIGINAL_FORMS[block].format(language_name(source_lang, block)),
        language_line=None if block == lang else language_name(lang, "en"),
        date_lang=block,
        united_nations=_UNITED_NATIONS[lang],
    )


def annex_headers(lang: str) -> tuple[str, str, str]:
    """Column headers of the annex table "Proposed organization of work"."""
    return _ANNEX_HEADERS[check_language(lang)]


def continued(lang: str) -> str:
    """Suffix of an item taken up again in a later meeting: " (continued)", "（续）"."""
    return _CONTINUED[check_language(lang)]


@dataclass(frozen=True)
class PageLabels:
    """The words of a page's navigation bar."""

    home: str
    """Link to the landing page that lists every language."""
    languages: str
    """Accessible name of the language switcher."""


_PAGE_LABELS: dict[str, PageLabels] = {
    "ar": PageLabels("جميع اللغات", "اللغات"),
    "zh_CN": PageLabels("所有语文", "语文"),
    "en": PageLabels("All languages", "Languages"),
    "fr": PageLabels("Toutes les langues", "Langues"),
    "ru": PageLabels("Все языки", "Языки"),
    "es": PageLabels("Todos los idiomas", "Idiomas"),
}


def page_labels(lang: str) -> PageLabels:
    """Navigation words of the HTML pages in ``lang``."""
    return _PAGE_LABELS[check_language(lang)]
