"""Build every language version: concurrently, incrementally, with readable output.

One task per language runs Sphinx in a worker process (no new interpreter per build) and
then LaTeX for the documents whose ``.tex`` changed. A task whose inputs (sources, that
language's catalogues, ``conf.py``, this package) hash the same as at its last success is
not run at all. Failures are collected and reported with the language named; the other
languages still build.

Modules needed only to build are imported where they are used: a run that finds nothing
to do starts in a few tens of milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs import languages

PACKAGE_DIR = Path(__file__).parent
FORMATS = ("html", "pdf")
UNKNOWN_LATEX_ERROR = "see the .log file"
MISSING_CHAR_RE = re.compile(r"Missing character: There is no (.+?) \((U\+[0-9A-F]+)\) in font (.+?)!")


@dataclass(frozen=True)
class Layout:
    """Where a collection's inputs are and where each output goes."""

    root: Path

    @property
    def confdir(self) -> Path:
        return self.root

    @property
    def srcdir(self) -> Path:
        return self.root / "docs"

    @property
    def locale_dir(self) -> Path:
        return self.root / "locale"

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    def html_dir(self, code: str) -> Path:
        return self.build_dir / "html" / code

    def latex_dir(self, code: str) -> Path:
        return self.build_dir / "latex" / code

    def doctree_dir(self, code: str) -> Path:
        return self.build_dir / "doctrees" / code

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    @property
    def site_pdf_dir(self) -> Path:
        return self.build_dir / "html" / "pdf"

    def stamp(self, code: str, fmt: str) -> Path:
        return self.build_dir / "stamps" / f"{code}.{fmt}.json"


class MissingTools(RuntimeError):
    """The machine lacks what a build needs; the message says what to install."""


@dataclass
class TaskResult:
    code: str
    fmt: str
    ok: bool = True
    skipped: bool = False
    seconds: float = 0.0
    summary: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def package_files() -> list[Path]:
    """This package's code, templates and styles: a change re-reads every document."""
    return sorted(
        p for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and p.suffix in {".py", ".sty", ".html", ".css", ".toml"}
    )


def input_files(layout: Layout, code: str) -> list[Path]:
    """Everything a language version depends on."""
    files = [p for p in [layout.confdir / "conf.py"] if p.exists()]
    files += sorted(p for p in layout.srcdir.rglob("*") if p.is_file())
    files += sorted((layout.locale_dir / code).rglob("*.po")) if code != "en" else []
    return files + package_files()


def package_digest() -> str:
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _digest_marker(doctree_dir: Path) -> Path:
    return doctree_dir / "meetingdocs.digest"


def needs_fresh_environment(doctree_dir: Path) -> bool:
    """Sphinx re-reads a document when its source or catalogue changes, not when the
    extension that transforms it does: a new package digest starts from scratch. HTML
    and LaTeX share the environment, so the marker is per language, written on success."""
    marker = _digest_marker(doctree_dir)
    return not marker.exists() or marker.read_text() != package_digest()


def record_environment(doctree_dir: Path) -> None:
    doctree_dir.mkdir(parents=True, exist_ok=True)
    _digest_marker(doctree_dir).write_text(package_digest())


def fingerprint(layout: Layout, code: str, fmt: str) -> str:
    digest = hashlib.sha256(f"{code}:{fmt}".encode())
    for path in input_files(layout, code):
        for base in (layout.root, PACKAGE_DIR, path.parent):
            if path.is_relative_to(base):
                digest.update(str(path.relative_to(base)).encode())
                break
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(layout: Layout, code: str, fmt: str, print_: str) -> bool:
    stamp = layout.stamp(code, fmt)
    if not stamp.exists():
        return False
    recorded = json.loads(stamp.read_text())
    return recorded.get("inputs") == print_ and all(
        (layout.root / out).exists() for out in recorded.get("outputs", [])
    )


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


# -- one language -----------------------------------------------------------------------

def run_sphinx(layout: Layout, code: str, builder: str, outdir: Path) -> tuple[bool, str, list[str]]:
    """Run Sphinx in this process; returns success, a summary and the warnings."""
    import gettext
    import importlib
    import io

    from sphinx import locale
    from sphinx.application import Sphinx, _first_party_extensions, builtin_extensions
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # Sphinx keeps gettext translators per process, and Python's gettext caches each
    # .mo file by path: one language's catalogues would serve as fallback for the next
    # language built in the same worker, and an edited catalogue would not be seen.
    locale.translators.clear()
    gettext._translations.clear()  # type: ignore[attr-defined]
    # Some Sphinx labels are translated when their module is first imported: import them
    # all while no language is active, or the first language built would keep them.
    for name in (*builtin_extensions, *_first_party_extensions):
        importlib.import_module(name)
    # The gettext builder's environment cannot be shared with HTML and LaTeX.
    doctrees = layout.doctree_dir("gettext" if builder == "gettext" else code)
    fresh = needs_fresh_environment(doctrees)
    status, warning = io.StringIO(), io.StringIO()
    try:
        with patch_docutils(layout.confdir), docutils_namespace():
            app = Sphinx(
                srcdir=layout.srcdir, confdir=layout.confdir, outdir=outdir,
                doctreedir=doctrees, buildername=builder,
                confoverrides={"language": code}, status=status, warning=warning,
                freshenv=fresh, warningiserror=False, keep_going=True,
            )
            app.build()
            ok = app.statuscode == 0
        if ok:
            record_environment(doctrees)
    except SphinxError as exc:
        return False, f"{exc.category}: {exc}", _lines(warning.getvalue())
    except Exception as exc:  # noqa: BLE001 - a crash in one language must not stop the others
        return False, f"{type(exc).__name__}: {exc}", _lines(warning.getvalue())
    return ok, _read_summary(status.getvalue()), _lines(warning.getvalue())


def _read_summary(status: str) -> str:
    """"3 documents read" from Sphinx's "[n] added, [m] changed, [k] removed" line."""
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    if not counts:
        return "built"
    read = int(counts.group(1)) + int(counts.group(2))
    return f"{read} document{'s' if read != 1 else ''} read" if read else "nothing to read"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


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


def build_language(layout: Layout, code: str, formats: Sequence[str]) -> list[TaskResult]:
    """Build one language in the requested formats (HTML before PDF, sharing doctrees)."""
    results = []
    for fmt in formats:
        started = time.monotonic()
        result = TaskResult(code, fmt)
        inputs = fingerprint(layout, code, fmt)
        if is_current(layout, code, fmt, inputs):
            result.skipped, result.summary = True, "nothing changed"
            results.append(result)
            continue
        if fmt == "html":
            ok, summary, warnings = run_sphinx(layout, code, "html", layout.html_dir(code))
            outputs = [layout.html_dir(code) / "index.html"]
            result.ok, result.summary, result.warnings = ok, summary, warnings
        else:
            ok, summary, warnings = run_sphinx(layout, code, "latex", layout.latex_dir(code))
            result.ok, result.summary, result.warnings = ok, summary, warnings
            outputs = []
            if ok:
                latex_ok, errors, pdfs = run_latex(layout, code)
                result.ok = latex_ok
                result.errors.extend(errors)
                outputs = publish_pdfs(layout, pdfs)
                result.summary = f"{len(pdfs)} PDF"
        if not result.ok and not result.errors:
            result.errors.append(result.summary)
        if result.ok:
            stamp = layout.stamp(code, fmt)
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(json.dumps({
                "inputs": inputs,
                "outputs": [str(p.relative_to(layout.root)) for p in outputs],
            }))
        result.seconds = time.monotonic() - started
        results.append(result)
    return results


def publish_pdfs(layout: Layout, pdfs: Iterable[Path]) -> list[Path]:
    """Copy the PDFs to ``_build/pdf`` and into the site (``_build/html/pdf``)."""
    import shutil

    published = []
    for folder in (layout.pdf_dir, layout.site_pdf_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            target = folder / pdf.name
            shutil.copyfile(pdf, target)
            published.append(target)
    return published


# -- all languages ----------------------------------------------------------------------

def default_jobs(tasks: int) -> int:
    """As many workers as cores, never more than there are languages to build."""
    return max(1, min(os.cpu_count() or 1, tasks))


def build_all(
    layout: Layout,
    codes: Sequence[str],
    formats: Sequence[str],
    *,
    jobs: int | None = None,
    report: Callable[[TaskResult], None] = lambda result: None,
) -> list[TaskResult]:
    """Build ``codes`` in ``formats`` with ``jobs`` worker processes, then the site pages.

    Raises :class:`MissingTools` before any work when a PDF build lacks a program, font or
    TeX package.
    """
    for code in codes:
        languages.get(code)
    results: list[TaskResult] = []
    stale = []
    for code in codes:
        if all(is_current(layout, code, fmt, fingerprint(layout, code, fmt)) for fmt in formats):
            for fmt in formats:
                result = TaskResult(code, fmt, skipped=True, summary="nothing changed")
                report(result)
                results.append(result)
        else:
            stale.append(code)
    if "pdf" in formats and stale:
        from meetingdocs.preflight import missing_for_pdf

        missing = missing_for_pdf(stale)
        if missing:
            raise MissingTools("\n".join(str(m) for m in missing))
    results += _build_languages(layout, stale, formats, jobs, report)
    site_index = layout.build_dir / "html" / "index.html"
    built_html = any(r.fmt == "html" and not r.skipped for r in results)
    if "html" in formats and (built_html or not site_index.exists()):
        from meetingdocs.site import write_site_pages

        write_site_pages(layout.root, list(languages.CODES))
    return results


def _build_languages(
    layout: Layout, codes: Sequence[str], formats: Sequence[str], jobs: int | None,
    report: Callable[[TaskResult], None],
) -> list[TaskResult]:
    results: list[TaskResult] = []
    workers = min(jobs or default_jobs(len(codes)), max(len(codes), 1))
    if workers == 1:
        for code in codes:
            for result in build_language(layout, code, formats):
                report(result)
                results.append(result)
        return results
    # Imported here: a build with nothing to do should not pay for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(build_language, layout, code, formats) for code in codes]
        for future in as_completed(futures):
            for result in future.result():
                report(result)
                results.append(result)
    return results
