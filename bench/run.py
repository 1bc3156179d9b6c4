"""Benchmark the meetingdocs build against the plain ``sphinx-build`` loop (``make bench``).

One run measures, on fresh copies of the collection in a temporary folder:

1. clean builds of the six languages, HTML and PDF: ``meetingdocs build`` against one
   ``sphinx-build`` (then ``latexmk`` for PDF) per language, one language after another;
2. rebuilds: nothing changed (HTML, PDF), one French catalogue edited, one source word
   edited, each as a ratio to the clean build, with the languages that were rebuilt;
3. scaling: generated collections of N agendas (``bench/generate.py``), HTML of the six
   languages: time per document and language, and the peak memory of the whole process
   tree (the sum of the resident sets of the build and all its workers, sampled); at
   N = 50 also the plain loop;
4. each language alone on N = 50 agendas (one worker): each translated language against
   English, per document;
5. the clean PDF of N = 10 and N = 50 agendas in six languages, and their time ratio;
6. the Arabic PDF of the real document against the French one;
7. a sharded build (2 shards, one worker each, one after the other) and its assembly:
   total CPU against the one-machine build, and the assembled site byte for byte;
8. the served path (``meetingdocs serve``): one French msgstr and one source paragraph
   edited until the served pages show them, against the clean HTML build, and the
   server's memory after 200 edits against after 1.

It then prints one table with each target beside its measurement (PASS/MISS) and the
anomalies it saw (a language rebuilt that should not have been, another language's
translation in a page, an edit missing from the output, a failed build).

Every build runs against a snapshot of the ``meetingdocs`` package taken at the start, so
that edits made to the package while the benchmark runs neither change what is measured
nor invalidate the builds' stamps. The exit status is 1 when a build failed (and, with
``--strict``, also when a target is missed or an anomaly was seen), else 0.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import html
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po
from generate import REPO_ROOT, TEMPLATE_DOC, copy_collection, generate

from meetingdocs import languages

TITLE = "meetingdocs benchmark"
HEADER = ("measurement", "ours", "reference", "ratio", "target", "result")

CODES: tuple[str, ...] = languages.CODES
TRANSLATED = tuple(code for code in CODES if code != languages.SOURCE_LANGUAGE)
GiB = 1024 ** 3
MiB = 1024 ** 2

#: Targets: a ratio of ours to the reference must not exceed these.
TARGET_CLEAN_HTML = 0.35
TARGET_CLEAN_HTML_AT_N = 0.30
TARGET_CLEAN_PDF = 0.35
TARGET_NOOP_HTML = 0.03
TARGET_NOOP_PDF = 0.03
TARGET_CATALOGUE_EDIT = 0.5
#: A translated language's HTML against English's, per document, at N generated agendas.
TARGET_TRANSLATED = 1.3
#: The Arabic PDF of the real document against the French one.
TARGET_ARABIC_PDF = 2.0
#: time(4N)/time(N) <= 4.2: at most 5 % worse than linear (scaled for other size ratios).
TARGET_SCALING_SLACK = 1.05
#: PDF: time(N=50)/time(N=10) <= 5.5 (10 % worse than linear, scaled likewise).
TARGET_PDF_SCALING_SLACK = 1.1
#: The generated collection the plain loop and each language alone are measured on.
LANGUAGES_AT = 50
DEFAULT_PDF_SIZES = (10, 50)
TARGET_PEAK_RSS = 1.5 * GiB

DEFAULT_SIZES = (10, 50, 200)
QUICK_SIZES = (1, 2)
REPORT_RE = re.compile(r"^\[\s*(?P<code>[\w-]+)\]\s+(?P<fmt>html|pdf)\s+(?P<state>\w+)",
                       re.MULTILINE)


# -- running and measuring commands ---------------------------------------------------------

@dataclass
class Run:
    """One timed command (or loop of commands)."""

    seconds: float
    returncode: int | None
    """``None`` when it was stopped at its time limit."""
    output: str = ""
    peak_rss: int = 0
    """Highest sum of VmRSS over the process tree (bytes)."""
    peak_pss: int = 0
    """Highest sum of Pss over the process tree (bytes): shared pages counted once."""
    largest: int = 0
    """Highest VmHWM of a single process of the tree (bytes)."""
    processes: int = 0
    """Most processes seen in the tree at once."""
    cpu: float = 0.0
    """User plus system CPU seconds of the command and its descendants."""

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def _proc_children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _status_kib(pid: int, keys: Sequence[str]) -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                name, _, rest = line.partition(":")
                if name in keys:
                    values[name] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return values


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Sample the resident memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss = self.peak_pss = self.largest = self.processes = 0
        self._stop_event = threading.Event()

    def tree(self) -> list[int]:
        children = _proc_children()
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def sample(self) -> None:
        rss = pss = 0
        pids = self.tree()
        for pid in pids:
            status = _status_kib(pid, ("VmRSS", "VmHWM"))
            rss += status.get("VmRSS", 0) * 1024
            self.largest = max(self.largest, status.get("VmHWM", 0) * 1024)
            pss += _pss_kib(pid) * 1024
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.processes = max(self.processes, len(pids))

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(
    cmd: Sequence[str | os.PathLike[str]], cwd: Path, env: dict[str, str], *,
    timeout: float | None = None, sample: bool = False,
) -> Run:
    """Run ``cmd``; wall time, exit status, output and (``sample``) the tree's memory."""
    started, cpu_before = time.monotonic(), _children_cpu()
    proc = subprocess.Popen(
        [str(part) for part in cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    sampler = TreeMemory(proc.pid) if sample else None
    if sampler:
        sampler.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
        returncode: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this call started, nothing else
        output, _ = proc.communicate()
        returncode = None
    seconds = time.monotonic() - started
    run = Run(seconds, returncode, output or "", cpu=_children_cpu() - cpu_before)
    if sampler:
        sampler.stop()
        run.peak_rss, run.peak_pss = sampler.peak_rss, sampler.peak_pss
        run.largest, run.processes = sampler.largest, sampler.processes
    return run


def run_loop(steps: Iterable[tuple[list[str], Path]], env: dict[str, str]) -> Run:
    """Run commands one after another (stopping at the first failure); total wall time."""
    started = time.monotonic()
    outputs, cpu, returncode = [], 0.0, 0
    for cmd, cwd in steps:
        run = run_timed(cmd, cwd, env)
        outputs.append(run.output)
        cpu += run.cpu
        if not run.ok:
            returncode = run.returncode if run.returncode is not None else 1
            break
    return Run(time.monotonic() - started, returncode, "\n".join(outputs), cpu=cpu)


# -- the two ways of building -----------------------------------------------------------

@dataclass(frozen=True)
class Tools:
    meetingdocs: str
    sphinx_build: str
    python: str
    env: dict[str, str]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (run the benchmark with the project's venv)")
    return found


def ours(tools: Tools, root: Path, fmt: str, *, timeout: float | None = None,
         sample: bool = False, codes: Sequence[str] = (), jobs: int | None = None) -> Run:
    chosen = ["--languages", " ".join(codes)] if codes else []
    cmd = [tools.meetingdocs, *chosen, "build", "-f", fmt,
           *(["-j", str(jobs)] if jobs else [])]
    return run_timed(cmd, root, tools.env, timeout=timeout, sample=sample)


def plain_html(tools: Tools, root: Path) -> Run:
    return run_loop(
        (([tools.sphinx_build, "-b", "html", "-c", ".", "-D", f"language={code}", "docs",
           f"OUT/{code}"], root) for code in CODES),
        tools.env,
    )


def plain_pdf(tools: Tools, root: Path) -> Run:
    """Per language: ``sphinx-build -b latex``, then ``latexmk`` for each ``.tex``."""
    started = time.monotonic()
    outputs, cpu = [], 0.0
    for code in CODES:
        outdir = root / "OUT" / "latex" / code
        run = run_timed([tools.sphinx_build, "-b", "latex", "-c", ".", "-D", f"language={code}",
                         "docs", f"OUT/latex/{code}"], root, tools.env)
        outputs.append(run.output)
        cpu += run.cpu
        if run.ok:
            engine = languages.get(code).latex_engine
            latexmk = [["latexmk", f"-{engine}", "-interaction=nonstopmode", tex.name]
                       for tex in sorted(outdir.glob("*.tex"))]
            run = run_loop(((cmd, outdir) for cmd in latexmk), tools.env)
            outputs.append(run.output)
            cpu += run.cpu
        if not run.ok:
            return Run(time.monotonic() - started, run.returncode, "\n".join(outputs), cpu=cpu)
    return Run(time.monotonic() - started, 0, "\n".join(outputs), cpu=cpu)


def task_states(output: str, fmt: str) -> dict[str, str]:
    """``{code: ok|skipped|FAILED}`` from the build's report lines."""
    return {m["code"]: m["state"] for m in REPORT_RE.finditer(output) if m["fmt"] == fmt}


def rebuilt(output: str, fmt: str) -> list[str] | None:
    states = task_states(output, fmt)
    if not states:
        return None
    return [code for code in CODES if states.get(code, "skipped") != "skipped"]


# -- checking the outputs ---------------------------------------------------------------

TAG_RE = re.compile(r"<[^>]*>")
ROLE_RE = re.compile(r"\{[^}]*\}`[^`]*`")
SEGMENT_SPLIT_RE = re.compile(r"[,;:.()（）،：；。，、`{}<>&\"'«»“”‘’„\[\]/]|--")


def _segments(msgstr: str, msgid: str) -> set[str]:
    """Stretches of a translation that a page shows verbatim and the source does not have."""
    pieces = (p.strip() for p in SEGMENT_SPLIT_RE.split(ROLE_RE.sub(" ", msgstr)))
    return {p for p in pieces if len(p) >= 12 and p not in msgid}


def catalogue_segments(root: Path, code: str, docname: str) -> set[str]:
    po = root / "locale" / code / "LC_MESSAGES" / f"{docname}.po"
    if not po.exists():
        return set()
    with po.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=False)
    found: set[str] = set()
    for message in catalog:
        if not (message.id and message.string) or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (
            message.string,)
        for string in strings:
            found |= _segments(string, " ".join(ids))
    return found


def check_languages(root: Path, html_root: Path, docnames: Sequence[str]) -> list[str]:
    """Each page carries its own language's translations and no other language's."""
    problems = []
    for docname in docnames:
        own = {code: catalogue_segments(root, code, docname) for code in TRANSLATED}
        for code in CODES:
            page = html_root / code / f"{docname}.html"
            if not page.exists():
                problems.append(f"{code}/{docname}.html was not written")
                continue
            text = html.unescape(TAG_RE.sub(" ", page.read_text(encoding="utf-8")))
            if own.get(code) and not any(s in text for s in own[code]):
                problems.append(f"{code}/{docname}.html shows none of its {code} translations")
            for other in TRANSLATED:
                if other == code:
                    continue
                leaked = sorted(s for s in own[other] - own.get(code, set()) if s in text)
                if leaked:
                    problems.append(f"{code}/{docname}.html contains {len(leaked)} {other} "
                                    f"translation(s), e.g. {leaked[0]!r}")
    return problems


def edit_catalogue(po: Path, marker: str) -> str:
    """Append ``marker`` to the first one-line, non-empty msgstr; return the new text."""
    text = po.read_text(encoding="utf-8")
    pattern = re.compile(r'^msgstr "([^"\\\n]{3,})"\n(?!")', re.MULTILINE)
    match = pattern.search(text)
    if not match:
        raise SystemExit(f"{po}: no one-line msgstr to edit")
    new = f"{match.group(1)} {marker}"
    po.write_text(text[:match.start(1)] + new + text[match.end(1):], encoding="utf-8")
    return new


def edit_source(md: Path, word: str) -> str:
    """Replace one word of running text with ``word``; return the word replaced."""
    lines = md.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if not re.match(r"^[A-Z][a-z]", line) or len(line) < 60:
            continue
        match = re.search(r"\b(meeting|report|session|Secretariat)\b", line)
        if match:
            lines[index] = line[:match.start()] + word + line[match.end():]
            md.write_text("\n".join(lines), encoding="utf-8")
            return match.group(1)
    raise SystemExit(f"{md}: no running text to edit")


# -- the report -------------------------------------------------------------------------

@dataclass
class Row:
    measurement: str
    ours: str = ""
    reference: str = ""
    ratio: str = ""
    target: str = ""
    result: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed_builds: list[str] = field(default_factory=list)
    scaling: list[list[str]] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.measurement}: {row.ours} {row.reference} {row.ratio} {row.result}",
              flush=True)

    def section(self, title: str) -> None:
        self.rows.append(Row(f"-- {title}"))

    @property
    def missed(self) -> bool:
        return any(r.result == "MISS" for r in self.rows)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def verdict(value: float | None, limit: float) -> str:
    return "MISS" if value is None or value > limit else "PASS"


def ratio_row(report: Report, label: str, run: Run, ref: Run, ref_label: str,
              target: float | None) -> float | None:
    ratio = run.seconds / ref.seconds if run.ok and ref.ok and ref.seconds else None
    status = "" if target is None else verdict(ratio, target)
    if not run.ok or not ref.ok:
        status = "FAILED" if target is None else "MISS"
    report.add(Row(
        label, seconds(run.seconds) + ("" if run.ok else " (failed)"),
        f"{ref_label} {seconds(ref.seconds)}" + ("" if ref.ok else " (failed)"),
        "—" if ratio is None else f"{ratio:.3f}",
        "—" if target is None else f"≤ {target:.2f}", status,
    ))
    return ratio


def format_table(report: Report) -> str:
    rows = [HEADER, *((r.measurement, r.ours, r.reference, r.ratio, r.target, r.result)
                      for r in report.rows)]
    widths = [max(len(row[i]) for row in rows if not row[0].startswith("-- "))
              for i in range(len(HEADER))]
    lines = []
    for index, row in enumerate(rows):
        if row[0].startswith("-- "):
            lines.append(row[0])
            continue
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                     .rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def format_scaling(report: Report) -> str:
    head = ("N", "html, 6 languages", "per document per language", "CPU (user+sys)",
            "peak RSS (tree)", "peak PSS (tree)", "largest process", "processes")
    rows = [head, *report.scaling]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def print_report(report: Report, context: str) -> None:
    print()
    print(f"{TITLE}: {context}")
    print()
    print(format_table(report))
    if report.scaling:
        print()
        print("scaling detail (our pipeline, clean HTML build of the six languages):")
        print(format_scaling(report))
    print()
    print("anomalies:" if report.anomalies else "anomalies: none seen")
    for line in report.anomalies:
        print(f"  - {line}")
    for line in report.notes:
        print(f"note: {line}")


# -- the benchmark ----------------------------------------------------------------------

def snapshot_package(tmp: Path, source: Path) -> tuple[dict[str, str], str]:
    """Copy the package next to the collections; builds import it through PYTHONPATH."""
    target = tmp / "package" / "meetingdocs"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(str(target), quiet=1)
    digest = hashlib.sha256()
    for path in sorted(p for p in target.rglob("*") if p.is_file() and "__pycache__" not in
                       p.parts):
        digest.update(str(path.relative_to(target)).encode() + path.read_bytes())
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target.parent),
                                                      env.get("PYTHONPATH")]))
    return env, digest.hexdigest()[:12]


def clean_builds(report: Report, tools: Tools, tmp: Path, repeat: int,
                 pdf: bool) -> tuple[Path, Run, Run | None]:
    """Section 1; returns our collection (built) and our clean HTML and PDF runs."""
    report.section("1. clean build of the six languages (fresh copy, nothing built)")
    print("1. clean builds", flush=True)
    ours_runs: list[Run] = []
    plain_runs: list[Run] = []
    ours_root = tmp / "ours-1"
    for index in range(1, repeat + 1):
        mine, theirs = tmp / f"ours-{index}", tmp / f"plain-{index}"
        copy_collection(REPO_ROOT, mine)
        copy_collection(REPO_ROOT, theirs)
        order = [(mine, ours_runs), (theirs, plain_runs)]
        for root, runs in (order if index % 2 else order[::-1]):
            run = ours(tools, root, "html") if root == mine else plain_html(tools, root)
            runs.append(run)
            print(f"   {root.name}: {run.seconds:.2f} s (exit {run.returncode})", flush=True)
    for label, runs in (("meetingdocs build -f html", ours_runs),
                        ("sphinx-build loop", plain_runs)):
        for run in runs:
            if not run.ok:
                report.failed_builds.append(f"{label} failed:\n{_tail(run.output)}")
    ours_html, plain_html_run = _median(ours_runs), _median(plain_runs)
    times = ", ".join(f"{r.seconds:.2f}" for r in ours_runs)
    ref_times = ", ".join(f"{r.seconds:.2f}" for r in plain_runs)
    ratio_row(report, f"html: meetingdocs vs sphinx-build loop (median of {repeat})",
              ours_html, plain_html_run, "plain", TARGET_CLEAN_HTML)
    if repeat > 1:
        report.notes.append(f"clean html runs, ours: {times} s; plain loop: {ref_times} s")
    report.notes.append(f"clean html CPU time (user+sys): ours {ours_html.cpu:.1f} s, "
                        f"plain loop {plain_html_run.cpu:.1f} s")
    check = check_languages(ours_root, ours_root / "_build" / "html", [TEMPLATE_DOC])
    report.anomalies.extend(f"clean html build: {p}" for p in check)

    ours_pdf: Run | None = None
    if pdf:
        print("   pdf (ours, after its html)", flush=True)
        ours_pdf = ours(tools, ours_root, "pdf")
        print(f"   ours pdf: {ours_pdf.seconds:.1f} s (exit {ours_pdf.returncode})", flush=True)
        plain_root = tmp / "plain-pdf"
        copy_collection(REPO_ROOT, plain_root)
        plain = plain_pdf(tools, plain_root)
        print(f"   plain pdf: {plain.seconds:.1f} s (exit {plain.returncode})", flush=True)
        if not ours_pdf.ok:
            report.failed_builds.append(f"meetingdocs build -f pdf failed:\n"
                                        f"{_tail(ours_pdf.output)}")
        if not plain.ok:
            report.failed_builds.append(f"plain latex loop failed:\n{_tail(plain.output)}")
        ratio_row(report, "pdf: meetingdocs (after its html) vs sphinx-build+latexmk loop",
                  ours_pdf, plain, "plain", TARGET_CLEAN_PDF)
        report.notes.append(f"clean pdf CPU time (user+sys): ours {ours_pdf.cpu:.1f} s, "
                            f"plain loop {plain.cpu:.1f} s")
        made = sorted(p.name for p in (ours_root / "_build" / "pdf").glob("*.pdf"))
        theirs = sorted(p.name for p in (plain_root / "OUT" / "latex").glob("*/*.pdf"))
        if len(made) != len(CODES) or len(theirs) != len(CODES):
            report.anomalies.append(f"PDFs made: ours {len(made)}, plain {len(theirs)} "
                                    f"(expected {len(CODES)} each)")
    return ours_root, ours_html, ours_pdf


def rebuilds(report: Report, tools: Tools, root: Path, clean_html: Run,
             clean_pdf: Run | None, repeat: int) -> None:
    """Section 2, on the collection built by section 1."""
    report.section("2. rebuilds of that collection, as a ratio to its clean build")
    print("2. rebuilds", flush=True)
    for fmt, clean, target in (("html", clean_html, TARGET_NOOP_HTML),
                               ("pdf", clean_pdf, TARGET_NOOP_PDF)):
        if clean is None:
            continue
        runs = [ours(tools, root, fmt) for _ in range(repeat)]
        run = _median(runs)
        ratio_row(report, f"no-op {fmt} rebuild (median of {repeat})", run, clean,
                  f"clean {fmt}", target)
        for one in runs:
            again = rebuilt(one.output, fmt)
            if again:
                report.anomalies.append(f"no-op {fmt} rebuild rebuilt {' '.join(again)}")

    po = root / "locale" / "fr" / "LC_MESSAGES" / f"{TEMPLATE_DOC}.po"
    new_text = edit_catalogue(po, "(bench)")
    run = ours(tools, root, "html")
    ratio_row(report, "fr catalogue: one msgstr edited, html", run, clean_html,
              "clean html", TARGET_CATALOGUE_EDIT)
    _rebuilt_row(report, "  languages rebuilt after the fr catalogue edit", run, ["fr"])
    pages = root / "_build" / "html"
    needle = html.escape(new_text, quote=False)
    for code in CODES:
        page = pages / code / f"{TEMPLATE_DOC}.html"
        shown = page.exists() and needle in page.read_text(encoding="utf-8")
        if code == "fr" and not shown:
            report.anomalies.append("the edited French msgstr is not in the fr page")
        if code != "fr" and shown:
            report.anomalies.append(f"the edited French msgstr shows in the {code} page")

    md = root / "docs" / f"{TEMPLATE_DOC}.md"
    old = edit_source(md, "benchmarking")
    run = ours(tools, root, "html")
    ratio_row(report, f"source: one word edited ({old} -> benchmarking), html", run,
              clean_html, "clean html", None)
    _rebuilt_row(report, "  languages rebuilt after the source edit", run, list(CODES))
    en_page = pages / "en" / f"{TEMPLATE_DOC}.html"
    if not (en_page.exists() and "benchmarking" in en_page.read_text(encoding="utf-8")):
        report.anomalies.append("the edited source word is not in the en page")


def _rebuilt_row(report: Report, label: str, run: Run, expected: list[str]) -> None:
    got = rebuilt(run.output, "html")
    shown = "?" if got is None else (" ".join(got) or "none")
    ok = got == expected
    report.add(Row(label, shown, f"expected {' '.join(expected)}", "", "exactly those",
                   "PASS" if ok else "MISS"))
    if not ok:
        report.anomalies.append(f"{label.strip()}: {shown} (expected {' '.join(expected)})")
    if not run.ok:
        report.failed_builds.append(f"{label.strip()}: build failed:\n{_tail(run.output)}")


def scaling(report: Report, tools: Tools, tmp: Path, sizes: Sequence[int],
            deadline: float, plain_at: int = LANGUAGES_AT) -> None:
    """Section 3: generated collections of N agendas, until the time budget runs out."""
    report.section("3. scaling: N generated agendas, clean html of the six languages (ours)")
    print("3. scaling", flush=True)
    runs: dict[int, Run] = {}
    for n in sizes:
        left = deadline - time.monotonic()
        if left < 20:
            report.scaling.append([str(n), "not run: time budget spent", "", "", "", "", "", ""])
            continue
        root = tmp / f"generated-{n}"
        names = generate(root, n)
        left = deadline - time.monotonic()
        run = ours(tools, root, "html", timeout=max(left, 1.0), sample=True)
        runs[n] = run
        print(f"   N={n}: {run.seconds:.1f} s (exit {run.returncode}), peak RSS "
              f"{run.peak_rss / MiB:.0f} MiB", flush=True)
        per_doc = f"{run.seconds / (n * len(CODES)) * 1000:.0f} ms"
        if run.timed_out:
            # Killed: the workers' CPU time is lost with them, the memory is a lower bound.
            report.scaling.append([
                str(n), f"> {seconds(run.seconds)} (stopped: budget)", f"> {per_doc}", "—",
                f"≥ {run.peak_rss / MiB:.0f} MiB", f"≥ {run.peak_pss / MiB:.0f} MiB",
                f"≥ {run.largest / MiB:.0f} MiB", str(run.processes),
            ])
        else:
            report.scaling.append([
                str(n), seconds(run.seconds) + ("" if run.ok else " (failed)"), per_doc,
                f"{run.cpu:.0f} s", f"{run.peak_rss / MiB:.0f} MiB",
                f"{run.peak_pss / MiB:.0f} MiB", f"{run.largest / MiB:.0f} MiB",
                str(run.processes),
            ])
        if n == plain_at and run.ok and deadline - time.monotonic() > 20:
            print(f"   N={n}: the plain sphinx-build loop", flush=True)
            plain = plain_html(tools, root)
            ratio_row(report, f"html at N={n}: meetingdocs vs sphinx-build loop", run, plain,
                      "plain", TARGET_CLEAN_HTML_AT_N)
        if run.ok:
            sample = names[:3] + names[-2:] if len(names) > 5 else names
            report.anomalies.extend(f"N={n}: {p}" for p in
                                    check_languages(root, root / "_build" / "html", sample))
        elif not run.timed_out:
            report.failed_builds.append(f"N={n}: build failed:\n{_tail(run.output)}")
        shutil.rmtree(root, ignore_errors=True)
    done = {n: run for n, run in runs.items() if run.ok}
    if len(sizes) >= 2:
        small, big = sizes[-2], sizes[-1]
        limit = TARGET_SCALING_SLACK * big / small
        ratio = done[big].seconds / done[small].seconds if small in done and big in done else None
        report.add(Row(
            f"time(N={big}) / time(N={small}), html", _scaling_time(runs, big),
            f"N={small} {_scaling_time(runs, small)}",
            "not measured" if ratio is None else f"{ratio:.2f}", f"≤ {limit:.2f}",
            verdict(ratio, limit),
        ))
    big = sizes[-1]
    last = runs.get(big)
    peak = done[big].peak_rss if big in done else None
    if last is None or not (last.ok or last.timed_out):
        shown, pss = "not measured", ""
    elif last.timed_out:
        # A lower bound: the build was stopped before its end.
        shown = f"≥ {last.peak_rss / MiB:.0f} MiB (stopped)"
        pss = f"PSS ≥ {last.peak_pss / MiB:.0f} MiB"
    else:
        shown, pss = f"{last.peak_rss / MiB:.0f} MiB", f"PSS {last.peak_pss / MiB:.0f} MiB"
    report.add(Row(
        f"peak RSS at N={big} (whole process tree)", shown, pss, "",
        f"≤ {TARGET_PEAK_RSS / MiB:.0f} MiB", verdict(peak, TARGET_PEAK_RSS),
    ))


def each_language(report: Report, tools: Tools, tmp: Path, n: int, deadline: float) -> None:
    """Section 4: each language alone (our build, one worker) on N generated agendas."""
    report.section(f"4. each language alone, N={n} generated agendas, html, one worker (ours)")
    print("4. each language alone", flush=True)
    root = tmp / f"languages-{n}"
    generate(root, n)
    source = languages.SOURCE_LANGUAGE
    runs: dict[str, Run] = {}
    for code in (source, *TRANSLATED):
        left = deadline - time.monotonic()
        if left < 20:
            report.notes.append(f"each language alone: {code} and after not run (time budget)")
            break
        runs[code] = ours(tools, root, "html", codes=[code], jobs=1, timeout=left)
        print(f"   {code}: {runs[code].seconds:.1f} s", flush=True)
        if not runs[code].ok:
            report.failed_builds.append(f"{code} alone, N={n}:\n{_tail(runs[code].output)}")
    if source not in runs:
        return
    for code in TRANSLATED:
        if code in runs:
            ratio_row(report, f"{code} / {source}, html per document", runs[code], runs[source],
                      source, TARGET_TRANSLATED)
    shutil.rmtree(root, ignore_errors=True)


def pdf_scaling(report: Report, tools: Tools, tmp: Path, sizes: Sequence[int],
                deadline: float) -> None:
    """Section 5: the clean PDF of N generated agendas in six languages (after the HTML)."""
    report.section("5. PDF at scale: N generated agendas, clean pdf of the six languages (ours)")
    print("5. pdf scaling", flush=True)
    runs: dict[int, Run] = {}
    for n in sizes:
        root = tmp / f"pdf-{n}"
        generate(root, n)
        html_run = ours(tools, root, "html", timeout=max(deadline - time.monotonic(), 1.0))
        left = deadline - time.monotonic()
        if not html_run.ok or left < 20:
            report.notes.append(f"pdf at N={n}: not measured (html failed or time budget)")
            break
        run = ours(tools, root, "pdf", timeout=left)
        runs[n] = run
        print(f"   N={n}: {run.seconds:.1f} s (exit {run.returncode})", flush=True)
        report.add(Row(f"pdf, N={n}, six languages", _scaling_time(runs, n),
                       f"{run.cpu:.0f} s CPU", "", "", ""))
        if not run.ok and not run.timed_out:
            report.failed_builds.append(f"pdf N={n}: build failed:\n{_tail(run.output)}")
        shutil.rmtree(root, ignore_errors=True)
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        limit = TARGET_PDF_SCALING_SLACK * big / small
        done = {n: run for n, run in runs.items() if run.ok}
        ratio = done[big].seconds / done[small].seconds if small in done and big in done else None
        report.add(Row(f"pdf time(N={big}) / time(N={small})", _scaling_time(runs, big),
                       f"N={small} {_scaling_time(runs, small)}",
                       "not measured" if ratio is None else f"{ratio:.2f}", f"≤ {limit:.2f}",
                       verdict(ratio, limit)))


def arabic_pdf(report: Report, tools: Tools, tmp: Path) -> None:
    """Section 6: the Arabic PDF of the real document against the French one (clean)."""
    report.section("6. Arabic PDF against French, real document, clean (ours)")
    print("6. arabic pdf", flush=True)
    timed: dict[str, Run] = {}
    for code in ("fr", "ar"):
        root = tmp / f"pdf-{code}"
        copy_collection(REPO_ROOT, root)
        ours(tools, root, "html", codes=[code], jobs=1)
        timed[code] = ours(tools, root, "pdf", codes=[code], jobs=1)
        if not timed[code].ok:
            report.failed_builds.append(f"{code} pdf:\n{_tail(timed[code].output)}")
    ratio_row(report, "ar pdf / fr pdf", timed["ar"], timed["fr"], "fr", TARGET_ARABIC_PDF)


def sharded(report: Report, tools: Tools, tmp: Path) -> None:
    """Section 7: two shards, one worker each, one after the other, then assembled."""
    from sharded import measure_sharded

    report.section("7. sharded build: 2 shards (-j 1 each) and their assembly, html")
    print("7. sharded", flush=True)
    figures = measure_sharded(tmp / "sharded", shards=2, env=tools.env,
                              meetingdocs=tools.meetingdocs)
    for row in figures.rows():
        report.add(Row(*row))
    for step in figures.steps:
        if not step.ok:
            report.failed_builds.append(f"sharded, {step.label}:\n{_tail(step.output)}")
    report.notes.append("sharded: " + ", ".join(
        f"{step.label} {step.seconds:.1f} s wall {step.cpu:.1f} s CPU" for step in figures.steps))


def served(report: Report, tmp: Path, edits: int) -> None:
    """Section 8: ``meetingdocs serve``: save-to-page latency and memory over many edits."""
    from serve import TARGET_CATALOGUE, TARGET_RSS, TARGET_SOURCE, measure_served

    report.section(f"8. served (make serve): edit to updated page; memory over {edits} edits")
    print("8. served", flush=True)
    figures = measure_served(edits=edits, repeat=10, workdir=tmp)
    clean = f"clean html {seconds(figures['clean_html_s'])}"
    for label, value, ratio, target in (
            ("fr msgstr edited -> served fr page (median of 10)",
             seconds(figures["fr_edit_s"]), figures["fr_edit_ratio"], TARGET_CATALOGUE),
            ("source paragraph edited -> six served pages (median of 3)",
             seconds(figures["source_edit_s"]), figures["source_edit_ratio"], TARGET_SOURCE)):
        report.add(Row(label, value, clean, f"{ratio:.3f}", f"≤ {target:.2f}",
                       verdict(ratio, target)))
    report.add(Row(f"server RSS after {int(figures['edits'])} edits / after 1",
                   f"{figures['rss_after_n'] / MiB:.0f} MiB",
                   f"after 1: {figures['rss_after_1'] / MiB:.0f} MiB",
                   f"{figures['rss_ratio']:.3f}", f"≤ {TARGET_RSS:.2f}",
                   verdict(figures["rss_ratio"], TARGET_RSS)))


def _scaling_time(runs: dict[int, Run], n: int) -> str:
    run = runs.get(n)
    if run is None:
        return "not run"
    if run.timed_out:
        return f"> {seconds(run.seconds)}"
    return seconds(run.seconds) + ("" if run.ok else " (failed)")


def _median(runs: Sequence[Run]) -> Run:
    ordered = sorted(runs, key=lambda r: (not r.ok, r.seconds))
    good = [r for r in ordered if r.ok]
    if not good:
        return ordered[0]
    middle = statistics.median_low([r.seconds for r in good])
    return next(r for r in good if r.seconds == middle)


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


WARM_UP_IMPORTS = (
    "import sphinx.application, sphinx.builders.html, sphinx.builders.latex, myst_parser, "
    "meetingdocs.sphinx_ext, meetingdocs.cli; print(meetingdocs.__file__)"
)


def warm_up(tools: Tools, tmp: Path) -> Path:
    """Load Python, Sphinx and the package once so the first timed build is not penalised;
    return the file the builds import the package from."""
    done = subprocess.run(
        [tools.python, "-c", WARM_UP_IMPORTS],
        cwd=tmp, env=tools.env, check=True, capture_output=True, text=True,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"one run each, HTML only, N={' and '.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help=f"scaling sizes (default {' '.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs of each clean HTML build and no-op (default 3; --quick 1)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF measurements")
    parser.add_argument("--pdf-sizes", type=int, nargs="+", default=list(DEFAULT_PDF_SIZES),
                        help="generated collection sizes for the PDF at scale (default "
                             f"{' '.join(map(str, DEFAULT_PDF_SIZES))})")
    parser.add_argument("--at", type=int, default=LANGUAGES_AT,
                        help="generated collection size for each language alone and for the "
                             f"plain loop at scale (default {LANGUAGES_AT})")
    parser.add_argument("--edits", type=int, default=200,
                        help="edits made to the served collection for its memory (default 200)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds for the whole run; scaling builds stop when it is spent "
                             "(default 2400; --quick 180)")
    parser.add_argument("--package", type=Path, default=REPO_ROOT / "meetingdocs",
                        help="the meetingdocs package to measure (default: this repository's); "
                             "e.g. a patched copy, to measure a candidate change")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 also on a missed target or an anomaly")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    repeat = args.repeat or (1 if args.quick else 3)
    pdf = not (args.quick or args.no_pdf)
    budget = args.budget or (180.0 if args.quick else 2400.0)
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    report = Report()
    tmp = Path(tempfile.mkdtemp(prefix="meetingdocs-bench-"))
    try:
        env, digest = snapshot_package(tmp, args.package)
        tools = Tools(_tool("meetingdocs"), _tool("sphinx-build"), sys.executable, env)
        imported = warm_up(tools, tmp)
        if not imported.is_relative_to(tmp):
            report.anomalies.append(f"the builds import meetingdocs from {imported}, not from "
                                    "the snapshot: edits made during the run may be measured")
        clean_root, clean_html, clean_pdf = clean_builds(report, tools, tmp, repeat, pdf)
        rebuilds(report, tools, clean_root, clean_html, clean_pdf, repeat)
        scaling(report, tools, tmp, sizes, started + budget, args.at)
        if not args.quick:
            each_language(report, tools, tmp, args.at, started + budget)
            if pdf:
                pdf_scaling(report, tools, tmp, tuple(args.pdf_sizes), started + budget)
                arabic_pdf(report, tools, tmp)
            sharded(report, tools, tmp)
            served(report, tmp, args.edits)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    total = time.monotonic() - started
    load_after = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    context = (f"{len(CODES)} languages ({' '.join(CODES)}), {cpus} CPUs, "
               f"package snapshot {digest}, {'quick, ' if args.quick else ''}"
               f"whole run {total:.0f} s, load average {load_before:.1f} before, "
               f"{load_after:.1f} after")
    if load_before > 0.5 * cpus:
        report.notes.append(
            f"the machine was busy before the run (load {load_before:.1f} on {cpus} CPUs): "
            "wall-clock times and ratios are less reliable; compare the CPU times")
    for failure in report.failed_builds:
        report.anomalies.append(failure)
    print_report(report, context)
    if report.failed_builds:
        return 1
    if args.strict and (report.missed or report.anomalies):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
