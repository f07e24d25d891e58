"""Reading the alerts table without the rest of the log (cheap enough for start-up)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from companion.domain.alerts import Alert, AlertLevel


def _alert_from(row: dict) -> Alert:
    return Alert(
        id=row["id"],
        raised_at=datetime.fromisoformat(row["raised_at"]),
        level=AlertLevel(row["level"]),
        reason=row["reason"],
        kind=row["kind"],
        entry_id=row["entry_id"],
        contacted_at=datetime.fromisoformat(row["contacted_at"]) if row["contacted_at"] else None,
    )


def open_alerts(db: Database) -> list[Alert]:
    """Alerts not yet followed by "I contacted my team" (no vocabulary needed)."""
    return [_alert_from(r) for r in db["alerts"].rows_where("contacted_at IS NULL", order_by="id")]
