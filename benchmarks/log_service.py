"""The core's own cost of one journaled log entry and of undoing it, with no window (issue 19).

On the diary from generate.py (about 20,000 entries over two years, a journal of the same
size), in one process: ``service.log.add`` of a temperature — one operation: BEGIN
IMMEDIATE, the entry, the rules, the alerts, the journal row, a durable commit (WAL,
``synchronous=FULL``), the change notification — against a bare INSERT + durable commit
of the same run as the baseline; then ``service.undo()`` of such an entry. The window's
figures (every view updated) are in benchmarks/log_entry.py.

Usage: ``python benchmarks/log_service.py [samples]``. Prints p50/p95 in milliseconds and
the ratio of the p95s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate
from companion.domain.entries import Entry, EntryKind
from companion.service.diary import DiaryService


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), date.today())
        service = DiaryService.open(path)
        db = service.db
        count = db["entries"].count
        with db.atomic():  # two years of operations in the journal, as in log_entry.py
            db.conn.executemany(
                "INSERT INTO journal (at, at_utc, operation, device, front_end, session, rows, "
                "undoable, state, kept) VALUES (?, ?, 'log_entry', 'pc', 'cli', ?, ?, 0, "
                "'done', 0)",
                [
                    (
                        "2025-01-01T10:00:00+00:00",
                        "2025-01-01T10:00:00Z",
                        f"old-{i // 500}",
                        f'[{{"table":"entries","uuid":null,"rowid":{i}}}]',
                    )
                    for i in range(count)
                ],
            )
        log_times, base_times, undo_times = [], [], []
        start = datetime.now().astimezone() - timedelta(hours=samples)
        for i in range(samples):
            at = start + timedelta(minutes=30 * i)
            entry = Entry(at, EntryKind.TEMPERATURE, value=36.5 + (i % 8) * 0.1, detail="mouth")
            t0 = time.perf_counter()
            service.log.add(entry)
            log_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with db.atomic():
                db.execute(
                    "INSERT INTO entries (at, at_utc, kind, value, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [at.isoformat(), at.isoformat(), "note", None, "x"],
                )
            base_times.append(time.perf_counter() - t0)
        for i in range(min(samples, 100)):
            at = start + timedelta(minutes=30 * i + 7)
            service.log.add(Entry(at, EntryKind.TEMPERATURE, value=36.6, detail="mouth"))
            t0 = time.perf_counter()
            service.undo()
            undo_times.append(time.perf_counter() - t0)
        service.close()
    print(f"diary: {count} entries, a journal of {count} operations; {samples} samples")
    print(
        f"service.log.add (journaled, rules, durable commit): p50 {pct(log_times, 0.5):.1f} ms, "
        f"p95 {pct(log_times, 0.95):.1f} ms (budget p95 16 ms)"
    )
    print(
        f"baseline, bare INSERT + durable commit: p50 {pct(base_times, 0.5):.1f} ms, "
        f"p95 {pct(base_times, 0.95):.1f} ms"
    )
    print(
        f"service.undo() of a logged temperature: p50 {pct(undo_times, 0.5):.1f} ms, "
        f"p95 {pct(undo_times, 0.95):.1f} ms (budget 50 ms)"
    )
    print(f"ratio log p95 / bare insert p95: {pct(log_times, 0.95) / pct(base_times, 0.95):.1f}")


if __name__ == "__main__":
    main()
