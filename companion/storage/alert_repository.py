"""The alerts: stored as their rule and figures, open until a contact closes them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlite_utils import Database

from companion.domain.alerts import Alert, AlertKind, AlertLevel, AlertRule
from companion.storage.times import iso, parse

_COLUMNS = (
    "id, raised_at, level, kind, rule, entry_id, reading, threshold, figures, contacted_at, "
    "contact_id, legacy_reason, "
    "(SELECT detail FROM entries WHERE entries.id = alerts.contact_id) AS contact_who"
)


def _alert(row) -> Alert:
    try:
        kind = AlertKind(row[3])
    except ValueError:  # a kind this version does not know: still shown, as an infection sign
        kind = AlertKind.INFECTION
    try:
        rule = AlertRule(row[4] or "legacy")
    except ValueError:
        rule = AlertRule.LEGACY
    return Alert(
        id=row[0],
        raised_at=parse(row[1]),
        level=AlertLevel(row[2]),
        kind=kind,
        rule=rule,
        entry_id=row[5],
        reading=row[6],
        limit=row[7],
        figures=json.loads(row[8] or "{}"),
        contacted_at=parse(row[9]) if row[9] else None,
        contact_id=row[10],
        legacy_reason=row[11] or "",
        contact_who=(row[12] or "team") if row[10] is not None else "",
    )


class AlertRepository:
    """Reads and writes alerts. Writes run inside the caller's transaction (one intent:
    an entry and the alerts it raises are saved together)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _select(self, where: str = "1", args: Iterable = ()) -> list[Alert]:
        sql = f"SELECT {_COLUMNS} FROM alerts WHERE {where} ORDER BY id"
        # Row by row from the cursor: all rows and all alerts at once doubled the peak
        # memory of a ten-year report.
        return [_alert(r) for r in self._db.execute(sql, list(args))]

    def open(self) -> list[Alert]:
        """Alerts not yet followed by "I contacted my team"."""
        return self._select("contacted_at IS NULL")

    def all(self) -> list[Alert]:
        return self._select()

    def between(self, since: datetime | None, until: datetime | None) -> list[Alert]:
        """Alerts raised from ``since`` up to (not including) ``until`` (None: no bound).
        Stored times keep their own offsets, so the text is compared with a day's margin
        and the exact moments after."""
        where, args = ["1"], []
        if since is not None:
            where.append("raised_at >= ?")
            args.append(iso(since - timedelta(days=1)))
        if until is not None:
            where.append("raised_at < ?")
            args.append(iso(until + timedelta(days=1)))
        rows = self._select(" AND ".join(where), args)
        return [
            a
            for a in rows
            if (since is None or since <= a.raised_at) and (until is None or a.raised_at < until)
        ]

    def around(self, now: datetime, days: int = 2) -> list[Alert]:
        """Open alerts, and every alert raised in the ``days`` before ``now`` (the rules'
        memory: an episode's card, a contact, a day's stools)."""
        since = iso(now - timedelta(days=days + 1))  # a day's margin for offsets; exact below
        rows = self._select("contacted_at IS NULL OR raised_at >= ?", [since])
        cutoff = now - timedelta(days=days)
        return [a for a in rows if a.is_open or a.raised_at >= cutoff or _entry_recent(a, cutoff)]

    def of_entries(self, entry_ids: Iterable[int]) -> list[Alert]:
        ids = list(entry_ids)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return self._select(f"entry_id IN ({marks})", ids)

    def closed_by(self, contact_id: int) -> list[Alert]:
        """The alerts one contact closed."""
        return self._select("contact_id = ?", [contact_id])

    def counts_by_date(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT substr(raised_at, 1, 10), count(*) FROM alerts GROUP BY 1"
        ).fetchall()
        return dict(rows)

    def add(self, alert: Alert) -> Alert:
        row_id = (
            self._db["alerts"]
            .insert(
                {
                    "raised_at": iso(alert.raised_at),
                    "level": int(alert.level),
                    "kind": alert.kind.value,
                    "rule": alert.rule.value,
                    "entry_id": alert.entry_id,
                    "reading": alert.reading,
                    "threshold": alert.limit,
                    "figures": json.dumps(dict(alert.figures), sort_keys=True),
                    "contacted_at": None,
                    "contact_id": None,
                }
            )
            .last_pk
        )
        return Alert(
            raised_at=alert.raised_at,
            level=alert.level,
            kind=alert.kind,
            rule=alert.rule,
            entry_id=alert.entry_id,
            reading=alert.reading,
            limit=alert.limit,
            figures=alert.figures,
            id=row_id,
        )

    def close_open(
        self, contact_id: int, at: datetime, ids: Iterable[int] | None = None
    ) -> list[int]:
        """Mark open alerts contacted by the contact entry ``contact_id``: every open one,
        or only those in ``ids``."""
        wanted = None if ids is None else set(ids)
        closing = [
            a.id for a in self.open() if a.id is not None and (wanted is None or a.id in wanted)
        ]
        for alert_id in closing:
            self._db.execute(
                "UPDATE alerts SET contacted_at = ?, contact_id = ? WHERE id = ? "
                "AND contacted_at IS NULL",
                [iso(at), contact_id, alert_id],
            )
        return closing

    def reopen(self, contact_id: int) -> list[int]:
        """Undo a contact: the alerts it closed are open again."""
        ids = [a.id for a in self._select("contact_id = ?", [contact_id]) if a.id is not None]
        self._db.execute(
            "UPDATE alerts SET contacted_at = NULL, contact_id = NULL WHERE contact_id = ?",
            [contact_id],
        )
        return ids


def _entry_recent(alert: Alert, cutoff: datetime) -> bool:
    at = alert.figure("reading_at")
    return bool(at) and parse(str(at)) >= cutoff
