"""Versions in progress: only complete versions are published; every version is a draft.

The collection is the real one plus a second document (``EX/WG.1/2030/1``, other dates,
another agenda) whose French and Chinese catalogues are complete and whose Arabic,
Russian and Spanish ones are partly done (one Arabic entry fuzzy), as a translation
really is for days after a document arrives (``tests/roots/test-partial``). One HTML and
one PDF build of it serve every test here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import browser, copy_collection, screenshot_path  # noqa: F401 - fixture
from playwright.sync_api import Browser
from sphinx.testing.util import SphinxTestApp

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.publication import published_page
from meetingdocs.un import readiness

PARTIAL = Path(__file__).parent / "roots" / "test-partial"
NEW = "EX_WG.1_2030_1"
REAL = "CTOC_COP_WG.7_2020_1"
COMPLETE = ("zh_CN", "en", "fr")
IN_PROGRESS = ("ar", "ru", "es")


def _meetingdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "meetingdocs.cli", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=1500, check=False)


@pytest.fixture(scope="module")
def in_progress(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection with the new document, built in HTML and PDF."""
    root = copy_collection(tmp_path_factory.mktemp("in-progress") / "collection")
    shutil.copy2(PARTIAL / f"{NEW}.md", root / "docs" / f"{NEW}.md")
    for code in languages.translated(list(languages.CODES)):
        shutil.copy2(PARTIAL / "locale" / code / "LC_MESSAGES" / f"{NEW}.po",
                     Layout(root).locale_dir / code / "LC_MESSAGES" / f"{NEW}.po")
    done = _meetingdocs(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_only_complete_versions_are_published(in_progress: Path) -> None:
    layout = Layout(in_progress)
    for code in COMPLETE:
        assert (layout.pdf_dir / languages.pdf_name(NEW, code)).is_file(), code
        assert (layout.site_pdf_dir / languages.pdf_name(NEW, code)).is_file(), code
        assert "data-pagefind-body" in _read(layout.html_dir(code) / f"{NEW}.html"), code
    for code in IN_PROGRESS:
        assert not (layout.pdf_dir / languages.pdf_name(NEW, code)).exists(), code
        assert not (layout.site_pdf_dir / languages.pdf_name(NEW, code)).exists(), code
        # The real document is complete in every language: published as before.
        assert (layout.pdf_dir / languages.pdf_name(REAL, code)).is_file(), code
    for code in languages.CODES:
        real = _read(layout.html_dir(code) / f"{REAL}.html")
        assert "un-draft" not in real and "un-fallback" not in real, code
        assert real.count("hreflang=") == len(languages.CODES) - 1, code


def test_the_published_page_of_a_version_in_progress_is_a_notice_in_its_language(
    in_progress: Path,
) -> None:
    layout = Layout(in_progress)
    for code in IN_PROGRESS:
        page = _read(layout.html_dir(code) / f"{NEW}.html")
        lang = languages.get(code)
        assert f'<html lang="{lang.html_lang}" dir="{lang.direction}">' in page
        assert readiness.words(code).notice_title in page
        assert '<meta name="robots" content="noindex">' in page
        assert f'href="../en/{NEW}.html"' in page
        assert "The meeting will be opened" not in page
    # The notices are neither searched nor in the sitemap.
    sitemap = _read(layout.site_dir / "sitemap.xml")
    assert f"/ar/{NEW}.html" not in sitemap and f"/fr/{NEW}.html" in sitemap


def test_links_between_versions_point_only_at_published_ones(in_progress: Path) -> None:
    layout = Layout(in_progress)
    page = _read(layout.html_dir("fr") / f"{NEW}.html")
    for code in IN_PROGRESS:
        assert f'href="../{code}/{NEW}.html"' not in page, code
    for code in ("zh_CN", "en"):
        assert f'href="../{code}/{NEW}.html"' in page, code
    real = _read(layout.html_dir("fr") / f"{REAL}.html")
    for code in IN_PROGRESS:
        assert f'href="../{code}/{REAL}.html"' in real, code
    assert "un-draft" not in page and "un-version" not in page


def test_the_landing_page_shows_versions_in_preparation(in_progress: Path) -> None:
    landing = _read(Layout(in_progress).site_dir / "index.html")
    for code in IN_PROGRESS:
        assert f'href="{code}/{NEW}.html"' not in landing, code
        assert f'href="{code}/{REAL}.html"' in landing, code
    assert readiness.in_preparation("ar", 76.5) in landing
    assert 'href="fr/EX_WG.1_2030_1.html"' in landing


def test_drafts_hold_every_version_with_its_banner(in_progress: Path) -> None:
    layout = Layout(in_progress)
    for code in languages.CODES:
        draft = _read(layout.draft_html_dir(code) / f"{NEW}.html")
        assert 'class="un-draft-banner"' in draft, code
    ar = _read(layout.draft_html_dir("ar") / f"{NEW}.html")
    assert readiness.draft_line("ar", 13 / 17 * 100) in ar
    for code in languages.CODES:
        assert (layout.draft_pdf_dirs[0] / languages.pdf_name(NEW, code)).is_file(), code


def test_english_fallback_is_marked_and_its_roles_are_english(in_progress: Path) -> None:
    ar = _read(Layout(in_progress).draft_html_dir("ar") / f"{NEW}.html")
    fallback = re.findall(r'<(p|h\d) class="un-fallback" lang="en">(.*?)</\1>', ar, re.DOTALL)
    texts = [re.sub(r"<[^>]+>", "", body).replace("\u00a0", " ") for _, body in fallback]
    assert any(t.startswith("The meeting will be opened at 10 a.m. on Monday, 4 March 2030")
               for t in texts), texts
    assert any("On 1 November 2029, the Bureau approved the schedule described under item 1 (b)"
               in t for t in texts), texts
    # The fuzzy entry is not published: English, marked.
    assert any(t.startswith("For its consideration of item 2") for t in texts), texts
    assert any(t.startswith("Proposed organization of work") for t in texts), texts
    arabic_script = re.compile("[\u0600-\u06ff]")
    assert not any(arabic_script.search(t) for t in texts), texts
    # The translated parts around them stay Arabic and unmarked.
    assert "يُتوقَّع أن يعتمد الفريق العامل تقريرا عن اجتماعه." in ar
    assert not re.search(r'class="un-fallback"[^>]*>[^<]*يُتوقَّع', ar)


def test_the_draft_pdf_of_a_version_in_progress_carries_the_draft_marks(
    in_progress: Path,
) -> None:
    import pymupdf

    layout = Layout(in_progress)
    with pymupdf.open(layout.draft_pdf_dirs[0] / languages.pdf_name(NEW, "ru")) as pdf:
        for page in pdf:
            assert readiness.words("ru").draft_word in page.get_text(), page.number
        text = pdf[0].get_text()
    assert readiness.draft_line("ru", 8 / 17 * 100).replace("\u00a0", " ") in \
        text.replace("\u00a0", " ")
    # English fallback in the Russian PDF, its date in English.
    assert "Monday, 4 March 2030" in " ".join(text.split())
    with pymupdf.open(layout.pdf_dir / languages.pdf_name(NEW, "fr")) as pdf:
        assert readiness.words("fr").draft_word not in pdf[0].get_text()


def test_review_pages_list_every_segment_with_its_state(in_progress: Path) -> None:
    layout = Layout(in_progress)
    page = _read(layout.review_page("ar", NEW))
    rows = re.findall(r'<tr class="(\w+)" id="line-(\d+)">', page)
    assert len(rows) == 17
    states = [state for state, _ in rows]
    assert states.count("untranslated") == 3 and states.count("fuzzy") == 1
    assert states.count("translated") == 13
    assert '<td lang="ar" dir="rtl">' in page
    # The fuzzy entry shows what changed in the English since it was translated.
    assert "<del>note.</del> <ins>note by the Secretariat" in page
    catalogue = f"locale/ar/LC_MESSAGES/{NEW}.po"
    lines = [int(line) for _, line in rows]
    assert lines == sorted(lines) and f"{catalogue}:{lines[0]}" in page


def test_status_page_counts_words_and_links_drafts_and_reviews(in_progress: Path) -> None:
    status = _read(Layout(in_progress).site_dir / "status.html")
    assert f'href="../drafts/html/ar/{NEW}.html"' in status
    assert f'href="../drafts/review/ar/{NEW}.html"' in status
    assert "in preparation" in status and "Words translated" in status


def test_the_fallback_transform_in_a_sphinx_build(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    """The Sphinx side alone, on the test root: Arabic in progress, French complete."""
    shutil.copytree(rootdir / "test-partial", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"language": "ar"})
    app.build()
    page = (app.outdir / f"{NEW}.html").read_text(encoding="utf-8")
    assert page.count('class="un-fallback" lang="en"') == 4
    assert '<span class="un-time">10\u00a0a.m.</span>' in page
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"language": "fr"},
                   freshenv=True)
    app.build()
    assert "un-fallback" not in (app.outdir / f"{NEW}.html").read_text(encoding="utf-8")


def test_publishing_a_page_removes_the_draft_marks() -> None:
    draft = ('<body>\n<!--un-draft-only--><p class="un-draft-banner">Draft</p>'
             '<!--/un-draft-only-->\n<ul><!--un-version:ar--><li>ar</li><!--/un-version-->'
             '<!--un-version:fr--><li>fr</li><!--/un-version--></ul>')
    assert published_page(draft, {"fr"}) == "<body>\n<ul><li>fr</li></ul>"


def test_a_threshold_outside_0_to_100_is_refused(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    conf = root / "conf.py"
    conf.write_text(_read(conf) + "\nmeetingdocs_publish_threshold = 120\n", encoding="utf-8")
    done = _meetingdocs(root, "--languages", "fr", "build", "--formats", "html")
    assert done.returncode != 0
    assert "meetingdocs_publish_threshold" in done.stdout + done.stderr


def test_what_a_reader_and_a_reviser_see_in_chromium(
    in_progress: Path, browser: Browser,  # noqa: F811 - fixture
) -> None:
    """The Arabic draft (English fallback left to right), the review page and the landing
    page, in a real browser; the screenshots are kept with the test's others."""
    layout = Layout(in_progress)
    context = browser.new_context(viewport={"width": 1000, "height": 1300})
    page = context.new_page()
    try:
        page.goto((layout.draft_html_dir("ar") / f"{NEW}.html").as_uri())
        directions = page.evaluate("""() => ({
          fallback: [...document.querySelectorAll('.un-fallback')].map(
            e => getComputedStyle(e).direction),
          page: getComputedStyle(document.querySelector('main p:not(.un-fallback)')).direction,
          banner: document.querySelector('.un-draft-banner').textContent,
        })""")
        assert directions["fallback"] and set(directions["fallback"]) == {"ltr"}
        assert directions["page"] == "rtl"
        assert directions["banner"] == readiness.draft_line("ar", 13 / 17 * 100)
        page.screenshot(path=str(screenshot_path("in-progress-ar-draft.png")), full_page=True)
        page.goto(layout.review_page("ar", NEW).as_uri())
        cell = page.locator('td[lang="ar"]').first
        assert cell.evaluate("e => getComputedStyle(e).direction") == "rtl"
        page.screenshot(path=str(screenshot_path("in-progress-ar-review.png")), full_page=True)
        page.goto((layout.html_dir("ar") / f"{NEW}.html").as_uri())
        assert page.locator("h2").text_content() == readiness.words("ar").notice_title
        page.screenshot(path=str(screenshot_path("in-progress-ar-notice.png")), full_page=True)
        page.goto((layout.site_dir / "index.html").as_uri())
        preparing = page.locator(".un-preparing")
        assert preparing.count() == len(IN_PROGRESS)
        page.screenshot(path=str(screenshot_path("in-progress-landing.png")), full_page=True)
    finally:
        context.close()


def test_notices_drafts_and_review_pages_are_valid_html(in_progress: Path) -> None:
    from test_html_validity import LOGICAL_PROPERTY, run_checker

    layout = Layout(in_progress)
    pages = [layout.html_dir(code) / f"{NEW}.html" for code in IN_PROGRESS]
    pages += [layout.draft_html_dir("ar") / f"{NEW}.html", layout.review_page("ar", NEW),
              layout.site_dir / "index.html", layout.site_dir / "status.html"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}"
              for m in run_checker(pages)
              if not LOGICAL_PROPERTY.match(str(m.get("message", "")))]
    assert errors == []


def test_a_source_change_not_yet_in_the_catalogue_unpublishes_the_version(
    tmp_path: Path,
) -> None:
    """The catalogue still counts 100 %, but the changed paragraph is not in it: the
    French page is English there, so the version is not published until update-po and
    the translator have caught up."""
    root = copy_collection(tmp_path / "collection")
    source = root / "docs" / f"{REAL}.md"
    text = _read(source)
    sentence = "The Working Group is expected to adopt a report on its meeting"
    assert sentence in text
    source.write_text(text.replace(sentence, sentence + ", as before"), encoding="utf-8")
    done = _meetingdocs(root, "--languages", "en fr", "build", "--formats", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    layout = Layout(root)
    published = _read(layout.html_dir("fr") / f"{REAL}.html")
    assert readiness.words("fr").notice_title in published
    draft = _read(layout.draft_html_dir("fr") / f"{REAL}.html")
    assert re.search(r'class="un-fallback" lang="en"><span lang="en" dir="ltr">'
                     r"The Working Group is expected to adopt a report on its meeting, as "
                     r"before", draft)
    assert "un-draft-banner" in draft
