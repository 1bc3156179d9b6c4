"""Write the dates and times of a UN agenda in each official language, from ISO data.

Pure functions, no Sphinx: the roles and directives call them with an ISO date or time and
a language code (``ar zh_CN en fr ru es``) and print what they return. Babel (CLDR) gives
the month and weekday names; the rules CLDR does not know are United Nations editorial
practice, and each one is written below as a table with the document it was read from:

* Arabic months in two parts, Levantine/Gregorian (أيلول/سبتمبر), UN spelling يونيه and
  يوليه, Western digits 0-9 (project field notes, "United Nations document conventions").
* French ``1er`` for the first of a month ("du 1er au 3 juin", press release PI/1883, F).
* Chinese spaces around Latin digits, as in the Chinese version of the project's reference
  document ("2020 年 9 月 8 日和 9 日", "上午 10 时至下午 1 时").
* Ranges: en "6–16 April 2021" (CMW/C/32/1); fr "Vienne, 8-17 octobre 2008"
  (CTOC/COP/2006/7/Rev.1, F) and "Vienne, 12-15 juillet 2021" (IDB.49/1/Add.1, F); es
  "Viena, 15 a 19 de octubre de 2012" (CTOC/COP/2012/14, S) and "Viena, 28 de junio a
  8 de julio de 2004" (CTOC/COP/2004/6, S); ru "в Вене 30 мая – 1 июня 2012 года"
  (Russian report of the 2012 meeting of the Working Group on the Smuggling of Migrants);
  zh "2000年9月6日至8日" (Chinese information note on the Millennium Summit); ar
  "نيويورك، 19-23 آب/أغسطس 2013" (E/CONF.103/2, A).
* Times: en "10 a.m. to 1 p.m.", "3 to 6 p.m.", "12 noon", "12.30 p.m." and zh
  "上午10时至下午1时", "下午3时至6时", "中午12:30" (Journal of the United Nations, English and
  Chinese, November 2007); fr "à 15 heures", "à 15 h 10" (A/66/PV.82, F); es
  "a las 10.00 horas" (HSP/GC/19/1/Add.1, S).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

from babel.dates import get_day_names, get_month_names

from meetingdocs import languages

ARABIC_MONTHS: tuple[str, ...] = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)
"""UN Arabic month names, January first: Levantine name/Gregorian name (field notes)."""

# How a day is written with 0, 1 or 2 of its larger parts (month, then year) shown.
# ``d`` day, ``m`` month name, ``n`` month number, ``y`` year.
_DAY_FORMS: dict[str, tuple[str, str, str]] = {
    "ar": ("{d}", "{d} {m}", "{d} {m} {y}"),
    "zh_CN": ("{d}日", "{n}月{d}日", "{y}年{n}月{d}日"),
    "en": ("{d}", "{d} {m}", "{d} {m} {y}"),
    "fr": ("{d}", "{d} {m}", "{d} {m} {y}"),
    "ru": ("{d}", "{d} {m}", "{d} {m} {y} года"),
    "es": ("{d}", "{d} de {m}", "{d} de {m} de {y}"),
}

# A date with its weekday inside a sentence: ``w`` weekday, ``s`` the date.
_WEEKDAY_FORMS: dict[str, str] = {
    "ar": "{w}، {s}",
    "zh_CN": "{s}{w}",
    "en": "{w}, {s}",
    "fr": "{w} {s}",
    "ru": "{w}, {s}",
    "es": "{w} {s}",
}

# The day row of the annex "Proposed organization of work" (no year; capitalised after).
_HEADING_FORMS: dict[str, str] = {
    "ar": "{w}، {s}",
    "zh_CN": "{s}，{w}",
    "en": "{w}, {s}",
    "fr": "{w} {s}",
    "ru": "{w}, {s}",
    "es": "{w} {s}",
}


@dataclass(frozen=True)
class _ListStyle:
    """How several meeting days are joined in one language."""

    year_first: bool
    """The year leads (Chinese): shared parts are written once, on the first date."""
    comma: str
    last: str
    """Joins the last two elements of a list."""
    range_days: str
    """Joins a range whose first date is a bare day (15–19 October)."""
    range_dates: str
    """Joins a range whose first date has its month (28 June–8 July)."""


_LIST_STYLES: dict[str, _ListStyle] = {
    "ar": _ListStyle(False, " و ", " و ", "-", " - "),
    "zh_CN": _ListStyle(True, "、", "和", "至", "至"),
    "en": _ListStyle(False, ", ", " and ", "–", "–"),
    "fr": _ListStyle(False, ", ", " et ", "-", "-"),
    "ru": _ListStyle(False, ", ", " и ", "–", " – "),
    "es": _ListStyle(False, ", ", " y ", " a ", " a "),
}

_CJK_THEN_DIGIT = re.compile(r"([\u4e00-\u9fff])(\d)")
_DIGIT_THEN_CJK = re.compile(r"(\d)([\u4e00-\u9fff])")


def check_language(lang: str) -> str:
    """Return ``lang`` if it is one of the six codes, else raise ValueError naming them."""
    if lang not in languages.CODES:
        raise languages.UnknownLanguageError(lang)
    return lang


@cache
def _babel_locale(lang: str) -> str:
    return languages.get(check_language(lang)).babel_locale


def space_digits(text: str) -> str:
    """Put a space between Chinese characters and Latin digits, as UN Chinese text has.

    "2020年9月8日和9日" -> "2020 年 9 月 8 日和 9 日"; full-width punctuation is left alone.
    """
    return _DIGIT_THEN_CJK.sub(r"\1 \2", _CJK_THEN_DIGIT.sub(r"\1 \2", text))


def _finish(text: str, lang: str) -> str:
    return space_digits(text) if lang == "zh_CN" else text


def weekday_name(day: date, lang: str) -> str:
    """The weekday's name, as used inside a sentence (lower case in fr, es, ru)."""
    return get_day_names("wide", "format", _babel_locale(lang))[day.weekday()]


def month_name(day: date, lang: str) -> str:
    """The month's name as written after a day: genitive in Russian, two-part in Arabic."""
    if lang == "ar":
        return ARABIC_MONTHS[day.month - 1]
    return get_month_names("wide", "format", _babel_locale(lang))[day.month]


def day_number(day: date, lang: str) -> str:
    """The day of the month: French UN style writes the first of a month ``1er``."""
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def _write_day(day: date, lang: str, shown: int) -> str:
    """The day with ``shown`` (0, 1 or 2) of its month and year, before space_digits."""
    return _DAY_FORMS[lang][shown].format(
        d=day_number(day, lang), m=month_name(day, lang), n=day.month, y=day.year
    )


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def format_date(day: date, lang: str, *, weekday: bool = False) -> str:
    """One full date, optionally with its weekday: "Tuesday, 8 September 2020".

    fr "mardi 8 septembre 2020", es "martes 8 de septiembre de 2020", ru "вторник,
    8 сентября 2020 года", zh "2020 年 9 月 8 日星期二", ar "الثلاثاء، 8 أيلول/سبتمبر 2020".
    """
    check_language(lang)
    written = _write_day(day, lang, 2)
    if weekday:
        written = _WEEKDAY_FORMS[lang].format(w=weekday_name(day, lang), s=written)
    return _finish(written, lang)


def format_day_heading(day: date, lang: str) -> str:
    """The day row of the annex table: "Tuesday, 8 September", "9 月 8 日，星期二".

    A heading starts with a capital in French, Spanish and Russian as in English: French
    verbatim records open "Vendredi 9 décembre 2011, à 15 heures" (A/66/PV.82, F).
    """
    check_language(lang)
    written = _HEADING_FORMS[lang].format(
        w=weekday_name(day, lang), s=_write_day(day, lang, 1)
    )
    return _finish(_capitalise(written), lang)


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
    style = _LIST_STYLES[lang]
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


def _join_list(elements: list[str], style: _ListStyle) -> str:
    if len(elements) == 1:
        return elements[0]
    return style.comma.join(elements[:-1]) + style.last + elements[-1]


def format_dates(days: Sequence[date], lang: str) -> str:
    """Meeting dates: "8 and 9 September 2020", "15–19 October 2018", "8, 9 and 11 ...".

    Input is sorted and deduplicated. Three or more consecutive days are a range; month
    and year shared with the next date (the previous one in Chinese) are written once.
    """
    check_language(lang)
    distinct = sorted(set(days))
    if not distinct:
        raise ValueError("format_dates needs at least one date")
    spans = _spans(distinct)
    style = _LIST_STYLES[lang]
    parts = _span_parts(spans, style.year_first)
    elements = [_write_span(a, b, lang, shown) for (a, b), shown in zip(spans, parts)]
    return _finish(_join_list(elements, style), lang)


# -- times ------------------------------------------------------------------------------

def _twelve_hour(moment: time) -> int:
    return moment.hour % 12 or 12


def _en_clock(moment: time) -> str:
    hour = _twelve_hour(moment)
    return str(hour) if moment.minute == 0 else f"{hour}.{moment.minute:02d}"


_EN_NAMED: dict[time, str] = {time(12): "12 noon", time(0): "12 midnight"}


def _en_suffix(moment: time) -> str:
    return "a.m." if moment.hour < 12 else "p.m."


def _en_time(moment: time) -> str:
    """UN English: "10 a.m.", "3.30 p.m.", "12 noon" (Journal of the United Nations)."""
    return _EN_NAMED.get(moment) or f"{_en_clock(moment)} {_en_suffix(moment)}"


def _en_range(start: time, end: time) -> str:
    """A range: "10 a.m.–1 p.m.", and "3–6 p.m." when both ends share a.m. or p.m."""
    plain = start not in _EN_NAMED and end not in _EN_NAMED
    if plain and _en_suffix(start) == _en_suffix(end):
        return f"{_en_clock(start)}–{_en_clock(end)} {_en_suffix(end)}"
    return f"{_en_time(start)}–{_en_time(end)}"


def _zh_period(moment: time) -> str:
    """上午 before noon, 中午 for 12.xx ("中午12:30", UN Journal, Chinese), 下午 after."""
    if moment.hour == 0:
        return "午夜"
    if moment.hour < 12:
        return "上午"
    return "中午" if moment.hour == 12 else "下午"


def _zh_clock(moment: time) -> str:
    minutes = f"{moment.minute}分" if moment.minute else ""
    return f"{_twelve_hour(moment)}时{minutes}"


def _zh_time(moment: time) -> str:
    return space_digits(_zh_period(moment) + _zh_clock(moment))


def _zh_range(start: time, end: time) -> str:
    """A range: "上午 10 时至下午 1 时"; a repeated 下午 is dropped: "下午 3 时至 6 时"."""
    second = "" if _zh_period(start) == _zh_period(end) else _zh_period(end)
    return space_digits(f"{_zh_period(start)}{_zh_clock(start)}至{second}{_zh_clock(end)}")


def _fr_time(moment: time) -> str:
    """UN French: "10 heures", "15 h 10" (A/66/PV.82, F)."""
    if moment.minute:
        return f"{moment.hour} h {moment.minute:02d}"
    return f"{moment.hour} heure" + ("s" if moment.hour > 1 else "")


def _fr_range(start: time, end: time) -> str:
    """A range, "10 heures-13 heures": the unspaced hyphen of French UN date ranges."""
    return f"{_fr_time(start)}-{_fr_time(end)}"


def _es_clock(moment: time) -> str:
    return f"{moment.hour}.{moment.minute:02d}"


def _es_time(moment: time) -> str:
    """UN Spanish: "10.00 horas" ("a las 10.00 horas", HSP/GC/19/1/Add.1, S)."""
    return f"{_es_clock(moment)} horas"


def _es_range(start: time, end: time) -> str:
    """A range, "10.00 a 13.00 horas", with "a" as in "15 a 19 de octubre"."""
    return f"{_es_clock(start)} a {_es_clock(end)} horas"


def _ru_time(moment: time) -> str:
    """UN Russian: "10 ч. 00 м." (hours and minutes always written)."""
    return f"{moment.hour} ч. {moment.minute:02d} м."


def _ru_range(start: time, end: time) -> str:
    """A range, "10 ч. 00 м. – 13 ч. 00 м.": spaced en dash between multi-word ends."""
    return f"{_ru_time(start)} – {_ru_time(end)}"


def _ar_time(moment: time) -> str:
    """UN Arabic: 24-hour clock in Western digits, "10:00"."""
    return f"{moment.hour}:{moment.minute:02d}"


def _ar_range(start: time, end: time) -> str:
    """A range, "10:00-13:00": the unspaced hyphen of Arabic UN date ranges."""
    return f"{_ar_time(start)}-{_ar_time(end)}"


_TIME_FORMATS: dict[str, Callable[[time], str]] = {
    "ar": _ar_time,
    "zh_CN": _zh_time,
    "en": _en_time,
    "fr": _fr_time,
    "ru": _ru_time,
    "es": _es_time,
}

_RANGE_FORMATS: dict[str, Callable[[time, time], str]] = {
    "ar": _ar_range,
    "zh_CN": _zh_range,
    "en": _en_range,
    "fr": _fr_range,
    "ru": _ru_range,
    "es": _es_range,
}


def _to_minute(moment: time) -> time:
    return time(moment.hour, moment.minute)


def format_time(moment: time, lang: str) -> str:
    """A time of day: en "10 a.m.", zh "上午 10 时", fr "10 heures", es "10.00 horas".

    ru "10 ч. 00 м.", ar "10:00". Seconds are ignored.
    """
    check_language(lang)
    return _TIME_FORMATS[lang](_to_minute(moment))


def format_time_range(start: time, end: time, lang: str) -> str:
    """A meeting's hours: en "10 a.m.–1 p.m.", "3–6 p.m."; zh "上午 10 时至下午 1 时"."""
    check_language(lang)
    start, end = _to_minute(start), _to_minute(end)
    if end <= start:
        raise ValueError(f"the time range ends ({end:%H:%M}) before it starts ({start:%H:%M})")
    return _RANGE_FORMATS[lang](start, end)
