"""Compile the build's catalogues to ``.mo`` from the project's PO model, never from disk.

Left to itself, Sphinx compiles ``locale/<lang>/LC_MESSAGES/*.po`` with Babel, which
misreads valid catalogues (see :mod:`meetingdocs.i18n.poread`), and publishes any
``.mo`` newer than its ``.po``, whoever made it. Here, on ``config-inited`` (before the
environment looks for documents and notes each one's ``.mo`` as a dependency, and before
the builder would compile anything), the catalogues of the build's language are found
the way Sphinx finds them, read with :mod:`meetingdocs.i18n.po` (the reader the checks
use), compiled without their fuzzy entries (:mod:`meetingdocs.i18n.pomo`) into
``<doctreedir>/locale/<n>/<lang>/LC_MESSAGES/<domain>.mo`` (``n``: the position of the
locale folder in ``locale_dirs``), and ``locale_dirs`` is pointed at those folders for the
rest of the build; Sphinx's own compiling (``gettext_auto_build``) is off.

A ``.mo`` is written only when its bytes change: Sphinx re-reads a document whose ``.mo``
is newer than its last reading. Beside each ``.mo`` lies a copy of its catalogue, because
Sphinx notes a ``.mo`` as a dependency only where it finds a ``.po``. A catalogue that is
a symbolic link or that resolves outside its locale folder is refused without being read.
"""

from __future__ import annotations

import dataclasses
import gettext
import hashlib
import os
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

from meetingdocs import languages
from meetingdocs.i18n.inputs import InputRefused, read_input
from meetingdocs.i18n.po import Catalog, PoSyntaxError, parse_bytes
from meetingdocs.i18n.pomo import mo_bytes
from meetingdocs.storage import write_whole

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The build-private folder, below the doctree folder, that Sphinx reads catalogues from.
PRIVATE_LOCALE = "locale"


class CatalogueRefused(ExtensionError):
    category = "Catalogue refused"


@dataclass(frozen=True)
class CatalogueFile:
    """A catalogue of the build's language, where Sphinx looks for it."""

    path: Path
    """The ``.po`` file, as found below its locale folder."""
    domain: str
    """Its message domain: the document name (``gettext_compact = False``)."""
    index: int
    """Position of its locale folder in ``locale_dirs``."""


@dataclass(frozen=True)
class Compiled:
    """A catalogue as this build read it: the bytes that are checked and published."""

    source: CatalogueFile
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


_COMPILED: weakref.WeakKeyDictionary[Sphinx, list[Compiled]] = weakref.WeakKeyDictionary()
_REMOVED: weakref.WeakKeyDictionary[Sphinx, set[str]] = weakref.WeakKeyDictionary()


def discover(srcdir: Path, locale_dirs: list[str], language: str,
             encoding: str = "utf-8-sig") -> list[CatalogueFile]:
    """The catalogues of ``language``, found as Sphinx finds them (recursively).

    Raises :class:`CatalogueRefused` for a catalogue that is a symbolic link or resolves
    outside its locale folder; such a file is not opened.
    """
    found: list[CatalogueFile] = []
    for index, folder in enumerate(locale_dirs):
        repo = CatalogRepository(srcdir, [folder], language, encoding)
        for info in sorted(repo.catalogs, key=lambda c: c.domain):
            path = Path(info.po_path)
            expected = Path(srcdir, folder).resolve() / language / "LC_MESSAGES" / info.po_file
            if path.is_symlink() or path.resolve() != expected:
                raise CatalogueRefused(
                    f"{path}: a catalogue must be a file inside its locale folder "
                    f"({Path(srcdir, folder).resolve()}), not a link or a path that leads out "
                    "of it; it was not read")
            found.append(CatalogueFile(path, info.domain, index))
    return found


def read_catalogues(srcdir: Path, locale_dirs: list[str], language: str,
                    encoding: str = "utf-8-sig") -> list[Compiled]:
    """The catalogues of ``language`` (:func:`discover`), each with the bytes it has now.

    Raises :class:`CatalogueRefused` for a catalogue that cannot be taken as input."""
    records = []
    for source in discover(srcdir, locale_dirs, language, encoding):
        try:
            records.append(Compiled(source, read_input(source.path)))
        except InputRefused as error:
            raise CatalogueRefused(str(error)) from None
    return records


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` holds it already (its time then stays as it was)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_whole(path, data)
    _forget(path)
    return True


def _forget(mo_path: Path) -> None:
    """Drop ``mo_path`` from :mod:`gettext`'s cache, which keeps a translation per path for
    the life of the process: a second build in one process must see the new ``.mo``."""
    cache = getattr(gettext, "_translations", None)
    if isinstance(cache, dict):
        for key in [k for k in cache if k[-1] == os.path.abspath(mo_path)]:
            del cache[key]


def private_dirs(doctreedir: Path, count: int) -> list[Path]:
    return [Path(doctreedir) / PRIVATE_LOCALE / str(index) for index in range(count)]


def compile_catalogues(app: Sphinx, config: Config) -> None:
    """``config-inited``: compile this language's catalogues; point Sphinx at them."""
    original = list(config.locale_dirs)
    language = config.language
    folders = [d / language / "LC_MESSAGES" for d in private_dirs(app.doctreedir, len(original))]
    kept: set[Path] = set()
    _warn_if_missing(Path(app.srcdir), original, language)
    records = read_catalogues(Path(app.srcdir), original, language, config.source_encoding)
    for record in records:
        source, data = record.source, record.data
        try:
            mo = mo_bytes(context_free(parse_bytes(data)))
        except PoSyntaxError:
            continue  # the guard refuses it with its line; nothing of it is published
        folder = folders[source.index]
        po_copy, mo_path = folder / f"{source.domain}.po", folder / f"{source.domain}.mo"
        write_if_changed(po_copy, data)
        if write_if_changed(mo_path, mo):
            logger.verbose("compiled %s", mo_path)
        kept |= {po_copy, mo_path}
    removed: set[str] = set()
    for folder in folders:
        for stale in [p for p in folder.rglob("*") if p.is_file() and p not in kept]:
            stale.unlink()
            _forget(stale)
            removed.add(stale.relative_to(folder).with_suffix("").as_posix())
    _COMPILED[app], _REMOVED[app] = records, removed
    config.locale_dirs = [str(f.parent.parent) for f in folders]
    config.gettext_auto_build = False


def _warn_if_missing(srcdir: Path, locale_dirs: list[str], language: str) -> None:
    """A translated language without a catalogue folder is the English: say so."""
    if language == languages.SOURCE_LANGUAGE:
        return
    folders = [Path(srcdir, d).resolve() / language for d in locale_dirs]
    if not any(folder.is_dir() for folder in folders):
        shown = ", ".join(str(f) for f in folders)
        logger.warning("%s: no such folder: there are no catalogues for %s, so every page of "
                       "this language is in English ('make gettext update-po' creates them)",
                       shown, language, type="meetingdocs", subtype="missing-catalogues")


def context_free(catalog: Catalog) -> Catalog:
    """``catalog`` with each entry that has a ``msgctxt`` also under its bare msgid.

    Sphinx looks messages up without a context; a translation a translator gave a context
    would otherwise never be published. An entry without context wins over a copy.
    """
    bare = {e.msgid for e in catalog.entries if e.msgctxt is None}
    extra = []
    for entry in catalog.entries:
        if entry.msgctxt is not None and entry.msgid not in bare:
            bare.add(entry.msgid)
            extra.append(dataclasses.replace(entry, msgctxt=None))
    return dataclasses.replace(catalog, entries=[*catalog.entries, *extra]) if extra else catalog


def reread_without_catalogue(app: Sphinx, env: BuildEnvironment, added: set[str],
                             changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: documents whose catalogue is gone are read again in English
    (Sphinx notes a ``.mo`` as a dependency only while it exists)."""
    gone = _REMOVED.get(app, set())
    compact = app.config.gettext_compact
    return [d for d in env.found_docs if docname_to_domain(d, compact) in gone]


def compiled_catalogues(app: Sphinx) -> list[Compiled]:
    """The catalogues this build compiled, as read (for the guard)."""
    return _COMPILED.get(app, [])


def setup_catalogs(app: Sphinx) -> None:
    # After every other config-inited handler: the language is settled by then.
    app.connect("config-inited", compile_catalogues, priority=900)
    app.connect("env-get-outdated", reread_without_catalogue)
