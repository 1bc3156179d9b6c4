"""The collection's configuration as the extension needs it: language known, raw HTML off.

The collection's own language packs (``languages/<code>.toml`` beside ``conf.py``) are
read first; an unknown language or a pack that breaks the schema stops the build before
any work; raw HTML in a translation never reaches a page (MyST's ``html_block`` and
``html_inline`` are disabled).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from meetingdocs import languages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Root documents of a collection that are not meeting documents themselves.
NON_DOCUMENTS = {"index"}


def document_names(srcdir: Path) -> list[str]:
    """The meeting documents of a collection: every top-level ``.md`` but the index."""
    return sorted(
        p.stem for p in srcdir.glob("*.md")
        if p.stem not in NON_DOCUMENTS and not p.stem.startswith("_")
    )


def apply_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: know the collection's packs, stop on an unknown language; keep
    raw HTML out of the pages."""
    try:
        languages.use_collection(app.confdir)
        languages.get(config.language)
    except (languages.UnknownLanguageError, languages.PackError) as exc:
        raise ConfigError(str(exc)) from None
    disable_raw_html(config)


def disable_raw_html(config: Config) -> None:
    """Raw HTML in a translation must never reach a page: MyST reads it as literal text.
    (The catalogue checks outside a build parse with the same settings.)"""
    disabled = list(config.myst_disable_syntax or [])
    config.myst_disable_syntax = [*disabled, *(
        s for s in ("html_block", "html_inline") if s not in disabled
    )]


def setup_config(app: Sphinx) -> None:
    app.connect("config-inited", apply_language, priority=400)
