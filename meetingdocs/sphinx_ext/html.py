"""The HTML side: the ``unpage`` theme, ``dir``/``lang`` per language, switcher and PDF link.

Every page learns its language's direction, the same page in the five other languages and
its own PDF through ``html-page-context``; the theme's layout writes them. Sphinx itself
never writes ``dir="rtl"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs import languages
from meetingdocs.sphinx_ext.documents import meeting_documents
from meetingdocs.un import labels

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DIR = Path(__file__).parent / "theme" / "unpage"

#: The language versions sit side by side: ``html/<code>/...`` and ``html/pdf/...``.
PDF_FOLDER = "pdf"


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
    return {"un_switcher": switcher, "un_pdf_url": pdf, "un_home_url": f"{up}index.html"}


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object,
) -> None:
    lang = languages.get(app.config.language)
    context["un_dir"] = lang.direction
    context["un_lang"] = lang.html_lang
    context["un_fonts"] = lang.css_fonts
    context["un_labels"] = labels.page_labels(lang.code)
    context.update(page_links(pagename, lang.code, meeting_documents(app.env)))


def no_search_page(app: Sphinx) -> None:
    """``builder-inited``: no search page (Sphinx cannot stem Arabic; pages are short)."""
    if app.builder.format == "html":
        app.builder.search = False  # type: ignore[attr-defined]


def setup_html(app: Sphinx) -> None:
    app.add_html_theme("unpage", str(THEME_DIR))
    app.connect("builder-inited", no_search_page)
    app.connect("html-page-context", add_page_context)
