"""Medicines in the pure core (issue 20): the list on any day, taper steps, pauses and stops,
doses with their status, blood-test holds, and the one schedule of reminders."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.medicine_words import (
    ReachFacts,
    dose_line,
    medicine_line,
    reach_problems,
    reach_sentence,
    reminder_text,
    status_words,
)
from companion.domain.medicines import (
    ChangeKind,
    DoseRecord,
    DoseStatus,
    Medicine,
    MedicineChange,
    MedicineError,
    check_change,
    check_medicine,
    doses,
    due_now,
    parse_times,
    pick_dose,
)
from companion.domain.schedule import (
    CheckAgain,
    ReminderKind,
    checks_again,
    dose_reminders,
    next_instant,
    temperature_checks,
)


# Fixed UTC instants: the tests never depend on the machine's time zone.
def utc(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=UTC)


D = date(2026, 6, 1)


def tacrolimus(**extra) -> Medicine:
    values = {
        "id": 1,
        "name": "Tacrolimus",
        "dose": "2 mg",
        "times": (time(8), time(20)),
        "start": D,
        "purpose": "keeps GVHD away",
    }
    return Medicine(**(values | extra))


def worked_out(medicines, now, records=(), tests=(), first=D, last=D, minutes=30):
    return doses(medicines, records, tests, first, last, now, timedelta(minutes=minutes), zone=utc)


def test_a_taper_changes_the_dose_from_its_day_and_the_list_of_a_past_day_stays():
    medicine = tacrolimus(
        changes=(
            MedicineChange(ChangeKind.DOSE, D + timedelta(days=3), dose="1.5 mg", id=1),
            MedicineChange(ChangeKind.DOSE, D + timedelta(days=6), dose="1 mg", id=2),
        )
    )
    assert [medicine.dose_on(D + timedelta(days=i)) for i in (0, 2, 3, 5, 6, 30)] == [
        "2 mg",
        "2 mg",
        "1.5 mg",
        "1.5 mg",
        "1 mg",
        "1 mg",
    ]
    found = worked_out([medicine], utc(D, time(7)), first=D, last=D + timedelta(days=6))
    assert [d.dose for d in found if d.due.time() == time(8)] == [
        "2 mg",
        "2 mg",
        "2 mg",
        "1.5 mg",
        "1.5 mg",
        "1.5 mg",
        "1 mg",
    ]


def test_a_pause_and_a_stop_leave_no_doses_but_keep_the_medicine():
    medicine = tacrolimus(
        changes=(
            MedicineChange(ChangeKind.PAUSE, D + timedelta(days=1), until=D + timedelta(days=2)),
            MedicineChange(ChangeKind.STOP, D + timedelta(days=5)),
        )
    )
    days = {d.due.date() for d in worked_out([medicine], utc(D, time(7)), last=D + timedelta(9))}
    assert days == {D, D + timedelta(3), D + timedelta(4)}
    assert medicine.last_day == D + timedelta(days=4)
    assert medicine.taken_on(D) and not medicine.taken_on(D + timedelta(1))
    assert not medicine.taken_on(D + timedelta(5))


def test_status_moves_from_upcoming_to_due_to_missed_unless_recorded():
    medicine = tacrolimus()
    at = lambda h, m=0: utc(D, time(h, m))  # noqa: E731
    statuses = [
        worked_out([medicine], now)[0].status for now in (at(7, 59), at(8), at(8, 29), at(8, 30))
    ]
    assert statuses == [DoseStatus.UPCOMING, DoseStatus.DUE, DoseStatus.DUE, DoseStatus.MISSED]
    taken = DoseRecord(1, at(8), DoseStatus.TAKEN, at(9, 15))
    dose = worked_out([medicine], at(12), records=[taken])[0]
    assert dose.status is DoseStatus.TAKEN and dose.late
    assert status_words(dose) == "taken late 09:15"
    skipped = DoseRecord(1, at(8), DoseStatus.SKIPPED, at(8, 5), "vomited")
    dose = worked_out([medicine], at(12), records=[skipped])[0]
    assert dose_line(dose) == "08:00  Tacrolimus 2 mg — skipped (vomited)"


def test_a_dose_before_the_blood_test_is_held_until_the_test_then_due_then_missed():
    medicine = tacrolimus(hold_on_blood_test=True)
    test = utc(D, time(10, 30))
    at = lambda h, m=0: utc(D, time(h, m))  # noqa: E731
    held = worked_out([medicine], at(9), tests=[test])[0]
    assert held.status is DoseStatus.HELD and held.held_until == test
    assert "Tacrolimus 2 mg — held until the blood test at 10:30" in dose_line(held)
    assert worked_out([medicine], at(10, 45), tests=[test])[0].status is DoseStatus.DUE
    assert worked_out([medicine], at(11), tests=[test])[0].status is DoseStatus.MISSED
    evening = worked_out([medicine], at(20, 10), tests=[test])[1]
    assert evening.held_until is None and evening.status is DoseStatus.DUE
    # Without the option, the test changes nothing.
    plain = worked_out([tacrolimus()], at(9), tests=[test])[0]
    assert plain.status is DoseStatus.MISSED


def test_every_n_hours_counts_from_the_first_dose_across_days():
    medicine = tacrolimus(times=(time(6),), every_hours=8)
    assert medicine.times_on(D) == [time(6), time(14), time(22)]
    assert medicine.times_on(D + timedelta(days=1)) == [time(6), time(14), time(22)]
    odd = tacrolimus(times=(time(6),), every_hours=10)
    assert odd.times_on(D) == [time(6), time(16)]
    assert odd.times_on(D + timedelta(days=1)) == [time(2), time(12), time(22)]
    assert odd.times_on(D - timedelta(days=1)) == []


def test_due_now_lists_today_whose_time_came_and_earlier_doses_still_waiting():
    medicine = tacrolimus()
    found = worked_out(
        [medicine], utc(D + timedelta(1), time(8, 10)), first=D, last=D + timedelta(1), minutes=900
    )
    listed = due_now(found, utc(D + timedelta(1), time(8, 10)))
    assert [(d.due, d.status) for d in listed] == [
        (utc(D, time(20)), DoseStatus.DUE),  # yesterday evening, still within 15 hours
        (utc(D + timedelta(1), time(8)), DoseStatus.DUE),
    ]


def test_take_without_due_picks_the_open_dose_nearest_in_time():
    found = worked_out([tacrolimus()], utc(D, time(19, 50)))
    assert pick_dose(found, 1, utc(D, time(19, 50))).due == utc(D, time(20))
    assert pick_dose(found, 1, utc(D, time(9))).due == utc(D, time(8))
    assert pick_dose(found, 2, utc(D, time(9))) is None


def test_what_the_patient_types_is_checked_with_a_message_that_says_what_to_do():
    with pytest.raises(MedicineError, match="Please type the dose"):
        check_medicine(tacrolimus(dose="  "))
    with pytest.raises(MedicineError, match="one time"):
        check_medicine(tacrolimus(every_hours=8))
    with pytest.raises(MedicineError, match="last day comes before"):
        check_medicine(tacrolimus(end=D - timedelta(1)))
    stopped = tacrolimus(changes=(MedicineChange(ChangeKind.STOP, D + timedelta(2)),))
    with pytest.raises(MedicineError, match="was stopped"):
        check_change(stopped, MedicineChange(ChangeKind.DOSE, D + timedelta(3), dose="1 mg"))
    with pytest.raises(MedicineError, match="starts on"):
        check_change(tacrolimus(), MedicineChange(ChangeKind.DOSE, D - timedelta(1), dose="1"))
    with pytest.raises(MedicineError, match="not a time of day"):
        parse_times("8am")
    assert parse_times("20:00, 8:00;8.00") == (time(8), time(20))


@given(st.text(max_size=40))
def test_parse_times_never_crashes_and_gives_sorted_unique_times(text):
    try:
        times = parse_times(text)
    except MedicineError as error:
        assert str(error)
        return
    assert list(times) == sorted(set(times)) and 1 <= len(times) <= 12


def test_words_for_the_list_never_add_advice():
    line = medicine_line(tacrolimus(hold_on_blood_test=True), D)
    assert line == (
        "Tacrolimus 2 mg at 08:00 and 20:00 — keeps GVHD away (held on blood-test days "
        "until the sample is taken)"
    )


# The schedule ----------------------------------------------------------------------------


def test_dose_reminders_repeat_three_times_ten_minutes_apart_before_missed():
    found = worked_out([tacrolimus()], utc(D, time(8, 5)))
    (reminder,) = dose_reminders(found)
    assert reminder.kind is ReminderKind.DOSE
    assert reminder.showings() == [utc(D, time(8)), utc(D, time(8, 10)), utc(D, time(8, 20))]
    assert reminder.until == utc(D, time(8, 30))
    text = reminder_text(reminder)
    assert text.title == "Time for Tacrolimus 2 mg" and "Press Taken" in text.body


def test_temperature_check_only_if_nothing_was_logged_since():
    times = (time(8), time(20))
    now = utc(D, time(8, 30))
    (check,) = temperature_checks(times, [utc(D - timedelta(1), time(21))], now, zone=utc)
    assert check.kind is ReminderKind.TEMPERATURE_CHECK and check.at == utc(D, time(8))
    assert temperature_checks(times, [utc(D, time(7, 15))], now, zone=utc) == []
    assert temperature_checks((), [], now, zone=utc) == []


def test_check_again_is_due_at_its_time_until_a_newer_reading():
    stored = [CheckAgain(utc(D, time(1, 15)), utc(D, time(0, 15)), 38.1, 1, entry_id=7)]
    readings = [(7, utc(D, time(0, 15)))]
    assert checks_again(stored, readings, utc(D, time(1))) == []
    (due,) = checks_again(stored, readings, utc(D, time(1, 16)))
    assert due.kind is ReminderKind.CHECK_AGAIN and due.value == 38.1
    assert "38.1 °C" in reminder_text(due).body
    newer = [*readings, (8, utc(D, time(1, 10)))]
    assert checks_again(stored, newer, utc(D, time(1, 16))) == []


def test_next_instant_is_the_next_dose_check_or_lapse():
    found = worked_out([tacrolimus()], utc(D, time(6)))
    stored = [CheckAgain(utc(D, time(7)), utc(D, time(6)), 38.1)]
    assert next_instant(found, (time(9),), stored, utc(D, time(6)), zone=utc) == utc(D, time(7))
    assert next_instant(found, (time(9),), [], utc(D, time(6)), zone=utc) == utc(D, time(8))
    assert next_instant(found, (), [], utc(D, time(8, 1)), zone=utc) == utc(D, time(8, 30))


def test_when_reminders_cannot_reach_the_patient_every_reason_has_a_fix():
    fine = ReachFacts(True, False, True, True, True)
    assert reach_problems(fine) == [] and reach_sentence([]) == ""
    none = ReachFacts(False, False, False, False, False)
    sentence = reach_sentence(reach_problems(none))
    assert sentence.startswith("Reminders cannot pop up on this computer: ")
    for words in ("switched off", "no notification service", "no system tray", "log in"):
        assert words in sentence
    paused = reach_problems(ReachFacts(True, True, True, True, True))
    assert len(paused) == 1 and "paused" in paused[0]
