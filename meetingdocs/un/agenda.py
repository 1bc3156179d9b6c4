"""Agenda item keys and meeting sessions as authors write them: ``1``, ``1b``, a schedule line.

Pure functions, no Sphinx. ``parse_key("1b")`` is ``(1, 1)``: item 1, its second sub-item;
``parse_session("2020-09-08 10:00-13:00 1a 1b 2")`` is one meeting of the annex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from meetingdocs.un import isodata

KEY_RE = re.compile(r"^(?P<number>[1-9]\d*)(?P<sub>[a-z]?)$")


def parse_key(key: str) -> tuple[int, int | None]:
    """``"1b"`` -> ``(1, 1)``; ``"2"`` -> ``(2, None)``."""
    match = KEY_RE.match(key.strip().replace("(", "").replace(")", "").replace(" ", ""))
    if not match:
        raise ValueError(f"{key!r} is not an agenda item key such as 2 or 1b")
    sub = match["sub"]
    return int(match["number"]), (ord(sub) - ord("a") if sub else None)


def make_key(number: int, sub: int | None) -> str:
    return f"{number}{chr(ord('a') + sub) if sub is not None else ''}"



@dataclass(frozen=True)
class Session:
    day: date
    start: time
    end: time
    items: tuple[str, ...]



def parse_session(line: str) -> Session:
    parts = line.split()
    if len(parts) < 3:
        raise ValueError(f"{line!r}: expected 'YYYY-MM-DD HH:MM-HH:MM item item ...'")
    (day,) = isodata.parse_iso_dates(parts[0])
    start, end = isodata.parse_iso_time_range(parts[1])
    for key in parts[2:]:
        parse_key(key)
    return Session(day, start, end, tuple(parts[2:]))
