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
    service.start(make_transplant(), team)
    yield service
    service.close()


def visit(days: float, kind=AppointmentKind.CLINIC_VISIT, **extra) -> Appointment:
    return Appointment(NOW + timedelta(days=days), kind, **extra)


def test_an_appointment_is_stored_as_data_with_its_instant(service):
    heard = []
    service.subscribe(heard.append)
    saved = service.add_appointment(visit(1, place="Ward 4", note="Fasting")).item
    row = service.db["appointments"].get(saved.id)
    assert (row["at"], row["at_utc"], row["kind"]) == (
        "2026-06-02T09:00:00+02:00",
        "2026-06-02T07:00:00Z",
        "clinic-visit",
    )
    assert row["title"] is None  # the words are made when shown
    assert len(heard) == 1 and heard[0].appointments
    assert service.appointments() == [saved]


def test_appointments_sort_as_instants_across_offsets(service):
    later = service.add_appointment(visit(1)).item  # 07:00 UTC
    earlier_text = Appointment(
        datetime(2026, 6, 2, 8, 30, tzinfo=UTC), AppointmentKind.SCAN
    )  # 08:30 UTC: after 07:00 UTC, though "08:30" sorts before "09:00" as text
    scan = service.add_appointment(earlier_text).item
    assert [a.id for a in service.appointments()] == [later.id, scan.id]
    first = service.add_appointment(
        Appointment(
            datetime(2026, 6, 2, 10, 0, tzinfo=timezone(timedelta(hours=5))), AppointmentKind.SCAN
        )
    ).item  # 05:00 UTC: first, though its text says 10:00
    assert service.appointments()[0].id == first.id


def test_a_refused_appointment_changes_nothing(service):
    with pytest.raises(VisitError):
        service.add_appointment(visit(1, AppointmentKind.OTHER))
    assert service.db["appointments"].count == 0


def test_edit_delete_and_undo(service):
    saved = service.add_appointment(visit(2)).item
    service.update_appointment(replace(saved, place="Day unit"))
    assert service.appointment(saved.id).place == "Day unit"
    service.delete_appointment(saved.id)
    assert service.appointments() == []
    service.restore_appointment(saved.id)
    assert service.appointments()[0].place == "Day unit"


def test_the_next_appointment_and_its_line(service):
    assert service.next_appointment() is None
    service.add_appointment(visit(-3))
    saved = service.add_appointment(visit(1, AppointmentKind.BLOOD_TEST)).item
    service.add_question("Can I drive?")
    following = service.next_appointment()
    assert following.appointment == saved and following.day == 23
    assert following.questions == 0  # a blood test takes no questions


def test_a_question_goes_to_the_next_visit_moves_and_is_answered(service, clock):
    past = service.add_appointment(visit(-7)).item
    first = service.add_appointment(visit(2)).item
    second = service.add_appointment(visit(9)).item
    heard = []
    service.subscribe(heard.append)
    question = service.add_question("  Can I go to the shops?  ").item
    assert question.text == "Can I go to the shops?" and question.appointment_id is None
    assert heard[-1].questions and len(heard) == 1
    [placed] = service.questions(first.id)
    assert placed.question == question
    service.move_question(question.id, second.id)
    assert service.questions(first.id) == [] and len(service.questions(second.id)) == 1
    with pytest.raises(VisitError, match="already been"):
        service.add_question("Shower with the line?", past.id)
    old = service.add_question("Shower with the line?", first.id).item
    clock[0] = NOW + timedelta(days=2, hours=3)  # at the visit
    service.answer_question(old.id, "Cover it with the plastic sleeve.")
    unanswered = service.add_question("Fruit?", first.id).item
    clock[0] = NOW + timedelta(days=5)  # after it: the answer stays with that visit
    moved, carried = service.questions(second.id)
    assert [p.id for p in service.questions(first.id)] == [old.id]
    [kept] = service.questions(first.id)
    assert kept.question.answer == "Cover it with the plastic sleeve."
    assert kept.question.answered_at == NOW + timedelta(days=2, hours=3)
    # The unanswered one moved on to the next visit, saying where from.
    assert moved.id == question.id
    assert carried.id == unanswered.id and carried.carried_from == first
    assert [p.id for p in service.questions_for_next_visit()] == [question.id, unanswered.id]


def test_questions_wait_for_a_visit_not_booked_yet(service):
    question = service.add_question("Flu jab?").item
    assert [p.appointment for p in service.questions_for_next_visit()] == [None]
    booked = service.add_appointment(visit(4)).item
    assert service.questions_for_next_visit()[0].appointment == booked
    service.delete_appointment(booked.id)
    assert service.questions_for_next_visit()[0].id == question.id


def test_search_and_refusals(service):
    service.add_question("Can I eat SUSHI?")
    service.add_question("When is the next scan?")
    assert [p.question.text for p in service.search_questions("sushi")] == ["Can I eat SUSHI?"]
    with pytest.raises(VisitError, match="question"):
        service.add_question("   ")
    with pytest.raises(VisitError, match="limit is 1000"):
        service.add_question("x" * 1001)
    with pytest.raises(VisitError, match="no appointment number 99"):
        service.add_question("Any?", 99)
    with pytest.raises(VisitError, match="no question number 42"):
        service.answer_question(42, "Yes")
    assert service.db["questions"].count == 2
