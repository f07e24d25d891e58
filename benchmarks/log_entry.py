"""Logging an entry with two years of heavy use (about 20,000 entries), and the log table.

Measures, in one process under the offscreen platform, on the diary from generate.py:

* log a temperature through the quick-entry panel: click → parse → durable commit
  (WAL, synchronous=FULL) → rules → every view updated (log table, timeline marks, day
  panel, alert card) — each sample ends after the event loop has processed the updates;
* the same with a plain SQLite insert + commit as the baseline of the same run;
* Edit → Undo of a logged temperature (the diary's undo from its journal, issue 19) and the
  views updated, with a journal of two years (20,000 operations, older than the undo days);
* filtering the log (by kind, then back to everything) and scrolling a page.

Usage: ``python benchmarks/log_entry.py [samples]``. Prints p50/p95 in milliseconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Its own settings: a text size saved on this computer changes how many rows are drawn.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="log-entry-settings-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from benchmarks.generate import generate
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path = generate(Path(tmp), date.today())
        built = time.perf_counter() - start
        service = DiaryService.open(path)
        db = service.db
        count = db["entries"].count
        # Two years of operations in the journal, their values erased (older than the undo
        # days), as a diary used every day would have.
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO journal (at, at_utc, operation, device, front_end, session, rows, "
                "undoable, state, kept) VALUES (?, ?, 'log_entry', 'pc', 'window', ?, ?, 0, "
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
        diary = Diary(service)
        window = MainWindow(diary)
        window.show()
        for _ in range(3):
            app.processEvents()
        window.show_page("log")  # the log table is live too
        app.processEvents()
        panel = window.quick_entry
        log_times, base_times = [], []
        for i in range(samples):
            panel.temp_edit.setText(f"{36.5 + (i % 8) * 0.1:.1f}")
            t0 = time.perf_counter()
            panel.temp_button.click()
            app.processEvents()
            log_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with db.atomic():
                now = datetime.now().astimezone()
                db.execute(
                    "INSERT INTO entries (at, at_utc, kind, value, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [now.isoformat(), now.isoformat(), "note", None, "x"],
                )
            base_times.append(time.perf_counter() - t0)
        undo_times = []
        for i in range(min(samples, 100)):
            panel.temp_edit.setText(f"{36.5 + (i % 8) * 0.1:.1f}")
            panel.temp_button.click()
            app.processEvents()
            t0 = time.perf_counter()
            window.undo_stack.undo()
            app.processEvents()
            undo_times.append(time.perf_counter() - t0)
        view = window.log_view
        filter_times, scroll_times = [], []
        for _ in range(20):
            t0 = time.perf_counter()
            view.kind_combo.setCurrentIndex(view.kind_combo.findData("symptom"))
            app.processEvents()
            view.kind_combo.setCurrentIndex(0)
            app.processEvents()
            filter_times.append((time.perf_counter() - t0) / 2)
            bar = view.table.verticalScrollBar()
            t0 = time.perf_counter()
            bar.setValue((bar.value() + bar.pageStep()) % max(1, bar.maximum()))
            view.table.viewport().repaint()
            scroll_times.append(time.perf_counter() - t0)
        shown = view.proxy.rowCount()
        service.close()
    print(f"diary: {count} entries over 730 days (built in {built:.1f} s); log shows {shown}")
    print(
        f"log a temperature, UI to views updated: p50 {pct(log_times, 0.5):.1f} ms, "
        f"p95 {pct(log_times, 0.95):.1f} ms (budget p95 16 ms)"
    )
    print(
        f"baseline, bare INSERT + durable commit: p50 {pct(base_times, 0.5):.1f} ms, "
        f"p95 {pct(base_times, 0.95):.1f} ms"
    )
    print(
        f"Edit → Undo of a logged temperature, views updated: p50 {pct(undo_times, 0.5):.1f} ms, "
        f"p95 {pct(undo_times, 0.95):.1f} ms (budget 50 ms)"
    )
    print(f"ratio log p95 / bare insert p95: {pct(log_times, 0.95) / pct(base_times, 0.95):.1f}")
    print(
        f"filter the log by kind: median {statistics.median(filter_times) * 1000:.1f} ms; "
        f"scroll a page: median {statistics.median(scroll_times) * 1000:.1f} ms"
    )
    del app


if __name__ == "__main__":
    main()
