"""The LaTeX run cannot run commands, read or write outside its folder, or run forever."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from meetingdocs.publish.latex import run_engine

ENGINES = ("xelatex", "lualatex")


def _tex(folder: Path, body: str, stem: str = "doc") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tex = folder / f"{stem}.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n" + body +
                   "\n\\end{document}\n", encoding="utf-8")
    return tex


@pytest.mark.parametrize("engine", ENGINES)
def test_no_shell_escape(tmp_path: Path, engine: str) -> None:
    tex = _tex(tmp_path / "b", "Text.\\immediate\\write18{touch pwned}")
    run_engine(tex, engine, dict(os.environ))
    assert not (tmp_path / "b" / "pwned").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_no_file_read_outside_the_folder(tmp_path: Path, engine: str) -> None:
    secret = tmp_path / "secret.tex"
    secret.write_text("TOPSECRET", encoding="utf-8")
    tex = _tex(tmp_path / "b", f"\\input{{{secret}}}")
    ok, reason = run_engine(tex, engine, dict(os.environ))
    assert not ok and reason
    pdf_text = ""
    if (tmp_path / "b" / "doc.pdf").exists():
        pdf_text = subprocess.run(["pdftotext", str(tmp_path / "b" / "doc.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout
    assert "TOPSECRET" not in pdf_text


@pytest.mark.parametrize("engine", ENGINES)
def test_no_file_written_outside_the_folder(tmp_path: Path, engine: str) -> None:
    target = tmp_path / "written.txt"
    tex = _tex(tmp_path / "b", f"\\newwrite\\out\\immediate\\openout\\out={target}"
               "\\immediate\\write\\out{x}\\immediate\\closeout\\out Text.")
    run_engine(tex, engine, dict(os.environ))
    assert not target.exists()


def test_a_run_that_never_ends_is_stopped_with_its_reason(tmp_path: Path) -> None:
    stem = f"endless{os.getpid()}x{time.monotonic_ns()}"
    tex = _tex(tmp_path / "b", "\\def\\x{\\x}\\x", stem)
    start = time.monotonic()
    ok, reason = run_engine(tex, "xelatex", dict(os.environ), time_limit=3)
    assert not ok and "stopped after 3 s" in reason
    assert time.monotonic() - start < 30
    left = subprocess.run(["pgrep", "-f", stem], capture_output=True, text=True,
                          check=False)
    assert left.stdout == "", "the engine outlived its time limit"


def test_a_plain_document_still_builds(tmp_path: Path) -> None:
    tex = _tex(tmp_path / "b", "Plain text.")
    assert run_engine(tex, "xelatex", dict(os.environ)) == (True, "")
