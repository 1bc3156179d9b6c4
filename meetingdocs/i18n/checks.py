"""Quality checks of translation catalogues: UN "Basic Check" rules and injection defence.

Each entry of a ``.po`` catalogue pairs a raw MyST Markdown paragraph (msgid) with its
translation (msgstr). Sphinx parses the msgstr with the same parser as the source, so a
translation can break the page or inject markup. The checks here compare each msgstr with
its msgid the way UN translators' own tool (eLUNa "Basic Check") does, and more:

- markup parity: roles (machine-data roles byte-identical, other roles by target), link
  targets, inline code, emphasis and substitutions;
- document symbols unchanged, and no Cyrillic or Greek look-alike letters in symbols,
  sub-item labels or machine data;
- every number of the English present in the translation;
- no raw HTML, event attributes, script URLs, directives or LaTeX commands that the
  English lacks;
- catalogue hygiene: syntax, header (Language, Plural-Forms), ``msgfmt -c``, fuzzy and
  untranslated entries, and the approved terms of a glossary.

Results are :class:`Finding` objects; ``blocking`` ones must stop publication.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from myst_parser.config.main import MdParserConfig

from meetingdocs import languages
from meetingdocs.i18n.findings import CODES, Finding, Problem, blocking
from meetingdocs.i18n.glossary import Glossary, language_key
from meetingdocs.i18n.inputs import InputRefused, outside, read_input
from meetingdocs.i18n.msgfmt import MsgfmtCheck, run_msgfmt
from meetingdocs.i18n.po import Catalog, Entry, PoSyntaxError, parse_bytes
from meetingdocs.i18n.rules import compare, injection_problems, scan

__all__ = [
    "CODES",
    "Entry",
    "Finding",
    "PoSyntaxError",
    "blocking",
    "check_bytes",
    "check_catalog",
    "check_entry",
    "check_paths",
    "compare",
    "injection_problems",
    "language_from_path",
    "run_msgfmt",
    "scan",
]

#: Expected ``nplurals`` of the ``Plural-Forms`` header, by base language (from the packs).
NPLURALS = languages.NPLURALS


def check_paths(paths: Iterable[Path], *, glossary: Glossary | None = None,
                markdown: MdParserConfig | None = None,
                roots: Sequence[Path] | None = None) -> list[Finding]:
    """Check each ``.po`` file, and every ``.po`` file under each folder, of *paths*.

    Besides the checks of :func:`check_catalog`, an English segment translated in two
    different ways in catalogues of the same language is reported (``inconsistent``).
    """
    findings: list[Finding] = []
    seen: dict[tuple[str, str | None, str], tuple[Path, Entry]] = {}
    for path in _catalog_files(paths):
        catalog, unread = _read(path, roots)
        if catalog is None:
            findings.extend(unread)
            continue
        findings.extend(_check(path, catalog, None, glossary, markdown))
        findings.extend(_inconsistencies(path, catalog, seen))
    return findings


def check_catalog(
    path: Path, *, language: str | None = None, glossary: Glossary | None = None,
    markdown: MdParserConfig | None = None,
) -> list[Finding]:
    """Check one catalogue; *language* defaults to its ``locale/<lang>/LC_MESSAGES`` folder.

    A file that cannot be parsed gives a single blocking ``syntax`` finding at the line
    of the error; this function does not raise for bad catalogues.
    """
    catalog, unread = _read(path, None)
    return unread if catalog is None else _check(path, catalog, language, glossary, markdown)


def check_bytes(
    path: Path, data: bytes, *, language: str | None = None, glossary: Glossary | None = None,
    markdown: MdParserConfig | None = None,
) -> list[Finding]:
    """Check the catalogue *data* that was read from *path* (the bytes a build publishes)."""
    try:
        catalog = parse_bytes(data)
    except PoSyntaxError as err:
        return [_file_finding(path, err.line, "syntax", f"PO syntax error: {err.message}")]
    return _check(path, catalog, language, glossary, markdown)


def _read(path: Path, roots: Sequence[Path] | None) -> tuple[Catalog | None, list[Finding]]:
    """The catalogue at *path*, or the one finding that says why it cannot be read.

    A link, a file that is not regular, one outside ``roots`` (the locale folders) or one
    too large is not read at all, so no finding can show what it points to.
    """
    try:
        if path.is_symlink():
            raise InputRefused(path, "not-a-catalogue", "the catalogue is a symbolic link; "
                               "it was not read (copy the file itself here)")
        if roots is not None and outside(path, roots):
            shown = ", ".join(str(r) for r in roots)
            raise InputRefused(path, "not-a-catalogue", "the catalogue leads out of the "
                               f"locale folder(s) {shown}; it was not read")
        return parse_bytes(read_input(path)), []
    except InputRefused as err:
        return None, [_file_finding(path, 1, err.code, err.reason)]
    except OSError as err:
        return None, [_file_finding(path, 1, "unreadable", f"cannot read the catalogue: {err}")]
    except PoSyntaxError as err:
        return None, [_file_finding(path, err.line, "syntax", f"PO syntax error: {err.message}")]


def _check(
    path: Path, catalog: Catalog, language: str | None, glossary: Glossary | None,
    markdown: MdParserConfig | None = None,
) -> list[Finding]:
    entries = catalog.entries
    if not entries:
        return [_file_finding(path, 1, "empty", EMPTY_MESSAGE)]
    msgfmt = MsgfmtCheck(path)  # runs while the checks below do
    try:
        header = _header_fields(entries)
        lang = language or language_from_path(path) or header.get("Language") or None
        findings = _check_header(path, entries, header, lang)
        for entry in catalog.messages:
            problems = check_entry(entry, lang, glossary, markdown)
            findings.extend(_finding(path, entry, code, message) for code, message in problems)
    finally:
        found_by_msgfmt = msgfmt.findings(entries)
    findings.extend(found_by_msgfmt)
    return sorted(findings, key=lambda finding: finding.line)


EMPTY_MESSAGE = ("the catalogue is empty (no header, no entry): nothing of this document is "
                 "translated, so this language's version would be the English")


def language_from_path(path: Path) -> str | None:
    """Return ``<lang>`` of a ``locale/<lang>/LC_MESSAGES/<doc>.po`` path, else None."""
    parent = path.parent
    if parent.name == "LC_MESSAGES" and parent.parent.name:
        return parent.parent.name
    return None


def _catalog_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            yield from sorted(_walk(path))
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Every ``.po`` below ``folder``, recursively, links listed but not followed."""
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        yield from (here / name for name in files if name.endswith(".po"))
        yield from (here / name for name in dirs if (here / name).is_symlink()
                    and name.endswith(".po"))


def _inconsistencies(
    path: Path, catalog: Catalog, seen: dict[tuple[str, str | None, str], tuple[Path, Entry]]
) -> list[Finding]:
    """Report translated entries whose msgid was translated otherwise in *seen*."""
    header = _header_fields(catalog.entries)
    lang = language_key(language_from_path(path) or header.get("Language", ""))
    findings = []
    for entry in catalog.messages:
        if entry.fuzzy or not all(entry.msgstrs):
            continue
        first_path, first = seen.setdefault((lang, entry.msgctxt, entry.msgid), (path, entry))
        if first.msgstrs != entry.msgstrs:
            where = f"{first_path}:{first.line}"
            message = f"the same English is translated differently at {where}"
            findings.append(_finding(path, entry, "inconsistent", message))
    return findings


def _file_finding(path: Path, line: int, code: str, message: str) -> Finding:
    return Finding(path, line, "", code, message, CODES[code])


def _finding(path: Path, entry: Entry, code: str, message: str) -> Finding:
    return Finding(path, entry.line, entry.msgid, code, message, CODES[code])


# --- header ----------------------------------------------------------------------------


def _header_fields(entries: Sequence[Entry]) -> dict[str, str]:
    header = next((e for e in entries if e.is_header), None)
    if header is None:
        return {}
    fields = {}
    for line in header.msgstr.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _check_header(
    path: Path, entries: Sequence[Entry], header: dict[str, str], lang: str | None
) -> list[Finding]:
    head = next((e for e in entries if e.is_header), None)
    line = head.line if head else 1
    messages = _header_messages(header, lang) if head else ["the catalogue has no header"]
    return [Finding(path, line, "", "header", message, CODES["header"]) for message in messages]


def _header_messages(header: dict[str, str], lang: str | None) -> list[str]:
    messages = []
    declared = header.get("Language", "")
    if not declared:
        messages.append("the header has no Language field")
    elif lang and not _same_language(declared, lang):
        messages.append(f"the header says Language: {declared}, but the catalogue is for {lang}")
    plural = header.get("Plural-Forms", "")
    expected = NPLURALS.get(language_key(lang)) if lang else None
    if not plural:
        messages.append("the header has no Plural-Forms field")
    elif expected is not None:
        found = re.search(r"nplurals\s*=\s*(\d+)", plural)
        if not found or int(found.group(1)) != expected:
            messages.append(
                f"Plural-Forms should declare nplurals={expected} for {lang}, found: {plural}"
            )
    return messages


def _same_language(first: str, second: str) -> bool:
    def norm(code: str) -> str:
        return code.replace("-", "_").lower()

    return norm(first) == norm(second)


# --- per-entry checks ------------------------------------------------------------------

def check_entry(entry: Entry, lang: str | None, glossary: Glossary | None,
                markdown: MdParserConfig | None = None) -> list[Problem]:
    """Return (code, message) for each problem of one catalogue entry.

    Fuzzy entries are not published, so only the injection checks run on them (they
    would be published if fuzzy translations were ever allowed).
    """
    if entry.fuzzy:
        problems = [("fuzzy", "the entry is marked fuzzy and will not be published")]
        for source, target in _pairs(entry):
            problems.extend(injection_problems(source, target, markdown) if target else [])
        return problems
    problems = []
    if not all(entry.msgstrs):
        problems.append(("untranslated", "the entry is not translated"))
    for source, target in _pairs(entry):
        if target:
            problems.extend(compare(source, target, markdown))
    if lang and any(entry.msgstrs):
        problems.extend(form_problems("\n".join(entry.msgstrs), lang))
    if glossary is not None and lang and any(entry.msgstrs):
        translation = "\n".join(entry.msgstrs)
        problems.extend(("glossary", m) for m in glossary.check(entry.msgid, translation, lang))
    return problems


def form_problems(translation: str, lang: str) -> list[Problem]:
    """A grammatical form asked of a data role that language ``lang`` does not offer (the
    build writes the usual form instead)."""
    from meetingdocs import languages
    from meetingdocs.i18n.markup import tokens
    from meetingdocs.un.forms import form_problem
    from meetingdocs.un.vocabulary import DATA_ROLES, split_form

    if lang not in languages.BY_CODE:
        return []
    found = []
    for token in tokens(translation):
        if token.kind == "role" and token.name in DATA_ROLES:
            problem = form_problem(token.name, split_form(token.body)[1], lang)
            if problem is not None:
                found.append(("unknown-form", problem))
    return found


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    """(source, translation) for each msgstr form of *entry*."""
    plural = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
    return [(entry.msgid if i == 0 else plural, s) for i, s in enumerate(entry.msgstrs)]
