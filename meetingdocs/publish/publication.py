"""Publish only the language versions that are ready; the drafts hold every version.

Sphinx builds each language once, into its drafts (``_build/drafts/html/<lang>``): every
page with a draft banner, every version however far its translation has come. Whether a
version of a document is published is decided by that build
(:func:`meetingdocs.sphinx_ext.manifest.version_state`, recorded in the manifest) from
its catalogue and the collection's ``meetingdocs_publish_threshold``. Publication then
makes the site (``_build/html/<lang>``) from the drafts:

- a published version's page is its draft page without what only the draft shows and
  without the links to versions that are not published (the theme marks both), so the
  published text is, byte for byte, the text translators and revisers looked at;
- in place of a version that is not published, a notice in that language ("this version
  is being prepared", its share translated, a link to the original), marked ``noindex``
  so that neither the sitemap nor the search lists it;
- a PDF is published (``_build/pdf``, ``_build/html/pdf``) only for a published version;
  every PDF goes to the drafts (``_build/drafts/pdf``, ``_build/drafts/html/pdf``).

A version that stops being ready (a new sentence in the source) is withdrawn the same
way: its page becomes the notice and its PDF leaves the site.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from meetingdocs import languages
from meetingdocs.publish.layout import Layout

Manifest = Mapping[str, Any]

#: What only the draft shows (the banner), as the theme marks it.
DRAFT_ONLY = re.compile(r"<!--un-draft-only-->.*?<!--/un-draft-only-->\n?", re.DOTALL)
#: A link to the same page in another language version.
VERSION_LINK = re.compile(r"<!--un-version:([\w-]+)-->(.*?)<!--/un-version-->", re.DOTALL)


def pages(manifest: Manifest) -> list[Mapping[str, Any]]:
    """The pages a language's manifest describes: its documents and the collection page."""
    root = manifest.get("root_doc")
    return [*([root] if root else []), *manifest.get("documents", [])]


def published_versions(manifests: Mapping[str, Manifest]) -> dict[str, set[str]]:
    """Page name -> the codes of the languages it is published in."""
    found: dict[str, set[str]] = {}
    for code, manifest in manifests.items():
        for page in pages(manifest):
            if page.get("published", True):
                found.setdefault(page["docname"], set()).add(code)
    return found


def publication_key(layout: Layout, code: str, manifests: Mapping[str, Manifest]) -> str:
    """What the published pages and review pages of ``code`` are made from: its build
    (the stamp's fingerprint covers sources, catalogues and this package), its manifest,
    which versions of every page are published (the links between them), the glossary.
    The same key means the same pages: nothing is published again."""
    digest = hashlib.sha256(code.encode())
    stamp = layout.stamp(code, "html")
    digest.update(stamp.read_bytes() if stamp.is_file() else b"no stamp")
    digest.update(json.dumps(manifests.get(code), sort_keys=True).encode())
    versions = {name: sorted(codes) for name, codes in published_versions(manifests).items()}
    digest.update(json.dumps(versions, sort_keys=True).encode())
    if layout.glossary is not None and layout.glossary.is_file():
        digest.update(layout.glossary.read_bytes())
    return digest.hexdigest()


def published_page(draft: str, published_in: set[str]) -> str:
    """The published page made from its ``draft``: no banner, links only to versions
    that are published (``published_in``: their codes)."""
    text = DRAFT_ONLY.sub("", draft)
    return VERSION_LINK.sub(lambda m: m.group(2) if m.group(1) in published_in else "", text)


def notice_page(code: str, page: Mapping[str, Any], depth: int) -> str:
    """The page published in place of a version in preparation (``depth``: folders below
    the language's own)."""
    from meetingdocs.publish.site import render
    from meetingdocs.un import labels, readiness

    lang = languages.get(code)
    share = page.get("share") or 0.0
    up = "../" * (depth + 1)
    return render(
        "notice.html", lang=lang, symbol=page.get("symbol", ""), title=page.get("title", ""),
        words=readiness.words(code), text=readiness.notice_text(code, share),
        united_nations=labels.masthead(code).united_nations,
        home=labels.page_labels(code).home, home_url=f"{up}index.html",
        original_url=f"{up}{languages.SOURCE_LANGUAGE}/{page['docname']}.html",
    )


def _write(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it (unchanged pages keep their date)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _copy(source: Path, target: Path) -> None:
    status = source.stat()
    if target.is_file():
        mine = target.stat()
        if mine.st_size == status.st_size and mine.st_mtime_ns == status.st_mtime_ns:
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def publish_language(layout: Layout, code: str, manifests: Mapping[str, Manifest]) -> list[Path]:
    """Make the published pages of ``code`` from its drafts; returns the pages written."""
    drafts, site = layout.draft_html_dir(code), layout.html_dir(code)
    if code not in manifests or not drafts.is_dir():
        return []
    versions = published_versions(manifests)
    own = {page["docname"]: page for page in pages(manifests[code])}
    written = []
    for source in sorted(drafts.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(drafts)
        target = site / relative
        if source.suffix != ".html":
            _copy(source, target)
            continue
        name = relative.with_suffix("").as_posix()
        page = own.get(name)
        if page is not None and not page.get("published", True):
            text = notice_page(code, page, len(relative.parts) - 1)
        else:
            text = published_page(source.read_text(encoding="utf-8"), versions.get(name, set()))
        if _write(target, text):
            written.append(target)
    return written + remove_unpublished(drafts, site)


def remove_unpublished(drafts: Path, site: Path) -> list[Path]:
    """The site's files that the drafts no longer have (a document renamed or deleted)
    leave the site; the search index is made again from what stays."""
    from meetingdocs.publish.search import INDEX_FOLDER

    removed = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if relative.parts[0] == INDEX_FOLDER or not path.is_file():
            continue
        if not (drafts / relative).is_file():
            path.unlink()
            removed.append(path)
    return removed


def publish_pdfs(layout: Layout, code: str, pdfs: Iterable[Path]) -> list[Path]:
    """Put every PDF of ``code`` in the drafts, and those of published versions on the
    site; a PDF of a version no longer published leaves the site. Returns the outputs."""
    from meetingdocs.publish.layout import read_manifests

    manifest = read_manifests(layout, [code]).get(code, {})
    unpublished = {page["pdf"] for page in manifest.get("documents", [])
                   if not page.get("published", True)}
    outputs = []
    for pdf in pdfs:
        for folder in layout.draft_pdf_dirs:
            _copy(pdf, folder / pdf.name)
            outputs.append(folder / pdf.name)
        for folder in (layout.pdf_dir, layout.site_pdf_dir):
            target = folder / pdf.name
            if pdf.name in unpublished:
                target.unlink(missing_ok=True)
            else:
                _copy(pdf, target)
                outputs.append(target)
    _remove_old_pdfs(layout, code)
    return outputs


def _remove_old_pdfs(layout: Layout, code: str) -> None:
    """The PDFs of ``code`` whose document is no longer in the collection."""
    from meetingdocs.publish.layout import read_manifests

    documents = {page["pdf"] for manifest in read_manifests(layout, list(languages.CODES))
                 .values() for page in manifest.get("documents", [])}
    suffix = languages.pdf_name("", code)
    for folder in (*layout.draft_pdf_dirs, layout.pdf_dir, layout.site_pdf_dir):
        for pdf in folder.glob(f"*{suffix}") if folder.is_dir() else ():
            if pdf.name not in documents:
                pdf.unlink()
