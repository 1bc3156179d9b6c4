"""Wire the features of the meetingdocs Sphinx extension into one ``setup``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meetingdocs import __version__
from meetingdocs.agenda import setup_agenda
from meetingdocs.collection import setup_collection
from meetingdocs.config import setup_config
from meetingdocs.dateroles import setup_date_roles
from meetingdocs.doctrees import setup_doctrees
from meetingdocs.guard import setup_guard
from meetingdocs.html import setup_html
from meetingdocs.masthead import setup_masthead
from meetingdocs.nesting import setup_nesting
from meetingdocs.symbols import setup_symbols

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_html(app)
    setup_masthead(app)
    setup_agenda(app)
    setup_date_roles(app)
    setup_symbols(app)
    setup_collection(app)
    setup_guard(app)
    setup_nesting(app)
    setup_doctrees(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
