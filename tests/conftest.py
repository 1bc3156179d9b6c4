"""Shared fixtures: Sphinx's test fixtures, the test roots, and one real build per session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from browser_support import built_site, copy_collection  # noqa: F401 - one build, shared

pytest_plugins = ("sphinx.testing.fixtures",)

@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A private copy of the collection under git, so tests can see what changed."""
    root = copy_collection(tmp_path / "collection")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "collection"], cwd=root, check=True)
    return root
