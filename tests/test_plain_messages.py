"""Messages that are one line of plain words get their tokens without a parse.

:func:`meetingdocs.i18n.mdtokens.plain_tokens` must give exactly what markdown-it gives,
for every message of the catalogues, for lines that look plain but are not, under the
collection's configuration and under others, and for generated text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetingdocs.i18n import mdtokens
from meetingdocs.i18n.mdtokens import _parser_for, is_plain, parser_config, plain_tokens, structure
from meetingdocs.i18n.poread import read_catalog

REPO = Path(__file__).resolve().parent.parent
CONFIGS = {
    "collection": parser_config({"myst_enable_extensions": ["colon_fence"]}),
    "every extension": parser_config(),
    "gfm": parser_config({"myst_gfm_only": True}),
    "commonmark": parser_config({"myst_commonmark_only": True}),
}


def _messages() -> list[str]:
    texts = set()
    for path in sorted((REPO / "locale").rglob("*.po")):
        for entry in read_catalog(path).messages:
            texts.add(entry.msgid)
            texts.update(s for s in entry.msgstrs if s)
    return sorted(texts)


MESSAGES = _messages()


def _agrees(md: MarkdownIt, text: str) -> bool:
    made = plain_tokens(md, text)
    return made is None or made == md.parse(text)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_every_catalogue_message_gets_the_tokens_markdown_it_gives(name: str) -> None:
    md = _parser_for(CONFIGS[name])
    assert MESSAGES
    assert [text for text in MESSAGES if not _agrees(md, text)] == []


def test_most_messages_of_the_collection_are_plain() -> None:
    md = _parser_for(CONFIGS["collection"])
    plain = [text for text in MESSAGES if plain_tokens(md, text) is not None]
    assert len(plain) > len(MESSAGES) / 2


@pytest.mark.parametrize("text", [
    "1. Opening", "1) Opening", "- item", "+ item", "* item", "# Title", "> quoted",
    "=== ", "---", "+++", "% comment", "(target)=", ":::{note}", ": field", "| a | b |",
    "a *b*", "a _b_", "a `b`", "a [b](c)", "a <b>", "a &amp; b", "a {role}`b`", "a $x$",
    "a ~~b~~", "a\\b", " indented", "trailing ", "two\nlines", "\u3000wide space",
    "tab\there", "nul\x00", "",
])
def test_what_may_be_markup_is_parsed(text: str) -> None:
    for config in CONFIGS.values():
        assert plain_tokens(_parser_for(config), text) is None


def test_bare_addresses_are_parsed_where_the_parser_links_them() -> None:
    text = "See www.unodc.org for the documents"
    assert plain_tokens(MarkdownIt("commonmark", {"linkify": True}), text) is None
    assert plain_tokens(_parser_for(CONFIGS["collection"]), text) is not None


def test_quotes_and_dashes_are_parsed_where_the_parser_rewrites_them() -> None:
    assert plain_tokens(_parser_for(CONFIGS["every extension"]), '"Quoted" -- words') is None


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_the_structure_of_a_plain_line_is_the_one_parsing_gives(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    md = _parser_for(CONFIGS[name])
    plain = [text for text in MESSAGES if is_plain(md, text)][:40]
    made = [structure(text, CONFIGS[name]) for text in plain]
    monkeypatch.setattr(mdtokens, "is_plain", lambda md, text: False)
    assert made == [structure(text, CONFIGS[name]) for text in plain]
    shape = structure("Provisional agenda", CONFIGS["collection"])
    assert shape.blocks == ("paragraph_open",) and shape.outline == ("paragraph_open",)


ALPHABET = st.sampled_from(list("aé中ب 1.)-+*_#>=:%(|[]<>&{}$~`\\!\"'@/^\u00a0\u3000\n\t"))


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=12))
def test_generated_text_gets_the_tokens_markdown_it_gives(text: str) -> None:
    for config in CONFIGS.values():
        assert _agrees(_parser_for(config), text), repr(text)
