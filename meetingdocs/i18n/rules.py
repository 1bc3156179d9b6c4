"""Compare a translation with its English: markup parity, symbols, numbers, injected markup.

Each rule takes the msgid and msgstr of one entry and returns ``(code, message)`` pairs
(:data:`meetingdocs.i18n.findings.Problem`); :mod:`meetingdocs.i18n.checks` turns them into
findings with the catalogue's file and line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from myst_parser.config.main import MdParserConfig

from meetingdocs.i18n.findings import Problem
from meetingdocs.i18n.markup import Markup, scan
from meetingdocs.i18n.mdtokens import settings_identity
from meetingdocs.i18n.shape import MACHINE_ROLES, shape_problems
from meetingdocs.un.symbols import fold_lookalikes

#: Pairs already compared, by parser settings: the same sentence and translation recur
#: across the documents of a collection (and a build checks every catalogue).
_COMPARED: dict[tuple[int, str, str], tuple[Problem, ...]] = {}
#: At most this many pairs are remembered.
REMEMBER_AT_MOST = 50_000


def compare(msgid: str, msgstr: str, config: MdParserConfig | None = None) -> list[Problem]:
    """Return (code, message) for each difference that matters between a pair.

    ``config`` is MyST's parser configuration of the build (see
    :func:`meetingdocs.i18n.mdtokens.parser_config`); by default every extension is on.
    The result depends on nothing else, so a pair is compared once per process.
    """
    key = (settings_identity(config), msgid, msgstr)
    known = _COMPARED.get(key)
    if known is None:
        known = tuple(_compare(msgid, msgstr, config))
        if len(_COMPARED) < REMEMBER_AT_MOST:
            _COMPARED[key] = known
    return list(known)


def _compare(msgid: str, msgstr: str, config: MdParserConfig | None) -> list[Problem]:
    source, target = scan(msgid), scan(msgstr)
    return [
        *shape_problems(msgid, msgstr, config),
        *_parity("substitution", "substitution", source.substitutions, target.substitutions),
        *_emphasis_problems(source.plain, target.plain),
        *_symbol_problems(source, target),
        *_lookalike_problems(source, target),
        *_number_problems(source, msgstr),
        *_text_injections(msgid, msgstr),
    ]


def _parity(code: str, what: str, wanted: Sequence[str], found: Sequence[str]) -> list[Problem]:
    missing, extra = Counter(wanted) - Counter(found), Counter(found) - Counter(wanted)
    problems = [
        (code, f"{what} {item!r} of the English is missing or changed")
        for item in missing.elements()
    ]
    problems += [(code, f"the translation adds {what} {item!r}") for item in extra.elements()]
    return problems


# --- emphasis --------------------------------------------------------------------------

_EMPHASIS_RE = re.compile(r"\*+|_+")


def emphasis_counts(plain: str) -> dict[str, int]:
    """Count emphasis and strong delimiters, per delimiter character."""
    text = re.sub(r"\\[*_]", "", plain)
    counts = {"*": 0, "**": 0, "_": 0, "__": 0}
    for match in _EMPHASIS_RE.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        char = match.group(0)[0]
        if before.isspace() and after.isspace():
            continue
        if char == "_" and before.isalnum() and after.isalnum():
            continue
        counts[char * 2] += len(match.group(0)) // 2
        counts[char] += len(match.group(0)) % 2
    return counts


def _emphasis_problems(source: str, target: str) -> list[Problem]:
    wanted, found = emphasis_counts(source), emphasis_counts(target)
    problems = [
        ("emphasis", f"unbalanced {marker!r}: an emphasis or strong marker is not closed")
        for marker in found
        if found[marker] % 2 and not wanted[marker] % 2
    ]
    if problems:
        return problems
    for kind, markers in (("emphasised", ("*", "_")), ("strong", ("**", "__"))):
        need, have = sum(wanted[m] for m in markers), sum(found[m] for m in markers)
        if need != have:
            counts = f"the English has {need // 2} {kind} passage(s), the translation {have // 2}"
            problems.append(("emphasis", counts))
    return problems


# --- document symbols and look-alike letters -------------------------------------------

_LABEL_RE = re.compile(r"(?:^|(?<=[\s\d]))\(?([^\W\d_])\)", re.MULTILINE)


def _symbol_problems(source: Markup, target: Markup) -> list[Problem]:
    wanted = Counter(symbol for _, symbol in source.symbols)
    found = Counter(symbol for _, symbol in target.symbols)
    missing, extra = list((wanted - found).elements()), list((found - wanted).elements())
    problems = []
    for index, symbol in enumerate(missing):
        if index < len(extra):
            changed = f"document symbol {symbol} was changed to {extra[index]}"
            problems.append(("symbol-changed", f"{changed}; copy it unchanged"))
        else:
            problems.append(("symbol-changed", f"document symbol {symbol} is missing"))
    problems += [
        ("symbol-changed", f"the translation adds document symbol {symbol}")
        for symbol in extra[len(missing) :]
    ]
    return problems


def _lookalike_problems(source: Markup, target: Markup) -> list[Problem]:
    """Report Cyrillic or Greek letters in symbols, machine data and sub-item labels.

    Sub-item labels are checked only when the English has labels: they are written with
    Latin letters in every language but Arabic, Russian included.
    """
    places = [written for written, _ in target.symbols]
    places += [body for name, body in target.roles if name in MACHINE_ROLES]
    problems = [_lookalike(place, _is_lookalike) for place in places]
    if _LABEL_RE.search(source.plain):
        labels = [m.group(0) for m in _LABEL_RE.finditer(target.plain)]
        problems += [_lookalike(label, _is_cyrillic_or_greek) for label in labels]
    return [problem for problem in problems if problem is not None]


def _is_lookalike(char: str) -> bool:
    return fold_lookalikes(char) != char


def _is_cyrillic_or_greek(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK"))


def _lookalike(place: str, suspicious: Callable[[str], bool]) -> Problem | None:
    letters = sorted({char for char in place if suspicious(char)})
    if not letters:
        return None
    shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in letters)
    message = f"{place!r} contains the Cyrillic or Greek letter {shown}; type the Latin letter"
    return ("lookalike", message)


# --- numbers ---------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
def _number_problems(source: Markup, msgstr: str) -> list[Problem]:
    found = scan(msgstr).numbers
    other_digits = scan(msgstr.translate(_DIGITS)).numbers - found
    problems = []
    for number in sorted(source.numbers - found, key=lambda n: (len(n), n)):
        if number in other_digits:
            message = f"the number {number} is written with non-Western digits"
            problems.append(("digits", f"{message}; United Nations documents use 0-9"))
        else:
            message = f"the number {number} of the English is missing from the translation"
            problems.append(("number-missing", message))
    return problems


# --- injected markup -------------------------------------------------------------------

_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)|<!--|<!\[?[A-Za-z]|<\?")
_HTML_ATTR_RE = re.compile(r"\b(on[a-z]{3,}|style|srcdoc|formaction)\s*=", re.IGNORECASE)
_SCRIPT_URL_RE = re.compile(r"(?:java|vb|live)script:|data:text/html")
_LATEX_RE = re.compile(r"\\([A-Za-z@]+)")


def injection_problems(msgid: str, msgstr: str,
                       config: MdParserConfig | None = None) -> list[Problem]:
    """Return problems for markup in *msgstr* that *msgid* does not have (for any entry,
    fuzzy ones included): what MyST parses, and raw HTML, script URLs, LaTeX, bidi
    controls written in the text."""
    return [*shape_problems(msgid, msgstr, config, injections_only=True),
            *_text_injections(msgid, msgstr)]


def _text_injections(msgid: str, msgstr: str) -> list[Problem]:
    source, target = scan(msgid), scan(msgstr)
    return [
        *_added("raw-html", "raw HTML", _html_tags(source.plain), _html_tags(target.plain)),
        *_added(
            "raw-html",
            "the HTML attribute",
            _html_attributes(source.plain),
            _html_attributes(target.plain),
        ),
        *_added("script-url", "a script URL", _script_urls(msgid), _script_urls(msgstr)),
        *_added("raw-latex", "the LaTeX command", _latex(source.plain), _latex(target.plain)),
        *_bidi_problems(msgid, msgstr),
    ]


def _added(code: str, what: str, wanted: Counter[str], found: Counter[str]) -> list[Problem]:
    return [
        (code, f"the translation adds {what} {item!r}, which the English does not have")
        for item in sorted((found - wanted).keys())
    ]


def _html_tags(plain: str) -> Counter[str]:
    return Counter(match.group(0).lower() for match in _HTML_TAG_RE.finditer(plain))


def _html_attributes(plain: str) -> Counter[str]:
    return Counter(match.group(1).lower() + "=" for match in _HTML_ATTR_RE.finditer(plain))


def _script_urls(text: str) -> Counter[str]:
    compact = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(text)).lower()
    return Counter(match.group(0) for match in _SCRIPT_URL_RE.finditer(compact))


def _latex(plain: str) -> Counter[str]:
    return Counter("\\" + match.group(1) for match in _LATEX_RE.finditer(plain))


#: Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The pipeline
#: writes its own isolates into the pages; in a msgstr they can reorder what a reader sees.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _bidi_problems(msgid: str, msgstr: str) -> list[Problem]:
    wanted = Counter(c for c in msgid if c in _BIDI_CONTROLS)
    found = Counter(c for c in msgstr if c in _BIDI_CONTROLS)
    return [("bidi-control", (f"the translation adds the bidi control U+{ord(c):04X} "
             f"({unicodedata.name(c)}), which the English does not have; the page shows "
             "text in the order it is written, with no controls needed"))
            for c in sorted((found - wanted).keys())]
