"""Per-language LaTeX settings, applied from the language's pack on ``config-inited``.

``-D language=xx`` is applied after ``conf.py`` runs, so nothing in ``conf.py`` may depend
on the language: this handler runs once the final language is known and sets the LaTeX
engine, fonts and script set-up for it. As Sphinx's own ``default_latex_engine`` does, a
setting is the pack's only where the collection left Sphinx's default; a value ``conf.py``
chose wins (``latex_engine``, ``latex_table_style``, each key of ``latex_elements``). The
PDF documents (one per meeting document Sphinx found, named in the UN style) are set once
reading is done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from meetingdocs import languages
from meetingdocs.sphinx_ext.documents import meeting_documents

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

STYLE_DIR = Path(__file__).parent / "latex"


def latex_elements(lang: languages.Language) -> dict[str, str]:
    """The ``latex_elements`` of a language version: A4, no Sphinx title page chrome."""
    rtl_setup = ""
    if lang.direction == "rtl":
        rtl_setup = (
            "\n\\newcommand{\\unenglish}[1]{\\foreignlanguage{english}{#1}}"
            "\n\\newcommand{\\unLR}[1]{\\foreignlanguage{english}{#1}}"
            # Labels are boxes: give them the paragraph's direction, so "1 -" reads RTL.
            "\n\\newcommand{\\unlabel}[1]{#1\\enskip}"
            # babel's bidi does not reach inside varwidth (Sphinx's table cells): a
            # minipage keeps mirrored parentheses; times stay one left-to-right run.
            "\n\\AtBeginDocument{\\renewenvironment{varwidth}[2][t]"
            "{\\begin{minipage}[#1]{#2}}{\\end{minipage}}}"
            "\n\\expandafter\\def\\csname DUroleun-time\\endcsname#1{\\unLR{#1}}"
        )
    return {
        "papersize": "a4paper",
        "pointsize": "10pt",
        "classoptions": ",oneside",
        "babel": lang.latex_babel,
        "polyglossia": lang.latex_polyglossia,
        "fontenc": lang.latex_fontenc,
        "fontpkg": lang.latex_fonts + lang.latex_extra + rtl_setup,
        "fncychap": "",
        "maketitle": "",
        "tableofcontents": "",
        "printindex": "",
        "makeindex": "",
        "releasename": "",
        "sphinxsetup": "HeaderFamily=\\rmfamily\\bfseries, hmargin={2.4cm,2.4cm}, "
        "vmargin={2.2cm,2.6cm}, InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}",
        "hyperref": (
            f"\\usepackage[hyperfootnotes=false,pdflang={{{lang.html_lang}}}]{{hyperref}}\n"
            "\\makeatletter\\AtBeginDocument{\\hypersetup{pdftitle={\\@title},"
            "pdfauthor={United Nations},pdfcreator={},pdfsubject={\\unsymbol}}}\\makeatother"
        ),
    }


def _left_default(config: Config, name: str) -> bool:
    """Whether ``config.name`` is what Sphinx gives when ``conf.py`` does not set it."""
    default = config.values[name].default
    if callable(default):
        default = default(config)
    return getattr(config, name) == default


def apply_latex(app: Sphinx, config: Config) -> None:
    """``config-inited``: the LaTeX engine, preamble and documents of this language."""
    lang = languages.get(config.language)
    if _left_default(config, "latex_engine"):
        config.latex_engine = lang.latex_engine
    config.latex_elements = {**latex_elements(lang), **config.latex_elements}
    config.latex_use_xindy = False
    if _left_default(config, "latex_table_style"):
        config.latex_table_style = ["booktabs"]
    config.latex_domain_indices = False
    config.latex_additional_files = [
        *config.latex_additional_files, str(STYLE_DIR / "meetingdocs.sty"),
    ]


def pdf_documents(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: one PDF per meeting document Sphinx found (the builder reads
    ``latex_documents`` only when it starts writing)."""
    letter = languages.get(app.config.language).letter
    app.config.latex_documents = [
        (name, f"{name}_{letter}.tex", "", "United Nations", "howto", False)
        for name in meeting_documents(env)
    ]


def setup_latex_config(app: Sphinx) -> None:
    app.connect("config-inited", apply_latex, priority=410)
    app.connect("env-updated", pdf_documents)
    app.add_latex_package("meetingdocs")
