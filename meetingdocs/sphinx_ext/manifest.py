"""What a language version contains, written when its build finishes, for the site pages.

Each build of a language writes ``meetingdocs-manifest.json`` beside its environment
(the doctree folder): every document Sphinx found with its symbol (recorded by the
``un-document`` directive), its title in that language, its PDF, and how far that
language's catalogue of it has come (entries and words: translated, fuzzy,
untranslated) and whether that version is published. The landing and status pages are made from these files
(:mod:`meetingdocs.publish.site`), never from the built HTML or the sources.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs import languages
from meetingdocs.i18n.po import read_catalog
from meetingdocs.i18n.stats import entry_stats, ready_for_publication
from meetingdocs.sphinx_ext.documents import meeting_documents
from meetingdocs.sphinx_ext.fallback import built_share
from meetingdocs.sphinx_ext.records import MANIFEST_NAME
from meetingdocs.storage import write_whole

if TYPE_CHECKING:
    from sphinx.application import Sphinx



def catalogue_path(app: Sphinx, docname: str) -> Path | None:
    """This language's catalogue of ``docname`` (the first of ``locale_dirs`` that has it)."""
    code = languages.get(app.config.language).code
    for folder in app.config.locale_dirs:
        path = Path(app.srcdir) / folder / code / "LC_MESSAGES" / f"{docname}.po"
        if path.is_file():
            return path.resolve()
    return None


def completeness(path: Path, code: str) -> dict[str, Any] | None:
    """Entries and words of a catalogue: translated, fuzzy, untranslated (None: unreadable).

    Asked for each document by its draft banner, its PDF and the manifest: read once
    while the file stays as it is. The figures are shared: callers do not change them."""
    try:
        status = path.stat()
    except OSError:
        return None
    return _completeness(str(path), status.st_mtime_ns, status.st_size, status.st_ino, code)


@functools.lru_cache(maxsize=1024)
def _completeness(name: str, mtime_ns: int, size: int, inode: int,
                  code: str) -> dict[str, Any] | None:
    path = Path(name)
    try:
        entries = read_catalog(path).messages
        stats = entry_stats(path, code, entries)
    except (OSError, ValueError):
        return None
    words = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for entry in entries:
        # The same three states as the entry counts of meetingdocs.i18n.stats.
        if entry.fuzzy and entry.has_translation:
            state = "fuzzy"
        elif entry.translated:
            state = "translated"
        else:
            state = "untranslated"
        words[state] += len(entry.msgid.split())
    return {
        "entries": {"total": stats.total, "translated": stats.translated,
                    "fuzzy": stats.fuzzy, "untranslated": stats.untranslated},
        "percent": stats.percent,
        "words": words,
    }


@dataclass(frozen=True)
class VersionState:
    """How far one language version of one page has come, and whether it is published."""

    share: float | None
    """Per cent of its catalogue translated; ``None`` for the source language."""
    published: bool


def version_state(app: Sphinx, docname: str) -> VersionState:
    """The state of ``docname`` in this build's language, under the collection's
    ``meetingdocs_publish_threshold``, the lower of its catalogue's share and the share of
    the document this build translated. The source is published; so is the collection's
    own page (``root_doc``), which lists the documents; a document without a catalogue
    has none of its text translated."""
    code = languages.get(app.config.language).code
    if code == languages.SOURCE_LANGUAGE:
        return VersionState(None, True)
    po = catalogue_path(app, docname)
    figures = None if po is None else completeness(po, code)
    share = 0.0 if figures is None else figures["percent"]
    # What the build found untranslated counts too: a paragraph of the source that the
    # catalogue does not have yet (the source changed since update-po) is English.
    built = built_share(app.env, docname)
    if built is not None:
        share = min(share, built)
    published = docname == app.config.root_doc or ready_for_publication(
        share, app.config.meetingdocs_publish_threshold)
    return VersionState(share, published)


def page(app: Sphinx, docname: str) -> dict[str, Any]:
    env = app.env
    code = languages.get(app.config.language).code
    title = env.titles.get(docname)
    po = None if code == languages.SOURCE_LANGUAGE else catalogue_path(app, docname)
    state = version_state(app, docname)
    return {
        "published": state.published,
        "share": state.share,
        "docname": docname,
        "symbol": env.metadata.get(docname, {}).get("un-symbol", docname),
        "title": title.astext() if title is not None else "",
        "pdf": languages.pdf_name(docname, code),
        "catalogue": None if po is None else completeness(po, code),
    }


def manifest(app: Sphinx) -> dict[str, Any]:
    """The manifest of this build's language (see the module's description)."""
    root = app.config.root_doc
    return {
        "language": languages.get(app.config.language).code,
        "root_doc": page(app, root) if root in app.env.found_docs else None,
        "documents": [page(app, name) for name in meeting_documents(app.env)],
    }


def write_manifest(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the manifest of a successful build."""
    if exception is not None or app.builder.name == "gettext":
        return
    path = Path(app.doctreedir) / MANIFEST_NAME
    text = json.dumps(manifest(app), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_whole(path, text)  # the other languages' workers read it meanwhile


def setup_manifest(app: Sphinx) -> None:
    app.connect("build-finished", write_manifest)
