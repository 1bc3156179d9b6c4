"""Run LaTeX for each ``.tex`` that changed since its PDF was made; report missing glyphs."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from meetingdocs import languages
from meetingdocs.publish.layout import Layout

UNKNOWN_LATEX_ERROR = "see the .log file"
MISSING_CHAR_RE = re.compile(r"Missing character: There is no (.+?) \((U\+[0-9A-F]+)\) in font (.+?)!")


def source_date_epoch(root: Path) -> str:
    """A fixed timestamp for reproducible PDFs: the environment's, else the last commit's."""
    import subprocess

    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
            check=True, timeout=10,
        ).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    return "1600000000"


def run_latex(layout: Layout, code: str) -> tuple[bool, list[str], list[Path]]:
    """LaTeX for each ``.tex`` whose content changed since its PDF was made."""
    import subprocess

    lang = languages.get(code)
    latex_dir = layout.latex_dir(code)
    errors: list[str] = []
    pdfs: list[Path] = []
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(layout.root),
           "FORCE_SOURCE_DATE": "1", "max_print_line": "10000"}
    for tex in sorted(latex_dir.glob("*.tex")):
        pdf = tex.with_suffix(".pdf")
        digest_file = tex.with_suffix(".texhash")
        digest = hashlib.sha256(tex.read_bytes() + _latex_support_digest(latex_dir)).hexdigest()
        if not (pdf.exists() and digest_file.exists() and digest_file.read_text() == digest):
            done = subprocess.run(
                ["latexmk", f"-{lang.latex_engine}", "-interaction=nonstopmode",
                 "-halt-on-error", "-file-line-error", tex.name],
                cwd=latex_dir, capture_output=True, text=True, env=env, timeout=600, check=False,
            )
            log = tex.with_suffix(".log")
            log_text = log.read_text(errors="replace") if log.exists() else ""
            if done.returncode != 0:
                reason = _latex_error(log_text)
                if reason == UNKNOWN_LATEX_ERROR:
                    reason = _latex_error(f"{done.stdout}\n{done.stderr}")
                errors.append(f"{tex.name}: LaTeX failed: {reason}")
                continue
            missing = missing_characters(log_text)
            if missing:
                errors.extend(f"{tex.name}: {m}" for m in missing)
                pdf.unlink(missing_ok=True)
                continue
            digest_file.write_text(digest)
        pdfs.append(pdf)
    return not errors, errors, pdfs


def _latex_support_digest(latex_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(latex_dir.glob("*.sty")))


def missing_characters(log_text: str) -> list[str]:
    """Every ``Missing character`` of a LaTeX log, as an error naming character and font."""
    found = dict.fromkeys(
        f"missing glyph {m.group(1)} ({m.group(2)}) in font {m.group(3)}"
        for m in MISSING_CHAR_RE.finditer(log_text)
    )
    return list(found)


def _latex_error(text: str) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("!") or re.match(r"^\S+\.tex:\d+:", line):
            return " ".join(lines[index:index + 3]).strip()
    return UNKNOWN_LATEX_ERROR
