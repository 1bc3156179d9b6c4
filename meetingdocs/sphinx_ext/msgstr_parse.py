"""Parse translated messages with one MyST parser per build, with no file or raw access.

Sphinx's ``Locale`` transform publishes every translated message as a small document of
its own (``sphinx.transforms.i18n._publish_msgstr``): it asks the registry for a new
source parser and calls its ``parse``. With MyST (5.x) each call then pays twice for
work that does not depend on the message:

- ``MystParser.parse`` builds a new markdown-it parser (``create_md_parser``: every
  plugin, every rule chain) for every message;
- ``DocutilsRenderer.setup_render`` evaluates ``options.get("document", make_document())``,
  whose default is computed even though a document is always given: docutils' default
  settings (an ``OptionParser`` of about 75 options) are built and thrown away.

For a translated build that is most of the time spent in ``Locale`` (about 2,500 messages
in 50 agendas: some 190,000 ``add_option`` calls). :class:`MeetingMystParser` keeps the
document's own parse as MyST does it, and for a translated message reuses one
markdown-it parser per MyST configuration, rendered by :class:`MessageRenderer`, whose
``setup_render`` sets the same attributes without the discarded default document; a
message that is one line of plain words is not parsed at all, its tokens are made
(:func:`meetingdocs.i18n.mdtokens.plain_tokens`), and any other text is parsed once per
build (:func:`meetingdocs.i18n.mdtokens.parsed_copy`: most often by the catalogue checks).
``Locale`` publishes each message that is not a title twice, at the same line (its first
pass looks for titles and drops the render); the second publication is a copy of the
first render.

A translated message is also parsed with docutils' ``file_insertion_enabled`` and
``raw_enabled`` off, on a copy of the document's settings: whatever the catalogue
checks might miss, a msgstr cannot read a file (``include``, ``literalinclude``,
``raw :file:``) or emit raw HTML or LaTeX.
"""

from __future__ import annotations

import copy
import weakref
from typing import TYPE_CHECKING, Any

from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser

from meetingdocs.i18n.mdtokens import parsed_copy, plain_tokens

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from docutils import nodes
    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx

#: How Sphinx names the source of a translated message's document (``_publish_msgstr``).
TRANSLATED_SUFFIX = ":<translated>"


def is_translated_message(document: nodes.document) -> bool:
    """Whether ``document`` is one translated message published by Sphinx's ``Locale``."""
    return str(document.get("source", "")).endswith(TRANSLATED_SUFFIX)


class MessageRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, set up for a render without building a throwaway document."""

    def setup_render(self, options: dict[str, Any], env: MutableMapping[str, Any]) -> None:
        if "document" not in options:
            super().setup_render(options, env)
            return
        # The attributes of DocutilsRenderer.setup_render (MyST 5), in its order; the test
        # suite compares them with MyST's own so a change upstream is seen.
        from myst_parser.mdit_to_docutils.base import get_language_rst

        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


#: One markdown-it parser per MyST configuration object (one per build and process; the
#: configuration is kept with it so its id cannot be reused), and whether it is rendering.
_MESSAGE_PARSERS: dict[int, tuple[MdParserConfig, MarkdownIt, list[bool]]] = {}


def _message_parser(config: MdParserConfig) -> tuple[MarkdownIt, list[bool]]:
    cached = _MESSAGE_PARSERS.get(id(config))
    if cached is None or cached[0] is not config:
        cached = (config, create_md_parser(config, MessageRenderer), [False])
        _MESSAGE_PARSERS[id(config)] = cached
    return cached[1], cached[2]


#: The renders of the messages of the document being translated: Sphinx's ``Locale``
#: publishes every message that is not a title twice (its first pass looks for titles and
#: throws the render away), at the same line, so the second is a copy of the first.
#: Kept for one environment, configuration and source file at a time, by message source
#: (file and line) and text.
_RENDERS: list[Any] = [None, None, "", {}]
#: At most this many renders are kept for one source file.
RENDERS_AT_MOST = 5_000


def _renders_of(
    env: object, config: MdParserConfig, path: str,
) -> dict[tuple[str, str], list[Any]]:
    owner = _RENDERS[0]() if _RENDERS[0] is not None else None
    if owner is not env or _RENDERS[1] is not config or _RENDERS[2] != path:
        _RENDERS[:] = [weakref.ref(env), config, path, {}]
    return _RENDERS[3]


class MeetingMystParser(MystParser):
    """MyST's Sphinx parser; translated messages reuse one parser and may not read files.

    Sphinx makes a new parser object for every message, so the reused markdown-it parser
    lives in this module, not on the object. A msgstr's own front matter does not change
    the configuration (MyST would merge it): the catalogue checks refuse it anyway.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if not is_translated_message(document):
            super().parse(inputstring, document)
            return
        settings = copy.copy(document.settings)
        settings.file_insertion_enabled = False
        settings.raw_enabled = False
        document.settings = settings
        if not settings.env.config.meetingdocs_reuse_msgstr_parser:
            super().parse(inputstring, document)
            return
        config = settings.env.myst_config
        source = str(document["source"])  # "<file>:<line>:<translated>"
        renders = _renders_of(settings.env, config, source.rsplit(":", 2)[0])
        rendered = renders.get((source, inputstring))
        if rendered is not None:
            document.extend(node.deepcopy() for node in rendered)
            return
        self._render(inputstring, document, config)
        if len(renders) < RENDERS_AT_MOST:
            renders[source, inputstring] = [node.deepcopy() for node in document.children]

    @staticmethod
    def _render(inputstring: str, document: nodes.document, config: MdParserConfig) -> None:
        md, busy = _message_parser(config)
        if busy[0]:  # a message rendered while one renders: a parser of its own
            md = create_md_parser(config, MessageRenderer)
            busy = [False]
        busy[0] = True
        md.options["document"] = document
        try:
            # What md.render does, less the parse: plain words need none, and any other
            # text is parsed once per build (most often by the catalogue checks).
            tokens = plain_tokens(md, inputstring)
            if tokens is not None:
                md.renderer.render(tokens, md.options, {})
            else:
                tokens, env = parsed_copy(config, inputstring)
                md.renderer.render(tokens, md.options, env)
        finally:
            busy[0] = False
            md.options.pop("document", None)


def setup_msgstr_parse(app: Sphinx) -> None:
    app.add_source_parser(MeetingMystParser, override=True)
