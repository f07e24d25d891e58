"""Print a QTextDocument to a printer or PDF: keep-together rules, a footer on every page,
page numbers, and only the pages asked for.

Any document works: its blocks say how they may break with ``-qt-user-state`` flags
(``companion.printing.keep``). Checklist sheets and visit reports both print through here.
"""

from __future__ import annotations

from collections.abc import Callable

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
    QTextTable,
)

from companion.domain.text import escape_controls
from companion.i18n import _
from companion.printing.keep import HANGING_INDENT, KEEP_TOGETHER, KEEP_WITH_NEXT

FOOTER_POINTS = 9
MARGIN_MM = 12  # every printer manages 12 mm; 15 mm pushed a fortnight onto a third page
BODY_POINTS = 13


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale measures in US units, A4 everywhere else."""
    locale = locale or QLocale()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def prepare_device(
    device: QPagedPaintDevice,
    locale: QLocale | None = None,
    page_size: QPageSize | None = None,
    keep_size: bool = False,
) -> None:
    """Portrait, with comfortable margins, on ``page_size``; without one, the locale's
    paper — or, with ``keep_size``, the paper the device already has (a printer's own:
    the preview then shows the page the printer will print)."""
    if page_size is None:
        page_size = device.pageLayout().pageSize() if keep_size else page_size_for(locale)
    device.setPageLayout(
        QPageLayout(
            page_size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def _flags(block) -> int:
    state = block.userState()
    return state if state > 0 else 0


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)


def block_extent(doc: QTextDocument, block) -> QRectF:
    """A block's extent in document coordinates: its bounding rectangle and its lines.

    Qt moves a line that does not fit to the next page, and the block's bounding
    rectangle does not always show that gap (a chart's line sat a page below its block's
    rectangle); the union of both is where the block may be painted."""
    rect = doc.documentLayout().blockBoundingRect(block)
    lines = block.layout()
    if lines is None or lines.lineCount() == 0:
        return rect
    first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
    top = min(rect.top(), rect.top() + first.y())
    bottom = max(rect.bottom(), rect.top() + last.y() + last.height())
    return QRectF(rect.left(), top, rect.width(), bottom - top)


def layout_document(
    html: str,
    device: QPagedPaintDevice,
    dpi: int,
    prepare: Callable[[QTextDocument], None] | None = None,
) -> QTextDocument:
    """Lay the HTML out in pages of ``device`` and apply its keep-together rules.

    ``prepare(doc)`` runs once the HTML is in and the page size set, before pagination:
    the visit report sizes its chart placeholders there.
    """
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(BODY_POINTS)
    doc.setDefaultFont(font)
    doc.setHtml(escape_controls(html))  # a control character in a note is shown, not kept
    hang = 26 * dpi / 72
    fmt = QTextBlockFormat()
    fmt.setLeftMargin(hang)
    fmt.setTextIndent(-hang)
    # One edit block: the document is laid out again once, not after every item.
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    block = doc.begin()
    while block.isValid():
        if _flags(block) & HANGING_INDENT:
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(fmt)
        block = block.next()
    cursor.endEditBlock()
    paint = device.pageLayout().paintRectPixels(dpi)
    footer = FOOTER_POINTS * dpi / 72 * 3
    doc.setPageSize(QSizeF(paint.width(), paint.height() - footer))
    if prepare is not None:
        prepare(doc)
    apply_keep_rules(doc)
    return doc


def page_counter(device: QPagedPaintDevice, dpi: int) -> Callable[[str], int]:
    """How many pages of ``device``'s paper an HTML document takes, above the footer (the
    checklist sheet sizes its call boxes with this)."""

    def count(html: str) -> int:
        return layout_document(html, device, dpi).pageCount()

    return count


def apply_keep_rules(doc: QTextDocument, passes: int = 8) -> int:
    """Move each block that breaks its rule to the next page; return how many moved.

    Each pass lays the document out once and walks it in order. A page break moves what
    follows down by a known amount, so the pass carries that shift forward instead of
    laying the document out again after every move (a year's report has hundreds of
    blocks to keep together: once per move took minutes). Tables can shift by a little
    more (a repeated header), so passes repeat until one moves nothing.

    Table rows are Qt's: it keeps a row whole where it can, but may split a row of
    wrapped cells at a page's end (a page break on a cell's block confuses its table
    layout), so documents keep their table rows to one line where they can.
    """
    page_height = doc.pageSize().height()
    # Qt ends a page's text a margin above the page's end: a line reaching into it goes
    # on the next page.
    margin = doc.documentMargin()
    layout = doc.documentLayout()

    def page_of_top(y: float) -> int:
        return _page(y, page_height)

    def page_of_bottom(y: float) -> int:
        return _page(y - 1 + margin, page_height)

    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    moved = 0
    dirty_from = 0  # lay out again from the first break set (everything, at first)
    for _pass in range(passes):
        # Qt lays documents out lazily; force the layout so every position is current.
        doc.markContentsDirty(dirty_from, doc.characterCount() - dirty_from)
        layout.documentSize()
        dirty_from = doc.characterCount()
        shift = 0.0  # how far the breaks set in this pass moved what follows
        moved_now = 0
        block = doc.begin()
        while block.isValid():
            flags = _flags(block)
            if not flags or block.blockFormat().pageBreakPolicy() & always:
                block = block.next()
                continue
            rect = block_extent(doc, block).translated(0, shift)
            top = page_of_top(rect.top())
            move = False
            if flags & KEEP_TOGETHER and rect.height() < page_height:
                move = page_of_bottom(rect.bottom()) != top and rect.top() % page_height > margin
            if not move and flags & KEEP_WITH_NEXT and block.next().isValid():
                # Blocks in table cells too: their rectangles are in document coordinates.
                after = block_extent(doc, block.next()).translated(0, shift)
                move = (
                    page_of_bottom(after.bottom()) != top
                    and after.bottom() - rect.top() < page_height
                    and rect.top() % page_height > margin
                )
            if move:
                # A heading kept with this block goes with it (a chain of them, too).
                first, first_top = block, rect.top()
                while first.previous().isValid() and _flags(first.previous()) & KEEP_WITH_NEXT:
                    before = block_extent(doc, first.previous()).top() + shift
                    if page_of_top(before) != top or before % page_height <= margin:
                        break
                    first, first_top = first.previous(), before
                fmt = QTextBlockFormat()
                fmt.setPageBreakPolicy(always)
                QTextCursor(first).mergeBlockFormat(fmt)
                dirty_from = min(dirty_from, first.position())
                shift += (page_of_top(first_top) + 1) * page_height - first_top
                moved_now += 1
            block = block.next()
        if not moved_now:  # the layout is current: tables whose first row would split
            moved_now, first_moved = _keep_first_rows(doc, page_height, margin, always)
            if moved_now:
                dirty_from = min(dirty_from, first_moved)
        moved += moved_now
        if not moved_now:
            return moved  # this pass's layout is current, and keeps every rule
    doc.markContentsDirty(dirty_from, doc.characterCount() - dirty_from)
    layout.documentSize()
    return moved


def _tables(frame) -> list:
    found = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            found.append(child)
        found.extend(_tables(child))
    return found


def _keep_first_rows(
    doc: QTextDocument, page_height: float, margin: float, always
) -> tuple[int, int]:
    """A table whose first body row would be split across pages (Qt splits a row of
    wrapped cells) starts on the next page instead; returns how many tables moved and the
    document position of the first (where the layout must be made again from).

    Run after a pass has laid the document out; the next pass sees the move."""
    moved, first_moved = 0, doc.characterCount()
    for table in _tables(doc.rootFrame()):
        fmt = table.format()
        if fmt.pageBreakPolicy() & always:
            continue
        row = fmt.headerRowCount()
        if row >= table.rows():
            continue
        top, bottom = None, None
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            block = doc.findBlock(cell.firstPosition())
            while block.isValid() and block.position() <= cell.lastPosition():
                rect = block_extent(doc, block)
                top = rect.top() if top is None else min(top, rect.top())
                bottom = rect.bottom() if bottom is None else max(bottom, rect.bottom())
                block = block.next()
        if top is None or bottom - top >= page_height:
            continue
        page = _page(top, page_height)
        if page == _page(bottom - 1 + margin, page_height):
            continue
        # The heading kept with the table goes with it (and the break goes on the heading:
        # a break on both would leave a page between them).
        first = None
        before = doc.findBlock(table.firstPosition() - 1)
        while before.isValid() and _flags(before) & KEEP_WITH_NEXT:
            if _page(block_extent(doc, before).top(), page_height) != page:
                break
            first, before = before, before.previous()
        if first is not None:
            block_fmt = QTextBlockFormat()
            block_fmt.setPageBreakPolicy(always)
            QTextCursor(first).mergeBlockFormat(block_fmt)
            first_moved = min(first_moved, first.position())
        else:
            fmt.setPageBreakPolicy(always)
            table.setFormat(fmt)
            first_moved = min(first_moved, max(0, table.firstPosition() - 1))
        moved += 1
    return moved, first_moved


def print_document(
    doc: QTextDocument,
    device: QPagedPaintDevice,
    footer: str,
    dpi: int,
    first_page: int = 1,
    last_page: int | None = None,
    decorate: Callable[[QPainter, QTextDocument, QRectF], None] | None = None,
) -> int:
    """Paint pages ``first_page``–``last_page`` (1-based, both included; all by default)
    of the laid-out ``doc`` onto ``device``, each with ``footer`` and "Page N of M".

    ``decorate(painter, doc, page_rect)`` draws what the document only reserved room for
    (the report's charts), in document coordinates, after each page's text.

    Returns the number of pages actually printed.
    """
    page_height = doc.pageSize().height()
    width = doc.pageSize().width()
    pages = doc.pageCount()
    last_page = pages if last_page is None else min(last_page, pages)
    first_page = max(1, first_page)
    if first_page > last_page:
        return 0
    painter = QPainter(device)
    try:
        footer_font = QFont(doc.defaultFont())
        footer_font.setPointSizeF(FOOTER_POINTS)
        for page in range(first_page - 1, last_page):
            if page > first_page - 1:
                device.newPage()
            painter.save()
            painter.translate(0, -page * page_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * page_height, width, page_height)
            # Nothing of the text reaches into the footer: Qt may let a table row that it
            # split at the page's end paint past it (a longer Spanish row did).
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            if decorate is not None:
                decorate(painter, doc, context.clip)
            painter.setClipping(False)
            painter.restore()
            painter.setFont(footer_font)
            rect = QRectF(
                0, page_height + FOOTER_POINTS * dpi / 72, width, FOOTER_POINTS * dpi / 72 * 2.2
            )
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                footer + "  " + _("Page {page} of {pages}.").format(page=page + 1, pages=pages),
            )
    finally:
        painter.end()
    return last_page - first_page + 1


def print_html(
    html: str,
    device: QPagedPaintDevice,
    footer: str,
    dpi: int,
    first_page: int = 1,
    last_page: int | None = None,
) -> int:
    """Lay ``html`` out and print it (see ``print_document``); returns the pages printed."""
    doc = layout_document(html, device, dpi)
    return print_document(doc, device, footer, dpi, first_page, last_page)
