"""Appointments and the questions notebook through the service: one transaction and one
notification per intent, undo, questions that move on, search."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion.domain.visits import Appointment, AppointmentKind, VisitError
from companion.service.diary import DiaryService
from companion.storage.db import open_db
from tests.conftest import make_transplant

TZ = timezone(timedelta(hours=2))
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=TZ)  # Day +22 of a transplant on 10 May


@pytest.fixture
def clock():
    return [NOW]


@pytest.fixture
def service(tmp_path, clock, team):
    service = DiaryService(open_db(tmp_path / "companion.db"), lambda: clock[0])
    service.transplants.start(make_transplant(), team)
    yield service
    service.close()


def visit(days: float, kind=AppointmentKind.CLINIC_VISIT, **extra) -> Appointment:
    return Appointment(NOW + timedelta(days=days), kind, **extra)


def test_an_appointment_is_stored_as_data_with_its_instant(service):
    heard = []
    service.subscribe(heard.append)
    saved = service.visits.add_appointment(visit(1, place="Ward 4", note="Fasting")).value
    row = service.db["appointments"].get(saved.id)
    assert (row["at"], row["at_utc"], row["kind"]) == (
        "2026-06-02T09:00:00+02:00",
        "2026-06-02T07:00:00Z",
        "clinic-visit",
    )
    assert row["title"] is None  # the words are made when shown
    assert len(heard) == 1 and heard[0].appointments
    assert service.visits.appointments() == [saved]


def test_appointments_sort_as_instants_across_offsets(service):
    later = service.visits.add_appointment(visit(1)).value  # 07:00 UTC
    earlier_text = Appointment(
        datetime(2026, 6, 2, 8, 30, tzinfo=UTC), AppointmentKind.SCAN
    )  # 08:30 UTC: after 07:00 UTC, though "08:30" sorts before "09:00" as text
    scan = service.visits.add_appointment(earlier_text).value
    assert [a.id for a in service.visits.appointments()] == [later.id, scan.id]
    first = service.visits.add_appointment(
        Appointment(
            datetime(2026, 6, 2, 10, 0, tzinfo=timezone(timedelta(hours=5))), AppointmentKind.SCAN
        )
    ).value  # 05:00 UTC: first, though its text says 10:00
    assert service.visits.appointments()[0].id == first.id


def test_a_refused_appointment_changes_nothing(service):
    with pytest.raises(VisitError):
        service.visits.add_appointment(visit(1, AppointmentKind.OTHER))
    assert service.visits.appointments() == service.visits.deleted_appointments() == []
    assert [item.operation for item in service.journal()] == ["start"]


def test_edit_delete_and_undo(service):
    saved = service.visits.add_appointment(visit(2)).value
    service.visits.update_appointment(replace(saved, place="Day unit"))
    assert service.visits.appointment(saved.id).place == "Day unit"
    service.visits.delete_appointment(saved.id)
    assert service.visits.appointments() == []
    service.visits.restore_appointment(saved.id)
    assert service.visits.appointments()[0].place == "Day unit"


def test_the_next_appointment_and_its_line(service):
    assert service.visits.next_appointment() is None
    service.visits.add_appointment(visit(-3))
    saved = service.visits.add_appointment(visit(1, AppointmentKind.BLOOD_TEST)).value
    service.visits.add_question("Can I drive?")
    following = service.visits.next_appointment()
    assert following.appointment == saved and following.day == 23
    assert following.questions == 0  # a blood test takes no questions


def test_a_question_goes_to_the_next_visit_moves_and_is_answered(service, clock):
    past = service.visits.add_appointment(visit(-7)).value
    first = service.visits.add_appointment(visit(2)).value
    second = service.visits.add_appointment(visit(9)).value
    heard = []
    service.subscribe(heard.append)
    question = service.visits.add_question("  Can I go to the shops?  ").value
    assert question.text == "Can I go to the shops?" and question.appointment_id is None
    assert heard[-1].questions and len(heard) == 1
    [placed] = service.visits.questions(first.id)
    assert placed.question == question
    service.visits.move_question(question.id, second.id)
    assert (
        service.visits.questions(first.id) == [] and len(service.visits.questions(second.id)) == 1
    )
    with pytest.raises(VisitError, match="already been"):
        service.visits.add_question("Shower with the line?", past.id)
    old = service.visits.add_question("Shower with the line?", first.id).value
    clock[0] = NOW + timedelta(days=2, hours=3)  # at the visit
    service.visits.answer_question(old.id, "Cover it with the plastic sleeve.")
    unanswered = service.visits.add_question("Fruit?", first.id).value
    clock[0] = NOW + timedelta(days=5)  # after it: the answer stays with that visit
    moved, carried = service.visits.questions(second.id)
    assert [p.id for p in service.visits.questions(first.id)] == [old.id]
    [kept] = service.visits.questions(first.id)
    assert kept.question.answer == "Cover it with the plastic sleeve."
    assert kept.question.answered_at == NOW + timedelta(days=2, hours=3)
    # The unanswered one moved on to the next visit, saying where from.
    assert moved.id == question.id
    assert carried.id == unanswered.id and carried.carried_from == first
    assert [p.id for p in service.visits.questions_for_next_visit()] == [question.id, unanswered.id]


def test_questions_wait_for_a_visit_not_booked_yet(service):
    question = service.visits.add_question("Flu jab?").value
    assert [p.appointment for p in service.visits.questions_for_next_visit()] == [None]
    booked = service.visits.add_appointment(visit(4)).value
    assert service.visits.questions_for_next_visit()[0].appointment == booked
    service.visits.delete_appointment(booked.id)
    assert service.visits.questions_for_next_visit()[0].id == question.id


def test_search_and_refusals(service):
    service.visits.add_question("Can I eat SUSHI?")
    service.visits.add_question("When is the next scan?")
    assert [p.question.text for p in service.visits.search_questions("sushi")] == [
        "Can I eat SUSHI?"
    ]
    with pytest.raises(VisitError, match="question"):
        service.visits.add_question("   ")
    with pytest.raises(VisitError, match="limit is 1000"):
        service.visits.add_question("x" * 1001)
    with pytest.raises(VisitError, match="no appointment number 99"):
        service.visits.add_question("Any?", 99)
    with pytest.raises(VisitError, match="no question number 42"):
        service.visits.answer_question(42, "Yes")
    assert len(service.visits.questions()) == 2
