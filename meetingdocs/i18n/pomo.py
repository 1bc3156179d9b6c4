"""Compile a catalogue of the PO model into a GNU ``.mo`` file (what Sphinx publishes from).

What is published is what the model read (:mod:`meetingdocs.i18n.poread`), so it is what
the checks saw: the header exactly as written (declaring UTF-8, the encoding of the
compiled strings), and each live entry whose every form is translated and that is not
fuzzy. The layout is GNU gettext's: originals sorted, no hash table (optional in the
format; Python's :mod:`gettext` and GNU ``msgunfmt`` read it).
"""

from __future__ import annotations

import re
import struct

from meetingdocs.i18n.poentry import Catalog, Entry

_MAGIC = 0x950412DE
_CHARSET_RE = re.compile(r"(charset=)[A-Za-z0-9_.:-]+")


def published(entry: Entry) -> bool:
    """Whether the build uses this entry: live, not fuzzy, every form translated."""
    return not entry.obsolete and not entry.is_header and not entry.fuzzy and entry.translated


def _pair(entry: Entry) -> tuple[bytes, bytes]:
    original = entry.msgid
    if entry.msgid_plural is not None:
        original += "\0" + entry.msgid_plural
    if entry.msgctxt is not None:
        original = entry.msgctxt + "\x04" + original
    return original.encode("utf-8"), "\0".join(entry.msgstrs).encode("utf-8")


def mo_bytes(catalog: Catalog) -> bytes:
    """The ``.mo`` file of ``catalog``."""
    pairs: dict[bytes, bytes] = {}
    header = catalog.header
    if header is not None:
        text = _CHARSET_RE.sub(r"\g<1>UTF-8", header.msgstr)
        pairs[b""] = text.encode("utf-8")
    for entry in catalog.entries:
        if published(entry):
            original, translation = _pair(entry)
            pairs[original] = translation
    keys = sorted(pairs)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + 8 * count
    strings_at = translations_at + 8 * count
    table: list[int] = []
    blob = bytearray()
    for strings in (keys, [pairs[k] for k in keys]):
        for string in strings:
            table += [len(string), strings_at + len(blob)]
            blob += string + b"\0"
    head = struct.pack("<7I", _MAGIC, 0, count, originals_at, translations_at, 0, strings_at)
    return head + struct.pack(f"<{len(table)}I", *table) + bytes(blob)
