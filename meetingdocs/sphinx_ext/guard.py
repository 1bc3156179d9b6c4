"""Refuse to publish from a catalogue with a blocking finding (injection, broken markup).

Before a translated build writes anything, every catalogue of its language is checked
(:mod:`meetingdocs.checks`); a blocking finding stops the build with the finding's file,
line and message. Fuzzy entries are never published.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError
from sphinx.util import logging

from meetingdocs import languages
from meetingdocs.i18n.checks import check_catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class CatalogueRefused(ExtensionError):
    category = "Catalogue refused"


def catalogues(app: Sphinx) -> list[Path]:
    """The ``.po`` files Sphinx will use for this build's language."""
    code = languages.get(app.config.language).code
    found: list[Path] = []
    for folder in app.config.locale_dirs:
        found += sorted((Path(app.srcdir) / folder / code / "LC_MESSAGES").glob("*.po"))
    return found


def refuse_blocking_findings(app: Sphinx) -> None:
    """``builder-inited``: check this language's catalogues; stop on a blocking finding.

    A catalogue found clean is remembered by the hash of its content, so an unchanged
    catalogue is not checked again (``msgfmt`` runs once per file).
    """
    if app.builder.name == "gettext" or app.config.language == languages.SOURCE_LANGUAGE:
        return
    memo = Path(app.doctreedir) / "meetingdocs-clean-catalogues.json"
    clean: dict[str, str] = json.loads(memo.read_text()) if memo.exists() else {}
    findings = []
    for po in catalogues(app):
        digest = hashlib.sha256(po.read_bytes()).hexdigest()
        if clean.get(str(po)) == digest:
            continue
        found = [f for f in check_catalog(po) if f.code in app.config.meetingdocs_blocking]
        findings += found
        if not found:
            clean[str(po)] = digest
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(json.dumps(clean, sort_keys=True))
    if findings:
        listing = "\n".join(str(f) for f in findings)
        raise CatalogueRefused(
            f"{len(findings)} blocking finding(s); nothing was published for "
            f"{app.config.language}:\n{listing}"
        )


def setup_guard(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_blocking_findings)
