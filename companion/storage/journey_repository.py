"""Reading and saving the journey (transplants) and the team's contact details."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlite_utils import Database

from companion.domain.clinical import (
    SETTINGS_BY_KEY,
    ClinicalNumbers,
    validate_setting,
)
from companion.domain.history import ChangeRecord
from companion.domain.journey import Journey, Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import Team
from companion.storage.times import iso, parse


def record_change(
    db: Database,
    at: str,
    field: str,
    old: str | None,
    new: str | None,
    transplant_number: int | None = None,
) -> None:
    """One row of the change history, as data (see ``companion.domain.history``)."""
    db["change_log"].insert(
        {
            "at": at,
            "field": field,
            "transplant_number": transplant_number,
            "old_value": old,
            "new_value": new,
        }
    )


def _transplant_row(t: Transplant) -> dict:
    return {
        "number": t.number,
        "kind": t.kind.value,
        "source": t.source.value,
        "day0": t.day0.isoformat(),
        "day0_confirmed": int(t.day0_confirmed),
        "conditioning_days": t.conditioning_days,
        "neutrophil_recovery": t.neutrophil_recovery.isoformat() if t.neutrophil_recovery else None,
    }


def _transplant_from(row: dict) -> Transplant:
    return Transplant(
        id=row["id"],
        number=row["number"],
        kind=TransplantKind(row["kind"]),
        source=GraftSource(row["source"]),
        day0=date.fromisoformat(row["day0"]),
        day0_confirmed=bool(row["day0_confirmed"]),
        conditioning_days=row["conditioning_days"],
        neutrophil_recovery=date.fromisoformat(row["neutrophil_recovery"])
        if row["neutrophil_recovery"]
        else None,
        recovery_source="team" if row["neutrophil_recovery"] else "",
    )


def _team_row(team: Team) -> dict:
    return {
        "id": 1,
        "name": team.name,
        "office_phone": team.office_phone,
        "after_hours_phone": team.after_hours_phone,
        "office_opens": team.office_opens.isoformat("minutes"),
        "office_closes": team.office_closes.isoformat("minutes"),
        "office_days": ",".join(str(d) for d in sorted(team.office_days)),
    }


def _team_from(row: dict) -> Team:
    days = frozenset(int(d) for d in row["office_days"].split(",") if d)
    return Team(
        name=row["name"] or "",
        office_phone=row["office_phone"] or "",
        after_hours_phone=row["after_hours_phone"] or "",
        office_opens=time.fromisoformat(row["office_opens"]),
        office_closes=time.fromisoformat(row["office_closes"]),
        office_days=days,
    )


class JourneyRepository:
    """The journey and the team. Each public method is one user intent, one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # Reading -----------------------------------------------------------------------------

    def load_journey(self) -> Journey | None:
        rows = list(self._db["transplants"].rows_where(order_by="day0, id"))
        if not rows:
            return None
        return Journey(tuple(_transplant_from(r) for r in rows))

    def load_team(self) -> Team | None:
        rows = list(self._db["team"].rows_where("id = 1"))
        return _team_from(rows[0]) if rows else None

    def history(self) -> list[ChangeRecord]:
        return [
            ChangeRecord(
                at=parse(r["at"]),
                field=r["field"] or "legacy",
                old_value=r["old_value"],
                new_value=r["new_value"],
                transplant_number=r["transplant_number"],
                legacy_subject=r["legacy_subject"],
            )
            for r in self._db["change_log"].rows_where(order_by="id")
        ]

    # Writing: one intent each ---------------------------------------------------------------

    def start_diary(
        self, transplant: Transplant, team: Team, now: datetime | None = None
    ) -> Journey:
        """Save what the setup dialog collected, all or nothing."""
        team = team.validated()
        at = iso(now)
        if self._db["transplants"].count:
            raise ValueError("This diary already has a transplant.")
        row = _transplant_row(transplant) | {"number": 1, "created_at": at}
        self._db["transplants"].insert(row)
        self._db["team"].upsert(_team_row(team), pk="id")
        record_change(self._db, at, "diary.started", None, transplant.day0.isoformat(), 1)
        journey = self.load_journey()
        assert journey is not None
        return journey

    def save_transplant(self, transplant: Transplant, now: datetime | None = None) -> Journey:
        """Save edits to one transplant; a moved Day 0 or conditioning start is recorded."""
        if transplant.id is None:
            raise ValueError("save_transplant needs a saved transplant")
        at = iso(now)
        old = _transplant_from(self._db["transplants"].get(transplant.id))
        for field, before, after in (
            ("transplant.day0", old.day0.isoformat(), transplant.day0.isoformat()),
            (
                "transplant.conditioning_days",
                str(old.conditioning_days),
                str(transplant.conditioning_days),
            ),
            ("transplant.kind", old.kind.value, transplant.kind.value),
            ("transplant.source", old.source.value, transplant.source.value),
        ):
            if before != after:
                record_change(self._db, at, field, before, after, old.number)
        self._db["transplants"].update(
            transplant.id, _transplant_row(transplant) | {"number": old.number}
        )
        journey = self.load_journey()
        assert journey is not None
        return journey

    def add_transplant(self, transplant: Transplant, now: datetime | None = None) -> Journey:
        """A second (tandem) transplant: a new Day 0 and count; the first stays in history."""
        at = iso(now)
        latest = self._db.execute("SELECT max(day0), max(number) FROM transplants").fetchone()
        if latest[0] is None:
            raise ValueError("Start the diary before adding another transplant.")
        if transplant.day0 <= date.fromisoformat(latest[0]):
            raise ValueError(
                "A new transplant's Day 0 must come after the previous transplant's Day 0."
            )
        number = latest[1] + 1
        self._db["transplants"].insert(
            _transplant_row(transplant) | {"number": number, "created_at": at}
        )
        record_change(self._db, at, "transplant.added", None, transplant.day0.isoformat(), number)
        journey = self.load_journey()
        assert journey is not None
        return journey

    def save_team(self, team: Team, now: datetime | None = None) -> Team:
        team = team.validated()
        at = iso(now)
        old = self.load_team()
        if old is not None:
            for field, before, after in (
                ("team.name", old.name, team.name),
                ("team.office_phone", old.office_phone, team.office_phone),
                ("team.after_hours_phone", old.after_hours_phone, team.after_hours_phone),
                ("team.office_hours", old.hours_value, team.hours_value),
            ):
                if before != after:
                    record_change(self._db, at, field, before, after)
        self._db["team"].upsert(_team_row(team), pk="id")
        return team


class SettingsRepository:
    """The clinical numbers in force, and their recorded changes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def numbers(self) -> ClinicalNumbers:
        overrides = {
            r["key"]: r["value"]
            for r in self._db["clinical_settings"].rows
            if r["key"] in SETTINGS_BY_KEY
        }
        return ClinicalNumbers(overrides)

    def save_numbers(
        self, values: dict[str, float], now: datetime | None = None
    ) -> ClinicalNumbers:
        """Validate all values, then save the changed ones and record each change.

        Raises:
            SettingError: a value is out of range or contradicts another; nothing is saved.
        """
        current = self.numbers()
        cleaned = {key: validate_setting(key, value) for key, value in values.items()}
        merged = ClinicalNumbers(dict(current.overrides) | cleaned).validated()
        at = iso(now)
        for key, value in cleaned.items():
            before = current[key]
            if before == value:
                continue
            self._db["clinical_settings"].upsert({"key": key, "value": value}, pk="key")
            record_change(self._db, at, f"setting.{key}", repr(float(before)), repr(float(value)))
        return merged


__all__ = ["JourneyRepository", "SettingsRepository"]
