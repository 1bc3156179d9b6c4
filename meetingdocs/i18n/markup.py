"""The inline markup of a MyST text, read in one pass into typed, positioned tokens.

:func:`tokens` is the only reader of MyST inline syntax in the catalogue tools. Two views
are made from it: :func:`scan` (the checks: roles, inline code, link targets and
substitutions, each to be kept, and the plain text with that markup blanked, its document
symbols and its numbers) and the XLIFF inline codes (every token, protected as ``<ph>``).
Document symbols follow :mod:`meetingdocs.un.symbols`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from meetingdocs.un.symbols import SYMBOL_PATTERN, canonical

_ROLE = r"\{(?P<role_name>[A-Za-z][\w:.+-]*)\}(?P<rt>`+)(?P<role_body>[\s\S]*?)(?<!`)(?P=rt)(?!`)"
_LINK_TARGET = (
    r"\]\(\s*(?P<target><[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
#: In the order tried at one place; ``link-label`` is ``][label]`` of a reference link.
_PATTERNS = (
    ("escape", r"\\[!-/:-@\[-`{-~]"),
    ("role", _ROLE),
    ("substitution", r"\{\{(?P<subst_body>[^{}]*)\}\}"),
    ("code", r"(?P<ct>`+)(?P<code_body>[\s\S]*?)(?<!`)(?P=ct)(?!`)"),
    ("html", r"<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),
    ("autolink", r"<(?P<uri>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"),
    ("footnote", r"\[\^(?P<note>[^\]\s]+)\]"),
    ("link", r"!?\[(?=[^\[\]]*\][\[(])"),
    ("link-target", _LINK_TARGET),
    ("link-label", r"\]\[(?P<label>[^\[\]]*)\]"),
    ("url", r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]"),
    ("symbol", SYMBOL_PATTERN),
    ("emphasis", r"\*{1,3}|~~|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])"),
)
_GROUP = {kind: kind.replace("-", "_") for kind, _ in _PATTERNS}
_KIND = {group: kind for kind, group in _GROUP.items()}
_TOKEN_RE = re.compile("|".join(f"(?P<{_GROUP[kind]}>{pattern})" for kind, pattern in _PATTERNS))


@dataclass(frozen=True)
class Token:
    """One piece of inline markup or machine data, at ``text[start:end]``."""

    kind: str
    """``escape``, ``role``, ``substitution``, ``code``, ``html``, ``autolink``,
    ``footnote``, ``link`` (``[`` or ``![``), ``link-target`` (``](...)``),
    ``link-label`` (``][label]``), ``url``, ``symbol`` or ``emphasis``."""
    start: int
    end: int
    text: str
    name: str = ""
    """The role's name, for a role."""
    body: str = ""
    """A role's or a code span's content, a substitution, a footnote's or a reference
    link's label, a link target, a symbol in canonical form."""


def tokens(text: str) -> list[Token]:
    """The inline markup of ``text``, in order; what is not a token is text."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    # The same sentence recurs in a collection's documents and is read by the checks,
    # the review pages and the exchange formats: one pass of the pattern each.
    return tuple(token for match in _TOKEN_RE.finditer(text)
                 if (token := _token(match)) is not None)


def _token(match: re.Match[str]) -> Token | None:
    kind = _KIND[match.lastgroup or ""]
    start, end, text = match.start(), match.end(), match.group()
    if kind == "symbol":
        symbol = canonical(text)
        return None if symbol is None else Token(kind, start, end, text, body=symbol)
    if kind == "role":
        return Token(kind, start, end, text, match.group("role_name"), match.group("role_body"))
    group = {"substitution": "subst_body", "code": "code_body", "autolink": "uri",
             "footnote": "note", "link-target": "target", "link-label": "label"}.get(kind)
    return Token(kind, start, end, text, body=match.group(group) if group else "")


# --- the checks' view ------------------------------------------------------------------

#: Tokens taken out of the plain text, with what stands in their place.
_BLANKED = {"role": " ", "code": " ", "substitution": " ", "autolink": " ",
            "link-target": "]", "link-label": "]"}

_NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z][-\u2010\u2011])[0-9]+"
    r"(?:[,\u00a0\u202f\u2009 ][0-9]{3}(?![0-9]))*(?:[.,][0-9]+(?![0-9]))?"
)


@dataclass(frozen=True)
class Markup:
    """The inline markup of one MyST paragraph, and its text with that markup blanked."""

    roles: tuple[tuple[str, str], ...]
    code: tuple[str, ...]
    links: tuple[str, ...]
    substitutions: tuple[str, ...]
    plain: str
    symbols: tuple[tuple[str, str], ...] = ()
    """The document symbols of the text: (as written, canonical)."""
    numbers: frozenset[str] = frozenset()
    """The numbers of the plain text as digit strings (see :func:`numbers`)."""


@functools.lru_cache(maxsize=8192)
def scan(text: str) -> Markup:
    """Split a MyST paragraph into its inline markup and its plain text.

    Cached: every rule of the checks scans the same msgid and msgstr again.
    """
    roles: list[tuple[str, str]] = []
    code: list[str] = []
    links: list[str] = []
    substitutions: list[str] = []
    symbols: list[tuple[str, str]] = []
    plain: list[str] = []
    numeric: list[str] = []  # the plain text with the symbols blanked too
    last = 0
    for token in tokens(text):
        stand_in = _BLANKED.get(token.kind)
        if stand_in is None and token.kind != "symbol":
            continue
        plain.append(text[last : token.start])
        numeric.append(text[last : token.start])
        last = token.end
        if token.kind == "symbol":
            symbols.append((token.text, token.body))
            plain.append(token.text)
            numeric.append(" ")
            continue
        plain.append(stand_in or "")
        numeric.append(stand_in or "")
        if token.kind == "role":
            roles.append((token.name, token.body))
        elif token.kind == "code":
            code.append(_code_content(token.body))
        elif token.kind == "substitution":
            substitutions.append(" ".join(token.body.split()))
        elif token.kind == "link-label":
            links.append("[" + token.body + "]")
        else:
            links.append(token.body.strip("<>"))
    plain.append(text[last:])
    numeric.append(text[last:])
    return Markup(tuple(roles), tuple(code), tuple(links), tuple(substitutions),
                  "".join(plain), tuple(symbols), numbers("".join(numeric)))


def numbers(plain: str) -> frozenset[str]:
    """The numbers of a plain text as digit strings, group and decimal marks left out.

    Digits that belong to a name (COVID-19, H1N1) are not numbers: Chinese writes
    COVID-19 as 新冠肺炎. :func:`scan` blanks document symbols before counting.
    """
    return frozenset(re.sub(r"[^0-9]", "", m.group()) for m in _NUMBER_RE.finditer(plain))


def _code_content(body: str) -> str:
    if len(body) > 2 and body.startswith(" ") and body.endswith(" ") and body.strip():
        return body[1:-1]
    return body
