"""The visit report of a long diary as a PDF: ours against a plain QTextDocument print.

A two-year diary (``benchmarks/generate.py``: about 20,000 entries, 1,000 blood counts,
alerts, a clinic visit every two weeks with questions) is reported twice, interleaved in
one process, each against its baseline:

* ours:  ``gather_report`` (the service reads the period) + ``print_report`` — the HTML,
  charts drawn as vectors, keep-together rules, footers and page numbers;
* plain: the same report's HTML, already made, through ``QTextDocument.setHtml`` and
  ``print_`` — Qt's own pagination, no charts — the same number of pages or near it.

Cases: the default period (since the last clinic visit) and the whole last year.
Usage: ``python benchmarks/report_pdf.py [runs]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QGuiApplication, QPdfWriter, QTextDocument

from benchmarks.generate import generate
from companion.printing.paged import prepare_device
from companion.printing.report_pdf import print_report
from companion.printing.visit_report import render_report_html
from companion.service.diary import DiaryService
from companion.service.report import Period, default_period, gather_report

DPI = 300


def writer_for(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    prepare_device(writer)
    return writer


def plain(html: str, path: Path) -> int:
    """Qt's own: the HTML laid out on the writer's pages and printed; returns its pages."""
    writer = writer_for(path)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setHtml(html)
    paint = writer.pageLayout().paintRectPixels(DPI)
    doc.setPageSize(QSizeF(paint.width(), paint.height()))
    doc.print_(writer)
    pages = doc.pageCount()
    del writer
    return pages


def ours(service: DiaryService, period: Period, path: Path) -> int:
    writer = writer_for(path)
    pages = print_report(gather_report(service, period), writer, DPI)
    del writer
    return pages


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    _app = QGuiApplication([])
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = generate(folder, today)
        now = datetime.combine(today, datetime.min.time()).astimezone() + timedelta(hours=22)
        service = DiaryService.open(path, lambda: now)
        entries = len(service.log.entries())
        cases = {
            "default period": default_period(service),
            "last 365 days": Period(today - timedelta(days=364), today, "the dates chosen"),
        }
        print(f"diary: {entries} entries, {len(service.labs.all())} blood counts; {runs} runs each")
        for name, period in cases.items():
            html = render_report_html(gather_report(service, period))
            plain_pages = plain(html, folder / "warm-plain.pdf")
            our_pages = ours(service, period, folder / "warm-ours.pdf")
            plain_times, our_times = [], []
            for run in range(runs):
                start = time.perf_counter()
                plain(html, folder / f"plain-{run}.pdf")
                plain_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                ours(service, period, folder / f"ours-{run}.pdf")
                our_times.append(time.perf_counter() - start)
            p, o = statistics.median(plain_times), statistics.median(our_times)
            print(
                f"{name} ({period.first} to {period.last}): ours {our_pages} pages, "
                f"plain {plain_pages} pages"
            )
            print(f"  plain QTextDocument.print_: median {p * 1000:.0f} ms")
            print(f"  ours (data, charts, keep rules, footers): median {o * 1000:.0f} ms")
            print(f"  ratio ours/plain: {o / p:.2f} (budget 2.00)")
        service.close()


if __name__ == "__main__":
    main()
