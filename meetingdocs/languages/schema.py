"""The schema of a language pack (``<code>.toml``) and its validation.

A pack is a TOML file; each table below is a frozen dataclass whose fields are the keys
the table may hold. A field without a default is required; the others default to
English-like values (or, for month names and plural forms, to CLDR through Babel), so a
collection's pack for a further language can be short. :func:`build` checks every key
and value and raises :class:`PackError` naming the file and the dotted key.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: fontspec without TeX ligatures: a translator's ``"`` ``<<`` ``!`` stay as typed.
FONTSPEC = "\\usepackage{fontspec}\n\\defaultfontfeatures[\\rmfamily,\\sffamily,\\ttfamily]{}"

#: Latin and Cyrillic: Times New Roman is the UN face; Liberation Serif is its metric twin.
LATIN_FONTS = (
    "\\setmainfont{Liberation Serif}\n"
    "\\setsansfont{Liberation Serif}\n"
    "\\setmonofont{DejaVu Sans Mono}[Scale=0.85]"
)

DIRECTIONS = ("ltr", "rtl")


class PackError(ValueError):
    """A language pack that does not follow the schema."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")
        self.path = path
        self.key = key


#: A form that may depend on a number: one string, or one per CLDR plural category
#: (``one``, ``few``, ``other``...; ``other`` is required).
PluralText = str | dict[str, str]


@dataclass(frozen=True)
class Latex:
    """LaTeX set-up of the PDF version (Sphinx ``latex_engine`` and ``latex_elements``)."""

    engine: str = "xelatex"
    babel: str = ""
    """The ``babel`` element; empty to let the engine's default (polyglossia) apply."""
    polyglossia: str = ""
    fontenc: str = FONTSPEC
    fonts: str = LATIN_FONTS
    """Font set-up (the ``fontpkg`` element)."""
    extra: str = ""
    """Further preamble code specific to the language (script set-up)."""


@dataclass(frozen=True)
class Dates:
    """How a date is written."""

    day_forms: tuple[str, ...] = ("{d}", "{d} {m}", "{d} {m} {y}")
    """The day with 0, 1 or 2 of its larger parts: ``d`` day, ``m`` month name, ``n``
    month number, ``y`` year."""
    weekday_form: str = "{w}, {s}"
    """A date with its weekday in a sentence: ``w`` weekday, ``s`` the date."""
    heading_form: str = "{w}, {s}"
    """The day row of the annex (no year; capitalised)."""
    first_day: str = ""
    """How the first of a month is written when not "1" (French ``1er``)."""
    months: tuple[str, ...] = ()
    """Month names after a day, January first; empty: CLDR's wide format names."""
    space_cjk_digits: bool = False
    """Put a space between CJK characters and Latin digits in every date, time, label."""
    weekdays_on: tuple[str, ...] = ()
    """The form ``on`` of ``{day}``: "on Monday" ... "on Sunday", Monday first, with the
    preposition and case the weekday takes ("в понедельник", "во вторник", "в среду");
    empty: the language has no such form."""
    on_form: str = "{on}, {s}"
    """A date of the form ``on``: ``on`` the phrase above, ``s`` the date."""


@dataclass(frozen=True)
class Lists:
    """How several meeting days are joined."""

    year_first: bool = False
    """The year leads (Chinese): shared parts are written once, on the first date."""
    comma: str = ", "
    last: str = " and "
    """Joins the last two elements of a list."""
    range_days: str = "–"
    """Joins a range whose first date is a bare day (15–19 October)."""
    range_dates: str = "–"
    """Joins a range whose first date has its month (28 June–8 July)."""
    from_to: str = ""
    """The form ``from-to`` of ``{dates}``, a range in running text: "from {start} to
    {end}" ("du 10 au 12 mai 2021"); empty: the language has no such form."""


@dataclass(frozen=True)
class Period:
    """A part of the day named on a 12-hour clock ("a.m.", "上午"), from ``start``."""

    start: str
    word: str


@dataclass(frozen=True)
class Times:
    """How a time of day and a meeting's hours are written.

    Placeholders: ``{h}`` hour on the clock, ``{m}`` minutes, ``{mm}`` minutes in two
    digits; in ``time``: ``{clock}`` and ``{period}``; in ranges: ``{start}``, ``{end}``
    (whole times), ``{start_clock}``, ``{end_clock}``, ``{start_period}``,
    ``{end_period}``.
    """

    clock: int = 12
    """12 or 24."""
    on_the_hour: PluralText = "{h}"
    with_minutes: PluralText = "{h}.{mm}"
    time: str = "{clock} {period}"
    periods: tuple[Period, ...] = (Period("00:00", "a.m."), Period("12:00", "p.m."))
    named: dict[str, str] = field(default_factory=dict)
    """Times written as words, by ``HH:MM``: "12 noon"."""
    range: str = "{start}–{end}"
    shared_period_range: str = ""
    """A range whose ends share their period and neither is named: "3–6 p.m." (the
    repeated period dropped); empty: ``range``."""


@dataclass(frozen=True)
class Labels:
    """Agenda labels and punctuation."""

    subitem: str = "({})"
    letters: tuple[str, ...] = ()
    """Sub-item letters in order; empty: Latin a-z, doubled after z (aa, bb)."""
    item_number: str = "{}."
    code_separator: str = " "
    """Between an item number and its sub-item label: "1 (b)"."""
    item_word: str = "item"
    colon: str = ":"
    semicolon: str = ";"
    period: str = "."
    subitems_lowercase: bool = False
    """Sub-items of the provisional agenda list start with a small letter ("a) открытие
    сессии;"); headings and the annex keep the capital."""
    annex_headers: tuple[str, ...] = ("Date and time", "Agenda item", "Title or description")
    continued: str = " (continued)"
    home: str = "All languages"
    languages: str = "Languages"
    item_forms: dict[str, str] = field(default_factory=dict)
    """Grammatical forms of ``{item}`` by name: the word that replaces ``item_word``
    ("genitive" -> "пункта"); the forms a translator may ask for."""


@dataclass(frozen=True)
class Masthead:
    """The masthead words."""

    block_language: str = ""
    """Language in which the block (distribution, date, original) is written; empty: this
    language. Its pack gives ``distribution`` and ``original``."""
    distribution: str = "Distr.: General"
    original: str = "Original: {}"
    """The source language's name goes in ``{}``."""
    united_nations: str = "United Nations"
    language_line: str = ""
    """The line naming this version's language in the block: where the block is in another
    language its ``english_name`` when empty; where the block is in this language, none
    when empty."""


@dataclass(frozen=True)
class GlossaryRule:
    """How an approved term is found in a translation (see :mod:`meetingdocs.i18n.glossary`).

    ``match``: ``words`` (whole words, regular ``plurals``), ``substring`` (no word
    breaks), ``romance`` (plus ``plural_endings`` and ``elidable`` words), ``stems``
    (``endings`` stripped, ``min_stem`` letters kept, ``replace`` applied first),
    ``arabic-clitics`` (``conjunctions``, ``prepositions``, ``article``, ``alefs`` unified,
    ``plural_endings`` unified).
    """

    match: str = "words"
    plurals: tuple[str, ...] = ("s", "es")
    plural_endings: tuple[tuple[str, str], ...] = ()
    elidable: tuple[str, ...] = ()
    endings: tuple[str, ...] = ()
    min_stem: int = 3
    replace: dict[str, str] = field(default_factory=dict)
    conjunctions: tuple[str, ...] = ()
    prepositions: tuple[str, ...] = ()
    article: str = ""
    alefs: str = ""


@dataclass(frozen=True)
class Search:
    """The words of the site search: ``{count}`` and ``{query}`` are filled in by the page."""

    search: str = "Search"
    """The search page's title and the search box's button."""
    field: str = "Search the documents"
    """The accessible name of the search field."""
    results: str = "Results: {count}"
    none: str = "No document matches “{query}”."
    searching: str = "Searching…"
    unavailable: str = "The search could not be loaded."


@dataclass(frozen=True)
class Readiness:
    """How a version in progress is announced: drafts, notices, the landing page.

    ``{percent}`` is the share of the version's text translated, written by ``percent``
    (``{n}``: a whole number, never rounded up to 100)."""

    percent: str = "{n} per cent"
    draft_word: str = "Draft"
    """The word across every page of a draft PDF."""
    draft: str = "Draft – translation {percent} complete"
    """The banner of a draft page and the top line of a draft PDF page."""
    draft_original: str = "Draft – original text"
    """The same, for the version in the language of the source."""
    in_preparation: str = "In preparation: {percent} translated"
    """The landing page's line for a version not yet published."""
    notice_title: str = "This version is being prepared"
    notice_text: str = ("This language version of the document is being prepared: "
                        "{percent} of its text has been translated so far.")
    original: str = "Read the original (English)"


MATCHERS = ("words", "substring", "romance", "stems", "arabic-clitics")


@dataclass(frozen=True)
class Language:
    """Every fact of one language and how its version of a document is made."""

    code: str
    letter: str
    native_name: str
    english_name: str
    direction: str
    babel_locale: str = ""
    """Empty: the code."""
    html_lang: str = ""
    """BCP 47 tag for ``<html lang>``; empty: the code with ``-`` for ``_``."""
    undocs: str = ""
    """Language segment of ``undocs.org`` links; empty: the code's base language."""
    plural_forms: str = ""
    """GNU gettext ``Plural-Forms``; empty: CLDR's, through Babel."""
    css_fonts: str = "'Liberation Serif', 'Times New Roman', Times, serif"
    latex: Latex = field(default_factory=Latex)
    dates: Dates = field(default_factory=Dates)
    lists: Lists = field(default_factory=Lists)
    times: Times = field(default_factory=Times)
    labels: Labels = field(default_factory=Labels)
    masthead: Masthead = field(default_factory=Masthead)
    glossary: GlossaryRule = field(default_factory=GlossaryRule)
    search: Search = field(default_factory=Search)
    readiness: Readiness = field(default_factory=Readiness)
    source: str = field(default="", compare=False, metadata={"pack": False})
    """The pack file this language was read from."""

    # The flat names other modules read.
    @property
    def latex_engine(self) -> str:
        return self.latex.engine

    @property
    def latex_babel(self) -> str:
        return self.latex.babel

    @property
    def latex_polyglossia(self) -> str:
        return self.latex.polyglossia

    @property
    def latex_fontenc(self) -> str:
        return self.latex.fontenc

    @property
    def latex_fonts(self) -> str:
        return self.latex.fonts

    @property
    def latex_extra(self) -> str:
        return self.latex.extra

    @property
    def nplurals(self) -> int:
        """The number of plural forms its ``Plural-Forms`` declares."""
        return int(self.plural_forms.split("nplurals=", 1)[1].split(";", 1)[0])


# -- validation -------------------------------------------------------------------------

_CHOICES: dict[str, tuple[Any, ...]] = {
    "direction": DIRECTIONS, "times.clock": (12, 24), "glossary.match": MATCHERS,
}


def build(data: dict[str, Any], path: Path | str) -> Language:
    """The pack that ``data`` (a parsed TOML document) describes; PackError if invalid."""
    return _build(Language, data, path, "")


@functools.cache
def _fields_of(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """A pack class's type hints and its fields a pack may set (read once per class)."""
    return typing.get_type_hints(cls), {
        f.name: f for f in dataclasses.fields(cls) if f.metadata.get("pack", True)}


def _build(cls: type, data: Any, path: Path | str, prefix: str) -> Any:
    if not isinstance(data, dict):
        raise PackError(path, prefix.rstrip(".") or "(top)", "must be a table")
    hints, fields = _fields_of(cls)
    for key in data:
        if key not in fields:
            known = ", ".join(fields)
            raise PackError(path, prefix + key, f"unknown key (known keys: {known})")
    values: dict[str, Any] = {}
    for name, spec in fields.items():
        key = prefix + name
        if name not in data:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise PackError(path, key, "required key is missing")
            continue
        value = _convert(hints[name], data[name], path, key)
        if key in _CHOICES and value not in _CHOICES[key]:
            choices = " ".join(str(c) for c in _CHOICES[key])
            raise PackError(path, key, f"{value!r} is not one of: {choices}")
        values[name] = value
    return cls(**values)


def _convert(hint: Any, value: Any, path: Path | str, key: str) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, path, key + ".")
    if origin in (types.UnionType, typing.Union):
        for option in typing.get_args(hint):
            try:
                return _convert(option, value, path, key)
            except PackError:
                continue
        raise PackError(path, key, f"must be {_describe(hint)}, not {_describe_value(value)}")
    if origin is tuple:
        item = typing.get_args(hint)
        if not isinstance(value, list):
            raise PackError(path, key, f"must be {_describe(hint)}, not {_describe_value(value)}")
        if item[-1] is Ellipsis:
            return tuple(_convert(item[0], v, path, f"{key}[{i}]") for i, v in enumerate(value))
        if len(value) != len(item):
            raise PackError(path, key, f"must be a list of {len(item)} items")
        return tuple(_convert(h, v, path, f"{key}[{i}]") for i, (h, v) in enumerate(zip(item, value)))
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise PackError(path, key, f"must be {_describe(hint)}, not {_describe_value(value)}")
        return dict(value)
    # bool is an int in Python: keep them apart.
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise PackError(path, key, f"must be {_describe(hint)}, not {_describe_value(value)}")
    return value


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_describe(option) for option in typing.get_args(hint))
    if origin is tuple:
        return "a list"
    if origin is dict:
        return "a table of strings"
    if dataclasses.is_dataclass(hint):
        return "a table"
    return {str: "a string", int: "an integer", bool: "true or false"}.get(hint, str(hint))


def _describe_value(value: Any) -> str:
    return {str: "a string", int: "an integer", bool: "a boolean", float: "a number",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)
