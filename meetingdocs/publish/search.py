"""The search index of each language version: Pagefind, run over that language's pages.

Each language has its own index, ``html/<code>/pagefind/``, made from that language's
published pages only, so a result can never come from another language. Pagefind reads
the language from ``<html lang>`` (Arabic is stemmed, Chinese is segmented into words by
the extended build) and only what the theme marks: the document in ``data-pagefind-body``,
the symbol as ``data-pagefind-meta``, the navigation bar left out.

The pages to index are always an explicit list: by default every document of the
collection whose page was built and is not marked ``noindex``; a caller that publishes
drafts or notice pages passes its own list.

Pagefind's own program is run on the pages (staged with each section's id on its
heading), not its Python service: the service sleeps a tenth of a second before reading
each answer of the program, so every request (start, each page, write) costs 0.1 s at
least, 0.35 s for an index of two pages and 5 s for fifty pages sent one by one, where
the program takes 0.05 s and 0.4 s (``tests/test_search.py`` keeps the measure).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from meetingdocs.publish.layout import Layout
from meetingdocs.sphinx_ext.config import document_names

#: The folder of a language's index, beside its pages (``html/<code>/pagefind/``).
INDEX_FOLDER = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
#: Beside the index: the key of the pages it was made from (:func:`index_key`).
KEY_FILE = "meetingdocs-index-key"

#: A page that asks search engines to leave it out is left out of the search too.
NOINDEX_RE = re.compile(r'<meta\s+name="robots"\s+content="[^"]*\bnoindex\b', re.IGNORECASE)


#: Sphinx puts a section's id on ``<section>``; Pagefind takes a result's place in the page
#: from the id of the heading before the match.
SECTION_HEADING_RE = re.compile(r'(<section id="([^"]+)">\s*<h[1-6])(?=[\s>])')


def with_heading_ids(html: str) -> str:
    """The page as Pagefind should read it: each section's id also on its heading."""
    return SECTION_HEADING_RE.sub(r'\1 id="\2"', html)


class SearchIndexError(RuntimeError):
    """Pagefind could not be run or refused the pages; the message says why."""


def is_published(page: Path) -> bool:
    """A built page that may be listed and searched (it exists and is not ``noindex``)."""
    return page.is_file() and not NOINDEX_RE.search(page.read_text(encoding="utf-8"))


def published_pages(layout: Layout, code: str) -> list[str]:
    """The published pages of one language version: its documents, by page name."""
    folder = layout.html_dir(code)
    return [name for name in document_names(layout.srcdir)
            if is_published(folder / f"{name}.html")]


def index_language(
    layout: Layout, code: str, pages: Sequence[str] | None = None,
) -> tuple[list[Path], list[str]]:
    """Write ``html/<code>/pagefind/`` from ``pages`` (page names) of language ``code``.

    Returns the index's entry file (an output of the build) and the errors, if any. The
    previous index is replaced whole.
    """
    folder = layout.html_dir(code)
    names = list(published_pages(layout, code) if pages is None else pages)
    try:
        write_index(folder, [folder / f"{name}.html" for name in names],
                    staging=layout.doctree_dir(code) / "search-pages")
    except SearchIndexError as exc:
        return [], [str(exc)]
    return [folder / INDEX_FOLDER / ENTRY_FILE], []


def write_index(folder: Path, files: Sequence[Path], *, staging: Path) -> int:
    """Index ``files`` (HTML pages inside ``folder``) into ``folder/pagefind``; returns
    how many pages were given to index. Nothing is done when the pages are those the
    index was made from. The pages are staged in ``staging``, outside the site: a build
    killed while Pagefind runs leaves nothing there that would be published."""
    target = folder / INDEX_FOLDER
    key = index_key(folder, files)
    if (target / ENTRY_FILE).is_file() and _recorded_key(target) == key:
        return len(files)
    if target.exists():
        shutil.rmtree(target)
    try:
        if files:
            _index(folder, files, target, staging)
        else:  # the program refuses to write an index of no page; the service does not
            with ThreadPoolExecutor(max_workers=1) as pool:  # outside any running loop
                pool.submit(asyncio.run, _empty_index(target)).result()
    except Exception as exc:  # Pagefind fails in many ways: report it, do not crash
        raise SearchIndexError(f"Pagefind failed on {folder}: {exc}") from exc
    if not (target / ENTRY_FILE).is_file():
        raise SearchIndexError(f"Pagefind wrote no index in {target}")
    (target / KEY_FILE).write_text(key, encoding="utf-8")
    return len(files)


def _index(folder: Path, files: Sequence[Path], target: Path, staging: Path) -> None:
    """Pagefind's own program over the pages, as Pagefind should read them (each
    section's id on its heading), staged in a folder of their own."""
    from pagefind.service import get_executable

    program = get_executable()
    if program is None:
        raise OSError("the Pagefind program is not installed (pagefind[extended])")
    shutil.rmtree(staging, ignore_errors=True)  # what a killed run left
    try:
        for path in files:
            staged = staging / path.relative_to(folder)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(with_heading_ids(path.read_text(encoding="utf-8")),
                              encoding="utf-8")
        done = subprocess.run([str(program), "--site", str(staging), "--output-path",
                               str(target), "--quiet"], capture_output=True, text=True,
                              timeout=600, check=False)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if done.returncode != 0:
        raise subprocess.SubprocessError((done.stderr or done.stdout).strip()[-2000:])


#: The theme's navigation bar: outside what Pagefind indexes, and holding the links to
#: the other language versions, which change whenever another version is published.
NAVIGATION_RE = re.compile(r'<nav class="un-bar".*?</nav>', re.DOTALL)


async def _empty_index(target: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    async with PagefindIndex(config=IndexConfig(output_path=str(target))):
        pass


def index_key(folder: Path, files: Sequence[Path]) -> str:
    """What the index is made from: each page as Pagefind reads it, less the navigation."""
    digest = hashlib.sha256()
    for path in files:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""  # Pagefind says
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(NAVIGATION_RE.sub("", text).encode() + b"\0")
    return digest.hexdigest()


def _recorded_key(target: Path) -> str:
    try:
        return (target / KEY_FILE).read_text(encoding="utf-8")
    except OSError:
        return ""


