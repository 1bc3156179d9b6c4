"""Tests of meetingdocs.dates: every date and time of a UN agenda in the six languages."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdocs.un import dates, isodata

LANGS = ("ar", "zh_CN", "en", "fr", "ru", "es")

TUESDAY = date(2020, 9, 8)

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _words_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the words; where the no-break spaces go is tested by
    ``test_no_break_spaces_keep_*`` below, on the functions as they are."""
    if "no_break" in request.node.name:
        return
    for name in [n for n in vars(dates) if n.startswith("format_")]:
        real = getattr(dates, name)

        def words_of(*args: object, _real: object = real, **kwargs: object) -> object:
            written = _real(*args, **kwargs)  # type: ignore[operator]
            return written.replace(NBSP, " ") if isinstance(written, str) else written

        monkeypatch.setattr(dates, name, words_of)


def days_from(first: date, count: int) -> list[date]:
    return [first + timedelta(days=offset) for offset in range(count)]


# -- single dates -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "8 أيلول/سبتمبر 2020"),
        ("zh_CN", "2020 年 9 月 8 日"),
        ("en", "8 September 2020"),
        ("fr", "8 septembre 2020"),
        ("ru", "8 сентября 2020 года"),
        ("es", "8 de septiembre de 2020"),
    ],
)
def test_format_date(lang: str, expected: str) -> None:
    assert dates.format_date(TUESDAY, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "الثلاثاء، 8 أيلول/سبتمبر 2020"),
        ("zh_CN", "2020 年 9 月 8 日星期二"),
        ("en", "Tuesday, 8 September 2020"),
        ("fr", "mardi 8 septembre 2020"),
        ("ru", "вторник, 8 сентября 2020 года"),
        ("es", "martes 8 de septiembre de 2020"),
    ],
)
def test_format_date_with_weekday(lang: str, expected: str) -> None:
    assert dates.format_date(TUESDAY, lang, weekday=True) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "1 أيار/مايو 2020"),
        ("zh_CN", "2020 年 5 月 1 日"),
        ("en", "1 May 2020"),
        ("fr", "1er mai 2020"),
        ("ru", "1 мая 2020 года"),
        ("es", "1 de mayo de 2020"),
    ],
)
def test_first_of_month(lang: str, expected: str) -> None:
    assert dates.format_date(date(2020, 5, 1), lang) == expected


def test_french_first_of_month_with_weekday() -> None:
    assert dates.format_date(date(2020, 5, 1), "fr", weekday=True) == "vendredi 1er mai 2020"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "الثلاثاء، 8 أيلول/سبتمبر"),
        ("zh_CN", "9 月 8 日，星期二"),
        ("en", "Tuesday, 8 September"),
        ("fr", "Mardi 8 septembre"),
        ("ru", "Вторник, 8 сентября"),
        ("es", "Martes 8 de septiembre"),
    ],
)
def test_format_day_heading(lang: str, expected: str) -> None:
    assert dates.format_day_heading(TUESDAY, lang) == expected


# -- meeting dates ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "8 و 9 أيلول/سبتمبر 2020"),
        ("zh_CN", "2020 年 9 月 8 日和 9 日"),
        ("en", "8 and 9 September 2020"),
        ("fr", "8 et 9 septembre 2020"),
        ("ru", "8 и 9 сентября 2020 года"),
        ("es", "8 y 9 de septiembre de 2020"),
    ],
)
def test_two_days(lang: str, expected: str) -> None:
    assert dates.format_dates([TUESDAY, date(2020, 9, 9)], lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_one_day_is_format_date(lang: str) -> None:
    assert dates.format_dates([TUESDAY], lang) == dates.format_date(TUESDAY, lang)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "15-19 تشرين الأول/أكتوبر 2018"),
        ("zh_CN", "2018 年 10 月 15 日至 19 日"),
        ("en", "15–19 October 2018"),
        ("fr", "15-19 octobre 2018"),
        ("ru", "15–19 октября 2018 года"),
        ("es", "15 a 19 de octubre de 2018"),
    ],
)
def test_range_in_one_month(lang: str, expected: str) -> None:
    assert dates.format_dates(days_from(date(2018, 10, 15), 5), lang) == expected


def test_spanish_range_of_the_field_notes() -> None:
    assert dates.format_dates(days_from(date(2012, 10, 15), 5), "es") == (
        "15 a 19 de octubre de 2012"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "28 حزيران/يونيه - 8 تموز/يوليه 2004"),
        ("zh_CN", "2004 年 6 月 28 日至 7 月 8 日"),
        ("en", "28 June–8 July 2004"),
        ("fr", "28 juin-8 juillet 2004"),
        ("ru", "28 июня – 8 июля 2004 года"),
        ("es", "28 de junio a 8 de julio de 2004"),
    ],
)
def test_range_across_months(lang: str, expected: str) -> None:
    assert dates.format_dates(days_from(date(2004, 6, 28), 11), lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "28 كانون الأول/ديسمبر 2020 - 2 كانون الثاني/يناير 2021"),
        ("zh_CN", "2020 年 12 月 28 日至 2021 年 1 月 2 日"),
        ("en", "28 December 2020–2 January 2021"),
        ("fr", "28 décembre 2020-2 janvier 2021"),
        ("ru", "28 декабря 2020 года – 2 января 2021 года"),
        ("es", "28 de diciembre de 2020 a 2 de enero de 2021"),
    ],
)
def test_range_across_years(lang: str, expected: str) -> None:
    assert dates.format_dates(days_from(date(2020, 12, 28), 6), lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "8 و 9 و 11 أيلول/سبتمبر 2020"),
        ("zh_CN", "2020 年 9 月 8 日、9 日和 11 日"),
        ("en", "8, 9 and 11 September 2020"),
        ("fr", "8, 9 et 11 septembre 2020"),
        ("ru", "8, 9 и 11 сентября 2020 года"),
        ("es", "8, 9 y 11 de septiembre de 2020"),
    ],
)
def test_days_not_consecutive(lang: str, expected: str) -> None:
    days = [TUESDAY, date(2020, 9, 9), date(2020, 9, 11)]
    assert dates.format_dates(days, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "30 أيلول/سبتمبر و 1 تشرين الأول/أكتوبر 2020"),
        ("zh_CN", "2020 年 9 月 30 日和 10 月 1 日"),
        ("en", "30 September and 1 October 2020"),
        ("fr", "30 septembre et 1er octobre 2020"),
        ("ru", "30 сентября и 1 октября 2020 года"),
        ("es", "30 de septiembre y 1 de octubre de 2020"),
    ],
)
def test_two_days_across_months(lang: str, expected: str) -> None:
    assert dates.format_dates([date(2020, 9, 30), date(2020, 10, 1)], lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "1-3 و 7 أيلول/سبتمبر 2020"),
        ("zh_CN", "2020 年 9 月 1 日至 3 日和 7 日"),
        ("en", "1–3 and 7 September 2020"),
        ("fr", "1er-3 et 7 septembre 2020"),
        ("ru", "1–3 и 7 сентября 2020 года"),
        ("es", "1 a 3 y 7 de septiembre de 2020"),
    ],
)
def test_range_and_single_day(lang: str, expected: str) -> None:
    days = [*days_from(date(2020, 9, 1), 3), date(2020, 9, 7)]
    assert dates.format_dates(days, lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_unsorted_and_repeated_days(lang: str) -> None:
    messy = [date(2020, 9, 11), TUESDAY, date(2020, 9, 9), TUESDAY]
    clean = [TUESDAY, date(2020, 9, 9), date(2020, 9, 11)]
    assert dates.format_dates(messy, lang) == dates.format_dates(clean, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_no_dates(lang: str) -> None:
    with pytest.raises(ValueError):
        dates.format_dates([], lang)


@given(st.lists(st.dates(date(1945, 1, 1), date(2100, 12, 31)), min_size=1, max_size=5))
def test_format_dates_never_fails_and_keeps_the_years(days: list[date]) -> None:
    days.sort()
    for lang in LANGS:
        written = dates.format_dates(days, lang)
        for year in {day.year for day in days}:
            assert str(year) in written


# -- the Chinese reference document -----------------------------------------------------

@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (dates.format_dates([TUESDAY, date(2020, 9, 9)], "zh_CN"), "2020 年 9 月 8 日和 9 日"),
        (dates.format_day_heading(TUESDAY, "zh_CN"), "9 月 8 日，星期二"),
        (dates.format_date(TUESDAY, "zh_CN", weekday=True), "2020 年 9 月 8 日星期二"),
        (dates.format_time(time(10), "zh_CN"), "上午 10 时"),
        (dates.format_time_range(time(10), time(13), "zh_CN"), "上午 10 时至下午 1 时"),
        (dates.format_time_range(time(15), time(18), "zh_CN"), "下午 3 时至 6 时"),
        (dates.format_date(date(2019, 8, 30), "zh_CN"), "2019 年 8 月 30 日"),
    ],
)
def test_chinese_reference_text(written: str, expected: str) -> None:
    assert written == expected


# -- Arabic -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("month", "name"),
    list(enumerate(
        [
            "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل",
            "أيار/مايو", "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس",
            "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
        ],
        start=1,
    )),
)
def test_arabic_two_part_months(month: int, name: str) -> None:
    assert dates.format_date(date(2020, month, 18), "ar") == f"18 {name} 2020"


ARABIC_INDIC_DIGITS = set("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize(
    "written",
    [
        dates.format_date(date(2019, 8, 30), "ar"),
        dates.format_date(TUESDAY, "ar", weekday=True),
        dates.format_day_heading(TUESDAY, "ar"),
        dates.format_dates(days_from(date(2018, 10, 15), 5), "ar"),
        dates.format_time(time(10, 30), "ar"),
        dates.format_time_range(time(15), time(18), "ar"),
    ],
)
def test_arabic_uses_western_digits(written: str) -> None:
    assert not ARABIC_INDIC_DIGITS & set(written)
    assert any(char in "0123456789" for char in written)


# -- times ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lang", "morning", "afternoon", "with_minutes"),
    [
        ("ar", "00/10", "00/15", "30/10"),
        ("zh_CN", "上午 10 时", "下午 3 时", "上午 10 时 30 分"),
        ("en", "10 a.m.", "3 p.m.", "10.30 a.m."),
        ("fr", "10 heures", "15 heures", "10 h 30"),
        ("ru", "10 ч. 00 м.", "15 ч. 00 м.", "10 ч. 30 м."),
        ("es", "10.00 horas", "15.00 horas", "10.30 horas"),
    ],
)
def test_format_time(lang: str, morning: str, afternoon: str, with_minutes: str) -> None:
    assert dates.format_time(time(10), lang) == morning
    assert dates.format_time(time(15), lang) == afternoon
    assert dates.format_time(time(10, 30), lang) == with_minutes


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(time(12), "12 noon"), (time(0), "12 midnight"), (time(12, 30), "12.30 p.m.")],
)
def test_english_noon_and_midnight(moment: time, expected: str) -> None:
    assert dates.format_time(moment, "en") == expected


@pytest.mark.parametrize(
    ("lang", "morning", "afternoon"),
    [
        ("ar", "00/10-00/13", "00/15-00/18"),
        ("zh_CN", "上午 10 时至下午 1 时", "下午 3 时至 6 时"),
        ("en", "10 a.m.–1 p.m.", "3–6 p.m."),
        ("fr", "10 heures-13 heures", "15 heures-18 heures"),
        ("ru", "10 ч. 00 м. – 13 ч. 00 м.", "15 ч. 00 м. – 18 ч. 00 м."),
        ("es", "10.00 a 13.00 horas", "15.00 a 18.00 horas"),
    ],
)
def test_format_time_range(lang: str, morning: str, afternoon: str) -> None:
    assert dates.format_time_range(time(10), time(13), lang) == morning
    assert dates.format_time_range(time(15), time(18), lang) == afternoon


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ar", "30/10-45/12"),
        ("zh_CN", "上午 10 时 30 分至中午 12 时 45 分"),
        ("en", "10.30 a.m.–12.45 p.m."),
        ("fr", "10 h 30-12 h 45"),
        ("ru", "10 ч. 30 м. – 12 ч. 45 м."),
        ("es", "10.30 a 12.45 horas"),
    ],
)
def test_time_range_with_minutes(lang: str, expected: str) -> None:
    assert dates.format_time_range(time(10, 30), time(12, 45), lang) == expected


def test_english_range_to_noon() -> None:
    assert dates.format_time_range(time(10), time(12), "en") == "10 a.m.–12 noon"


@pytest.mark.parametrize("lang", LANGS)
def test_time_range_backwards(lang: str) -> None:
    with pytest.raises(ValueError):
        dates.format_time_range(time(13), time(10), lang)


# -- unknown languages ------------------------------------------------------------------

@pytest.mark.parametrize(
    "call",
    [
        lambda: dates.format_date(TUESDAY, "de"),
        lambda: dates.format_dates([TUESDAY], "zh"),
        lambda: dates.format_day_heading(TUESDAY, "EN"),
        lambda: dates.format_time(time(10), "pt"),
        lambda: dates.format_time_range(time(10), time(13), ""),
    ],
)
def test_unknown_language(call: object) -> None:
    with pytest.raises(ValueError, match="ar zh_CN en fr ru es"):
        call()  # type: ignore[operator]


# -- parsing ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-09-08", [TUESDAY]),
        (" 2020-09-08 ", [TUESDAY]),
        ("2020-09-08/2020-09-09", [TUESDAY, date(2020, 9, 9)]),
        ("2020-09-08/09", [TUESDAY, date(2020, 9, 9)]),
        ("2020-09-08,2020-09-09", [TUESDAY, date(2020, 9, 9)]),
        ("2020-09-11, 2020-09-08/09", [TUESDAY, date(2020, 9, 9), date(2020, 9, 11)]),
        ("2020-09-08/10", days_from(TUESDAY, 3)),
        ("2020-09-29/10-01", days_from(date(2020, 9, 29), 3)),
        ("2020-12-31/2021-01-01", [date(2020, 12, 31), date(2021, 1, 1)]),
        ("2020-09-08,2020-09-08", [TUESDAY]),
    ],
)
def test_parse_iso_dates(text: str, expected: list[date]) -> None:
    assert isodata.parse_iso_dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "8 September 2020",
        "2020-9-8",
        "20200908",
        "2020-02-30",
        "2020-13-01",
        "2020-09-08/",
        "2020-09-08/07",
        "2020-09-08/2019-09-09",
        "2020-09-08,,2020-09-09",
        "2020-09-08,",
        "2020-09-08/09/10",
        "2020-01-01/2022-01-01",
    ],
)
def test_parse_iso_dates_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        isodata.parse_iso_dates(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:00", time(10)), ("9:30", time(9, 30)), (" 15:05 ", time(15, 5))],
)
def test_parse_iso_time(text: str, expected: time) -> None:
    assert isodata.parse_iso_time(text) == expected


@pytest.mark.parametrize("text", ["", "10", "10h00", "25:00", "10:60", "10:00:00", "ten"])
def test_parse_iso_time_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        isodata.parse_iso_time(text)


@pytest.mark.parametrize("text", ["10:00-13:00", "10:00/13:00", "10:00 – 13:00"])
def test_parse_iso_time_range(text: str) -> None:
    assert isodata.parse_iso_time_range(text) == (time(10), time(13))


@pytest.mark.parametrize(
    "text", ["10:00", "13:00-10:00", "10:00-10:00", "10:00-13:00-15:00", "10-13", ""]
)
def test_parse_iso_time_range_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        isodata.parse_iso_time_range(text)


@pytest.mark.parametrize(("lang", "moment", "expected"), [
    ("fr", time(10), f"10{NBSP}heures"), ("fr", time(10, 30), f"10{NBSP}h{NBSP}30"),
    ("ru", time(10), f"10{NBSP}ч.{NBSP}00{NBSP}м."), ("en", time(10), f"10{NBSP}a.m."),
    ("es", time(10), f"10.00{NBSP}horas"),
])
def test_no_break_spaces_keep_a_time_on_one_line(lang: str, moment: time,
                                                   expected: str) -> None:
    assert dates.format_time(moment, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", f"8{NBSP}septembre 2020"), ("ru", f"8{NBSP}сентября 2020{NBSP}года"),
    ("en", f"8{NBSP}September 2020"), ("es", f"8{NBSP}de septiembre de 2020"),
])
def test_no_break_spaces_keep_day_and_month_together(lang: str, expected: str) -> None:
    assert dates.format_date(date(2020, 9, 8), lang) == expected
