"""Grammatical forms a translator asks of a data role: ``{item}`4:genitive``` and the like.

Each form in each of the six languages, the checks (a changed form accepted, a changed
key or date still refused, a form the language lacks reported with file and line), the
build (the form written; an unknown one warned of, with the usual form in its place) and
the Russian catalogue of the real document, which uses them where the standard Russian
phrasing needs them.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from meetingdocs.i18n.checks import check_catalog, check_entry
from meetingdocs.i18n.poentry import Entry
from meetingdocs.un import dates, forms, labels
from meetingdocs.un.vocabulary import split_form

TUESDAY = date(2020, 9, 8)
MAY = [date(2021, 5, 10), date(2021, 5, 11), date(2021, 5, 12)]
ACROSS = [date(2021, 9, 30), date(2021, 10, 1)]


@pytest.mark.parametrize(("lang", "expected"), [
    ("ar", "يوم الثلاثاء، 8 أيلول/سبتمبر 2020"),
    ("zh_CN", "2020 年 9 月 8 日星期二"),
    ("en", "on Tuesday, 8 September 2020"),
    ("fr", "le mardi 8 septembre 2020"),
    ("ru", "во вторник, 8 сентября 2020 года"),
    ("es", "el martes 8 de septiembre de 2020"),
])
def test_the_form_on_of_a_day(lang: str, expected: str) -> None:
    written = dates.format_date(TUESDAY, lang, weekday=True, form="on")
    assert written.replace("\u00a0", " ") == expected


@pytest.mark.parametrize(("weekday", "expected"), [
    (date(2020, 9, 7), "в понедельник"), (date(2020, 9, 8), "во вторник"),
    (date(2020, 9, 9), "в среду"), (date(2020, 9, 11), "в пятницу"),
    (date(2020, 9, 12), "в субботу"), (date(2020, 9, 13), "в воскресенье"),
])
def test_russian_weekdays_take_their_preposition_and_case(weekday: date, expected: str) -> None:
    written = dates.format_date(weekday, "ru", weekday=True, form="on")
    assert written.replace("\u00a0", " ").startswith(expected + ", ")
    # The preposition never ends a line.
    assert written.split(",")[0] == expected.replace(" ", "\u00a0")


@pytest.mark.parametrize(("lang", "in_may", "across_months"), [
    ("ar", "من 10 إلى 12 أيار/مايو 2021", "من 30 أيلول/سبتمبر إلى 1 تشرين الأول/أكتوبر 2021"),
    ("zh_CN", "2021 年 5 月 10 日至 12 日", "2021 年 9 月 30 日至 10 月 1 日"),
    ("en", "from 10 to 12 May 2021", "from 30 September to 1 October 2021"),
    ("fr", "du 10 au 12 mai 2021", "du 30 septembre au 1er octobre 2021"),
    ("ru", "с 10 по 12 мая 2021 года", "с 30 сентября по 1 октября 2021 года"),
    ("es", "del 10 al 12 de mayo de 2021", "del 30 de septiembre al 1 de octubre de 2021"),
])
def test_the_form_from_to_of_a_range(lang: str, in_may: str, across_months: str) -> None:
    def plain(text: str) -> str:
        return text.replace("\u00a0", " ")

    assert plain(dates.format_dates(MAY, lang, form="from-to")) == in_may
    assert plain(dates.format_dates(ACROSS, lang, form="from-to")) == across_months
    # The dateline form is still the default (Chinese writes both with 至).
    dateline = dates.format_dates(MAY, lang)
    assert (dateline == in_may) == (lang == "zh_CN"), dateline


def test_a_range_form_needs_consecutive_days() -> None:
    with pytest.raises(ValueError, match="consecutive"):
        dates.format_dates([date(2021, 5, 10), date(2021, 5, 12)], "fr", form="from-to")
    with pytest.raises(ValueError, match="consecutive"):
        dates.format_dates([date(2021, 5, 10)], "fr", form="from-to")


@pytest.mark.parametrize(("form", "expected"), [
    ("", "пункт 4"), ("nominative", "пункт 4"), ("genitive", "пункта 4"),
    ("dative", "пункту 4"), ("accusative", "пункт 4"), ("instrumental", "пунктом 4"),
    ("prepositional", "пункте 4"),
])
def test_russian_item_references_in_every_case(form: str, expected: str) -> None:
    assert labels.item_reference(4, None, "ru", form=form) == expected
    assert labels.item_reference(1, 1, "ru", form=form) == expected.replace("4", "1 b)")


@pytest.mark.parametrize("lang", ["ar", "zh_CN", "en", "fr", "es"])
def test_languages_without_cases_offer_no_item_form(lang: str) -> None:
    assert forms.forms("item", lang) == ()
    with pytest.raises(ValueError, match="genitive"):
        labels.item_reference(4, None, lang, form="genitive")


@pytest.mark.parametrize("lang", ["ar", "zh_CN", "en", "fr", "ru", "es"])
def test_every_language_offers_the_day_and_range_forms(lang: str) -> None:
    assert forms.forms("day", lang) == ("on",)
    assert forms.forms("dates", lang) == ("from-to",)
    assert forms.forms("time", lang) == ()
    assert forms.form_problem("day", "genitive", lang) is not None
    assert forms.form_problem("day", "on", lang) is None


def test_the_role_grammar_splits_data_and_form() -> None:
    assert split_form("4:genitive") == ("4", "genitive")
    assert split_form("2021-05-10/12:from-to") == ("2021-05-10/12", "from-to")
    assert split_form("10:00-13:00") == ("10:00-13:00", "")
    assert split_form("1a") == ("1a", "")


def _codes(msgid: str, msgstr: str, lang: str) -> list[str]:
    return [code for code, _ in check_entry(Entry(msgid, msgstr), lang, None)]


def test_checks_accept_a_form_and_refuse_changed_data() -> None:
    assert _codes("Under {item}`2`, the", "В рамках {item}`2:genitive` повестки", "ru") == []
    assert _codes("on {day}`2020-09-08`.", "{day}`2020-09-08:on`.", "ru") == []
    assert _codes("on {day}`2020-09-08`.", "{day}`2020-09-09:on`.", "ru") == ["role-mismatch"]
    assert _codes("Under {item}`2`, the", "В рамках {item}`3:genitive`", "ru") == [
        "role-mismatch"]


def test_checks_report_a_form_the_language_does_not_offer(tmp_path: Path) -> None:
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "doc.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Under {item}`2`, the"\nmsgstr "Au titre du {item}`2:genitive`, le"\n',
                  encoding="utf-8")
    found = [f for f in check_catalog(po) if f.code == "unknown-form"]
    assert len(found) == 1 and found[0].line == 6 and not found[0].blocking
    assert "genitive" in found[0].message and "fr" in found[0].message


def test_the_build_writes_the_forms_and_warns_of_an_unknown_one(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path,
) -> None:
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-agenda", source, ignore=shutil.ignore_patterns("_build"))
    po = source / "locale" / "fr" / "LC_MESSAGES" / "EX_WG.1_2030_1.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace("La réunion s’ouvrira le {day}`2030-03-04` à {time}`10:00`.",
                        "La réunion s’ouvrira {day}`2030-03-04:on` à {time}`10:00`.")
    text = text.replace("décrit au {item}`1b`.", "décrit au {item}`1b:genitive`.")
    po.write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=source, confoverrides={"language": "fr"})
    app.build()
    page = (app.outdir / "EX_WG.1_2030_1.html").read_text(encoding="utf-8")
    assert 's’ouvrira <span class="un-day">le lundi 4\u00a0mars 2030</span> à' in page
    assert "décrit au <a" in page and "point 1 b)</a>" in page
    warnings = app.warning.getvalue()
    assert "no form 'genitive'" in warnings and "[meetingdocs.form]" in warnings


def test_the_russian_catalogue_uses_the_forms(built_ru_text: str) -> None:
    text = " ".join(built_ru_text.split())
    assert "откроется в 10 ч. 00 м. во вторник, 8 сентября 2020 года." in text
    assert "В рамках пункта 2 повестки дня Рабочая группа" in text
    assert "Для рассмотрения пункта 3 Рабочей группе будет представлен" in text
    assert "в рамках пункта 4," in text


@pytest.fixture(scope="module")
def built_ru_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("ru-text")
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "text", "-c", str(repo),
                    "-D", "language=ru", "-d", str(out / "doctrees"), str(repo / "docs"),
                    str(out / "text")], check=True, timeout=300)
    return (out / "text" / "CTOC_COP_WG.7_2020_1.txt").read_text(encoding="utf-8")
