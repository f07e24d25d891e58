"""Reminders as data: what is due at a moment, worked out from what is stored.

One schedule for every front end: doses (see ``domain.medicines``), the twice-daily
temperature check ("only if nothing was logged since") and the rules' "check your
temperature again at 01:15". The window, the tray and ``companion remind --due`` read the
same ``due(now)``; nothing lives only in a timer that forgets on quit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from companion.domain.medicines import (
    REMINDER_REPEATS,
    REPEAT_MINUTES,
    Dose,
    DoseStatus,
    LocalTime,
    local_instant,
)

# A reading this long before a check time counts for it (a 07:30 reading answers 08:00).
CHECK_LEAD = timedelta(hours=2)
# A temperature-check reminder stays due this long, then quietly lapses.
CHECK_LASTS = timedelta(hours=4)
DEFAULT_CHECK_TIMES = "08:00,20:00"


class ReminderKind(StrEnum):
    DOSE = "dose"
    TEMPERATURE_CHECK = "temperature-check"  # the twice-daily check
    CHECK_AGAIN = "check-again"  # the rules asked for another reading


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to remind the patient of. ``key`` names it for good (a notification
    answered, snoozed or repeated is found again by it); ``at``: when it fell due;
    ``until``: when it stops being worth a reminder (a dose counts as missed then)."""

    kind: ReminderKind
    key: str
    at: datetime
    until: datetime
    dose: Dose | None = None
    value: float | None = None  # the reading a "check again" follows
    reading_at: datetime | None = None

    def showings(self) -> list[datetime]:
        """When a notification goes out: at ``at``, then every REPEAT_MINUTES, at most
        REMINDER_REPEATS times, all before ``until``. Other reminders show once."""
        if self.kind is not ReminderKind.DOSE:
            return [self.at]
        step = timedelta(minutes=REPEAT_MINUTES)
        times = [self.at + i * step for i in range(REMINDER_REPEATS)]
        return [t for t in times if t < self.until] or [self.at]


@dataclass(frozen=True, slots=True)
class CheckAgain:
    """A stored "check again at …" (the rules' notice), with the reading it follows."""

    at: datetime
    reading_at: datetime
    value: float
    id: int | None = None
    entry_id: int | None = None  # the reading it follows


def dose_reminders(found: Sequence[Dose]) -> list[Reminder]:
    """Doses waiting for the patient: due (or released from a blood-test hold)."""
    return [
        Reminder(
            ReminderKind.DOSE,
            f"dose:{d.medicine_id}:{d.due.isoformat()}",
            d.release,
            d.missed_at,
            dose=d,
        )
        for d in found
        if d.status is DoseStatus.DUE
    ]


def check_times(text: str) -> tuple[time, ...]:
    """The stored check times ("08:00,20:00"; "" switches the check off)."""
    found = []
    for part in text.split(","):
        part = part.strip()
        if part:
            hours, _, minutes = part.partition(":")
            found.append(time(int(hours), int(minutes or 0)))
    return tuple(sorted(set(found)))


def temperature_checks(
    times: Sequence[time],
    readings: Sequence[datetime],
    now: datetime,
    zone: LocalTime = local_instant,
) -> list[Reminder]:
    """The twice-daily check, due at each time of today (and late yesterday) only if no
    temperature was logged since a little before it."""
    found = []
    for day in (now.date() - timedelta(days=1), now.date()):
        for at in times:
            moment = zone(day, at)
            if not moment <= now < moment + CHECK_LASTS:
                continue
            if any(r >= moment - CHECK_LEAD for r in readings):
                continue
            found.append(
                Reminder(
                    ReminderKind.TEMPERATURE_CHECK,
                    f"temperature-check:{moment.isoformat()}",
                    moment,
                    moment + CHECK_LASTS,
                )
            )
    return found


def checks_again(
    stored: Sequence[CheckAgain],
    readings: Sequence[tuple[int | None, datetime]],
    now: datetime,
) -> list[Reminder]:
    """ "Check again at …": due from its time until a newer reading (or CHECK_LASTS).
    ``readings``: (entry id, time) of the temperatures logged."""
    found = []
    for check in stored:
        if not check.at <= now < check.at + CHECK_LASTS:
            continue
        if any(at >= check.reading_at and i != check.entry_id for i, at in readings):
            continue
        found.append(
            Reminder(
                ReminderKind.CHECK_AGAIN,
                f"check-again:{check.reading_at.isoformat()}",
                check.at,
                check.at + CHECK_LASTS,
                value=check.value,
                reading_at=check.reading_at,
            )
        )
    return found


def next_instant(
    found: Sequence[Dose],
    times: Sequence[time],
    stored: Sequence[CheckAgain],
    now: datetime,
    zone: LocalTime = local_instant,
) -> datetime | None:
    """The next moment after ``now`` when something may fall due (a timer sleeps until
    then, or a minute, whichever is sooner)."""
    moments = [d.release for d in found if d.release > now and d.record is None]
    moments += [d.missed_at for d in found if d.missed_at > now and d.record is None]
    moments += [c.at for c in stored if c.at > now]
    for day in (now.date(), now.date() + timedelta(days=1)):
        moments += [m for m in (zone(day, t) for t in times) if m > now]
    return min(moments) if moments else None


def day_range(now: datetime) -> tuple[date, date]:
    """The local dates whose doses may be waiting at ``now``: yesterday and today."""
    return now.date() - timedelta(days=1), now.date()


__all__ = [
    "CheckAgain",
    "Reminder",
    "ReminderKind",
    "check_times",
    "checks_again",
    "dose_reminders",
    "next_instant",
    "temperature_checks",
]
