"""United Nations document symbols: their grammar, and Latin look-alike letters folded.

Pure, no Sphinx. ``SYMBOL_RE`` is what the ``{symbol}`` role accepts; :func:`symbols`
finds the symbols in running text (the catalogue checks compare them between a msgid and
its msgstr); :func:`fold_lookalikes` maps Cyrillic and Greek letters that look Latin to
the Latin letters, so that a symbol typed with a Cyrillic "С" is caught.
"""

from __future__ import annotations

import re

#: ``A/RES/75/1``, ``CTOC/COP/WG.7/2020/2``, ``E/CN.15/2020/1``, ``A/75/L.1/Rev.1``.
SYMBOL_RE = re.compile(r"^[A-Z][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+$")

UNDOCS_URL = "https://undocs.org/{lang}/{symbol}"

_LOOKALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХҮԚԜаеорсухіјѕԁԛԝһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνικυχ",
    "ABESIJKMHOPCTYXYQWaeopcyxijsdqwhlABEZHIKMNOPTYXaopvikux",
)
_SEGMENT = r"(?:(?:Rev|Add|Corr|Amend|Suppl?)\.\d+|[A-Z]{1,12}(?:\.\d+)*|\d+[A-Za-z]?(?:\.\d+)*)"
_SYMBOL_RE = re.compile(
    rf"(?<![A-Za-z0-9/.])[A-Z]{{1,12}}(?:\.\d+)*(?:/{_SEGMENT})+(?![A-Za-z0-9/])"
)


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic and Greek letters that look Latin by the Latin letters."""
    return text.translate(_LOOKALIKES)


def symbols(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, symbol) for the UN document symbols of *text* (look-alikes folded)."""
    folded = fold_lookalikes(text)
    return [
        (m.start(), m.end(), m.group(0))
        for m in _SYMBOL_RE.finditer(folded)
        if any(char.isdigit() for char in m.group(0))
    ]
