"""The medicine list and its doses: pure data and the schedule worked out from it.

The app never suggests a dose: a medicine's name, dose and purpose are the patient's own
words (as the team wrote them down). A taper, a pause and a stop are dated changes kept
beside the medicine, so the list on any past day can be shown again. ``doses()`` works out
every dose between two instants, and its status at ``now``, from the list, the changes,
what the patient recorded and the blood-test appointments — the one schedule the window,
the tray and ``companion medicine due`` / ``companion remind --due`` all read.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

MAX_NAME = 80
MAX_DOSE = 60
MAX_PURPOSE = 120
MAX_REASON = 300
MAX_TIMES = 12
# A published default the patient may change (Settings): a dose not recorded this long after
# its time counts as missed. The reminders repeat within it (see REMINDER_REPEATS).
MISSED_AFTER_MINUTES = 30
MISSED_AFTER_RANGE = (10, 24 * 60)
# "Snooze 10 min" and the repeats: a reminder is shown at most this many times, this far
# apart, then the dose counts as missed once MISSED_AFTER has passed.
REMINDER_REPEATS = 3
REPEAT_MINUTES = 10


class MedicineError(ValueError):
    """What was typed cannot be used; ``str()`` says what to do."""


class Food(StrEnum):
    """With food or not, as the team said (stored as the id)."""

    ANY = "any"
    WITH = "with-food"
    WITHOUT = "empty-stomach"

    @property
    def words(self) -> str:
        return {
            Food.ANY: "",
            Food.WITH: "with food",
            Food.WITHOUT: "on an empty stomach",
        }[self]


class ChangeKind(StrEnum):
    """A dated change to a medicine."""

    DOSE = "dose"  # a taper step (or any new dose), from ``on``
    PAUSE = "pause"  # no doses from ``on`` to ``until`` (inclusive; None: until resumed)
    STOP = "stop"  # no doses from ``on``


class DoseStatus(StrEnum):
    """A dose's status at a moment (the command line's ``status``)."""

    UPCOMING = "upcoming"  # its time has not come (never listed by ``due``)
    DUE = "due"
    HELD = "held"  # held until the blood test of that day
    TAKEN = "taken"
    SKIPPED = "skipped"
    MISSED = "missed"

    @property
    def open(self) -> bool:
        """Still waiting for the patient (a reminder may go out)."""
        return self in (DoseStatus.DUE, DoseStatus.HELD)


@dataclass(frozen=True, slots=True)
class MedicineChange:
    kind: ChangeKind
    on: date
    dose: str = ""  # for DOSE
    until: date | None = None  # for PAUSE
    id: int | None = None
    medicine_id: int | None = None


@dataclass(frozen=True, slots=True)
class Medicine:
    """A medicine as the patient entered it. ``times``: times of day; with ``every_hours``
    the first of them starts the count on ``start`` (08:00 every 8 hours: 08, 16, 00…)."""

    name: str
    dose: str
    times: tuple[time, ...]
    start: date
    end: date | None = None  # the last day (inclusive) given when it was added
    purpose: str = ""
    every_hours: int | None = None
    food: Food = Food.ANY
    hold_on_blood_test: bool = False
    changes: tuple[MedicineChange, ...] = ()
    id: int | None = None

    # The list on a given day ---------------------------------------------------------------

    @property
    def stopped_on(self) -> date | None:
        stops = [c.on for c in self.changes if c.kind is ChangeKind.STOP]
        return min(stops) if stops else None

    @property
    def last_day(self) -> date | None:
        """The last day with doses (inclusive): the end given, or the day before a stop."""
        ends = [d for d in (self.end,) if d is not None]
        if self.stopped_on is not None:
            ends.append(self.stopped_on - timedelta(days=1))
        return min(ends) if ends else None

    def dose_on(self, day: date) -> str:
        """The dose in force on ``day`` (the latest taper step on or before it)."""
        dose = self.dose
        for change in sorted(self.changes, key=lambda c: (c.on, c.id or 0)):
            if change.kind is ChangeKind.DOSE and change.on <= day:
                dose = change.dose
        return dose

    def paused_on(self, day: date) -> bool:
        return any(
            c.kind is ChangeKind.PAUSE and c.on <= day and (c.until is None or day <= c.until)
            for c in self.changes
        )

    def taken_on(self, day: date) -> bool:
        """On the list that day (started, not ended, stopped or paused)."""
        last = self.last_day
        return self.start <= day and (last is None or day <= last) and not self.paused_on(day)

    def changes_on(self, day: date) -> list[MedicineChange]:
        """Changes that take effect on ``day`` (the chart marks them)."""
        return [c for c in self.changes if c.on == day]

    def times_on(self, day: date) -> list[time]:
        """The times of day of its doses on ``day`` (when it is on the list)."""
        if self.every_hours is None:
            return sorted(self.times)
        first = datetime.combine(self.start, self.times[0])
        step = timedelta(hours=self.every_hours)
        midnight = datetime.combine(day, time())
        # The first dose on or after midnight, counted from the start.
        count = max(0, -(-int((midnight - first).total_seconds()) // int(step.total_seconds())))
        moment = first + count * step
        found = []
        while moment.date() == day:
            found.append(moment.time())
            moment += step
        return found


@dataclass(frozen=True, slots=True)
class DoseRecord:
    """What the patient recorded for one dose (taken or skipped), kept with the dose's
    scheduled instant so the same dose is never counted twice."""

    medicine_id: int
    due: datetime
    status: DoseStatus  # TAKEN or SKIPPED
    at: datetime
    reason: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Dose:
    """One scheduled dose and its status at the moment asked."""

    medicine_id: int
    name: str
    dose: str
    due: datetime  # the scheduled instant (it names the dose)
    status: DoseStatus
    release: datetime  # when it may be taken: ``due``, or the blood test's time if held
    missed_at: datetime  # not recorded by then: missed
    held_until: datetime | None = None  # the blood test's time when held that day
    record: DoseRecord | None = None
    food: Food = Food.ANY

    @property
    def late(self) -> bool:
        """Taken, but after it would have counted as missed."""
        return (
            self.record is not None
            and self.record.status is DoseStatus.TAKEN
            and self.record.at > self.missed_at
        )


LocalTime = Callable[[date, time], datetime]


def local_instant(day: date, at: time) -> datetime:
    """``day`` at ``at`` on this computer's clock, as an aware instant."""
    return datetime.combine(day, at).astimezone()


@dataclass(slots=True)
class _Zone:
    """Local instants, worked out once per (day, time): a year of a long list repeats the
    same few times of day."""

    make: LocalTime
    cache: dict[tuple[date, time], datetime] = field(default_factory=dict)

    def __call__(self, day: date, at: time) -> datetime:
        key = (day, at)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self.make(day, at)
        return found


def doses(
    medicines: Sequence[Medicine],
    records: Iterable[DoseRecord],
    blood_tests: Iterable[datetime],
    first: date,
    last: date,
    now: datetime,
    missed_after: timedelta = timedelta(minutes=MISSED_AFTER_MINUTES),
    zone: LocalTime = local_instant,
) -> list[Dose]:
    """Every dose from ``first`` to ``last`` (local dates, inclusive), in time order, with
    its status at ``now``.

    A dose of a medicine marked "hold on blood-test days" that falls before a blood test
    on its day is held until the test's time: it cannot count as missed before then.
    """
    local = _Zone(zone)
    by_dose = {(r.medicine_id, r.due): r for r in records}
    tests: dict[date, list[datetime]] = {}
    for moment in blood_tests:
        tests.setdefault(moment.date(), []).append(moment)
    for moments in tests.values():
        moments.sort()
    found: list[Dose] = []
    span = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(max(0, span))]
    for medicine in medicines:
        assert medicine.id is not None
        last_day = medicine.last_day
        begin = max(first, medicine.start)
        end = last if last_day is None else min(last, last_day)
        if begin > end:
            continue
        pauses = [c for c in medicine.changes if c.kind is ChangeKind.PAUSE]
        steps = sorted(
            (c.on, c.id or 0, c.dose) for c in medicine.changes if c.kind is ChangeKind.DOSE
        )
        step_days = [s[0] for s in steps]
        fixed = sorted(medicine.times) if medicine.every_hours is None else None
        for day in days[(begin - first).days : (end - first).days + 1]:
            if pauses and any(c.on <= day and (c.until is None or day <= c.until) for c in pauses):
                continue
            index = bisect.bisect_right(step_days, day)
            dose_text = steps[index - 1][2] if index else medicine.dose
            test_times = tests.get(day) if medicine.hold_on_blood_test else None
            for at in fixed if fixed is not None else medicine.times_on(day):
                due = local(day, at)
                release = due
                held_until = None
                if test_times:
                    later = [t for t in test_times if t > due]
                    if later:
                        held_until = release = later[0]
                missed_at = release + missed_after
                record = by_dose.get((medicine.id, due))
                if record is not None:
                    status = record.status
                elif now < due:
                    status = DoseStatus.UPCOMING
                elif now < release:
                    status = DoseStatus.HELD
                elif now < missed_at:
                    status = DoseStatus.DUE
                else:
                    status = DoseStatus.MISSED
                found.append(
                    Dose(
                        medicine.id,
                        medicine.name,
                        dose_text,
                        due,
                        status,
                        release,
                        missed_at,
                        held_until,
                        record,
                        medicine.food,
                    )
                )
    found.sort(key=lambda d: (d.due, d.name.casefold(), d.medicine_id))
    return found


def due_now(found: Sequence[Dose], now: datetime) -> list[Dose]:
    """What ``medicine due`` lists at ``now``: every dose of ``now``'s day whose time has
    come (whatever its status), and any earlier dose still waiting (held or due)."""
    today = now.date()
    return [
        d
        for d in found
        if d.status is not DoseStatus.UPCOMING and (d.due.date() == today or d.status.open)
    ]


def pick_dose(found: Sequence[Dose], medicine_id: int, at: datetime) -> Dose | None:
    """The dose a "take" or "skip" without ``--due`` means: the medicine's dose still open
    (due, held or missed) whose time is nearest to ``at``, within 12 hours."""
    window = timedelta(hours=12)
    candidates = [
        d
        for d in found
        if d.medicine_id == medicine_id
        and d.record is None
        and abs(d.due - at) <= window
        and (d.status is not DoseStatus.UPCOMING or d.due - at <= timedelta(hours=2))
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs(d.due - at), d.due))


# Checking what the patient typed ----------------------------------------------------------


def _text(value: str, label: str, longest: int, needed: bool = True) -> str:
    value = " ".join((value or "").split())
    if needed and not value:
        raise MedicineError(f"Please type the {label}.")
    if len(value) > longest:
        raise MedicineError(f"The {label} is too long: please keep it under {longest} letters.")
    return value


def parse_times(text: str) -> tuple[time, ...]:
    """ "08:00,20:00" (also "8:00 20:00", "8.00") as times of day, sorted, each once."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise MedicineError("Please give at least one time of day, such as 08:00.")
    found = set()
    for part in parts:
        clean = part.strip().replace(".", ":")
        hours, _, minutes = clean.partition(":")
        try:
            moment = time(int(hours), int(minutes or 0))
        except ValueError:
            raise MedicineError(
                f"{part.strip()!r} is not a time of day: write it as HH:MM, for example 08:00."
            ) from None
        found.add(moment)
    if len(found) > MAX_TIMES:
        raise MedicineError(f"Please give at most {MAX_TIMES} times a day.")
    return tuple(sorted(found))


def check_medicine(medicine: Medicine) -> Medicine:
    """The medicine as it will be stored, or MedicineError saying what to change."""
    name = _text(medicine.name, "medicine's name", MAX_NAME)
    dose = _text(medicine.dose, "dose (for example 1 mg, or 2 tablets)", MAX_DOSE)
    purpose = _text(medicine.purpose, "reason for taking it", MAX_PURPOSE, needed=False)
    if not medicine.times:
        raise MedicineError("Please give at least one time of day, such as 08:00.")
    if medicine.every_hours is not None:
        if not 1 <= medicine.every_hours <= 24:
            raise MedicineError("Every so many hours: please give a number from 1 to 24.")
        if len(medicine.times) != 1:
            raise MedicineError("With 'every N hours', give one time: the time of the first dose.")
    if medicine.end is not None and medicine.end < medicine.start:
        raise MedicineError("The last day comes before the first day: please check the dates.")
    return replace(medicine, name=name, dose=dose, purpose=purpose)


def check_change(medicine: Medicine, change: MedicineChange) -> MedicineChange:
    """A new taper step, pause or stop for ``medicine``, or MedicineError."""
    if medicine.stopped_on is not None:
        raise MedicineError(
            f"{medicine.name} was stopped on {medicine.stopped_on:%d %B %Y}; add it again "
            "if the team has started it again."
        )
    if change.on < medicine.start:
        raise MedicineError(
            f"{medicine.name} starts on {medicine.start:%d %B %Y}: a change must be on or "
            "after that day."
        )
    if change.kind is ChangeKind.DOSE:
        dose = _text(change.dose, "new dose", MAX_DOSE)
        return replace(change, dose=dose)
    if change.kind is ChangeKind.PAUSE and change.until is not None and change.until < change.on:
        raise MedicineError("The pause ends before it starts: please check the dates.")
    return change


def check_reason(reason: str) -> str:
    return _text(reason, "reason for skipping it", MAX_REASON)


__all__ = [
    "ChangeKind",
    "Dose",
    "DoseRecord",
    "DoseStatus",
    "Food",
    "Medicine",
    "MedicineChange",
    "MedicineError",
    "check_change",
    "check_medicine",
    "check_reason",
    "doses",
    "due_now",
    "parse_times",
    "pick_dose",
]
