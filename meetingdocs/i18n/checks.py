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

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs import languages
from meetingdocs.i18n.findings import CODES, Finding, Problem, blocking
from meetingdocs.i18n.glossary import Glossary, language_key
from meetingdocs.i18n.msgfmt import run_msgfmt
from meetingdocs.i18n.rules import compare, injection_problems, scan

__all__ = [
    "CODES",
    "Entry",
    "Finding",
    "PoSyntaxError",
    "blocking",
    "check_catalog",
    "check_entry",
    "check_paths",
    "compare",
    "injection_problems",
    "language_from_path",
    "read_po",
    "run_msgfmt",
    "scan",
]

#: Expected ``nplurals`` of the ``Plural-Forms`` header, by base language (from the packs).
NPLURALS = languages.NPLURALS



def check_paths(paths: Iterable[Path], *, glossary: Glossary | None = None) -> list[Finding]:
    """Check each ``.po`` file, and every ``.po`` file under each folder, of *paths*.

    Besides the checks of :func:`check_catalog`, an English segment translated in two
    different ways in catalogues of the same language is reported (``inconsistent``).
    """
    findings: list[Finding] = []
    seen: dict[tuple[str, str | None, str], tuple[Path, Entry]] = {}
    for path in _catalog_files(paths):
        findings.extend(check_catalog(path, glossary=glossary))
        findings.extend(_inconsistencies(path, seen))
    return findings


def check_catalog(
    path: Path, *, language: str | None = None, glossary: Glossary | None = None
) -> list[Finding]:
    """Check one catalogue; *language* defaults to its ``locale/<lang>/LC_MESSAGES`` folder.

    A file that cannot be parsed gives a single blocking ``syntax`` finding at the line
    of the error; this function does not raise for bad catalogues.
    """
    try:
        entries = read_po(path.read_bytes())
    except OSError as err:
        return [_file_finding(path, 1, "unreadable", f"cannot read the catalogue: {err}")]
    except PoSyntaxError as err:
        return [_file_finding(path, err.line, "syntax", f"PO syntax error: {err.message}")]
    header = _header_fields(entries)
    lang = language or language_from_path(path) or header.get("Language") or None
    findings = _check_header(path, entries, header, lang)
    for entry in entries:
        if not entry.obsolete and not entry.is_header:
            problems = check_entry(entry, lang, glossary)
            findings.extend(_finding(path, entry, code, message) for code, message in problems)
    findings.extend(run_msgfmt(path, entries))
    return sorted(findings, key=lambda finding: finding.line)


def language_from_path(path: Path) -> str | None:
    """Return ``<lang>`` of a ``locale/<lang>/LC_MESSAGES/<doc>.po`` path, else None."""
    parent = path.parent
    if parent.name == "LC_MESSAGES" and parent.parent.name:
        return parent.parent.name
    return None


def _catalog_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(path.rglob("*.po"))
        else:
            yield path


def _inconsistencies(
    path: Path, seen: dict[tuple[str, str | None, str], tuple[Path, Entry]]
) -> list[Finding]:
    """Report translated entries whose msgid was translated otherwise in *seen*."""
    try:
        entries = read_po(path.read_bytes())
    except (OSError, PoSyntaxError):
        return []
    lang = language_key(language_from_path(path) or _header_fields(entries).get("Language", ""))
    findings = []
    for entry in entries:
        if entry.obsolete or entry.is_header or entry.fuzzy or not all(entry.msgstrs):
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


# --- reading catalogues ----------------------------------------------------------------


class PoSyntaxError(Exception):
    """A catalogue that is not valid PO syntax; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Entry:
    """One message of a catalogue; ``line`` is the line of its msgid."""

    msgid: str
    msgstrs: tuple[str, ...]
    line: int
    flags: frozenset[str] = frozenset()
    msgctxt: str | None = None
    msgid_plural: str | None = None
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        """Tell whether this is the header entry (empty msgid, no context)."""
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        """Tell whether the entry is flagged fuzzy (Sphinx does not publish it)."""
        return "fuzzy" in self.flags

    def pairs(self) -> list[tuple[str, str]]:
        """Return (source, translation) for each msgstr form."""
        plural = self.msgid_plural if self.msgid_plural is not None else self.msgid
        return [(self.msgid if i == 0 else plural, s) for i, s in enumerate(self.msgstrs)]


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])")
_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def read_po(data: bytes) -> list[Entry]:
    """Parse the bytes of a PO file into entries, raising :class:`PoSyntaxError`."""
    return _PoParser().parse(_decode(data))


def _decode(data: bytes) -> str:
    match = _CHARSET_RE.search(data[:8192])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    try:
        return data.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise PoSyntaxError(1, f"unknown character set {charset!r} in the header") from None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PoSyntaxError(line, f"bytes that are not valid {charset}") from None


def _parse_string(text: str, line: int) -> str:
    """Decode one or more adjacent C-style quoted strings."""
    text = text.strip()
    if not text.startswith('"'):
        raise PoSyntaxError(line, "expected a quoted string")
    out: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos] != '"':
            raise PoSyntaxError(line, f"unexpected text after the string: {text[pos:]!r}")
        pos = _scan_string(text, pos + 1, line, out)
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    return "".join(out)


def _scan_string(text: str, pos: int, line: int, out: list[str]) -> int:
    """Append the characters of the string opened before *pos*; return the end."""
    while pos < len(text):
        char = text[pos]
        if char == '"':
            return pos + 1
        if char != "\\":
            out.append(char)
            pos += 1
            continue
        pos = _scan_escape(text, pos + 1, line, out)
    raise PoSyntaxError(line, "end of line within a string (missing closing quote)")


def _scan_escape(text: str, pos: int, line: int, out: list[str]) -> int:
    if pos >= len(text):
        raise PoSyntaxError(line, "end of line within a string (missing closing quote)")
    char = text[pos]
    if char in _ESCAPES:
        out.append(_ESCAPES[char])
        return pos + 1
    octal = re.match(r"[0-7]{1,3}", text[pos:])
    if octal:
        out.append(chr(int(octal.group(0), 8)))
        return pos + len(octal.group(0))
    hexa = re.match(r"x([0-9A-Fa-f]+)", text[pos:])
    if hexa:
        out.append(chr(int(hexa.group(1), 16)))
        return pos + len(hexa.group(0))
    raise PoSyntaxError(line, f"invalid escape sequence \\{char}")


@dataclass
class _Pending:
    """An entry being read."""

    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    line: int = 0
    obsolete: bool = False
    last: str = ""

    def started(self) -> bool:
        return self.msgctxt is not None or self.msgid is not None


class _PoParser:
    """A strict line-based PO reader that knows the line of every msgid."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.pending = _Pending()

    def parse(self, text: str) -> list[Entry]:
        for number, raw in enumerate(text.split("\n"), start=1):
            self._line(raw.strip(), number)
        self._finish(len(text.split("\n")))
        return self.entries

    def _line(self, line: str, number: int) -> None:
        obsolete = False
        if line.startswith("#~"):
            line, obsolete = line[2:].strip(), True
            if line.startswith("|"):
                return
        elif line.startswith("#"):
            self._comment(line, number)
            return
        if not line:
            return
        if line.startswith('"'):
            self._continuation(_parse_string(line, number), number)
        else:
            self._keyword(line, number, obsolete)

    def _comment(self, line: str, number: int) -> None:
        pending = self.pending
        if pending.msgstrs:
            self._finish(number)
        elif pending.started():
            raise PoSyntaxError(number, "comment inside an entry, before its msgstr")
        if line.startswith("#,"):
            self.pending.flags.update(f.strip() for f in line[2:].split(",") if f.strip())

    def _continuation(self, value: str, number: int) -> None:
        pending = self.pending
        if pending.last == "msgctxt" and pending.msgctxt is not None:
            pending.msgctxt += value
        elif pending.last == "msgid" and pending.msgid is not None:
            pending.msgid += value
        elif pending.last == "msgid_plural" and pending.msgid_plural is not None:
            pending.msgid_plural += value
        elif pending.last == "msgstr" and pending.msgstrs:
            pending.msgstrs[-1] += value
        else:
            raise PoSyntaxError(number, "a string that continues no keyword")

    def _keyword(self, line: str, number: int, obsolete: bool) -> None:
        match = _KEYWORD_RE.match(line)
        if not match:
            word = line.split(maxsplit=1)[0]
            raise PoSyntaxError(number, f"unknown keyword {word!r}")
        value = _parse_string(line[match.end() :], number)
        keyword = match.group(1)
        if keyword in {"msgctxt", "msgid"}:
            self._start(keyword, value, number, obsolete)
        elif keyword == "msgid_plural":
            self._plural(value, number)
        else:
            self._msgstr(match.group(2), value, number)

    def _start(self, keyword: str, value: str, number: int, obsolete: bool) -> None:
        if self.pending.msgstrs:
            self._finish(number)
        pending = self.pending
        if pending.msgid is not None:
            raise PoSyntaxError(number, f"{keyword} follows a msgid that has no msgstr")
        if keyword == "msgctxt":
            if pending.msgctxt is not None:
                raise PoSyntaxError(number, "a second msgctxt in one entry")
            pending.msgctxt = value
        else:
            pending.msgid, pending.line = value, number
        pending.obsolete = obsolete
        pending.last = keyword

    def _plural(self, value: str, number: int) -> None:
        pending = self.pending
        if pending.msgid is None or pending.msgstrs or pending.msgid_plural is not None:
            raise PoSyntaxError(number, "msgid_plural must follow a msgid")
        pending.msgid_plural, pending.last = value, "msgid_plural"

    def _msgstr(self, index: str | None, value: str, number: int) -> None:
        pending = self.pending
        if pending.msgid is None:
            raise PoSyntaxError(number, "msgstr without a msgid")
        if (index is None) != (pending.msgid_plural is None):
            wanted = "msgstr[N]" if index is None else "a plain msgstr"
            raise PoSyntaxError(number, f"this entry needs {wanted}")
        expected = len(pending.msgstrs)
        if (index is None and expected) or (index is not None and int(index) != expected):
            raise PoSyntaxError(number, "msgstr repeated or out of order")
        pending.msgstrs.append(value)
        pending.last = "msgstr"

    def _finish(self, number: int) -> None:
        pending = self.pending
        if pending.started() and not pending.msgstrs:
            raise PoSyntaxError(pending.line or number, "entry without a msgstr")
        if pending.msgid is not None:
            self.entries.append(
                Entry(
                    pending.msgid,
                    tuple(pending.msgstrs),
                    pending.line,
                    frozenset(pending.flags),
                    pending.msgctxt,
                    pending.msgid_plural,
                    pending.obsolete,
                )
            )
        self.pending = _Pending()


# --- header ----------------------------------------------------------------------------


def _header_fields(entries: Sequence[Entry]) -> dict[str, str]:
    header = next((e for e in entries if e.is_header and not e.obsolete), None)
    if header is None or not header.msgstrs:
        return {}
    fields = {}
    for line in header.msgstrs[0].splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _check_header(
    path: Path, entries: Sequence[Entry], header: dict[str, str], lang: str | None
) -> list[Finding]:
    head = next((e for e in entries if e.is_header and not e.obsolete), None)
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

def check_entry(entry: Entry, lang: str | None, glossary: Glossary | None) -> list[Problem]:
    """Return (code, message) for each problem of one catalogue entry.

    Fuzzy entries are not published, so only the injection checks run on them (they
    would be published if fuzzy translations were ever allowed).
    """
    if entry.fuzzy:
        problems = [("fuzzy", "the entry is marked fuzzy and will not be published")]
        for source, target in entry.pairs():
            problems.extend(injection_problems(source, target) if target else [])
        return problems
    problems = []
    if not all(entry.msgstrs):
        problems.append(("untranslated", "the entry is not translated"))
    for source, target in entry.pairs():
        if target:
            problems.extend(compare(source, target))
    if glossary is not None and lang and any(entry.msgstrs):
        translation = "\n".join(entry.msgstrs)
        problems.extend(("glossary", m) for m in glossary.check(entry.msgid, translation, lang))
    return problems


