"""The medicine list, its dated changes, the doses recorded and the scheduled temperature
checks (tables of migration m007_medicines). Writes run inside the caller's
transaction: the service makes each user intent one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlite_utils import Database

from companion.domain.medicines import (
    ChangeKind,
    DoseRecord,
    DoseStatus,
    Food,
    Medicine,
    MedicineChange,
    parse_times,
    status_code,
)
from companion.domain.schedule import CheckAgain
from companion.storage.times import iso, parse, utc

_MEDICINE_COLUMNS = (
    "id, name, dose, purpose, times, every_hours, food, start_date, end_date, hold_on_blood_test"
)
_CHANGE_COLUMNS = "id, medicine_id, kind, on_date, until_date, dose"
_RECORD_COLUMNS = "id, medicine_id, due_at, status, at, reason"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _change(row) -> MedicineChange:
    return MedicineChange(
        id=row[0],
        medicine_id=row[1],
        kind=ChangeKind(row[2]),
        on=date.fromisoformat(row[3]),
        until=_day(row[4]),
        dose=row[5] or "",
    )


def _record(row) -> DoseRecord:
    return DoseRecord(
        id=row[0],
        medicine_id=row[1],
        due=parse(row[2]),
        status=DoseStatus(row[3]),
        at=parse(row[4]),
        reason=row[5] or "",
    )


class MedicineRepository:
    """Reads and writes medicines, their changes and the dose records."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # Reading ------------------------------------------------------------------------------

    def medicines(self) -> list[Medicine]:
        """Every medicine not deleted (stopped ones too), with its changes, in the order
        they were added."""
        changes: dict[int, list[MedicineChange]] = {}
        for row in self._db.execute(
            f"SELECT {_CHANGE_COLUMNS} FROM medicine_changes WHERE deleted_at IS NULL "
            "ORDER BY on_date, id"
        ):
            change = _change(row)
            changes.setdefault(change.medicine_id or 0, []).append(change)
        rows = self._db.execute(
            f"SELECT {_MEDICINE_COLUMNS} FROM medicines WHERE deleted_at IS NULL ORDER BY id"
        ).fetchall()
        return [
            Medicine(
                id=row[0],
                name=row[1],
                dose=row[2],
                purpose=row[3] or "",
                times=parse_times(row[4]),
                every_hours=row[5],
                food=Food(row[6]) if row[6] in {f.value for f in Food} else Food.ANY,
                start=date.fromisoformat(row[7]),
                end=_day(row[8]),
                hold_on_blood_test=bool(row[9]),
                changes=tuple(changes.get(row[0], ())),
            )
            for row in rows
        ]

    def records(self, since: datetime, until: datetime) -> list[DoseRecord]:
        """Live records of doses scheduled from ``since`` to ``until`` (instants)."""
        rows = self._db.execute(
            f"SELECT {_RECORD_COLUMNS} FROM dose_records WHERE deleted_at IS NULL "
            "AND due_utc >= ? AND due_utc <= ? ORDER BY due_utc, id",
            [utc(since), utc(until)],
        ).fetchall()
        return [_record(r) for r in rows]

    def record_codes(self, since: datetime, until: datetime) -> dict[int, dict[int, int]]:
        """Live records from ``since`` to ``until`` as medicine → due (epoch seconds, worked
        out by SQLite) → status code: a year of them without an object each."""
        found: dict[int, dict[int, int]] = {}
        for medicine_id, due, status in self._db.execute(
            "SELECT medicine_id, CAST(strftime('%s', due_utc) AS INTEGER), status "
            "FROM dose_records WHERE deleted_at IS NULL AND due_utc >= ? AND due_utc <= ?",
            [utc(since), utc(until)],
        ):
            found.setdefault(medicine_id, {})[due] = status_code(status)
        return found

    def record(self, record_id: int) -> DoseRecord | None:
        row = self._db.execute(
            f"SELECT {_RECORD_COLUMNS} FROM dose_records WHERE id = ?", [record_id]
        ).fetchone()
        return _record(row) if row else None

    def checks_again(self, since: datetime) -> list[CheckAgain]:
        rows = self._db.execute(
            "SELECT id, at, reading_at, value, entry_id FROM scheduled_checks "
            "WHERE at_utc >= ? ORDER BY at_utc, id",
            [utc(since)],
        ).fetchall()
        return [CheckAgain(parse(r[1]), parse(r[2]), r[3], r[0], r[4]) for r in rows]

    # Writing ------------------------------------------------------------------------------

    def add(self, medicine: Medicine, now: datetime) -> int:
        table = self._db["medicines"]
        table.insert(
            {
                "name": medicine.name,
                "dose": medicine.dose,
                "purpose": medicine.purpose or None,
                "times": ",".join(t.strftime("%H:%M") for t in medicine.times),
                "every_hours": medicine.every_hours,
                "food": medicine.food.value,
                "start_date": medicine.start.isoformat(),
                "end_date": medicine.end.isoformat() if medicine.end else None,
                "hold_on_blood_test": int(medicine.hold_on_blood_test),
                "created_at": iso(now),
            }
        )
        return int(table.last_pk)

    def set_hold(self, medicine_id: int, hold: bool) -> None:
        self._db.execute(
            "UPDATE medicines SET hold_on_blood_test = ? WHERE id = ?", [int(hold), medicine_id]
        )

    def add_change(self, medicine_id: int, change: MedicineChange, now: datetime) -> int:
        table = self._db["medicine_changes"]
        table.insert(
            {
                "medicine_id": medicine_id,
                "kind": change.kind.value,
                "on_date": change.on.isoformat(),
                "until_date": change.until.isoformat() if change.until else None,
                "dose": change.dose or None,
                "created_at": iso(now),
            }
        )
        return int(table.last_pk)

    def end_pause(self, change_id: int, until: date) -> None:
        self._db.execute(
            "UPDATE medicine_changes SET until_date = ? WHERE id = ?",
            [until.isoformat(), change_id],
        )

    def delete_change(self, change_id: int, now: datetime) -> None:
        self._db.execute(
            "UPDATE medicine_changes SET deleted_at = ? WHERE id = ?", [iso(now), change_id]
        )

    def record_dose(self, record: DoseRecord, now: datetime) -> int:
        """Record taken or skipped for a dose; an earlier record of the same dose is kept,
        marked replaced (deleted_at)."""
        self._db.execute(
            "UPDATE dose_records SET deleted_at = ? WHERE medicine_id = ? AND due_utc = ? "
            "AND deleted_at IS NULL",
            [iso(now), record.medicine_id, utc(record.due)],
        )
        table = self._db["dose_records"]
        table.insert(
            {
                "medicine_id": record.medicine_id,
                "due_at": iso(record.due),
                "due_utc": utc(record.due),
                "status": record.status.value,
                "at": iso(record.at),
                "reason": record.reason or None,
                "created_at": iso(now),
            }
        )
        return int(table.last_pk)

    def delete_record(self, record_id: int, now: datetime) -> None:
        self._db.execute(
            "UPDATE dose_records SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            [iso(now), record_id],
        )

    def add_check_again(self, check: CheckAgain, entry_id: int | None, now: datetime) -> None:
        self._db["scheduled_checks"].insert(
            {
                "at": iso(check.at),
                "at_utc": utc(check.at),
                "reading_at": iso(check.reading_at),
                "value": check.value,
                "entry_id": entry_id,
                "created_at": iso(now),
            }
        )

    def blood_tests(self, kinds: Iterable[str] = ("blood-test",)) -> list[datetime]:
        """The times of blood-test appointments (not deleted)."""
        wanted = list(kinds)
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT at FROM appointments WHERE deleted_at IS NULL AND kind IN ({marks})",
            wanted,
        ).fetchall()
        return [parse(r[0]) for r in rows]
