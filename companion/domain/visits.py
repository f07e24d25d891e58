"""Appointments and the questions notebook: what they hold and what a valid one is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from companion.domain.days import instant_in_range, range_refusal
from companion.domain.text import control_problem
from companion.i18n import N_, _

MAX_TITLE = 200  # what, where, with whom
MAX_NOTE = 2000
MAX_QUESTION = 1000
MAX_ANSWER = 2000


class AppointmentKind(StrEnum):
    """What an appointment is. Stored as the id; the words are made when shown."""

    CLINIC_VISIT = "clinic-visit"
    BLOOD_TEST = "blood-test"
    LINE_CARE = "line-care"
    SCAN = "scan"
    OTHER = "other"

    @property
    def words(self) -> str:
        """ "clinic visit" (lower case, for the middle of a sentence)."""
        return _(_KIND_WORDS[self])

    @property
    def title(self) -> str:
        """ "Clinic visit"."""
        words = self.words
        return words[:1].upper() + words[1:]

    @property
    def takes_questions(self) -> bool:
        """Questions collect for visits where someone from the team talks with you: a clinic
        visit, or an appointment of the user's own words. Not a blood test, line care or a
        scan (a question can still be moved to one by hand)."""
        return self in (AppointmentKind.CLINIC_VISIT, AppointmentKind.OTHER)


_KIND_WORDS = {
    AppointmentKind.CLINIC_VISIT: N_("clinic visit"),
    AppointmentKind.BLOOD_TEST: N_("blood test"),
    AppointmentKind.LINE_CARE: N_("line care"),
    AppointmentKind.SCAN: N_("scan"),
    AppointmentKind.OTHER: N_("appointment"),
}


class VisitError(ValueError):
    """An appointment or question cannot be saved as typed; ``str()`` says what to do."""


def parse_kind(text: str) -> tuple[AppointmentKind, str]:
    """A kind from what the user typed: an id ("clinic-visit") or its words ("Clinic
    visit", "blood test"); anything else is kind "other" with the text as its title."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise VisitError(
            _("Please say what the appointment is, for example '{example}'.").format(
                example=AppointmentKind.CLINIC_VISIT.words
            )
        )
    key = cleaned.casefold().replace("-", " ").replace("_", " ")
    for kind in AppointmentKind:
        names = (kind.words.casefold(), _KIND_WORDS[kind], kind.value.replace("-", " "))
        if kind is not AppointmentKind.OTHER and key in names:
            return kind, ""
    return AppointmentKind.OTHER, cleaned


@dataclass(frozen=True, slots=True)
class Appointment:
    """A booked appointment. ``title`` holds the user's own words (always for "other");
    ``at`` is aware (stored with its offset and as UTC)."""

    at: datetime
    kind: AppointmentKind
    title: str = ""
    place: str = ""
    with_whom: str = ""
    note: str = ""
    id: int | None = None

    @property
    def what(self) -> str:
        """The words for it in a sentence: "clinic visit", or the user's own title."""
        return self.title or self.kind.words

    @property
    def day(self) -> date:
        return self.at.date()

    def is_past(self, today: date) -> bool:
        """Past once its day is over: during the visit its questions are still its own."""
        return self.at.date() < today


@dataclass(frozen=True, slots=True)
class Question:
    """A question for the team. ``appointment_id`` None: it follows the next visit."""

    text: str
    asked_at: datetime
    appointment_id: int | None = None
    answered_at: datetime | None = None
    answer: str = ""
    id: int | None = None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


@dataclass(frozen=True, slots=True)
class PlacedQuestion:
    """A question with the appointment it belongs to now, worked out: an unanswered
    question of a past appointment has moved on to the next visit (``carried_from`` says
    from which). ``appointment`` None: the next visit is not booked yet."""

    question: Question
    appointment: Appointment | None
    carried_from: Appointment | None = None

    @property
    def id(self) -> int | None:
        return self.question.id


# The fields' names as keys and, marked, as the user reads them in a message.
_FIELD_NAMES = {
    "what it is": N_("what it is"),
    "where it is": N_("where it is"),
    "who it is with": N_("who it is with"),
    "the note": N_("the note"),
    "the question": N_("the question"),
    "the answer": N_("the answer"),
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text(value: str, what: str, limit: int, required: bool = False) -> str:
    cleaned = (value or "").strip()
    problem = control_problem(cleaned, multiline=what in ("the note", "the answer", "the question"))
    name = _(_FIELD_NAMES.get(what, what))
    if problem:
        raise VisitError(
            _capital(_("{what} cannot be saved: {problem}.").format(what=name, problem=problem))
        )
    if required and not cleaned:
        raise VisitError(_("Please type {what} first.").format(what=name))
    if len(cleaned) > limit:
        raise VisitError(
            _capital(
                _(
                    "{what} is {count} characters long; the limit is {limit}. Please shorten it."
                ).format(what=name, count=len(cleaned), limit=limit)
            )
        )
    return cleaned


def check_moment(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise VisitError(_("The time needs a time zone."))
    if not instant_in_range(at):
        raise VisitError(range_refusal(at))
    return at


def check_appointment(appointment: Appointment) -> Appointment:
    """Return the appointment tidied, or raise VisitError. It may be in the future (that
    is what appointments are for) or the past (the log of past visits)."""
    check_moment(appointment.at)
    if not isinstance(appointment.kind, AppointmentKind):
        raise VisitError(_("Please choose what the appointment is from the list."))
    other = appointment.kind is AppointmentKind.OTHER
    title = _text(appointment.title, "what it is", MAX_TITLE, required=other)
    return replace(
        appointment,
        title=title,
        place=_text(appointment.place, "where it is", MAX_TITLE),
        with_whom=_text(appointment.with_whom, "who it is with", MAX_TITLE),
        note=_text(appointment.note, "the note", MAX_NOTE),
    )


def check_question(text: str) -> str:
    return _text(text, "the question", MAX_QUESTION, required=True)


def check_answer(text: str) -> str:
    return _text(text, "the answer", MAX_ANSWER, required=True)


def next_visit(appointments: list[Appointment], today: date) -> Appointment | None:
    """The first appointment from today on that takes questions (see ``takes_questions``)."""
    upcoming = [a for a in appointments if not a.is_past(today) and a.kind.takes_questions]
    return min(upcoming, key=lambda a: (a.at, a.id or 0), default=None)


def place_questions(
    questions: list[Question], appointments: list[Appointment], today: date
) -> list[PlacedQuestion]:
    """Where each question belongs today.

    Answered: the appointment it was answered at. Unanswered: its own appointment while
    that is today or later; else (no appointment chosen, its appointment past or deleted)
    the next visit — None while no visit is booked.
    """
    by_id = {a.id: a for a in appointments}
    following = next_visit(appointments, today)
    placed = []
    for question in questions:
        own = by_id.get(question.appointment_id) if question.appointment_id else None
        if question.answered or (own is not None and not own.is_past(today)):
            placed.append(PlacedQuestion(question, own))
        else:
            carried = own if own is not None and own is not following else None
            placed.append(PlacedQuestion(question, following, carried))
    return placed
