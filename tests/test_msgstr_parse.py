"""Translated messages: one reused MyST parser, the same output, and no file access.

MyST's own renderer builds docutils' default settings for every message it renders, even
though a document is always given (the library failure kept here as a test, so the day
MyST stops doing it is seen); the reused parser must give the same pages as MyST alone,
and a msgstr parsed by it must not be able to insert a file, whatever the checks let
through.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docutils.frontend
import pytest
from docutils.utils import new_document
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils import base
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx.testing.util import SphinxTestApp

from meetingdocs.i18n.po import Catalog, Entry, plural_forms, write_catalog
from meetingdocs.sphinx_ext.msgstr_parse import MessageRenderer, is_translated_message

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "zh_CN", "en", "fr", "ru", "es")
MakeApp = Callable[..., SphinxTestApp]


def _render_options(document: object) -> dict[str, object]:
    return {"document": document, "myst_config": MdParserConfig()}


def _document() -> object:
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    return new_document("index.md:3:<translated>", settings)


def test_myst_builds_default_settings_for_every_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """The upstream cause: ``options.get("document", make_document())`` always runs
    ``make_document``, i.e. docutils' OptionParser, once per translated message."""
    calls: list[object] = []
    real = base.make_document
    monkeypatch.setattr(base, "make_document", lambda *a, **k: calls.append(1) or real(*a, **k))
    SphinxRenderer(parser=None).setup_render(_render_options(_document()), {})
    assert calls == [1]


def test_the_message_renderer_sets_up_the_same_state_without_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document()
    theirs, ours = SphinxRenderer(parser=None), MessageRenderer(parser=None)
    before = set(vars(theirs))
    theirs.setup_render(_render_options(document), {})
    monkeypatch.setattr(base, "make_document", lambda *a, **k: pytest.fail("built a document"))
    ours.setup_render(_render_options(document), {})
    set_up = set(vars(theirs)) - before
    assert set_up and set(vars(ours)) - before == set_up
    for name in set_up - {"md_options", "md_env", "md_config"}:
        assert vars(ours)[name] == vars(theirs)[name], name


def test_only_sphinx_translated_messages_are_recognised() -> None:
    assert is_translated_message(_document())
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    assert not is_translated_message(new_document("docs/index.md", settings))


def _sphinx_build(root: Path, out: Path, language: str, reuse: bool) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(root),
         "-D", f"language={language}", "-D", f"meetingdocs_reuse_msgstr_parser={int(reuse)}",
         "-d", str(out / "doctrees"), str(root / "docs"), str(out / "html")],
        check=True, cwd=root, env={**os.environ, "PYTHONHASHSEED": "0"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_real_document_is_the_same_with_and_without_reuse(
        tmp_path: Path, language: str) -> None:
    root = tmp_path / "src"
    for part in ("docs", "locale", "glossary"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "conf.py", root / "conf.py")
    _sphinx_build(root, tmp_path / "reused", language, True)
    _sphinx_build(root, tmp_path / "alone", language, False)
    pages = sorted(p.relative_to(tmp_path / "alone" / "html")
                   for p in (tmp_path / "alone" / "html").rglob("*.html"))
    assert pages
    _match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "alone" / "html", tmp_path / "reused" / "html",
        [str(p) for p in pages], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_a_msgstr_cannot_insert_a_file_even_when_no_check_blocks(
        make_app: MakeApp, tmp_path: Path) -> None:
    """With every check made non-blocking, an ``include`` in a msgstr still reads nothing."""
    root = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-pseudo", root)
    (root / "secret.txt").write_text("TOPSECRET-CONTENT\n", encoding="utf-8")
    (root / "index.md").write_text("# Documents\n\nThe opening words.\n", encoding="utf-8")
    header = Entry("", "Language: fr\nMIME-Version: 1.0\nContent-Type: text/plain; "
                   "charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: "
                   f"{plural_forms('fr')}\n")
    write_catalog(Catalog([header, Entry("The opening words.",
                                         "```{include} secret.txt\n```")]),
                  root / "locale" / "fr" / "LC_MESSAGES" / "index.po")
    app = make_app("html", srcdir=root, confoverrides={
        "language": "fr", "meetingdocs_blocking": [], "exclude_patterns": ["EX_*"]})
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "TOPSECRET" not in page
    assert "The opening words." in page  # the English stays: the message was not usable
    assert 'Directive "include" disabled' in app.warning.getvalue()


def test_each_translated_message_is_rendered_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sphinx's ``Locale`` publishes a message that is not a title twice (at the same
    line); the second is a copy of the first render, and the pages are the same as MyST
    alone gives (the test above)."""
    from collections import Counter

    from browser_support import build_in_this_process, copy_collection

    from meetingdocs.sphinx_ext.msgstr_parse import MeetingMystParser

    root = copy_collection(tmp_path / "src")
    rendered: Counter[tuple[str, str]] = Counter()
    asked: Counter[tuple[str, str]] = Counter()
    real_render, real_parse = MeetingMystParser._render, MeetingMystParser.parse

    def render(text: str, document: object, config: object) -> None:
        rendered[str(document["source"]), text] += 1  # type: ignore[index]
        real_render(text, document, config)  # type: ignore[arg-type]

    def parse(self: MeetingMystParser, text: str, document: object) -> None:
        if is_translated_message(document):  # type: ignore[arg-type]
            asked[str(document["source"]), text] += 1  # type: ignore[index]
        real_parse(self, text, document)  # type: ignore[arg-type]

    monkeypatch.setattr(MeetingMystParser, "_render", staticmethod(render))
    monkeypatch.setattr(MeetingMystParser, "parse", parse)
    assert build_in_this_process(root, tmp_path, "fr") == 0
    assert set(rendered) == set(asked) and len(asked) > 20
    assert max(rendered.values()) == 1
    assert sum(asked.values()) > 1.5 * len(asked)  # Sphinx still asks twice for most
