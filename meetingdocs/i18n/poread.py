"""The one reader of gettext PO files: what GNU gettext reads, with the line of each entry.

Every tool of the project (merge, checks, guard, build, memory, XLIFF, statistics) reads
catalogues here, so what is checked is what is published. The reader is hand-written
because the libraries misread valid catalogues: Babel (which Sphinx uses to compile
``.mo`` files) takes ``msgid "Other" " matters"`` (two strings on one line) as
``Other" " matters`` and leaves hex and octal escapes (``\\x65``, ``\\101``) undecoded; a
translation written so would be published as the English or as literal backslashes while
the checks, which follow gettext, found nothing wrong. A reader of our own also gives the
checks the line of each entry, and lets the writer (:mod:`meetingdocs.i18n.po`) give back
an unchanged entry in its translator's own layout.

What is read: strings concatenated on one line and across lines, every C escape
(``\\n \\t \\r \\" \\\\ \\a \\b \\f \\v``, octal ``\\101``, hex ``\\x41``; numeric
escapes are bytes in the catalogue's charset, as in gettext), msgctxt, plural forms,
previous strings (``#|``), obsolete entries (``#~``, ``#~|``), flags, comments, a BOM, and
the ``charset=`` of the header. Anything else is a :class:`PoSyntaxError` with its line.
"""

from __future__ import annotations

import codecs
import functools
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from meetingdocs.i18n.inputs import read_input
from meetingdocs.i18n.poentry import Catalog, Entry


class PoSyntaxError(ValueError):
    """A catalogue that gettext would not read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str, path: Path | None = None) -> None:
        where = f"{path}:{line}" if path is not None else f"line {line}"
        super().__init__(f"{where}: {message}")
        self.line = line
        self.message = message
        self.path = path


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a",
                   "b": "\b", "f": "\f", "v": "\v"}
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])")
_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


# --------------------------------------------------------------------------- strings


def _unescape_body(body: str, line: int, charset: str) -> str:
    """The text of a string's body; numeric escapes are bytes in ``charset``."""
    if "\\" not in body:
        return body
    out: list[str] = []
    octets = bytearray()
    pos = 0

    def flush() -> None:
        if octets:
            try:
                out.append(octets.decode(charset))
            except UnicodeDecodeError:
                raise PoSyntaxError(line, f"escaped bytes that are not valid {charset}") from None
            octets.clear()

    for match in _ESCAPE_RE.finditer(body):
        if match.start() > pos:
            flush()
            out.append(body[pos:match.start()])
        octal, hexa, other = match.groups()
        if octal is not None or hexa is not None:
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if value > 0xFF:
                raise PoSyntaxError(line, f"escape {match.group(0)} is out of the byte range")
            octets.append(value)
        elif other in _SIMPLE_ESCAPES:
            flush()
            out.append(_SIMPLE_ESCAPES[other])
        else:
            raise PoSyntaxError(line, f"invalid escape sequence \\{other}")
        pos = match.end()
    flush()
    out.append(body[pos:])
    return "".join(out)


def parse_strings(text: str, line: int = 1, charset: str = "utf-8") -> str:
    """The text of one or more adjacent quoted PO strings (``"a" "b"`` is ``ab``)."""
    text = text.strip()
    if not text.startswith('"'):
        raise PoSyntaxError(line, "expected a quoted string")
    out: list[str] = []
    pos = 0
    while pos < len(text):
        match = _STRING_RE.match(text, pos)
        if match is None:
            if text[pos] != '"':
                raise PoSyntaxError(line, f"unexpected text after the string: {text[pos:]!r}")
            raise PoSyntaxError(line, "end of line within a string (missing closing quote)")
        out.append(_unescape_body(match.group(1), line, charset))
        pos = match.end()
    return "".join(out)


def unescape(quoted: str) -> str:
    """Turn one quoted PO string (``"..."``) into its text."""
    return parse_strings(quoted)


# --------------------------------------------------------------------------- entries


@dataclass
class _Pending:
    """The entry being read: its fields, its lines, where it started."""

    entry: Entry = field(default_factory=lambda: Entry(msgid=""))
    fields: dict[tuple[str, str], str] = field(default_factory=dict)
    plural: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    last: tuple[str, str] | None = None
    line: int = 0
    clean: bool = True

    @property
    def has_msgid(self) -> bool:
        return ("main", "msgid") in self.fields

    @property
    def started(self) -> bool:
        return any(section == "main" for section, _ in self.fields)

    @property
    def has_msgstr(self) -> bool:
        return ("main", "msgstr") in self.fields or bool(self.plural)

    def build(self) -> Entry:
        entry, get = self.entry, self.fields.get
        entry.msgctxt = get(("main", "msgctxt"))
        entry.msgid = get(("main", "msgid"), "")
        entry.msgid_plural = get(("main", "msgid_plural"))
        entry.msgstr = get(("main", "msgstr"), "")
        entry.msgstr_plural = list(self.plural)
        entry.previous_msgctxt = get(("prev", "msgctxt"))
        entry.previous_msgid = get(("prev", "msgid"))
        entry.previous_msgid_plural = get(("prev", "msgid_plural"))
        entry.line = self.line
        if self.clean:
            entry.raw = "\n".join(self.lines)
            entry.raw_key = entry.content()
        return entry


class _Reader:
    """A strict line-by-line reader; one instance reads one catalogue."""

    def __init__(self, charset: str) -> None:
        self.charset = charset
        self.entries: list[Entry] = []
        self.pending = _Pending()

    def read(self, text: str) -> list[Entry]:
        lines = text.split("\n")
        for number, line in enumerate(lines, start=1):
            self._line(line, number)
        self._finish(len(lines))
        return self.entries

    def _line(self, line: str, number: int) -> None:
        stripped = line.strip()
        pending = self.pending
        if not stripped:
            if pending.has_msgstr:
                self._finish(number)
            elif pending.lines:
                pending.clean = False
            return
        if stripped.startswith("#~|"):
            section, rest, obsolete = "prev", stripped[3:].strip(), True
        elif stripped.startswith("#~"):
            section, rest, obsolete = "main", stripped[2:].strip(), True
        elif stripped.startswith("#|"):
            section, rest, obsolete = "prev", stripped[2:].strip(), False
        elif stripped.startswith("#"):
            self._comment(line, stripped, number)
            return
        else:
            section, rest, obsolete = "main", stripped, False
        if not rest:  # a bare "#~" or "#|" carries nothing
            pending.lines.append(line)
            return
        if rest.startswith('"'):
            self._continuation(parse_strings(rest, number, self.charset), number)
        else:
            self._keyword(section, rest, number)
        self.pending.entry.obsolete |= obsolete
        self.pending.lines.append(line)

    def _comment(self, line: str, stripped: str, number: int) -> None:
        if self.pending.has_msgstr:
            self._finish(number)
        elif self.pending.started:
            raise PoSyntaxError(number, "comment inside an entry, before its msgstr")
        entry = self.pending.entry
        self.pending.last = None
        marker, text = stripped[:2], stripped[2:]
        if marker == "#:":
            entry.locations.extend([text.strip()] if text.strip() else [])
        elif marker == "#.":
            entry.extracted_comments.append(text)
        elif marker == "#,":
            entry.flags.extend(f.strip() for f in text.split(",") if f.strip())
        else:
            entry.translator_comments.append(stripped[1:])
        self.pending.lines.append(line)

    def _continuation(self, value: str, number: int) -> None:
        pending = self.pending
        if pending.last is None:
            raise PoSyntaxError(number, "a string that continues no keyword")
        if pending.last == ("main", "msgstr[]"):
            pending.plural[-1] += value
        else:
            pending.fields[pending.last] += value

    def _keyword(self, section: str, rest: str, number: int) -> None:
        match = _KEYWORD_RE.match(rest)
        if not match:
            raise PoSyntaxError(number, f"unknown keyword {rest.split(maxsplit=1)[0]!r}")
        value = parse_strings(rest[match.end():], number, self.charset)
        keyword, index = match.groups()
        if section == "prev":
            self._previous(keyword, value, number)
        elif keyword in ("msgctxt", "msgid"):
            self._start(keyword, value, number)
        elif keyword == "msgid_plural":
            self._plural(value, number)
        else:
            self._msgstr(index, value, number)

    def _previous(self, keyword: str, value: str, number: int) -> None:
        if self.pending.has_msgstr:
            self._finish(number)
        pending = self.pending
        if pending.started:
            raise PoSyntaxError(number, "a previous string (#|) inside an entry")
        if keyword.startswith("msgstr") or ("prev", keyword) in pending.fields:
            raise PoSyntaxError(number, f"unexpected previous {keyword}")
        pending.fields[("prev", keyword)] = value
        pending.last = ("prev", keyword)

    def _start(self, keyword: str, value: str, number: int) -> None:
        if self.pending.has_msgstr:
            self._finish(number)
        pending = self.pending
        if pending.has_msgid:
            raise PoSyntaxError(number, f"{keyword} follows a msgid that has no msgstr")
        if keyword == "msgctxt" and ("main", "msgctxt") in pending.fields:
            raise PoSyntaxError(number, "a second msgctxt in one entry")
        pending.fields[("main", keyword)] = value
        pending.last = ("main", keyword)
        if keyword == "msgid":
            pending.line = number

    def _plural(self, value: str, number: int) -> None:
        pending = self.pending
        if not pending.has_msgid or pending.has_msgstr or ("main", "msgid_plural") in pending.fields:
            raise PoSyntaxError(number, "msgid_plural must follow a msgid")
        pending.fields[("main", "msgid_plural")] = value
        pending.last = ("main", "msgid_plural")

    def _msgstr(self, index: str | None, value: str, number: int) -> None:
        pending = self.pending
        if not pending.has_msgid:
            raise PoSyntaxError(number, "msgstr without a msgid")
        plural = ("main", "msgid_plural") in pending.fields
        if (index is None) == plural:
            wanted = "msgstr[N]" if index is None else "a plain msgstr"
            raise PoSyntaxError(number, f"this entry needs {wanted}")
        if index is None:
            if ("main", "msgstr") in pending.fields:
                raise PoSyntaxError(number, "msgstr repeated or out of order")
            pending.fields[("main", "msgstr")] = value
            pending.last = ("main", "msgstr")
            return
        if int(index) != len(pending.plural):
            raise PoSyntaxError(number, "msgstr repeated or out of order")
        pending.plural.append(value)
        pending.last = ("main", "msgstr[]")

    def _finish(self, number: int) -> None:
        pending = self.pending
        if pending.started and not pending.has_msgstr:
            raise PoSyntaxError(pending.line or number, "entry without a msgstr")
        if pending.started:
            self.entries.append(pending.build())
        elif any(section == "prev" for section, _ in pending.fields):
            raise PoSyntaxError(number, "a previous string (#|) without an entry")
        self.pending = _Pending()


# --------------------------------------------------------------------------- files


def parse_catalog(text: str, charset: str = "utf-8") -> Catalog:
    """Read the text of a PO or POT file; ``charset`` decodes its numeric escapes."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    entries = _Reader(charset).read(text)
    body = text.rstrip("\n")
    return Catalog(entries, tail=text[len(body) + 1:] if entries else "")


def catalog_charset(data: bytes) -> str:
    """The character set a catalogue's header declares (UTF-8 when it declares none)."""
    match = _CHARSET_RE.search(data[:8192])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":  # the template's placeholder
        return "utf-8"
    try:
        return codecs.lookup(charset).name
    except LookupError:
        line = data.count(b"\n", 0, match.start() if match else 0) + 1
        raise PoSyntaxError(line, f"unknown character set {charset!r} in the header") from None


def decode_catalog(data: bytes) -> tuple[str, str]:
    """The text of a catalogue's bytes, decoded per its header, and that charset."""
    charset = catalog_charset(data)
    try:
        return data.decode(charset).removeprefix("\ufeff"), charset
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise PoSyntaxError(line, f"bytes that are not valid {charset}") from None


def parse_bytes(data: bytes) -> Catalog:
    """Read the bytes of a PO or POT file, decoded per the ``charset=`` of its header.

    A build reads each catalogue three times (checked, compiled, counted): the same bytes
    are parsed once per process and each caller gets a catalogue of its own (unpickling
    one is some twenty times faster than parsing it)."""
    return pickle.loads(parsed_form(data))


#: Parses handed over by the process that started this one (:func:`remember_parses`).
_HANDED: dict[bytes, bytes] = {}


def parsed_form(data: bytes) -> bytes:
    """The parse of ``data`` in the form :func:`remember_parses` takes (a pickle);
    raises :class:`PoSyntaxError` as :func:`parse_bytes` does."""
    handed = _HANDED.get(data)
    return handed if handed is not None else _parsed(data)


def remember_parses(parses: dict[bytes, bytes]) -> None:
    """Take the parses (bytes -> :func:`parsed_form`) another process of this same code
    made of the same bytes: a Sphinx run is given those its build made while it started."""
    _HANDED.update(parses)


@functools.lru_cache(maxsize=128)
def _parsed(data: bytes) -> bytes:
    text, charset = decode_catalog(data)
    return pickle.dumps(parse_catalog(text, charset), protocol=pickle.HIGHEST_PROTOCOL)


def read_catalog(path: Path) -> Catalog:
    """Read a PO or POT file; a :class:`PoSyntaxError` names the file and line."""
    try:
        return parse_bytes(read_input(path))
    except PoSyntaxError as error:
        raise PoSyntaxError(error.line, error.message, path) from None
