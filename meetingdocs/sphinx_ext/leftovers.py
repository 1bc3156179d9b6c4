"""What a build made for a document that no longer exists leaves its output folder.

Sphinx writes into its output folder and never removes a file: after a document is
renamed or deleted, its old page stays in the HTML folder (and would be published), and
its old ``.tex`` stays in the LaTeX folder, where LaTeX would make its PDF again. Once a
build has written everything, the pages and LaTeX files of documents that are no longer
in the collection are removed, so that the output is exactly what today's sources make.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Pages of Sphinx's HTML builders that are not documents.
BUILDER_PAGES = frozenset({"genindex", "search"})
#: The files LaTeX leaves beside a ``.tex``, by suffix (and the digest of its content).
LATEX_SUFFIXES = (".tex", ".pdf", ".aux", ".log", ".out", ".toc", ".fls", ".fdb_latexmk",
                  ".xdv", ".texhash", ".idx", ".ilg", ".ind", ".running")


def html_pages(app: Sphinx) -> set[str]:
    """The page names this build writes: documents, Sphinx's own and extra pages."""
    builder = app.builder
    indices = {name for name, *_ in getattr(builder, "domain_indices", [])}
    return (set(app.env.found_docs) | BUILDER_PAGES | set(app.config.html_additional_pages)
            | indices)


def stale_html(app: Sphinx) -> list[Path]:
    outdir = Path(app.outdir)
    suffix = getattr(app.builder, "out_suffix", ".html")
    keep = html_pages(app)
    return [page for page in outdir.rglob(f"*{suffix}")
            if not page.relative_to(outdir).parts[0].startswith("_")
            and page.relative_to(outdir).with_suffix("").as_posix() not in keep]


def stale_latex(app: Sphinx) -> list[Path]:
    outdir = Path(app.outdir)
    keep = {Path(target).stem for _, target, *_ in app.config.latex_documents}
    return [path for path in outdir.iterdir()
            if path.is_file() and path.name.endswith(LATEX_SUFFIXES)
            and _stem(path.name) not in keep]


def _stem(name: str) -> str:
    for suffix in LATEX_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def remove_leftovers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remove the output of documents no longer in the collection."""
    if exception is not None:
        return
    if app.builder.format == "html":
        stale = stale_html(app)
    elif app.builder.name == "latex":
        stale = stale_latex(app)
    else:
        return
    for path in stale:
        logger.info("removed %s: its document is no longer in the collection", path)
        path.unlink(missing_ok=True)


def setup_leftovers(app: Sphinx) -> None:
    app.connect("build-finished", remove_leftovers)
