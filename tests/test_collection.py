"""The collection described once: layout and settings from conf.py, declared options."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from meetingdocs.i18n.findings import CODES
from meetingdocs.publish.layout import Layout
from meetingdocs.sphinx_ext.nesting import TooDeeplyNested

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "test-agenda"


def _copy_root(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build"))
    return target


def test_the_layout_is_read_from_conf_py(tmp_path: Path) -> None:
    layout = Layout(REPO)
    assert layout.srcdir == REPO / "docs"
    assert layout.locale_dirs == ((REPO / "locale").resolve(),)
    assert layout.glossary == REPO / "glossary" / "ctoc.tbx"
    assert layout.blocking == {code for code, blocks in CODES.items() if blocks}
    assert layout.root_doc == "index"

    root = tmp_path / "other"
    (root / "docs").mkdir(parents=True)
    (root / "conf.py").write_text(
        'locale_dirs = ["../translations", "../more"]\n'
        'meetingdocs_glossary = ""\n'
        'meetingdocs_blocking = ["syntax"]\n', encoding="utf-8")
    other = Layout(root)
    assert other.locale_dirs == (root / "translations", root / "more")
    assert other.locale_dir == root / "translations"
    assert other.glossary is None and other.blocking == {"syntax"}


def test_check_uses_the_configured_glossary_and_blocking_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from meetingdocs.cli import main

    root = tmp_path / "c"
    for part in ("docs", "locale", "glossary"):
        shutil.copytree(REPO / part, root / part)
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    (root / "conf.py").write_text(conf + '\nmeetingdocs_glossary = "glossary/none.tbx"\n',
                                  encoding="utf-8")
    assert main(["--root", str(root), "-l", "fr", "check"]) == 2
    assert "none.tbx: no such glossary" in capsys.readouterr().err
    (root / "conf.py").write_text(conf + "\nmeetingdocs_blocking = []\n", encoding="utf-8")
    po = next((root / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "<b>x</b>"\n',
                  encoding="utf-8")
    assert main(["--root", str(root), "-l", "fr", "check"]) == 0
    assert "raw-html" in capsys.readouterr().out


@pytest.mark.sphinx("html", testroot="agenda",
                    confoverrides={"gettext_allow_fuzzy_translations": True})
def test_asking_for_fuzzy_translations_is_refused(make_app, app_params) -> None:
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="fuzzy entries are never published"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx("html", testroot="agenda",
                    confoverrides={"meetingdocs_blocking": ["no-such-code"]})
def test_an_unknown_blocking_code_is_refused(make_app, app_params) -> None:
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="no-such-code"):
        make_app(*args, **kwargs)


def test_too_deep_nesting_is_named_with_file_and_line(make_app, tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path / "src")
    page = srcdir / "EX_WG.1_2030_1.md"
    text = page.read_text(encoding="utf-8")
    line = text.count("\n") + 3
    page.write_text(text + "\n\n" + "> " * 120 + "deep\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(TooDeeplyNested, match=rf"EX_WG\.1_2030_1\.md:{line}: \d+ lists or quotes"):
        app.build()


def test_the_nesting_message_counts_the_lists_the_author_wrote(make_app, tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path / "src")
    page = srcdir / "EX_WG.1_2030_1.md"
    listing = "\n".join("  " * level + f"- level {level + 1}" for level in range(15))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + listing + "\n",
                    encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(TooDeeplyNested) as stopped:
        app.build()
    counted = int(re.search(r": (\d+) lists or quotes one inside another", str(stopped.value))[1])
    assert counted <= 15 and "more than 18" not in str(stopped.value), stopped.value


def test_each_language_writes_a_manifest_the_site_pages_are_made_from(collection: Path) -> None:
    import json

    from meetingdocs.publish.build import build_all
    from meetingdocs.publish.site import landing_page, read_manifests

    layout = Layout(collection)
    results = build_all(layout, ["en", "fr"], ("html",), jobs=1)
    assert all(r.ok for r in results), [r.errors for r in results]
    manifest = json.loads(layout.manifest("fr").read_text(encoding="utf-8"))
    (doc,) = manifest["documents"]
    assert doc["docname"] == "CTOC_COP_WG.7_2020_1" and doc["symbol"] == "CTOC/COP/WG.7/2020/1"
    assert doc["title"] == "Ordre du jour provisoire et annotations"
    assert doc["pdf"] == "CTOC_COP_WG.7_2020_1_F.pdf"
    entries, words = doc["catalogue"]["entries"], doc["catalogue"]["words"]
    assert entries["translated"] == entries["total"] > 0 and words["translated"] > entries["total"]
    assert manifest["root_doc"]["docname"] == "index"
    assert json.loads(layout.manifest("en").read_text(encoding="utf-8"))["documents"][0][
        "catalogue"] is None

    # The title on the landing page is the manifest's, not the built page's.
    doc["title"] = "Titre <du> manifeste"
    layout.manifest("fr").write_text(json.dumps(manifest), encoding="utf-8")
    landing = landing_page(read_manifests(layout, ["en", "fr"]), ["en", "fr"])
    assert '<span class="un-title">Titre &lt;du&gt; manifeste</span>' in landing
    status = (layout.site_dir / "status.html").read_text(encoding="utf-8")
    assert f'<td>{entries["translated"]}</td>' in status and "Français" in status
    # HTML only: no PDF is published, so the landing page links none.
    assert ".pdf" not in (layout.site_dir / "index.html").read_text(encoding="utf-8")
    with_pdf = landing_page(read_manifests(layout, ["en", "fr"]), ["en", "fr"],
                            frozenset({"CTOC_COP_WG.7_2020_1_F.pdf"}))
    assert 'href="pdf/CTOC_COP_WG.7_2020_1_F.pdf"' in with_pdf
    assert "CTOC_COP_WG.7_2020_1_E.pdf" not in with_pdf
