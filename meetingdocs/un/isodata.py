"""Read the ISO dates, date ranges and times that authors write inside roles and directives.

Pure functions, no Sphinx: ``2020-09-08``, ``2020-09-08/09``, ``10:00``, ``10:00-13:00``.
Anything else raises ``ValueError`` with a sentence an author can act on.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

MAX_RANGE_DAYS = 366
"""Longest range ``parse_iso_dates`` expands; a longer one is surely a typing error."""

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SHORT_END = re.compile(r"(?:(\d{2})-)?(\d{2})")
_ISO_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_TIME_RANGE = re.compile(r"\s*([^\s/–-]+)\s*[-/–]\s*([^\s/–-]+)\s*")


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the calendar") from None


def parse_iso_date(text: str) -> date:
    """``"2020-09-08"`` -> ``date(2020, 9, 8)``; anything else raises ValueError."""
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text.strip()!r} is not an ISO date such as 2020-09-08")
    year, month, day = (int(part) for part in match.groups())
    return _make_date(year, month, day, text.strip())


def _parse_range_end(start: date, text: str) -> date:
    """The end of ``start/end``: a full date, ``MM-DD`` or ``DD`` in the start's month."""
    text = text.strip()
    short = _SHORT_END.fullmatch(text)
    if not short:
        return parse_iso_date(text)
    month = int(short[1]) if short[1] else start.month
    return _make_date(start.year, month, int(short[2]), text)


def _expand(start: date, end: date, text: str) -> list[date]:
    if end < start:
        raise ValueError(f"{text!r}: the range ends before it starts")
    length = (end - start).days + 1
    if length > MAX_RANGE_DAYS:
        raise ValueError(f"{text!r}: a range of {length} days is longer than a year")
    return [start + timedelta(days=offset) for offset in range(length)]


def _parse_date_part(part: str) -> list[date]:
    first, slash, rest = part.partition("/")
    start = parse_iso_date(first)
    if not slash:
        return [start]
    return _expand(start, _parse_range_end(start, rest), part.strip())


def parse_iso_dates(text: str) -> list[date]:
    """The dates of a role's text, sorted and without repeats.

    Accepts ``2020-09-08``, a range ``2020-09-08/2020-09-09`` (inclusive), a short range
    end ``2020-09-08/09`` or ``2020-09-28/10-02``, and comma-separated lists of these.
    """
    if not text.strip():
        raise ValueError("no date given: expected an ISO date such as 2020-09-08")
    days: set[date] = set()
    for part in text.split(","):
        if not part.strip():
            raise ValueError(f"{text.strip()!r}: empty item in the list of dates")
        days.update(_parse_date_part(part))
    return sorted(days)


def parse_iso_time(text: str) -> time:
    """``"10:00"`` -> ``time(10, 0)``; anything else raises ValueError."""
    match = _ISO_TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text.strip()!r} is not a time such as 10:00")
    try:
        return time(int(match[1]), int(match[2]))
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a time of day") from None


def parse_iso_time_range(text: str) -> tuple[time, time]:
    """``"10:00-13:00"`` or ``"10:00/13:00"`` -> ``(time(10), time(13))``."""
    match = _TIME_RANGE.fullmatch(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a time range such as 10:00-13:00")
    start, end = parse_iso_time(match[1]), parse_iso_time(match[2])
    if end <= start:
        raise ValueError(f"{text.strip()!r}: the range ends before it starts")
    return start, end
