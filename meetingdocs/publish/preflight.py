"""Before any work: are the programs, fonts and TeX packages a PDF build needs installed?

Everything is derived from the table of languages (engine, ``\\usepackage`` and font
commands), so adding a language cannot leave its needs unchecked. A missing piece is
reported with the Debian package that provides it (``debian.toml``, the table that
``tools/system.py`` installs from).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingdocs import languages

FONT_RE = re.compile(r"\\(?:set\w*font|babelfont)(?:\{\w+\})?(?:\[[^\]]*\])?\{([^}]+)\}")
PACKAGE_RE = re.compile(r"\\usepackage(?:\[[^\]]*\])?\{([^}]+)\}")

#: The Debian packages of the build, shared with ``tools/system.py``.
DEBIAN_TABLE = Path(__file__).with_name("debian.toml")
#: What a package entry of the table may provide.
PROVIDED = ("programs", "fonts", "tex")


def debian_packages() -> dict[str, dict[str, Any]]:
    """Each Debian package: its purpose and the programs, fonts and TeX files it provides."""
    with DEBIAN_TABLE.open("rb") as handle:
        return tomllib.load(handle)


def providers(table: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Which package provides each program, font family and TeX file of the table."""
    return {item: package for package, entry in table.items()
            for kind in PROVIDED for item in entry.get(kind, [])}


#: Which Debian package provides a program, font family or TeX file.
PROVIDERS: dict[str, str] = providers(debian_packages())


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
