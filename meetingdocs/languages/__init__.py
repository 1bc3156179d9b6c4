"""The languages a document is published in: one data file (a language pack) each.

Everything that differs between language versions of a document (script direction, the
UN language letter of file names and job numbers, the Babel locale, the LaTeX engine and
fonts, the forms of dates, times and labels, the glossary's matching rule) is read from
the packs: the six official languages ship as ``<code>.toml`` beside this module, and a
collection adds (or adapts) a language with a pack of the same schema in its own
``languages/`` folder beside ``conf.py`` (:func:`use_collection`). No other module
branches on a language code.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from meetingdocs.languages.schema import FONTSPEC, Language, PackError, build

__all__ = [
    "BY_CODE", "CODES", "FONTSPEC", "LANGUAGES", "NPLURALS", "SOURCE_LANGUAGE", "Language", "PackError",
    "UnknownLanguageError", "find", "get", "load_pack", "load_packs", "pdf_name",
    "translated", "use_collection",
]

PACK_DIR = Path(__file__).parent
#: Where a collection keeps its own packs, relative to its ``conf.py``.
COLLECTION_DIR = "languages"
SOURCE_LANGUAGE = "en"

_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def load_pack(path: Path) -> Language:
    """Read and validate one pack; PackError names the file and the key at fault."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(path, "(file)", f"not valid TOML: {exc}") from None
    lang = build(data, path)
    if lang.code != path.stem:
        raise PackError(path, "code", f"{lang.code!r} differs from the file name {path.name!r}")
    _check(lang, path)
    return _with_defaults(lang, path)


def load_packs(folder: Path) -> tuple[Language, ...]:
    """Every pack of ``folder``, in the order of their UN letters."""
    packs = [load_pack(path) for path in sorted(folder.glob("*.toml"))]
    return tuple(sorted(packs, key=lambda lang: lang.letter))


def _check(lang: Language, path: Path) -> None:
    """The rules a field's type does not say."""
    if len(lang.dates.day_forms) != 3:
        raise PackError(path, "dates.day_forms", "must list 3 forms (day, +month, +year)")
    if lang.dates.months and len(lang.dates.months) != 12:
        raise PackError(path, "dates.months", "must list 12 names, January first")
    if len(lang.labels.annex_headers) != 3:
        raise PackError(path, "labels.annex_headers", "must list 3 column headers")
    for name in ("on_the_hour", "with_minutes"):
        form = getattr(lang.times, name)
        if isinstance(form, dict) and "other" not in form:
            raise PackError(path, f"times.{name}", "a form per plural category needs 'other'")
    for index, period in enumerate(lang.times.periods):
        if not _HH_MM.match(period.start):
            raise PackError(path, f"times.periods[{index}].start", "must be HH:MM")
    for moment in lang.times.named:
        if not _HH_MM.match(moment):
            raise PackError(path, f"times.named.{moment}", "must be HH:MM")
    if lang.plural_forms and not re.match(r"nplurals=\d+;", lang.plural_forms):
        raise PackError(path, "plural_forms", "must start with 'nplurals=N;'")


def _with_defaults(lang: Language, path: Path) -> Language:
    """Fill the fields a pack may leave out with values derived from the others."""
    babel_locale = lang.babel_locale or lang.code
    return dataclasses.replace(
        lang,
        babel_locale=babel_locale,
        html_lang=lang.html_lang or lang.code.replace("_", "-"),
        undocs=lang.undocs or _base(lang.code),
        plural_forms=lang.plural_forms or _babel_plural_forms(babel_locale),
        masthead=dataclasses.replace(
            lang.masthead, block_language=lang.masthead.block_language or lang.code
        ),
        source=str(path),
    )


def _babel_plural_forms(locale: str) -> str:
    # Imported only for a pack without plural_forms: Babel's locale data takes a
    # noticeable share of a command that has nothing to build.
    from babel.messages.plurals import get_plural

    return get_plural(locale).plural_forms


def _base(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


BUILT_IN: tuple[Language, ...] = load_packs(PACK_DIR)
"""The six official languages in UN order (Arabic, Chinese, English, French, Russian,
Spanish)."""

BUILT_IN_CODES: tuple[str, ...] = tuple(lang.code for lang in BUILT_IN)

LANGUAGES: tuple[Language, ...] = BUILT_IN
"""The languages known: the six, then the current collection's own."""
BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)


def use_collection(confdir: Path | str | None) -> tuple[Language, ...]:
    """Know the six and the packs of ``confdir/languages`` (if any); return them all.

    A collection's pack with the code of one of the six replaces it in place; others
    come after the six. Calling it again for another collection forgets the first one's.
    """
    global LANGUAGES, BY_CODE, CODES
    folder = Path(confdir) / COLLECTION_DIR if confdir is not None else None
    extra = load_packs(folder) if folder is not None and folder.is_dir() else ()
    by_code = {lang.code: lang for lang in BUILT_IN}
    by_code.update((lang.code, lang) for lang in extra)
    for lang in extra:
        if lang.masthead.block_language not in by_code:
            raise PackError(lang.source, "masthead.block_language",
                            f"{lang.masthead.block_language!r} has no pack")
    LANGUAGES = tuple(by_code.values())
    BY_CODE = dict(by_code)
    CODES = tuple(by_code)
    return LANGUAGES


def translated(codes: Iterable[str]) -> list[str]:
    """The codes of ``codes`` that have catalogues: all but the source language."""
    return [code for code in codes if code != SOURCE_LANGUAGE]


class UnknownLanguageError(ValueError):
    """A language code that has no pack."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"unknown language {code!r}: the known codes are {' '.join(CODES)}"
        )


def get(code: str | None) -> Language:
    """Return the language for ``code``; ``None`` (Sphinx's default) is the source."""
    if code is None:
        code = SOURCE_LANGUAGE
    try:
        return BY_CODE[code]
    except KeyError:
        raise UnknownLanguageError(code) from None


def find(code: str) -> Language | None:
    """The language of a code or of its base language (``zh``, ``zh-Hans`` -> zh_CN)."""
    if code in BY_CODE:
        return BY_CODE[code]
    base = _base(code)
    return next((lang for lang in LANGUAGES if _base(lang.code) == base), None)


class _PluralCounts(Mapping[str, int]):
    """``nplurals`` by base language code, read live from the packs known."""

    def __getitem__(self, key: str) -> int:
        lang = find(key)
        if lang is None:
            raise KeyError(key)
        return lang.nplurals

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(_base(code) for code in CODES))

    def __len__(self) -> int:
        return len(list(iter(self)))


NPLURALS: Mapping[str, int] = _PluralCounts()
"""Expected ``nplurals`` of the ``Plural-Forms`` header, by base language."""


def pdf_name(docname: str, code: str) -> str:
    """UN file name of a document's PDF: ``CTOC_COP_WG.7_2020_1_E.pdf``."""
    return f"{docname}_{get(code).letter}.pdf"
