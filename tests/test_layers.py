"""The package's layers: each imports only the layers below it.

``storage`` (the build's own records, written whole) < ``languages`` (the language packs) < ``un`` (UN editorial rules, pure) < ``i18n``
(catalogues, no Sphinx application) < ``sphinx_ext`` (everything that needs ``app``) <
``publish`` (layout, workers, LaTeX, site) < ``serve`` (the local server) < ``cli``.
Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "meetingdocs"
LAYERS = ("storage", "languages", "un", "i18n", "sphinx_ext", "publish", "serve", "cli")
MAX_LINES = 400


def _layer(module: str) -> int | None:
    """The layer of a dotted module name of this package; None for the root package."""
    parts = module.split(".")
    if parts[0] != "meetingdocs" or len(parts) == 1:
        return None
    return LAYERS.index(parts[1])


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "meetingdocs":
                # ``from meetingdocs import languages``: the names are the modules.
                found += [(node.lineno, f"meetingdocs.{alias.name}") for alias in node.names
                          if alias.name in LAYERS]
            else:
                found.append((node.lineno, node.module))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    own = _layer(_module_name(path))
    assert own is not None
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = [
        f"line {line}: {name} ({LAYERS[layer]})"
        for line, name in _imports(tree)
        if (layer := _layer(name)) is not None and layer > own
    ]
    assert not upward, f"{path.name} ({LAYERS[own]}) imports a higher layer: {upward}"


def test_every_module_belongs_to_a_layer() -> None:
    for path in MODULES:
        assert _module_name(path).split(".")[1] in LAYERS, path


def test_a_higher_import_is_caught(tmp_path: Path) -> None:
    """The walk sees an import inside a function, the way a lazy import is written."""
    tree = ast.parse("def f():\n    from meetingdocs.publish.build import build_all\n")
    assert [name for _, name in _imports(tree)] == ["meetingdocs.publish.build"]
    assert _layer("meetingdocs.publish.build") > _layer("meetingdocs.un.dates")  # type: ignore[operator]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_about_400_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by what it does"
