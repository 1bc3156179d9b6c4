"""Benchmark a sharded build against the one-machine build: the CPU time each costs.

On fresh copies of the collection in a temporary folder: the one-machine build
(``meetingdocs build``), then the same build as N shards (``meetingdocs build --shard K/N
-j 1``, one after another) and their ``meetingdocs assemble`` into another copy. The
figure is the CPU time (user + system) of the shards and the assembly together against
that of the one-machine build: what sharding costs in work beyond splitting it, target
<= 1.15. The assembled site must also be the one-machine site, byte for byte.

A build's Sphinx runs are forked by a server process that outlives the command and is
never waited for by it, so its CPU time would not reach the caller's
``RUSAGE_CHILDREN``. Each command therefore runs under a small reaper that becomes the
sub-reaper of its descendants (``PR_SET_CHILD_SUBREAPER``) and waits for every one of
them, so that all their CPU time is counted.

Usage: ``python bench/sharded.py [--shards 2] [--pdf]``; from ``bench/run.py``:
``measure_sharded(tmp, env=...)``.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generate import REPO_ROOT, copy_collection

TARGET_SHARDED_CPU = 1.15
#: The date the PDFs carry, the same for every build so that their bytes compare.
SOURCE_DATE_EPOCH = "1600000000"

REAPER = textwrap.dedent("""
    import ctypes, os, subprocess, sys
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    status = subprocess.call(sys.argv[1:])
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    sys.exit(status)
""")


@dataclass
class Step:
    """One command: wall time, CPU time of its whole process tree, exit status."""

    label: str
    seconds: float
    cpu: float
    returncode: int | None
    output: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class ShardedFigures:
    """What :func:`measure_sharded` measured."""

    shards: int
    formats: tuple[str, ...]
    one_machine: Step
    shard_steps: list[Step] = field(default_factory=list)
    assemble: Step | None = None
    #: Files of the assembled site that are not those of the one-machine site.
    differing: list[str] = field(default_factory=list)

    @property
    def steps(self) -> list[Step]:
        return [self.one_machine, *self.shard_steps, *([self.assemble] if self.assemble else [])]

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps) and self.assemble is not None

    @property
    def sharded_cpu(self) -> float:
        return sum(step.cpu for step in self.shard_steps) + (self.assemble.cpu if self.assemble
                                                              else 0.0)

    @property
    def ratio(self) -> float | None:
        return self.sharded_cpu / self.one_machine.cpu if self.ok and self.one_machine.cpu else None

    @property
    def passed(self) -> bool:
        return self.ratio is not None and self.ratio <= TARGET_SHARDED_CPU and not self.differing

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """Table rows: measurement, ours, reference, ratio, target, result."""
        label = f"sharded {'+'.join(self.formats)}, {self.shards} shards -j 1, CPU"
        ratio = f"{self.ratio:.2f}" if self.ratio is not None else "-"
        result = "PASS" if self.passed else "MISS" if self.ok else "FAILED"
        rows = [(label, f"{self.sharded_cpu:.1f} s", f"{self.one_machine.cpu:.1f} s (one machine)",
                 ratio, f"<= {TARGET_SHARDED_CPU}", result)]
        same = "identical" if not self.differing else f"{len(self.differing)} file(s) differ"
        rows.append(("assembled site vs one-machine site", same, "", "", "identical",
                     "PASS" if self.ok and not self.differing else "MISS"))
        return rows


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_counted(label: str, cmd: Sequence[str], cwd: Path, env: dict[str, str],
                timeout: float | None = None) -> Step:
    """Run ``cmd`` under the reaper; its wall time and the CPU time of all its processes."""
    started, before = time.monotonic(), _children_cpu()
    try:
        done = subprocess.run([sys.executable, "-c", REAPER, *cmd], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)
        returncode: int | None = done.returncode
        output = done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:
        returncode, output = None, f"stopped after {timeout} s\n{exc.stdout or ''}"
    return Step(label, time.monotonic() - started, _children_cpu() - before, returncode,
                output if isinstance(output, str) else output.decode(errors="replace"))


def differing_files(ours: Path, theirs: Path) -> list[str]:
    """Files (relative names) present in only one tree, or with other bytes."""
    mine = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    other = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()}
    return sorted((mine ^ other) | {name for name in mine & other
                                   if not filecmp.cmp(ours / name, theirs / name, shallow=False)})


def measure_sharded(
    tmp: Path, *, shards: int = 2, formats: Sequence[str] = ("html",),
    env: dict[str, str] | None = None, meetingdocs: str | None = None,
    source: Path = REPO_ROOT, timeout: float | None = None,
) -> ShardedFigures:
    """Build the collection of ``source`` on one machine and as ``shards`` shards (``-j 1``
    each, one after another), assemble them; the CPU times and the bytes compared."""
    command = meetingdocs or str(Path(sys.executable).with_name("meetingdocs"))
    env = {**(env if env is not None else os.environ), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    build = [command, "build", "-f", *formats]
    roots = {name: tmp / name for name in ("one", *(f"shard{k}" for k in range(1, shards + 1)),
                                           "site")}
    for root in roots.values():
        copy_collection(source, root)
    figures = ShardedFigures(shards, tuple(formats), run_counted(
        "one machine", build, roots["one"], env, timeout))
    for k in range(1, shards + 1):
        step = run_counted(f"shard {k}/{shards}", [*build, "--shard", f"{k}/{shards}", "-j", "1"],
                           roots[f"shard{k}"], env, timeout)
        figures.shard_steps.append(step)
        if not step.ok:
            return figures
    figures.assemble = run_counted(
        "assemble", [command, "assemble", *(str(roots[f"shard{k}"]) for k in range(1, shards + 1))],
        roots["site"], env, timeout)
    if figures.ok:
        for part in ("html", *(["pdf"] if "pdf" in formats else [])):
            figures.differing += [f"{part}/{name}" for name in differing_files(
                roots["site"] / "_build" / part, roots["one"] / "_build" / part)]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--pdf", action="store_true", help="HTML and PDF (default: HTML)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="meetingdocs-sharded-"))
    try:
        figures = measure_sharded(tmp, shards=args.shards,
                                  formats=("html", "pdf") if args.pdf else ("html",))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    for step in figures.steps:
        state = "ok" if step.ok else f"FAILED ({step.returncode})"
        print(f"{step.label:<14} {step.seconds:6.1f} s wall {step.cpu:6.1f} s CPU  {state}")
        if not step.ok:
            print(textwrap.indent(step.output[-2000:], "    "))
    for row in figures.rows():
        print(" | ".join(row))
    for name in figures.differing[:20]:
        print(f"differs: {name}")
    return 0 if figures.passed else 1


if __name__ == "__main__":
    sys.exit(main())
