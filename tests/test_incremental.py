"""Incremental builds: each kind of change rebuilds what it must, and nothing else."""

from __future__ import annotations

import multiprocessing.process
import multiprocessing.util
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdocs.i18n import checks
from meetingdocs.publish import build, publication, sphinx_run, stamps
from meetingdocs.publish.build import build_all
from meetingdocs.publish.layout import Layout

DOC = "CTOC_COP_WG.7_2020_1"
CODES = ["en", "fr", "es"]


def _run(root: Path, formats: tuple[str, ...] = ("html",)) -> dict[str, build.TaskResult]:
    results = build_all(Layout(root), CODES, formats, jobs=1)
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    return {r.code: r for r in results}


def _rebuilt(results: dict[str, build.TaskResult]) -> set[str]:
    return {code for code, result in results.items() if not result.skipped}


def _page(root: Path, code: str) -> str:
    return (root / "_build" / "html" / code / f"{DOC}.html").read_text(encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple]:
    """Record the positional arguments of every call of ``module.name``."""
    calls: list[tuple] = []
    original = getattr(module, name)

    def recorded(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


def test_html_changes(collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rebuilt(_run(collection)) == set(CODES)
    with monkeypatch.context() as patch:
        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError(f"a no-op started a process: {args[1:]}")
        patch.setattr(subprocess.Popen, "__init__", refuse)
        patch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
        patch.setattr(multiprocessing.util, "spawnv_passfds", refuse)  # the Sphinx server
        assert _rebuilt(_run(collection)) == set(), "nothing changed: nothing may run"

    # One catalogue: only that language, and the new words are published.
    # Publication and review pages too: the other languages are not published again.
    published, checked = _calls(monkeypatch, publication, "publish_language"), \
        _calls(monkeypatch, checks, "check_catalog")
    _replace(collection / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po",
             'msgstr "Questions diverses"', 'msgstr "Autres questions"')
    assert _rebuilt(_run(collection)) == {"fr"}
    assert [args[1] for args in published] == ["fr"]
    assert checked == [], "the review page shows the findings the build recorded"
    assert "Autres questions" in _page(collection, "fr")
    review = collection / "_build" / "drafts" / "review" / "fr" / f"{DOC}.html"
    assert "Autres questions" in review.read_text(encoding="utf-8")

    # One source file: that document in every language.
    _replace(collection / "docs" / f"{DOC}.md", ":issued: 2020-06-24", ":issued: 2020-06-25")
    assert _rebuilt(_run(collection)) == set(CODES)
    assert "25\u00a0June 2020" in _page(collection, "en") and "25\u00a0juin 2020" in _page(collection, "fr")

    # The glossary the catalogues are checked against: every translation, not English.
    glossary = collection / "glossary" / "ctoc.tbx"
    glossary.write_bytes(glossary.read_bytes() + b"\n")
    assert _rebuilt(_run(collection)) == {"fr", "es"}

    # The configuration: every language.
    _replace(collection / "conf.py", 'html_title = "United Nations"',
             'html_title = "United Nations documents"')
    assert _rebuilt(_run(collection)) == set(CODES)

    # The templates and code of the pipeline: every language, from scratch.
    extra = collection / "extra.css"
    extra.write_text("/* one */", encoding="utf-8")
    files = stamps.package_files
    monkeypatch.setattr(stamps, "package_files", lambda: [*files(), extra])
    assert _rebuilt(_run(collection)) == set(CODES)
    extra.write_text("/* two */", encoding="utf-8")
    assert _rebuilt(_run(collection)) == set(CODES)
    assert _rebuilt(_run(collection)) == set()


def test_the_sphinx_server_starts_before_the_languages_are_prepared(
    collection: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its imports are most of a run's start: they overlap what this process does before
    its first run (its own imports, the checks of each language), and only when
    something is to be built."""
    events: list[str] = []
    start, prepare = sphinx_run.start_server, build.build_language
    monkeypatch.setattr(sphinx_run, "start_server", lambda: events.append("server") or start())
    monkeypatch.setattr(build, "build_language",
                        lambda *args: events.append("language") or prepare(*args))
    _run(collection)
    assert events == ["server", "language", "language", "language"]
    events.clear()
    _run(collection)
    assert events == [], "nothing to build: no server"


def test_jobs_is_how_many_languages_build_at_once(
    collection: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Besides the languages, the build has one thread of its own (preparing the
    publication): it must not make room for one more language."""
    import threading

    lock, running, most = threading.Lock(), [0], [0]
    run = sphinx_run.run_sphinx

    def counted(*args: object, **kwargs: object) -> object:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return run(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(sphinx_run, "run_sphinx", counted)
    results = build_all(Layout(collection), CODES, ("html",), jobs=1)
    assert all(r.ok for r in results) and most[0] == 1, most


def test_the_server_imports_without_collecting() -> None:
    """Everything the server imports lives as long as it does: collecting while it
    imports (about 200 collections at Python's default threshold) finds nothing to free
    and was an eighth of its start. Then it is frozen, and collection is on again for
    the runs forked from it."""
    script = ("import gc; before = sum(s['collections'] for s in gc.get_stats()); "
              "import meetingdocs.publish.preload; "
              "print(sum(s['collections'] for s in gc.get_stats()) - before, "
              "gc.isenabled(), gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    collections, enabled, frozen = done.stdout.split()
    # The package's own __init__ modules import before the server's first line.
    assert int(collections) < 20 and enabled == "True" and frozen == "True", done.stdout


@pytest.mark.slow
def test_pdf_reruns_latex_only_for_what_changed(collection: Path) -> None:
    _run(collection, ("pdf",))
    pdfs = {code: collection / "_build" / "latex" / code / f"{DOC}_{letter}.pdf"
            for code, letter in (("en", "E"), ("fr", "F"), ("es", "S"))}
    made = {code: pdf.stat().st_mtime_ns for code, pdf in pdfs.items()}
    assert _rebuilt(_run(collection, ("pdf",))) == set()

    _replace(collection / "locale" / "fr" / "LC_MESSAGES" / f"{DOC}.po",
             'msgstr "Questions diverses"', 'msgstr "Autres questions"')
    assert _rebuilt(_run(collection, ("pdf",))) == {"fr"}
    assert pdfs["fr"].stat().st_mtime_ns != made["fr"]
    assert pdfs["en"].stat().st_mtime_ns == made["en"]
    assert pdfs["es"].stat().st_mtime_ns == made["es"]


def test_review_pages_are_made_while_sphinx_reads(tmp_path: Path) -> None:
    """The child tells the build its documents once its catalogues are checked; the
    review pages are written then, before Sphinx has written a page."""
    from browser_support import copy_collection

    from meetingdocs.publish.build import _review_while_building
    from meetingdocs.publish.sphinx_run import run_sphinx

    layout = Layout(copy_collection(tmp_path / "c"))
    drafts = layout.draft_html_dir("fr")
    seen: list[tuple[list[str], bool, list[Path]]] = []

    def reading(docnames: list[str]) -> None:
        _review_while_building(layout, "fr", docnames)
        pages = sorted(layout.review_page("fr", "x").parent.rglob("*.html"))
        seen.append((docnames, (drafts / "index.html").exists(), pages))

    ok, _, warnings = run_sphinx(layout, "fr", "html", drafts, reading)
    assert ok, warnings
    [(docnames, page_written, reviews)] = seen
    assert layout.root_doc in docnames and len(docnames) > 1
    assert not page_written
    assert [p.stem for p in reviews] == sorted(
        po.stem for po in layout.catalogues("fr") if po.stem in docnames)
    assert (drafts / "index.html").is_file()
