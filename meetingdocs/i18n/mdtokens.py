"""What MyST makes of a text: its blocks, its inline constructs and its link definitions.

The build parses every msgstr with MyST, so what reaches a page is what MyST's parser
makes of it, not what a pattern over the text sees. :func:`structure` parses a text with
MyST's own parser (:func:`myst_parser.parsers.mdit.create_md_parser`) configured as the
build configures it (:func:`parser_config` reads the ``myst_*`` settings of ``conf.py``),
and returns its shape: the sequence of blocks (paragraph, list, table, heading, fence with
its directive...), every inline construct that is more than text (roles, links and their
targets, images, inline HTML, footnote references, math...) and the link reference
definitions, which markdown-it keeps out of the token stream. The checks
(:mod:`meetingdocs.i18n.rules`) compare the shape of a msgstr with that of its msgid.

Without the collection's settings the parser has every MyST extension on: a construct
that some configuration would turn into markup is then seen as markup.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: Every syntax extension of MyST: the strictest reading of a text.
ALL_EXTENSIONS = frozenset({
    "amsmath", "attrs_block", "attrs_inline", "colon_fence", "deflist", "dollarmath",
    "fieldlist", "html_admonition", "html_image", "replacements", "smartquotes",
    "strikethrough", "substitution", "tasklist", "alert",
})

#: Inline token types that are text, or markup that carries no target or data.
_PLAIN_INLINE = frozenset({
    "text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close",
    "s_open", "s_close", "link_close",
})
_FENCES = frozenset({"fence", "colon_fence"})


def parser_config(settings: Mapping[str, Any] | None = None) -> MdParserConfig:
    """MyST's parser configuration from ``myst_<name>`` settings, as MyST makes it.

    ``settings`` maps setting names (``myst_enable_extensions``...) to values, as in a
    Sphinx configuration; ``None`` gives the strictest reading (every extension on).
    """
    if settings is None:
        return MdParserConfig(enable_extensions=set(ALL_EXTENSIONS))
    values = {}
    for name, _, field in MdParserConfig().as_triple():
        key = f"myst_{name}"
        if "sphinx" not in field.metadata.get("omit", []) and key in settings:
            values[name] = settings[key]
    return MdParserConfig(**values)


_PARSERS: dict[str, MarkdownIt] = {}
#: The same, by the identity of the configuration object (kept alive here so its id is
#: not reused): ``repr`` of a MyST configuration is too slow to take for every message.
_BY_ID: dict[int, tuple[MdParserConfig, MarkdownIt]] = {}


def settings_identity(config: MdParserConfig | None) -> int:
    """A number that is the same for two configurations that parse alike (default:
    every extension on), for keys of results that depend on the parser's settings."""
    return id(_parser_for(config if config is not None else _STRICT))


def _parser_for(config: MdParserConfig) -> MarkdownIt:
    known = _BY_ID.get(id(config))
    if known is not None and known[0] is config:
        return known[1]
    key = repr(config)
    if key not in _PARSERS:
        _PARSERS[key] = create_md_parser(config, RendererHTML)
    _BY_ID[id(config)] = (config, _PARSERS[key])
    return _PARSERS[key]


@dataclass(frozen=True)
class Inline:
    """One inline construct: ``kind`` is the token type (``myst_role``, ``link_open``...)."""

    kind: str
    name: str = ""
    """A role's name; a link's or image's target; an HTML fragment."""
    content: str = ""
    """A role's content, an inline code's text, a footnote's label."""


@dataclass(frozen=True)
class Fence:
    """A fence whose info names a directive (``{include} file.md``)."""

    info: str
    content: str
    line: int
    """Its first line in the text, from 1."""


@dataclass(frozen=True)
class Structure:
    """The shape of one text as MyST parses it."""

    blocks: tuple[str, ...]
    """Each block token, as ``type`` (``paragraph_open``, ``bullet_list_open``...), with
    ``:tag`` for headings."""
    directives: tuple[tuple[str, str], ...]
    """Each fence whose info is a directive (``{name} args``): (info, content)."""
    inline: tuple[Inline, ...]
    definitions: tuple[tuple[str, str], ...]
    """Link reference definitions: (label, target)."""
    outline: tuple[str, ...] = ()
    """The top-level blocks only, as in ``blocks``."""
    fences: tuple[Fence, ...] = ()
    """Each fence whose info is a directive, with its line."""


#: Characters that may begin markup wherever they are, in CommonMark or in any MyST
#: extension (and control characters, which markdown-it rewrites).
_MARKUP_ANYWHERE = re.compile(r"[\\`*_\[\]<>&{}$~|\x00-\x1f\x7f]")
#: What may begin a block at the start of a line: headings, lists, quotes, rules,
#: setext underlines, fences, field and definition lists, targets ``(name)=``,
#: comments ``%``, block breaks ``+++``, ordered lists (a digit), indented code.
_MARKUP_START = re.compile(r"[#\-+=:%(>|0-9\s]")
def is_plain(md: MarkdownIt, text: str) -> bool:
    """Whether ``text`` is one line of plain words for ``md``: no character that may
    begin markup, no start of a block, no surrounding white space (which the paragraph
    rule strips), and a parser that neither links bare URLs (``linkify``) nor rewrites
    quotes and dashes (``typographer``)."""
    return bool(text) and text == text.strip() and not (
        _MARKUP_START.match(text) or _MARKUP_ANYWHERE.search(text) or _rewrites_words(md))


def plain_tokens(md: MarkdownIt, text: str) -> list[Token] | None:
    """The tokens ``md.parse(text)`` gives when ``text`` is plain (:func:`is_plain`),
    made without parsing; None for any other text.

    Most messages of a meeting document are such lines (titles, short sentences), and
    parsing one costs about a millisecond: markdown-it runs every block and inline rule
    of its chains for a paragraph with one text token. The test suite compares the
    result with ``md.parse`` over every message of the catalogues and generated text.
    """
    if not is_plain(md, text):
        return None
    return [
        Token("paragraph_open", "p", 1, map=[0, 1], level=0, block=True),
        Token("inline", "", 0, map=[0, 1], level=1, content=text, block=True,
              children=[Token("text", "", 0, content=text)]),
        Token("paragraph_close", "p", -1, level=0, block=True),
    ]


def _rewrites_words(md: MarkdownIt) -> bool:
    """Whether ``md`` may turn words into links or typographic signs."""
    return bool(md.options.get("linkify") or md.options.get("typographer")
                or "linkify" in md.core.ruler.get_active_rules()
                or "linkify" in md.inline.ruler.get_active_rules())


#: Parses made while :func:`keeping`, for the later renders of the same text under the
#: same settings (by parser: one per settings), with the environment they filled.
_KEPT: dict[tuple[int, str], tuple[list[Token], dict[str, Any]]] = {}
_KEEPING = [False]
#: At most this many parses are kept (about 40 MB of tokens).
KEEP_AT_MOST = 20_000


@contextmanager
def keeping() -> Iterator[None]:
    """Keep the parses :func:`structure` makes, for :func:`parsed_copy`.

    A translated build checks every msgstr's shape before it reads a document, then
    renders each msgstr into the pages: the catalogue checks parse the text the
    translation renders a moment later. Whatever a previous ``keeping`` kept is dropped.
    """
    _KEPT.clear()
    _KEEPING[0] = True
    try:
        yield
    finally:
        _KEEPING[0] = False


def parsed_copy(config: MdParserConfig, text: str) -> tuple[list[Token], dict[str, Any]]:
    """The tokens and environment ``text`` parses to under ``config``, as a copy of a
    kept parse (one is kept if there was none, within :data:`KEEP_AT_MOST`).

    The same sentence recurs in many documents of a collection, and the catalogue checks
    parse it moments before the translation renders it: one parse serves every render.
    Each render gets its own tokens: MyST's renderer moves their line numbers
    (``_render_tokens``), and may change the environment. Copying the tokens of a
    sentence costs a fraction of parsing it again."""
    md = _parser_for(config)
    kept = _KEPT.get((id(md), text))
    if kept is None:
        env: dict[str, Any] = {}
        tokens = md.parse(text, env)
        if len(_KEPT) >= KEEP_AT_MOST:
            return tokens, env
        _KEPT[id(md), text] = (tokens, copy.deepcopy(env))
        return _copied(tokens), env
    return _copied(kept[0]), copy.deepcopy(kept[1])


def _copied(tokens: list[Token]) -> list[Token]:
    return [token.copy(children=_copied(token.children) if token.children else token.children)
            for token in tokens]


def structure(text: str, config: MdParserConfig | None = None) -> Structure:
    """The shape of ``text`` under ``config`` (default: every extension on)."""
    md = _parser_for(config if config is not None else _STRICT)
    env: dict[str, Any] = {}
    blocks: list[str] = []
    outline: list[str] = []
    directives: list[tuple[str, str]] = []
    fences: list[Fence] = []
    inline: list[Inline] = []
    if is_plain(md, text):
        return _PLAIN
    tokens = md.parse(text, env)
    if _KEEPING[0] and len(_KEPT) < KEEP_AT_MOST:
        _KEPT[(id(md), text)] = (tokens, copy.deepcopy(env))
    for token in tokens:
        if token.type == "inline":
            inline.extend(_inline(token.children or []))
            continue
        if token.type.endswith("_close"):
            continue
        blocks.append(_block_name(token))
        if token.level == 0:
            outline.append(blocks[-1])
        if token.type in _FENCES and token.info.strip().startswith("{"):
            directives.append((" ".join(token.info.split()), token.content))
            fences.append(Fence(token.info, token.content, (token.map or [0])[0] + 1))
    references = env.get("references", {})
    definitions = tuple(sorted((label, str(ref.get("href", "")))
                               for label, ref in references.items()))
    return Structure(tuple(blocks), tuple(directives), tuple(inline), definitions,
                     tuple(outline), tuple(fences))


def _block_name(token: Token) -> str:
    if token.type in _FENCES:
        info = token.info.strip()
        return f"{token.type}:{info.split()[0] if info else ''}"
    return f"{token.type}:{token.tag}" if token.type == "heading_open" else token.type


def _inline(children: list[Token]) -> list[Inline]:
    found = []
    for child in children:
        if child.type in _PLAIN_INLINE:
            continue
        if child.type == "myst_role":
            found.append(Inline(child.type, str(child.meta.get("name", "")), child.content))
        elif child.type == "link_open":
            found.append(Inline(child.type, str(child.attrGet("href") or "")))
        elif child.type == "image":
            found.append(Inline(child.type, str(child.attrGet("src") or "")))
            found.extend(_inline(child.children or []))
        elif child.type == "code_inline":
            found.append(Inline(child.type, content=child.content))
        elif child.type == "footnote_ref":
            found.append(Inline(child.type, content=str(child.meta.get("label", ""))))
        else:
            found.append(Inline(child.type, child.content))
    return found


def describe_blocks(blocks: tuple[str, ...]) -> str:
    """Top-level blocks in plain words: ``a paragraph, then a bullet list``."""
    words = [_BLOCK_WORDS.get(b.split(":")[0], b.split(":")[0].removesuffix("_open"))
             for b in blocks]
    return ", then ".join(words) or "nothing"


_BLOCK_WORDS = {
    "paragraph_open": "a paragraph", "bullet_list_open": "a bullet list",
    "ordered_list_open": "a numbered list", "table_open": "a table",
    "heading_open": "a heading", "blockquote_open": "a quotation", "hr": "a rule",
    "fence": "a code block or directive", "colon_fence": "a directive",
    "code_block": "an indented code block", "html_block": "an HTML block",
    "footnote_block_open": "footnotes", "footnote_open": "a footnote",
    "footnote_reference_open": "a footnote definition", "front_matter": "front matter",
    "myst_target": "a target (name)=", "myst_line_comment": "a comment",
    "myst_block_break": "a block break", "dl_open": "a definition list",
    "field_list_open": "a field list", "math_block": "display math",
    "amsmath": "display math",
}

_STRICT = parser_config()
#: The shape of one line of plain words.
_PLAIN = Structure(("paragraph_open",), (), (), (), ("paragraph_open",), ())
