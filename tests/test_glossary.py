"""Tests of TBX glossary loading and of term matching in each script."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdocs.i18n.glossary import (
    Glossary,
    GlossaryError,
    language_key,
    load_tbx,
    russian_stem,
    term_in_text,
)

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "glossary" / "ctoc.tbx"
SEED = REPO / "tests" / "data" / "reference" / "CTOC_COP_WG.7_2020_1_C.txt"
LANGUAGES = {"en", "fr", "es", "ru", "zh", "ar"}
WG = "The Working Group on the Smuggling of Migrants will meet in Vienna."


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_tbx(GLOSSARY)


def entry_for(glossary: Glossary, english: str) -> dict[str, list[str]]:
    return next(entry for entry in glossary.terms if english in entry["en"])


# --- loading ---------------------------------------------------------------------------


def test_the_project_glossary_loads_in_six_languages(glossary: Glossary) -> None:
    assert len(glossary.terms) >= 17
    for entry in glossary.terms:
        assert set(entry) == LANGUAGES, entry["en"]
    wg = entry_for(glossary, "Working Group on the Smuggling of Migrants")
    assert wg["zh"] == ["偷运移民问题工作组"]
    assert wg["ru"] == ["Рабочая группа по незаконному ввозу мигрантов"]
    assert wg["ar"] == ["الفريق العامل المعني بتهريب المهاجرين"]
    assert wg["fr"] == ["Groupe de travail sur le trafic illicite de migrants"]
    assert wg["es"] == ["Grupo de Trabajo sobre el Tráfico Ilícito de Migrantes"]


def test_required_chinese_terms_are_present(glossary: Glossary) -> None:
    required = {
        "Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime": "联合国打击跨国有组织犯罪公约缔约方会议",
        "United Nations Convention against Transnational Organized Crime": "联合国打击跨国有组织犯罪公约",
        "Conference of the Parties": "缔约方会议",
        "smuggling of migrants": "偷运移民",
        "organized criminal groups": "有组织犯罪集团",
        "Secretariat": "秘书处",
        "background paper": "背景文件",
        "provisional agenda": "临时议程",
        "organization of work": "工作安排",
        "law enforcement": "执法",
        "extended Bureau": "扩大主席团",
        "silence procedure": "默许程序",
        "COVID-19": "新冠肺炎",
        "cyberspace": "网络空间",
        "Protocols thereto": "议定书",
    }
    for english, chinese in required.items():
        assert entry_for(glossary, english)["zh"][0] == chinese


def test_chinese_terms_are_the_wording_of_the_seed(glossary: Glossary) -> None:
    seed = "".join(SEED.read_text(encoding="utf-8").split())
    for entry in glossary.terms:
        assert entry["zh"][0] in seed, entry["zh"][0]


def test_deprecated_terms_are_not_approved(glossary: Glossary) -> None:
    assert entry_for(glossary, "smuggling of migrants")["ru"] == ["незаконный ввоз мигрантов"]


def test_tbx_variants_load(tmp_path: Path) -> None:
    path = tmp_path / "v.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>Secretariat</term></termSec></langSec>
      <langSec xml:lang="zh-Hans-CN"><termSec><term>秘书处</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>""",
        encoding="utf-8",
    )
    assert load_tbx(path).terms == [{"en": ["Secretariat"], "zh": ["秘书处"]}]
    martif = tmp_path / "m.tbx"
    martif.write_text(
        """<martif type="TBX" xml:lang="en"><text><body>
  <termEntry><langSet xml:lang="fr">
    <ntig><termGrp><term>Bureau élargi</term></termGrp></ntig>
    <ntig><termGrp><term>Bureau étendu</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
  </langSet>
  <langSet lang="EN"><tig><term>extended   Bureau</term></tig></langSet></termEntry>
</body></text></martif>""",
        encoding="utf-8",
    )
    assert load_tbx(martif).terms == [{"fr": ["Bureau élargi"], "en": ["extended Bureau"]}]


def test_malformed_tbx_raises_a_glossary_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(GlossaryError):
        load_tbx(path)


def test_language_keys() -> None:
    assert [language_key(c) for c in ("zh_CN", "zh-CN", "ZH", "ar", "es_419")] == [
        "zh",
        "zh",
        "zh",
        "ar",
        "es",
    ]


# --- checking --------------------------------------------------------------------------


def test_russian_wrong_term_is_caught_and_inflection_passes(glossary: Glossary) -> None:
    wrong = glossary.check(WG, "Совещание Рабочей группы по контрабанде мигрантов в Вене", "ru")
    assert len(wrong) == 1
    assert "Рабочая группа по незаконному ввозу мигрантов" in wrong[0]
    right = "Совещание Рабочей группы по незаконному ввозу мигрантов состоится в Вене"
    assert glossary.check(WG, right, "ru") == []


def test_russian_stems() -> None:
    assert russian_stem("группа") == "групп"
    assert russian_stem("мигрантов") == "мигрант"
    assert russian_stem("незаконному") == "незаконн"
    assert russian_stem("дня") == "дня"
    assert term_in_text(
        "предварительная повестка дня", "Пункт 2 предварительной повестки дня", "ru"
    )
    assert not term_in_text("по", "повестка", "ru")


def test_arabic_proclitics_article_and_diacritics(glossary: Glossary) -> None:
    assert glossary.check(WG, "وللفريق العامل المعني بتهريب المهاجرين اجتماع في فيينا", "ar") == []
    wrong = glossary.check(WG, "يجتمع الفريق العامل المعني بالتهريب في فيينا", "ar")
    assert len(wrong) == 1 and "بتهريب المهاجرين" in wrong[0]
    assert term_in_text("تهريب المهاجرين", "بتهريب المهاجرين", "ar")
    assert term_in_text("أمانة", "أعدتها الأمانة", "ar")
    assert term_in_text("أمانة", "وللأمانة", "ar")
    assert term_in_text("الفريق العامل", "الفَرِيقُ العـــامل", "ar")
    assert term_in_text("المهاجرين", "المهاجرون", "ar")
    assert not term_in_text("الفريق العامل", "فريق عامل", "ar")
    assert term_in_text(
        "فضاء إلكتروني", "لتزايد استخدام الجماعات الإجرامية للفضاء الإلكتروني", "ar"
    )
    assert term_in_text("جلسة عامة", "عقد أربع جلسات عامة", "ar")
    assert term_in_text("جماعة إجرامية منظمة", "أنشطة الجماعات الإجرامية المنظمة", "ar")


def test_chinese_substring_matching(glossary: Glossary) -> None:
    assert glossary.check(WG, "偷运移民问题工作组第七次会议将在维也纳举行。", "zh_CN") == []
    wrong = glossary.check(WG, "移民走私工作组第七次会议将在维也纳举行。", "zh_CN")
    assert len(wrong) == 1 and "偷运移民问题工作组" in wrong[0]
    assert term_in_text("新冠肺炎", "（新冠 肺炎）疫情", "zh")


def test_french_and_spanish_elision_plural_and_accents(glossary: Glossary) -> None:
    assert term_in_text(
        "ordre du jour provisoire", "Point 2 b) de l'ordre du jour provisoire", "fr"
    )
    assert term_in_text("groupe criminel organisé", "des groupes criminels organisés", "fr")
    assert term_in_text("procédure d'approbation tacite", "la procédure d’approbation tacite", "fr")
    assert not term_in_text("Secrétariat", "le Secretariat", "fr")
    assert term_in_text("Mesa ampliada", "la MESA AMPLIADA", "es")
    assert term_in_text("grupo delictivo organizado", "grupos delictivos organizados", "es")
    assert term_in_text("sesión plenaria", "celebrar cuatro sesiones plenarias", "es")
    assert term_in_text("organisation des travaux", "l'organisation du travail", "fr") is False
    sentence = "Le Secrétariat a établi un document d'information."
    english = "A background paper prepared by the Secretariat."
    assert glossary.check(english, sentence, "fr") == []
    assert len(glossary.check(english, "Le Secrétariat a établi une note de fond.", "fr")) == 1


def test_english_matching_is_case_insensitive_with_plural(glossary: Glossary) -> None:
    assert glossary.check("Two Background Papers.", "Deux documents d'information.", "fr") == []
    assert len(glossary.check("Two Background Papers.", "Deux notes.", "fr")) == 1
    assert glossary.check("Backgrounds papering", "rien", "fr") == []


def test_a_term_inside_a_longer_term_follows_the_longer_one(glossary: Glossary) -> None:
    english = (
        "the Conference of the Parties to the United Nations Convention against "
        "Transnational Organized Crime decided"
    )
    assert glossary.check(english, "联合国打击跨国有组织犯罪公约缔约方会议决定", "zh_CN") == []
    messages = glossary.check(english, "会议决定", "zh_CN")
    assert len(messages) == 1 and "联合国打击跨国有组织犯罪公约缔约方会议" in messages[0]


def test_english_target_and_unknown_terms_give_nothing(glossary: Glossary) -> None:
    assert glossary.check(WG, WG, "en") == []
    assert glossary.check("Nothing to see here.", "Rien.", "fr") == []
    assert glossary.check(WG, "Working group", "de") == []


@given(st.text(max_size=60), st.sampled_from(["ar", "ru", "zh_CN", "fr", "es"]))
def test_check_never_raises(text: str, lang: str) -> None:
    glossary = load_tbx(GLOSSARY)
    assert isinstance(glossary.check(WG + text, text, lang), list)
