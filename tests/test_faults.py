"""Faults: builds killed half-way, two builds at once, a folder that cannot be written.

Each test drives the ``meetingdocs`` command, as ``make`` does, on a private copy of the
collection: a killed build followed by the same command gives the same output as a build
never interrupted; a second command in the same folder waits for the first, and says so;
a build folder that cannot be written is named, with no traceback.
"""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_support import SOURCE_DATE_EPOCH, copy_collection

from meetingdocs.publish.lock import LOCK_NAME

CODES = "en,fr"


def _command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "meetingdocs.cli", "--root", str(root), *args]


def _environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}


def _build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(root, "-l", CODES, "build", *args), capture_output=True,
                          text=True, timeout=600, check=False, env=_environment())


def _published(root: Path) -> dict[str, bytes]:
    """Every published file (site and PDFs), by path."""
    build = root / "_build"
    return {path.relative_to(build).as_posix(): path.read_bytes()
            for folder in ("html", "pdf") if (build / folder).is_dir()
            for path in sorted((build / folder).rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], float]:
    """What an uninterrupted HTML build of two languages publishes, and how long it took."""
    root = copy_collection(tmp_path_factory.mktemp("reference") / "collection")
    started = time.monotonic()
    done = _build(root, "-f", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    return _published(root), time.monotonic() - started


def _killed(command: list[str], seconds: float, **options: object) -> bool:
    """Run ``command`` and kill it (and its workers) after ``seconds``: was it running?"""
    started = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, **options)  # type: ignore[call-overload]
    time.sleep(seconds)
    running = started.poll() is None
    if running:
        os.killpg(started.pid, signal.SIGKILL)
    started.wait(30)
    return running


@pytest.mark.parametrize("share", [0.15, 0.35, 0.55, 0.75, 0.9])
def test_a_killed_build_then_the_same_command_gives_the_same_site(
    tmp_path: Path, reference: tuple[dict[str, bytes], float], share: float,
) -> None:
    """Killed at a share of the uninterrupted build's time, then run again."""
    expected, seconds = reference
    root = copy_collection(tmp_path / "collection")
    _killed(_command(root, "-l", CODES, "build", "-f", "html"), share * seconds,
            env=_environment())
    done = _build(root, "-f", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    published = _published(root)
    assert sorted(published) == sorted(expected)
    assert [name for name in expected if published[name] != expected[name]] == []


@pytest.mark.slow
def test_a_killed_pdf_build_then_the_same_command_gives_the_same_pdfs(
    tmp_path: Path,
) -> None:
    """Killed while LaTeX runs, then run again: the PDFs are byte for byte those of a
    build never interrupted."""
    def pdfs(root: Path) -> dict[str, bytes]:
        return {name: data for name, data in _published(root).items() if name.endswith(".pdf")}

    whole = copy_collection(tmp_path / "whole")
    started = time.monotonic()
    assert _build(whole, "-f", "html", "pdf").returncode == 0
    seconds = time.monotonic() - started
    expected = pdfs(whole)
    assert expected
    killed = 0
    for share in (0.3, 0.6, 0.8):
        root = copy_collection(tmp_path / f"killed-{share}")
        killed += _killed(_command(root, "-l", CODES, "build", "-f", "html", "pdf"),
                          share * seconds, env=_environment())
        done = _build(root, "-f", "html", "pdf")
        assert done.returncode == 0, done.stdout + done.stderr
        assert pdfs(root) == expected, share
    assert killed > 0, "no build was interrupted"


HOLD = """
import sys, time
from pathlib import Path
from meetingdocs.publish.lock import collection_lock
with collection_lock(Path(sys.argv[1]), "build"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold_lock(build: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the build folder's lock for ``seconds``."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(build), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_command_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    build = root / "_build"
    build.mkdir()
    holder = _hold_lock(build, 3)
    started = time.monotonic()
    done = subprocess.run(_command(root, "-l", "en", "site"), capture_output=True, text=True,
                          timeout=120, check=False)
    waited = time.monotonic() - started
    holder.wait(30)
    assert done.returncode == 0, done.stderr
    assert f"{build / LOCK_NAME}: meetingdocs build (process {holder.pid}) is writing" \
        in done.stderr
    assert "site waits for it to finish" in done.stderr
    assert waited > 1.5, "the second command did not wait"


def test_a_killed_command_leaves_no_lock(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    build = root / "_build"
    build.mkdir()
    holder = _hold_lock(build, 60)
    holder.kill()
    holder.wait(30)
    done = subprocess.run(_command(root, "-l", "en", "site"), capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and "waits" not in done.stderr, done.stderr


def test_a_build_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    """``_build`` is a file here: the superuser, who writes read-only folders, cannot
    write into it either."""
    root = copy_collection(tmp_path / "collection")
    (root / "_build").write_text("not a folder", encoding="utf-8")
    done = _build(root, "-f", "html")
    assert done.returncode != 0
    assert "_build: the build folder cannot be written" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_an_interrupted_catalogue_update_leaves_every_catalogue_whole(tmp_path: Path) -> None:
    """update-po killed at several moments: every catalogue is the old one or the new."""
    root = copy_collection(tmp_path / "collection")
    assert subprocess.run(_command(root, "gettext"), capture_output=True, check=False,
                          timeout=300).returncode == 0
    source = root / "docs" / "CTOC_COP_WG.7_2020_1.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Organizational matters", "Organisational matters"), encoding="utf-8")
    assert subprocess.run(_command(root, "gettext"), capture_output=True, check=False,
                          timeout=300).returncode == 0
    catalogues = sorted((root / "locale").rglob("*.po"))
    before = {po: po.read_bytes() for po in catalogues}
    after: dict[Path, bytes] = {}
    reference = tmp_path / "reference"
    filecmp.clear_cache()
    copy = copy_collection(reference)
    for po in catalogues:
        twin = copy / po.relative_to(root)
        twin.write_bytes(before[po])
    (copy / "_build").mkdir(exist_ok=True)
    subprocess.run(["cp", "-r", str(root / "_build" / "gettext"), str(copy / "_build")],
                   check=True)
    assert subprocess.run(_command(copy, "update-po"), capture_output=True, check=False,
                          timeout=300).returncode == 0
    after = {po: (copy / po.relative_to(root)).read_bytes() for po in catalogues}
    assert any(after[po] != before[po] for po in catalogues)
    started = time.monotonic()
    assert subprocess.run(_command(copy, "update-po"), capture_output=True, check=False,
                          timeout=300).returncode == 0
    seconds = time.monotonic() - started
    killed = 0
    for share in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        for po in catalogues:
            po.write_bytes(before[po])
        killed += _killed(_command(root, "update-po"), share * seconds)
        for po in catalogues:
            assert po.read_bytes() in (before[po], after[po]), (share, po)
    assert killed > 0, "update-po was never interrupted"
