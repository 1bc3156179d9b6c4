"""The meetingdocs Sphinx extension: every feature wired into one ``setup``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meetingdocs import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here: reading a collection's settings (options) must not load every feature.
    from meetingdocs.sphinx_ext.agenda import setup_agenda
    from meetingdocs.sphinx_ext.catalogs import setup_catalogs
    from meetingdocs.sphinx_ext.collection import setup_collection
    from meetingdocs.sphinx_ext.config import setup_config
    from meetingdocs.sphinx_ext.dateroles import setup_date_roles
    from meetingdocs.sphinx_ext.doctrees import setup_doctrees
    from meetingdocs.sphinx_ext.drafts import setup_drafts
    from meetingdocs.sphinx_ext.fallback import setup_fallback
    from meetingdocs.sphinx_ext.guard import setup_guard
    from meetingdocs.sphinx_ext.html import setup_html
    from meetingdocs.sphinx_ext.latex_config import setup_latex_config
    from meetingdocs.sphinx_ext.leftovers import setup_leftovers
    from meetingdocs.sphinx_ext.manifest import setup_manifest
    from meetingdocs.sphinx_ext.masthead import setup_masthead
    from meetingdocs.sphinx_ext.mistakes import setup_mistakes
    from meetingdocs.sphinx_ext.msgstr_parse import setup_msgstr_parse
    from meetingdocs.sphinx_ext.nesting import setup_nesting
    from meetingdocs.sphinx_ext.options import setup_options
    from meetingdocs.sphinx_ext.progress import setup_progress
    from meetingdocs.sphinx_ext.sources import setup_sources
    from meetingdocs.sphinx_ext.symbols import setup_symbols

    app.setup_extension("myst_parser")
    setup_msgstr_parse(app)
    setup_options(app)
    setup_config(app)
    setup_mistakes(app)  # first: its event is connected to by the others
    setup_sources(app)
    setup_latex_config(app)
    setup_html(app)
    setup_masthead(app)
    setup_agenda(app)
    setup_date_roles(app)
    setup_fallback(app)
    setup_drafts(app)
    setup_symbols(app)
    setup_collection(app)
    setup_catalogs(app)
    setup_guard(app)
    setup_nesting(app)
    setup_doctrees(app)
    setup_manifest(app)
    setup_leftovers(app)
    setup_progress(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
