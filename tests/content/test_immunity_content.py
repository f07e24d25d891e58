"""The immune-system content (resources/immunity/) and the medicines guide in each language:
the words translated, the plan's numbers, kinds, signs and sources always the English file's,
English where a translation lacks an entry or a file, and the guide's sources all present."""

import re

import pytest

from companion import i18n
from companion.content import immunity, medicines_guide
from companion.content.immunity import (
    ImmunityContentError,
    load_gvhd_check,
    load_screening,
    load_vaccines,
    shown_dose,
    vaccine_name,
)
from companion.content.medicines_guide import guide_sources
from companion.content.resources import read_text
from companion.content.sources import source_words
from companion.domain.immunity import VaccineDose

TRANSLATED = ["es"]


@pytest.fixture
def fresh_content():
    """Loaders re-read their files (a test swaps a translation in)."""
    loaders = (
        immunity._load_vaccines,
        immunity._load_screening,
        immunity._load_gvhd_check,
        medicines_guide._medicines_guide,
    )
    for loader in loaders:
        loader.cache_clear()
    yield
    for loader in loaders:
        loader.cache_clear()


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_vaccine_plan_s_numbers_and_sources_come_from_the_english_file(language):
    english, translated = load_vaccines("en"), load_vaccines(language)
    assert [v.id for v in translated] == [v.id for v in english]
    for en, tr in zip(english, translated, strict=True):
        assert (tr.months, tr.live, tr.kinds, tr.in_plan, tr.first_dose, tr.every_season) == (
            en.months,
            en.live,
            en.kinds,
            en.in_plan,
            en.first_dose,
            en.every_season,
        )
        assert tr.source == source_words(en.source, language)  # the same source, worded
        assert tr.why != en.why
        # Every number of the English explanation (months, ages, doses) is kept.
        assert re.findall(r"\d+", tr.why) == re.findall(r"\d+", en.why), en.id


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_check_ups_and_the_gvhd_areas_keep_their_numbers_and_signs(language):
    english, translated = load_screening("en"), load_screening(language)
    assert translated.source == source_words(english.source, language)
    for en, tr in zip(english.checks, translated.checks, strict=True):
        assert (tr.id, tr.first, tr.every, tr.kinds) == (en.id, en.first, en.every, en.kinds)
        assert tr.title != en.title
        assert re.findall(r"\d+", tr.why) == re.findall(r"\d+", en.why), en.id
    areas = load_gvhd_check("en"), load_gvhd_check(language)
    assert areas[1].source == source_words(areas[0].source, language)
    for en, tr in zip(areas[0].areas, areas[1].areas, strict=True):
        assert (tr.id, tr.signs) == (en.id, en.signs)
        assert tr.title != en.title


def test_spanish_words_and_terms():
    names = {v.id: v.name for v in load_vaccines("es")}
    assert names["mmr"] == "Sarampión, paperas, rubéola (triple vírica)"
    assert names["shingles-recombinant"].startswith("Herpes zóster")
    why = {v.id: v.why for v in load_vaccines("es")}
    assert (
        "EICR crónica" in why["pneumococcal-4th-donor"]
        and "GVHD" not in why["pneumococcal-4th-donor"]
    )
    assert "título de anticuerpos" in why["hepatitis-b"]
    checks = {c.id: c for c in load_screening("es").checks}
    assert checks["lungs"].why.endswith("de la EICR crónica.")
    assert [a.title for a in load_gvhd_check("es").areas][:3] == [
        "Piel, uñas y pelo",
        "Boca",
        "Ojos",
    ]


def test_the_app_s_language_chooses_the_content_and_the_pseudo_locale_reads_english():
    try:
        i18n.set_language("es")
        assert load_vaccines()[0].name == "Neumococo (conjugada)"
        assert medicines_guide.medicines_guide().startswith("# Por qué importan")
        i18n.set_language("qps")
        assert load_vaccines()[0].name == "Pneumococcal conjugate"
    finally:
        i18n.set_language("en")
    assert load_vaccines()[0].name == "Pneumococcal conjugate"


def test_a_missing_translation_falls_back_to_english_entry_by_entry(monkeypatch, fresh_content):
    partial = '[[vaccine]]\nid = "hepatitis-b"\nname = "Hepatitis B (es)"\nwhy = "Tres dosis."\n'

    def translation(relative, language):
        return partial if relative == "immunity/vaccines.toml" else None

    monkeypatch.setattr(immunity, "read_translation", translation)
    monkeypatch.setattr(medicines_guide, "read_localized", lambda name, lang: ("# EN", "en"))
    names = {v.id: v.name for v in load_vaccines("es")}
    assert names["hepatitis-b"] == "Hepatitis B (es)"
    assert names["mmr"] == "Measles, mumps, rubella (MMR)"  # not translated: English
    assert load_screening("es").checks[0].title == "Yearly check-up with your transplant team"
    assert load_gvhd_check("es").areas[0].title == "Skin, nails and hair"
    assert medicines_guide.medicines_guide("es") == "# EN"


def test_a_translation_may_not_change_the_plan(monkeypatch, fresh_content):
    sneaky = '[[vaccine]]\nid = "mmr"\nname = "Triple vírica"\nmonths = [3]\n'
    monkeypatch.setattr(immunity, "read_translation", lambda relative, language: sneaky)
    with pytest.raises(ImmunityContentError, match=r"'mmr'.*months"):
        load_vaccines("es")


def test_a_planned_vaccine_is_named_in_the_app_s_language_whatever_it_was_stored_in():
    stored = VaccineDose(
        "mmr", "Measles, mumps, rubella (MMR)", 1, __import__("datetime").date(2028, 1, 1)
    )
    assert shown_dose(stored, "es").name == "Sarampión, paperas, rubéola (triple vírica)"
    assert shown_dose(stored, "en") is stored
    own = VaccineDose("own", "Rabies (travel)", 1, stored.earliest)
    assert shown_dose(own, "es").name == "Rabies (travel)"
    assert vaccine_name("no-such-id", "Typed by the team", "es") == "Typed by the team"


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_the_medicines_guide_has_every_source_and_the_team_in_each_language(language):
    guide = medicines_guide.medicines_guide(language)
    english = read_text("medicines-guide.md")
    assert guide_sources(language) == guide_sources("en")
    assert len(guide_sources(language)) == 4
    assert re.findall(r"https?://\S+", guide) == re.findall(r"https?://\S+", english)
    headings = [line for line in guide.splitlines() if line.startswith("#")]
    assert len(headings) == len([line for line in english.splitlines() if line.startswith("#")])
    last = guide.rsplit("\n## ", 1)[0].split("\n")[-4:]
    team = "equipo de trasplante" if language == "es" else "transplant team"
    assert any(team in line for line in last), last


def test_the_spanish_guide_names_the_hold_check_box_as_the_app_labels_it():
    try:
        i18n.set_language("es")
        label = i18n._("Hold on blood-test days until the sample is taken")
    finally:
        i18n.set_language("en")
    guide = " ".join(medicines_guide.medicines_guide("es").split())
    assert f"«{label}»" in guide
    assert "Solo si su equipo se lo pide." in guide
    assert "EICR" in guide and "GVHD" not in guide


def test_the_medicines_guide_reads_as_plainly_as_the_other_guides():
    from benchmarks.readability import measure_markdown
    from tests.content.test_readability import MAX_GRADE, MIN_FERNANDEZ_HUERTA, MIN_INFLESZ

    english = measure_markdown(medicines_guide.medicines_guide("en"))
    assert english.fk_grade <= MAX_GRADE and english.reading_ease >= 70
    spanish = measure_markdown(medicines_guide.medicines_guide("es"), "es")
    assert spanish.fernandez_huerta >= MIN_FERNANDEZ_HUERTA
    assert spanish.inflesz >= MIN_INFLESZ
