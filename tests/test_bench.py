"""The benchmark's tools: a generated collection builds, and ``bench/run.py --quick`` runs.

The generated collection must be a real one (each file named after its symbol, catalogues
that translate every generated document as fully as the real catalogue translates the real
document), or the scaling figures of ``make bench`` would measure something else.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from babel.messages.pofile import read_po

from meetingdocs.publish.build import build_all
from meetingdocs.publish.layout import Layout

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load("generate")


def _translated(po: Path) -> int:
    with po.open("rb") as handle:
        return sum(1 for m in read_po(handle) if m.id and m.string and not m.fuzzy)


def test_generated_collection_is_named_and_translated_like_the_real_one(tmp_path: Path) -> None:
    root = tmp_path / "collection"
    names = generate.generate(root, 2)

    assert names == ["CTOC_COP_WG.99_2030_1", "CTOC_COP_WG.99_2030_2"]
    assert (root / "conf.py").read_text() == (ROOT / "conf.py").read_text()
    assert sorted(p.name for p in (root / "docs").glob("*.md")) == [
        "CTOC_COP_WG.99_2030_1.md", "CTOC_COP_WG.99_2030_2.md", "index.md",
    ]
    texts = [(root / "docs" / f"{name}.md").read_text(encoding="utf-8") for name in names]
    for name, text in zip(names, texts, strict=True):
        symbol = re.search(r"^:symbol: (\S+)$", text, re.MULTILINE)
        assert symbol and symbol.group(1).replace("/", "_") == name
    assert texts[0] != texts[1].replace("WG.99/2030/2", "WG.99/2030/1")
    real = ROOT / "locale" / "{code}" / "LC_MESSAGES" / f"{generate.TEMPLATE_DOC}.po"
    for code in generate.TRANSLATED:
        for name in names:
            po = root / "locale" / code / "LC_MESSAGES" / f"{name}.po"
            assert _translated(po) == _translated(Path(str(real).format(code=code)))


def test_generated_collection_builds_in_two_languages(tmp_path: Path) -> None:
    root = tmp_path / "collection"
    names = generate.generate(root, 2)

    results = build_all(Layout(root), ["fr", "ar"], ["html"], jobs=2)

    assert sorted(r.code for r in results) == ["ar", "fr"]
    for result in results:
        assert result.ok, result.errors
        assert not result.warnings
    # Document 1 meets in Geneva, document 2 in New York: the venue of each catalogue's
    # msgstr was mapped along with its msgid, so the page shows the translated venue.
    venues = {"fr": ("Genève", "New York", "Vienne"), "ar": ("جنيف", "نيويورك", "فيينا")}
    for code, (first, second, real) in venues.items():
        pages = [(root / "_build" / "html" / code / f"{name}.html").read_text(encoding="utf-8")
                 for name in names]
        assert f'lang="{code}"' in pages[0]
        assert first in pages[0] and second in pages[1]
        assert real not in pages[0] + pages[1]
        assert "WG.99/2030/1" in pages[0] and "WG.99/2030/2" in pages[1]


def test_quick_benchmark_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick"], cwd=tmp_path,
        capture_output=True, text=True, timeout=300, check=False,
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    header = next((line for line in lines if line.startswith("measurement")), "")
    assert header.split() == ["measurement", "ours", "reference", "ratio", "target", "result"]
    assert any(line.startswith("meetingdocs benchmark:") for line in lines)
    for row in ("html: meetingdocs vs sphinx-build loop", "no-op html rebuild",
                "fr catalogue: one msgstr edited", "languages rebuilt after the fr catalogue",
                "peak RSS at N=2"):
        assert any(line.startswith(row) or line.strip().startswith(row) for line in lines), row
