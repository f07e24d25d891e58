"""Issue 21 through the diary service: the plan is filled once from the defaults, every
change is one transaction with one change notification and a history row, refusals keep
everything as it was, and a diary holding the new tables is still a diary the app opens."""

from datetime import date, datetime, time

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.immunity import DoseStatus, InfectionPeriod, LiveCondition
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult
from companion.domain.team import Team
from companion.service.diary import DiaryService
from companion.service.immunity import VaccineError, gather_immunity_report
from companion.storage.db import inspect_file

DAY0 = date(2026, 5, 10)


@pytest.fixture
def make(tmp_path):
    opened = []

    def make(today: date, kind=TransplantKind.ALLOGENEIC):
        clock = lambda: datetime.combine(today, time(10, 0)).astimezone()  # noqa: E731
        service = DiaryService.open(tmp_path / "companion.db", clock)
        if not service.transplants.is_set_up:
            service.transplants.start(
                Transplant(kind, GraftSource.BLOOD, DAY0, 6, True),
                Team("City Unit", "020 7946 0100", "020 7946 0200"),
                "GB",
            )
        opened.append(service)
        return service

    yield make
    for service in opened:
        service.close()


def test_the_flu_plan_goes_on_every_season_with_no_end(make):
    # Nurse review 7: one flu dose each season, for life; not months 6, 7, 18, 30.
    early = make(date(2026, 9, 1))
    flu = [p.dose for p in early.immunity.plan() if p.dose.vaccine == "influenza"]
    assert [d.earliest for d in flu] == [date(2026, 11, 10), date(2027, 9, 1), date(2028, 9, 1)]
    early.close()
    later = make(date(2031, 1, 15))
    flu = [p.dose for p in later.immunity.plan() if p.dose.vaccine == "influenza"]
    assert [d.earliest for d in flu][-3:] == [
        date(2029, 9, 1),
        date(2030, 9, 1),
        date(2031, 9, 1),  # the next season's dose is always shown
    ]
    assert [d.dose for d in flu] == list(range(1, len(flu) + 1))
    assert later.immunity.next_dose() is not None


def test_the_flu_season_is_a_setting(make):
    service = make(date(2026, 5, 20))
    service.settings.save(numbers={"flu_season_start_month": 3.0})  # southern hemisphere
    flu = [p.dose for p in service.immunity.plan() if p.dose.vaccine == "influenza"]
    assert [d.earliest for d in flu][:2] == [date(2027, 3, 1), date(2028, 3, 1)]


@pytest.mark.parametrize(
    ("today", "kind", "offered"),
    [
        (date(2026, 5, 30), TransplantKind.ALLOGENEIC, False),  # Day +20
        (date(2026, 6, 9), TransplantKind.ALLOGENEIC, True),  # Day +30
        (date(2027, 6, 9), TransplantKind.AUTOLOGOUS, False),  # no donor cells
    ],
)
def test_chronic_gvhd_signs_are_offered_after_donor_transplants_from_day_30(
    make, today, kind, offered
):
    # Nurse review 3: the team's day, Day +30 by default.
    service = make(today, kind)
    terms = {t.id for t in service.immunity.symptom_terms()}
    assert ("cgvhd-mouth-sore" in terms) is offered
    assert "white-patches" not in terms and "rash" in terms  # the call-now terms stay
    assert service.immunity.gvhd_check_open() is offered
    assert "cgvhd-eyes" in {t.id for t in service.immunity.symptom_terms("cgvhd-eyes")}


def test_the_team_sets_the_day_the_chronic_gvhd_signs_are_offered_from(make):
    service = make(date(2026, 5, 30))  # Day +20
    service.settings.save(numbers={"gvhd_check_from_day": 14.0})
    assert service.immunity.gvhd_check_open()


def test_the_plan_is_filled_once_and_kept(make):
    service = make(date(2026, 9, 1))
    first = service.immunity.plan()
    again = service.immunity.plan()
    assert [p.dose.id for p in first] == [p.dose.id for p in again]
    count = service.db.execute("SELECT count(*) FROM vaccine_doses").fetchone()[0]
    assert count == len(first) > 20


def test_a_change_is_one_notification_and_one_history_row(make):
    service = make(date(2026, 9, 1))
    dose = service.immunity.plan()[0].dose
    seen = []
    service.subscribe(seen.append)
    before = len(service.history())
    service.immunity.edit_dose(dose.id, earliest=date(2026, 9, 15))
    assert len(seen) == 1 and seen[0].immunity and seen[0].history
    assert len(service.history()) == before + 1
    assert service.immunity.dose(dose.id).earliest == date(2026, 9, 15)
    assert service.immunity.dose(dose.id).changed_by_team


def test_refusals_change_nothing(make):
    service = make(date(2026, 9, 1))
    dose = service.immunity.plan()[0].dose
    for bad in (
        lambda: service.immunity.mark_given(dose.id, date(2026, 9, 2)),  # the future
        lambda: service.immunity.mark_given(dose.id, date(2026, 5, 1)),  # before Day 0
        lambda: service.immunity.mark_given(dose.id, date(2026, 8, 20), where="x" * 500),
        lambda: service.immunity.edit_dose(dose.id, earliest=date(2026, 1, 1)),
        lambda: service.immunity.confirm_condition(LiveCondition.TWO_YEARS, True),
        lambda: service.immunity.mark_given(12345, date(2026, 8, 20)),
    ):
        with pytest.raises(VaccineError):
            bad()
    assert service.immunity.dose(dose.id) == dose


def test_the_team_s_confirmation_opens_the_lock_and_is_recorded(make):
    service = make(date(2028, 6, 1))
    immunity = service.immunity
    assert not immunity.live_status().allowed
    immunity.confirm_condition(LiveCondition.NO_ACTIVE_GVHD, True)
    immunity.confirm_condition(LiveCondition.OFF_IMMUNOSUPPRESSION, True, date(2027, 5, 1))
    assert not immunity.live_status().allowed  # no IVIG logged is not "none given"
    immunity.confirm_condition(LiveCondition.IVIG, True)
    assert immunity.live_status().allowed
    mmr = next(p for p in immunity.plan() if p.dose.vaccine == "mmr")
    assert mmr.status is DoseStatus.DUE
    sentences = [c.sentence for c in service.history()]
    assert any("No active GVHD" in s and "yes" in s for s in sentences)


def test_the_period_uses_the_recovery_the_counts_show(make):
    service = make(date(2026, 5, 27))  # Day +17
    for day in (24, 25, 26):  # ANC after a nadir: recovery on 24 May, Day +14
        service.labs.add(LabResult(at=datetime(2026, 5, day - 10, 9).astimezone(), anc=0.1))
        service.labs.add(LabResult(at=datetime(2026, 5, day, 9).astimezone(), anc=0.8))
    assert service.immunity.period() is InfectionPeriod.EARLY
    assert service.immunity.period(date(2026, 5, 20)) is InfectionPeriod.PRE_ENGRAFTMENT


def test_screening_accepts_into_the_calendar_and_ticks(make):
    service = make(date(2027, 4, 1))
    items = service.immunity.screening()
    eyes = next(i for i in items if i.item == "eyes")
    service.immunity.accept_screening(eyes.id)
    again = next(i for i in service.immunity.screening() if i.id == eyes.id)
    appointment = service.visits.appointment(again.appointment_id)
    assert appointment.title.startswith("Eye check") and appointment.at.date() == eyes.due_on
    service.immunity.tick_screening(eyes.id)
    assert next(i for i in service.immunity.screening() if i.id == eyes.id).done_on == date(
        2027, 4, 1
    )
    # Filling again adds nothing twice.
    assert len(service.immunity.screening()) == len(items)


def test_the_report_marks_chronic_gvhd_signs_new_or_worse(make):
    service = make(date(2027, 3, 1))
    at = lambda d: datetime.combine(d, time(9)).astimezone()  # noqa: E731
    service.log.add(Entry(at(date(2027, 2, 1)), EntryKind.SYMPTOM, term="cgvhd-eyes", severity=1))
    service.log.add(Entry(at(date(2027, 2, 25)), EntryKind.SYMPTOM, term="cgvhd-eyes", severity=2))
    service.log.add(
        Entry(at(date(2027, 2, 26)), EntryKind.SYMPTOM, term="cgvhd-joints", severity=1)
    )
    report = gather_immunity_report(service, date(2027, 2, 15), date(2027, 3, 1))
    changes = {s.label: s.change for s in report.gvhd}
    assert changes == {
        "Dry, gritty eyes, or eyes hurt in light": "worse",
        "Stiff joints, or harder to move": "new",
    }


def test_a_diary_with_the_new_tables_is_still_a_diary_and_a_bad_value_is_refused(make, tmp_path):
    service = make(date(2027, 3, 1))
    dose = service.immunity.plan()[0].dose
    service.immunity.mark_given(dose.id, date(2026, 8, 20), "GP", "AB1")
    service.immunity.add_ivig(datetime(2026, 12, 1, 10).astimezone())
    service.labs.add(LabResult(at=datetime(2027, 2, 1, 9).astimezone(), cd4=200, igg=5.0))
    service.immunity.screening()
    service.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "companion.db"
    assert inspect_file(path) >= 7
    from companion.storage.db import NotADiaryError

    service.db.execute("UPDATE vaccine_doses SET given_on = 'soon' WHERE id = ?", [dose.id])
    service.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with pytest.raises(NotADiaryError, match="the date a vaccine was given"):
        inspect_file(path)


def test_when_day_0_moves_the_plan_and_check_ups_move_with_it(make):
    service = make(date(2026, 9, 1))
    immunity = service.immunity
    plan = immunity.plan()
    given, edited, plain = plan[0].dose, plan[1].dose, plan[2].dose
    immunity.mark_given(given.id, date(2026, 8, 20))
    immunity.edit_dose(edited.id, earliest=edited.earliest.replace(day=20))
    eyes_before = [i.due_on for i in immunity.screening() if i.item == "eyes"]
    service.settings.save(transplant=service.transplants.active.with_day0(date(2026, 5, 17)))
    immunity.plan()
    assert immunity.dose(given.id).given_on == date(2026, 8, 20)
    assert immunity.dose(given.id).earliest == given.earliest  # given: kept as it was
    assert immunity.dose(plain.id).earliest == plain.earliest.replace(day=17)
    assert immunity.dose(edited.id).earliest == edited.earliest.replace(day=27)  # +7 days too
    eyes = [i.due_on for i in immunity.screening() if i.item == "eyes"]
    assert eyes == [d.replace(day=17) for d in eyes_before]


def test_the_printed_record_says_who_set_each_date_in_plain_words(tmp_path):
    """Try-out finding 13: "default" in the Date column meant nothing to a patient."""
    from companion.printing.immunity_report import render_card_html
    from companion.service.immunity import gather_card

    service = DiaryService.open(
        tmp_path / "companion.db", lambda: datetime(2026, 9, 1, 10).astimezone()
    )
    try:
        service.transplants.start(
            Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, date(2026, 5, 10), 6, True),
            Team("City Unit", "020 7946 0100", "020 7946 0200"),
            "GB",
        )
        html = render_card_html(gather_card(service))
    finally:
        service.close()
    assert "Date set by" in html and "usual plan" in html
    assert ">default<" not in html
