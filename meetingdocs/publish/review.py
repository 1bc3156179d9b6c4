"""The side-by-side review pages of the drafts: each segment, its translation, its state.

``_build/drafts/review/<lang>/<document>.html`` lists every segment of the English source
in reading order (the catalogue's order, which is the document's) beside its translation,
with its state — translated, fuzzy (the English it was translated from shown against
today's, word by word), untranslated, or blocked by a finding of the catalogue checks —
its catalogue file and line, and the findings of ``make check`` on that segment.
Translations are set in their language's direction. Revisers see at a glance what is
missing or misaligned, before the version is published.
"""

from __future__ import annotations

import difflib
import hashlib
import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from meetingdocs import languages
from meetingdocs.i18n.findings import Finding
from meetingdocs.i18n.poentry import Entry
from meetingdocs.publish.layout import Layout

STATES = ("translated", "fuzzy", "untranslated", "blocked")


def entry_state(entry: Entry, findings: list[Finding]) -> str:
    """One of :data:`STATES`, by the counts' rules (:mod:`meetingdocs.i18n.stats`)."""
    if any(f.blocking for f in findings):
        return "blocked"
    if entry.fuzzy and entry.has_translation:
        return "fuzzy"
    return "translated" if entry.translated else "untranslated"


def word_diff(before: str, after: str) -> str:
    """``before`` against ``after``, word by word, as HTML (``<del>``, ``<ins>``)."""
    old, new = before.split(), after.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{html.escape(' '.join(old[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{html.escape(' '.join(new[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(html.escape(" ".join(old[i1:i2])))
    return " ".join(parts)


#: Markup kept as it is in a translation: set apart, left to right, in either column.
_KEPT = frozenset({"role", "code", "substitution", "symbol", "url", "autolink"})


def marked_up(text: str) -> str:
    """``text`` as HTML, its roles, code and symbols isolated left to right (inside a
    right-to-left cell they would otherwise be reordered) by the catalogue checks'
    reading of MyST markup (:func:`meetingdocs.i18n.markup.tokens`)."""
    from meetingdocs.i18n.markup import tokens

    parts, at = [], 0
    for token in tokens(text):
        if token.kind not in _KEPT:
            continue
        parts.append(html.escape(text[at:token.start]))
        parts.append(f'<code dir="ltr" translate="no">{html.escape(token.text)}</code>')
        at = token.end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def segments(path: Path, code: str, findings: list[Finding]) -> list[dict[str, Any]]:
    """The rows of one catalogue's review page."""
    from meetingdocs.i18n.po import read_catalog

    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    rows = []
    for entry in read_catalog(path).messages:
        found = by_line.get(entry.line, [])
        rows.append({
            "source": marked_up(entry.msgid),
            "translation": marked_up("\n".join(s for s in entry.msgstrs if s)),
            "state": entry_state(entry, found),
            "line": entry.line,
            "previous": (word_diff(entry.previous_msgid, entry.msgid)
                         if entry.fuzzy and entry.previous_msgid else ""),
            # The state says it already: "untranslated", "fuzzy".
            "findings": [f"[{f.code}] {f.message}" for f in found if f.code not in STATES],
        })
    return rows


def review_page(layout: Layout, code: str, docname: str, path: Path) -> str:
    """The review page of ``docname`` in ``code`` from its catalogue ``path``."""
    from meetingdocs.i18n.checks import check_catalog
    from meetingdocs.i18n.glossary import load_tbx
    from meetingdocs.publish.site import render
    from meetingdocs.sphinx_ext.guard import recorded_findings

    found = recorded_findings(layout.doctree_dir(code), path, layout.glossary)
    if found is None:  # not found clean by the last build: check it here
        glossary = load_tbx(layout.glossary) if layout.glossary and layout.glossary.is_file() \
            else None
        found = check_catalog(path, language=code, glossary=glossary)
    rows = segments(path, code, found)
    counts = {state: sum(1 for r in rows if r["state"] == state) for state in STATES}
    return render("review.html", lang=languages.get(code),
                  source=languages.get(languages.SOURCE_LANGUAGE), docname=docname,
                  catalogue=path.relative_to(layout.root).as_posix()
                  if path.is_relative_to(layout.root) else str(path),
                  rows=rows, counts=counts)


def review_key(layout: Layout, code: str, docname: str, path: Path) -> str:
    """What a review page is made from: its catalogue, the glossary, this package (the
    checks, the template, the language data). Written into the page, so an unchanged
    catalogue is not checked again."""
    from meetingdocs.publish.stamps import content_digest, package_digest

    digest = hashlib.sha256(f"{code}:{docname}:{package_digest()}".encode())
    digest.update(content_digest(path))
    if layout.glossary is not None and layout.glossary.is_file():
        digest.update(content_digest(layout.glossary))
    return digest.hexdigest()


def write_review_pages(layout: Layout, manifests: Mapping[str, Mapping[str, Any]]) -> list[Path]:
    """Write the review page of every catalogue of every built translated language;
    returns those whose text changed."""
    from meetingdocs.publish.publication import pages

    written = []
    for code in languages.translated(list(manifests)):
        written += write_language_review_pages(
            layout, code, [page["docname"] for page in pages(manifests[code])])
    return written


def write_language_review_pages(layout: Layout, code: str, docnames: Sequence[str]
                                ) -> list[Path]:
    """Write the review page of the catalogue of each of ``docnames`` (the documents of
    a build of ``code``) and remove those of other documents; returns the pages whose
    text changed. A page whose catalogue, glossary and checks are unchanged is kept."""
    catalogues = {po.stem: po for po in layout.catalogues(code)}
    written = _remove_old_pages(layout, code, set(docnames))
    for docname in docnames:
        path = catalogues.get(docname)
        if path is None:
            continue
        target = layout.review_page(code, docname)
        marker = f"<!--un-review-key:{review_key(layout, code, docname, path)}-->\n"
        before = target.read_text(encoding="utf-8") if target.is_file() else ""
        if before.endswith(marker):
            continue
        text = review_page(layout, code, docname, path) + marker
        if before != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def _remove_old_pages(layout: Layout, code: str, docnames: set[str]) -> list[Path]:
    """The review pages of documents no longer in the collection."""
    folder = layout.review_page(code, "x").parent
    old = [page for page in folder.rglob("*.html")
           if page.relative_to(folder).with_suffix("").as_posix() not in docnames]
    for page in old:
        page.unlink()
    return old
