"""Missing programs, fonts and TeX packages are named, with their Debian package."""

from __future__ import annotations

import pytest

from meetingdocs import languages
from meetingdocs.publish import build, preflight
from meetingdocs.publish.layout import Layout


def test_needs_come_from_the_language_table() -> None:
    programs, fonts, packages = preflight.needs(languages.get("zh_CN"))
    assert programs == ["latexmk", "xelatex"]
    assert "Noto Serif CJK SC" in fonts and "Liberation Serif" in fonts
    assert "xeCJK.sty" in packages
    programs, fonts, packages = preflight.needs(languages.get("ar"))
    assert programs == ["latexmk", "lualatex"] and fonts[0] == "Amiri"
    assert "babel.sty" in packages


def test_this_machine_has_everything() -> None:
    assert preflight.missing_for_pdf(languages.CODES) == []


def test_a_missing_font_is_named_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preflight, "installed_font_families", lambda: {"Liberation Serif"})
    missing = [str(m) for m in preflight.missing_for_pdf(["ar"])]
    assert any("'Amiri'" in m and "apt-get install fonts-hosny-amiri" in m for m in missing)


def test_build_stops_before_any_work(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(preflight, "tex_file_exists", lambda name: name != "xeCJK.sty")
    with pytest.raises(build.MissingTools, match="apt-get install texlive-lang-chinese"):
        build.build_all(Layout(tmp_path), ["zh_CN"], ("pdf",))
    assert not (tmp_path / "_build").exists()


def test_every_need_of_every_language_has_a_package_in_the_table() -> None:
    """Fonts and TeX files named by any language's LaTeX set-up, and its programs."""
    table = preflight.debian_packages()
    for lang in languages.LANGUAGES:
        programs, fonts, packages = preflight.needs(lang)
        for item, kind in [*((p, "programs") for p in programs),
                           *((f, "fonts") for f in fonts), *((t, "tex") for t in packages)]:
            provider = preflight.PROVIDERS.get(item)
            assert provider, f"{lang.code}: no package provides {item!r}"
            assert item in table[provider].get(kind, []), (item, kind, provider)


def test_a_missing_tex_file_is_named_with_the_package_the_table_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preflight, "tex_file_exists", lambda name: name != "polyglossia.sty")
    missing = [str(m) for m in preflight.missing_for_pdf(["fr"])]
    assert missing == [("TeX package 'polyglossia.sty' (needed for fr) is not installed: "
                       "apt-get install texlive-latex-recommended")]
