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
from myst_parser.config.main import MdParserConfig

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


@pytest.mark.parametrize("name", ["collection", "commonmark"])
def test_the_checks_parser_and_the_translation_parser_give_the_same_tokens(name: str) -> None:
    """A parse the catalogue checks kept is rendered by the translation's parser."""
    from myst_parser.parsers.mdit import create_md_parser

    from meetingdocs.sphinx_ext.msgstr_parse import MessageRenderer

    ours = create_md_parser(CONFIGS[name], MessageRenderer)
    checks = _parser_for(CONFIGS[name])
    assert [t for t in MESSAGES if ours.parse(t) != checks.parse(t)] == []


def test_a_kept_parse_serves_every_render_until_the_next_keeping() -> None:
    config = CONFIGS["collection"]
    text = "On {date}`2019-08-30`, the Bureau approved"
    key = (mdtokens.settings_identity(config), text)
    with mdtokens.keeping():
        structure(text, config)
        structure("Provisional agenda", config)  # plain: nothing to keep
    assert set(mdtokens._KEPT) == {key}
    for _ in range(2):
        tokens, env = mdtokens.parsed_copy(config, text)
        assert tokens == _parser_for(config).parse(text)
        assert tokens[0] is not mdtokens._KEPT[key][0][0]
    env["changed"] = True
    assert "changed" not in mdtokens.parsed_copy(config, text)[1]
    with mdtokens.keeping():
        pass
    assert mdtokens._KEPT == {}
    structure(text, config)  # outside keeping: nothing kept
    assert mdtokens._KEPT == {}
    tokens, _ = mdtokens.parsed_copy(config, text)  # a render keeps what it parsed
    assert set(mdtokens._KEPT) == {key} and tokens == _parser_for(config).parse(text)


def test_rendering_a_translation_leaves_the_kept_tokens_as_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real collection in French, built in this process: parses the checks kept
    were rendered into the pages, and are still what markdown-it makes of their text."""
    from browser_support import build_in_this_process, copy_collection

    from meetingdocs.i18n import rules
    from meetingdocs.sphinx_ext import msgstr_parse

    root = copy_collection(tmp_path / "src")
    monkeypatch.setattr(rules, "_COMPARED", {})  # as in a build's own process
    rendered: list[str] = []
    real = mdtokens.parsed_copy

    def counted(config: MdParserConfig, text: str) -> object:
        if (mdtokens.settings_identity(config), text) in mdtokens._KEPT:
            rendered.append(text)
        return real(config, text)

    monkeypatch.setattr(msgstr_parse, "parsed_copy", counted)
    assert build_in_this_process(root, tmp_path, "fr") == 0
    assert len(rendered) >= 5
    parsers = {id(md): md for md in mdtokens._PARSERS.values()}
    for (parser, text), (tokens, _) in mdtokens._KEPT.items():
        assert tokens == parsers[parser].parse(text), text


def test_a_pair_is_compared_once_per_parser_settings() -> None:
    from meetingdocs.i18n import rules

    msgid, msgstr = "See {doc}`annex`.", "Voir {doc}`annexe`."
    fresh = {name: rules._compare(msgid, msgstr, config) for name, config in CONFIGS.items()}
    for _ in range(2):
        assert {name: rules.compare(msgid, msgstr, config)
                for name, config in CONFIGS.items()} == fresh
    keys = [key for key in rules._COMPARED if key[1:] == (msgid, msgstr)]
    assert len(keys) == len({mdtokens.settings_identity(c) for c in CONFIGS.values()}) > 1
    rules.compare(msgid, msgstr, CONFIGS["gfm"]).append(("changed", "by a caller"))
    assert rules.compare(msgid, msgstr, CONFIGS["gfm"]) == fresh["gfm"]


def test_a_pair_whose_settings_change_the_finding_is_compared_under_each() -> None:
    from meetingdocs.i18n import rules

    msgid, msgstr = "a $x$ b", "a b"  # math is an extension of one configuration only
    assert rules.compare(msgid, msgstr, CONFIGS["collection"]) == []
    assert [code for code, _ in rules.compare(msgid, msgstr, CONFIGS["every extension"])] == [
        "markup"]
    assert rules.compare(msgid, msgstr, CONFIGS["collection"]) == []
