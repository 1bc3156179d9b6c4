"""The catalogue model: what a gettext PO entry and a catalogue are, for every tool.

:mod:`meetingdocs.i18n.poread` builds these from a file, :mod:`meetingdocs.i18n.po`
writes them back; merge, checks, memory, XLIFF, statistics and the build share them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

FUZZY = "fuzzy"


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
    line: int = field(default=0, compare=False)
    """The 1-based line of the entry's msgid in the file it was read from (0: not read)."""

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

    @property
    def msgstrs(self) -> tuple[str, ...]:
        """The translation of each form: one for a plain entry, N for a plural one."""
        if self.msgid_plural is not None:
            return tuple(self.msgstr_plural)
        return (self.msgstr,)

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
