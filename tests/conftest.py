"""Shared fixtures: Sphinx's test fixtures, the test roots, and one real build per session."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from meetingdocs import languages
from meetingdocs.build import Layout, build_all

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
COLLECTION_PARTS = ("conf.py", "docs", "locale", "glossary")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def copy_collection(target: Path) -> Path:
    """A private copy of the repository's collection (sources, catalogues, glossary)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in COLLECTION_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real collection built once per session: HTML and PDF in all six languages."""
    root = copy_collection(tmp_path_factory.mktemp("site"))
    results = build_all(Layout(root), list(languages.CODES), ("html", "pdf"))
    failures = [f"{r.code} {r.fmt}: {r.errors}" for r in results if not r.ok]
    assert not failures, failures
    return root


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A private copy of the collection under git, so tests can see what changed."""
    root = copy_collection(tmp_path / "collection")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "collection"], cwd=root, check=True)
    return root
