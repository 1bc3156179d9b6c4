"""Run LaTeX for each ``.tex`` that changed since its PDF was made; report missing glyphs.

The LaTeX run is hardened, since a ``.tex`` carries text from translators: no shell
escape (``\\write18``), kpathsea's paranoid file access for reading and writing
(``openin_any=p``, ``openout_any=p``: no absolute paths, no dot files, nothing above the
build folder), and a time limit per document after which the whole process group (latexmk
and the engine it started) is stopped and the document reported.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from meetingdocs import languages
from meetingdocs.publish.layout import Layout

UNKNOWN_LATEX_ERROR = "see the .log file"
#: Seconds one document's LaTeX may take (all its passes) before it is stopped.
TIME_LIMIT = float(os.environ.get("MEETINGDOCS_LATEX_TIME_LIMIT", "600"))
#: kpathsea's paranoid mode for the files TeX opens.
HARDENED_ENV = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
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
            ok, reason = run_once_more(tex, lang.latex_engine, env)
            if not ok:
                errors.append(plain_failure(layout, tex, lang.letter, reason))
                continue
            log = tex.with_suffix(".log")
            log_text = log.read_text(errors="replace") if log.exists() else ""
            missing = missing_characters(log_text)
            if missing:
                errors.extend(f"{tex.name}: {m}" for m in missing)
                pdf.unlink(missing_ok=True)
                continue
            digest_file.write_text(digest)
        pdfs.append(pdf)
    return not errors, errors, pdfs


BUFFER_RE = re.compile(r"Unable to read an entire line---bufsize=(\d+)")


def plain_failure(layout: Layout, tex: Path, letter: str, reason: str) -> str:
    """The message of a failed LaTeX run, naming the source where it can: a line of the
    source longer than LaTeX reads at once is found and named with its line."""
    source = layout.srcdir / f"{tex.stem.removesuffix('_' + letter)}.md"
    limit = BUFFER_RE.search(reason)
    if limit and source.is_file():
        size = int(limit[1])
        lines = source.read_bytes().splitlines() or [b""]
        number, line = max(enumerate(lines, start=1), key=lambda numbered: len(numbered[1]))
        if len(line) >= size // 2:  # LaTeX's line is longer than the source's
            return (f"{source}:{number}: this paragraph is {len(line):,} bytes long; "
                    f"LaTeX reads at most {size:,} bytes of a paragraph at once, so "
                    f"{tex.name} cannot be made: split the paragraph")
    where = f"{source}: " if source.is_file() else ""
    return f"{where}{tex.name}: LaTeX failed: {reason}"


#: What latexmk and LaTeX keep of a document's last run, beside its ``.tex``.
RUN_STATE = (".fdb_latexmk", ".aux", ".out", ".toc", ".xdv", ".fls", ".log", ".pdf")


def run_once_more(tex: Path, engine: str, env: dict[str, str]) -> tuple[bool, str]:
    """:func:`run_engine`, after forgetting the state of a run that did not end well.

    A run killed half-way (or failed) leaves latexmk's record of it, and perhaps a
    truncated ``.aux``: latexmk would then say "nothing to do" and report the old error,
    or LaTeX would read the broken file. A mark beside the ``.tex`` is set while LaTeX
    runs and removed when it succeeds; found at the start, it means the state left is
    not to be trusted, and it is removed (the next run costs two passes, not one).
    """
    mark = tex.with_suffix(".running")
    if mark.exists():
        for suffix in RUN_STATE:
            tex.with_suffix(suffix).unlink(missing_ok=True)
    mark.touch()
    ok, reason = run_engine(tex, engine, env)
    if ok:
        mark.unlink()
    return ok, reason


def run_engine(tex: Path, engine: str, env: dict[str, str],
               time_limit: float = TIME_LIMIT) -> tuple[bool, str]:
    """latexmk with ``engine`` on ``tex`` in its folder, hardened; ``(ok, reason)``."""
    import signal
    import subprocess

    command = ["latexmk", f"-{engine}", "-no-shell-escape", "-interaction=nonstopmode",
               "-halt-on-error", "-file-line-error", tex.name]
    with subprocess.Popen(command, cwd=tex.parent, env={**env, **HARDENED_ENV},
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return False, (f"stopped after {time_limit:g} s (the time limit of one "
                           "document's LaTeX); see the .log file")
    if process.returncode == 0:
        return True, ""
    log = tex.with_suffix(".log")
    reason = _latex_error(log.read_text(errors="replace") if log.exists() else "")
    if reason == UNKNOWN_LATEX_ERROR:
        reason = _latex_error(f"{out}\n{err}")
    return False, reason


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
