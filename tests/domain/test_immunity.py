"""Issue 21, pure: the infection-risk period, the plan's dates against the published
defaults, dose statuses, the live-vaccine lock with each condition toggled, IgG units."""

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.content.immunity import load_screening, load_vaccines
from companion.domain.immunity import (
    Confirmation,
    DoseStatus,
    FluSeason,
    InfectionPeriod,
    LiveCondition,
    VaccineDose,
    add_months,
    default_doses,
    default_screening,
    dose_status,
    infection_period,
    live_status,
)
from companion.domain.immunity_wording import condition_line, period_line, period_text
from companion.domain.kinds import TransplantKind
from companion.domain.labs import IggUnit, LabError, igg_text, parse_cd4, parse_igg

DAY0 = date(2026, 5, 10)
MONTHS = {"two_years": 24, "off_immunosuppression": 12, "ivig": 8}


@pytest.mark.parametrize(
    ("day", "recovery", "period"),
    [
        (-3, None, InfectionPeriod.PRE_ENGRAFTMENT),
        (10, None, InfectionPeriod.PRE_ENGRAFTMENT),
        (15, 16, InfectionPeriod.PRE_ENGRAFTMENT),
        (16, 16, InfectionPeriod.EARLY),  # the recovery date starts the next period
        (30, None, InfectionPeriod.PRE_ENGRAFTMENT),
        # Nurse review 1: no recovery recorded, so never "counts back" after Day +30.
        (31, None, InfectionPeriod.PRE_ENGRAFTMENT),
        (60, None, InfectionPeriod.PRE_ENGRAFTMENT),
        (100, 18, InfectionPeriod.EARLY),
        (101, 18, InfectionPeriod.LATE),
        (800, None, InfectionPeriod.LATE),
    ],
)
def test_the_period_follows_recovery_and_day_100(day, recovery, period):
    assert infection_period(day, recovery, 100) is period


@pytest.mark.parametrize(("day", "recovery"), [(40, None), (40, 18), (200, 18), (200, None)])
def test_a_low_latest_count_keeps_the_before_recovery_period(day, recovery):
    # Nurse review 1: an ANC below 0.5 never sits beside "counts back".
    assert infection_period(day, recovery, 100, neutropenic=True) is (
        InfectionPeriod.PRE_ENGRAFTMENT
    )
    assert (
        "counts back"
        not in period_line(
            infection_period(day, recovery, 100, neutropenic=True), TransplantKind.AUTOLOGOUS
        ).lower()
    )


@pytest.mark.parametrize(
    ("day0", "season", "expected"),
    [
        # 6 months lands in November, in the season: from then, then each September.
        (DAY0, FluSeason(9, 6), [date(2026, 11, 10), date(2027, 9, 1), date(2028, 9, 1)]),
        # 6 months lands in July, out of season: the first dose waits for September.
        (date(2026, 1, 10), FluSeason(9, 6), [date(2026, 9, 1), date(2027, 9, 1)]),
        # Southern hemisphere, from March: July is in season.
        (date(2026, 1, 10), FluSeason(3, 6), [date(2026, 7, 10), date(2027, 3, 1)]),
    ],
)
def test_flu_is_planned_once_each_flu_season(day0, season, expected):
    # Nurse review 7: by season, one dose a season (a second only if the team says so).
    flu = next(v for v in load_vaccines() if v.id == "influenza")
    assert flu.every_season
    doses = default_doses([flu], TransplantKind.ALLOGENEIC, day0, season=season)
    assert [d.earliest for d in doses][: len(expected)] == expected
    dates = [d.earliest for d in doses]
    assert all((b - a).days > 180 for a, b in pairwise(dates))  # one a season


def test_the_call_lines_of_each_period():
    # Nurse review 9: call now for a fever or a new cough; shingles today; before recovery,
    # anything on the call list and the low limit in force.
    late = period_text(InfectionPeriod.LATE, TransplantKind.ALLOGENEIC).call
    assert late == (
        "Call your team now about a fever or a new cough. A painful rash with blisters, often "
        "on one side (shingles): call today."
    )
    before = period_text(InfectionPeriod.PRE_ENGRAFTMENT, TransplantKind.AUTOLOGOUS, "96.8 °F")
    assert "or anything on your call list; or a temperature below 96.8 °F." in before.call


def test_covid_19_is_one_dose_from_3_months_then_as_the_team_says():
    # Nurse review 16: no invented series; the source is one that covers COVID-19.
    covid = next(v for v in load_vaccines() if v.id == "covid-19")
    assert covid.months == (3,)
    assert "further doses as your team says" in covid.why
    assert "ECIL 7" not in covid.source and "ASH" in covid.source
    doses = default_doses([covid], TransplantKind.AUTOLOGOUS, DAY0)
    assert [(d.dose, d.earliest) for d in doses] == [(1, date(2026, 8, 10))]


def test_months_are_added_to_the_calendar_and_the_31st_is_kept_in_the_month():
    assert add_months(date(2026, 5, 10), 3) == date(2026, 8, 10)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 30), 14) == date(2028, 1, 30)


def _by(doses):
    return {(d.vaccine, d.dose): d.earliest for d in doses}


@pytest.mark.parametrize("kind", list(TransplantKind))
def test_the_default_plan_has_the_published_dates(kind):
    plan = _by(default_doses(load_vaccines(), kind, DAY0))
    # Pneumococcal conjugate: 3 doses from 3 months about a month apart; the 4th at 12.
    assert plan[("pneumococcal-conjugate", 1)] == date(2026, 8, 10)
    assert plan[("pneumococcal-conjugate", 3)] == date(2026, 10, 10)
    fourth = (
        "pneumococcal-4th-donor" if kind is TransplantKind.ALLOGENEIC else "pneumococcal-4th-own"
    )
    assert plan[(fourth, 4)] == date(2027, 5, 10)
    # Flu from 6 months; COVID-19 from 3; DTaP, Hib, polio, hepatitis B from 6; shingles
    # (recombinant) from about 12; MMR and chickenpox (live) at 24 months.
    assert plan[("influenza", 1)] == date(2026, 11, 10)
    assert plan[("covid-19", 1)] == date(2026, 8, 10)
    for vaccine in ("tetanus-diphtheria-pertussis", "hib", "polio-inactivated", "hepatitis-b"):
        assert plan[(vaccine, 1)] == date(2026, 11, 10)
        assert (vaccine, 3) in plan
    assert plan[("shingles-recombinant", 1)] == date(2027, 5, 10)
    assert plan[("mmr", 1)] == plan[("varicella", 1)] == date(2028, 5, 10)
    # Offered to add, not filled in: HPV (ages 9–45) and yellow fever (travel).
    assert not any(v in ("hpv", "yellow-fever") for v, _ in plan)


def test_one_vaccine_can_be_added_with_all_its_doses():
    doses = default_doses(load_vaccines(), TransplantKind.ALLOGENEIC, DAY0, only="hpv")
    assert [(d.dose, d.earliest) for d in doses] == [
        (1, date(2026, 11, 10)),
        (2, date(2027, 1, 10)),
        (3, date(2027, 5, 10)),
    ]


def _dose(**changes):
    values = {"vaccine": "x", "name": "X", "dose": 1, "earliest": date(2026, 8, 10)}
    return VaccineDose(**(values | changes))


@pytest.mark.parametrize(
    ("dose", "today", "allowed", "status"),
    [
        (_dose(), date(2026, 8, 9), False, DoseStatus.NOT_YET),
        (_dose(), date(2026, 8, 10), False, DoseStatus.DUE),
        (_dose(), date(2026, 10, 9), False, DoseStatus.DUE),  # 60 days
        (_dose(), date(2026, 10, 10), False, DoseStatus.OVERDUE),  # 61 days
        (_dose(given_on=date(2026, 9, 1)), date(2027, 1, 1), False, DoseStatus.DONE),
        (_dose(live=True), date(2030, 1, 1), False, DoseStatus.LOCKED),
        (_dose(live=True), date(2026, 8, 10), True, DoseStatus.DUE),
    ],
)
def test_dose_status(dose, today, allowed, status):
    assert dose_status(dose, today, allowed, 60) is status


def _lock(kind=TransplantKind.ALLOGENEIC, today=date(2028, 6, 1), confirmed=None, ivig=None):
    return live_status(kind, DAY0, today, confirmed or {}, ivig, MONTHS)


def _states(status):
    return {c.name.value: c.met for c in status.conditions}


def test_the_lock_starts_with_unknowns_and_opens_only_when_all_four_are_met():
    status = _lock(today=date(2027, 6, 1))
    assert not status.allowed
    assert _states(status) == {
        "two-years": False,
        "no-active-gvhd": None,
        "off-immunosuppression-1-year": None,
        "ivig-8-months": None,  # nothing logged is not "none given" (nurse review 6)
    }
    confirmed = {
        "no-active-gvhd": Confirmation(True),
        "off-immunosuppression-1-year": Confirmation(True, date(2027, 5, 1)),
    }
    assert not _lock(confirmed=confirmed).allowed
    confirmed["ivig-8-months"] = Confirmation(True)
    assert _lock(confirmed=confirmed).allowed
    # Each condition toggled alone keeps the lock on.
    assert not _lock(today=date(2028, 5, 9), confirmed=confirmed).allowed  # 2 years
    assert not _lock(confirmed=confirmed | {"no-active-gvhd": Confirmation(False)}).allowed
    assert not _lock(confirmed=confirmed | {"no-active-gvhd": Confirmation(None)}).allowed
    soon = confirmed | {"off-immunosuppression-1-year": Confirmation(True, date(2027, 7, 1))}
    assert not _lock(confirmed=soon).allowed  # stopped 11 months ago
    assert not _lock(confirmed=confirmed, ivig=date(2027, 11, 1)).allowed  # 7 months
    assert _lock(confirmed=confirmed, ivig=date(2027, 10, 1)).allowed  # 8 months


def test_no_ivig_in_the_diary_is_not_confirmed_and_says_to_ask_the_team():
    state = {c.name: c for c in _lock().conditions}[LiveCondition.IVIG]
    assert state.met is None
    line = condition_line(state, TransplantKind.ALLOGENEIC)
    assert "No IVIG infusion recorded in the app" in line
    assert "Ask your team whether you had one, and when (your team confirms)." in line
    assert "met" not in line
    told = _lock(confirmed={"ivig-8-months": Confirmation(True)}).conditions
    assert {c.name: c for c in told}[LiveCondition.IVIG].met is True


def test_each_condition_says_what_it_counts_from_and_until():
    status = _lock(today=date(2027, 6, 1), ivig=date(2027, 5, 1))
    by_name = {c.name: c for c in status.conditions}
    assert by_name[LiveCondition.TWO_YEARS].since == DAY0
    assert by_name[LiveCondition.TWO_YEARS].until == date(2028, 5, 10)
    assert by_name[LiveCondition.IVIG].since == date(2027, 5, 1)
    assert by_name[LiveCondition.IVIG].until == date(2028, 1, 1)
    assert by_name[LiveCondition.IVIG].met is False


def test_after_an_own_cell_transplant_gvhd_does_not_apply_but_treatment_must_have_stopped():
    confirmed = {"off-immunosuppression-1-year": Confirmation(True, date(2026, 6, 1))}
    status = _lock(TransplantKind.AUTOLOGOUS, confirmed=confirmed)
    assert _states(status)["no-active-gvhd"] is True
    assert _states(status)["no-maintenance-treatment"] is None
    assert not status.allowed
    confirmed["no-maintenance-treatment"] = Confirmation(True)
    confirmed["ivig-8-months"] = Confirmation(True)
    assert _lock(TransplantKind.AUTOLOGOUS, confirmed=confirmed).allowed


def test_the_team_s_waits_replace_the_published_ones():
    confirmed = {
        "no-active-gvhd": Confirmation(True),
        "off-immunosuppression-1-year": Confirmation(True, date(2027, 1, 1)),
        "ivig-8-months": Confirmation(True),
    }
    early = live_status(
        TransplantKind.ALLOGENEIC,
        DAY0,
        date(2027, 12, 1),
        confirmed,
        None,
        {"two_years": 18, "off_immunosuppression": 6, "ivig": 8},
    )
    assert early.allowed


def test_the_screening_plan_is_yearly_from_published_guidance():
    checks = load_screening().checks
    donor = default_screening(checks, TransplantKind.ALLOGENEIC, DAY0, date(2026, 6, 1))
    own = default_screening(checks, TransplantKind.AUTOLOGOUS, DAY0, date(2026, 6, 1))
    eyes = [i.due_on for i in donor if i.item == "eyes"]
    assert eyes == [date(2027, 5, 10)]  # at 1 year, then as the team says (nurse review 17)
    kidneys = [i.due_on for i in donor if i.item == "kidneys"]
    assert kidneys == [date(2027, 5, 10), date(2028, 5, 10), date(2029, 5, 10)]
    assert [i.due_on for i in donor if i.item == "bones"] == [date(2027, 5, 10)]
    assert next(i.due_on for i in donor if i.item == "teeth") == date(2026, 11, 10)
    assert any(i.item == "lungs" for i in donor) and not any(i.item == "lungs" for i in own)
    for wanted in (
        "eyes",
        "teeth",
        "bones",
        "thyroid",
        "heart",
        "skin",
        "cancer-screening",
        "kidneys",
    ):
        assert any(i.item == wanted for i in own), wanted


def test_the_late_effects_words_follow_the_nurse_review():
    # Nurse review 17.
    checks = {c.id: c for c in load_screening().checks}
    assert checks["bones"].why == (
        "Bone thinning is common after transplant. A scan at about 1 year, sooner if you take "
        "steroids."
    )
    assert checks["cancer-screening"].why.startswith(
        "Cancer screening for your age and sex (such as breast, cervix, bowel), earlier after "
        "chest radiation or TBI."
    )
    assert "at 1 year, then as your team says; yearly with chronic GVHD" in checks["eyes"].why
    assert "urine and blood test" in checks["kidneys"].why


def test_igg_in_both_units_and_the_unit_mix_up():
    assert parse_igg("7.2", IggUnit.G_L) == 7.2
    assert parse_igg("720", IggUnit.MG_DL) == 7.2
    assert igg_text(7.2, IggUnit.MG_DL) == "720 mg/dL"
    assert igg_text(7.2, IggUnit.G_L) == "7.2 g/L"
    with pytest.raises(LabError, match="Did you mean 720 mg/dL"):
        parse_igg("720", IggUnit.G_L)
    with pytest.raises(LabError, match="looks like a value in g/L"):
        parse_igg("7.2", IggUnit.MG_DL)
    assert parse_igg("62", IggUnit.G_L) == 62  # a high IgG (myeloma) is taken as typed
    with pytest.raises(LabError, match="CD4"):
        parse_cd4("0.3")  # ×10⁹/L typed where cells/µL are wanted
    assert parse_cd4("210") == 210.0


@given(st.floats(min_value=0.5, max_value=50))
def test_igg_typed_in_mg_dl_is_stored_as_the_same_amount_in_g_l(grams):
    stored = parse_igg(f"{grams * 100:.2f}", IggUnit.MG_DL)
    assert abs(stored - grams) < 0.01


@given(st.text(max_size=12))
def test_igg_typing_never_crashes(text):
    try:
        value = parse_igg(text, IggUnit.G_L)
    except LabError:
        return
    assert 0 <= value <= 100
