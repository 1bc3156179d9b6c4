"""The site's own pages: the landing page (six languages, each document's HTML and PDF)
and the translation status page (progress per language and document).

Both are rendered with Jinja2 (``templates/``) from the manifests the language builds
write (:mod:`meetingdocs.sphinx_ext.manifest`): documents, symbols, titles, PDF names
and catalogue figures are what Sphinx read, never recovered from built pages.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from meetingdocs import languages
from meetingdocs.publish.layout import Layout, read_manifests
from meetingdocs.sphinx_ext.html import PDF_FOLDER
from meetingdocs.un import labels, readiness
from meetingdocs.un.search_words import search_words

TEMPLATES = Path(__file__).with_name("templates")

Manifest = dict[str, Any]


@functools.cache
def _environment() -> Any:
    # One per process: compiling the templates costs more than rendering a page.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, keep_trailing_newline=True,
    )


def prepare() -> None:
    """Compile every template now (done while the languages build, see ``build``)."""
    environment = _environment()
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)


def render(template: str, **context: Any) -> str:
    """Render one of the site's templates (``templates/``)."""
    return _environment().get_template(template).render(**context)


def _common() -> dict[str, Any]:
    return {
        "languages": languages.LANGUAGES,
        "united_nations": {lang.code: labels.masthead(lang.code).united_nations
                           for lang in languages.LANGUAGES},
        "pdf_folder": PDF_FOLDER,
    }


def landing_page(manifests: dict[str, Manifest], codes: list[str],
                 pdfs: frozenset[str] | None = None) -> str:
    """The languages by native name in UN order, each with its documents' titles, pages
    and PDFs. The documents are the same in every language; a language not built yet
    is listed with its links and no titles."""
    documents: list[dict[str, Any]] = next(
        (m["documents"] for code in languages.CODES if (m := manifests.get(code))), [])
    cards = []
    for lang in languages.LANGUAGES:
        if lang.code not in codes:
            continue
        own = {d["docname"]: d for d in manifests.get(lang.code, {}).get("documents", [])}
        cards.append({"lang": lang, "search": search_words(lang.code), "documents": [
            {**doc, "title": own.get(doc["docname"], {}).get("title", ""),
             "pdf": _published_pdf(languages.pdf_name(doc["docname"], lang.code), pdfs),
             "preparing": _preparing(own.get(doc["docname"]), lang.code)}
            for doc in documents
        ]})
    template = _environment().get_template("landing.html")
    return template.render(**_common(), documents=documents, cards=cards)


def _published_pdf(name: str, pdfs: frozenset[str] | None) -> str:
    """``name`` if that PDF is published (``pdfs``; ``None``: assume so), else ""."""
    return name if pdfs is None or name in pdfs else ""


def _preparing(page: Manifest | None, code: str) -> str:
    """The landing page's line for a version not published ("" if it is published)."""
    if page is None or page.get("published", True):
        return ""
    return readiness.in_preparation(code, page.get("share") or 0.0)


def status_rows(manifests: dict[str, Manifest]) -> list[dict[str, Any]]:
    """Per translated language (UN order) and catalogue (by document name): the figures."""
    rows = []
    for code in languages.translated(list(languages.CODES)):
        manifest = manifests.get(code)
        if manifest is None:
            continue
        pages = [manifest["root_doc"], *manifest["documents"]] if manifest["root_doc"] else [
            *manifest["documents"]]
        for page in sorted(pages, key=lambda p: p["docname"]):
            # No catalogue, or one that cannot be read (its build names file and line).
            if page["catalogue"]:
                rows.append({"lang": languages.get(code), "docname": page["docname"],
                             "published": page.get("published", True), **page["catalogue"]})
    return rows


def status_page(manifests: dict[str, Manifest]) -> str:
    """Per language and document: a progress bar and the counts, linking to the pages."""
    template = _environment().get_template("status.html")
    return template.render(**_common(), rows=status_rows(manifests))


def write_site_pages(layout: Layout, codes: list[str]) -> list[Path]:
    """Write the landing page and the status page into the site folder."""
    out = layout.site_dir
    out.mkdir(parents=True, exist_ok=True)
    manifests = read_manifests(layout, codes)
    # A PDF is linked once it is published: after "make html" alone there is none.
    pdfs = frozenset(p.name for p in layout.site_pdf_dir.glob("*.pdf")) \
        if layout.site_pdf_dir.is_dir() else frozenset()
    pages = {"index.html": landing_page(manifests, codes, pdfs),
             "status.html": status_page(manifests)}
    written = []
    for name, text in pages.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
