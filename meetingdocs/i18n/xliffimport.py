"""Import XLIFF 1.2 from CAT tools back into catalogues: all or nothing.

The codes of each target are restored exactly from the catalogue's msgid
(:mod:`meetingdocs.i18n.xliff`). The import is refused, for the whole file, when the XML is
not well-formed or declares a DTD (no entity is ever expanded), when the file is too large,
or is for another document or language; and unit by unit (then nothing at all is written)
when a target drops, repeats or invents a code, uses an entity, is empty where the
catalogue has a translation, or when no entry has the unit's id. A read-only catalogue is
never rewritten (:func:`meetingdocs.i18n.po.write_catalog`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from meetingdocs.i18n.inputs import InputRefused, read_input
from meetingdocs.i18n.po import (
    Catalog,
    Entry,
    docname_for,
    header_fields,
    read_catalog,
    with_translation,
    write_catalog,
)
from meetingdocs.i18n.xliff import (
    _TRANSLATED_STATES,
    XliffRefused,
    child_named,
    inline_codes,
    local_name,
    numbered,
    parse,
    same_data,
    unit_id,
)


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_xliff` did to one catalogue."""

    po_path: Path
    updated: int
    """Entries whose translation or fuzzy state changed."""
    unchanged: int
    """Units whose entry already had that translation and state."""
    refused: list[str]
    """One message per unit that was not imported, naming the file and the unit."""
    unknown: list[str]
    """Ids of units that match no entry of the catalogue (a newer or older export)."""
    written: bool

    @property
    def ok(self) -> bool:
        """Whether every unit was taken (or already there)."""
        return not self.refused

    def __str__(self) -> str:
        parts = [f"updated {self.updated}", f"unchanged {self.unchanged}"]
        if self.unknown:
            parts.append(f"{len(self.unknown)} unit(s) not in the catalogue (export again)")
        if self.refused:
            parts.append("nothing was written")
        lines = [", ".join(parts)] + [f"refused: {message}" for message in self.refused]
        return "\n".join(lines)


class UnitRefused(ValueError):
    """A target that cannot be turned back into a msgstr."""


def _inline_text(element: etree._Element, codes: dict[str, str], used: list[str]) -> str:
    """The msgstr text of a target, codes restored from the catalogue's msgid."""
    parts = [element.text or ""]
    for child in element:
        name = local_name(child)
        if isinstance(child, etree._Entity):
            raise UnitRefused(f"target uses the entity reference {child.text}; write the "
                              "character itself")
        if name == "ph":
            code_id = child.get("id", "")
            if code_id not in codes:
                raise UnitRefused(f"target invents code {code_id!r}")
            used.append(code_id)
            # The code as the catalogue has it, or with the form the translator gave it.
            written = "".join(child.itertext())
            parts.append(written if written and same_data(codes[code_id], written)
                         else codes[code_id])
        elif name == "mrk":
            parts.append(_inline_text(child, codes, used))
        elif name:
            raise UnitRefused(f"target has an unsupported inline element <{name}>")
        parts.append(child.tail or "")
    return "".join(parts)


def _check_source(unit: etree._Element, codes: dict[str, str]) -> None:
    source = child_named(unit, "source")
    found = {ph.get("id", ""): "".join(ph.itertext())
             for ph in (source.iter() if source is not None else []) if local_name(ph) == "ph"}
    if found != codes:
        raise UnitRefused("source codes differ from the catalogue's msgid; export again")


def _restore(unit: etree._Element, target: etree._Element, entry: Entry) -> str:
    """The msgstr of a target: codes checked against the source and restored exactly."""
    codes = {code_id: code.text for code, code_id in numbered(inline_codes(entry.msgid))}
    _check_source(unit, codes)
    used: list[str] = []
    text = _inline_text(target, codes, used)
    if not text:
        return text
    repeated = sorted(i for i, n in Counter(used).items() if n > 1)
    if repeated:
        raise UnitRefused(f"target repeats code(s) {', '.join(repeated)}")
    dropped = [i for i in codes if i not in used]
    if dropped:
        shown = ", ".join(f"{i} ({codes[i]!r})" for i in dropped)
        raise UnitRefused(f"target drops code(s) {shown}")
    return text


def _is_fuzzy(unit: etree._Element, target: etree._Element, text: str) -> bool:
    if not text:
        return False
    state = target.get("state")
    if state is not None:
        return state not in _TRANSLATED_STATES
    return unit.get("approved") != "yes"


def _imported(unit: etree._Element, entry: Entry) -> Entry:
    """The entry as the unit has it; the entry itself when the unit has no target."""
    target = child_named(unit, "target")
    if target is None:
        return entry
    text = _restore(unit, target, entry)
    if not text and entry.msgstr:
        raise UnitRefused("the target is empty, but the catalogue has a translation; an "
                          "import never erases one (clear the msgstr in the catalogue)")
    fuzzy = _is_fuzzy(unit, target, text)
    if text == entry.msgstr and fuzzy == entry.fuzzy:
        return entry
    if not text and not entry.msgstr:
        return entry
    return with_translation(entry, text, fuzzy=fuzzy)


def _file_element(root: etree._Element, docname: str, xlf_path: Path) -> etree._Element:
    files = [f for f in root.iter() if local_name(f) == "file"]
    for element in files:
        if element.get("original") == docname:
            return element
    names = ", ".join(repr(f.get("original")) for f in files) or "none"
    raise XliffRefused(f"{xlf_path}: no <file original={docname!r}> (found {names}); "
                       "nothing was imported")


def _check_language(file_element: etree._Element, catalog: Catalog, xlf_path: Path) -> None:
    header = catalog.header
    language = dict(header_fields(header)).get("Language", "").strip() if header else ""
    target = file_element.get("target-language", "")

    def norm(code: str) -> str:
        return code.replace("-", "_").lower()

    if not target or (language and norm(language) != norm(target)):
        raise XliffRefused(f"{xlf_path}: target-language {target!r} does not match the "
                           f"catalogue's language {language!r}; nothing was imported")


def import_xliff(xlf_path: Path, po_path: Path) -> ImportResult:
    """Take the translations and states of ``xlf_path`` into the existing ``po_path``.

    Only entries whose translation or fuzzy state differ are changed; the catalogue is
    written only if one did. A unit whose target drops, repeats or invents a code, uses an
    entity, is empty where the catalogue has a translation, or whose id no entry has, is
    refused (listed in the result), and then nothing is written at all. A file that is not
    well-formed, declares a DTD, is too large, or is for another document or language
    raises :class:`XliffRefused`.
    """
    catalog = read_catalog(po_path)
    file_element = _file_element(_read_xliff(xlf_path), docname_for(po_path), xlf_path)
    _check_language(file_element, catalog, xlf_path)
    by_id = {unit_id(e): i for i, e in enumerate(catalog.entries)
             if not e.obsolete and not e.is_header and e.msgid_plural is None}
    entries = list(catalog.entries)
    refused: list[str] = []
    unknown: list[str] = []
    updated = unchanged = 0
    for unit in (u for u in file_element.iter() if local_name(u) == "trans-unit"):
        uid = unit.get("id", "")
        if uid not in by_id:
            unknown.append(uid)
            continue
        index = by_id[uid]
        try:
            new = _imported(unit, entries[index])
        except UnitRefused as error:
            refused.append(f"{xlf_path.name}: unit {uid}: {error}")
            continue
        if new is entries[index]:
            unchanged += 1
        else:
            entries[index] = new
            updated += 1
    unknown_messages = [f"{xlf_path.name}: unit {uid}: no entry of {po_path.name} has this id "
                        "(the English changed since the export: export again)"
                        for uid in unknown]
    refused += unknown_messages
    written = False
    if updated and not refused:  # all or nothing: a refused unit stops the whole import
        written = write_catalog(Catalog(entries, catalog.tail), po_path, previous=catalog)
    return ImportResult(po_path, updated, unchanged, refused, unknown, written)


def _read_xliff(xlf_path: Path) -> etree._Element:
    try:
        return parse(read_input(xlf_path, what="XLIFF file"), str(xlf_path))
    except InputRefused as error:
        raise XliffRefused(f"{error}; nothing was imported") from None


def xliff_target(xlf_path: Path) -> tuple[str, str]:
    """The document name and the target language (``zh-CN``) an XLIFF file is for.

    The file must have exactly one ``<file>`` with both ``original`` and
    ``target-language``: that, not the name of the folder, says where it goes.
    """
    files = [f for f in _read_xliff(xlf_path).iter() if local_name(f) == "file"]
    if len(files) != 1:
        raise XliffRefused(f"{xlf_path}: expected one <file> element, found {len(files)}; "
                           "nothing was imported")
    docname, language = files[0].get("original", ""), files[0].get("target-language", "")
    if not docname or not language:
        raise XliffRefused(f"{xlf_path}: <file> needs both original= and target-language=; "
                           "nothing was imported")
    return docname, language
