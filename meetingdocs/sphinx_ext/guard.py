"""Refuse to publish from a catalogue with a blocking finding (injection, broken markup).

Before a translated build reads anything, every catalogue of its language, exactly as
:mod:`meetingdocs.sphinx_ext.catalogs` read and compiled it, is checked
(:mod:`meetingdocs.i18n.checks`); a blocking finding stops the build with the finding's
file, line and message. Fuzzy entries are never published.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from meetingdocs import languages
from meetingdocs.i18n import (
    checks,
    findings,
    glossary,
    inputs,
    mdtokens,
    msgfmt,
    poentry,
    poread,
    rules,
    shape,
)
from meetingdocs.i18n.checks import check_bytes
from meetingdocs.i18n.mdtokens import parser_config
from meetingdocs.sphinx_ext.catalogs import CatalogueRefused, compiled_catalogues

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

__all__ = ["CatalogueRefused", "checks_version", "refuse_blocking_findings", "setup_guard"]

_CHECK_MODULES = (checks, findings, glossary, inputs, mdtokens, msgfmt, poentry, poread, rules,
                  shape)


@cache
def checks_version() -> str:
    """A hash of the checks' own code: a new or changed rule re-checks every catalogue."""
    digest = hashlib.sha256()
    for module in _CHECK_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def refuse_blocking_findings(app: Sphinx) -> None:
    """``builder-inited``: check this language's catalogues; stop on a blocking finding.

    A catalogue found clean is remembered by the hash of its content and of the checks'
    code, so an unchanged catalogue is not checked again (``msgfmt`` runs once per file)
    until a rule changes.
    """
    if app.builder.name == "gettext" or app.config.language == languages.SOURCE_LANGUAGE:
        return
    memo = Path(app.doctreedir) / "meetingdocs-clean-catalogues.json"
    clean: dict[str, str] = json.loads(memo.read_text()) if memo.exists() else {}
    found_all = []
    markdown = parser_config(app.config)  # MyST's parser exactly as this build makes it
    settings = hashlib.sha256(repr(markdown).encode()).hexdigest()[:8]
    for record in compiled_catalogues(app):
        blocking = ",".join(sorted(app.config.meetingdocs_blocking))
        key = str(record.source.path)
        digest = f"{checks_version()}:{blocking}:{settings}:{record.digest}"
        if clean.get(key) == digest:
            continue
        every = check_bytes(record.source.path, record.data, markdown=markdown)
        for finding in every:
            if finding.code == "empty":
                logger.warning("%s", finding, type="meetingdocs", subtype="empty-catalogue")
        found = [f for f in every if f.code in app.config.meetingdocs_blocking]
        found_all += found
        if found:
            clean.pop(key, None)
        else:
            clean[key] = digest
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_text(json.dumps(clean, sort_keys=True))
    if found_all:
        listing = "\n".join(str(f) for f in found_all)
        raise CatalogueRefused(
            f"{len(found_all)} blocking finding(s); nothing was published for "
            f"{app.config.language}:\n{listing}"
        )


def setup_guard(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_blocking_findings)
