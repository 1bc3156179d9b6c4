"""Build every language version: concurrently, incrementally, with readable output.

One task per language runs Sphinx into that language's drafts (each run in a fresh process forked from one that has
Sphinx imported: :mod:`meetingdocs.publish.sphinx_run`) and then LaTeX for the documents
whose ``.tex`` changed. A task whose inputs (sources, that language's catalogues,
``conf.py``, this package) hash the same as at its last success is not run at all. Failures are collected and reported with the language named; the other
languages still build. The site is then published from the drafts: only the versions
that are ready (:mod:`meetingdocs.publish.publication`).

Modules needed only to build are imported where they are used: a run that finds nothing
to do starts in a few tens of milliseconds.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import fingerprint, is_current
from meetingdocs.storage import write_whole

FORMATS = ("html", "pdf")


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


# -- one language -----------------------------------------------------------------------

def build_language(layout: Layout, code: str, formats: Sequence[str],
                   ahead: threading.Event | None = None) -> list[TaskResult]:
    """Build one language in the requested formats (HTML before PDF, sharing doctrees).

    With ``ahead``, its catalogues are checked here while the Sphinx server starts
    (:mod:`meetingdocs.publish.ahead`), and ``ahead`` is set when that is done: for the
    first language a build starts.
    """
    from meetingdocs.publish.ahead import check_ahead
    from meetingdocs.publish.latex import run_latex
    from meetingdocs.publish.publication import publish_pdfs
    from meetingdocs.publish.sphinx_run import run_sphinx

    results = []
    for fmt in formats:
        started = time.monotonic()
        result = TaskResult(code, fmt)
        inputs = fingerprint(layout, code, fmt)
        if is_current(layout, code, fmt, inputs):
            result.skipped, result.summary = True, "nothing changed"
            results.append(result)
            continue
        parses = None
        if ahead is not None and not ahead.is_set():
            try:
                parses = check_ahead(layout, code)
            finally:
                ahead.set()
        if fmt == "html":
            drafts = layout.draft_html_dir(code)
            ok, summary, warnings = run_sphinx(layout, code, "html", drafts,
                                               partial(_review_while_building, layout, code),
                                               parses)
            outputs = [drafts / "index.html"]
            result.ok, result.summary, result.warnings = ok, summary, warnings
        else:
            ok, summary, warnings = run_sphinx(layout, code, "latex", layout.latex_dir(code),
                                               parses=parses)
            result.ok, result.summary, result.warnings = ok, summary, warnings
            outputs = []
            if ok:
                latex_ok, errors, pdfs = run_latex(layout, code)
                result.ok = latex_ok
                result.errors.extend(errors)
                outputs = publish_pdfs(layout, code, pdfs)
                result.summary = f"{len(pdfs)} PDF"
        if not result.ok and not result.errors:
            result.errors.append(result.summary)
        if result.ok:
            write_whole(layout.stamp(code, fmt), json.dumps({  # written last
                "inputs": inputs,
                "outputs": [str(p.relative_to(layout.root)) for p in outputs],
            }))
        result.seconds = time.monotonic() - started
        results.append(result)
    if ahead is not None:
        ahead.set()  # nothing was built
    return results


# -- all languages ----------------------------------------------------------------------

def default_jobs(tasks: int) -> int:
    """As many languages at once as cores, never more than there are languages to build."""
    return max(1, min(os.cpu_count() or 1, tasks))


def _review_while_building(layout: Layout, code: str, docnames: list[str]) -> None:
    """The review pages of ``code``, made while Sphinx (another process) reads and writes
    its pages: they depend only on the catalogues it has checked. The publication makes
    them again where this could not, and reports what went wrong."""
    if code == languages.SOURCE_LANGUAGE:
        return
    from meetingdocs.publish.review import write_language_review_pages

    try:
        write_language_review_pages(layout, code, docnames)
    except Exception:  # noqa: BLE001, S110 - made again, and its error reported, after the build
        pass


def build_all(
    layout: Layout,
    codes: Sequence[str],
    formats: Sequence[str],
    *,
    jobs: int | None = None,
    report: Callable[[TaskResult], None] = lambda result: None,
    publish: bool = True,
) -> list[TaskResult]:
    """Build ``codes`` in ``formats`` with ``jobs`` worker processes, then the site pages.

    Without ``publish`` (a shard's build, published when the shards are assembled) only
    the drafts and their review pages are made: the site a shard would publish knows
    only its own languages, and assembling publishes it again over all of them.

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
        from meetingdocs.publish.preflight import missing_for_pdf

        missing = missing_for_pdf(stale)
        if missing:
            raise MissingTools("\n".join(str(m) for m in missing))
    if stale:
        from meetingdocs.publish.sphinx_run import start_server

        start_server()  # its imports overlap this process's own imports and checks
    results += _build_languages(layout, stale, formats, jobs, report, publish)
    built_html = any(r.fmt == "html" and not r.skipped for r in results)
    if not publish:
        if built_html:
            from meetingdocs.publish.layout import read_manifests
            from meetingdocs.publish.review import write_review_pages

            built = {r.code for r in results if r.fmt == "html" and r.ok and not r.skipped}
            manifests = read_manifests(layout, sorted(built))
            write_review_pages(layout, manifests)
    elif "html" in formats and (built_html or not publication_current(layout)):
        _, failed = publish_site(layout, jobs)
        for result in failed:
            report(result)
            results.append(result)
    elif any(r.fmt == "pdf" and not r.skipped for r in results) and layout.site_dir.is_dir():
        from meetingdocs.publish.site import write_site_pages

        write_site_pages(layout, list(languages.CODES))  # the landing links the new PDFs
    return results


def publication_current(layout: Layout) -> bool:
    """Whether the site was published, to the end, from the drafts as they are (its
    record is written last: a publication killed half-way is done again)."""
    from meetingdocs.publish.layout import read_manifests
    from meetingdocs.publish.publication import publication_key
    from meetingdocs.publish.stamps import read_publication

    manifests = read_manifests(layout, list(languages.CODES))
    return bool(manifests) and read_publication(layout) == {
        code: publication_key(layout, code, manifests) for code in manifests}


def publish_site(
    layout: Layout, jobs: int | None = None, *, force: bool = False,
) -> tuple[list[Path], list[TaskResult]]:
    """From the drafts of every language built so far: the published pages (and their
    search index where they changed), the landing, status and review pages, the sitemap.

    A language is published again only when what its pages are made from changed
    (:func:`~meetingdocs.publish.publication.publication_key`: its build, or which
    versions of the other languages are published) or its site folder is missing;
    ``force`` publishes every language. Returns the pages written and a failed result
    per language whose search index could not be written."""
    from concurrent.futures import ThreadPoolExecutor

    from meetingdocs.publish.layout import read_manifests
    from meetingdocs.publish.publication import publication_key, publish_language
    from meetingdocs.publish.review import write_review_pages
    from meetingdocs.publish.search import index_language
    from meetingdocs.publish.site import write_site_pages
    from meetingdocs.publish.sitemap import write_sitemap
    from meetingdocs.publish.stamps import read_publication, record_publication

    codes = list(languages.CODES)
    manifests = read_manifests(layout, codes)
    keys = {code: publication_key(layout, code, manifests) for code in manifests}
    before = {} if force else read_publication(layout)
    due = [code for code in manifests
           if before.get(code) != keys[code] or not layout.html_dir(code).is_dir()]

    def publish(code: str) -> tuple[list[Path], TaskResult | None]:
        written = publish_language(layout, code, manifests)
        _, errors = index_language(layout, code)  # made again only if the pages changed
        return written, TaskResult(code, "html", ok=False, summary="search index",
                                   errors=errors) if errors else None

    workers = (jobs or default_jobs(max(len(due), 1))) + 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # The review pages are made while Pagefind (a program) indexes the pages.
        reviews = pool.submit(write_review_pages, layout, {code: manifests[code]
                                                           for code in due})
        done = list(pool.map(publish, due))
        written = [path for pages, _ in done for path in pages] + reviews.result()
    written += write_site_pages(layout, codes)
    written.append(write_sitemap(layout))
    failed = [failure for _, failure in done if failure is not None]
    failed_codes = {result.code for result in failed}
    record_publication(layout, {code: key for code, key in keys.items()
                                if code not in failed_codes})
    return written, failed


def _prepare_publication(after: threading.Event) -> None:
    """Import what publishing needs and compile the site's templates while the Sphinx
    runs (other processes) are waited on, not after them: the publication comes last
    and its start was a tenth of a clean build of one document. It waits for the first
    language's catalogues to be checked (``after``), which the first run waits for."""
    import importlib

    after.wait()
    try:
        for name in ("publish.publication", "publish.review", "publish.search",
                     "publish.site", "publish.sitemap", "i18n.checks", "i18n.glossary",
                     "sphinx_ext.guard"):
            importlib.import_module(f"meetingdocs.{name}")
        from meetingdocs.publish.site import prepare

        prepare()
    except Exception:  # noqa: BLE001, S110 - the publication imports and compiles them itself
        pass


def _build_languages(
    layout: Layout, codes: Sequence[str], formats: Sequence[str], jobs: int | None,
    report: Callable[[TaskResult], None], publish: bool = True,
) -> list[TaskResult]:
    results: list[TaskResult] = []
    if not codes:
        return results
    workers = min(jobs or default_jobs(len(codes)), max(len(codes), 1))
    # Each Sphinx run is its own process (run_sphinx); the languages wait on them, and on
    # LaTeX, side by side in threads of this process.
    from concurrent.futures import ThreadPoolExecutor, as_completed

    # The first language's catalogues are checked here while the server starts; the
    # others' would compete with the runs for the cores, and are checked in them.
    checked = threading.Event()
    # Its own thread, not the pool's: ``workers`` languages build at once, no more.
    preparing = threading.Thread(target=_prepare_publication, args=(checked,),
                                 name="prepare-publication", daemon=True)
    if "html" in formats and publish:
        preparing.start()
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(build_language, layout, code, formats,
                                   checked if index == 0 else None)
                       for index, code in enumerate(codes)]
            for future in as_completed(futures):
                for result in future.result():
                    report(result)
                    results.append(result)
    finally:
        checked.set()  # in case no language got as far as its catalogues
    if preparing.is_alive():
        preparing.join()
    return results
