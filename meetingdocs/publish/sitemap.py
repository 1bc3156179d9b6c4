"""``_build/html/sitemap.xml``: every published page, with its other language versions.

Each ``<url>`` names one page in one language and, as ``xhtml:link rel="alternate"``, the
same page in every language it is published in, itself included, plus ``x-default``: the
English version (the language of the source). Sitemaps need absolute addresses: they
start with the collection's ``meetingdocs_base_url`` (``conf.py``), the address at which
``_build/html`` is published; its default is the address of ``python -m http.server``
run in ``_build/html`` (``http://localhost:8000/``).

A page is published when it was built and is not marked ``noindex``; drafts (outside
``_build/html``) and notice pages are therefore never listed. A caller may also pass the
pages explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.search import is_published
from meetingdocs.sphinx_ext.config import NON_DOCUMENTS, document_names
from meetingdocs.sphinx_ext.html import BASE_URL_CONFIG, DEFAULT_BASE_URL

SITEMAP = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: The language of the source: the version offered to readers of any other language.
DEFAULT_LANGUAGE = languages.SOURCE_LANGUAGE

#: Page name -> the codes of the languages it is published in, in UN order.
Published = Mapping[str, Sequence[str]]


def base_url(layout: Layout) -> str:
    """The collection's ``meetingdocs_base_url`` from ``conf.py``, ending in ``/``."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    # conf.py as Sphinx reads it, without starting Sphinx.
    config = Config.read(layout.confdir, overrides={}, tags=Tags())
    config.add(BASE_URL_CONFIG, DEFAULT_BASE_URL, "html", frozenset({str}))
    config.init_values()
    value = getattr(config, BASE_URL_CONFIG)
    if not isinstance(value, str) or "://" not in value:
        raise ValueError(f"{BASE_URL_CONFIG} must be an absolute URL, not {value!r}")
    return value if value.endswith("/") else value + "/"


def published(layout: Layout, codes: Sequence[str] = languages.CODES) -> dict[str, list[str]]:
    """Every page of a language version that is published: documents and home pages."""
    names = [*document_names(layout.srcdir), *sorted(NON_DOCUMENTS)]
    pages = {
        name: [code for code in codes
               if is_published(layout.html_dir(code) / f"{name}.html")]
        for name in names
    }
    return {name: found for name, found in pages.items() if found}


def sitemap(pages: Published, base: str) -> str:
    """The sitemap of ``pages`` (page name -> languages) at ``base``."""
    def url(code: str, name: str) -> str:
        return f"{base}{code}/{name}.html"

    entries = []
    for name, codes in pages.items():
        links = [(languages.get(code).html_lang, url(code, name)) for code in codes]
        if DEFAULT_LANGUAGE in codes:
            links.append(("x-default", url(DEFAULT_LANGUAGE, name)))
        alternates = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
            for lang, href in links
        )
        entries += [f"  <url>\n    <loc>{xml_escape(url(code, name))}</loc>{alternates}\n  </url>"
                    for code in codes]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
        + "\n".join(entries) + "\n</urlset>\n"
    )


def write_sitemap(layout: Layout, pages: Published | None = None) -> Path:
    """Write ``_build/html/sitemap.xml`` (left alone when it would not change)."""
    text = sitemap(published(layout) if pages is None else pages, base_url(layout))
    path = layout.build_dir / "html" / SITEMAP
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
