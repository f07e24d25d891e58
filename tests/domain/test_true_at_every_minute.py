"""Issue 18 in the pure layers: the first neutrophil recovery is kept, "not applicable" when
counts never fell, one source for the call list and the symptom rules, the weight streak's
minimum gain, and the published range of the fever limits."""

import tomllib
from datetime import UTC, date, datetime, timedelta

import pytest

from companion.content.resources import read_text
from companion.content.vocabulary import load_vocabulary
from companion.domain.alerts import AlertLevel, AlertRule, FeverRule
from companion.domain.clinical import SETTINGS_BY_KEY, ClinicalNumbers
from companion.domain.engraftment import (
    RecoveryStatus,
    neutrophil_recovery,
    neutrophil_status,
    platelet_recovery,
)
from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import CountUnit
from companion.domain.rules import Context, Reading, RuleSettings, judge
from companion.domain.wording import RecoveryNote, engraftment_lines

DAY0 = date(2026, 6, 1)
T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


# Point 5: a later fall never erases the first recovery -----------------------------------


def test_a_deeper_later_fall_keeps_the_first_recovery_and_is_told_apart():
    values = [(day(3), 0.1), (day(12), 0.6), (day(13), 0.9), (day(14), 1.2), (day(30), 0.01)]
    assert neutrophil_recovery(values) == day(12)
    status = neutrophil_status(values)
    assert (status.status, status.on, status.source) == (RecoveryStatus.MET, day(12), "registry")
    assert status.fallen_again == (day(30), 0.01)


def test_the_later_fall_line_in_words(make_transplant_and_labs):
    transplant, labs = make_transplant_and_labs(
        [(3, 0.1), (12, 0.6), (13, 0.9), (14, 1.2), (30, 0.01)], recovered=day(12)
    )
    lines = dict(engraftment_lines(transplant, labs, [], False, day(31)))
    assert RecoveryNote.NEUTROPHILS_MET in lines
    text = lines[RecoveryNote.NEUTROPHILS_FALLEN_AGAIN]
    # Nurse review 2: the value with its unit, the limit in the patient's unit.
    assert text.startswith("Your neutrophils (ANC) were 0.01 ×10⁹/L on ")
    assert "below 0.5 ×10⁹/L again after they had recovered" in text
    assert "Contact your transplant team today" in text
    assert text.endswith("While they are low, a fever is an emergency: call at once.")
    per_ul = dict(engraftment_lines(transplant, labs, [], False, day(31), CountUnit.PER_UL))
    assert "were 10 /µL on" in per_ul[RecoveryNote.NEUTROPHILS_FALLEN_AGAIN]
    assert "below 500 /µL again" in per_ul[RecoveryNote.NEUTROPHILS_FALLEN_AGAIN]
    assert "0.5" not in per_ul[RecoveryNote.NEUTROPHILS_FALLEN_AGAIN]


def test_platelets_too_keep_their_first_recovery():
    values = [(day(2), 10), (day(15), 25), (day(16), 30), (day(17), 40), (day(40), 5)]
    assert platelet_recovery(values, []) == day(15)


# Point 6: counts that never fell below 0.5 ------------------------------------------------


def test_counts_that_never_fell_are_not_applicable_in_plain_words(make_transplant_and_labs):
    values = [(d, 1.0 + d / 10) for d in (2, 4, 6, 8, 10, 12)]
    assert neutrophil_status([(day(d), v) for d, v in values]).status is (
        RecoveryStatus.NOT_APPLICABLE
    )
    transplant, labs = make_transplant_and_labs(values)
    lines = dict(engraftment_lines(transplant, labs, [], False, day(13)))
    assert RecoveryNote.NEUTROPHILS_NOT_YET not in lines
    text = lines[RecoveryNote.NEUTROPHILS_NOT_APPLICABLE]
    assert "have not fallen below 0.5 ×10⁹/L" in text and "does not apply" in text
    assert "My team told me my counts recovered" in text  # the way to give the team's date


def test_two_early_values_are_not_yet_not_applicable():
    assert neutrophil_status([(day(1), 2.0), (day(2), 1.5)]).status is RecoveryStatus.NOT_YET


@pytest.fixture
def make_transplant_and_labs():
    from companion.domain.labs import LabResult
    from tests.conftest import make_transplant

    def make(values, recovered=None):
        transplant = make_transplant(day0=DAY0)
        if recovered is not None:
            from dataclasses import replace

            transplant = replace(
                transplant, neutrophil_recovery=recovered, recovery_source="values"
            )
        labs = [
            LabResult(datetime.combine(day(d), datetime.min.time(), UTC), anc=v) for d, v in values
        ]
        return transplant, labs

    return make


# Point 8: one source for the call list and the rules --------------------------------------


def test_mild_dizziness_raises_a_card_as_the_call_list_says():
    entry = Entry(T0, EntryKind.SYMPTOM, term="dizziness", severity=1, id=1)
    [alert] = judge(entry, load_vocabulary(), RuleSettings()).alerts
    assert alert.level is AlertLevel.CALL_TEAM


def test_every_symptom_on_the_call_list_raises_a_card_from_the_severity_it_names():
    from companion.content.red_flags import load_red_flags

    vocabulary = load_vocabulary()
    for flag in load_red_flags().call_team:
        for term, severity in flag.symptoms:
            symptom = vocabulary.symptom(term)
            if symptom is None:
                continue  # an infection sign: always a card
            entry = Entry(T0, EntryKind.SYMPTOM, term=term, severity=max(1, severity), id=1)
            assert judge(entry, vocabulary, RuleSettings()).alerts, (flag.id, term)


def test_the_loader_refuses_a_call_list_and_a_rule_that_disagree(monkeypatch):
    from companion.content import vocabulary as module

    original = read_text

    def patched(name):
        text = original(name)
        if name == "symptoms.toml":
            text = text.replace(
                'id = "dizziness"\nlabel = "Dizziness or feeling faint"\ncall_team_at = 1',
                'id = "dizziness"\nlabel = "Dizziness or feeling faint"\ncall_team_at = 2',
            )
        return text

    monkeypatch.setattr(module, "read_text", patched)
    module._load_vocabulary.cache_clear()
    try:
        with pytest.raises(module.VocabularyError, match="dizziness"):
            module.load_vocabulary()
    finally:
        module._load_vocabulary.cache_clear()


def test_the_nausea_hint_agrees_with_the_checklist():
    hint = load_vocabulary().symptom("nausea").hint
    assert "12 hours" not in hint
    assert "as soon as you feel sick" in hint
    items = tomllib.loads(read_text("checklists/conditioning.toml"))["items"]
    assert any("as soon as you feel sick" in item["text"] for item in items)


# Point 8: the weight streak's minimum gain ------------------------------------------------


def weights(*kgs):
    return [Reading(i + 1, T0 + timedelta(days=i), kg) for i, kg in enumerate(kgs)]


def test_a_streak_of_small_gains_raises_nothing_and_half_a_kilo_a_day_does():
    vocabulary = load_vocabulary()
    small = weights(70.0, 70.1, 70.2, 70.3)
    last = small[-1]
    entry = Entry(last.at, EntryKind.WEIGHT, value=last.value, id=last.id)
    assert judge(entry, vocabulary, RuleSettings(), Context(weights=small[:-1])).alerts == ()
    big = weights(70.0, 70.5, 71.0, 71.5)
    last = big[-1]
    entry = Entry(last.at, EntryKind.WEIGHT, value=last.value, id=last.id)
    [alert] = judge(entry, vocabulary, RuleSettings(), Context(weights=big[:-1])).alerts
    assert alert.rule is AlertRule.WEIGHT_RISING


def test_the_minimum_gain_is_a_setting_with_its_source():
    setting = SETTINGS_BY_KEY["weight_rising_min_kg"]
    assert setting.default == 0.5 and setting.unit == "kg"
    assert "app's own default" in setting.source and "Corbacioglu" in setting.source
    assert ClinicalNumbers({"weight_rising_min_kg": 1.0})["weight_rising_min_kg"] == 1.0


# Point 7: the published range ----------------------------------------------------------


def test_the_fever_limit_has_the_range_its_sources_give():
    single = SETTINGS_BY_KEY["fever_single_c"]
    assert single.published_text() == "38.0 to 38.3 °C"
    assert single.outside_published(39.8) and single.outside_published(37.5)
    assert not single.outside_published(38.3)
    assert not SETTINGS_BY_KEY["fever_sustained_c"].outside_published(0.0)  # not used
    assert FeverRule().single_c == 38.0
