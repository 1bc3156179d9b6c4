"""A language outside the six, added by the collection with one pack: HTML and PDF."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from meetingdocs import cli, languages

DOC = "EX_WG.1_2030_1"
ROOT = Path(__file__).parent / "roots" / "test-extra-language"


@pytest.fixture(autouse=True)
def _forget_collection() -> Iterator[None]:
    """Leave no Portuguese behind: the packs known, and the translators of an in-process
    CLI build (the test root's document has the name of test-agenda's)."""
    yield
    languages.use_collection(None)
    from sphinx import locale

    locale.translators.clear()
    gettext._translations.clear()  # type: ignore[attr-defined]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _only_docutils_note(warnings: str) -> None:
    """Docutils has no Portuguese of its own (only pt_BR) for the words it generates."""
    lines = [line for line in warnings.splitlines() if line.strip()]
    assert all('Language "pt" not supported' in line for line in lines), warnings


@pytest.mark.sphinx("html", testroot="extra-language", confoverrides={"language": "pt"})
def test_portuguese_html(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")
    text = _text(html)
    assert '<html lang="pt-PT" dir="ltr">' in html
    assert "Nações Unidas" in text and "Distr. geral" in text and "Original: inglês" in text
    assert "15 de janeiro de 2030" in text
    assert "Genebra, 4 a 6 de março de 2030" in text
    assert "na segunda-feira, 4 de março de 2030, às 10h00." in text
    assert "no ponto 1 b)" in text
    assert re.search(r"a\)\s*Abertura da reunião;", text)
    assert "Data e hora" in text and "Ponto da ordem do dia" in text
    assert "Segunda-feira, 4 de março" in text and "10h00-13h00" in text
    assert "Análise de exemplos (continuação)" in text
    assert "Todas as línguas" in text and "Português" in text
    assert f'href="../pdf/{DOC}_P.pdf"' in html
    assert "https://undocs.org/pt/EX/WG.1/2030/2" in html
    _only_docutils_note(app.warning.getvalue())


@pytest.mark.sphinx("html", testroot="extra-language", confoverrides={"language": "fr"})
def test_switcher_lists_the_six_then_the_collections(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / f"{DOC}.html").read_text(encoding="utf-8")
    order = [html.index(f'lang="{tag}"', html.index("<nav")) for tag in ("ar", "es", "pt-PT")]
    assert order == sorted(order)


@pytest.mark.sphinx("latex", testroot="extra-language", confoverrides={"language": "pt"})
def test_portuguese_latex_settings(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / f"{DOC}_P.tex").read_text(encoding="utf-8")
    assert app.config.latex_engine == "xelatex"
    assert "\\setmainlanguage{portuguese}" in tex and "{Liberation Serif}" in tex
    assert "pdflang={pt-PT}" in tex


@pytest.mark.sphinx(
    "latex", testroot="agenda",
    confoverrides={"language": "fr", "latex_engine": "lualatex",
                   "latex_table_style": ["colorrows"]},
)
def test_collection_latex_settings_win(app: SphinxTestApp) -> None:
    assert app.config.latex_engine == "lualatex"
    assert app.config.latex_table_style == ["colorrows"]


@pytest.mark.sphinx("latex", testroot="agenda", confoverrides={"language": "fr"})
def test_pack_latex_settings_where_sphinx_defaults(app: SphinxTestApp) -> None:
    assert app.config.latex_engine == "xelatex"
    assert app.config.latex_table_style == ["booktabs"]


def test_broken_collection_pack_stops_the_build(make_app, tmp_path: Path) -> None:
    from sphinx.errors import ConfigError

    root = tmp_path / "root"
    shutil.copytree(ROOT, root)
    pack = root / "languages" / "pt.toml"
    pack.write_text(pack.read_text("utf-8").replace('direction = "ltr"', 'direction = 1'))
    with pytest.raises(ConfigError, match=r"pt\.toml: direction: must be a string"):
        make_app("html", srcdir=root, confoverrides={"language": "pt"})


def _collection(tmp_path: Path) -> Path:
    """The test root laid out as a collection: conf.py, docs/, locale/, languages/."""
    root = tmp_path / "collection"
    (root / "docs").mkdir(parents=True)
    for name in ("languages", "locale"):
        shutil.copytree(ROOT / name, root / name)
    for source in ROOT.glob("*.md"):
        shutil.copy(source, root / "docs" / source.name)
    conf = (ROOT / "conf.py").read_text("utf-8")
    (root / "conf.py").write_text(conf.replace('["locale"]', '["../locale"]'), "utf-8")
    return root


def test_cli_knows_the_collections_languages(tmp_path: Path, capsys) -> None:
    root = _collection(tmp_path)
    assert cli.main(["--root", str(root), "languages"]) == 0
    assert capsys.readouterr().out.split() == [*languages.BUILT_IN_CODES, "pt"]
    with pytest.raises(SystemExit):
        cli.main(["--root", str(tmp_path), "-l", "pt", "languages"])


@pytest.mark.slow
def test_portuguese_pdf(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    assert cli.main(["--root", str(root), "-l", "pt", "build", "-f", "pdf"]) == 0
    pdf = root / "_build" / "pdf" / f"{DOC}_P.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = " ".join(text.split())
    assert "Nações Unidas" in text and "Distr. geral" in text
    assert "Genebra, 4 a 6 de março de 2030" in text
    assert "segunda-feira, 4 de março de 2030, às 10h00" in text
    assert "Proposta de organização dos trabalhos" in text
