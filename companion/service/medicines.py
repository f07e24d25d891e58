"""The medicines part of the diary (``service.medicines``) and the one schedule of reminders
(``service.schedule``): Qt-free, read alike by the window, the tray and the command line.

Every write is one operation (``DiaryService._operation``: one transaction, one journal row)
and returns an ``Op``: its value and the ``Changes`` every view is told of, as every part of
``DiaryService`` does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from companion.domain.medicines import (
    MISSED_AFTER_MINUTES,
    MISSED_AFTER_RANGE,
    ChangeKind,
    Dose,
    DoseRecord,
    DoseStatus,
    DoseTable,
    Medicine,
    MedicineChange,
    MedicineError,
    check_change,
    check_medicine,
    check_reason,
    dose_table,
    doses,
    due_now,
    pick_dose,
)
from companion.domain.schedule import (
    DEFAULT_CHECK_TIMES,
    CheckAgain,
    Reminder,
    check_times,
    checks_again,
    dose_reminders,
    next_instant,
    temperature_checks,
)
from companion.i18n import _
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.medicine_repository import MedicineRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService

# Preferences (stored with the others; see Settings).
MISSED_KEY = "medicine_missed_minutes"
CHECK_TIMES_KEY = "temperature_check_times"
NO_CHECKS = "none"  # the stored value when the patient wants no temperature checks
POPUPS_KEY = "reminder_popups"  # "on" / "off": desktop notifications
AUTOSTART_KEY = "autostart"  # "" (never asked), "on", "off": start at login in the tray


@dataclass(frozen=True, slots=True)
class DoseRecorded:
    """A dose recorded (taken or skipped): the value of ``take``/``skip``'s ``Op``."""

    dose: Dose
    record_id: int


@dataclass(frozen=True, slots=True)
class GridDay:
    """One medicine's doses on one day, for the 7-day grid and the chart."""

    medicine: Medicine
    day: date
    doses: tuple[Dose, ...]
    changes: tuple[MedicineChange, ...]


class MedicineBook:
    """``service.medicines``: the list, its changes, and the doses."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._repo = MedicineRepository(service.db)

    # Reading ------------------------------------------------------------------------------

    def all(self) -> list[Medicine]:
        """Every medicine ever entered (stopped ones too)."""
        return self._repo.medicines()

    def get(self, medicine_id: int) -> Medicine:
        found = next((m for m in self.all() if m.id == medicine_id), None)
        if found is None:
            raise MedicineError(
                _(
                    "There is no medicine number {number}; 'companion medicine list' shows "
                    "the numbers."
                ).format(number=medicine_id)
            )
        return found

    def on(self, day: date) -> list[Medicine]:
        """The list as it was (or will be) on ``day``: what was taken, at which dose."""
        return [m for m in self.all() if m.taken_on(day)]

    @property
    def missed_after(self) -> timedelta:
        text = self._service.settings.preference(MISSED_KEY, str(MISSED_AFTER_MINUTES))
        try:
            minutes = int(text)
        except ValueError:
            minutes = MISSED_AFTER_MINUTES
        low, high = MISSED_AFTER_RANGE
        return timedelta(minutes=min(max(minutes, low), high))

    def doses(
        self, first: date, last: date, now: datetime | None = None, medicines=None
    ) -> list[Dose]:
        """Every dose from ``first`` to ``last`` (local dates), with its status at ``now``."""
        now = now or self._service.now()
        medicines = self.all() if medicines is None else medicines
        since = datetime.combine(first - timedelta(days=1), time()).astimezone()
        until = datetime.combine(last + timedelta(days=2), time()).astimezone()
        return doses(
            medicines,
            self._repo.records(since, until),
            self._repo.blood_tests(),
            first,
            last,
            now,
            self.missed_after,
        )

    def table(self, first: date, last: date, now: datetime | None = None) -> DoseTable:
        """Every dose of a span as plain rows (a year's figures), with statuses at ``now``
        (``DoseTable.records`` is empty: the rows carry the statuses)."""
        now = now or self._service.now()
        since = datetime.combine(first - timedelta(days=1), time()).astimezone()
        until = datetime.combine(last + timedelta(days=2), time()).astimezone()
        return dose_table(
            self.all(),
            (),
            self._repo.blood_tests(),
            first,
            last,
            now,
            self.missed_after,
            recorded_codes=self._repo.record_codes(since, until),
        )

    def due(self, at: datetime | None = None) -> list[Dose]:
        """``medicine due``: the doses of ``at``'s day whose time has come, and any earlier
        one still waiting, each with its status."""
        at = at or self._service.now()
        found = self.doses(at.date() - timedelta(days=1), at.date(), at)
        return due_now(found, at)

    def week(self, first: date, days: int = 7, now: datetime | None = None) -> list[GridDay]:
        """Medicines × days from ``first``: each medicine on the list on any of the days."""
        last = first + timedelta(days=days - 1)
        medicines = self.all()
        found = self.doses(first, last, now, medicines)
        by_key: dict[tuple[int, date], list[Dose]] = {}
        for dose in found:
            by_key.setdefault((dose.medicine_id, dose.due.date()), []).append(dose)
        grid = []
        for medicine in medicines:
            span = [first + timedelta(days=i) for i in range(days)]
            if not any(medicine.taken_on(d) or by_key.get((medicine.id, d)) for d in span):
                continue
            for day in span:
                grid.append(
                    GridDay(
                        medicine,
                        day,
                        tuple(by_key.get((medicine.id or 0, day), ())),
                        tuple(medicine.changes_on(day)),
                    )
                )
        return grid

    # Writing ------------------------------------------------------------------------------

    def _write(self) -> Op[None]:
        return self._service._result(None, Changes(medicines=True))

    def add(self, medicine: Medicine) -> Op[Medicine]:
        """Raises MedicineError with a message for the user; nothing saved then."""
        medicine = check_medicine(medicine)
        with self._service._operation("add_medicine"):
            new_id = self._repo.add(medicine, self._service.now())
        return self._service._result(replace(medicine, id=new_id), Changes(medicines=True))

    def change_dose(self, medicine_id: int, dose: str, on: date) -> Op[None]:
        """A taper step: ``dose`` from ``on``."""
        return self._change(medicine_id, MedicineChange(ChangeKind.DOSE, on, dose=dose))

    def taper(self, medicine_id: int, steps: list[tuple[date, str]]) -> Op[None]:
        """Several taper steps entered at once: all saved, or none."""
        medicine = self.get(medicine_id)
        checked = [
            check_change(medicine, MedicineChange(ChangeKind.DOSE, on, dose=dose))
            for on, dose in steps
        ]
        if not checked:
            raise MedicineError(_("Please give at least one step: a date and a dose."))
        now = self._service.now()
        with self._service._operation("change_medicine_dose"):
            for change in checked:
                self._repo.add_change(medicine_id, change, now)
        return self._write()

    def pause(self, medicine_id: int, on: date, until: date | None = None) -> Op[None]:
        return self._change(medicine_id, MedicineChange(ChangeKind.PAUSE, on, until=until))

    def resume(self, medicine_id: int, on: date) -> Op[None]:
        """End the open pause: doses again from ``on``."""
        medicine = self.get(medicine_id)
        open_pauses = [
            c for c in medicine.changes if c.kind is ChangeKind.PAUSE and c.until is None
        ]
        if not open_pauses:
            raise MedicineError(_("{name} is not paused.").format(name=medicine.name))
        pause = open_pauses[-1]
        if on <= pause.on:
            raise MedicineError(_("It can start again only after the day the pause began."))
        with self._service._operation("resume_medicine"):
            self._repo.end_pause(pause.id or 0, on - timedelta(days=1))
        return self._write()

    def stop(self, medicine_id: int, on: date) -> Op[None]:
        """No doses from ``on``: the medicine stays in the list of past days."""
        return self._change(medicine_id, MedicineChange(ChangeKind.STOP, on))

    def _change(self, medicine_id: int, change: MedicineChange) -> Op[None]:
        change = check_change(self.get(medicine_id), change)
        with self._service._operation("change_medicine"):
            self._repo.add_change(medicine_id, change, self._service.now())
        return self._write()

    def set_hold(self, medicine_id: int, hold: bool) -> Op[None]:
        self.get(medicine_id)
        with self._service._operation("set_medicine_hold"):
            self._repo.set_hold(medicine_id, hold)
        return self._write()

    def find_dose(
        self, medicine_id: int, due: datetime | None = None, at: datetime | None = None
    ) -> Dose:
        """The dose ``due`` names, or (None) the open dose nearest to ``at``."""
        medicine = self.get(medicine_id)
        at = at or self._service.now()
        around = due or at
        found = self.doses(around.date() - timedelta(days=1), around.date() + timedelta(days=1))
        if due is not None:
            match = next((d for d in found if d.medicine_id == medicine_id and d.due == due), None)
            if match is None:
                times = ", ".join(
                    d.due.strftime("%H:%M")
                    for d in found
                    if d.medicine_id == medicine_id and d.due.date() == due.date()
                )
                when = due.strftime("%Y-%m-%d %H:%M")
                if times:
                    message = _("{name} has no dose at {when}; its doses that day are at {times}.")
                else:
                    message = _("{name} has no dose at {when} (none that day).")
                raise MedicineError(message.format(name=medicine.name, when=when, times=times))
            return match
        match = pick_dose(found, medicine_id, at)
        if match is None:
            raise MedicineError(
                _(
                    "{name} has no dose waiting around {time}; give the dose's time with --due."
                ).format(name=medicine.name, time=at.strftime("%H:%M"))
            )
        return match

    def take(
        self, medicine_id: int, at: datetime | None = None, due: datetime | None = None
    ) -> Op[DoseRecorded]:
        """ "Taken": one tap. ``at``: when it was taken (default now; not in the future)."""
        now = self._service.now()
        at = at or now
        if at > now + timedelta(minutes=5):
            raise MedicineError(_("A dose cannot be recorded as taken in the future."))
        dose = self.find_dose(medicine_id, due, at)
        return self._record(dose, DoseStatus.TAKEN, at, "")

    def skip(self, medicine_id: int, reason: str, due: datetime | None = None) -> Op[DoseRecorded]:
        """ "Skipped", with the reason (the team wants to know)."""
        reason = check_reason(reason)
        dose = self.find_dose(medicine_id, due)
        return self._record(dose, DoseStatus.SKIPPED, self._service.now(), reason)

    def _record(
        self, dose: Dose, status: DoseStatus, at: datetime, reason: str
    ) -> Op[DoseRecorded]:
        record = DoseRecord(dose.medicine_id, dose.due, status, at, reason)
        with self._service._operation("record_dose"):
            record_id = self._repo.record_dose(record, self._service.now())
        recorded = replace(dose, status=status, record=replace(record, id=record_id))
        return self._service._result(DoseRecorded(recorded, record_id), Changes(medicines=True))

    def undo_record(self, record_id: int) -> Op[None]:
        """Take back a "taken" or "skipped" (the window's Undo)."""
        with self._service._operation("unrecord_dose"):
            self._repo.delete_record(record_id, self._service.now())
        return self._write()

    def schedule_check_again(self, check: CheckAgain, entry_id: int | None) -> None:
        """Inside the caller's transaction (logging the temperature that asked for it)."""
        self._repo.add_check_again(check, entry_id, self._service.now())

    def checks_again(self, since: datetime) -> list[CheckAgain]:
        return self._repo.checks_again(since)


class Schedule:
    """``service.schedule``: every reminder due at a moment, and when the next may be."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service

    @property
    def check_times(self) -> tuple[time, ...]:
        text = self._service.settings.preference(CHECK_TIMES_KEY, DEFAULT_CHECK_TIMES)
        if text.strip().lower() == NO_CHECKS:
            return ()
        try:
            return check_times(text)
        except ValueError:
            return check_times(DEFAULT_CHECK_TIMES)

    @property
    def popups(self) -> bool:
        return self._service.settings.preference(POPUPS_KEY, "on") != "off"

    def _readings(self, now: datetime) -> list[tuple[int | None, datetime]]:
        from companion.domain.entries import EntryKind

        return [
            (e.id, e.at)
            for e in self._service.log.entries(
                since=now - timedelta(days=2), kinds=[EntryKind.TEMPERATURE]
            )
        ]

    def due(self, now: datetime | None = None) -> list[Reminder]:
        """What is due at ``now``: doses waiting, the temperature check, "check again"."""
        now = now or self._service.now()
        book = self._service.medicines
        found = book.doses(now.date() - timedelta(days=1), now.date(), now)
        readings = self._readings(now)
        reminders = dose_reminders(found)
        if self._service.transplants.is_set_up:
            moments = [at for _, at in readings]
            reminders += temperature_checks(self.check_times, moments, now)
        reminders += checks_again(book.checks_again(now - timedelta(days=1)), readings, now)
        return sorted(reminders, key=lambda r: (r.at, r.key))

    def next_instant(self, now: datetime | None = None) -> datetime | None:
        """The next moment after ``now`` when a reminder may fall due or lapse."""
        now = now or self._service.now()
        book = self._service.medicines
        found = book.doses(now.date() - timedelta(days=1), now.date() + timedelta(days=1), now)
        times = self.check_times if self._service.transplants.is_set_up else ()
        return next_instant(found, times, book.checks_again(now - timedelta(days=1)), now)


__all__ = ["DoseRecorded", "GridDay", "MedicineBook", "MedicineError", "Schedule"]
