"""The fixed words and labels a UN agenda prints, in each language, from its pack.

Pure functions (no Sphinx) over the ``[labels]`` and ``[masthead]`` tables of a language
pack (``meetingdocs/languages/<code>.toml``): item and sub-item labels, item references,
the punctuation of the provisional agenda, the masthead block, the annex column headers,
the "(continued)" mark and the words of the page navigation. Each pack cites the
documents its forms were read from.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from meetingdocs.languages import SOURCE_LANGUAGE
from meetingdocs.un.writing import check_language, space_digits
from meetingdocs.un.writing import pack as _pack

NO_BREAK_SPACE = "\u00a0"
"""Before French ":" and ";"; U+00A0 rather than the narrow U+202F, which fonts and
pdfLaTeX handle less reliably (Sphinx writes U+00A0 as ``~`` in LaTeX)."""

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
"""Sub-item letters of a pack that lists none of its own."""


@dataclass(frozen=True)
class AgendaPunctuation:
    """What ends an item of the provisional agenda list."""

    colon: str
    """After an item that has sub-items: "1. Organizational matters:"."""
    semicolon: str
    """After a sub-item that is followed by another: "(a) Opening of the meeting;"."""
    period: str
    """After the last sub-item and after an item without sub-items."""
    subitems_lowercase: bool = False
    """Whether a sub-item of the list starts with a small letter (Russian)."""


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


# -- functions --------------------------------------------------------------------------

def _letter(index: int, lang: str) -> str:
    """The index-th sub-item letter; Latin letters double after z: aa, bb, ..."""
    if index < 0:
        raise ValueError(f"sub-item index {index} is negative; the first sub-item is 0")
    letters = _pack(lang).labels.letters
    if not letters:
        return LATIN_LETTERS[index % 26] * (index // 26 + 1)
    if index >= len(letters):
        raise ValueError(f"sub-item index {index}: {lang} labels stop at the "
                         f"{len(letters)}th letter")
    return letters[index]


def most_sub_items() -> int:
    """How many sub-items one agenda item may have: as many as the keys have letters
    (``1a`` to ``1z``) and as every language version lists (Arabic: 28)."""
    from meetingdocs import languages

    listed = [len(letters) for lang in languages.LANGUAGES
              if (letters := _pack(lang.code).labels.letters)]
    return min([len(LATIN_LETTERS), *listed])


def subitem_label(index: int, lang: str) -> str:
    """Label of sub-item ``index`` (0 is the first): "(a)", "a)", "(أ)"."""
    check_language(lang)
    return _pack(lang).labels.subitem.format(_letter(index, lang))


def _check_number(number: int) -> int:
    if number < 1:
        raise ValueError(f"agenda item number {number} must be 1 or more")
    return number


def item_number_label(number: int, lang: str) -> str:
    """Label of an item in the numbered provisional agenda: "1.", Arabic "1 -"."""
    check_language(lang)
    return _pack(lang).labels.item_number.format(_check_number(number))


def item_code(number: int, sub_index: int | None, lang: str) -> str:
    """An item's number with its sub-item label, as in the annex: "1 (b)", "1 b)", "1(b)"."""
    check_language(lang)
    code = str(_check_number(number))
    if sub_index is None:
        return code
    return code + _pack(lang).labels.code_separator + subitem_label(sub_index, lang)


def item_reference(
    number: int, sub_index: int | None, lang: str, *, capitalise: bool = False,
    form: str = "",
) -> str:
    """An item named in a sentence: "item 1 (b)", "point 1 b)", "项目 1(b)", "البند 1 (ب)".

    ``capitalise`` gives the form that opens a line ("Item 2 (b) of the provisional agenda");
    ``form`` a grammatical form of the language's ``item_forms`` ("пункта 4").
    """
    words = _pack(lang).labels
    if form and form not in words.item_forms:
        offered = ", ".join(words.item_forms) or "none"
        raise ValueError(f"{lang} has no form {form!r} of an item reference (forms: {offered})")
    word = words.item_forms[form] if form else words.item_word
    if capitalise:
        word = word[:1].upper() + word[1:]
    return space_digits(f"{word} {item_code(number, sub_index, lang)}")


def agenda_punctuation(lang: str) -> AgendaPunctuation:
    """The colon, semicolon and period that end items of the provisional agenda."""
    words = _pack(lang).labels
    return AgendaPunctuation(words.colon, words.semicolon, words.period,
                             words.subitems_lowercase)


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang``: ("en", "fr") -> "anglais".

    ``code`` is one of the six codes or any ISO 639 code CLDR names (``de``, ``pt``).
    """
    names = Locale.parse(_pack(in_lang).babel_locale).languages
    base = code.split("_")[0].split("-")[0]
    if base not in names:
        raise ValueError(f"no name is known for language {code!r}")
    return names[base]


def masthead(lang: str, *, source_lang: str = SOURCE_LANGUAGE) -> MastheadLabels:
    """The masthead words of the ``lang`` version of a document written in ``source_lang``.

    Arabic, Chinese and Russian versions keep the block in English and add a line naming
    their language; French and Spanish write the block in their language and name it too
    (their packs' ``language_line``); the organisation's name is printed in each version's
    own language.
    """
    own = _pack(lang).masthead
    block = own.block_language
    words = _pack(block).masthead
    line = own.language_line or (None if block == lang else _pack(lang).english_name)
    return MastheadLabels(
        distribution=words.distribution,
        original=words.original.format(language_name(source_lang, block)),
        language_line=line,
        date_lang=block,
        united_nations=own.united_nations,
    )


def annex_headers(lang: str) -> tuple[str, str, str]:
    """Column headers of the annex table "Proposed organization of work"."""
    headers = _pack(lang).labels.annex_headers
    return headers[0], headers[1], headers[2]


def continued(lang: str) -> str:
    """Suffix of an item taken up again in a later meeting: " (continued)", "（续）"."""
    return _pack(lang).labels.continued


@dataclass(frozen=True)
class PageLabels:
    """The words of a page's navigation bar."""

    home: str
    """Link to the landing page that lists every language."""
    languages: str
    """Accessible name of the language switcher."""


def page_labels(lang: str) -> PageLabels:
    """Navigation words of the HTML pages in ``lang``."""
    words = _pack(lang).labels
    return PageLabels(words.home, words.languages)
