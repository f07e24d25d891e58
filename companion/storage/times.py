"""How times are stored: ISO-8601 with the local offset (what the user saw), and beside it
the same instant in UTC, which sorts and compares as time does across clock changes."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime | None = None) -> str:
    """``2026-05-10T08:00:00+01:00``: the moment (default: now) as the user saw it, to the
    second."""
    return (moment or datetime.now().astimezone()).isoformat(timespec="seconds")


def utc(moment: datetime) -> str:
    """``2026-05-10T07:00:00Z``: the same instant in UTC (sortable as text)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a stored time must carry its time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)
