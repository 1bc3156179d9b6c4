"""Write a time of day and a meeting's hours in each language, from the pack's schema.

A pack's ``[times]`` table says how: a 12- or 24-hour ``clock``; the clock's form on the
hour and with minutes (one string, or one per CLDR plural category of the hour, so French
writes "1 heure" and "10 heures"); the ``periods`` of the day with the time each starts
("a.m." from 00:00, "p.m." from 12:00); ``named`` times written as words ("12 noon");
and the forms of a ``range``, with ``shared_period_range`` for ends in the same period
and neither named, where the repeated period is dropped ("3–6 p.m.", "下午 3 时至 6 时").
Sources are cited in each pack.
"""

from __future__ import annotations

from datetime import time
from functools import cache

from babel import Locale

from meetingdocs.languages.schema import PluralText, Times
from meetingdocs.un.writing import check_language, finish
from meetingdocs.un.writing import pack as _pack


@cache
def _plural_category(babel_locale: str, number: int) -> str:
    return Locale.parse(babel_locale).plural_form(number)


def _pick(form: PluralText, number: int, babel_locale: str) -> str:
    if isinstance(form, str):
        return form
    return form.get(_plural_category(babel_locale, number), form["other"])


def _clock(moment: time, times: Times, babel_locale: str) -> str:
    hour = moment.hour % 12 or 12 if times.clock == 12 else moment.hour
    form = times.on_the_hour if moment.minute == 0 else times.with_minutes
    return _pick(form, hour, babel_locale).format(
        h=hour, m=moment.minute, mm=f"{moment.minute:02d}"
    )


def _period(moment: time, times: Times) -> str:
    word = ""
    for period in times.periods:
        if f"{moment:%H:%M}" >= period.start:
            word = period.word
    return word


def _named(moment: time, times: Times) -> str | None:
    return times.named.get(f"{moment:%H:%M}")


def _time(moment: time, times: Times, babel_locale: str) -> str:
    named = _named(moment, times)
    if named is not None:
        return named
    return times.time.format(
        clock=_clock(moment, times, babel_locale), period=_period(moment, times)
    )


def _to_minute(moment: time) -> time:
    return time(moment.hour, moment.minute)


def format_time(moment: time, lang: str) -> str:
    """A time of day: en "10 a.m.", zh "上午 10 时", fr "10 heures", es "10.00 horas".

    ru "10 ч. 00 м.", ar "10:00". Seconds are ignored.
    """
    pack = _pack(check_language(lang))
    return finish(_time(_to_minute(moment), pack.times, pack.babel_locale), lang)


def format_time_range(start: time, end: time, lang: str) -> str:
    """A meeting's hours: en "10 a.m.–1 p.m.", "3–6 p.m."; zh "上午 10 时至下午 1 时"."""
    pack = _pack(check_language(lang))
    start, end = _to_minute(start), _to_minute(end)
    if end <= start:
        raise ValueError(f"the time range ends ({end:%H:%M}) before it starts ({start:%H:%M})")
    times, locale = pack.times, pack.babel_locale
    shared = (
        times.shared_period_range
        and _named(start, times) is None
        and _named(end, times) is None
        and _period(start, times) == _period(end, times)
    )
    form = times.shared_period_range if shared else times.range
    written = form.format(
        start=_time(start, times, locale),
        end=_time(end, times, locale),
        start_clock=_clock(start, times, locale),
        end_clock=_clock(end, times, locale),
        start_period=_period(start, times),
        end_period=_period(end, times),
    )
    return finish(written, lang)
