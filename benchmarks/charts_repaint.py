"""Timeline and charts repaint with two years of data (≈1,000 lab values, ≈20,000 entries).

Builds the heavy diary (generate.py), opens the window with the counts tab showing, and
times synchronous repaints (``QWidget.repaint()``) of the timeline canvas plus the charts,
at the default zoom (the first 100 days) and at the whole-year zoom. Median and p95 of
each; the budget is a median of 8 ms. The baseline in the same run is a repaint of an
empty widget of the same size.

Usage: ``python benchmarks/charts_repaint.py [repaints]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.generate import generate
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow


def timed_repaints(widgets, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        for widget in widgets:
            widget.repaint()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), date.today())
        service = DiaryService.open(path)
        entries, labs = service.db["entries"].count, service.db["labs"].count
        window = MainWindow(Diary(service))
        window.resize(1280, 1000)
        window.show()
        for _ in range(3):
            app.processEvents()
        window.show_page("journey")  # the timeline and the charts are on two pages now:
        app.processEvents()  # each is timed while shown, repainted together as before
        window.show_counts()
        app.processEvents()
        canvas, chart = window.timeline.canvas, window.counts_view.chart
        empty = QWidget()
        empty.resize(canvas.width() // 4, canvas.height() + chart.height())
        empty.show()
        app.processEvents()
        results = {}
        counts = window.counts_view
        for label, buttons in (
            ("first 100 days", (window.timeline.fit_button, counts.fit_button)),
            ("whole year", (window.timeline.year_button, counts.year_button)),
        ):
            for button in buttons:
                button.click()
            app.processEvents()
            # The timeline and the charts are on two pages: each is timed while its page
            # shows, and a repaint of both counts as the sum of the two.
            window.show_page("journey")
            app.processEvents()
            timeline = timed_repaints([canvas], count)
            window.show_page("counts")
            app.processEvents()
            charts = timed_repaints([chart], count)
            results[label] = [a + b for a, b in zip(sorted(timeline), sorted(charts), strict=True)]
        baseline = timed_repaints([empty], count)
        service.close()
    print(f"data: {entries} entries, {labs} lab values; {count} repaints each")
    for label, times in results.items():
        print(
            f"timeline + charts, {label}: median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {sorted(times)[int(0.95 * (len(times) - 1))] * 1000:.1f} ms (budget median 8 ms)"
        )
    print(f"baseline, empty widget repaint: median {statistics.median(baseline) * 1000:.2f} ms")
    del app


if __name__ == "__main__":
    main()
