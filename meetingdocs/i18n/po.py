"""Gettext PO catalogues for every tool: the model, the one reader, and a stable writer.

Merge, checks, guard, build, translation memory, XLIFF, statistics and the site use
catalogues through this module. The model is :mod:`meetingdocs.i18n.poentry`, the reader
(which reads what GNU gettext reads, and why it is our own) :mod:`meetingdocs.i18n.poread`.
The writer is stable: an entry that did not change is written back exactly as it was read
(translators' own layout), new or changed entries get one fixed layout, a catalogue whose
content did not change is not written at all, and what is written is UTF-8. A read-only
catalogue is never replaced (:class:`CatalogueReadOnly`, see :func:`unwritable`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from pathlib import Path

from babel.messages.plurals import get_plural

from meetingdocs import languages
from meetingdocs.i18n.poentry import FUZZY, Catalog, Entry, Key, with_translation
from meetingdocs.i18n.poread import (
    PoSyntaxError,
    catalog_charset,
    decode_catalog,
    parse_bytes,
    parse_catalog,
    parse_strings,
    read_catalog,
    unescape,
)

__all__ = [
    "FUZZY", "WIDTH", "Catalog", "CatalogueReadOnly", "Entry", "Key", "PoSyntaxError",
    "catalog_charset", "catalog_path", "decode_catalog", "docname_for", "escape",
    "format_catalog", "format_entry", "format_string", "header_fields", "language_catalogs",
    "parse_bytes", "parse_catalog", "parse_strings", "plural_forms", "read_catalog",
    "templates", "unescape", "unwritable", "with_translation", "write_catalog",
]

#: Line width of new or changed entries (the width Babel and sphinx-intl use).
WIDTH = 76

_CHUNK_RE = re.compile(r"\S+\s*|\s+")
_CHARSET_FIELD_RE = re.compile(r"charset=([A-Za-z0-9_.:-]+)")


def docname_for(po_path: Path) -> str:
    """The Sphinx document name of a catalogue: its path below ``LC_MESSAGES``, no suffix."""
    parts = po_path.with_suffix("").parts
    if "LC_MESSAGES" in parts:
        index = len(parts) - 1 - parts[::-1].index("LC_MESSAGES")
        return "/".join(parts[index + 1:])
    return po_path.stem


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


def _utf8_header(catalog: Catalog) -> Catalog:
    """``catalog`` with a header that declares UTF-8, the encoding the writer uses."""
    header = catalog.header
    match = _CHARSET_FIELD_RE.search(header.msgstr) if header is not None else None
    if header is None or match is None or catalog_charset(match.group(0).encode()) == "utf-8":
        return catalog
    utf8 = dataclasses.replace(
        header, msgstr=header.msgstr[:match.start(1)] + "UTF-8" + header.msgstr[match.end(1):])
    return dataclasses.replace(catalog,
                               entries=[utf8 if e is header else e for e in catalog.entries])


class CatalogueReadOnly(PermissionError):
    """A catalogue or its folder that may not be written: it is left exactly as it is."""


def unwritable(path: Path) -> bool:
    """Whether ``path`` (a catalogue, or a folder catalogues go in) must not be written:
    marked read-only (no write permission bit, which binds even the superuser here), or
    not writable by this user. A path that does not exist is judged by its nearest parent.
    """
    while not path.exists() and path != path.parent:
        path = path.parent
    return not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)


def write_catalog(catalog: Catalog, path: Path, *, previous: Catalog | None = None) -> bool:
    """Write ``catalog`` to ``path`` unless nothing would change; return whether it wrote.

    With ``previous`` (the catalogue as read from ``path``), a catalogue with the same
    content is left alone even where its layout differs from the one this writer uses.
    """
    if previous is not None and path.exists() and previous.content() == catalog.content():
        return False
    data = format_catalog(_utf8_header(catalog)).encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    if unwritable(path) or unwritable(path.parent):
        what = ("catalogue is read-only" if path.exists() and unwritable(path)
                else "folder is not writable")
        raise CatalogueReadOnly(f"{path}: the {what}; it was not changed "
                                "(make it writable to update it)")
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
