"""The checklist packet as a PDF: our printer against a plain QTextDocument print.

Both print the same HTML (every phase of the sample journey) to a PDF at the same
resolution, interleaved in one process:

* plain: ``QTextDocument.setHtml(html); doc.print_(writer)``, Qt's own pagination;
* ours:  ``layout_checklist`` + ``print_document`` — the call boxes kept on each phase's
  first page (smaller where they would not fit, laid out again), items that would split
  across pages moved, and a footer with page numbers on every page.

Prints the medians and the ratio ours/plain. Usage:
``python benchmarks/checklist_pdf.py [runs] [language]`` (language: en, es).
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

from PySide6.QtGui import QGuiApplication, QPdfWriter, QTextDocument

from companion import i18n
from companion.domain.journey import Phase
from companion.printing.checklist_data import build_sheet
from companion.printing.checklist_layout import layout_checklist
from companion.printing.checklist_sheet import render_checklist_html
from companion.printing.paged import prepare_device, print_document
from companion.service.demo import create_demo
from companion.service.diary import DiaryService

DPI = 300


def writer_for(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    prepare_device(writer)
    return writer


def plain(html: str, path: Path) -> None:
    writer = writer_for(path)
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)
    del writer


def ours(sheet, path: Path) -> int:
    writer = writer_for(path)
    pages = print_document(layout_checklist(sheet, writer, DPI), writer, sheet.footer, DPI)
    del writer
    return pages


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    i18n.set_language(sys.argv[2] if len(sys.argv) > 2 else "en")
    _app = QGuiApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = DiaryService.open(create_demo(folder, date.today()))
        sheet = build_sheet(service, list(Phase), date.today(), blank=False)
        service.close()
        html = render_checklist_html(sheet)
        plain(html, folder / "warm-plain.pdf")
        pages = ours(sheet, folder / "warm-ours.pdf")
        plain_times, our_times = [], []
        for run in range(runs):
            start = time.perf_counter()
            plain(html, folder / f"plain-{run}.pdf")
            plain_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            ours(sheet, folder / f"ours-{run}.pdf")
            our_times.append(time.perf_counter() - start)
    p, o = statistics.median(plain_times), statistics.median(our_times)
    language = i18n.language()
    print(f"packet ({language}): {len(Phase)} phases, {pages} pages; {runs} runs each, interleaved")
    print(f"plain QTextDocument.print_: median {p * 1000:.0f} ms")
    print(f"ours (boxes fitted, no split, footers): median {o * 1000:.0f} ms")
    print(f"ratio ours/plain: {o / p:.2f} (budget 1.50)")


if __name__ == "__main__":
    main()
