"""Where a collection's inputs are and where each output of a build goes.

The collection is described once, by its ``conf.py``, read the way Sphinx reads it
(:meth:`sphinx.config.Config.read`, with the extension's own settings declared): the
catalogue folders are its ``locale_dirs`` (relative to the source folder), the glossary
and the blocking finding codes its ``meetingdocs_*`` settings. By this project's
convention the sources are ``docs/`` and the outputs ``_build/``, both beside ``conf.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdocs.storage import write_whole

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig
    from sphinx.config import Config

#: Beside ``conf.py``: the sources, and everything a build makes.
SOURCE_FOLDER = "docs"
BUILD_FOLDER = "_build"


#: The settings a :class:`Layout` takes from ``conf.py``, remembered beside the doctrees
#: with what they were read from (see :func:`collection_settings`).
SETTINGS_MEMO = "doctrees/meetingdocs-settings.json"


def collection_settings(confdir: Path) -> dict[str, Any]:
    """The settings of ``conf.py`` a layout needs, read by Sphinx once per version.

    Reading ``conf.py`` the Sphinx way imports most of Sphinx, which is most of the time
    of a command that finds nothing to build; so the values are kept with the bytes they
    come from (``conf.py``, this package, Sphinx's own
    defaults) and read again whenever one of those changes. A ``conf.py`` computing its
    values from other files or from the environment is read again only when it changes.
    """
    memo = confdir / BUILD_FOLDER / SETTINGS_MEMO
    key = _settings_key(confdir)
    try:
        recorded = json.loads(memo.read_text(encoding="utf-8"))
        if recorded["key"] == key:
            return dict(recorded["settings"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    config = read_config(confdir)
    settings = {"locale_dirs": list(config.locale_dirs), "root_doc": config.root_doc,
                "glossary": config.meetingdocs_glossary or None,
                "blocking": sorted(config.meetingdocs_blocking)}
    if memo.parent.is_dir():  # kept once something was built: reading makes no folder
        try:
            write_whole(memo, json.dumps({"key": key, "settings": settings}, sort_keys=True))
        except OSError:
            pass  # a build folder that cannot be written is reported by the command
    return settings


def _settings_key(confdir: Path) -> str:
    import hashlib
    from importlib.util import find_spec

    from meetingdocs.publish.stamps import package_digest

    sphinx = find_spec("sphinx")
    sources = [confdir / "conf.py"]
    if sphinx is not None and sphinx.origin:
        sources.append(Path(sphinx.origin).with_name("config.py"))
    digest = hashlib.sha256(package_digest().encode())
    for path in sources:
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()


def read_config(confdir: Path) -> Config:
    """The collection's configuration as Sphinx reads it (defaults if there is no conf.py)."""
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    from meetingdocs.sphinx_ext.options import declare

    if (confdir / "conf.py").is_file():
        config = Config.read(confdir, overrides={}, tags=Tags())
    else:
        config = Config()
    return declare(config)


def markdown_config(config: Config) -> MdParserConfig:
    """MyST's parser configuration from the ``myst_*`` settings of ``config`` (as
    :func:`read_config` gives it), as a build's MyST makes it."""
    from myst_parser.config.main import MdParserConfig

    from meetingdocs.i18n.mdtokens import parser_config
    from meetingdocs.sphinx_ext.config import disable_raw_html

    for name, default, _field in MdParserConfig().as_triple():
        if f"myst_{name}" not in config:
            config.add(f"myst_{name}", default, "env", ())
    disable_raw_html(config)
    return parser_config(config)


@dataclass(frozen=True)
class Layout:
    """Where a collection's inputs are and where each output goes."""

    root: Path
    #: Folders of the catalogues (``<dir>/<lang>/LC_MESSAGES/*.po``), from ``locale_dirs``.
    locale_dirs: tuple[Path, ...] = field(init=False)
    #: The TBX glossary of the catalogue checks (``meetingdocs_glossary``), if any.
    glossary: Path | None = field(init=False)
    #: The finding codes that block publication (``meetingdocs_blocking``).
    blocking: frozenset[str] = field(init=False)
    #: The collection's own page (``root_doc``): not a meeting document.
    root_doc: str = field(init=False)

    def __post_init__(self) -> None:
        settings = collection_settings(self.confdir)
        set_ = object.__setattr__
        set_(self, "locale_dirs", tuple(
            (self.srcdir / folder).resolve() for folder in settings["locale_dirs"]))
        set_(self, "glossary",
             self.confdir / settings["glossary"] if settings["glossary"] else None)
        set_(self, "blocking", frozenset(settings["blocking"]))
        set_(self, "root_doc", settings["root_doc"])

    @property
    def confdir(self) -> Path:
        return self.root

    @property
    def srcdir(self) -> Path:
        return self.root / SOURCE_FOLDER

    @property
    def locale_dir(self) -> Path:
        """The first catalogue folder: where new catalogues are written."""
        return self.locale_dirs[0]

    def catalogues(self, code: str) -> list[Path]:
        """Every ``.po`` file of language ``code``, in every catalogue folder."""
        return sorted(po for folder in self.locale_dirs
                      for po in (folder / code / "LC_MESSAGES").rglob("*.po"))

    @property
    def build_dir(self) -> Path:
        return self.root / BUILD_FOLDER

    @property
    def site_dir(self) -> Path:
        """The published site: one folder per language, the PDFs, landing and status."""
        return self.build_dir / "html"

    def html_dir(self, code: str) -> Path:
        """The published pages of language ``code``."""
        return self.site_dir / code

    @property
    def drafts_dir(self) -> Path:
        """Every version as built, published or not: for translators and revisers."""
        return self.build_dir / "drafts"

    def draft_html_dir(self, code: str) -> Path:
        """Where Sphinx writes the pages of language ``code``: its draft."""
        return self.drafts_dir / "html" / code

    @property
    def draft_pdf_dirs(self) -> tuple[Path, Path]:
        """The draft PDFs: on their own, and beside the draft pages (``html/pdf``)."""
        return self.drafts_dir / "pdf", self.drafts_dir / "html" / "pdf"

    def review_page(self, code: str, docname: str) -> Path:
        """The side-by-side review page of ``docname`` in language ``code``."""
        return self.drafts_dir / "review" / code / f"{docname}.html"

    def latex_dir(self, code: str) -> Path:
        return self.build_dir / "latex" / code

    def doctree_dir(self, code: str) -> Path:
        return self.build_dir / "doctrees" / code

    @property
    def gettext_dir(self) -> Path:
        return self.build_dir / "gettext"

    @property
    def xliff_dir(self) -> Path:
        return self.build_dir / "xliff"

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    @property
    def site_pdf_dir(self) -> Path:
        return self.site_dir / "pdf"

    def manifest(self, code: str) -> Path:
        """What the build of language ``code`` made (:mod:`meetingdocs.sphinx_ext.manifest`)."""
        from meetingdocs.sphinx_ext.records import MANIFEST_NAME

        return self.doctree_dir(code) / MANIFEST_NAME

    def stamp(self, code: str, fmt: str) -> Path:
        return self.build_dir / "stamps" / f"{code}.{fmt}.json"


def read_manifests(layout: Layout, codes: list[str]) -> dict[str, dict[str, Any]]:
    """The manifest of each language of ``codes`` that has been built, by code."""
    found = {}
    for code in codes:
        path = layout.manifest(code)
        if path.is_file():
            found[code] = json.loads(path.read_text(encoding="utf-8"))
    return found
