"""The site search: one Pagefind index per language, its search page, and the search box.

In a real browser over HTTP (the session's build of the collection): a word of each
language version finds the document in that language only; Chinese is searched by
words and a part of a word still finds it; Arabic finds the word with and without its
article; the document symbol is found whole and in part in every language;
``search.html?q=...`` shows its results on load; the box on every page leads there.
Screenshots of the Arabic and Chinese results go to ``_build/screenshots/``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from browser_support import (  # noqa: F401 - fixtures are found by name
    CODES,
    DOCUMENTS,
    browser,
    build_site,
    built_site,
    html_dir,
    screenshot_path,
    site_url,
)

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.search import (
    ENTRY_FILE,
    INDEX_FOLDER,
    index_language,
    published_pages,
    with_heading_ids,
)
from meetingdocs.publish.site import read_manifests
from meetingdocs.un.search_words import search_words

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

DOCUMENT = DOCUMENTS[0]
SYMBOL = "CTOC/COP/WG.7/2020/1"
#: A word of each language version of the document (the smuggled migrants).
WORDS = {"ar": "المهاجرين", "zh_CN": "移民", "en": "migrants", "fr": "trafic",
         "ru": "мигрантов", "es": "migrantes"}
#: Inside the word 联合国 (United Nations), never a word of its own nor its start.
CHINESE_INNER = "合国"

READY = """() => {
  const status = document.querySelector('.un-search-status');
  return status.dataset.done === 'yes';
}"""


# -- units --------------------------------------------------------------------------------

def test_sections_give_their_id_to_their_heading() -> None:
    page = '<section id="item-1a">\n<h4><span>1 (a)</span></h4>\n</section>'
    assert '<h4 id="item-1a">' in with_heading_ids(page)


def test_search_words_exist_for_every_language() -> None:
    for code in CODES:
        words = search_words(code)
        assert "{count}" in words.results and "{query}" in words.none


def write_page(folder: Path, name: str, text: str, *, noindex: bool = False) -> None:
    robots = '<meta name="robots" content="noindex">' if noindex else ""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head>{robots}<title>{name}</title></head>'
        f"<body><main data-pagefind-body><h1>{name}</h1><p>{text}</p></main></body></html>",
        encoding="utf-8",
    )


def test_only_the_pages_listed_are_indexed(tmp_path: Path) -> None:
    """Published pages by default; a notice page (``noindex``) and any page not listed
    stay out; a fresh run replaces the old index whole."""
    layout = Layout(tmp_path)
    layout.srcdir.mkdir()
    for name in ("A_1", "A_2", "A_3"):
        (layout.srcdir / f"{name}.md").write_text("# x\n")
    folder = layout.html_dir("en")
    write_page(folder, "A_1", "published")
    write_page(folder, "A_2", "notice", noindex=True)
    assert published_pages(layout, "en") == ["A_1"]
    outputs, errors = index_language(layout, "en")
    assert errors == [] and outputs == [folder / INDEX_FOLDER / ENTRY_FILE]
    assert outputs[0].is_file()
    outputs, errors = index_language(layout, "en", pages=[])
    assert errors == [] and not (folder / INDEX_FOLDER / "fragment").exists()


def test_a_missing_page_is_an_error_not_a_crash(tmp_path: Path) -> None:
    layout = Layout(tmp_path)
    layout.html_dir("en").mkdir(parents=True)
    outputs, errors = index_language(layout, "en", pages=["nowhere"])
    assert outputs == [] and len(errors) == 1 and "Pagefind failed" in errors[0]


# -- the build ----------------------------------------------------------------------------

def test_each_language_has_its_own_index(built_site: Path) -> None:  # noqa: F811
    for code in CODES:
        folder = html_dir(built_site) / code
        assert (folder / INDEX_FOLDER / ENTRY_FILE).is_file(), code
        assert (folder / "search.html").is_file(), code


def test_a_build_with_nothing_to_do_does_not_index(built_site: Path) -> None:  # noqa: F811
    entries = [html_dir(built_site) / code / INDEX_FOLDER / ENTRY_FILE for code in CODES]
    before = [os.stat(entry).st_mtime_ns for entry in entries]
    results = build_site(built_site, formats=("html",))
    assert all(r.skipped for r in results)
    assert [os.stat(entry).st_mtime_ns for entry in entries] == before


# -- in the browser -----------------------------------------------------------------------

def search(browser: Browser, base: str, code: str, query: str) -> tuple[Page, dict[str, Any]]:  # noqa: F811
    """Open ``<code>/search.html?q=query``; the status line and the results once shown."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/{code}/search.html?q={quote(query)}", wait_until="load")
    page.wait_for_function(READY, timeout=15000)
    found = page.evaluate("""() => ({
      status: document.querySelector('.un-search-status').textContent,
      results: [...document.querySelectorAll('.un-result')].map(r => ({
        symbol: r.querySelector('.un-result-symbol')?.textContent,
        title: r.querySelector('.un-result-title a').textContent,
        href: r.querySelector('.un-result-title a').href,
        place: r.querySelector('.un-result-place a')?.href,
        marks: [...r.querySelectorAll('mark')].map(m => m.textContent),
      })),
    })""")
    assert problems == [], problems
    return page, found


def found_document(found: dict[str, Any], base: str, code: str) -> dict[str, Any]:
    assert len(found["results"]) == 1, found
    result = found["results"][0]
    assert result["href"] == f"{base}/{code}/{DOCUMENT}.html", result
    assert result["symbol"] == SYMBOL
    return result


@pytest.mark.parametrize("code", CODES)
def test_a_word_of_the_language_finds_the_document(
    browser: Browser, site_url: str, built_site: Path, code: str,  # noqa: F811
) -> None:
    page, found = search(browser, site_url, code, WORDS[code])
    try:
        result = found_document(found, site_url, code)
        assert result["marks"], "no match shown in the passage"
        assert result["place"].startswith(f"{site_url}/{code}/{DOCUMENT}.html#"), result
        assert found["status"] == search_words(code).results.format(count=1)
        manifest = read_manifests(Layout(built_site), [code])[code]
        title = next(p["title"] for p in manifest["documents"] if p["docname"] == DOCUMENT)
        assert result["title"] == title
        assert page.evaluate("document.documentElement.lang") == languages.get(code).html_lang
    finally:
        page.context.close()


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("query", [SYMBOL, "WG.7", "COP/WG.7", "2020/1"])
def test_the_symbol_finds_the_document(
    browser: Browser, site_url: str, code: str, query: str,  # noqa: F811
) -> None:
    page, found = search(browser, site_url, code, query)
    page.context.close()
    found_document(found, site_url, code)


@pytest.mark.parametrize("code", [c for c in CODES if c != "ru"])
def test_no_result_from_another_language(
    browser: Browser, site_url: str, code: str,  # noqa: F811
) -> None:
    """The Russian word is in the Russian version only: no other language finds it."""
    page, found = search(browser, site_url, code, WORDS["ru"])
    page.context.close()
    assert found["results"] == []
    assert found["status"] == search_words(code).none.format(query=WORDS["ru"])


def test_chinese_part_of_a_word_finds_the_document(
    browser: Browser, site_url: str,  # noqa: F811
) -> None:
    """Two characters inside a longer word find the document; the screenshot shows it."""
    page, found = search(browser, site_url, "zh_CN", CHINESE_INNER)
    try:
        result = found_document(found, site_url, "zh_CN")
        assert result["marks"] and all(m in "联合国" for m in result["marks"]), result
        page.screenshot(path=screenshot_path("search-zh_CN.png"), full_page=True)
    finally:
        page.context.close()


@pytest.mark.parametrize("query", ["المهاجرين", "مهاجرين"])
def test_arabic_with_and_without_the_article(
    browser: Browser, site_url: str, query: str,  # noqa: F811
) -> None:
    page, found = search(browser, site_url, "ar", query)
    try:
        result = found_document(found, site_url, "ar")
        assert "المهاجرين" in result["marks"], result
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        if query == "المهاجرين":
            page.screenshot(path=screenshot_path("search-ar.png"), full_page=True)
    finally:
        page.context.close()


def search_with_the_box(chromium: Browser, start: str, base: str, code: str) -> str:
    """Type a word of ``code`` into that language's search box on ``start``, press Enter,
    and check the one result; return the ``lang`` of the box's surroundings."""
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(start)
        box = page.get_by_role("searchbox", name=search_words(code).field, exact=True)
        lang = box.evaluate("e => e.closest('[lang]').lang")
        box.fill(WORDS[code])
        box.press("Enter")
        page.wait_for_url(f"{base}/{code}/search.html?q=*")
        page.wait_for_function(READY, timeout=15000)
        assert page.locator(".un-result").count() == 1
        return lang
    finally:
        context.close()


@pytest.mark.parametrize("code", CODES)
def test_the_search_box_leads_to_the_results(
    browser: Browser, site_url: str, code: str,  # noqa: F811
) -> None:
    search_with_the_box(browser, f"{site_url}/{code}/{DOCUMENT}.html", site_url, code)


@pytest.mark.parametrize("code", ["ar", "zh_CN", "fr"])
def test_each_language_card_of_the_landing_page_searches_that_language(
    browser: Browser, site_url: str, code: str,  # noqa: F811
) -> None:
    lang = search_with_the_box(browser, f"{site_url}/index.html", site_url, code)
    assert lang == languages.get(code).html_lang


def test_pagefinds_python_service_waits_a_tenth_of_a_second_per_answer(tmp_path: Path) -> None:
    """Why the index is made with Pagefind's program, not its Python service: each
    answer of the service costs at least 0.1 s (it sleeps before reading one)."""
    import asyncio
    import time

    from pagefind.index import IndexConfig, PagefindIndex

    page = "<html lang='en'><body><main data-pagefind-body><p>Text.</p></main></body></html>"

    async def five_pages() -> float:
        async with PagefindIndex(config=IndexConfig(output_path=str(tmp_path / "x"))) as index:
            started = time.monotonic()
            for n in range(5):
                await index.add_html_file(content=page, url=f"/{n}.html")
            return time.monotonic() - started

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # outside the test's own event loop
        assert pool.submit(asyncio.run, five_pages()).result() >= 0.45
