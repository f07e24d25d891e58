"""Print HTML to a printer or PDF: items never split across pages, a footer on every page."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from companion.printing.checklist_sheet import BOX_EMPTY, BOX_TICKED, DAILY_MARK

FOOTER_POINTS = 9
MARGIN_MM = 15


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale measures in US units, A4 everywhere else."""
    locale = locale or QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def prepare_device(device: QPagedPaintDevice, locale: QLocale | None = None) -> None:
    """Paper size from the locale, portrait, with comfortable margins."""
    device.setPageLayout(
        QPageLayout(
            page_size_for(locale),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def _is_item(block) -> bool:
    text = block.text()
    return text.startswith((BOX_EMPTY, BOX_TICKED, DAILY_MARK))


def _is_heading(block) -> bool:
    return block.blockFormat().headingLevel() == 2


def layout_document(html: str, device: QPagedPaintDevice, dpi: int) -> QTextDocument:
    """Lay the HTML out in pages of ``device``, moving any item that would split to the
    next page, and any group heading that would end a page to the next page with its item."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(13)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    # A hanging indent: an item's wrapped lines and its "why" line start under its text,
    # not under its box (Qt's HTML import ignores a negative text-indent).
    hang = 26 * dpi / 72
    block = doc.begin()
    while block.isValid():
        if _is_item(block):
            fmt = QTextBlockFormat()
            fmt.setLeftMargin(hang)
            fmt.setTextIndent(-hang)
            QTextCursor(block).mergeBlockFormat(fmt)
        block = block.next()
    paint = device.pageLayout().paintRectPixels(dpi)
    footer = FOOTER_POINTS * dpi / 72 * 3
    doc.setPageSize(QSizeF(paint.width(), paint.height() - footer))
    page_height = doc.pageSize().height()
    layout = doc.documentLayout()
    for _ in range(200):  # each pass moves at least one block; the document is finite
        moved = False
        # Qt lays documents out lazily; a format change re-lays only part of it. Force the
        # whole layout so every block's position is current before measuring.
        doc.markContentsDirty(0, doc.characterCount())
        layout.documentSize()
        block = doc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            top_page = int(rect.top() // page_height)
            bottom_page = int((rect.bottom() - 1) // page_height)
            breaks = (
                block.blockFormat().pageBreakPolicy()
                & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            )
            candidate = False
            if _is_item(block) and top_page != bottom_page and rect.height() < page_height:
                candidate = True
            elif _is_heading(block) and block.next().isValid():
                next_rect = layout.blockBoundingRect(block.next())
                candidate = int((next_rect.bottom() - 1) // page_height) != top_page
            if candidate and not breaks:
                fmt = QTextBlockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).mergeBlockFormat(fmt)
                moved = True
                break
            block = block.next()
        if not moved:
            break
    doc.markContentsDirty(0, doc.characterCount())
    layout.documentSize()
    return doc


def print_html(html: str, device: QPagedPaintDevice, footer: str, dpi: int) -> int:
    """Paint the laid-out pages onto ``device`` with ``footer`` and page numbers.

    Returns the number of pages printed.
    """
    doc = layout_document(html, device, dpi)
    page_height = doc.pageSize().height()
    width = doc.pageSize().width()
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        footer_font = QFont(doc.defaultFont())
        footer_font.setPointSizeF(FOOTER_POINTS)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * page_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * page_height, width, page_height)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            rect = QRectF(
                0, page_height + FOOTER_POINTS * dpi / 72, width, FOOTER_POINTS * dpi / 72 * 2.2
            )
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                f"{footer}  Page {page + 1} of {pages}.",
            )
    finally:
        painter.end()
    return pages
