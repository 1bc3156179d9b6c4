"""Run GNU gettext's ``msgfmt -c`` over a catalogue and turn its diagnostics into findings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdocs.i18n.findings import CODES, Finding

if TYPE_CHECKING:
    from meetingdocs.i18n.po import Entry

_MSGFMT_TIMEOUT = 60


def _file_finding(path: Path, line: int, code: str, message: str) -> Finding:
    return Finding(path, line, "", code, message, CODES[code])


def run_msgfmt(path: Path, entries: Sequence[Entry]) -> list[Finding]:
    """Run ``msgfmt -c --check-format`` and map its diagnostics to findings."""
    return MsgfmtCheck(path).findings(entries)


class MsgfmtCheck:
    """``msgfmt -c --check-format`` over one catalogue, started at once and read when
    its findings are asked for: the checks written in Python run meanwhile, and a build
    of fifty catalogues does not wait for fifty programs one after the other."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.failure: Finding | None = None
        self.process: subprocess.Popen[str] | None = None
        executable = shutil.which("msgfmt")
        if executable is None:
            message = "msgfmt (GNU gettext) is not installed: its checks were skipped"
            self.failure = _file_finding(path, 1, "msgfmt-unavailable", message)
            return
        command = [executable, "-c", "--check-format", "-o", os.devnull, str(path)]
        environment = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, text=True, env=environment)
        except OSError as err:
            self.failure = self._not_run(err)

    def _not_run(self, err: Exception) -> Finding:
        return _file_finding(self.path, 1, "msgfmt-unavailable", f"msgfmt could not run: {err}")

    def findings(self, entries: Sequence[Entry]) -> list[Finding]:
        """Wait for msgfmt and map its diagnostics to findings."""
        if self.process is None:
            return [self.failure] if self.failure is not None else []
        try:
            _, stderr = self.process.communicate(timeout=_MSGFMT_TIMEOUT)
        except subprocess.TimeoutExpired as err:
            self.process.kill()
            self.process.communicate()
            return [self._not_run(err)]
        return _msgfmt_findings(self.path, entries, stderr)


_MSGFMT_NOISE_RE = re.compile(
    r"warning: header field '[^']*' (?:missing in header|still has the initial default value)"
)


def _msgfmt_findings(path: Path, entries: Sequence[Entry], stderr: str) -> list[Finding]:
    """Map msgfmt's diagnostics to findings, leaving out bookkeeping header fields.

    Language and Plural-Forms are checked by this module; msgfmt's complaints about
    Project-Id-Version, PO-Revision-Date and the like say nothing about publication.
    """
    diagnostics: list[tuple[int, str]] = []
    prefix = f"{path}:"
    for raw in stderr.splitlines():
        line, message = _msgfmt_line(raw, prefix)
        if message is None or _MSGFMT_NOISE_RE.search(message):
            continue
        if (message.startswith("...") or raw[:1].isspace()) and diagnostics:
            first_line, first = diagnostics[-1]
            where = f" (line {line})" if line and line != first_line else ""
            diagnostics[-1] = (first_line, f"{first} {message.strip()}{where}")
        else:
            diagnostics.append((line or 1, message))
    return [_msgfmt_finding(path, entries, line, message) for line, message in diagnostics]


def _msgfmt_line(raw: str, prefix: str) -> tuple[int, str | None]:
    if raw.startswith(prefix):
        match = re.match(r"(\d+):(?:\d+:)?\s*(.*)", raw[len(prefix) :])
        if match:
            return int(match.group(1)), match.group(2)
        return 0, raw[len(prefix) :].strip()
    text = re.sub(r"^\S*msgfmt: ", "", raw.strip())
    if not text or re.fullmatch(r"found \d+ fatal errors?", text):
        return 0, None
    return 0, text.removeprefix(prefix).strip()


def _msgfmt_finding(path: Path, entries: Sequence[Entry], line: int, message: str) -> Finding:
    code = "msgfmt-warning" if "warning:" in message else "msgfmt"
    entry = max((e for e in entries if e.line <= line), key=lambda e: e.line, default=None)
    if entry is not None and line - entry.line < _entry_span(entry):
        line, msgid = entry.line, entry.msgid
    else:
        msgid = ""
    return Finding(path, line, msgid, code, f"msgfmt: {message}", CODES[code])


def _entry_span(entry: Entry) -> int:
    texts = [entry.msgid, entry.msgid_plural or "", *entry.msgstrs]
    return sum(text.count("\n") + 2 for text in texts) + 2
