"""The set-up of Debian packages: installs what is missing, or says exactly how."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "system", Path(__file__).resolve().parent.parent / "tools" / "system.py")
assert _SPEC is not None and _SPEC.loader is not None
system = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(system)


def test_nothing_missing_on_this_machine() -> None:
    assert system.missing(list(system.PACKAGES)) == []


def test_without_root_or_sudo_it_prints_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(system, "missing", lambda packages: ["fonts-hosny-amiri", "latexmk"])
    monkeypatch.setattr(system.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(system.shutil, "which", lambda name: None)
    assert system.main() == 1
    err = capsys.readouterr().err
    assert ("apt-get update && apt-get install -y --no-install-recommends "
            "fonts-hosny-amiri latexmk") in err


def test_with_sudo_it_installs_through_sudo(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(system, "missing", lambda packages: ["latexmk"])
    monkeypatch.setattr(system.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(system.shutil, "which", lambda name: "/usr/bin/sudo")
    monkeypatch.setattr(system.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    assert system.main() == 0
    assert calls[0][:2] == ["sudo", "apt-get"] and calls[1][-2:] == ["latexmk", "-q"]


def test_the_table_is_the_one_the_pdf_check_reads() -> None:
    from meetingdocs.publish import preflight

    assert system.TABLE.resolve() == preflight.DEBIAN_TABLE.resolve()
    table = preflight.debian_packages()
    assert system.PACKAGES == {name: entry["purpose"] for name, entry in table.items()}
    assert set(preflight.PROVIDERS.values()) <= set(system.PACKAGES)


def test_it_runs_with_the_system_python_alone(tmp_path: Path) -> None:
    """No import from the package or a virtual environment: ``python3 -I`` from elsewhere."""
    import subprocess

    script = Path(__file__).resolve().parent.parent / "tools" / "system.py"
    done = subprocess.run(["/usr/bin/python3", "-I", "-S", str(script)], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _make_dry_run(root: Path) -> str:
    import subprocess

    done = subprocess.run(["make", "-n", "html"], cwd=root, capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_the_package_check_is_stamped(tmp_path: Path) -> None:
    """A build whose packages were checked runs no ``dpkg-query`` until the table, the
    script or Debian's package database changes."""
    import os
    import shutil

    repo = Path(__file__).resolve().parent.parent
    for part in ("Makefile", "pyproject.toml", "tools/system.py",
                 "meetingdocs/publish/debian.toml"):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(repo / part, tmp_path / part)
    venv = tmp_path / ".venv"
    venv.mkdir()
    assert "tools/system.py" in _make_dry_run(tmp_path)  # never checked yet
    for stamp in (".installed", ".system"):
        (venv / stamp).touch()
    assert "tools/system.py" not in _make_dry_run(tmp_path)
    later = (venv / ".system").stat().st_mtime + 10
    os.utime(tmp_path / "meetingdocs" / "publish" / "debian.toml", (later, later))
    assert "tools/system.py" in _make_dry_run(tmp_path)


def test_the_luatex_font_cache_is_built_during_set_up(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(system, "missing", lambda packages: [])
    monkeypatch.setattr(system.subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    assert system.main() == 0
    assert calls and calls[0][0].endswith("luaotfload-tool") and "--update" in calls[0]
