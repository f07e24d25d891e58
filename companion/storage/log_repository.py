"""The diary log: entries, the alerts they raise, and "I contacted my team"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlite_utils import Database

from companion.domain.alerts import Alert
from companion.domain.entries import Entry, EntryKind, check_entry
from companion.domain.history import now_local
from companion.domain.rules import RuleSettings, Vocabulary, alerts_for
from companion.storage.alerts_store import _alert_from, open_alerts
from companion.storage.db import writing
from companion.storage.preferences import DEFAULT_ADVICE, PreferencesRepository

_COLUMNS = "id, at, kind, term, value, severity, frequency, interference, detail, note"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def entry_from_row(row) -> Entry:
    return Entry(
        id=row[0],
        at=datetime.fromisoformat(row[1]),
        kind=EntryKind(row[2]),
        term=row[3] or "",
        value=row[4],
        severity=row[5],
        frequency=row[6],
        interference=row[7],
        detail=row[8] or "",
        note=row[9] or "",
    )


def _row(entry: Entry) -> dict:
    return {
        "at": _iso(entry.at),
        "kind": entry.kind.value,
        "term": entry.term,
        "value": entry.value,
        "severity": entry.severity,
        "frequency": entry.frequency,
        "interference": entry.interference,
        "detail": entry.detail,
        "note": entry.note,
    }


class LogRepository:
    """Each public write is one user intent in one transaction: the entry and its alerts
    are saved together, or not at all."""

    def __init__(self, db: Database, vocabulary: Vocabulary) -> None:
        self._db = db
        self._vocabulary = vocabulary

    # Reading --------------------------------------------------------------------------------

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[EntryKind] | None = None,
    ) -> list[Entry]:
        """Entries not deleted, oldest first."""
        where, args = ["deleted_at IS NULL"], []
        if since is not None:
            where.append("at >= ?")
            args.append(_iso(since))
        if until is not None:
            where.append("at < ?")
            args.append(_iso(until))
        if kinds is not None:
            kinds = list(kinds)
            where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
            args.extend(k.value for k in kinds)
        sql = f"SELECT {_COLUMNS} FROM entries WHERE {' AND '.join(where)} ORDER BY at, id"
        return [entry_from_row(r) for r in self._db.execute(sql, args).fetchall()]

    def entry(self, entry_id: int) -> Entry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE id = ? AND deleted_at IS NULL", [entry_id]
        ).fetchone()
        return entry_from_row(row) if row else None

    def open_alerts(self) -> list[Alert]:
        return open_alerts(self._db)

    def alerts(self) -> list[Alert]:
        return [_alert_from(r) for r in self._db["alerts"].rows_where(order_by="id")]

    def _recent(self, kind: EntryKind, before: datetime, hours: int, skip: int | None):
        rows = self._db.execute(
            "SELECT id, at, value FROM entries WHERE kind = ? AND deleted_at IS NULL "
            "AND at >= ? AND at < ? ORDER BY at",
            [kind.value, _iso(before - timedelta(hours=hours)), _iso(before)],
        ).fetchall()
        return [(datetime.fromisoformat(at), value) for i, at, value in rows if i != skip]

    # Writing --------------------------------------------------------------------------------

    def _raise_alerts(self, entry: Entry, settings: RuleSettings) -> list[Alert]:
        # A fever that lasts is judged with the readings of the last day; weight with 3 days.
        temps = self._recent(EntryKind.TEMPERATURE, entry.at, 24, entry.id)
        weights = self._recent(EntryKind.WEIGHT, entry.at, 72, entry.id)
        raised = []
        for alert in alerts_for(entry, self._vocabulary, settings, temps, weights):
            row_id = (
                self._db["alerts"]
                .insert(
                    {
                        "raised_at": _iso(alert.raised_at),
                        "level": int(alert.level),
                        "reason": alert.reason,
                        "kind": alert.kind,
                        "entry_id": entry.id,
                        "contacted_at": None,
                    }
                )
                .last_pk
            )
            raised.append(replace(alert, id=row_id, entry_id=entry.id))
        return raised

    def add(
        self, entry: Entry, settings: RuleSettings, now: datetime | None = None
    ) -> tuple[Entry, list[Alert]]:
        """Validate, save and judge one entry. Raises EntryError; nothing saved then."""
        now = now or now_local()
        entry = check_entry(entry, now)
        with writing(self._db):
            row_id = self._db["entries"].insert(_row(entry) | {"created_at": _iso(now)}).last_pk
            saved = entry.with_id(row_id)
            alerts = self._raise_alerts(saved, settings)
        return saved, alerts

    def update(
        self, entry: Entry, settings: RuleSettings, now: datetime | None = None
    ) -> tuple[Entry, list[Alert]]:
        """Save an edited entry. Alerts it raised before stay; new ones may be raised."""
        if entry.id is None:
            raise ValueError("update needs a saved entry")
        now = now or now_local()
        entry = check_entry(entry, now)
        with writing(self._db):
            self._db["entries"].update(entry.id, _row(entry))
            alerts = self._raise_alerts(entry, settings)
        return entry, alerts

    def delete(self, entry_id: int, now: datetime | None = None) -> None:
        with writing(self._db):
            self._db["entries"].update(entry_id, {"deleted_at": _iso(now or now_local())})

    def restore(self, entry_id: int) -> Entry:
        with writing(self._db):
            self._db["entries"].update(entry_id, {"deleted_at": None})
        restored = self.entry(entry_id)
        assert restored is not None
        return restored

    def record_contact(self, now: datetime | None = None, note: str = "") -> Entry:
        """'I contacted my team': a log entry, and every open alert closed at that time."""
        now = now or now_local()
        with writing(self._db):
            entry = Entry(at=now, kind=EntryKind.CONTACTED, note=note.strip())
            row_id = self._db["entries"].insert(_row(entry) | {"created_at": _iso(now)}).last_pk
            self._db.execute(
                "UPDATE alerts SET contacted_at = ? WHERE contacted_at IS NULL", [_iso(now)]
            )
        return entry.with_id(row_id)


__all__ = [
    "DEFAULT_ADVICE",
    "LogRepository",
    "PreferencesRepository",
    "entry_from_row",
    "open_alerts",
]
