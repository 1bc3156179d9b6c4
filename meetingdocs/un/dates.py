"""Write the dates of a UN agenda in each language, from ISO data.

Pure functions, no Sphinx: the roles and directives call them with an ISO date and a
language code and print what they return. Babel (CLDR) gives the month and weekday names;
the forms CLDR does not know (United Nations editorial practice: Arabic two-part months,
French ``1er``, Chinese spaces around digits, the joiners of lists and ranges) are read
from the language's pack (``meetingdocs/languages/<code>.toml``), where each one is
written next to the document it was read from. Times are in :mod:`meetingdocs.un.times`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

from babel.dates import get_day_names, get_month_names

from meetingdocs.languages.schema import Lists
from meetingdocs.un.times import format_time, format_time_range
from meetingdocs.un.writing import check_language, finish, space_digits
from meetingdocs.un.writing import pack as _pack


@cache
def _names(babel_locale: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CLDR's wide format weekday names (Monday first) and month names (January first)."""
    days = get_day_names("wide", "format", babel_locale)
    months = get_month_names("wide", "format", babel_locale)
    return tuple(days[i] for i in range(7)), tuple(months[i] for i in range(1, 13))


def weekday_name(day: date, lang: str) -> str:
    """The weekday's name, as used inside a sentence (lower case in fr, es, ru)."""
    return _names(_pack(lang).babel_locale)[0][day.weekday()]


def month_name(day: date, lang: str) -> str:
    """The month's name as written after a day: genitive in Russian, two-part in Arabic."""
    pack = _pack(lang)
    return (pack.dates.months or _names(pack.babel_locale)[1])[day.month - 1]


def day_number(day: date, lang: str) -> str:
    """The day of the month: French UN style writes the first of a month ``1er``."""
    first = _pack(lang).dates.first_day
    return first if first and day.day == 1 else str(day.day)


def _write_day(day: date, lang: str, shown: int) -> str:
    """The day with ``shown`` (0, 1 or 2) of its month and year, before space_digits."""
    return _pack(lang).dates.day_forms[shown].format(
        d=day_number(day, lang), m=month_name(day, lang), n=day.month, y=day.year
    )


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def format_date(day: date, lang: str, *, weekday: bool = False, form: str = "") -> str:
    """One full date, optionally with its weekday: "Tuesday, 8 September 2020".

    fr "mardi 8 septembre 2020", es "martes 8 de septiembre de 2020", ru "вторник,
    8 сентября 2020 года", zh "2020 年 9 月 8 日星期二", ar "الثلاثاء، 8 أيلول/سبتمبر 2020".
    The form ``on`` (with the weekday) is the phrase of a sentence: "on Tuesday, 8 September
    2020", "le mardi 8 septembre 2020", ru "во вторник, 8 сентября 2020 года".
    """
    check_language(lang)
    written = _write_day(day, lang, 2)
    style = _pack(lang).dates
    if form:
        _check_form(form, "on" if weekday and style.weekdays_on else "", lang)
        written = style.on_form.format(on=style.weekdays_on[day.weekday()], s=written)
    elif weekday:
        written = style.weekday_form.format(w=weekday_name(day, lang), s=written)
    return finish(written, lang)


def _check_form(form: str, known: str, lang: str) -> None:
    if form != known:
        offered = f"its form is {known!r}" if known else "it has no other form"
        raise ValueError(f"{lang} has no form {form!r} here ({offered})")


def format_day_heading(day: date, lang: str) -> str:
    """The day row of the annex table: "Tuesday, 8 September", "9 月 8 日，星期二".

    A heading starts with a capital in French, Spanish and Russian as in English.
    """
    check_language(lang)
    written = _pack(lang).dates.heading_form.format(
        w=weekday_name(day, lang), s=_write_day(day, lang, 1)
    )
    return finish(_capitalise(written), lang)


def consecutive_runs(days: Sequence[date]) -> list[list[date]]:
    """Split sorted, distinct days into runs of consecutive days."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _spans(days: Sequence[date]) -> list[tuple[date, date]]:
    """Runs of three days or more become (first, last); shorter runs stay single days."""
    spans: list[tuple[date, date]] = []
    for run in consecutive_runs(days):
        if len(run) >= 3:
            spans.append((run[0], run[-1]))
        else:
            spans.extend((day, day) for day in run)
    return spans


def _shown_before(day: date, following: date | None) -> int:
    """Parts a day needs when the next date written carries the shared month and year."""
    if following is None or following.year != day.year:
        return 2
    return 1 if following.month != day.month else 0


def _shown_after(day: date, previous: date | None) -> int:
    """Parts a day needs when the previous date written carries the shared year, month."""
    if previous is None or previous.year != day.year:
        return 2
    return 1 if previous.month != day.month else 0


def _write_span(first: date, last: date, lang: str, shown: tuple[int, int]) -> str:
    if first == last:
        return _write_day(last, lang, shown[1])
    style = _pack(lang).lists
    joiner = style.range_days if shown[0] == 0 else style.range_dates
    return _write_day(first, lang, shown[0]) + joiner + _write_day(last, lang, shown[1])


def _span_parts(spans: list[tuple[date, date]], year_first: bool) -> list[tuple[int, int]]:
    """For each span, the parts its first and last date show."""
    parts: list[tuple[int, int]] = []
    for index, (first, last) in enumerate(spans):
        if year_first:
            previous = spans[index - 1][1] if index else None
            shown = _shown_after(first, previous)
            parts.append((shown, _shown_after(last, first) if last != first else shown))
        else:
            following = spans[index + 1][0] if index + 1 < len(spans) else None
            shown = _shown_before(last, following)
            # A range across months keeps its end's month: "28 June–2 July and 7 July".
            start = _shown_before(first, last) if last != first else shown
            parts.append((start, max(start, shown)))
    return parts


def _join_list(elements: list[str], style: Lists) -> str:
    if len(elements) == 1:
        return elements[0]
    return style.comma.join(elements[:-1]) + style.last + elements[-1]


def format_dates(days: Sequence[date], lang: str, *, form: str = "") -> str:
    """Meeting dates: "8 and 9 September 2020", "15–19 October 2018", "8, 9 and 11 ...".

    Input is sorted and deduplicated. Three or more consecutive days are a range; month
    and year shared with the next date (the previous one in Chinese) are written once.
    The form ``from-to`` writes consecutive days as a range in running text: "from 10 to
    12 May 2021", "du 10 au 12 mai 2021", "с 10 по 12 мая 2021 года", "2021年5月10日至12日".
    """
    check_language(lang)
    distinct = sorted(set(days))
    if not distinct:
        raise ValueError("format_dates needs at least one date")
    if form:
        return _from_to(distinct, lang, form)
    spans = _spans(distinct)
    style = _pack(lang).lists
    parts = _span_parts(spans, style.year_first)
    elements = [_write_span(a, b, lang, shown) for (a, b), shown in zip(spans, parts)]
    return finish(_join_list(elements, style), lang)

def _from_to(days: list[date], lang: str, form: str) -> str:
    style = _pack(lang).lists
    _check_form(form, "from-to" if style.from_to else "", lang)
    if len(days) < 2 or len(consecutive_runs(days)) != 1:
        raise ValueError("the form 'from-to' needs consecutive days, first and last apart")
    first, last = days[0], days[-1]
    (start, end), = _span_parts([(first, last)], style.year_first)
    written = style.from_to.format(start=_write_day(first, lang, start),
                                   end=_write_day(last, lang, end))
    return finish(written, lang)


__all__ = [
    "check_language", "consecutive_runs", "day_number", "finish", "format_date",
    "format_dates", "format_day_heading", "format_time", "format_time_range", "month_name",
    "space_digits", "weekday_name",
]
