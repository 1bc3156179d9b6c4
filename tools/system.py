"""Install the Debian packages the build and the tests need, when they are missing.

Runs with the system's ``python3`` before any virtual environment exists, so it imports
nothing but the standard library. As root it runs ``apt-get`` itself, else through
``sudo``; without either it stops and prints the exact command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

#: What each package is for; the build needs all of them, the tests add the last group.
PACKAGES: dict[str, str] = {
    "latexmk": "runs LaTeX as often as needed",
    "texlive-xetex": "XeLaTeX: Latin, Cyrillic and Chinese PDFs",
    "texlive-luatex": "LuaLaTeX: the Arabic PDF (babel bidi=basic)",
    "texlive-latex-recommended": "LaTeX packages Sphinx uses",
    "texlive-latex-extra": "LaTeX packages Sphinx uses (titlesec, tabulary...)",
    "texlive-fonts-recommended": "standard TeX fonts",
    "texlive-lang-arabic": "Arabic support",
    "texlive-lang-chinese": "xeCJK",
    "texlive-lang-cyrillic": "Russian hyphenation",
    "texlive-lang-french": "French hyphenation and typography",
    "texlive-lang-spanish": "Spanish hyphenation",
    "lmodern": "LuaLaTeX's default font",
    "fonts-liberation2": "Liberation Serif: Times New Roman metrics, Latin and Cyrillic",
    "fonts-noto-cjk": "Noto Serif/Sans CJK SC: Simplified Chinese",
    "fonts-hosny-amiri": "Amiri: Arabic Naskh with Latin",
    "fonts-dejavu-core": "DejaVu Sans Mono: code",
    "gettext": "msgfmt -c: catalogue validation",
    "poppler-utils": "pdffonts, pdftotext, pdfinfo, pdftoppm: PDF checks",
    "chromium": "headless browser tests",
    "default-jre-headless": "the Nu Html Checker (vnu)",
    "git": "reproducible dates (SOURCE_DATE_EPOCH from the last commit)",
}


def missing(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *packages],
        capture_output=True, text=True, check=False,
    ).stdout
    installed = {line.split()[0] for line in out.splitlines() if line.split()[1:2] == ["ii"]}
    return [p for p in packages if p not in installed]


def venv_support() -> list[str]:
    """Debian's own python3 needs python3-venv for ``python3 -m venv``."""
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return ["python3-venv"]
    return []


def main() -> int:
    needed = missing(list(PACKAGES) + venv_support())
    if not needed:
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *needed]
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo"]
    else:
        print("These Debian packages are missing; install them as root, then run make again:\n"
              f"  apt-get update && {' '.join(command)}", file=sys.stderr)
        return 1
    print(f"installing Debian packages: {' '.join(needed)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run([*prefix, *command, "-q"], check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
