"""Update translators' catalogues from their templates without losing any work.

This replaces ``sphinx-intl update``. For every template ``<doc>.pot`` and language, the
catalogue ``<locale>/<lang>/LC_MESSAGES/<doc>.po`` is created when missing, or merged:

* an unchanged msgid keeps its translation;
* a new msgid takes the translation of the most similar msgid that disappeared, marked
  fuzzy with the previous msgid kept (``#| msgid``), similarity being computed on words
  (:mod:`meetingdocs.i18n.similarity`);
* a translated msgid that disappeared stays as an obsolete (``#~``) entry.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meetingdocs.i18n.po import (
    FUZZY,
    Catalog,
    Entry,
    Key,
    catalog_path,
    docname_for,
    header_fields,
    language_catalogs,
    plural_forms,
    read_catalog,
    templates,
    write_catalog,
)
from meetingdocs.i18n.similarity import best_pairs

#: Least word similarity for a disappeared msgid's translation to be reused as fuzzy.
FUZZY_THRESHOLD = 0.6


def _set_field(fields: list[tuple[str, str]], name: str, value: str,
               after: Iterable[str] = ()) -> list[tuple[str, str]]:
    names = [n.lower() for n, _ in fields]
    if name.lower() in names:
        return [(n, value if n.lower() == name.lower() else v) for n, v in fields]
    position = len(fields)
    for anchor in after:
        if anchor.lower() in names:
            position = names.index(anchor.lower()) + 1
            break
    return [*fields[:position], (name, value), *fields[position:]]


def new_header(template: Catalog, language: str, now: datetime) -> Entry:
    """The header of a new catalogue: the template's, completed for ``language``."""
    base = template.header or Entry(msgid="")
    fields = header_fields(base)
    fields = _set_field(fields, "PO-Revision-Date", now.strftime("%Y-%m-%d %H:%M%z"))
    fields = _set_field(fields, "Language", language, after=("Language-Team",
                                                             "Last-Translator"))
    fields = _set_field(fields, "Content-Type", "text/plain; charset=UTF-8")
    fields = _set_field(fields, "Plural-Forms", plural_forms(language),
                        after=("Content-Transfer-Encoding", "Content-Type"))
    return Entry(
        msgid="",
        msgstr="".join(f"{name}: {value}\n" for name, value in fields),
        translator_comments=list(base.translator_comments),
        flags=[f for f in base.flags if f != FUZZY],
    )


# --------------------------------------------------------------------------- merging


@dataclass(frozen=True)
class MergeCounts:
    """What a merge did to the entries of one catalogue."""

    added: int = 0
    """New msgids without a usable earlier translation (empty entries)."""
    fuzzied: int = 0
    """New msgids that took the translation of a similar disappeared msgid, as fuzzy."""
    obsoleted: int = 0
    """Translated msgids that disappeared and were kept as obsolete entries."""
    unchanged: int = 0
    """Msgids found unchanged in the catalogue."""
    revived: int = 0
    """Msgids that came back and took their translation from an obsolete entry."""


def _template_entry(template_entry: Entry, nplurals: int) -> Entry:
    """A fresh, untranslated entry for a template msgid."""
    entry = dataclasses.replace(template_entry, msgstr="", translator_comments=[], raw=None,
                                raw_key=None, flags=[f for f in template_entry.flags
                                                     if f != FUZZY])
    if entry.msgid_plural is not None:
        entry.msgstr_plural = [""] * nplurals
    return entry


def _carry(old: Entry, template_entry: Entry) -> Entry:
    """An existing translation with the template's locations, comments and flags.

    The entry keeps its fuzzy state and the format flags that Babel (sphinx-intl) adds on
    its own, such as ``python-brace-format``, unless the template says otherwise.
    """
    flags = [f for f in template_entry.flags if f != FUZZY]
    flags += [f for f in old.flags if f.endswith("-format") and f not in flags
              and _opposite_format(f) not in flags]
    if old.fuzzy:
        flags.insert(0, FUZZY)
    return dataclasses.replace(
        old, obsolete=False, locations=list(template_entry.locations),
        extracted_comments=list(template_entry.extracted_comments), flags=flags,
        msgid_plural=template_entry.msgid_plural,
    )


def _opposite_format(flag: str) -> str:
    return flag.removeprefix("no-") if flag.startswith("no-") else f"no-{flag}"


def _fuzzy_from(old: Entry, template_entry: Entry, nplurals: int) -> Entry:
    """A new msgid taking the translation of a similar old one, as fuzzy."""
    entry = _template_entry(template_entry, nplurals)
    entry.translator_comments = list(old.translator_comments)
    entry.flags = [FUZZY, *entry.flags]
    entry.msgstr = old.msgstr
    if entry.msgid_plural is not None and len(old.msgstr_plural) == nplurals:
        entry.msgstr_plural = list(old.msgstr_plural)
    # An old fuzzy translation still belongs to the msgid it was made for.
    source = old if not old.fuzzy or old.previous_msgid is None else None
    entry.previous_msgctxt = old.msgctxt if source else old.previous_msgctxt
    entry.previous_msgid = old.msgid if source else old.previous_msgid
    entry.previous_msgid_plural = old.msgid_plural if source else old.previous_msgid_plural
    return entry


def _obsolete_copy(old: Entry) -> Entry:
    return dataclasses.replace(old, obsolete=True, locations=[], extracted_comments=[])


def _nplurals(header: Entry | None) -> int:
    """The number of plural forms a catalogue's header declares (2 when it says none)."""
    for name, value in header_fields(header) if header is not None else []:
        match = re.search(r"nplurals\s*=\s*(\d+)", value)
        if name.lower() == "plural-forms" and match:
            return int(match.group(1))
    return 2


def _by_key(entries: Iterable[Entry]) -> dict[Key, Entry]:
    """Entries by msgctxt and msgid, the first one winning."""
    found: dict[Key, Entry] = {}
    for entry in entries:
        found.setdefault(entry.key, entry)
    return found


def _carry_exact(template: Catalog, live: dict[Key, Entry],
                 obsolete: dict[Key, Entry]) -> tuple[list[Entry | None], int, int]:
    """Template entries that keep a translation of the same msgid; None for the others.

    Obsolete entries that come back are removed from ``obsolete``.
    """
    merged: list[Entry | None] = []
    unchanged = revived = 0
    for t_entry in template.messages:
        if t_entry.key in live:
            merged.append(_carry(live[t_entry.key], t_entry))
            unchanged += 1
        elif t_entry.key in obsolete and obsolete[t_entry.key].has_translation:
            merged.append(_carry(obsolete.pop(t_entry.key), t_entry))
            revived += 1
        else:
            merged.append(None)
    return merged, unchanged, revived


def _fill_new(merged: list[Entry | None], template: Catalog, gone: list[Entry],
              nplurals: int) -> set[int]:
    """Give each new msgid the most similar disappeared translation, or nothing.

    Returns the indexes in ``gone`` of the translations that were used.
    """
    messages = template.messages
    pending = [i for i, entry in enumerate(merged) if entry is None]
    pairs = best_pairs([messages[i].msgid for i in pending], [e.msgid for e in gone],
                       FUZZY_THRESHOLD)
    for p, g, _score in pairs:
        merged[pending[p]] = _fuzzy_from(gone[g], messages[pending[p]], nplurals)
    for i in pending:
        if merged[i] is None:
            merged[i] = _template_entry(messages[i], nplurals)
    return {g for _p, g, _score in pairs}


def merge_catalog(existing: Catalog, template: Catalog) -> tuple[Catalog, MergeCounts]:
    """Merge ``template`` into ``existing`` (see the module docstring for the rules)."""
    live, obsolete = _by_key(existing.messages), _by_key(existing.obsolete)
    merged, unchanged, revived = _carry_exact(template, live, obsolete)
    new = merged.count(None)
    template_keys = {e.key for e in template.messages}
    gone = [e for e in live.values() if e.key not in template_keys and e.has_translation]
    used = _fill_new(merged, template, gone, _nplurals(existing.header))

    newly_obsolete = [_obsolete_copy(e) for g, e in enumerate(gone) if g not in used]
    replaced = {e.key for e in newly_obsolete}
    kept_obsolete = [e for e in existing.obsolete
                     if obsolete.get(e.key) is e and e.key not in replaced]
    header = [existing.header] if existing.header else []
    entries = header + [e for e in merged if e is not None] + kept_obsolete + newly_obsolete
    counts = MergeCounts(added=new - len(used), fuzzied=len(used),
                         obsoleted=len(newly_obsolete), unchanged=unchanged, revived=revived)
    return Catalog(entries, existing.tail), counts


def new_catalog(template: Catalog, language: str, now: datetime) -> Catalog:
    """A catalogue for ``language`` with every template msgid untranslated."""
    header = new_header(template, language, now)
    nplurals = _nplurals(header)
    return Catalog([header] + [_template_entry(e, nplurals) for e in template.messages])


# --------------------------------------------------------------------------- update


@dataclass(frozen=True)
class UpdateResult:
    """What :func:`update_catalogs` did to one catalogue."""

    po_path: Path
    language: str
    docname: str
    created: bool = False
    changed: bool = False
    """Whether the file was written (always true for a created one)."""
    added: int = 0
    fuzzied: int = 0
    obsoleted: int = 0
    unchanged: int = 0
    revived: int = 0
    stale: bool = False
    """The template of this catalogue is gone; the catalogue was left alone."""


def update_catalog(pot_path: Path, po_path: Path, language: str, *,
                   now: datetime | None = None) -> UpdateResult:
    """Create or merge one catalogue from its template."""
    template = read_catalog(pot_path)
    docname = docname_for(po_path)
    if not po_path.exists():
        catalog = new_catalog(template, language, now or datetime.now(UTC))
        write_catalog(catalog, po_path)
        return UpdateResult(po_path, language, docname, created=True, changed=True,
                            added=len(catalog.messages))
    existing = read_catalog(po_path)
    merged, counts = merge_catalog(existing, template)
    changed = write_catalog(merged, po_path, previous=existing)
    return UpdateResult(po_path, language, docname, changed=changed,
                        **dataclasses.asdict(counts))


def update_catalogs(pot_dir: Path, locale_dir: Path, languages: Sequence[str], *,
                    now: datetime | None = None) -> list[UpdateResult]:
    """Bring every language's catalogues in line with the templates in ``pot_dir``.

    Catalogues whose template is gone are reported as ``stale`` and left untouched.
    ``now`` is the ``PO-Revision-Date`` written into created catalogues (default: now).
    """
    pots = templates(pot_dir)
    results: list[UpdateResult] = []
    for language in languages:
        for docname, pot_path in pots.items():
            po_path = catalog_path(locale_dir, language, docname)
            results.append(update_catalog(pot_path, po_path, language, now=now))
        results += stale_catalogs(pots, locale_dir, language)
    return results


def stale_catalogs(pots: dict[str, Path], locale_dir: Path,
                   language: str) -> list[UpdateResult]:
    """Catalogues of ``language`` that have no template any more."""
    return [UpdateResult(p, language, docname_for(p), stale=True)
            for p in language_catalogs(locale_dir, language) if docname_for(p) not in pots]
