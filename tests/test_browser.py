"""The built site in a real browser, as readers see it: headless Chromium over HTTP.

For each language's document page and home page (and the landing and status pages):
nothing fails to load and nothing is logged as an error; Arabic lays out right to left;
the language switcher leads to the same page in each other language; nothing overflows
sideways on a phone (375 px) or a desktop (1280 px); each script is drawn with its
intended face (asked of the browser's own font machinery through the DevTools protocol,
not read from the CSS); and axe-core finds no serious or critical accessibility
violation. Full-page screenshots of every page at both widths are written to
``_build/screenshots/<code>-<page>-<width>.png`` for people to look at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest
from browser_support import (  # noqa: F401 - fixtures are found by name
    CODES,
    PAGES,
    browser,
    built_site,
    screenshot_path,
    site_url,
)

from meetingdocs import languages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WIDTHS = (375, 1280)
#: The site's own pages (not part of a language version).
SITE_PAGES = ("index", "status")
LANGUAGE_PAGES = [(code, page) for code in CODES for page in PAGES]

#: The face that must draw each language's own script on screen.
INTENDED_FACE = {
    "ar": "Amiri", "zh_CN": "Noto Serif CJK SC", "en": "Liberation Serif",
    "fr": "Liberation Serif", "ru": "Liberation Serif", "es": "Liberation Serif",
}
#: Every face allowed in a language version's document text: its own, and for Chinese
#: the Latin face of its font list for digits, symbols and Latin words.
ALLOWED_FACES = {
    code: {face, "Liberation Serif"} if code == "zh_CN" else {face}
    for code, face in INTENDED_FACE.items()
}
SERIOUS = ("serious", "critical")


@dataclass
class Visit:
    """An open page and every problem seen while it loaded and while it was used."""

    page: Page
    problems: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Browser, url: str, width: int = 1280) -> Iterator[Visit]:  # noqa: F811
    """Open ``url`` in a fresh browser context ``width`` pixels wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = Visit(page)
    page.on("console", lambda m: seen.problems.append(f"console {m.type}: {m.text} "
                                                      f"({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda r: seen.problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: seen.problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    try:
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        page.evaluate("document.fonts.ready.then(() => true)")
        yield seen
    finally:
        context.close()


def language_url(base: str, code: str, page: str) -> str:
    return f"{base}/{code}/{page}.html"


# -- loading ----------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "page"), LANGUAGE_PAGES)
def test_page_loads_cleanly(browser: Browser, site_url: str, code: str, page: str) -> None:  # noqa: F811
    lang = languages.get(code)
    with visit(browser, language_url(site_url, code, page)) as seen:
        seen.page.wait_for_timeout(200)  # late requests (the icon) report after "load"
        assert seen.problems == []
        root = seen.page.evaluate(
            "[document.documentElement.lang, getComputedStyle(document.body).direction]"
        )
        assert root == [lang.html_lang, lang.direction]


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_loads_cleanly(browser: Browser, site_url: str, name: str) -> None:  # noqa: F811
    with visit(browser, f"{site_url}/{name}.html") as seen:
        seen.page.wait_for_timeout(200)
        assert seen.problems == []


# -- right to left ----------------------------------------------------------------------

PARAGRAPH_ALIGNMENT = """() => [...document.querySelectorAll('main p')].map(p => {
  const style = getComputedStyle(p);
  const align = style.textAlign;
  const rtl = style.direction === 'rtl';
  const resolved = align === 'start' ? (rtl ? 'right' : 'left')
                 : align === 'end' ? (rtl ? 'left' : 'right') : align;
  const box = p.getBoundingClientRect();
  const contentRight = box.right - parseFloat(style.paddingRight)
                       - parseFloat(style.borderRightWidth);
  const range = document.createRange();
  range.selectNodeContents(p);
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  // The boxes of the last line: those level with the lowest box (an inline-block label
  // sits a few pixels higher than the text beside it).
  const lowest = rects.reduce((a, r) => (r.top > a.top ? r : a), rects[0] || null);
  const onLastLine = r => {
    const middle = (r.top + r.bottom) / 2;
    return middle > lowest.top - 4 && middle < lowest.bottom + 4;
  };
  const lastLine = rects.filter(onLastLine);
  // A one-line paragraph's only line is also its first: text-indent moves its start.
  const oneLine = rects.every(onLastLine);
  const indent = oneLine && rtl ? parseFloat(style.textIndent) : 0;
  return {
    text: p.textContent.trim().slice(0, 60), direction: style.direction, align, resolved,
    lastLineRight: lastLine.length ? Math.max(...lastLine.map(r => r.right)) : null,
    lineEnd: contentRight - indent,
  };
})"""


@pytest.mark.parametrize("page", PAGES)
def test_arabic_reads_right_to_left(browser: Browser, site_url: str, page: str) -> None:  # noqa: F811
    with visit(browser, language_url(site_url, "ar", page)) as seen:
        assert seen.page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        paragraphs: list[dict[str, Any]] = seen.page.evaluate(PARAGRAPH_ALIGNMENT)
    right_to_left = [p for p in paragraphs if p["direction"] == "rtl"]
    assert right_to_left, "no right-to-left paragraph"
    # Only short embedded runs (a symbol, the English original) may be left to right.
    assert len(right_to_left) >= 0.8 * len(paragraphs), paragraphs
    wrong = [p for p in right_to_left if p["resolved"] not in ("right", "justify")]
    assert wrong == [], "paragraphs not aligned to the right"
    # Where the text really ends up: the last line of each paragraph hugs the right edge.
    off = [p for p in right_to_left if p["lastLineRight"] is not None
           and abs(p["lastLineRight"] - p["lineEnd"]) > 3]
    assert off == [], "paragraphs whose last line does not end at the right edge"


# -- the language switcher --------------------------------------------------------------

@pytest.mark.parametrize(("code", "page"), LANGUAGE_PAGES)
def test_switcher_leads_to_the_same_page(
    browser: Browser, site_url: str, code: str, page: str,  # noqa: F811
) -> None:
    here = language_url(site_url, code, page)
    with visit(browser, here) as seen:
        current = seen.page.locator(".un-switcher [aria-current='page']")
        assert current.get_attribute("lang") == languages.get(code).html_lang
        for other in languages.LANGUAGES:
            if other.code == code:
                continue
            seen.page.locator(f".un-switcher a[hreflang='{other.html_lang}']").click()
            target = language_url(site_url, other.code, page)
            seen.page.wait_for_url(target)
            assert seen.page.evaluate("document.documentElement.lang") == other.html_lang
            seen.page.goto(here)
        home = seen.page.locator(".un-home")
        home.click()
        seen.page.wait_for_url(f"{site_url}/index.html")
        assert seen.problems == []


@pytest.mark.parametrize("code", CODES)
def test_pdf_link_serves_the_pdf(browser: Browser, site_url: str, code: str) -> None:  # noqa: F811
    with visit(browser, language_url(site_url, code, PAGES[0])) as seen:
        link = seen.page.locator("a.un-pdf")
        href = link.evaluate("a => a.href")
        response = seen.page.request.get(href)
        assert response.status == 200, href
        assert response.body()[:5] == b"%PDF-", href


# -- layout and screenshots -------------------------------------------------------------

OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("code", "page"), LANGUAGE_PAGES)
def test_no_sideways_overflow(
    browser: Browser, site_url: str, code: str, page: str, width: int,  # noqa: F811
) -> None:
    with visit(browser, language_url(site_url, code, page), width) as seen:
        seen.page.screenshot(path=screenshot_path(f"{code}-{page}-{width}.png"), full_page=True)
        layout = seen.page.evaluate(OVERFLOW)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_fits(browser: Browser, site_url: str, name: str, width: int) -> None:  # noqa: F811
    with visit(browser, f"{site_url}/{name}.html", width) as seen:
        seen.page.screenshot(path=screenshot_path(f"site-{name}-{width}.png"), full_page=True)
        layout = seen.page.evaluate(OVERFLOW)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout


# -- fonts really used ------------------------------------------------------------------

def rendered_faces(page: Page, selector: str) -> list[Counter[str]]:
    """For each element matching ``selector``: glyphs drawn per font family.

    ``CSS.getPlatformFontsForNode`` reports the platform fonts that actually drew the
    element's own text, after every fallback.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        faces = []
        for node in nodes["nodeIds"]:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            faces.append(Counter({f["familyName"]: f["glyphCount"] for f in fonts}))
        return faces
    finally:
        cdp.detach()


@pytest.mark.parametrize(("code", "page"), LANGUAGE_PAGES)
def test_document_text_uses_the_intended_face(
    browser: Browser, site_url: str, code: str, page: str,  # noqa: F811
) -> None:
    with visit(browser, language_url(site_url, code, page)) as seen:
        paragraphs = sum(rendered_faces(seen.page, "main p"), Counter())
        everything = sum(rendered_faces(seen.page, "main, main *"), Counter())
    # Every face that drew anything is allowed, and the language's own face drew the
    # paragraphs: so its script's letters, which the other allowed face lacks, came from it.
    assert set(everything) <= ALLOWED_FACES[code], everything
    assert paragraphs[INTENDED_FACE[code]] > 0, paragraphs


@pytest.mark.parametrize("code", CODES)
def test_language_names_use_their_own_face(
    browser: Browser, site_url: str, code: str,  # noqa: F811
) -> None:
    """The switcher names each language in its own script: each must get its own face."""
    with visit(browser, language_url(site_url, code, PAGES[0])) as seen:
        found = {}
        for other in languages.LANGUAGES:
            selector = f".un-switcher [lang='{other.html_lang}']"
            found[other.code] = set(sum(rendered_faces(seen.page, selector), Counter()))
    expected = {other: {INTENDED_FACE[other]} for other in CODES}
    assert found == expected


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_pages_name_languages_in_their_own_face(
    browser: Browser, site_url: str, name: str,  # noqa: F811
) -> None:
    with visit(browser, f"{site_url}/{name}.html") as seen:
        found = {}
        for lang in languages.LANGUAGES:
            selector = (f"header [lang='{lang.html_lang}'], "
                        f".un-languages > [lang='{lang.html_lang}'] > h2 > a, "
                        f"td[lang='{lang.html_lang}']")
            found[lang.code] = set(sum(rendered_faces(seen.page, selector), Counter()))
    expected = {code: {INTENDED_FACE[code]} for code in CODES}
    assert found == expected


# -- accessibility ----------------------------------------------------------------------

def axe_source() -> str:
    """axe-core as shipped inside the ``axe-playwright-python`` package (no download)."""
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
    except ModuleNotFoundError:
        pytest.fail("axe-core is missing: install the test extras (axe-playwright-python)")


@pytest.fixture(scope="session")
def axe_script() -> str:
    return axe_source()


def serious_violations(page: Page, script: str) -> list[str]:
    page.evaluate(script)
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize(("code", "page"), LANGUAGE_PAGES)
def test_accessible(
    browser: Browser, site_url: str, axe_script: str, code: str, page: str,  # noqa: F811
) -> None:
    with visit(browser, language_url(site_url, code, page)) as seen:
        assert serious_violations(seen.page, axe_script) == []


@pytest.mark.parametrize("name", SITE_PAGES)
def test_site_page_accessible(
    browser: Browser, site_url: str, axe_script: str, name: str,  # noqa: F811
) -> None:
    with visit(browser, f"{site_url}/{name}.html") as seen:
        assert serious_violations(seen.page, axe_script) == []
