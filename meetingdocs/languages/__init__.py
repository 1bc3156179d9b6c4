"""The table of the six official languages: every per-language fact lives here, as data.

Everything that differs between language versions of a document (script direction, the
UN language letter of file names and job numbers, the Babel locale, the LaTeX engine and
fonts) is read from this table; no other module branches on a language code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: fontspec without TeX ligatures: a translator's ``"`` ``<<`` ``!`` stay as typed.
FONTSPEC = "\\usepackage{fontspec}\n\\defaultfontfeatures[\\rmfamily,\\sffamily,\\ttfamily]{}"

#: Latin and Cyrillic: Times New Roman is the UN face; Liberation Serif is its metric twin.
TIMES_LIKE = "Liberation Serif"


@dataclass(frozen=True)
class Language:
    """One official language and how its version of a document is made."""

    code: str
    """Sphinx/gettext language code, also the folder name under ``locale/``."""
    english_name: str
    native_name: str
    letter: str
    """UN language letter (A C E F R S): file names and the job number's ``(E)``."""
    direction: str
    """``ltr`` or ``rtl``."""
    babel_locale: str
    html_lang: str
    """BCP 47 tag for ``<html lang>`` (``zh-Hans-CN``, not ``zh_CN``)."""
    undocs: str
    """Language segment of ``https://undocs.org/<lang>/<symbol>`` links."""
    latex_engine: str
    latex_babel: str
    """The ``babel`` element; empty to let the engine's default (polyglossia) apply."""
    latex_polyglossia: str
    latex_fonts: str
    """Font set-up (the ``fontpkg`` element)."""
    latex_extra: str = ""
    """Further preamble code specific to the language (script set-up)."""
    latex_fontenc: str = FONTSPEC
    css_fonts: str = "'Liberation Serif', 'Times New Roman', Times, serif"
    """CSS ``font-family`` list for the HTML version."""


_LATIN_FONTS = (
    f"\\setmainfont{{{TIMES_LIKE}}}\n"
    f"\\setsansfont{{{TIMES_LIKE}}}\n"
    "\\setmonofont{DejaVu Sans Mono}[Scale=0.85]"
)

_CJK_FONTS = (
    _LATIN_FONTS + "\n"
    # The .ttc's face 0 is Japanese: name the Simplified Chinese family explicitly.
    "\\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Sans CJK SC Bold]\n"
    "\\setCJKsansfont{Noto Sans CJK SC}\n"
    "\\setCJKmonofont{Noto Sans Mono CJK SC}"
)

_ARABIC_SETUP = (
    # babel with bidi=basic under LuaTeX keeps Latin runs (document symbols) in order;
    # polyglossia under XeTeX reverses them and clashes with xcolor.
    "\\usepackage[bidi=basic,layout=tabular.lists]{babel}\n"
    "\\babelprovide[import,main]{arabic}\n"
    "\\babelprovide[import]{english}\n"
    "\\babelfont{rm}{Amiri}\n"
    "\\babelfont{sf}{Amiri}\n"
    "\\babelfont{tt}{DejaVu Sans Mono}"
)


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="ar", english_name="Arabic", native_name="العربية", letter="A",
        direction="rtl", babel_locale="ar", html_lang="ar", undocs="ar",
        latex_engine="lualatex", latex_babel="", latex_polyglossia="", latex_fonts="",
        latex_extra=_ARABIC_SETUP,
        css_fonts="Amiri, 'Noto Naskh Arabic', 'Times New Roman', serif",
    ),
    Language(
        code="zh_CN", english_name="Chinese", native_name="中文", letter="C",
        direction="ltr", babel_locale="zh_Hans_CN", html_lang="zh-Hans-CN", undocs="zh",
        latex_engine="xelatex", latex_babel="", latex_polyglossia="",
        latex_fonts=_CJK_FONTS,
        latex_fontenc=FONTSPEC + "\n\\usepackage[fallback]{xeCJK}",
        css_fonts="'Liberation Serif', 'Noto Serif CJK SC', 'Noto Serif SC', SimSun, serif",
    ),
    Language(
        code="en", english_name="English", native_name="English", letter="E",
        direction="ltr", babel_locale="en", html_lang="en", undocs="en",
        latex_engine="xelatex", latex_babel="", latex_polyglossia=(
            "\\usepackage{polyglossia}\n\\setmainlanguage[variant=british]{english}"
        ),
        latex_fonts=_LATIN_FONTS,
    ),
    Language(
        code="fr", english_name="French", native_name="Français", letter="F",
        direction="ltr", babel_locale="fr", html_lang="fr", undocs="fr",
        latex_engine="xelatex", latex_babel="", latex_polyglossia=(
            "\\usepackage{polyglossia}\n\\setmainlanguage{french}"
        ),
        latex_fonts=_LATIN_FONTS,
    ),
    Language(
        code="ru", english_name="Russian", native_name="Русский", letter="R",
        direction="ltr", babel_locale="ru", html_lang="ru", undocs="ru",
        latex_engine="xelatex", latex_babel="", latex_polyglossia=(
            "\\usepackage{polyglossia}\n\\setmainlanguage{russian}\n"
            "\\setotherlanguage{english}"
        ),
        latex_fonts=_LATIN_FONTS + f"\n\\newfontfamily\\cyrillicfont{{{TIMES_LIKE}}}",
    ),
    Language(
        code="es", english_name="Spanish", native_name="Español", letter="S",
        direction="ltr", babel_locale="es", html_lang="es", undocs="es",
        latex_engine="xelatex", latex_babel="", latex_polyglossia=(
            "\\usepackage{polyglossia}\n\\setmainlanguage{spanish}"
        ),
        latex_fonts=_LATIN_FONTS,
    ),
)
"""The six languages in UN order (Arabic, Chinese, English, French, Russian, Spanish)."""

BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
SOURCE_LANGUAGE = "en"


def translated(codes: Iterable[str]) -> list[str]:
    """The codes of ``codes`` that have catalogues: all but the source language."""
    return [code for code in codes if code != SOURCE_LANGUAGE]


class UnknownLanguageError(ValueError):
    """A language code that is not one of the six."""

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


def pdf_name(docname: str, code: str) -> str:
    """UN file name of a document's PDF: ``CTOC_COP_WG.7_2020_1_E.pdf``."""
    return f"{docname}_{get(code).letter}.pdf"
