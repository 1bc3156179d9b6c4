"""Refuse to publish from a catalogue with a blocking finding (injection, broken markup).

Before a translated build reads anything, every catalogue of its language, exactly as
:mod:`meetingdocs.sphinx_ext.catalogs` read and compiled it, is checked
(:mod:`meetingdocs.i18n.checks`); a blocking finding stops the build with the finding's
file, line and message. Fuzzy entries are never published.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from meetingdocs.i18n.findings import Finding
from meetingdocs.i18n.mdtokens import keeping, parser_config
from meetingdocs.sphinx_ext.catalogs import CatalogueRefused, Compiled, compiled_catalogues
from meetingdocs.storage import write_whole

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

__all__ = ["CLEAN_CATALOGUES", "CatalogueRefused", "check_catalogues", "checks_version",
           "read_clean",
           "recorded_findings", "refuse_blocking_findings", "setup_guard"]

_CHECK_MODULES = (checks, findings, glossary, inputs, mdtokens, msgfmt, poentry, poread, rules,
                  shape)


@cache
def checks_version() -> str:
    """A hash of the checks' own code: a new or changed rule re-checks every catalogue."""
    digest = hashlib.sha256()
    for module in _CHECK_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


#: The memo of the catalogues found clean, in each language's doctree folder: catalogue
#: path -> {"key": what it was checked with, "sha256": of its bytes, "findings": [...]}.
#: The review pages show those findings rather than checking every catalogue again.
CLEAN_CATALOGUES = "meetingdocs-clean-catalogues.json"


def read_clean(doctreedir: Path) -> dict[str, dict[str, Any]]:
    """The memo of ``doctreedir``; entries in an older form are left out (checked again)."""
    return dict(_memo(doctreedir)[0])


def _memo(doctreedir: Path) -> tuple[dict[str, dict[str, Any]], dict[Path, dict[str, Any]]]:
    """The memo's entries by path as written and by resolved path, read once while the
    file stays the same (a review page per catalogue asks for its findings)."""
    memo = doctreedir / CLEAN_CATALOGUES
    try:
        status = os.stat(memo)
    except OSError:
        return {}, {}
    return _read_memo(str(memo), status.st_mtime_ns, status.st_size, status.st_ino)


@lru_cache(maxsize=16)
def _read_memo(memo: str, mtime_ns: int, size: int, inode: int
               ) -> tuple[dict[str, dict[str, Any]], dict[Path, dict[str, Any]]]:
    try:
        recorded = json.loads(Path(memo).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(recorded, dict):
        return {}, {}
    entries = {path: entry for path, entry in recorded.items()
               if isinstance(entry, dict) and {"key", "sha256", "findings"} <= entry.keys()}
    return entries, {Path(path).resolve(): entry for path, entry in entries.items()}


def recorded_findings(doctreedir: Path, path: Path,
                      terms: Path | None = None) -> list[Finding] | None:
    """The findings of the catalogue ``path`` as its language's last build checked it,
    if that build found it clean, with the same checks and glossary (``terms``), in the
    bytes it has now."""
    entry = _memo(doctreedir)[1].get(path.resolve())
    if entry is None:
        return None
    key = str(entry["key"])
    if (entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            and key.startswith(checks_version() + ":")
            and key.endswith(":" + _terms_digest(terms))):
        return [Finding(path, f["line"], f["msgid"], f["code"], f["message"], f["blocking"])
                for f in entry["findings"]]
    return None


def _terms_digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "none"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _glossary_path(app: Sphinx) -> Path | None:
    return (Path(app.confdir) / app.config.meetingdocs_glossary
            if app.config.meetingdocs_glossary else None)


def check_catalogues(
    doctreedir: Path, records: list[Compiled], *, language: str, markdown: MdParserConfig,
    blocking: frozenset[str] | set[str], glossary_path: Path | None,
) -> tuple[list[Finding], list[Finding]]:
    """Check ``records`` (the catalogues of ``language`` as read) and keep the memo of
    ``doctreedir`` up to date; returns the blocking findings and the "empty" ones.

    A catalogue found clean is remembered with its findings by the hash of its content,
    of the checks' code, of the settings and of the glossary, so an unchanged catalogue is
    not checked again (``msgfmt`` runs once per file) until one of them changes.
    """
    clean = read_clean(doctreedir)
    found_all: list[Finding] = []
    empty: list[Finding] = []
    settings = hashlib.sha256(repr(markdown).encode()).hexdigest()[:8]
    digest = (f"{checks_version()}:{','.join(sorted(blocking))}:{settings}:"
              f"{_terms_digest(glossary_path)}" if records else "")
    terms: glossary.Glossary | None = None
    loaded = False
    for record in records:
        key = str(record.source.path)
        known = clean.get(key, {})
        if known.get("key") == digest and known["sha256"] == record.digest:
            empty += [Finding(record.source.path, f["line"], f["msgid"], f["code"],
                              f["message"], f["blocking"])
                      for f in known["findings"] if f["code"] == "empty"]
            continue
        if not loaded:
            terms = (glossary.load_tbx(glossary_path)
                     if glossary_path is not None and glossary_path.is_file() else None)
            loaded = True
        every = check_bytes(record.source.path, record.data, language=language,
                            glossary=terms, markdown=markdown)
        empty += [f for f in every if f.code == "empty"]
        found = [f for f in every if f.code in blocking]
        found_all += found
        if found:
            clean.pop(key, None)
        else:
            clean[key] = {"key": digest, "sha256": record.digest, "findings": [
                {"line": f.line, "msgid": f.msgid, "code": f.code, "message": f.message,
                 "blocking": f.blocking} for f in every]}
    write_whole(doctreedir / CLEAN_CATALOGUES, json.dumps(clean, sort_keys=True))
    return found_all, empty


def refuse_blocking_findings(app: Sphinx) -> None:
    """``builder-inited``: check this language's catalogues (:func:`check_catalogues`);
    stop on a blocking finding."""
    if app.builder.name == "gettext" or app.config.language == languages.SOURCE_LANGUAGE:
        return
    with keeping():  # the translation renders, from these parses, what the checks parse
        found_all, empty = check_catalogues(
            Path(app.doctreedir), compiled_catalogues(app), language=app.config.language,
            markdown=parser_config(app.config),  # MyST's parser exactly as this build makes it
            blocking=app.config.meetingdocs_blocking, glossary_path=_glossary_path(app))
    for finding in empty:
        logger.warning("%s", finding, type="meetingdocs", subtype="empty-catalogue")
    if found_all:
        listing = "\n".join(str(f) for f in found_all)
        raise CatalogueRefused(
            f"{len(found_all)} blocking finding(s); nothing was published for "
            f"{app.config.language}:\n{listing}"
        )


def setup_guard(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_blocking_findings)
