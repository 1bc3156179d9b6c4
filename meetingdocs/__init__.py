"""Publish United Nations meeting documents in the six official languages with Sphinx.

``extensions = ["meetingdocs"]`` in ``conf.py`` loads the Sphinx extension; the
``meetingdocs`` command builds, checks and maintains a collection (see ``cli``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: the CLI starts faster without it

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from meetingdocs.sphinx_ext import setup as setup_extension

    return setup_extension(app)
