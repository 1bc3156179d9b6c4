"""The site's own pages: the landing page (six languages, each document's HTML and PDF)
and the translation status page (progress per language and document).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from meetingdocs import languages
from meetingdocs.publish.layout import Layout
from meetingdocs.sphinx_ext.config import document_names
from meetingdocs.sphinx_ext.html import PDF_FOLDER
from meetingdocs.un import labels

SYMBOL_RE = re.compile(r"^:symbol:\s*(\S+)\s*$", re.MULTILINE)


STYLE = """
body { font-family: 'Liberation Serif', 'Times New Roman', 'Noto Serif CJK SC', Amiri, serif;
  margin: 0; background: #f4f4f1; color: #111; }
header { background: #1d3f6e; color: #fff; padding: 1rem 1.5rem; }
header h1 { margin: 0; font-size: 1.3rem; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
ul.un-languages { list-style: none; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
ul.un-languages > li { background: #fff; padding: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
ul.un-languages h2 { margin: 0 0 0.5rem; font-size: 1.25rem; }
ul.un-languages h2 a { color: #1d3f6e; }
ul.un-docs { list-style: none; padding: 0; margin: 0; }
ul.un-docs li { margin-block: 0.3rem; }
.un-title { display: block; font-style: italic; }
.un-title:lang(zh), .un-title:lang(ar) { font-style: normal; }
.un-symbol { unicode-bidi: isolate; white-space: nowrap; }
a { color: #1d3f6e; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: start; padding: 0.35rem 0.6rem; border-block-end: 1px solid #ccc; }
.bar { display: inline-block; width: 10rem; height: 0.8rem; background: #ddd; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #2e7d32; }
footer { max-width: 60rem; margin: 1rem auto 2rem; padding: 0 1rem; }
.un-table { overflow-x: auto; }
"""

#: Each element tagged with a language is set in that language's fonts (as its pages are):
#: else its spaces and any letter the first face lacks come from another face.
STYLE += "".join(
    f'[lang="{lang.html_lang}"] {{ font-family: {lang.css_fonts}; }}\n'
    for lang in languages.LANGUAGES
)


@dataclass(frozen=True)
class Document:
    name: str
    symbol: str


def collection(srcdir: Path) -> list[Document]:
    """The collection's documents with their symbols, read from the sources."""
    documents = []
    for name in document_names(srcdir):
        match = SYMBOL_RE.search((srcdir / f"{name}.md").read_text(encoding="utf-8"))
        documents.append(Document(name, match.group(1) if match else name))
    return documents


def _page(title: str, body: str, *, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No icon: say so, or every browser asks for /favicon.ico and logs a 404.
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _heading() -> str:
    names = "".join(
        f'<span lang="{lang.html_lang}" dir="{lang.direction}">'
        f"{html.escape(labels.masthead(lang.code).united_nations)}</span>"
        for lang in languages.LANGUAGES
    )
    return f"<header><h1>{names}</h1></header>"


TITLE_RE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def built_title(site: Path, code: str, name: str) -> str:
    """A document's title in one language, as its built page states it ("" if unbuilt)."""
    page = site / code / f"{name}.html"
    if not page.exists():
        return ""
    match = TITLE_RE.search(page.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)).strip() if match else ""


def landing_page(
    documents: list[Document], codes: list[str], titles: dict[tuple[str, str], str] | None = None,
) -> str:
    """The six languages by native name in UN order, each with its documents' titles,
    pages and PDFs."""
    titles = titles or {}
    cards = []
    for lang in languages.LANGUAGES:
        if lang.code not in codes:
            continue
        attrs = f'lang="{lang.html_lang}" dir="{lang.direction}"'
        items = "".join(
            f'<li><span class="un-symbol" dir="ltr">{html.escape(doc.symbol)}</span> '
            f'<span class="un-title">{html.escape(titles.get((lang.code, doc.name), ""))}</span> '
            f'<a href="{lang.code}/{doc.name}.html">HTML</a> · '
            f'<a href="{PDF_FOLDER}/{languages.pdf_name(doc.name, lang.code)}" '
            f'type="application/pdf">PDF</a></li>'
            for doc in documents
        )
        cards.append(
            f'<li {attrs}><h2><a href="{lang.code}/index.html">'
            f"{html.escape(lang.native_name)}</a></h2>"
            f'<ul class="un-docs">{items}</ul></li>'
        )
    body = (
        f"{_heading()}\n<main>\n<ul class=\"un-languages\">\n" + "\n".join(cards)
        + "\n</ul>\n</main>\n"
        '<footer><a href="status.html">Translation status</a></footer>'
    )
    title = " · ".join(doc.symbol for doc in documents) or "United Nations"
    return _page(title, body)


def status_page(rows: list[tuple[str, str, int, int, int, int, float]]) -> str:
    """Per language and document: a progress bar and the counts, linking to the pages.

    ``rows`` are (language, document, total, translated, fuzzy, untranslated, percent).
    """
    lines = []
    for code, doc, total, translated, fuzzy, untranslated, percent in rows:
        lang = languages.get(code)
        lines.append(
            f"<tr><td lang=\"{lang.html_lang}\" dir=\"{lang.direction}\">"
            f"{html.escape(lang.native_name)}</td>"
            f'<td><a href="{code}/{doc}.html">{html.escape(doc)}</a></td>'
            f'<td><span class="bar" role="img" aria-label="{percent:.0f}%">'
            f'<span style="width:{percent:.1f}%"></span></span> {percent:.0f}%</td>'
            f"<td>{translated}</td><td>{fuzzy}</td><td>{untranslated}</td><td>{total}</td></tr>"
        )
    body = (
        # The table scrolls sideways by itself on a narrow screen (not the whole page);
        # a named, focusable region so that keyboard users can scroll it too.
        f"{_heading()}\n<main>\n<h2 id=\"status\">Translation status</h2>\n"
        '<div class="un-table" role="region" aria-labelledby="status" tabindex="0">\n'
        "<table>\n<thead><tr>"
        "<th>Language</th><th>Document</th><th>Progress</th><th>Translated</th>"
        "<th>Fuzzy</th><th>Untranslated</th><th>Total</th></tr></thead>\n<tbody>\n"
        + "\n".join(lines) + "\n</tbody>\n</table>\n</div>\n</main>\n"
        '<footer><a href="index.html">All languages</a></footer>'
    )
    return _page("Translation status", body)


def write_site_pages(layout: Layout, codes: list[str]) -> list[Path]:
    """Write ``_build/html/index.html`` and ``status.html``."""
    from meetingdocs.i18n import stats

    out = layout.site_dir
    out.mkdir(parents=True, exist_ok=True)
    documents = collection(layout.srcdir)
    translated = languages.translated(codes)
    rows = []
    for code in translated:
        for po in layout.catalogues(code):
            try:
                s = stats.catalog_stats(po, code)
            except (OSError, ValueError):
                # Not readable: no figures to show. The build of that language refuses the
                # catalogue and names its file and line; the site pages must still be made.
                continue
            rows.append(
                (s.language, s.document, s.total, s.translated, s.fuzzy, s.untranslated,
                 s.percent)
            )
    titles = {(code, doc.name): built_title(out, code, doc.name)
              for code in codes for doc in documents}
    pages = {"index.html": landing_page(documents, codes, titles),
             "status.html": status_page(rows)}
    written = []
    for name, text in pages.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
