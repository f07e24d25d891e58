"""Working out the doses of a year (issue 20 budget: ≤ 20 ms for a 15-medicine list with
tapers), in one process.

A diary with 15 medicines — times of day and every-N-hours, five of them tapered in ten
steps, a pause, a stop, two held on blood-test days with a blood test every week — and a
record (taken or skipped) for nine doses in ten over the year. Measures:

* ``doses()`` in the pure core over 365 days (the schedule every front end reads);
* the same through the service, reading the list, the year's records and the blood tests
  from SQLite first (what ``companion medicine due`` and the tray pay, for a year);
* ``schedule.due(now)`` as the tray's timer calls it (two days);
* baseline of the same run: building one aware datetime per dose in a plain loop.

Usage: ``python benchmarks/medicines_due.py [repeats]``. Prints medians in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.medicines import DoseRecord, DoseStatus, Medicine, dose_table, doses
from companion.domain.team import Team
from companion.domain.visits import Appointment, AppointmentKind
from companion.service.diary import DiaryService
from companion.storage.db import writing
from companion.storage.medicine_repository import MedicineRepository

FIRST = date(2026, 1, 1)
DAYS = 365


BEST: dict[str, float] = {}
CPU: dict[str, float] = {}


def median_ms(run, repeats: int) -> float:
    """The median in ms; the fastest run is kept in BEST (less sensitive to a loaded
    machine: the other helpers share its two cores)."""
    times = []
    cpu = []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    name = getattr(run, "__name__", "run")
    BEST[name] = min(times) * 1000
    # The process's own CPU time: what the work costs, whatever else the machine runs.
    CPU[name] = statistics.median(cpu) * 1000
    return statistics.median(times) * 1000


def build(folder: Path) -> DiaryService:
    service = DiaryService.open(
        folder / "companion.db", lambda: datetime(2026, 12, 31, 12).astimezone()
    )
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, date(2025, 12, 20), 6),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
    )
    book = service.medicines
    plans = [
        ("Tacrolimus", (clock(8), clock(20)), None, True),
        ("Prednisolone", (clock(8),), None, False),
        ("Aciclovir", (clock(6),), 12, False),
        ("Co-trimoxazole", (clock(9),), None, False),
        ("Posaconazole", (clock(8), clock(20)), None, False),
        ("Letermovir", (clock(10),), None, False),
        ("Magnesium", (clock(8), clock(14), clock(20)), None, False),
        ("Omeprazole", (clock(7),), None, False),
        ("Ursodiol", (clock(8), clock(16), clock(22)), None, False),
        ("Penicillin V", (clock(8), clock(20)), None, False),
        ("Ciclosporin", (clock(9), clock(21)), None, True),
        ("Vitamin D", (clock(12),), None, False),
        ("Folic acid", (clock(8),), None, False),
        ("Ondansetron", (clock(6),), 8, False),
        ("Calcium", (clock(13), clock(19)), None, False),
    ]
    for index, (name, times, every, hold) in enumerate(plans):
        medicine = book.add(
            Medicine(name, "2 mg", times, FIRST, every_hours=every, hold_on_blood_test=hold)
        ).value
        if index < 5:  # a taper in ten steps, a step every five weeks
            book.taper(
                medicine.id,
                [
                    (FIRST + timedelta(days=35 * (s + 1)), f"{2 - s * 0.2:.1f} mg")
                    for s in range(10)
                ],
            )
    book.pause(8, FIRST + timedelta(days=100), FIRST + timedelta(days=110))
    book.stop(13, FIRST + timedelta(days=200))
    for week in range(52):
        service.visits.add_appointment(
            Appointment(
                datetime.combine(FIRST + timedelta(days=7 * week), clock(10, 30)).astimezone(),
                AppointmentKind.BLOOD_TEST,
            )
        )
    # Nine doses in ten recorded, in one transaction (not what the app does, just setup).
    last = FIRST + timedelta(days=DAYS - 1)
    found = book.doses(FIRST, last)
    repo = MedicineRepository(service.db)
    with writing(service.db):
        for i, dose in enumerate(found):
            if i % 10:
                status = DoseStatus.TAKEN if i % 37 else DoseStatus.SKIPPED
                repo.record_dose(
                    DoseRecord(dose.medicine_id, dose.due, status, dose.due + timedelta(minutes=5)),
                    dose.due,
                )
    return service


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        service = build(Path(tmp))
        book = service.medicines
        last = FIRST + timedelta(days=DAYS - 1)
        now = datetime.combine(last, clock(12)).astimezone()
        medicines = book.all()
        since = datetime.combine(FIRST - timedelta(days=1), clock()).astimezone()
        until = datetime.combine(last + timedelta(days=2), clock()).astimezone()
        records = book._repo.records(since, until)
        tests = book._repo.blood_tests()
        found = doses(medicines, records, tests, FIRST, last, now)
        count = len(found)

        def baseline() -> None:
            day = datetime.combine(FIRST, clock(8))
            for i in range(count):
                (day + timedelta(minutes=i)).astimezone()

        def year_table():
            return dose_table(medicines, records, tests, FIRST, last, now)

        core = median_ms(year_table, repeats)
        through = median_ms(lambda: book.table(FIRST, last, now), repeats)
        objects = median_ms(lambda: doses(medicines, records, tests, FIRST, last, now), repeats)
        week = median_ms(lambda: book.week(last - timedelta(days=6), 7, now), repeats)
        tick = median_ms(lambda: service.schedule.due(now), repeats)
        base = median_ms(baseline, repeats)
        service.close()
    print(f"{len(medicines)} medicines, {count} doses in {DAYS} days, {len(records)} recorded")
    print(f"dose_table() in the core, a year:         {core:7.2f} ms  (budget 20 ms)")
    print(f"service.medicines.table(), a year:        {through:7.2f} ms  (with the SQLite reads)")
    print(f"doses() as objects, a year (not the UI's): {objects:6.2f} ms")
    print(f"the 7-day grid (service.medicines.week):  {week:7.2f} ms")
    print(f"service.schedule.due(now), the tray:      {tick:7.2f} ms")
    print(f"baseline, one aware datetime per dose:    {base:7.2f} ms")
    print(f"ratio dose_table / baseline:              {core / base:7.2f}")
    print(
        f"fastest of {repeats}: dose_table {BEST['year_table']:.2f} ms, "
        f"baseline {BEST['baseline']:.2f} ms"
    )
    print(
        f"CPU time of the process, medians: dose_table {CPU['year_table']:.2f} ms, "
        f"baseline {CPU['baseline']:.2f} ms"
    )


if __name__ == "__main__":
    main()
