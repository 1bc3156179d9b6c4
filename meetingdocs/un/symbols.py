"""United Nations document symbols: one grammar, and Latin look-alike letters folded.

Pure, no Sphinx. A symbol is a series symbol (``A``, ``S``, ``E``, ``ICCD``, ``CTOC``)
followed by ``/``-separated components: bodies (``C.3``, ``CN.15``, ``WG.7``, ``ES-10``,
``COP(15)`` with its session in parentheses), document types (``RES``, ``L.3``,
``CRP.1``, ``PV.8000``), years and sessions (``2020``, ``75``), running numbers and
modifiers (``Rev.1``, ``Add.1``, ``Corr.1``, ``Amend.1``, ``Summary``); a Security Council
resolution ends with its year in parentheses (``S/RES/2532 (2020)``). Every symbol has a
digit, which keeps "HIV/AIDS" and "and/or" out; a sentence's closing ``.`` or ``)`` is
never part of one.

:func:`is_symbol` is what the ``{symbol}`` role and the masthead accept (Latin letters
only); :data:`SYMBOL_PATTERN` and :func:`find_symbols` find symbols in running text, also
when typed with Cyrillic or Greek letters that look Latin, which :func:`fold_lookalikes`
maps back to the Latin ones (the checks report them, XLIFF protects them).
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNDOCS_URL = "https://undocs.org/{lang}/{symbol}"

_LOOKALIKE_FROM = "АВЕЅІЈКМНОРСТУХҮԚԜаеорсухіјѕԁԛԝһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνικυχ"
_LOOKALIKE_TO = "ABESIJKMHOPCTYXYQWaeopcyxijsdqwhlABEZHIKMNOPTYXaopvikux"
_LOOKALIKES = str.maketrans(_LOOKALIKE_FROM, _LOOKALIKE_TO)


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic and Greek letters that look Latin by the Latin letters."""
    return text.translate(_LOOKALIKES)


def _letters(latin: str, lookalikes: bool) -> str:
    """A character class of the Latin letters ``latin``, with their look-alikes if asked."""
    others = "".join(
        char for char, folded in zip(_LOOKALIKE_FROM, _LOOKALIKE_TO, strict=True)
        if lookalikes and folded in latin
    )
    return f"[{_ranges(latin)}{others}]"


def _ranges(latin: str) -> str:
    return latin.replace("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "A-Z").replace(
        "abcdefghijklmnopqrstuvwxyz", "a-z")


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()


def _grammar(lookalikes: bool) -> str:
    upper = _letters(_UPPER, lookalikes)
    letter = _letters(_UPPER + _LOWER, lookalikes)
    roman = _letters("IVXLC", lookalikes)
    # WG.7, CN.15, C.3, TD/B/C.I/..., ES-10, COP(15), Rev.1, Add.1-3
    body = (rf"{upper}{letter}*(?:\.(?:[0-9]+|{roman}+(?=/)))*"
            r"(?:-[0-9]+)?(?:\([0-9]+\))?")
    appended = rf"(?:[ \u00a0]?\((?:[0-9]{{4}}|{roman}+)\))?"  # S/RES/2532 (2020)
    # Atomic: a symbol followed by a letter or a slash is no symbol, not a shorter one.
    return rf"(?>{upper}+(?:/(?:{body}|[0-9]+))+{appended})"


_STRICT_RE = re.compile(_grammar(lookalikes=False))
_WORD = _letters(_UPPER + _LOWER, lookalikes=True)[1:-1] + "0-9"

#: A symbol in running text, look-alike letters admitted; a match is a symbol only if
#: :func:`canonical` says so (it has a digit).
SYMBOL_PATTERN = (
    rf"(?<![{_WORD}/.]){_grammar(lookalikes=True)}(?![{_WORD}/]|\.[{_WORD}])"
)
_FIND_RE = re.compile(SYMBOL_PATTERN)


class FoundSymbol(NamedTuple):
    """A symbol in a text: where it is, and its canonical form (Latin letters)."""

    start: int
    end: int
    symbol: str


def is_symbol(text: str) -> bool:
    """Tell whether ``text`` is exactly one document symbol, in Latin letters."""
    return _STRICT_RE.fullmatch(text) is not None and _has_digit(text)


def canonical(written: str) -> str | None:
    """The symbol a :data:`SYMBOL_PATTERN` match stands for, or None if it is no symbol."""
    if not _has_digit(written):
        return None
    return fold_lookalikes(written).replace("\u00a0", " ")


def find_symbols(text: str) -> list[FoundSymbol]:
    """The document symbols of running ``text``, in order."""
    found = []
    for match in _FIND_RE.finditer(text):
        symbol = canonical(match.group())
        if symbol is not None:
            found.append(FoundSymbol(match.start(), match.end(), symbol))
    return found


def undocs_url(symbol: str, lang: str) -> str:
    """The address of the document ``symbol`` in the language ``lang`` (its undocs code)."""
    return UNDOCS_URL.format(lang=lang, symbol=symbol.replace(" ", ""))


def _has_digit(text: str) -> bool:
    return any("0" <= char <= "9" for char in text)
