"""Print the visit report: one function for the preview, the printer and the PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPageSize, QPdfWriter, QTextDocument

from companion.i18n import N_, _
from companion.printing.keep import KEEP_WITH_NEXT
from companion.printing.paged import (
    MARGIN_MM,
    layout_document,
    prepare_device,
    print_document,
)
from companion.printing.pdf_tags import Bookmark, add_tags, document_language
from companion.printing.report_charts import ChartPainter, report_charts
from companion.printing.visit_report import (
    render_report_html,
    report_footer,
    report_outline,
    report_title,
)
from companion.service.errors import OutputError
from companion.service.files import check_output, written_atomically
from companion.service.report import ReportData

PDF_DPI = 300
AUTHOR = "Transplant Companion"
SUBJECT = N_(
    "A patient's diary for the transplant team: alerts, temperatures, blood counts, "
    "symptoms and questions for the visit"
)


def layout_report(
    data: ReportData, device: QPagedPaintDevice, dpi: int
) -> tuple[QTextDocument, ChartPainter]:
    """The report laid out in pages of ``device``, with room for its charts, and the
    painter that draws them."""
    charts = ChartPainter(report_charts(data), dpi)
    doc = layout_document(render_report_html(data), device, dpi, charts.prepare)
    return doc, charts


def print_report(
    data: ReportData,
    device: QPagedPaintDevice,
    dpi: int,
    first_page: int = 1,
    last_page: int | None = None,
    bookmarks: list[Bookmark] | None = None,
) -> int:
    """Lay out and print the report on ``device``; return the pages actually printed.
    ``bookmarks``, when given, receives where each section's heading landed."""
    doc, charts = layout_report(data, device, dpi)
    if bookmarks is not None:
        bookmarks.extend(_bookmarks(data, doc, dpi))
    return print_document(
        doc, device, report_footer(data), dpi, first_page, last_page, charts.paint_page
    )


def _bookmarks(data: ReportData, doc: QTextDocument, dpi: int) -> list[Bookmark]:
    """Each printed heading's page and height, for the PDF's outline."""
    titles = report_outline(data)
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    found = [Bookmark(_("Visit report"), 0, 0.0)]
    block = doc.begin()
    while block.isValid() and titles:
        state = block.userState()
        if state > 0 and state & KEEP_WITH_NEXT and block.text() == titles[0]:
            top = layout.blockBoundingRect(block).top()
            page = int(top // height)
            within = top - page * height
            found.append(Bookmark(titles.pop(0), page, MARGIN_MM / 25.4 * 72 + within * 72 / dpi))
        block = block.next()
    return found


def write_report_pdf(data: ReportData, path: Path, page_size: QPageSize | None = None) -> int:
    """Write the report to ``path`` (atomically, mode 0600) and return its page count.

    Paper: ``page_size``, or the locale's (A4, or Letter under US measures)."""
    path = check_output(path, "visit-report.pdf")
    with written_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setTitle(report_title(data))
        writer.setCreator("Transplant Companion")
        writer.setAuthor(AUTHOR)
        prepare_device(writer, page_size=page_size)
        marks: list[Bookmark] = []
        pages = print_report(data, writer, PDF_DPI, bookmarks=marks)
        del writer  # the file is complete once the writer is gone
        if temp.stat().st_size == 0:
            raise OutputError(_("Could not write {path}.").format(path=path))
        add_tags(temp, language=document_language(), subject=_(SUBJECT), bookmarks=marks)
    return pages
