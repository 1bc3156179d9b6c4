"""Exchange catalogues with CAT tools as XLIFF 1.2, markup protected as inline codes.

One ``.po`` catalogue becomes one XLIFF ``<file>`` whose ``original`` is the document
name, with one ``<trans-unit>`` per entry. What translators must not edit (MyST roles,
inline code, the ``[`` and ``](target)`` parts of links, emphasis markers, substitutions,
URLs, HTML tags and document symbols) becomes ``<ph id="N">original text</ph>`` in both
source and target. On import the codes are restored exactly from the catalogue's msgid, so
a CAT tool can move codes but never change them; a target that drops, repeats or invents
a code is refused for that unit. The one change a target may make to a code is the
grammatical form of a data role (``{item}`2``` -> ``{item}`2:genitive```,
:func:`meetingdocs.un.vocabulary.split_form`): its data stays the source's.

Unit states: a translated entry is ``approved="yes"`` with ``state="translated"``, a fuzzy
one has ``state="needs-review-translation"``, an untranslated one has no target. Plural
entries (which Sphinx never extracts) are not exported.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from meetingdocs.i18n import markup
from meetingdocs.i18n.po import Catalog, Entry, docname_for, read_catalog

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: The two halves of a reference link's target are one kind of code, as for inline links.
_CTYPES = {"link-label": "link-target"}

_TRANSLATED_STATES = frozenset({"translated", "signed-off", "final"})


@dataclass(frozen=True)
class InlineCode:
    """A piece of markup or machine data in a msgid or msgstr, kept out of translators' hands."""

    start: int
    end: int
    text: str
    kind: str
    """``role``, ``code``, ``link``, ``link-target``, ``emphasis``, ``symbol``, ..."""


def inline_codes(text: str) -> list[InlineCode]:
    """The protected pieces of a MyST text, in order: every token of its markup."""
    return [InlineCode(t.start, t.end, t.text, _CTYPES.get(t.kind, t.kind))
            for t in markup.tokens(text)]


def same_data(source: str, target: str) -> bool:
    """Whether code ``target`` is code ``source`` with another grammatical form: one data
    role each, the same role and the same data."""
    from meetingdocs.un.vocabulary import DATA_ROLES, split_form

    first, second = markup.tokens(source), markup.tokens(target)
    if len(first) != 1 or len(second) != 1:
        return False
    a, b = first[0], second[0]
    return (a.kind == b.kind == "role" and a.name == b.name and a.name in DATA_ROLES
            and a.text == source and b.text == target
            and split_form(a.body)[0] == split_form(b.body)[0])


def unit_id(entry: Entry) -> str:
    """A stable trans-unit id: a hash of the entry's msgctxt and msgid."""
    key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


# --------------------------------------------------------------------------- export


def _fill(element: etree._Element, text: str, codes: list[tuple[InlineCode, str]]) -> None:
    """Put ``text`` into ``element``, each listed code as a ``<ph>`` with its id."""
    element.text, last, position = "", None, 0
    for code, code_id in codes:
        before = text[position:code.start]
        if last is None:
            element.text += before
        else:
            last.tail = (last.tail or "") + before
        last = etree.SubElement(element, _q("ph"), id=code_id, ctype=f"x-{code.kind}")
        last.text = code.text
        position = code.end
    if last is None:
        element.text += text[position:]
    else:
        last.tail = (last.tail or "") + text[position:]


def _numbered(codes: list[InlineCode]) -> list[tuple[InlineCode, str]]:
    return [(code, str(n)) for n, code in enumerate(codes, start=1)]


def _target_codes(source: list[tuple[InlineCode, str]],
                  target: list[InlineCode]) -> list[tuple[InlineCode, str]]:
    """The target's codes that repeat a source code, each with that code's id.

    A target code with no equal source code (a translated URL, say) stays plain text; a
    data role with a grammatical form is its source code.
    """
    free = list(source)
    matched = []
    for code in target:
        found = next((pair for pair in free if pair[0].text == code.text), None) or next(
            (pair for pair in free if same_data(pair[0].text, code.text)), None)
        if found is not None:
            free.remove(found)
            matched.append((code, found[1]))
    return matched


def _add_context(unit: etree._Element, entry: Entry) -> None:
    for location in " ".join(entry.locations).split():
        group = etree.SubElement(unit, _q("context-group"), purpose="location")
        path, _, line = location.rpartition(":")
        if not line.isdigit():
            path, line = location, ""
        etree.SubElement(group, _q("context"), {"context-type": "sourcefile"}).text = path
        if line:
            etree.SubElement(group, _q("context"), {"context-type": "linenumber"}).text = line
    for comment in entry.extracted_comments:
        etree.SubElement(unit, _q("note"), {"from": "developer"}).text = comment.strip()
    if entry.msgctxt is not None:
        etree.SubElement(unit, _q("note"), {"from": "msgctxt"}).text = entry.msgctxt
    if entry.fuzzy and entry.previous_msgid is not None:
        note = etree.SubElement(unit, _q("note"), {"from": "previous-source"})
        note.text = entry.previous_msgid


def _unit(entry: Entry) -> etree._Element:
    unit = etree.Element(_q("trans-unit"), id=unit_id(entry))
    unit.set(XML_SPACE, "preserve")
    source_codes = _numbered(inline_codes(entry.msgid))
    _fill(etree.SubElement(unit, _q("source")), entry.msgid, source_codes)
    if entry.msgstr:
        target = etree.SubElement(unit, _q("target"))
        _fill(target, entry.msgstr, _target_codes(source_codes, inline_codes(entry.msgstr)))
        if entry.fuzzy:
            target.set("state", "needs-review-translation")
        else:
            unit.set("approved", "yes")
            target.set("state", "translated")
    _add_context(unit, entry)
    return unit


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure, never the inside of ``<source>``, ``<target>`` or notes."""
    children = list(element)
    if not children or _local(element) in ("source", "target", "note", "context"):
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level


def build_xliff(catalog: Catalog, docname: str, *, source_lang: str = "en",
                target_lang: str) -> etree._Element:
    """The XLIFF document of one catalogue."""
    root = etree.Element(_q("xliff"), nsmap={None: NAMESPACE}, version="1.2")
    file_element = etree.SubElement(root, _q("file"), {
        "original": docname,
        "source-language": source_lang.replace("_", "-"),
        "target-language": target_lang.replace("_", "-"),
        "datatype": "po",
    })
    body = etree.SubElement(file_element, _q("body"))
    for entry in catalog.messages:
        if entry.msgid_plural is None:
            try:
                body.append(_unit(entry))
            except ValueError as error:  # a character XML cannot hold
                raise ValueError(f"{docname}: entry {entry.msgid[:50]!r}: {error}") from error
    _indent(root)
    return root


def export_xliff(po_path: Path, xlf_path: Path, *, source_lang: str = "en",
                 target_lang: str) -> int:
    """Write the catalogue ``po_path`` as XLIFF 1.2 to ``xlf_path``; return the unit count."""
    root = build_xliff(read_catalog(po_path), docname_for(po_path), source_lang=source_lang,
                       target_lang=target_lang)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
    problems = check_xliff(data)
    if problems:
        raise ValueError(f"{xlf_path.name}: invalid export: " + "; ".join(problems))
    xlf_path.parent.mkdir(parents=True, exist_ok=True)
    xlf_path.write_bytes(data)
    return len(root.findall(f".//{_q('trans-unit')}"))


# --------------------------------------------------------------------------- checks


class XliffRefused(ValueError):
    """An XLIFF file that is not imported at all; the message names the file."""


def _parse(data: bytes, name: str = "XLIFF") -> etree._Element:
    """The XML of an XLIFF file; no DTD, no entity is ever expanded, nothing fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise XliffRefused(f"{name}: not well-formed XML: {error}") from None
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD:
        raise XliffRefused(f"{name}: the file declares a DTD (<!DOCTYPE ...>), which XLIFF "
                           "1.2 does not use; refused, since its entities could hide or "
                           "multiply text")
    return root


def _ph_ids(element: etree._Element | None) -> list[str]:
    if element is None:
        return []
    return [ph.get("id", "") for ph in element.iter() if _local(ph) == "ph"]


def _child(unit: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in unit if _local(c) == name), None)


def check_xliff(data: bytes) -> list[str]:
    """Problems of an XLIFF document: malformed XML, duplicate ids, unknown target codes."""
    try:
        root = _parse(data)
    except XliffRefused as error:
        return [str(error).removeprefix("XLIFF: ")]
    problems = []
    seen: Counter[str] = Counter()
    for unit in root.iter():
        if _local(unit) != "trans-unit":
            continue
        uid = unit.get("id", "")
        seen[uid] += 1
        source_ids = _ph_ids(_child(unit, "source"))
        if len(set(source_ids)) != len(source_ids):
            problems.append(f"unit {uid}: duplicate code ids in the source")
        invented = sorted(set(_ph_ids(_child(unit, "target"))) - set(source_ids))
        if invented:
            problems.append(f"unit {uid}: target codes {invented} are not in the source")
    problems += [f"unit id {uid!r} used {n} times" for uid, n in seen.items() if n > 1]
    return problems


def numbered(codes: list[InlineCode]) -> list[tuple[InlineCode, str]]:
    """Codes with their ids, as export numbers them (the import restores by these ids)."""
    return _numbered(codes)


def child_named(unit: etree._Element, name: str) -> etree._Element | None:
    return _child(unit, name)


def local_name(element: etree._Element) -> str:
    return _local(element)


def parse(data: bytes, name: str = "XLIFF") -> etree._Element:
    return _parse(data, name)
