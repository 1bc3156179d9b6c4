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

import html
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs.glossary import Glossary, language_key

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

#: Every finding code, and whether findings of that code block publication.
CODES: dict[str, bool] = {
    "syntax": True,
    "unreadable": True,
    "msgfmt": True,
    "msgfmt-warning": False,
    "msgfmt-unavailable": False,
    "header": False,
    "fuzzy": False,
    "untranslated": False,
    "role-mismatch": True,
    "new-role": True,
    "symbol-changed": True,
    "lookalike": True,
    "link-target": True,
    "inline-code": True,
    "emphasis": True,
    "substitution": True,
    "number-missing": False,
    "digits": False,
    "raw-html": True,
    "script-url": True,
    "new-directive": True,
    "raw-latex": True,
    "glossary": False,
    "inconsistent": False,
}

#: Roles of this project whose content is machine data, to be copied byte for byte.
MACHINE_ROLES = frozenset({"symbol", "date", "day", "dates", "time", "item"})
#: Standard roles whose whole content is translatable text (no target).
TEXT_ROLES = frozenset(
    {"abbr", "sub", "sup", "subscript", "superscript", "guilabel", "menuselection"}
)
#: Expected ``nplurals`` of the ``Plural-Forms`` header, by base language.
NPLURALS = {"ar": 6, "ru": 3, "zh": 1, "fr": 2, "es": 2, "en": 2}

_EXCERPT = 60
_MSGFMT_TIMEOUT = 60


@dataclass(frozen=True)
class Finding:
    """One problem found in a catalogue, located at the line of the entry's msgid."""

    path: Path
    line: int
    msgid: str
    code: str
    message: str
    blocking: bool

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: [{self.code}] {self.message}"
        if not self.msgid:
            return text
        excerpt = " ".join(self.msgid.split())
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[:_EXCERPT] + "…"
        return f"{text} (msgid: {excerpt})"


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings that must stop publication."""
    return [finding for finding in findings if finding.blocking]


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


# --- msgfmt ----------------------------------------------------------------------------


def run_msgfmt(path: Path, entries: Sequence[Entry]) -> list[Finding]:
    """Run ``msgfmt -c --check-format`` and map its diagnostics to findings."""
    executable = shutil.which("msgfmt")
    if executable is None:
        message = "msgfmt (GNU gettext) is not installed: its checks were skipped"
        return [_file_finding(path, 1, "msgfmt-unavailable", message)]
    command = [executable, "-c", "--check-format", "-o", os.devnull, str(path)]
    environment = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=environment,
            timeout=_MSGFMT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return [_file_finding(path, 1, "msgfmt-unavailable", f"msgfmt could not run: {err}")]
    return _msgfmt_findings(path, entries, result.stderr)


_MSGFMT_NOISE_RE = re.compile(
    r"warning: header field '[^']*' (?:missing in header|still has the initial default value)"
)


def _msgfmt_findings(path: Path, entries: Sequence[Entry], stderr: str) -> list[Finding]:
    """Map msgfmt's diagnostics to findings, leaving out bookkeeping header fields.

    Language and Plural-Forms are checked by this module; msgfmt's complaints about
    Project-Id-Version, PO-Revision-Date and the like say nothing about publication.
    """
    diagnostics: list[tuple[int, str]] = []
    prefix = f"{path}:"
    for raw in stderr.splitlines():
        line, message = _msgfmt_line(raw, prefix)
        if message is None or _MSGFMT_NOISE_RE.search(message):
            continue
        if (message.startswith("...") or raw[:1].isspace()) and diagnostics:
            first_line, first = diagnostics[-1]
            where = f" (line {line})" if line and line != first_line else ""
            diagnostics[-1] = (first_line, f"{first} {message.strip()}{where}")
        else:
            diagnostics.append((line or 1, message))
    return [_msgfmt_finding(path, entries, line, message) for line, message in diagnostics]


def _msgfmt_line(raw: str, prefix: str) -> tuple[int, str | None]:
    if raw.startswith(prefix):
        match = re.match(r"(\d+):(?:\d+:)?\s*(.*)", raw[len(prefix) :])
        if match:
            return int(match.group(1)), match.group(2)
        return 0, raw[len(prefix) :].strip()
    text = re.sub(r"^\S*msgfmt: ", "", raw.strip())
    if not text or re.fullmatch(r"found \d+ fatal errors?", text):
        return 0, None
    return 0, text.removeprefix(prefix).strip()


def _msgfmt_finding(path: Path, entries: Sequence[Entry], line: int, message: str) -> Finding:
    code = "msgfmt-warning" if "warning:" in message else "msgfmt"
    entry = max((e for e in entries if e.line <= line), key=lambda e: e.line, default=None)
    if entry is not None and line - entry.line < _entry_span(entry):
        line, msgid = entry.line, entry.msgid
    else:
        msgid = ""
    return Finding(path, line, msgid, code, f"msgfmt: {message}", CODES[code])


def _entry_span(entry: Entry) -> int:
    texts = [entry.msgid, entry.msgid_plural or "", *entry.msgstrs]
    return sum(text.count("\n") + 2 for text in texts) + 2


# --- per-entry checks ------------------------------------------------------------------

Problem = tuple[str, str]


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


def compare(msgid: str, msgstr: str) -> list[Problem]:
    """Return (code, message) for each difference that matters between a pair."""
    source, target = scan(msgid), scan(msgstr)
    return [
        *_role_problems(source, target),
        *_parity("link-target", "link target", source.links, target.links),
        *_parity("inline-code", "inline code", source.code, target.code),
        *_parity("substitution", "substitution", source.substitutions, target.substitutions),
        *_emphasis_problems(source.plain, target.plain),
        *_symbol_problems(source.plain, target.plain),
        *_lookalike_problems(source, target),
        *_number_problems(source.plain, target.plain),
        *injection_problems(msgid, msgstr),
    ]


# --- MyST inline markup ----------------------------------------------------------------

_INLINE_RE = re.compile(
    r"(?P<role>\{(?P<rname>[A-Za-z][\w.:+-]*)\}(?P<rticks>`+)(?P<rbody>.+?)(?P=rticks)(?!`))"
    r"|(?P<code>(?P<cticks>`+)(?P<cbody>.+?)(?P=cticks)(?!`))"
    r"|(?P<subst>\{\{(?P<sbody>.*?)\}\})"
    r"|(?P<auto><(?P<auri>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>)"
    r"|(?P<link>\]\(\s*(?P<ltarget><[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\))"
    r"|(?P<ref>\]\[(?P<rlabel>[^\]]+)\])",
    re.DOTALL,
)
_EXPLICIT_TARGET_RE = re.compile(r"(?s)(.*?\S)\s*<([^<>]+)>\s*")


@dataclass(frozen=True)
class Markup:
    """The inline markup of one MyST paragraph, and its text with that markup blanked."""

    roles: tuple[tuple[str, str], ...]
    code: tuple[str, ...]
    links: tuple[str, ...]
    substitutions: tuple[str, ...]
    plain: str


def scan(text: str) -> Markup:
    """Split a MyST paragraph into its inline markup and its plain text."""
    roles: list[tuple[str, str]] = []
    code: list[str] = []
    links: list[str] = []
    substitutions: list[str] = []
    plain: list[str] = []
    last = 0
    for match in _INLINE_RE.finditer(text):
        plain.append(text[last : match.start()])
        plain.append("]" if match.group("link") or match.group("ref") else " ")
        last = match.end()
        if match.group("role"):
            roles.append((match.group("rname"), match.group("rbody")))
        elif match.group("code"):
            code.append(_code_content(match.group("cbody")))
        elif match.group("subst"):
            substitutions.append(" ".join(match.group("sbody").split()))
        elif match.group("auto"):
            links.append(match.group("auri"))
        elif match.group("link"):
            links.append(match.group("ltarget").strip("<>"))
        else:
            links.append("[" + match.group("rlabel") + "]")
    plain.append(text[last:])
    return Markup(tuple(roles), tuple(code), tuple(links), tuple(substitutions), "".join(plain))


def _code_content(body: str) -> str:
    if len(body) > 2 and body.startswith(" ") and body.endswith(" ") and body.strip():
        return body[1:-1]
    return body


def role_key(name: str, body: str) -> tuple[str, str]:
    """Return what of a role must survive translation: machine data or its target."""
    if name in MACHINE_ROLES:
        return name, fold_lookalikes(body)
    if name in TEXT_ROLES:
        return name, ""
    explicit = _EXPLICIT_TARGET_RE.fullmatch(body)
    return name, (explicit.group(2) if explicit else body).strip()


def _show_role(name: str, key: str) -> str:
    if name in MACHINE_ROLES:
        return f"{{{name}}}`{key}`"
    return f"{{{name}}} (target {key!r})" if key else f"{{{name}}}"


def _role_problems(source: Markup, target: Markup) -> list[Problem]:
    wanted = Counter(role_key(*role) for role in source.roles)
    found = Counter(role_key(*role) for role in target.roles)
    missing, extra = wanted - found, found - wanted
    names = {name for name, _ in source.roles}
    problems: list[Problem] = []
    for name, key in missing.elements():
        code = "symbol-changed" if name == "symbol" else "role-mismatch"
        replacement = next((k for n, k in extra.elements() if n == name), None)
        if replacement is not None:
            extra[(name, replacement)] -= 1
            changed = f"{_show_role(name, key)} was changed to {_show_role(name, replacement)}"
            problems.append((code, f"{changed}; copy it unchanged"))
        else:
            problems.append((code, f"{_show_role(name, key)} of the English is missing"))
    for name, key in (+extra).elements():
        code = "role-mismatch" if name in names else "new-role"
        added = f"the translation adds {_show_role(name, key)}"
        problems.append((code, f"{added}, which the English does not have"))
    return problems


def _parity(code: str, what: str, wanted: Sequence[str], found: Sequence[str]) -> list[Problem]:
    missing, extra = Counter(wanted) - Counter(found), Counter(found) - Counter(wanted)
    problems = [
        (code, f"{what} {item!r} of the English is missing or changed")
        for item in missing.elements()
    ]
    problems += [(code, f"the translation adds {what} {item!r}") for item in extra.elements()]
    return problems


# --- emphasis --------------------------------------------------------------------------

_EMPHASIS_RE = re.compile(r"\*+|_+")


def emphasis_counts(plain: str) -> dict[str, int]:
    """Count emphasis and strong delimiters, per delimiter character."""
    text = re.sub(r"\\[*_]", "", plain)
    counts = {"*": 0, "**": 0, "_": 0, "__": 0}
    for match in _EMPHASIS_RE.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        char = match.group(0)[0]
        if before.isspace() and after.isspace():
            continue
        if char == "_" and before.isalnum() and after.isalnum():
            continue
        counts[char * 2] += len(match.group(0)) // 2
        counts[char] += len(match.group(0)) % 2
    return counts


def _emphasis_problems(source: str, target: str) -> list[Problem]:
    wanted, found = emphasis_counts(source), emphasis_counts(target)
    problems = [
        ("emphasis", f"unbalanced {marker!r}: an emphasis or strong marker is not closed")
        for marker in found
        if found[marker] % 2 and not wanted[marker] % 2
    ]
    if problems:
        return problems
    for kind, markers in (("emphasised", ("*", "_")), ("strong", ("**", "__"))):
        need, have = sum(wanted[m] for m in markers), sum(found[m] for m in markers)
        if need != have:
            counts = f"the English has {need // 2} {kind} passage(s), the translation {have // 2}"
            problems.append(("emphasis", counts))
    return problems


# --- document symbols and look-alike letters -------------------------------------------

_LOOKALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХҮԚԜаеорсухіјѕԁԛԝһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαορνικυχ",
    "ABESIJKMHOPCTYXYQWaeopcyxijsdqwhlABEZHIKMNOPTYXaopvikux",
)
_SEGMENT = r"(?:(?:Rev|Add|Corr|Amend|Suppl?)\.\d+|[A-Z]{1,12}(?:\.\d+)*|\d+[A-Za-z]?(?:\.\d+)*)"
_SYMBOL_RE = re.compile(
    rf"(?<![A-Za-z0-9/.])[A-Z]{{1,12}}(?:\.\d+)*(?:/{_SEGMENT})+(?![A-Za-z0-9/])"
)
_LABEL_RE = re.compile(r"(?:^|(?<=[\s\d]))\(?([^\W\d_])\)", re.MULTILINE)


def fold_lookalikes(text: str) -> str:
    """Replace Cyrillic and Greek letters that look Latin by the Latin letters."""
    return text.translate(_LOOKALIKES)


def symbols(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, symbol) for the UN document symbols of *text* (look-alikes folded)."""
    folded = fold_lookalikes(text)
    return [
        (m.start(), m.end(), m.group(0))
        for m in _SYMBOL_RE.finditer(folded)
        if any(char.isdigit() for char in m.group(0))
    ]


def _symbol_problems(source: str, target: str) -> list[Problem]:
    wanted = Counter(symbol for _, _, symbol in symbols(source))
    found = Counter(symbol for _, _, symbol in symbols(target))
    missing, extra = list((wanted - found).elements()), list((found - wanted).elements())
    problems = []
    for index, symbol in enumerate(missing):
        if index < len(extra):
            changed = f"document symbol {symbol} was changed to {extra[index]}"
            problems.append(("symbol-changed", f"{changed}; copy it unchanged"))
        else:
            problems.append(("symbol-changed", f"document symbol {symbol} is missing"))
    problems += [
        ("symbol-changed", f"the translation adds document symbol {symbol}")
        for symbol in extra[len(missing) :]
    ]
    return problems


def _lookalike_problems(source: Markup, target: Markup) -> list[Problem]:
    """Report Cyrillic or Greek letters in symbols, machine data and sub-item labels.

    Sub-item labels are checked only when the English has labels: they are written with
    Latin letters in every language but Arabic, Russian included.
    """
    places = [target.plain[start:end] for start, end, _ in symbols(target.plain)]
    places += [body for name, body in target.roles if name in MACHINE_ROLES]
    problems = [_lookalike(place, _is_lookalike) for place in places]
    if _LABEL_RE.search(source.plain):
        labels = [m.group(0) for m in _LABEL_RE.finditer(target.plain)]
        problems += [_lookalike(label, _is_cyrillic_or_greek) for label in labels]
    return [problem for problem in problems if problem is not None]


def _is_lookalike(char: str) -> bool:
    return fold_lookalikes(char) != char


def _is_cyrillic_or_greek(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CYRILLIC", "GREEK"))


def _lookalike(place: str, suspicious: Callable[[str], bool]) -> Problem | None:
    letters = sorted({char for char in place if suspicious(char)})
    if not letters:
        return None
    shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in letters)
    message = f"{place!r} contains the Cyrillic or Greek letter {shown}; type the Latin letter"
    return ("lookalike", message)


# --- numbers ---------------------------------------------------------------------------

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_NUMBER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z][-\u2010\u2011])[0-9]+"
    r"(?:[,\u00a0\u202f\u2009 ][0-9]{3}(?![0-9]))*(?:[.,][0-9]+(?![0-9]))?"
)


def numbers(plain: str) -> set[str]:
    """Return the numbers of a text as digit strings, ignoring group and decimal marks.

    Digits that belong to a name (COVID-19, H1N1) or to a document symbol are not
    numbers: Chinese writes COVID-19 as 新冠肺炎, and symbols are checked on their own.
    """
    masked = _mask_symbols(plain)
    return {re.sub(r"[^0-9]", "", m.group(0)) for m in _NUMBER_RE.finditer(masked)}


def _mask_symbols(text: str) -> str:
    for start, end, _ in reversed(symbols(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _number_problems(source: str, target: str) -> list[Problem]:
    found = numbers(target)
    other_digits = numbers(target.translate(_DIGITS)) - found
    problems = []
    for number in sorted(numbers(source) - found, key=lambda n: (len(n), n)):
        if number in other_digits:
            message = f"the number {number} is written with non-Western digits"
            problems.append(("digits", f"{message}; United Nations documents use 0-9"))
        else:
            message = f"the number {number} of the English is missing from the translation"
            problems.append(("number-missing", message))
    return problems


# --- injected markup -------------------------------------------------------------------

_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)|<!--|<!\[?[A-Za-z]|<\?")
_HTML_ATTR_RE = re.compile(r"\b(on[a-z]{3,}|style|srcdoc|formaction)\s*=", re.IGNORECASE)
_SCRIPT_URL_RE = re.compile(r"(?:java|vb|live)script:|data:text/html")
_FENCE_RE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*(\{[^}\n]*\})", re.MULTILINE)
_RST_DIRECTIVE_RE = re.compile(r"^[ \t]*\.\.[ \t]+[\w:-]+::", re.MULTILINE)
_LATEX_RE = re.compile(r"\\([A-Za-z@]+)")


def injection_problems(msgid: str, msgstr: str) -> list[Problem]:
    """Return problems for markup in *msgstr* that *msgid* does not have."""
    source, target = scan(msgid), scan(msgstr)
    return [
        *_added("raw-html", "raw HTML", _html_tags(source.plain), _html_tags(target.plain)),
        *_added(
            "raw-html",
            "the HTML attribute",
            _html_attributes(source.plain),
            _html_attributes(target.plain),
        ),
        *_added("script-url", "a script URL", _script_urls(msgid), _script_urls(msgstr)),
        *_added("new-directive", "the directive", _directives(msgid), _directives(msgstr)),
        *_added("raw-latex", "the LaTeX command", _latex(source.plain), _latex(target.plain)),
    ]


def _added(code: str, what: str, wanted: Counter[str], found: Counter[str]) -> list[Problem]:
    return [
        (code, f"the translation adds {what} {item!r}, which the English does not have")
        for item in sorted((found - wanted).keys())
    ]


def _html_tags(plain: str) -> Counter[str]:
    return Counter(match.group(0).lower() for match in _HTML_TAG_RE.finditer(plain))


def _html_attributes(plain: str) -> Counter[str]:
    return Counter(match.group(1).lower() + "=" for match in _HTML_ATTR_RE.finditer(plain))


def _script_urls(text: str) -> Counter[str]:
    compact = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(text)).lower()
    return Counter(match.group(0) for match in _SCRIPT_URL_RE.finditer(compact))


def _directives(text: str) -> Counter[str]:
    found = Counter(match.group(1) for match in _FENCE_RE.finditer(text))
    found.update(m.group(0).strip() for m in _RST_DIRECTIVE_RE.finditer(text))
    found.update("{eval-rst}" for _ in re.finditer(r"\{eval-rst\}", text))
    return found


def _latex(plain: str) -> Counter[str]:
    return Counter("\\" + match.group(1) for match in _LATEX_RE.finditer(plain))
