"""The base of the roles whose content is machine data (dates, symbols, item keys).

Such a role renders its content in the page's language; content it cannot read is an
author's mistake, reported at that place in the source and stopping the build, never a
crash or silently wrong text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from meetingdocs import languages

RoleResult = tuple[list[nodes.Node], list[nodes.system_message]]


class DataRole(SphinxRole):
    """A role over machine data, with the page's language at hand."""

    @property
    def language(self) -> languages.Language:
        return languages.get(self.config.language)

    def fail(self, message: str) -> RoleResult:
        """Report ``message`` at the role's line, an error: the build stops once every
        document is read (:mod:`meetingdocs.sphinx_ext.mistakes`)."""
        msg = self.inliner.reporter.error(message, line=self.lineno)
        return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
