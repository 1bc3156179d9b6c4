"""Load a TBX termbase and check that translations use its approved terms.

A glossary is read from a TBX file (TBX-Basic / TBX v2 ``martif`` with
``termEntry``/``langSet``/``tig`` or ``ntig``, and TBX v3 ``conceptEntry``/``langSec``/
``termSec``). :meth:`Glossary.check` finds the English terms of a source segment and
reports those whose approved rendering is missing from the translation.

Matching follows the rule the language's pack names (``[glossary] match``), because a
plain ``\\bterm\\b`` search fails for the languages that need it most; the lists each rule
uses (clitics, endings, elisions) are pack data:

- ``substring`` (Chinese, no word breaks): the approved term must occur as a substring
  (spaces left by layout are ignored).
- ``arabic-clitics``: the conjunctions, prepositions and the article attach to the word
  (ل + ال is written لل); diacritics and tatweel are ignored, hamza forms of alef are
  unified (after the article is split off: إلكتروني has no article) and the sound
  plurals (ون/ين, ات/ة) are treated alike.
- ``stems`` (Russian inflects every word): each word of the term matches a word of the
  translation that starts with its stem (the word without its case ending), in order.
- ``romance`` (French, Spanish): case-insensitive but accent-sensitive, with elided
  articles (l', d', s') and regular plurals (-s, -x, -aux, -iones) tolerated.
- ``words`` (the default): whole words, with the pack's plural suffixes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs import languages
from meetingdocs.languages.schema import GlossaryRule

__all__ = [
    "Glossary",
    "GlossaryError",
    "language_key",
    "load_tbx",
    "russian_stem",
    "term_in_text",
]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY_TAGS = frozenset({"termEntry", "conceptEntry"})
_LANG_TAGS = frozenset({"langSet", "langSec"})
_TERM_GROUP_TAGS = frozenset({"tig", "ntig", "termSec"})
_UNAPPROVED_STATUSES = frozenset(
    {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm", "supersededterm"}
)

WordMatcher = Callable[[str, str], bool]


class GlossaryError(ValueError):
    """A TBX file that cannot be read as a glossary."""


def language_key(code: str) -> str:
    """Return the base language of a locale code: ``zh_CN``, ``zh-Hans`` -> ``zh``."""
    return code.replace("-", "_").split("_", 1)[0].strip().lower()


@dataclass
class Glossary:
    """Approved terms; each entry maps a base language code to its terms, preferred first."""

    terms: list[dict[str, list[str]]] = field(default_factory=list)

    def check(self, msgid: str, msgstr: str, lang: str) -> list[str]:
        """Return a message for each English term of *msgid* not rendered as approved."""
        key = language_key(lang)
        if key == language_key(languages.SOURCE_LANGUAGE):
            return []
        messages = []
        for index, found in _english_hits(self.terms, msgid):
            approved = self.terms[index].get(key, [])
            if approved and not any(term_in_text(term, msgstr, key) for term in approved):
                messages.append(_missing_message(found, approved))
        return messages


def load_tbx(path: Path) -> Glossary:
    """Read the term entries of the TBX file at *path*."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise GlossaryError(f"{path}: not a well-formed TBX file: {err}") from err
    entries = [_read_entry(element) for element in _descendants(root, _ENTRY_TAGS)]
    return Glossary(terms=[entry for entry in entries if entry])


def term_in_text(term: str, text: str, lang: str) -> bool:
    """Tell whether *term* occurs in *text* under the matching rules of *lang*."""
    rule = _rule(lang)
    if rule.match == "substring":
        return _compact(term) in _compact(text)
    normalise, word_match = _matcher(rule)
    return _sequence_in(_tokens(normalise(term)), _tokens(normalise(text)), word_match)


_BUILT: dict[int, tuple[GlossaryRule, tuple[Callable[[str], str], WordMatcher]]] = {}


def _matcher(rule: GlossaryRule) -> tuple[Callable[[str], str], WordMatcher]:
    """The normaliser and word matcher of a rule, made once per rule."""
    built = _BUILT.get(id(rule))
    if built is None or built[0] is not rule:
        built = _BUILT[id(rule)] = (rule, _MATCHERS[rule.match](rule))
    return built[1]


def _rule(lang: str) -> GlossaryRule:
    """The matching rule of ``lang``'s pack; a language without a pack matches words."""
    known = languages.find(lang)
    return known.glossary if known is not None else GlossaryRule()


# --- reading TBX -----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _descendants(element: ET.Element, names: frozenset[str]) -> Iterator[ET.Element]:
    return (node for node in element.iter() if _local(node.tag) in names)


def _read_entry(entry: ET.Element) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = {}
    for lang_set in _descendants(entry, _LANG_TAGS):
        lang = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
        found = _approved_terms(lang_set)
        if lang and found:
            terms.setdefault(language_key(lang), []).extend(found)
    return terms


def _approved_terms(lang_set: ET.Element) -> list[str]:
    groups = list(_descendants(lang_set, _TERM_GROUP_TAGS)) or [lang_set]
    found = []
    for group in groups:
        if _status(group) in _UNAPPROVED_STATUSES:
            continue
        for term in _descendants(group, frozenset({"term"})):
            text = " ".join("".join(term.itertext()).split())
            if text:
                found.append(text)
    return found


def _status(group: ET.Element) -> str:
    for note in _descendants(group, frozenset({"termNote", "descrip"})):
        if note.get("type") == "administrativeStatus":
            return "".join(note.itertext()).strip().lower()
    return ""


# --- finding English terms -------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _english_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?:e?s)?(?!\w)", re.IGNORECASE)


def _english_hits(entries: Sequence[dict[str, list[str]]], msgid: str) -> list[tuple[int, str]]:
    """Return (entry index, matched text) for the English terms found in *msgid*.

    A term found only inside a longer term of another entry is left out: the longer
    term's translation governs (e.g. "Conference of the Parties" inside the full name
    of the Conference).
    """
    spans = []
    for index, entry in enumerate(entries):
        for variant in entry.get(language_key(languages.SOURCE_LANGUAGE), []):
            for match in _english_pattern(variant).finditer(msgid):
                spans.append((match.start(), match.end(), index, match.group(0)))
    kept: dict[int, str] = {}
    for start, end, index, text in spans:
        if not any(
            other != index and s <= start and end <= e and (e - s) > (end - start)
            for s, e, other, _ in spans
        ):
            kept.setdefault(index, " ".join(text.split()))
    return sorted(kept.items())


def _missing_message(found: str, approved: Sequence[str]) -> str:
    message = f'"{found}" should be rendered with the approved term "{approved[0]}"'
    if len(approved) > 1:
        others = ", ".join(f'"{term}"' for term in approved[1:])
        message += f" (also accepted: {others})"
    return message


# --- matching translated terms ---------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+(?:'(?=\w))?")


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _sequence_in(term: Sequence[str], text: Sequence[str], word_match: WordMatcher) -> bool:
    if not term:
        return False
    last_start = len(text) - len(term)
    return any(
        all(word_match(word, text[start + offset]) for offset, word in enumerate(term))
        for start in range(last_start + 1)
    )


def _normalise_default(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()


def _words(rule: GlossaryRule) -> tuple[Callable[[str], str], WordMatcher]:
    suffixes = rule.plurals

    def word(term_word: str, text_word: str) -> bool:
        return text_word == term_word or any(text_word == term_word + s for s in suffixes)

    return _normalise_default, word


# French and Spanish -------------------------------------------------------------------


def _romance_plurals(word: str, rule: GlossaryRule) -> set[str]:
    """Return the plural forms of a word that the matcher accepts.

    Regular suffixes, then endings that change: fr international -> internationaux,
    travail -> travaux; es sesión -> sesiones, vez -> veces.
    """
    plurals = {word + suffix for suffix in rule.plurals}
    for singular, plural in rule.plural_endings:
        if word.endswith(singular):
            plurals.add(word[: -len(singular)] + plural)
    return plurals


def _romance(rule: GlossaryRule) -> tuple[Callable[[str], str], WordMatcher]:
    elidable = frozenset(rule.elidable)

    def word(term_word: str, text_word: str) -> bool:
        if text_word == term_word:
            return True
        if (text_word in _romance_plurals(term_word, rule)
                or term_word in _romance_plurals(text_word, rule)):
            return True
        return term_word in elidable and text_word == term_word[0] + "'"

    return _normalise_default, word


# Russian -----------------------------------------------------------------------------


@functools.cache
def _longest_first(endings: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(endings, key=len, reverse=True))


def _stem(word: str, rule: GlossaryRule) -> str:
    for ending in _longest_first(rule.endings):
        if word.endswith(ending) and len(word) - len(ending) >= rule.min_stem:
            return word[: -len(ending)]
    return word


def russian_stem(word: str) -> str:
    """Return *word* without its case ending, keeping a stem of at least 3 letters."""
    return _stem(word, languages.get("ru").glossary)


def _stems(rule: GlossaryRule) -> tuple[Callable[[str], str], WordMatcher]:
    table = str.maketrans(rule.replace)

    def normalise(text: str) -> str:
        return _normalise_default(text).translate(table)

    def word(term_word: str, text_word: str) -> bool:
        if len(term_word) <= rule.min_stem:
            return text_word == term_word
        return text_word.startswith(_stem(term_word, rule))

    return normalise, word


# Arabic ------------------------------------------------------------------------------

_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _normalise_ar(text: str) -> str:
    """Drop diacritics and tatweel; hamza forms of alef are unified later, per word."""
    return _AR_MARKS.sub("", unicodedata.normalize("NFC", text))


def _arabic(rule: GlossaryRule) -> tuple[Callable[[str], str], WordMatcher]:
    article = rule.article
    alefs = str.maketrans(dict.fromkeys(rule.alefs, "ا"))
    conjunctions = ("", *rule.conjunctions)
    prepositions = ("", *rule.prepositions)
    # ل + ال is written لل: after the preposition that is the article's last letter.
    joined = article[-1:]

    def core(word: str) -> tuple[str, bool]:
        """Split a term word into its core and whether it carries the article."""
        if article and word.startswith(article) and len(word) > len(article) + 1:
            return word[len(article):], True
        return word, False

    def key(core: str) -> str:
        """Unify alef forms and the sound plurals of a word without clitics."""
        core = core.translate(alefs)
        for plural, other in rule.plural_endings:
            if core.endswith(plural):
                return core[: -len(plural)] + other
        return core

    def readings(text_word: str) -> Iterator[tuple[str, bool]]:
        """Yield (core, definite) for each way of peeling clitics off *text_word*."""
        for conjunction in conjunctions:
            if not text_word.startswith(conjunction):
                continue
            rest = text_word[len(conjunction):]
            for preposition in prepositions:
                if not rest.startswith(preposition):
                    continue
                stem = rest[len(preposition):]
                yield stem, False
                prefix = joined if preposition and preposition == joined else article
                if prefix and stem.startswith(prefix):
                    yield stem[len(prefix):], True

    def word(term_word: str, text_word: str) -> bool:
        term_core, definite = core(term_word)
        wanted = key(term_core)
        return any(
            key(reading) == wanted and (is_definite or not definite)
            for reading, is_definite in readings(text_word)
        )

    return _normalise_ar, word


_Matcher = Callable[[GlossaryRule], tuple[Callable[[str], str], WordMatcher]]

_MATCHERS: dict[str, _Matcher] = {
    "words": _words,
    "romance": _romance,
    "stems": _stems,
    "arabic-clitics": _arabic,
}
