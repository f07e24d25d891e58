"""``service.visits``: appointments and the questions notebook (each question waits for an
appointment, or for the next visit whichever it is when it comes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.domain.visits import (
    Appointment,
    PlacedQuestion,
    Question,
    VisitError,
    check_answer,
    check_appointment,
    check_question,
    next_visit,
    place_questions,
)
from companion.i18n import _
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.visit_repository import AppointmentRepository, QuestionRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService

_VISITS = Changes(appointments=True, questions=True)
_QUESTIONS = Changes(questions=True)


@dataclass(frozen=True, slots=True)
class NextAppointment:
    """The next appointment from now, for the Today page: its day number (None before the
    diary is set up) and the questions waiting for it."""

    appointment: Appointment
    day: int | None
    questions: int


class Visits:
    """``service.visits``: every write is one operation, undoable from the journal."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._appointments = AppointmentRepository(service.db)
        self._questions = QuestionRepository(service.db)

    # Appointments -------------------------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        """Every appointment (past and upcoming), in time order."""
        return self._appointments.all()

    def deleted_appointments(self) -> list[Appointment]:
        """Appointments deleted in the app (kept for Undo), in time order."""
        return self._appointments.deleted()

    def appointment(self, appointment_id: int) -> Appointment | None:
        return self._appointments.get(appointment_id)

    def upcoming_appointments(self) -> list[Appointment]:
        """From today on (today's stay "upcoming" all day: the visit may be going on)."""
        today = self._service.today()
        return [a for a in self.appointments() if not a.is_past(today)]

    def past_appointments(self) -> list[Appointment]:
        """Before today, newest first."""
        today = self._service.today()
        return [a for a in reversed(self.appointments()) if a.is_past(today)]

    def next_appointment(self) -> NextAppointment | None:
        """The next appointment not yet begun (from now, as instants), for "Next: …"."""
        now = self._service.now()
        upcoming = [a for a in self.appointments() if a.at >= now]
        if not upcoming:
            return None
        appointment = upcoming[0]
        day = None
        transplants = self._service.transplants
        if transplants.is_set_up:
            day = transplants.on(appointment.day).day_number(appointment.day)
        waiting = sum(
            1
            for placed in self.questions()
            if not placed.question.answered
            and placed.appointment is not None
            and placed.appointment.id == appointment.id
        )
        return NextAppointment(appointment, day, waiting)

    def add_appointment(self, appointment: Appointment) -> Op[Appointment]:
        """Save a new appointment (the value: it, with its id). Raises VisitError with a
        message for the user; nothing saved then."""
        appointment = check_appointment(appointment)
        with self._service._operation("add_appointment"):
            saved = self._appointments.add(appointment, self._service.now())
        return self._service._result(saved, _VISITS)

    def update_appointment(self, appointment: Appointment) -> Op[None]:
        """Save an edited appointment (its questions follow it if it moves)."""
        if appointment.id is None or self._appointments.get(appointment.id) is None:
            raise VisitError(_("That appointment is not in the diary any more."))
        appointment = check_appointment(appointment)
        with self._service._operation("update_appointment"):
            self._appointments.update(appointment)
        return self._service._result(None, _VISITS)

    def delete_appointment(self, appointment_id: int) -> Op[None]:
        """Delete it (kept, so Undo brings it back). Its unanswered questions move on to
        the next visit meanwhile; they come back with it."""
        if self._appointments.get(appointment_id) is None:
            return Op(None, Changes())
        with self._service._operation("delete_appointment"):
            self._appointments.delete(appointment_id, self._service.now())
        return self._service._result(None, _VISITS)

    def restore_appointment(self, appointment_id: int) -> Op[None]:
        with self._service._operation("restore_appointment"):
            self._appointments.restore(appointment_id)
        return self._service._result(None, _VISITS)

    # The questions notebook ---------------------------------------------------------------

    def questions(self, appointment_id: int | None = None) -> list[PlacedQuestion]:
        """Every question where it belongs today, oldest first; with ``appointment_id``,
        only that appointment's (see ``domain.visits.place_questions``)."""
        placed = place_questions(self._questions.all(), self.appointments(), self._service.today())
        if appointment_id is None:
            return placed
        return [
            p for p in placed if p.appointment is not None and p.appointment.id == appointment_id
        ]

    def questions_for_next_visit(self) -> list[PlacedQuestion]:
        """The unanswered questions waiting for the next visit (booked or not)."""
        following = next_visit(self.appointments(), self._service.today())
        wanted = following.id if following else None
        return [
            p
            for p in self.questions()
            if not p.question.answered and (p.appointment.id if p.appointment else None) == wanted
        ]

    def search_questions(self, text: str) -> list[PlacedQuestion]:
        """Questions whose text or answer holds ``text`` (any case)."""
        wanted = " ".join(text.split()).casefold()
        return [
            p
            for p in self.questions()
            if wanted in p.question.text.casefold() or wanted in p.question.answer.casefold()
        ]

    def _question(self, question_id: int) -> Question:
        question = self._questions.get(question_id)
        if question is None:
            raise VisitError(
                _("There is no question number {number} in the notebook.").format(
                    number=question_id
                )
            )
        return question

    def _check_appointment_id(self, appointment_id: int | None) -> None:
        if appointment_id is None:
            return
        appointment = self._appointments.get(appointment_id)
        if appointment is None:
            raise VisitError(
                _("There is no appointment number {number}.").format(number=appointment_id)
            )
        if appointment.is_past(self._service.today()):
            raise VisitError(
                _(
                    "Appointment {number} has already been: a question can go to an "
                    "appointment from today on, or to the next visit."
                ).format(number=appointment_id)
            )

    def add_question(self, text: str, appointment_id: int | None = None) -> Op[Question]:
        """A question for ``appointment_id``, or (None) for the next visit, whichever that
        is when it comes (the value: it, with its id). Raises VisitError; nothing saved
        then."""
        text = check_question(text)
        self._check_appointment_id(appointment_id)
        with self._service._operation("add_question"):
            saved = self._questions.add(text, appointment_id, self._service.now())
        return self._service._result(saved, _QUESTIONS)

    def edit_question(self, question_id: int, text: str) -> Op[None]:
        text = check_question(text)
        self._question(question_id)
        with self._service._operation("edit_question"):
            self._questions.set_text(question_id, text)
        return self._service._result(None, _QUESTIONS)

    def move_question(self, question_id: int, appointment_id: int | None) -> Op[None]:
        """Move it to another appointment (None: back to following the next visit)."""
        self._question(question_id)
        self._check_appointment_id(appointment_id)
        with self._service._operation("move_question"):
            self._questions.move(question_id, appointment_id)
        return self._service._result(None, _QUESTIONS)

    def answer_question(self, question_id: int, answer: str) -> Op[None]:
        """Mark it answered with the team's answer; it stays with the appointment it
        belongs to now (the visit where it was answered)."""
        answer = check_answer(answer)
        question = self._question(question_id)
        placed = place_questions([question], self.appointments(), self._service.today())[0]
        where = placed.appointment.id if placed.appointment else question.appointment_id
        with self._service._operation("answer_question"):
            self._questions.answer(question_id, answer, self._service.now(), where)
        return self._service._result(None, _QUESTIONS)

    def unanswer_question(self, question_id: int) -> Op[None]:
        self._question(question_id)
        with self._service._operation("unanswer_question"):
            self._questions.unanswer(question_id)
        return self._service._result(None, _QUESTIONS)

    def delete_question(self, question_id: int) -> Op[None]:
        self._question(question_id)
        with self._service._operation("delete_question"):
            self._questions.delete(question_id, self._service.now())
        return self._service._result(None, _QUESTIONS)

    def restore_question(self, question_id: int) -> Op[None]:
        with self._service._operation("restore_question"):
            self._questions.restore(question_id)
        return self._service._result(None, _QUESTIONS)


__all__ = ["NextAppointment", "VisitError", "Visits"]
