"""What a catalogue check reports: a finding with file, line, code and a plain message.

``CODES`` lists every finding code and whether it blocks publication; the checks
(:mod:`meetingdocs.i18n.checks`), the build's guard and the review tools share it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Every finding code, and whether findings of that code block publication.
CODES: dict[str, bool] = {
    "syntax": True,
    "unreadable": True,
    "msgfmt": True,
    "msgfmt-warning": False,
    "msgfmt-unavailable": False,
    "header": False,
    "fuzzy": False,
    "untranslated": False,
    "role-mismatch": True,
    "new-role": True,
    "symbol-changed": True,
    "lookalike": True,
    "link-target": True,
    "inline-code": True,
    "emphasis": True,
    "substitution": True,
    "number-missing": False,
    "digits": False,
    "raw-html": True,
    "script-url": True,
    "new-directive": True,
    "block-structure": True,
    "markup": True,
    "bidi-control": True,
    "not-a-catalogue": True,
    "too-large": True,
    "empty": False,
    "raw-latex": True,
    "glossary": False,
    "unknown-form": False,
    "inconsistent": False,
}

_EXCERPT = 60

#: A problem of one entry: its finding code and message.
Problem = tuple[str, str]


@dataclass(frozen=True)
class Finding:
    """One problem found in a catalogue, located at the line of the entry's msgid."""

    path: Path
    line: int
    msgid: str
    code: str
    message: str
    blocking: bool

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: [{self.code}] {self.message}"
        if not self.msgid:
            return text
        excerpt = " ".join(self.msgid.split())
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[:_EXCERPT] + "…"
        return f"{text} (msgid: {excerpt})"


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings that must stop publication."""
    return [finding for finding in findings if finding.blocking]
