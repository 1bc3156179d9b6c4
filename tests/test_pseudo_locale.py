"""Every translatable construct reaches the page translated: proved with pseudo-locales.

As Sphinx's own i18n tests do, the translations are made to be easy to spot: every
message extracted from the test document (paragraphs, headings, list items, table
cells, the title, a footnote, the masthead's lines, the agenda's item titles, roles
around them) is "translated" by a rule: its text runs rewritten letter by letter, its
markup and machine data copied unchanged (as a translator must). French gets accented
Latin letters (left to right), Arabic Hebrew letters (right to left). Both catalogues
pass the checks, so the build publishes them; then each message must be on the page in
its pseudo-translation and no longer in English.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from meetingdocs.i18n.checks import blocking, check_catalog
from meetingdocs.i18n.markup import tokens
from meetingdocs.i18n.po import Catalog, Entry, plural_forms, read_catalog, write_catalog

ROOT = Path(__file__).parent / "roots" / "test-pseudo"
DOC = "EX_WG.1_2030_1"
MakeApp = Callable[..., SphinxTestApp]

_LOWER = "abcdefghijklmnopqrstuvwxyz"
PSEUDO = {
    "fr": str.maketrans(_LOWER + _LOWER.upper(),
                        "áƀćđéƒĝĥíĵķĺḿńóṕʠŕśťúṽŵẋýź" + "ÁƁĆĐÉƑĜĤÍĴĶĹḾŃÓṔꝖŔŚŤÚṼŴẊÝŹ"),
    "ar": str.maketrans(_LOWER + _LOWER.upper(), "אבגדהוזחטיכלמנסעפצקרשתךםןף" * 2),
}
_QUOTES = str.maketrans("", "", "'\"‘’“”«»\u00a0\u202f")


def pseudo(text: str, language: str) -> str:
    """``text`` with its plain runs rewritten, every markup token and symbol kept."""
    out, last = [], 0
    for token in tokens(text):
        out += [text[last:token.start].translate(PSEUDO[language]), token.text]
        last = token.end
    return "".join(out) + text[last:].translate(PSEUDO[language])


def runs(text: str) -> list[str]:
    """The plain runs of a message long enough to be recognised on a page."""
    found, last = [], 0
    for token in [*tokens(text), None]:
        end = token.start if token else len(text)
        found.append(" ".join(text[last:end].split()).strip(" .,;:()"))
        last = token.end if token else last
    return [run for run in found if len(run) >= 6]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    out = tmp_path_factory.mktemp("pot")
    app = SphinxTestApp("gettext", srcdir=ROOT, builddir=out)
    try:
        app.build()
    finally:
        app.cleanup()
    return read_catalog(Path(app.outdir) / f"{DOC}.pot")


def _catalogue(root: Path, template: Catalog, language: str) -> Path:
    header = Entry("", f"Language: {language}\nMIME-Version: 1.0\nContent-Type: text/plain; "
                   f"charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: "
                   f"{plural_forms(language)}\n")
    entries = [header] + [Entry(e.msgid, pseudo(e.msgid, language), locations=e.locations)
                          for e in template.messages]
    path = root / "locale" / language / "LC_MESSAGES" / f"{DOC}.po"
    write_catalog(Catalog(entries), path)
    return path


def _page_text(make_app: MakeApp, root: Path, language: str) -> str:
    app = make_app("html", srcdir=root, confoverrides={"language": language})
    app.build()
    app.cleanup()
    page = (Path(app.outdir) / f"{DOC}.html").read_text(encoding="utf-8")
    body = page.split("<body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split()).translate(_QUOTES)


def test_the_template_has_every_kind_of_construct(template: Catalog) -> None:
    msgids = [e.msgid for e in template.messages]
    for expected in ("Conference of the Parties to the Example Convention",  # masthead
                     "Provisional agenda and annotations",  # title
                     "Opening of the meeting",  # agenda item
                     "examples of *good practice* in the region;",  # list item
                     "Bureau of the Conference",  # table cell
                     "The decision was adopted at the twelfth session of the Conference.",
                     "Proposed organization of work"):  # heading
        assert expected in msgids
    assert any("{item}`2`" in m and "{symbol}" in m for m in msgids)  # roles


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_every_message_reaches_the_page_translated(
        make_app: MakeApp, tmp_path: Path, template: Catalog, language: str,
        direction: str) -> None:
    root = tmp_path / "src"
    shutil.copytree(ROOT, root)
    catalogue = _catalogue(root, template, language)
    assert blocking(check_catalog(catalogue)) == []
    text = _page_text(make_app, root, language)
    page = (root / "_build" / "html" / f"{DOC}.html").read_text(encoding="utf-8")
    assert f'dir="{direction}"' in page
    missing, english = [], []
    for entry in template.messages:
        for run in runs(entry.msgid):
            if pseudo(run, language).translate(_QUOTES) not in text:
                missing.append(run)
            if run.translate(_QUOTES) in text:
                english.append(run)
    assert missing == []
    assert english == []
