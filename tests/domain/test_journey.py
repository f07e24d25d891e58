"""Phases, milestones, a moved Day 0 and a second transplant."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from companion.domain.clinical import ClinicalNumbers
from companion.domain.journey import Journey, MilestoneKind, Phase
from companion.domain.kinds import GraftSource
from tests.conftest import make_transplant

DAY0 = date(2026, 5, 10)


def phase_on(transplant, number, today_number=None):
    today = transplant.date_of(number if today_number is None else today_number)
    return transplant.phase_on(transplant.date_of(number), today)


def test_phases_from_preparation_to_follow_up_without_recovery_recorded():
    t = make_transplant(day0=DAY0, conditioning_days=6)
    assert phase_on(t, -30) is Phase.PREPARATION
    assert phase_on(t, -7) is Phase.PREPARATION
    assert phase_on(t, -6) is Phase.CONDITIONING
    assert phase_on(t, -1) is Phase.CONDITIONING
    assert phase_on(t, 0) is Phase.INFUSION
    assert phase_on(t, 1) is Phase.ENGRAFTMENT
    # Without a recorded recovery, every day up to today is still waiting for engraftment.
    assert phase_on(t, 45) is Phase.ENGRAFTMENT
    assert phase_on(t, 100) is Phase.ENGRAFTMENT
    assert phase_on(t, 101) is Phase.FOLLOW_UP
    assert phase_on(t, 365 * 7) is Phase.FOLLOW_UP


def test_future_days_after_the_usual_window_are_expected_recovery():
    t = make_transplant(day0=DAY0, source=GraftSource.BLOOD)
    spans = {s.phase: s for s in t.phase_spans(t.date_of(12))}
    assert (spans[Phase.ENGRAFTMENT].first_day, spans[Phase.ENGRAFTMENT].last_day) == (1, 21)
    assert spans[Phase.ENGRAFTMENT].provisional
    assert (spans[Phase.RECOVERY].first_day, spans[Phase.RECOVERY].last_day) == (22, 100)
    assert spans[Phase.RECOVERY].provisional
    cord = make_transplant(day0=DAY0, source=GraftSource.CORD_BLOOD)
    assert cord.span_of(Phase.ENGRAFTMENT, cord.date_of(12)).last_day == 42


def test_recorded_recovery_ends_waiting_and_starts_recovery():
    t = make_transplant(day0=DAY0, neutrophil_recovery=DAY0 + timedelta(days=16))
    today = t.date_of(40)
    assert t.phase_on(t.date_of(15), today) is Phase.ENGRAFTMENT
    assert t.phase_on(t.date_of(16), today) is Phase.RECOVERY
    assert t.phase_on(t.date_of(100), today) is Phase.RECOVERY
    assert not any(s.provisional for s in t.phase_spans(today))


def test_spans_cover_every_day_once_in_order():
    for recovery in (None, DAY0 + timedelta(days=1), DAY0 + timedelta(days=19)):
        for today_number in (-40, -3, 0, 5, 30, 99, 150, 900):
            t = make_transplant(day0=DAY0, conditioning_days=3, neutrophil_recovery=recovery)
            spans = t.phase_spans(t.date_of(today_number))
            assert spans[0].first_day is None and spans[-1].last_day is None
            for before, after in pairwise(spans):
                assert after.first_day == before.last_day + 1
            assert [s.phase for s in spans] == sorted(
                (s.phase for s in spans), key=list(Phase).index
            )


def test_moving_day0_reanchors_every_day_number():
    t = make_transplant(day0=DAY0, conditioning_days=6)
    same_day = date(2026, 5, 20)
    assert t.day_number(same_day) == 10
    later = t.with_day0(DAY0 + timedelta(days=2))  # product delayed two days
    assert later.day_number(same_day) == 8
    assert later.conditioning_start == DAY0 - timedelta(days=4)
    earlier = t.with_day0(DAY0 - timedelta(days=1))
    assert earlier.day_number(same_day) == 11
    for before, after in zip(t.milestones()[:5], later.milestones()[:5], strict=True):
        assert after.day == before.day
        assert later.date_of(after.day) == t.date_of(before.day) + timedelta(days=2)
    assert later.milestones()[1].kind is MilestoneKind.DAY_ZERO


def test_moving_day0_past_a_recorded_recovery_drops_that_date():
    t = make_transplant(day0=DAY0, neutrophil_recovery=DAY0 + timedelta(days=15))
    assert t.with_day0(DAY0 + timedelta(days=20)).neutrophil_recovery is None
    assert t.with_day0(DAY0 + timedelta(days=1)).neutrophil_recovery == DAY0 + timedelta(days=15)


def test_a_second_transplant_starts_its_own_count():
    first = make_transplant(day0=DAY0, conditioning_days=2, number=1)
    second = make_transplant(day0=DAY0 + timedelta(days=90), conditioning_days=2, number=2)
    journey = Journey((second, first))
    assert [t.number for t in journey.transplants] == [1, 2]
    assert journey.active(DAY0 + timedelta(days=30)) is first
    assert journey.active(DAY0 + timedelta(days=87)) is first
    assert journey.active(DAY0 + timedelta(days=88)) is second  # its conditioning starts
    assert second.day_number(DAY0 + timedelta(days=95)) == 5
    assert first.day_number(DAY0 + timedelta(days=95)) == 95  # history keeps its own count
    assert journey.active(DAY0 - timedelta(days=60)) is first


def test_milestones_for_blood_and_cord():
    blood = {m.kind: m for m in make_transplant(day0=DAY0).milestones()}
    assert blood[MilestoneKind.DAY_ZERO].day == 0
    assert (blood[MilestoneKind.ENGRAFTMENT_WINDOW].day,) == (10,)
    assert blood[MilestoneKind.ENGRAFTMENT_WINDOW].last_day == 21
    assert blood[MilestoneKind.COUNTS_CHECK_IN].day == 30
    assert blood[MilestoneKind.CLOSE_CARE_END].day == 100
    assert blood[MilestoneKind.SIX_MONTHS].day == (date(2026, 11, 10) - DAY0).days
    assert blood[MilestoneKind.ONE_YEAR].day == 365
    cord = {m.kind: m for m in make_transplant(source=GraftSource.CORD_BLOOD).milestones()}
    assert cord[MilestoneKind.COUNTS_CHECK_IN].day == 42
    assert cord[MilestoneKind.ENGRAFTMENT_WINDOW].last_day == 42
    for milestone in blood.values():
        assert milestone.source
        assert "fail" not in (milestone.title + milestone.detail).lower()


def test_yearly_follow_up_milestones_and_leap_years():
    t = make_transplant(day0=date(2028, 2, 29))
    yearly = [m for m in t.milestones(years=5) if m.title.endswith("check-up")]
    dates = [t.date_of(m.day) for m in yearly]
    assert dates == [
        date(2028, 8, 29),
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
        date(2033, 2, 28),
    ]


def test_configured_numbers_move_the_phases_and_milestones():
    numbers = ClinicalNumbers({"close_care_days": 80.0, "counts_check_in_blood": 28.0})
    t = make_transplant(day0=DAY0)
    assert t.phase_on(t.date_of(81), t.date_of(81), numbers) is Phase.FOLLOW_UP
    kinds = {m.kind: m.day for m in t.milestones(numbers)}
    assert kinds[MilestoneKind.COUNTS_CHECK_IN] == 28
    assert kinds[MilestoneKind.CLOSE_CARE_END] == 80


@pytest.mark.parametrize("days", [0, -1, 31])
def test_conditioning_start_must_be_a_real_day_before_day0(days):
    with pytest.raises(ValueError, match="Conditioning must start"):
        make_transplant(conditioning_days=days)


def test_recovery_cannot_be_on_or_before_day0():
    with pytest.raises(ValueError, match="after Day 0"):
        make_transplant(day0=DAY0, neutrophil_recovery=DAY0)


def test_every_phase_has_a_plain_title_and_summary():
    assert [p.value for p in Phase] == [
        "preparation",
        "conditioning",
        "infusion",
        "engraftment",
        "recovery",
        "follow-up",
    ]
    for phase in Phase:
        assert phase.title and phase.summary.endswith(".")
