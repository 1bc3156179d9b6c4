"""What every written form of a language shares: its pack, and the last touch of text.

Dates, times and labels all end with :func:`finish`, which applies the pack's
``dates.space_cjk_digits`` rule (UN Chinese puts a space between Chinese characters and
Latin digits: "2020 年 9 月 8 日和 9 日", "上午 10 时至下午 1 时", as in the Chinese version
of the project's reference document).
"""

from __future__ import annotations

import re

from meetingdocs import languages

_CJK_THEN_DIGIT = re.compile(r"([\u4e00-\u9fff])(\d)")
_DIGIT_THEN_CJK = re.compile(r"(\d)([\u4e00-\u9fff])")


def pack(lang: str) -> languages.Language:
    """The language of ``lang``; ValueError naming the known codes if there is none."""
    if lang not in languages.BY_CODE:
        raise languages.UnknownLanguageError(lang)
    return languages.BY_CODE[lang]


def check_language(lang: str) -> str:
    """Return ``lang`` if a pack is known for it, else raise ValueError naming the codes."""
    pack(lang)
    return lang


def space_digits(text: str) -> str:
    """Put a space between Chinese characters and Latin digits, as UN Chinese text has.

    "2020年9月8日和9日" -> "2020 年 9 月 8 日和 9 日"; full-width punctuation is left alone.
    """
    return _DIGIT_THEN_CJK.sub(r"\1 \2", _CJK_THEN_DIGIT.sub(r"\1 \2", text))


def finish(text: str, lang: str) -> str:
    """Written text as the language prints it: spaces around digits where its pack asks."""
    return space_digits(text) if pack(lang).dates.space_cjk_digits else text
