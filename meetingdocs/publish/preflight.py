"""Before any work: are the programs, fonts and TeX packages a PDF build needs installed?

Everything is derived from the table of languages (engine, ``\\usepackage`` and font
commands), so adding a language cannot leave its needs unchecked. A missing piece is
reported with the Debian package that provides it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from meetingdocs import languages

FONT_RE = re.compile(r"\\(?:set\w*font|babelfont)(?:\{\w+\})?(?:\[[^\]]*\])?\{([^}]+)\}")
PACKAGE_RE = re.compile(r"\\usepackage(?:\[[^\]]*\])?\{([^}]+)\}")

#: Which Debian package provides a program, font family or TeX file.
PROVIDERS: dict[str, str] = {
    "latexmk": "latexmk",
    "xelatex": "texlive-xetex",
    "lualatex": "texlive-luatex",
    "Liberation Serif": "fonts-liberation2",
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Sans Mono CJK SC": "fonts-noto-cjk",
    "Amiri": "fonts-hosny-amiri",
    "DejaVu Sans Mono": "fonts-dejavu-core",
    "xeCJK.sty": "texlive-lang-chinese",
    "polyglossia.sty": "texlive-xetex",
    "fontspec.sty": "texlive-latex-recommended",
    "babel.sty": "texlive-latex-base",
}


@dataclass(frozen=True)
class Missing:
    what: str
    kind: str
    language: str

    def __str__(self) -> str:
        package = PROVIDERS.get(self.what, "texlive-latex-extra")
        return (f"{self.kind} {self.what!r} (needed for {self.language}) is not installed: "
                f"apt-get install {package}")


def needs(lang: languages.Language) -> tuple[list[str], list[str], list[str]]:
    """Programs, font families and TeX files a language's PDF needs."""
    parts = [lang.latex_babel, lang.latex_polyglossia, lang.latex_fontenc, lang.latex_fonts,
             lang.latex_extra]
    latex = "\n".join(parts)
    fonts = list(dict.fromkeys(m.group(1).split(" Bold")[0] for m in FONT_RE.finditer(latex)))
    packages = [f"{name.strip()}.sty" for m in PACKAGE_RE.finditer(latex)
                for name in m.group(1).split(",")]
    return ["latexmk", lang.latex_engine], fonts, packages


def installed_font_families() -> set[str]:
    if not shutil.which("fc-list"):
        return set()
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                         check=False).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",")}


def tex_file_exists(name: str) -> bool:
    if not shutil.which("kpsewhich"):
        return False
    found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def missing_for_pdf(codes: Iterable[str]) -> list[Missing]:
    """Everything the PDF builds of ``codes`` need and this machine lacks."""
    families = installed_font_families()
    missing: list[Missing] = []
    seen: set[str] = set()
    for code in codes:
        lang = languages.get(code)
        programs, fonts, packages = needs(lang)
        for program in programs:
            if program not in seen and not shutil.which(program):
                missing.append(Missing(program, "program", code))
            seen.add(program)
        for font in fonts:
            if font not in seen and font not in families:
                missing.append(Missing(font, "font", code))
            seen.add(font)
        for package in packages:
            if package not in seen and not tex_file_exists(package):
                missing.append(Missing(package, "TeX package", code))
            seen.add(package)
    return missing
