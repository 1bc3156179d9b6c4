"""The catalogue model: one reader and one writer of gettext PO files for every tool.

Merge, checks, guard, translation memory, XLIFF, statistics and the site read catalogues
through this module. The writer is stable: an entry that did not change is written back
exactly as it was read, new or changed entries get one fixed layout, and a catalogue whose
content did not change is not written at all.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.plurals import get_plural

from meetingdocs import languages

#: Line width of new or changed entries (the width Babel and sphinx-intl use).
WIDTH = 76

FUZZY = "fuzzy"

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(".*)$')
_ENTRY_START_RE = re.compile(r"(msgctxt|msgid)(?![\w\[])")
_CHUNK_RE = re.compile(r"\S+\s*|\s+")


# --------------------------------------------------------------------------- model

#: What identifies an entry in its catalogue: msgctxt and msgid.
Key = tuple[str | None, str]


@dataclass
class Entry:
    """One catalogue entry; the header is the entry whose msgid is empty."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    """Text after ``#`` of each translator comment line, leading space included."""
    extracted_comments: list[str] = field(default_factory=list)
    """Text after ``#.`` of each extracted comment line, leading space included."""
    locations: list[str] = field(default_factory=list)
    """Text after ``#:`` of each reference line."""
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    raw: str | None = field(default=None, compare=False, repr=False)
    """The entry's text as read, written back while the entry is unchanged."""
    raw_key: tuple[object, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> Key:
        """What identifies the entry in its catalogue: msgctxt and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def translated(self) -> bool:
        """Whether every form has a translation (fuzzy or not)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def has_translation(self) -> bool:
        """Whether any translation text exists, even partial or fuzzy."""
        return bool(self.msgstr) or any(self.msgstr_plural)

    def content(self) -> tuple[object, ...]:
        """Everything that a catalogue means by this entry, for comparisons."""
        return (
            self.obsolete, self.msgctxt, self.msgid, self.msgid_plural, self.msgstr,
            tuple(self.msgstr_plural), tuple(self.translator_comments),
            tuple(self.extracted_comments), tuple(" ".join(self.locations).split()),
            tuple(sorted(self.flags)), self.previous_msgctxt, self.previous_msgid,
            self.previous_msgid_plural,
        )


@dataclass
class Catalog:
    """A catalogue: its entries in file order, header first, obsolete entries last."""

    entries: list[Entry] = field(default_factory=list)
    tail: str = ""
    """Empty lines after the last entry, kept as read (Babel writes one)."""

    @property
    def header(self) -> Entry | None:
        return next((e for e in self.entries if e.is_header), None)

    @property
    def messages(self) -> list[Entry]:
        """The live entries, header excluded."""
        return [e for e in self.entries if not e.obsolete and not e.is_header]

    @property
    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    def content(self) -> list[tuple[object, ...]]:
        return [e.content() for e in self.entries]


def with_translation(entry: Entry, msgstr: str, *, fuzzy: bool,
                     previous: Entry | None = None) -> Entry:
    """Return ``entry`` with a new translation and fuzzy state.

    ``previous`` gives the source msgid kept as ``#|`` for a fuzzy entry; a translation that
    is no longer fuzzy loses its previous msgid.
    """
    flags = [f for f in entry.flags if f != FUZZY]
    if fuzzy:
        flags.insert(0, FUZZY)
    prev_ctxt, prev_id = entry.previous_msgctxt, entry.previous_msgid
    if previous is not None:
        prev_ctxt, prev_id = previous.msgctxt, previous.msgid
    if not fuzzy:
        prev_ctxt = prev_id = None
    return dataclasses.replace(entry, msgstr=msgstr, flags=flags, previous_msgctxt=prev_ctxt,
                               previous_msgid=prev_id)


def docname_for(po_path: Path) -> str:
    """The Sphinx document name of a catalogue: its path below ``LC_MESSAGES``, no suffix."""
    parts = po_path.with_suffix("").parts
    if "LC_MESSAGES" in parts:
        index = len(parts) - 1 - parts[::-1].index("LC_MESSAGES")
        return "/".join(parts[index + 1:])
    return po_path.stem


# --------------------------------------------------------------------------- reading


def unescape(quoted: str) -> str:
    """Turn one quoted PO string (``"..."``) into its text."""
    body = quoted.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        raise ValueError(f"not a quoted PO string: {quoted!r}")
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), body[1:-1])


class _EntryBuilder:
    """Collects the lines of one entry while a catalogue is parsed."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.plural: dict[int, str] = {}
        self.entry = Entry(msgid="")
        self.lines: list[str] = []
        self.current: tuple[str, str] | None = None
        self.clean = True

    @property
    def started(self) -> bool:
        return bool(self.lines)

    @property
    def has_msgstr(self) -> bool:
        return "main:msgstr" in self.fields or bool(self.plural)

    def add_comment(self, line: str) -> None:
        entry = self.entry
        self.current = None
        if line.startswith("#:"):
            entry.locations.extend([line[2:].strip()] if line[2:].strip() else [])
        elif line.startswith("#."):
            entry.extracted_comments.append(line[2:])
        elif line.startswith("#,"):
            entry.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        else:
            entry.translator_comments.append(line[1:])
        self.lines.append(line)

    def add_keyword(self, section: str, line: str, text: str) -> None:
        match = _KEYWORD_RE.match(text)
        if match is None:
            raise ValueError(f"unexpected line in catalogue: {line!r}")
        keyword, index, quoted = match.groups()
        name = "msgstr" if index is not None else keyword
        self.current = (section, f"{name}[{index}]" if index is not None else name)
        self._store(unescape(quoted))
        self.lines.append(line)

    def add_continuation(self, line: str, text: str) -> None:
        if self.current is None:
            raise ValueError(f"string without a keyword in catalogue: {line!r}")
        self._store(unescape(text), append=True)
        self.lines.append(line)

    def _store(self, value: str, *, append: bool = False) -> None:
        assert self.current is not None
        section, name = self.current
        slot = f"{section}:{name}"
        self.fields[slot] = self.fields.get(slot, "") + value if append else value
        if section == "main" and name.startswith("msgstr["):
            self.plural[int(name[7:-1])] = self.fields[slot]

    def build(self) -> Entry:
        entry, fields = self.entry, self.fields
        entry.msgctxt = fields.get("main:msgctxt")
        entry.msgid = fields.get("main:msgid", "")
        entry.msgid_plural = fields.get("main:msgid_plural")
        entry.msgstr = fields.get("main:msgstr", "")
        entry.msgstr_plural = [self.plural[i] for i in sorted(self.plural)]
        entry.previous_msgctxt = fields.get("prev:msgctxt")
        entry.previous_msgid = fields.get("prev:msgid")
        entry.previous_msgid_plural = fields.get("prev:msgid_plural")
        if self.clean:
            entry.raw = "\n".join(self.lines)
            entry.raw_key = entry.content()
        return entry


def _classify(line: str) -> tuple[str, str]:
    """Split a catalogue line into its kind and the text that follows the marker."""
    if line.startswith("#~|"):
        return "obsolete-prev", line[3:].strip()
    if line.startswith("#~"):
        return "obsolete", line[2:].strip()
    if line.startswith("#|"):
        return "prev", line[2:].strip()
    if line.startswith("#"):
        return "comment", line
    return "main", line.strip()


def _starts_entry(kind: str, rest: str) -> bool:
    """Whether a line can only belong to the entry after one that has its msgstr."""
    if kind in ("comment", "prev", "obsolete-prev"):
        return True
    return _ENTRY_START_RE.match(rest) is not None


def parse_catalog(text: str) -> Catalog:
    """Parse the text of a PO or POT file."""
    entries: list[Entry] = []
    builder = _EntryBuilder()
    for line in text.lstrip("\ufeff").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if "main:msgid" in builder.fields:
                entries.append(builder.build())
                builder = _EntryBuilder()
            elif builder.started:
                builder.clean = False
            continue
        kind, rest = _classify(line)
        if builder.has_msgstr and _starts_entry(kind, rest):
            entries.append(builder.build())
            builder = _EntryBuilder()
        _feed(builder, kind, line, rest)
    if "main:msgid" in builder.fields:
        entries.append(builder.build())
    body = text.rstrip("\n")
    return Catalog(entries, tail=text[len(body) + 1:] if entries else "")


def _feed(builder: _EntryBuilder, kind: str, line: str, rest: str) -> None:
    if kind == "comment":
        builder.add_comment(line)
        return
    if not rest:  # a bare "#~" or "#|" line carries nothing
        return
    if kind in ("obsolete", "obsolete-prev"):
        builder.entry.obsolete = True
    section = "prev" if kind in ("prev", "obsolete-prev") else "main"
    if rest.startswith('"'):
        builder.add_continuation(line, rest)
    else:
        builder.add_keyword(section, line, rest)


def read_catalog(path: Path) -> Catalog:
    """Read a UTF-8 PO or POT file."""
    try:
        return parse_catalog(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from error


# --------------------------------------------------------------------------- writing


def escape(text: str) -> str:
    """Quote ``text`` as a PO string."""
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\t", "\\t").replace("\r", "\\r")) + '"'


def _wrap(text: str, width: int) -> list[str]:
    """Cut ``text`` after each newline and between words into quoted lines of ``width``."""
    lines: list[str] = []
    for line in re.split(r"(?<=\n)", text):
        if not line:
            continue
        buffer = ""
        for chunk in _CHUNK_RE.findall(line):
            if buffer and len(escape(buffer + chunk)) > width:
                lines.append(escape(buffer))
                buffer = ""
            buffer += chunk
        lines.append(escape(buffer))
    return lines


def format_string(keyword: str, text: str, prefix: str = "") -> list[str]:
    """Lines of ``keyword "text"``, wrapped as gettext does when too long or multi-line."""
    single = f"{prefix}{keyword} {escape(text)}"
    if len(single) <= WIDTH and "\n" not in text.rstrip("\n"):
        return [single]
    width = WIDTH - len(prefix)
    return [f'{prefix}{keyword} ""'] + [prefix + line for line in _wrap(text, width)]


def _format_strings(entry: Entry) -> list[str]:
    prefix = "#~ " if entry.obsolete else ""
    prev = "#~| " if entry.obsolete else "#| "
    lines: list[str] = []
    for keyword, value, pre in (
        ("msgctxt", entry.previous_msgctxt, prev),
        ("msgid", entry.previous_msgid, prev),
        ("msgid_plural", entry.previous_msgid_plural, prev),
        ("msgctxt", entry.msgctxt, prefix),
        ("msgid", entry.msgid, prefix),
        ("msgid_plural", entry.msgid_plural, prefix),
    ):
        if value is not None:
            lines += format_string(keyword, value, pre)
    if entry.msgid_plural is None:
        return lines + format_string("msgstr", entry.msgstr, prefix)
    for index, form in enumerate(entry.msgstr_plural or [""]):
        lines += format_string(f"msgstr[{index}]", form, prefix)
    return lines


def format_entry(entry: Entry) -> str:
    """The text of one entry; an entry unchanged since it was read keeps its text."""
    if entry.raw is not None and entry.raw_key == entry.content():
        return entry.raw
    lines = [f"#{c}" for c in entry.translator_comments]
    lines += [f"#.{c}" for c in entry.extracted_comments]
    lines += [f"#: {location}" for location in entry.locations]
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    return "\n".join(lines + _format_strings(entry))


def format_catalog(catalog: Catalog) -> str:
    """The text of a catalogue: entries separated by one empty line."""
    if not catalog.entries:
        return ""
    return "\n\n".join(format_entry(e) for e in catalog.entries) + "\n" + catalog.tail


def write_catalog(catalog: Catalog, path: Path, *, previous: Catalog | None = None) -> bool:
    """Write ``catalog`` to ``path`` unless nothing would change; return whether it wrote.

    With ``previous`` (the catalogue as read from ``path``), a catalogue with the same
    content is left alone even where its layout differs from the one this writer uses.
    """
    if previous is not None and path.exists() and previous.content() == catalog.content():
        return False
    data = format_catalog(catalog).encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


# --------------------------------------------------------------------------- headers


def header_fields(header: Entry) -> list[tuple[str, str]]:
    """The ``Name: value`` pairs of a header entry, in order, values exactly as written."""
    pairs = []
    for line in header.msgstr.split("\n"):
        if line.strip():
            name, _, value = line.partition(":")
            pairs.append((name.strip(), value.removeprefix(" ")))
    return pairs


def plural_forms(language: str) -> str:
    """The ``Plural-Forms`` header value for a language code such as ``zh_CN``.

    The language's pack gives it (GNU gettext's forms); without a pack, CLDR's.
    """
    known = languages.find(language)
    if known is not None:
        return known.plural_forms
    return get_plural(language.replace("-", "_")).plural_forms


# --------------------------------------------------------------------------- paths


def catalog_path(locale_dir: Path, language: str, docname: str) -> Path:
    """Where the catalogue of ``docname`` in ``language`` lives."""
    return locale_dir / language / "LC_MESSAGES" / f"{docname}.po"


def language_catalogs(locale_dir: Path, language: str) -> list[Path]:
    """The catalogues of one language, sorted."""
    root = locale_dir / language / "LC_MESSAGES"
    return sorted(root.rglob("*.po")) if root.is_dir() else []


def templates(pot_dir: Path) -> dict[str, Path]:
    """The templates below ``pot_dir`` by document name."""
    return {p.relative_to(pot_dir).with_suffix("").as_posix(): p
            for p in sorted(pot_dir.rglob("*.pot"))}
