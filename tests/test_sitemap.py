"""``sitemap.xml``: valid by the Sitemap protocol's schema, every published page listed
with each of its language versions (``hreflang``) and ``x-default``, nothing else.

The schemas are the official ones, kept in ``tests/data/sitemap/`` (origin and licence in
its README); validation runs offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import CODES, DOCUMENTS, built_site, html_dir  # noqa: F401 - fixture
from lxml import etree

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.sitemap import base_url, published, sitemap, write_sitemap
from meetingdocs.sphinx_ext.html import DEFAULT_BASE_URL

SCHEMAS = Path(__file__).parent / "data" / "sitemap"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-with-xhtml.xsd"), parser))


def test_the_schema_rejects_a_broken_sitemap(schema: etree.XMLSchema) -> None:
    good = sitemap({"A_1": ["en", "fr"]}, "https://example.org/docs/")
    assert schema.validate(etree.fromstring(good.encode())), schema.error_log
    for broken in (good.replace("hreflang=", "hrefLang="), good.replace("<loc>", "<place>")
                   .replace("</loc>", "</place>")):
        assert not schema.validate(etree.fromstring(broken.encode()))


def test_the_built_sitemap_is_valid(built_site: Path, schema: etree.XMLSchema) -> None:  # noqa: F811
    document = etree.parse(str(html_dir(built_site) / "sitemap.xml"))
    assert schema.validate(document), schema.error_log


def test_every_published_page_with_all_its_languages(built_site: Path) -> None:  # noqa: F811
    document = etree.parse(str(html_dir(built_site) / "sitemap.xml"))
    expected = {f"{DEFAULT_BASE_URL}{code}/{page}.html"
                for code in CODES for page in (*DOCUMENTS, "index")}
    urls = document.findall("s:url", NS)
    assert {u.findtext("s:loc", namespaces=NS) for u in urls} == expected
    for url in urls:
        loc = url.findtext("s:loc", namespaces=NS)
        page = loc.rsplit("/", 1)[1]
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert all(link.get("rel") == "alternate" for link in url.findall("x:link", NS))
        assert links == {
            **{lang.html_lang: f"{DEFAULT_BASE_URL}{lang.code}/{page}" for lang in
               languages.LANGUAGES},
            "x-default": f"{DEFAULT_BASE_URL}en/{page}",
        }
        assert loc in links.values()


def page(folder: Path, name: str, *, noindex: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    robots = '<meta name="robots" content="noindex">' if noindex else ""
    (folder / f"{name}.html").write_text(f"<html><head>{robots}</head></html>")


def test_no_draft_no_notice_and_the_declared_base(tmp_path: Path) -> None:
    layout = Layout(tmp_path)
    (tmp_path / "conf.py").write_text('meetingdocs_base_url = "https://documents.example.org/wg7"\n')
    layout.srcdir.mkdir()
    for name in ("A_1", "A_2", "index"):
        (layout.srcdir / f"{name}.md").write_text("# x\n")
    page(layout.html_dir("en"), "A_1")
    page(layout.html_dir("fr"), "A_1")
    page(layout.html_dir("fr"), "A_2", noindex=True)  # a notice: "in preparation"
    page(layout.html_dir("en"), "index")
    page(layout.build_dir / "drafts" / "fr", "A_2")
    assert base_url(layout) == "https://documents.example.org/wg7/"
    assert published(layout) == {"A_1": ["en", "fr"], "index": ["en"]}
    text = write_sitemap(layout).read_text(encoding="utf-8")
    assert "A_2" not in text and "drafts" not in text
    assert "<loc>https://documents.example.org/wg7/fr/A_1.html</loc>" in text
    assert 'hreflang="x-default" href="https://documents.example.org/wg7/en/A_1.html"' in text


def test_the_base_must_be_absolute(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('meetingdocs_base_url = "/docs/"\n')
    with pytest.raises(ValueError, match="absolute"):
        base_url(Layout(tmp_path))
