"""The HTML side: the ``unpage`` theme, ``dir``/``lang`` per language, switcher and PDF link.

Every page learns its language's direction, the same page in the five other languages and
its own PDF through ``html-page-context``; the theme's layout writes them. Sphinx itself
never writes ``dir="rtl"``.

Search: every page has a search box leading to the language's ``search.html``, a page of
the theme. Sphinx's own index is not built (it cannot stem Arabic, and its Chinese needs
``jieba``): after the build, Pagefind indexes each language's documents
(``meetingdocs.publish.search``), which the theme marks with ``data-pagefind-*``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs import languages
from meetingdocs.sphinx_ext.documents import meeting_documents
from meetingdocs.sphinx_ext.drafts import draft_banner
from meetingdocs.un import labels
from meetingdocs.un.search_words import as_dict, search_words

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "unpage"

#: The language versions sit side by side: ``html/<code>/...`` and ``html/pdf/...``.
PDF_FOLDER = "pdf"

#: The address at which ``_build/html`` is published (the sitemap's absolute URLs); by
#: default where ``python -m http.server`` serves it.
BASE_URL_CONFIG = "meetingdocs_base_url"
DEFAULT_BASE_URL = "http://localhost:8000/"


def page_links(pagename: str, code: str, documents: list[str]) -> dict[str, Any]:
    """Relative links from ``pagename`` in language ``code`` to its siblings and its PDF."""
    up = "../" * (pagename.count("/") + 1)
    switcher = [
        {
            "code": lang.code,
            "name": lang.native_name,
            "lang": lang.html_lang,
            "dir": lang.direction,
            "url": f"{up}{lang.code}/{pagename}.html",
            "current": lang.code == code,
        }
        for lang in languages.LANGUAGES
    ]
    pdf = None
    if pagename in documents:
        pdf = f"{up}{PDF_FOLDER}/{languages.pdf_name(pagename, code)}"
    return {"un_switcher": switcher, "un_pdf_url": pdf, "un_home_url": f"{up}index.html",
            "un_search_url": "../" * pagename.count("/") + "search.html"}


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object,
) -> None:
    lang = languages.get(app.config.language)
    context["un_dir"] = lang.direction
    context["un_lang"] = lang.html_lang
    context["un_fonts"] = lang.css_fonts
    context["un_labels"] = labels.page_labels(lang.code)
    context["un_search"] = as_dict(search_words(lang.code))
    documents = meeting_documents(app.env)
    context.update(page_links(pagename, lang.code, documents))
    symbol = app.env.metadata.get(pagename, {}).get("un-symbol")
    # Only the documents are searched: the body Pagefind reads, the symbol it shows. A
    # page marked ``un_noindex`` (a notice, the search page) is left to search engines
    # and to Pagefind alike.
    context.setdefault("un_noindex", False)
    context["un_searchable"] = pagename in documents and not context["un_noindex"]
    context["un_symbol"] = symbol
    context["un_draft"] = draft_banner(app, pagename, documents)


def no_sphinx_index(app: Sphinx) -> None:
    """``builder-inited``: no Sphinx search index (Pagefind indexes the pages instead)."""
    if app.builder.format == "html":
        app.builder.search = False  # type: ignore[attr-defined]


def search_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the language's search page, from the theme's template."""
    if app.builder.format != "html":
        return []
    words = search_words(app.config.language)
    return [("search", {"title": words.search, "un_noindex": True}, "search.html")]


def setup_html(app: Sphinx) -> None:
    app.add_html_theme("unpage", str(THEME_DIR))
    app.add_config_value(BASE_URL_CONFIG, DEFAULT_BASE_URL, "html", types=frozenset({str}))
    app.connect("builder-inited", no_sphinx_index)
    app.connect("html-collect-pages", search_page)
    app.connect("html-page-context", add_page_context)
