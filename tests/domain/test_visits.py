"""Appointments and questions: kinds from what the user typed, limits, where questions go."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.text import has_controls
from companion.domain.visits import (
    Appointment,
    AppointmentKind,
    Question,
    VisitError,
    check_appointment,
    check_question,
    parse_kind,
    place_questions,
)
from companion.domain.wording import appointment_line, next_appointment_line

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 6, 1)  # a Monday


def at(day: int, hour: int = 10, minute: int = 30) -> datetime:
    return datetime(2026, 6, 1, hour, minute, tzinfo=TZ) + timedelta(days=day)


@pytest.mark.parametrize(
    ("typed", "kind", "title"),
    [
        ("clinic visit", AppointmentKind.CLINIC_VISIT, ""),
        ("Clinic  Visit", AppointmentKind.CLINIC_VISIT, ""),
        ("clinic-visit", AppointmentKind.CLINIC_VISIT, ""),
        ("blood test", AppointmentKind.BLOOD_TEST, ""),
        ("line-care", AppointmentKind.LINE_CARE, ""),
        ("SCAN", AppointmentKind.SCAN, ""),
        ("Eye check with Dr Lee", AppointmentKind.OTHER, "Eye check with Dr Lee"),
    ],
)
def test_kinds_from_ids_words_or_any_text(typed, kind, title):
    assert parse_kind(typed) == (kind, title)


def test_an_empty_what_is_refused():
    with pytest.raises(VisitError, match="what the appointment is"):
        parse_kind("  ")


def test_an_appointment_may_be_in_the_future_but_not_outside_the_years():
    future = check_appointment(Appointment(at(400), AppointmentKind.SCAN, place=" Ward 4 "))
    assert future.place == "Ward 4"
    with pytest.raises(VisitError, match="1 January 1900 to 31 December 2200"):
        check_appointment(Appointment(datetime(2201, 1, 2, tzinfo=TZ), AppointmentKind.SCAN))
    late = datetime(2200, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))  # 2201 in UTC
    with pytest.raises(VisitError, match="UTC"):
        check_appointment(Appointment(late, AppointmentKind.SCAN))
    with pytest.raises(VisitError, match="time zone"):
        check_appointment(Appointment(datetime(2026, 6, 1), AppointmentKind.SCAN))
    with pytest.raises(VisitError, match="what it is"):
        check_appointment(Appointment(at(1), AppointmentKind.OTHER))
    with pytest.raises(VisitError, match="limit is 2000"):
        check_appointment(Appointment(at(1), AppointmentKind.SCAN, note="x" * 2001))


@given(st.text(max_size=1200))
def test_a_question_is_kept_trimmed_or_refused_with_a_reason(text):
    try:
        kept = check_question(text)
    except VisitError as error:
        assert not text.strip() or len(text.strip()) > 1000 or has_controls(text.strip())
        assert "Please" in str(error)
    else:
        assert kept == text.strip() and 0 < len(kept) <= 1000


def test_questions_follow_the_next_visit_and_move_on_when_unanswered():
    past = Appointment(at(-7), AppointmentKind.CLINIC_VISIT, id=1)
    blood = Appointment(at(1), AppointmentKind.BLOOD_TEST, id=2)
    visit = Appointment(at(2), AppointmentKind.CLINIC_VISIT, id=3)
    later = Appointment(at(9), AppointmentKind.OTHER, title="Eye clinic", id=4)
    asked = at(-10)
    questions = [
        Question("Can I drive?", asked, None, id=10),  # follows the next visit
        Question("When can I shower?", asked, 1, id=11),  # past, unanswered: moves on
        Question("Eye drops?", asked, 4, id=12),  # its own, later
        Question("Line flush?", asked, 1, at(-7), "Twice a week.", id=13),  # answered: stays
    ]
    placed = {p.id: p for p in place_questions(questions, [past, blood, visit, later], TODAY)}
    assert placed[10].appointment == visit and placed[10].carried_from is None
    assert placed[11].appointment == visit and placed[11].carried_from == past
    assert placed[12].appointment == later
    assert placed[13].appointment == past
    # Today's visit keeps its questions all day, even after its hour.
    placed = place_questions(
        questions[1:2], [Appointment(at(0, 8), AppointmentKind.CLINIC_VISIT, id=1)], TODAY
    )
    assert placed[0].appointment.id == 1 and placed[0].carried_from is None
    # No visit booked: "the next visit", not booked yet.
    assert place_questions(questions[:1], [past, blood], TODAY)[0].appointment is None


def test_the_next_appointment_line():
    visit = Appointment(at(1), AppointmentKind.CLINIC_VISIT)
    assert next_appointment_line(visit, 21, TODAY) == "Next: clinic visit tomorrow 10:30 · Day +21"
    visit = Appointment(
        datetime(2026, 6, 2, 10, 30, tzinfo=TZ) + timedelta(days=7), AppointmentKind.CLINIC_VISIT
    )
    assert next_appointment_line(visit, 21, TODAY) == (
        "Next: clinic visit Tuesday 9 June 2026 10:30 · Day +21"
    )
    soon = Appointment(at(1, 10, 30) + timedelta(days=0), AppointmentKind.SCAN)
    assert next_appointment_line(soon, None, date(2026, 5, 29), 2) == (
        "Next: scan Tuesday 10:30 · 2 questions to ask"
    )
    other = Appointment(at(3), AppointmentKind.OTHER, "Eye clinic", "Ward 4", "Dr Lee")
    assert appointment_line(other, 24) == (
        "Thursday 4 June 2026 10:30 · Day +24 · Eye clinic · Ward 4 · with Dr Lee"
    )
