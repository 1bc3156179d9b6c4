"""The served path: how soon ``meetingdocs serve`` shows a saved edit, and its memory.

:func:`measure_served` copies the collection to a temporary folder, times a clean HTML
build of the six languages there (``meetingdocs build -f html``), then starts
``meetingdocs serve`` on that collection (as a translator would after ``make html``) and
measures, over HTTP:

- save-to-updated-page latency of one French msgstr edit (median of ``repeat``), as a
  ratio to the clean build (target <= 0.15);
- one source paragraph edited until all six served pages show it (median of 3; the
  draft pages, since a version in preparation is published as a notice), as a ratio
  to the clean build (target <= 0.5);
- the resident memory of the server and all its workers after ``edits`` French edits
  against after the first (target <= 1.2).

Run standalone: ``.venv/bin/python bench/serve.py [--edits 200] [--repeat 10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from generate import REPO_ROOT, TEMPLATE_DOC, copy_collection

from meetingdocs import languages

TARGET_CATALOGUE = 0.15
TARGET_SOURCE = 0.5
TARGET_RSS = 1.2
FRENCH_PO = Path("locale/fr/LC_MESSAGES") / f"{TEMPLATE_DOC}.po"
SOURCE = Path("docs") / f"{TEMPLATE_DOC}.md"
#: The msgstr the French edits change, and the paragraph the source edits extend.
MSGSTR_RE = re.compile(r'^msgstr "(Questions diverses)[^"\n]*"$', re.MULTILINE)
PARAGRAPH_RE = re.compile(r"^(The Working Group is expected to adopt a report[^\n]*?)"
                          r"( Edit \d+\.)?$", re.MULTILINE)
TIMEOUT = 60.0


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read().decode("utf-8")


def _until(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.005)


def tree_rss(pid: int) -> int:
    """The resident memory (bytes) of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[-1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class Served:
    """A ``meetingdocs serve`` process on ``root`` (no PDFs: they would take the CPU)."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, _free_port()
        self.process = subprocess.Popen(
            [_tool("meetingdocs"), "--root", str(root), "serve", "--port", str(self.port),
             "--no-pdf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        _until(lambda: self._status().get("idle", False), "the server to start")

    def _status(self) -> dict:
        try:
            return json.loads(_get(f"http://127.0.0.1:{self.port}/_serve/status"))
        except OSError:
            return {}

    def page(self, code: str) -> str:
        return _get(f"http://127.0.0.1:{self.port}/{code}/{TEMPLATE_DOC}.html")

    def draft(self, code: str) -> str:
        """The draft page: a version in preparation is published as a notice only."""
        return _get(f"http://127.0.0.1:{self.port}/drafts/html/{code}/{TEMPLATE_DOC}.html")

    def idle(self) -> None:
        _until(lambda: self._status().get("idle", False), "the server to be idle")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(30)


def edit_french(root: Path, marker: str) -> str:
    po = root / FRENCH_PO
    text = po.read_text(encoding="utf-8")
    new = f"Questions diverses {marker}"
    edited, count = MSGSTR_RE.subn(f'msgstr "{new}"', text)
    if count != 1:
        raise RuntimeError(f"{po}: the msgstr to edit was not found")
    po.write_text(edited, encoding="utf-8")
    return new


def edit_paragraph(root: Path, n: int) -> str:
    md = root / SOURCE
    marker = f" Edit {n}."
    edited, count = PARAGRAPH_RE.subn(lambda m: m.group(1) + marker,
                                      md.read_text(encoding="utf-8"))
    if count != 1:
        raise RuntimeError(f"{md}: the paragraph to edit was not found")
    md.write_text(edited, encoding="utf-8")
    return marker.strip()


def _timed_edit(server: Served, codes: Sequence[str], edit: Callable[[], str],
                *, drafts: bool = False) -> float:
    page = server.draft if drafts else server.page
    started = time.monotonic()
    marker = edit()
    for code in codes:
        _until(lambda code=code: marker in page(code), f"{marker!r} in {code}")
    return time.monotonic() - started


def measure_served(edits: int = 200, repeat: int = 10,
                   workdir: Path | None = None) -> dict[str, float]:
    """Measure the served path on a fresh copy of the collection; see the module's text."""
    tmp = Path(tempfile.mkdtemp(prefix="served-", dir=workdir))
    try:
        root = tmp / "collection"
        copy_collection(REPO_ROOT, root)
        if (REPO_ROOT / "glossary").is_dir():
            shutil.copytree(REPO_ROOT / "glossary", root / "glossary")
        started = time.monotonic()
        subprocess.run([_tool("meetingdocs"), "--root", str(root), "build", "-f", "html"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        clean = time.monotonic() - started
        server = Served(root)
        try:
            french = [_timed_edit(server, ["fr"], lambda i=i: edit_french(root, f"e{i}"))
                      for i in range(repeat)]
            server.idle()
            rss_first = tree_rss(server.process.pid)
            for i in range(1, edits):
                _timed_edit(server, ["fr"], lambda i=i: edit_french(root, f"m{i}"))
            server.idle()
            time.sleep(0.5)
            rss_last = tree_rss(server.process.pid)
            # Last: a new English sentence leaves every translation in preparation.
            source = [_timed_edit(server, languages.CODES, lambda n=n: edit_paragraph(root, n),
                                  drafts=True)
                      for n in range(3)]
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    fr_median, source_median = statistics.median(french), statistics.median(source)
    return {
        "clean_html_s": clean,
        "fr_edit_s": fr_median, "fr_edit_ratio": fr_median / clean,
        "source_edit_s": source_median, "source_edit_ratio": source_median / clean,
        "rss_after_1": rss_first, "rss_after_n": rss_last, "edits": edits,
        "rss_ratio": rss_last / rss_first,
    }


def format_served(figures: dict[str, float]) -> str:
    mib = 1024 ** 2
    rows = [
        ("fr msgstr edit -> served fr page (median)", f"{figures['fr_edit_s']:.3f} s",
         figures["fr_edit_ratio"], TARGET_CATALOGUE),
        ("source paragraph -> six served pages (median of 3)",
         f"{figures['source_edit_s']:.3f} s", figures["source_edit_ratio"], TARGET_SOURCE),
        (f"RSS after {figures['edits']} edits / after 1",
         f"{figures['rss_after_n'] / mib:.0f} / {figures['rss_after_1'] / mib:.0f} MiB",
         figures["rss_ratio"], TARGET_RSS),
    ]
    lines = [f"clean html build of the six languages: {figures['clean_html_s']:.2f} s"]
    for label, value, ratio, target in rows:
        verdict = "PASS" if ratio <= target else "MISS"
        lines.append(f"{label:<52} {value:>18}  ratio {ratio:.3f}  <= {target}  {verdict}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    print(format_served(measure_served(args.edits, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
