"""Load a TBX termbase and check that translations use its approved terms.

A glossary is read from a TBX file (TBX-Basic / TBX v2 ``martif`` with
``termEntry``/``langSet``/``tig`` or ``ntig``, and TBX v3 ``conceptEntry``/``langSec``/
``termSec``). :meth:`Glossary.check` finds the English terms of a source segment and
reports those whose approved rendering is missing from the translation.

Matching is done per script, because a plain ``\\bterm\\b`` search fails for the
languages that need it most:

- Chinese has no word breaks: the approved term must occur as a substring (spaces left by
  layout are ignored).
- Arabic attaches the conjunctions و ف, the prepositions ب ك ل and the article ال to the
  word (ل + ال is written لل); diacritics and tatweel are ignored, hamza forms of alef
  are unified (after the article is split off: إلكتروني has no article) and the sound
  plurals ون/ين and ات/ة are treated alike.
- Russian inflects every word: each word of the term matches a word of the translation
  that starts with its stem (the word without its case ending), in order.
- French and Spanish: case-insensitive but accent-sensitive, with elided articles
  (l', d', s') and regular plurals (-s, -x, -aux, -iones) tolerated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
        if key == "en":
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
    key = language_key(lang)
    if key in {"zh", "ja", "ko"}:
        return _compact(term) in _compact(text)
    normalise, word_match = _RULES.get(key, (_normalise_default, _default_word))
    return _sequence_in(_tokens(normalise(term)), _tokens(normalise(text)), word_match)


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
        for variant in entry.get("en", []):
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


def _default_word(term_word: str, text_word: str) -> bool:
    return text_word == term_word or text_word in {term_word + "s", term_word + "es"}


# French and Spanish -------------------------------------------------------------------

_ELIDABLE = frozenset({"le", "la", "de", "que", "se", "ne", "me", "te", "je", "ce", "si"})


def _romance_plurals(word: str) -> set[str]:
    """Return the plural forms of a French or Spanish word that the matcher accepts."""
    plurals = {word + "s", word + "es", word + "x"}
    if word.endswith("al"):
        plurals.add(word[:-2] + "aux")  # fr: international -> internationaux
    if word.endswith("ail"):
        plurals.add(word[:-3] + "aux")  # fr: travail -> travaux
    if word.endswith("ión"):
        plurals.add(word[:-3] + "iones")  # es: sesión -> sesiones
    if word.endswith("z"):
        plurals.add(word[:-1] + "ces")  # es: vez -> veces
    return plurals


def _romance_word(term_word: str, text_word: str) -> bool:
    if text_word == term_word:
        return True
    if text_word in _romance_plurals(term_word) or term_word in _romance_plurals(text_word):
        return True
    return term_word in _ELIDABLE and text_word == term_word[0] + "'"


# Russian -----------------------------------------------------------------------------

_RU_ENDINGS = tuple(
    sorted(
        [
            "иями",
            "ями",
            "ами",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ая",
            "яя",
            "ое",
            "ее",
            "ые",
            "ие",
            "ый",
            "ий",
            "ой",
            "ей",
            "ую",
            "юю",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ов",
            "ев",
            "ых",
            "их",
            "ию",
            "ия",
            "ии",
            "ью",
            "ья",
            "ым",
            "им",
            "а",
            "я",
            "о",
            "е",
            "ы",
            "и",
            "у",
            "ю",
            "ь",
            "й",
        ],
        key=len,
        reverse=True,
    )
)
_RU_MIN_STEM = 3


def _normalise_ru(text: str) -> str:
    return _normalise_default(text).replace("ё", "е")


def russian_stem(word: str) -> str:
    """Return *word* without its case ending, keeping a stem of at least 3 letters."""
    for ending in _RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _RU_MIN_STEM:
            return word[: -len(ending)]
    return word


def _russian_word(term_word: str, text_word: str) -> bool:
    if len(term_word) <= _RU_MIN_STEM:
        return text_word == term_word
    return text_word.startswith(russian_stem(term_word))


# Arabic ------------------------------------------------------------------------------

_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_AR_CONJUNCTIONS = ("", "و", "ف")
_AR_PREPOSITIONS = ("", "ب", "ك", "ل")


def _normalise_ar(text: str) -> str:
    """Drop diacritics and tatweel; hamza forms of alef are unified later, per word."""
    return _AR_MARKS.sub("", unicodedata.normalize("NFC", text))


def _ar_core(word: str) -> tuple[str, bool]:
    """Split a term word into its core and whether it carries the article ال."""
    if word.startswith("ال") and len(word) > 3:
        return word[2:], True
    return word, False


def _ar_key(core: str) -> str:
    """Unify alef forms and the sound plurals (ون/ين, ات/ة) of a word without clitics."""
    core = core.translate(_AR_ALEFS)
    if core.endswith("ون"):
        return core[:-2] + "ين"
    if core.endswith("ات"):
        return core[:-2] + "ة"
    return core


def _ar_readings(text_word: str) -> Iterator[tuple[str, bool]]:
    """Yield (core, definite) for each way of peeling clitics off *text_word*."""
    for conjunction in _AR_CONJUNCTIONS:
        if not text_word.startswith(conjunction):
            continue
        rest = text_word[len(conjunction) :]
        for preposition in _AR_PREPOSITIONS:
            if not rest.startswith(preposition):
                continue
            stem = rest[len(preposition) :]
            yield stem, False
            article = "ل" if preposition == "ل" else "ال"
            if stem.startswith(article):
                yield stem[len(article) :], True


def _arabic_word(term_word: str, text_word: str) -> bool:
    core, definite = _ar_core(term_word)
    wanted = _ar_key(core)
    return any(
        _ar_key(reading) == wanted and (is_definite or not definite)
        for reading, is_definite in _ar_readings(text_word)
    )


_RULES: dict[str, tuple[Callable[[str], str], WordMatcher]] = {
    "ar": (_normalise_ar, _arabic_word),
    "ru": (_normalise_ru, _russian_word),
    "fr": (_normalise_default, _romance_word),
    "es": (_normalise_default, _romance_word),
}
