"""How a language version in progress is announced, in its own language.

The words are the ``[readiness]`` table of each language pack: the draft banner and the
top line of a draft PDF ("Draft – translation 41 per cent complete"), the landing page's
line for a version not yet published and the notice page published in its place. The
share is written as the language writes a percentage ("41 per cent", "41 %", "41%",
"41 في المائة") and never rounded up: 99.6 % is 99, not a complete 100.
"""

from __future__ import annotations

import math

from meetingdocs.languages.schema import Readiness
from meetingdocs.un.writing import pack


def words(lang: str) -> Readiness:
    """The readiness words of ``lang`` (a language code)."""
    return pack(lang).readiness


def percent(share: float, lang: str) -> str:
    """``share`` (0 to 100) as ``lang`` writes a percentage, rounded down."""
    return words(lang).percent.format(n=math.floor(share))


def draft_line(lang: str, share: float | None) -> str:
    """The banner of a draft in ``lang``; ``share`` ``None``: the version of the source."""
    if share is None:
        return words(lang).draft_original
    return words(lang).draft.format(percent=percent(share, lang))


def in_preparation(lang: str, share: float) -> str:
    """The landing page's line for a version of ``lang`` not yet published."""
    return words(lang).in_preparation.format(percent=percent(share, lang))


def notice_text(lang: str, share: float) -> str:
    """The text of the notice published in place of a version in preparation."""
    return words(lang).notice_text.format(percent=percent(share, lang))
