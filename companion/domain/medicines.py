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
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum

from companion.i18n import _, format_date, ngettext

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
        if self is Food.WITH:
            return _("with food")
        if self is Food.WITHOUT:
            return _("on an empty stomach")
        return ""


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
    # The scheduled instant as epoch seconds, worked out once when the record is made (a
    # year's table matches thousands of records to their doses by it).
    due_s: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "due_s", int(self.due.timestamp()))


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


# Status codes of the fast table (see ``dose_table``), in DoseStatus order.
_STATUSES = tuple(DoseStatus)
_UPCOMING, _DUE, _HELD, _TAKEN, _SKIPPED, _MISSED = range(6)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class _Days:
    """Local midnights as epoch seconds, worked out once per day (not once per dose): a
    year of a long list repeats the same few times of day. A day whose offset changes (a
    daylight-saving switch) is marked, and its doses are placed exactly by ``zone``."""

    zone: LocalTime
    first: date
    midnights: list[int] = field(default_factory=list)
    uniform: list[bool] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    @classmethod
    def make(cls, zone: LocalTime, first: date, count: int) -> _Days:
        days = cls(zone, first)
        previous = None
        for i in range(count + 1):
            moment = zone(first + timedelta(days=i), time())
            offset = int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]
            days.midnights.append(int((moment - _EPOCH).total_seconds()))
            days.offsets.append(offset)
            if previous is not None:
                days.uniform.append(previous == offset)
            previous = offset
        return days

    def epoch(self, index: int, seconds: int) -> int:
        if self.uniform[index]:
            return self.midnights[index] + seconds
        at = time(seconds // 3600, seconds // 60 % 60)
        moment = self.zone(self.first + timedelta(days=index), at)
        return int((moment - _EPOCH).total_seconds())


def status_code(status: str) -> int:
    """The table's code for a stored status ("taken" or "skipped")."""
    return _SKIPPED if status == DoseStatus.SKIPPED.value else _TAKEN


def _key(moment: datetime) -> int:
    return int(moment.timestamp())


@dataclass(frozen=True, slots=True)
class DoseTable:
    """Every dose of a span as plain tuples (fast to work out for a year): rows of
    (due, medicine id, dose text, status code, release, missed at), times as epoch seconds;
    ``records`` by (medicine id, due)."""

    rows: list[tuple[int, int, str, int, int, int]]
    records: dict[tuple[int, int], DoseRecord]

    def count(self, status: DoseStatus) -> int:
        code = _STATUSES.index(status)
        return sum(1 for row in self.rows if row[3] == code)


def dose_table(
    medicines: Sequence[Medicine],
    records: Iterable[DoseRecord],
    blood_tests: Iterable[datetime],
    first: date,
    last: date,
    now: datetime,
    missed_after: timedelta = timedelta(minutes=MISSED_AFTER_MINUTES),
    zone: LocalTime = local_instant,
    recorded_codes: dict[int, dict[int, int]] | None = None,
) -> DoseTable:
    """Every dose from ``first`` to ``last`` (local dates, inclusive) with its status at
    ``now``, as plain rows: what a year's figures need, without an object per dose.

    A dose of a medicine marked "hold on blood-test days" that falls before a blood test
    on its day is held until the test's time: it cannot count as missed before then.

    ``recorded_codes`` (medicine → due as epoch seconds → status code, see
    ``status_code``) may stand for ``records`` when only the rows are wanted: a year's
    records are then read without making an object for each.
    """
    span = max(0, (last - first).days + 1)
    days = _Days.make(zone, first, span)
    by_dose: dict[tuple[int, int], DoseRecord] = {}
    by_medicine: dict[int, dict[int, int]] = dict(recorded_codes or {})
    for record in records:
        due_key = record.due_s
        by_dose[(record.medicine_id, due_key)] = record
        by_medicine.setdefault(record.medicine_id, {})[due_key] = (
            _TAKEN if record.status is DoseStatus.TAKEN else _SKIPPED
        )
    tests: dict[int, list[int]] = {}
    for moment in blood_tests:
        index = (moment.date() - first).days
        if 0 <= index < span:
            tests.setdefault(index, []).append(_key(moment))
    for moments in tests.values():
        moments.sort()
    now_s = _key(now)
    late = int(missed_after.total_seconds())
    rows: list[tuple[int, int, str, int, int, int]] = []
    add = rows.append
    dates = [first + timedelta(days=i) for i in range(span)]
    bases = [m if u else None for m, u in zip(days.midnights, days.uniform, strict=False)]
    for medicine in medicines:
        assert medicine.id is not None
        mid = medicine.id
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
        fixed = None
        step_s = anchor = 0
        if medicine.every_hours is None:
            fixed = [t.hour * 3600 + t.minute * 60 for t in sorted(medicine.times)]
        else:  # local seconds counted from ``first``'s midnight
            step_s = medicine.every_hours * 3600
            at = medicine.times[0]
            anchor = (medicine.start - first).days * 86400 + at.hour * 3600 + at.minute * 60
        recorded = by_medicine.get(mid, {})
        hold = medicine.hold_on_blood_test and bool(tests)
        text = medicine.dose
        for index in range((begin - first).days, (end - first).days + 1):
            day = dates[index]
            if pauses and any(c.on <= day and (c.until is None or day <= c.until) for c in pauses):
                continue
            if step_days:
                step = bisect.bisect_right(step_days, day)
                text = steps[step - 1][2] if step else medicine.dose
            seconds = fixed
            if seconds is None:
                low = index * 86400
                moment = anchor + max(0, -(-(low - anchor) // step_s)) * step_s
                seconds = []
                while moment < low + 86400:
                    seconds.append(moment - low)
                    moment += step_s
            day_tests = tests.get(index) if hold else None
            base = bases[index]
            for second in seconds:
                due = base + second if base is not None else days.epoch(index, second)
                release = due
                if day_tests:
                    for test in day_tests:
                        if test > due:
                            release = test
                            break
                missed = release + late
                code = recorded.get(due, -1)
                if code < 0:
                    if now_s >= missed:
                        code = _MISSED
                    elif now_s < due:
                        code = _UPCOMING
                    elif now_s < release:
                        code = _HELD
                    else:
                        code = _DUE
                add((due, mid, text, code, release, missed))
    rows.sort()
    return DoseTable(rows, by_dose)


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
    """Every dose from ``first`` to ``last`` as ``Dose`` objects (for the days shown: the
    grid, what is due), in time order, with its status at ``now`` (see ``dose_table``)."""
    table = dose_table(medicines, records, blood_tests, first, last, now, missed_after, zone)
    by_id = {m.id: m for m in medicines}
    offsets: dict[date, timezone] = {}

    def instant(seconds: int) -> datetime:
        moment = _EPOCH + timedelta(seconds=seconds)
        if zone is local_instant:
            return moment.astimezone()
        day = moment.date()
        if day not in offsets:
            offsets[day] = timezone(zone(day, time(12)).utcoffset())  # type: ignore[arg-type]
        return moment.astimezone(offsets[day])

    found = []
    for due_s, mid, text, code, release_s, missed_s in table.rows:
        medicine = by_id[mid]
        due = instant(due_s)
        release = due if release_s == due_s else instant(release_s)
        found.append(
            Dose(
                mid,
                medicine.name,
                text,
                due,
                _STATUSES[code],
                release,
                release + timedelta(seconds=missed_s - release_s),
                None if release_s == due_s else release,
                table.records.get((mid, due_s)),
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


def _text(value: str, missing: str | None, too_long: str, longest: int) -> str:
    """``value`` with its spaces tidied; ``missing`` (None: it may be empty) and
    ``too_long`` (with ``{longest}``) are the whole messages for this field."""
    value = " ".join((value or "").split())
    if missing is not None and not value:
        raise MedicineError(missing)
    if len(value) > longest:
        raise MedicineError(too_long.format(longest=longest))
    return value


def _long_date(day: date) -> str:
    """ "7 December 2026" / "7 de diciembre de 2026"."""
    from companion import i18n

    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return format_date(day, "d MMMM y")
    return format_date(day, "long")


def parse_times(text: str) -> tuple[time, ...]:
    """ "08:00,20:00" (also "8:00 20:00", "8.00") as times of day, sorted, each once."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise MedicineError(_("Please give at least one time of day, such as 08:00."))
    found = set()
    for part in parts:
        clean = part.strip().replace(".", ":")
        hours, _colon, minutes = clean.partition(":")
        try:
            moment = time(int(hours), int(minutes or 0))
        except (ValueError, OverflowError):
            raise MedicineError(
                _("{typed} is not a time of day: write it as HH:MM, for example 08:00.").format(
                    typed=repr(part.strip())
                )
            ) from None
        found.add(moment)
    if len(found) > MAX_TIMES:
        raise MedicineError(
            ngettext(
                "Please give at most {count} time a day.",
                "Please give at most {count} times a day.",
                MAX_TIMES,
            ).format(count=MAX_TIMES)
        )
    return tuple(sorted(found))


def check_medicine(medicine: Medicine) -> Medicine:
    """The medicine as it will be stored, or MedicineError saying what to change."""
    name = _text(
        medicine.name,
        _("Please type the medicine's name."),
        _("The medicine's name is too long: please keep it under {longest} letters."),
        MAX_NAME,
    )
    dose = _text(
        medicine.dose,
        _("Please type the dose (for example 1 mg, or 2 tablets)."),
        _("The dose is too long: please keep it under {longest} letters."),
        MAX_DOSE,
    )
    purpose = _text(
        medicine.purpose,
        None,
        _("The reason for taking it is too long: please keep it under {longest} letters."),
        MAX_PURPOSE,
    )
    if not medicine.times:
        raise MedicineError(_("Please give at least one time of day, such as 08:00."))
    if medicine.every_hours is not None:
        if not 1 <= medicine.every_hours <= 24:
            raise MedicineError(_("Every so many hours: please give a number from 1 to 24."))
        if len(medicine.times) != 1:
            raise MedicineError(
                _("With 'every N hours', give one time: the time of the first dose.")
            )
    if medicine.end is not None and medicine.end < medicine.start:
        raise MedicineError(_("The last day comes before the first day: please check the dates."))
    return replace(medicine, name=name, dose=dose, purpose=purpose)


def check_change(medicine: Medicine, change: MedicineChange) -> MedicineChange:
    """A new taper step, pause or stop for ``medicine``, or MedicineError."""
    if medicine.stopped_on is not None:
        raise MedicineError(
            _(
                "{medicine} was stopped on {date}; add it again if the team has started it again."
            ).format(medicine=medicine.name, date=_long_date(medicine.stopped_on))
        )
    if change.on < medicine.start:
        raise MedicineError(
            _("{medicine} starts on {date}: a change must be on or after that day.").format(
                medicine=medicine.name, date=_long_date(medicine.start)
            )
        )
    if change.kind is ChangeKind.DOSE:
        dose = _text(
            change.dose,
            _("Please type the new dose."),
            _("The new dose is too long: please keep it under {longest} letters."),
            MAX_DOSE,
        )
        return replace(change, dose=dose)
    if change.kind is ChangeKind.PAUSE and change.until is not None and change.until < change.on:
        raise MedicineError(_("The pause ends before it starts: please check the dates."))
    return change


def check_reason(reason: str) -> str:
    return _text(
        reason,
        _("Please type the reason for skipping it."),
        _("The reason for skipping it is too long: please keep it under {longest} letters."),
        MAX_REASON,
    )


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
