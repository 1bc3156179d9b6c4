"""The collection's own settings, declared to Sphinx (``conf.py`` may set each of them).

Every value is declared once, in :data:`OPTIONS`: Sphinx checks its type, tracks it for
rebuilds and lists it; the command line reads the same values from the same ``conf.py``
(:func:`declare` on a :class:`sphinx.config.Config` read outside a build).

Fuzzy entries are never published: a ``conf.py`` that asks Sphinx for them
(``gettext_allow_fuzzy_translations = True``) stops the build with an explanation
instead of being silently overridden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from meetingdocs.i18n.findings import CODES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    description: str


OPTIONS: tuple[Option, ...] = (
    # The TBX glossary the catalogue checks hold translations to, relative to the folder
    # of conf.py; "" for none.
    Option("meetingdocs_glossary", "", "", (str,),
           "TBX glossary (relative to the configuration folder) for the catalogue checks"),
    # The finding codes (meetingdocs.i18n.findings.CODES) that refuse a catalogue: the
    # build of its language stops, and 'meetingdocs check' fails.
    Option("meetingdocs_blocking", sorted(code for code, blocks in CODES.items() if blocks),
           "env", (list, tuple),
           "finding codes that block publication of a language"),
    # Whether fuzzy entries may be published. They may not: a fuzzy entry is a guess
    # that no translator has confirmed. The value exists so that the policy is stated,
    # and any other value is refused.
    Option("meetingdocs_publish_fuzzy", False, "env", (bool,),
           "publish fuzzy catalogue entries (never: must stay False)"),
    # How much of a version's catalogue must be translated (not fuzzy, not untranslated)
    # before that language version of the document is published, in per cent. Until
    # then it is built as a draft only (meetingdocs.publish.publication).
    Option("meetingdocs_publish_threshold", 100, "env", (int, float),
           "per cent of a catalogue translated before its version is published"),
    # Whether translated messages reuse one MyST parser per build (see
    # meetingdocs.sphinx_ext.msgstr_parse); False parses each one as MyST alone does,
    # which gives the same output, only slower. Either way a msgstr cannot read files.
    Option("meetingdocs_reuse_msgstr_parser", True, "", (bool,),
           "parse translated messages with one reused MyST parser"),
)


def declare(config: Config) -> Config:
    """Declare :data:`OPTIONS` on a configuration read without a Sphinx application."""
    for option in OPTIONS:
        if option.name not in config:
            config.add(option.name, option.default, option.rebuild, option.types,
                       option.description)
    return config


def fuzzy_policy(app: Sphinx, config: Config) -> None:
    """``config-inited``: fuzzy entries are never published; say so if asked otherwise."""
    if config.meetingdocs_publish_fuzzy:
        raise ConfigError(
            "meetingdocs_publish_fuzzy = True: fuzzy entries are never published "
            "(no translator has confirmed them); remove the setting from conf.py")
    if config.gettext_allow_fuzzy_translations:
        raise ConfigError(
            "gettext_allow_fuzzy_translations = True: fuzzy entries are never published "
            "(no translator has confirmed them); remove the setting from conf.py")
    if not 0 <= config.meetingdocs_publish_threshold <= 100:
        raise ConfigError(
            f"meetingdocs_publish_threshold = {config.meetingdocs_publish_threshold!r}: "
            "a share in per cent, from 0 to 100")
    unknown = sorted(set(config.meetingdocs_blocking) - set(CODES))
    if unknown:
        raise ConfigError(f"meetingdocs_blocking: unknown finding code(s) {', '.join(unknown)}")


def setup_options(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types,
                             description=option.description)
    app.connect("config-inited", fuzzy_policy)
