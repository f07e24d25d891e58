"""Appointments and the questions notebook (tables of migration 6)."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from companion.domain.visits import Appointment, AppointmentKind, Question
from companion.storage.times import iso, parse, utc

_APPOINTMENT_COLUMNS = "id, at, kind, title, place, with_whom, note"
_QUESTION_COLUMNS = "id, text, created_at, appointment_id, answered_at, answer"


def _appointment(row) -> Appointment:
    try:
        kind = AppointmentKind(row[2])
    except ValueError:  # a kind a newer version added: shown in its own words
        kind = AppointmentKind.OTHER
    return Appointment(
        id=row[0],
        at=parse(row[1]),
        kind=kind,
        title=row[3] or ("" if kind is not AppointmentKind.OTHER else row[2]),
        place=row[4] or "",
        with_whom=row[5] or "",
        note=row[6] or "",
    )


def _question(row) -> Question:
    return Question(
        id=row[0],
        text=row[1],
        asked_at=parse(row[2]),
        appointment_id=row[3],
        answered_at=parse(row[4]) if row[4] else None,
        answer=row[5] or "",
    )


class AppointmentRepository:
    """Reads and writes appointments. Writes run inside the caller's transaction (the
    service makes each user intent one)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Appointment]:
        """Appointments not deleted, in time order (as instants)."""
        rows = self._db.execute(
            f"SELECT {_APPOINTMENT_COLUMNS} FROM appointments WHERE deleted_at IS NULL "
            "ORDER BY at_utc, id"
        ).fetchall()
        return [_appointment(r) for r in rows]

    def deleted(self) -> list[Appointment]:
        """Appointments deleted (kept for Undo), in time order: a calendar file marks them
        cancelled so a calendar that imported them removes them."""
        rows = self._db.execute(
            f"SELECT {_APPOINTMENT_COLUMNS} FROM appointments WHERE deleted_at IS NOT NULL "
            "ORDER BY at_utc, id"
        ).fetchall()
        return [_appointment(r) for r in rows]

    def get(self, appointment_id: int, deleted: bool = False) -> Appointment | None:
        where = "id = ?" if deleted else "id = ? AND deleted_at IS NULL"
        row = self._db.execute(
            f"SELECT {_APPOINTMENT_COLUMNS} FROM appointments WHERE {where}", [appointment_id]
        ).fetchone()
        return _appointment(row) if row else None

    @staticmethod
    def _row(appointment: Appointment) -> dict:
        return {
            "at": iso(appointment.at),
            "at_utc": utc(appointment.at),
            "kind": appointment.kind.value,
            "title": appointment.title or None,
            "place": appointment.place or None,
            "with_whom": appointment.with_whom or None,
            "note": appointment.note or None,
        }

    def add(self, appointment: Appointment, now) -> Appointment:
        row_id = (
            self._db["appointments"]
            .insert(self._row(appointment) | {"created_at": iso(now)})
            .last_pk
        )
        return replace(appointment, id=row_id)

    def update(self, appointment: Appointment) -> None:
        if appointment.id is None:
            raise ValueError("update needs a saved appointment")
        self._db["appointments"].update(appointment.id, self._row(appointment))

    def delete(self, appointment_id: int, now) -> None:
        self._db["appointments"].update(appointment_id, {"deleted_at": iso(now)})

    def restore(self, appointment_id: int) -> None:
        self._db["appointments"].update(appointment_id, {"deleted_at": None})


class QuestionRepository:
    """Reads and writes the questions notebook, inside the caller's transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[Question]:
        """Questions not deleted, oldest first."""
        rows = self._db.execute(
            f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE deleted_at IS NULL "
            "ORDER BY created_at, id"
        ).fetchall()
        return [_question(r) for r in rows]

    def get(self, question_id: int, deleted: bool = False) -> Question | None:
        where = "id = ?" if deleted else "id = ? AND deleted_at IS NULL"
        row = self._db.execute(
            f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE {where}", [question_id]
        ).fetchone()
        return _question(row) if row else None

    def add(self, text: str, appointment_id: int | None, now) -> Question:
        row_id = (
            self._db["questions"]
            .insert({"text": text, "appointment_id": appointment_id, "created_at": iso(now)})
            .last_pk
        )
        return Question(text=text, asked_at=now, appointment_id=appointment_id, id=row_id)

    def set_text(self, question_id: int, text: str) -> None:
        self._db["questions"].update(question_id, {"text": text})

    def move(self, question_id: int, appointment_id: int | None) -> None:
        self._db["questions"].update(question_id, {"appointment_id": appointment_id})

    def answer(self, question_id: int, text: str, at, appointment_id: int | None) -> None:
        """Answered at ``at``, at the appointment it belonged to then."""
        self._db["questions"].update(
            question_id,
            {"answer": text, "answered_at": iso(at), "appointment_id": appointment_id},
        )

    def unanswer(self, question_id: int) -> None:
        self._db["questions"].update(question_id, {"answer": None, "answered_at": None})

    def delete(self, question_id: int, now) -> None:
        self._db["questions"].update(question_id, {"deleted_at": iso(now)})

    def restore(self, question_id: int) -> None:
        self._db["questions"].update(question_id, {"deleted_at": None})
