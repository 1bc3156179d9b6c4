"""Shared set-up of the reader's and publisher's checks: one real build, a server, a browser.

The test modules import the fixtures they use from here (``from browser_support import
built_site``); pytest then finds them as if they were defined in the module. The whole
collection (sources, catalogues, glossary) is copied to a temporary folder and built once
per session, HTML and PDF in all six languages, together with the landing and status
pages. Pictures meant for people (screenshots of pages, PDF pages as PNG) go to the
repository's ``_build/screenshots`` so that they can be looked at after ``make test``.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from meetingdocs import languages
from meetingdocs.publish.build import TaskResult, build_all
from meetingdocs.publish.layout import Layout
from meetingdocs.sphinx_ext.config import document_names

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "_build" / "screenshots"
COLLECTION_PARTS = ("conf.py", "docs", "locale", "glossary")
CODES: tuple[str, ...] = languages.CODES
#: The meeting documents of the collection (their pages are ``<code>/<name>.html``).
DOCUMENTS: tuple[str, ...] = tuple(document_names(REPO / "docs"))
#: Every page of a language version: the documents and the language's home page.
PAGES: tuple[str, ...] = (*DOCUMENTS, "index")
#: A fixed date for the session build, so that its PDFs can be compared byte for byte.
SOURCE_DATE_EPOCH = "1600000000"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)

#: Letters of each script, as Unicode ranges.
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
               (0xFE70, 0xFEFF)),
    "Han": ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF)),
    "Cyrillic": ((0x0400, 0x052F),),
    "Latin": ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF)),
}
#: The script each language is written in.
SCRIPT_OF = {"ar": "Arabic", "zh_CN": "Han", "ru": "Cyrillic", "en": "Latin", "fr": "Latin",
             "es": "Latin"}


# -- building ---------------------------------------------------------------------------

def copy_collection(target: Path) -> Path:
    """A private copy of the repository's collection (sources, catalogues, glossary)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in COLLECTION_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("*.mo"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def build_in_this_process(root: Path, work: Path, language: str) -> int:
    """Build the collection at ``root`` as HTML in ``language`` in this process (so a test
    can watch what the extension does); returns Sphinx's status code."""
    import io

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with patch_docutils(root), docutils_namespace():
        app = Sphinx(root / "docs", root, work / "out", work / "doctrees", "html",
                     confoverrides={"language": language}, status=io.StringIO(),
                     warning=io.StringIO(), freshenv=True)
        app.build()
    return app.statuscode


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a block (build workers inherit them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_site(
    root: Path, codes: Sequence[str] = CODES, formats: Sequence[str] = ("html", "pdf"),
) -> list[TaskResult]:
    """Build ``root`` as ``meetingdocs build`` does (the languages, then the site pages)."""
    with environment(SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH):
        return build_all(Layout(root), list(codes), formats)


def failures(results: Sequence[TaskResult]) -> list[str]:
    return [f"{r.code} {r.fmt}: {'; '.join(r.errors) or r.summary}" for r in results if not r.ok]


#: The session's build, shared by every module that imports ``built_site``: pytest keeps
#: one instance of a session fixture per module that defines it (an import defines it).
_SESSION_BUILD: dict[str, tuple[Path, list[str]]] = {}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real collection built once per session: HTML and PDF in all six languages."""
    if "site" not in _SESSION_BUILD:
        root = copy_collection(tmp_path_factory.mktemp("site"))
        _SESSION_BUILD["site"] = (root, failures(build_site(root)))
    root, failed = _SESSION_BUILD["site"]
    assert not failed, "the build of the collection failed:\n" + "\n".join(failed)
    return root


def html_dir(root: Path) -> Path:
    return Layout(root).build_dir / "html"


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


# -- serving and browsing ---------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site; keeps the test output free of one line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on a free port of 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(html_dir(built_site)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


#: The session's browser, shared as the build is: Playwright's sync API runs one instance
#: per thread, so every module that imports ``browser`` must get the same one.
_SESSION_BROWSER: list[Browser] = []


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium of the system (never a downloaded one), driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if _SESSION_BROWSER:
        yield _SESSION_BROWSER[0]
        return
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True,
        )
        _SESSION_BROWSER.append(chromium)
        try:
            yield chromium
        finally:
            _SESSION_BROWSER.clear()
            chromium.close()


# -- text -------------------------------------------------------------------------------

def in_script(char: str, script: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in SCRIPT_RANGES[script])


def script_share(text: str, script: str) -> float:
    """The share of the letters of ``text`` that belong to ``script`` (0 without letters)."""
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    if not letters:
        return 0.0
    return sum(1 for c in letters if in_script(c, script)) / len(letters)


def squeeze(text: str) -> str:
    """``text`` with every run of white space made one space (as a browser shows it)."""
    return " ".join(text.split())
