"""Charts inside a printed document, drawn as vectors by the screen's chart painter.

The report's HTML holds ``<img src="chart:NAME">`` placeholders. ``ChartPainter.prepare``
sizes each (after ``setHtml``) so the one QTextDocument lays it out and paginates it like
any image — an inline object never splits across pages — with an empty image behind it.
When a page is printed, ``ChartPainter.paint_page`` draws each chart on that page into
its placeholder's rectangle with ``paint_charts`` and ``paint_day_ticks``: the same code
that draws the charts on screen, as vectors.

(Not a QTextObjectInterface handler: PySide6 6.11 accepts a Python one in
``registerHandler`` but Qt never calls it — its qobject_cast to the interface fails.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)

from companion.domain.days import format_short_date
from companion.drawing.charts import Series, make_rows, paint_charts, recovery_mark
from companion.drawing.day_axis import DayAxis, paint_day_ticks
from companion.printing.visit_report import CHART_SCHEME, CHARTS
from companion.service.report import ReportData, Section

# The chart is drawn in "screen pixels" (96 per inch) scaled to the device, so lines and
# labels have the weights they have on screen; labels at 13 px are 9.75 pt on paper.
SCREEN_DPI = 96.0
LABEL_PX = 13


@dataclass
class Chart:
    rows: list[Series]
    first_day: int
    last_day: int
    height_mm: float
    day0: date
    recovery: tuple[int, str] | None = None


def report_charts(data: ReportData) -> dict[str, Chart]:
    """The charts a report's placeholders name, from its period's values."""
    transplant = data.transplant
    anc, platelets, hb, temps = make_rows(
        transplant.day0,
        data.labs,
        data.transfusions,
        data.temperatures,
        count_unit=data.count_unit,
        hb_unit=data.hb_unit,
        unit=data.unit,
        fever_c=data.fever_c,
    )
    first = data.day_number(data.period.first)
    last = data.day_number(data.period.last)
    recovery = recovery_mark(transplant)
    if recovery is not None and not first <= recovery[0] <= last:
        recovery = None  # before or after the period: its line would fall off the chart
    # One strip: four rows on one shared Day axis, temperature first.
    strip = ([temps] if data.has(Section.TEMPERATURE) else []) + (
        [anc, platelets, hb] if data.has(Section.COUNTS) else []
    )
    rows = {"strip": strip}
    return {
        name: Chart(
            series,
            first,
            last,
            CHARTS[name],
            transplant.day0,
            recovery,
        )
        for name, series in rows.items()
    }


class ChartPainter:
    """Sizes a document's chart placeholders and paints the charts page by page."""

    def __init__(self, charts: dict[str, Chart], dpi: float) -> None:
        self.charts = charts
        self.dpi = dpi
        self.painted: list[str] = []  # names, in paint order (tests look)
        # (name, document position, width, height in 1/96 inch)
        self._placed: list[tuple[str, int, float, float]] = []

    def prepare(self, doc: QTextDocument) -> None:
        """Give each ``chart:NAME`` image its chart's size (full text width) and an empty
        picture, so Qt reserves the room and draws nothing there itself."""
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        found = []
        block = doc.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    source = fmt.toImageFormat().name()
                    name = source.removeprefix(CHART_SCHEME)
                    if source.startswith(CHART_SCHEME) and name in self.charts:
                        found.append((name, source, fragment.position()))
                fragments += 1
            block = block.next()
        # Image sizes are in 1/96 inch; the layout scales them to the device.
        paint = doc.documentLayout().paintDevice()
        device_dpi = paint.logicalDpiX() if paint is not None else SCREEN_DPI
        width_px = (doc.pageSize().width() - 2 * doc.documentMargin()) / device_dpi * SCREEN_DPI
        self._placed = []
        for name, source, position in found:
            width = width_px - 4
            height = self.charts[name].height_mm / 25.4 * SCREEN_DPI
            self._placed.append((name, position, width, height))
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(source), blank)
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            image = QTextImageFormat()
            image.setName(source)
            image.setWidth(width)
            image.setHeight(height)
            cursor.setCharFormat(image)

    def rects(self, doc: QTextDocument) -> list[tuple[str, QRectF]]:
        """Where each chart was laid out, in document coordinates."""
        layout = doc.documentLayout()
        out = []
        scale = self.dpi / SCREEN_DPI
        for name, position, width_96, height_96 in self._placed:
            block = doc.findBlock(position)
            text_layout = block.layout()
            offset = position - block.position()
            line = text_layout.lineForTextPosition(offset)
            box = layout.blockBoundingRect(block)
            width, height = width_96 * scale, height_96 * scale
            x, _ = line.cursorToX(offset)
            top = box.top() + line.y() + line.ascent() - height
            out.append((name, QRectF(box.left() + x, top, width, height)))
        return out

    def paint_page(self, painter: QPainter, doc: QTextDocument, page: QRectF) -> None:
        """Draw the charts inside ``page`` (document coordinates; the painter is set up
        for them by the page printer)."""
        for name, rect in self.rects(doc):
            if rect.intersects(page):
                self.paint(painter, name, rect)

    def paint(self, painter: QPainter, name: str, rect: QRectF) -> None:
        chart = self.charts[name]
        self.painted.append(name)
        scale = self.dpi / SCREEN_DPI
        width, height = rect.width() / scale, rect.height() / scale
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(scale, scale)
        font = QFont("DejaVu Sans")
        font.setPixelSize(LABEL_PX)
        painter.setFont(font)
        line = painter.fontMetrics().height()
        days = chart.last_day - chart.first_day + 1
        axis = DayAxis(chart.first_day, chart.last_day, (width - 16) / days, left=8)
        plot_height = height - line * 2.6
        row_height = plot_height / max(1, len(chart.rows))
        painter.setPen(QPen(QColor("#9e9e9e"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, width, plot_height))
        paint_charts(
            painter,
            axis,
            QRectF(0, 0, width, plot_height),
            chart.rows,
            row_height,
        )
        painter.setPen(QPen(QColor("#9e9e9e"), 1))
        for index in range(1, len(chart.rows)):  # a line between the rows
            y = index * row_height
            painter.drawLine(QPointF(0, y), QPointF(width, y))
        if chart.recovery is not None:  # the registry line, through every row
            day, label = chart.recovery
            x = axis.x_of(day)
            painter.setPen(QPen(QColor("#1b1b1b"), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, 0), QPointF(x, plot_height))
            box = QRectF(
                x + 4,
                plot_height - line - 4,
                painter.fontMetrics().horizontalAdvance(label) + 4,
                line,
            )
            if box.right() > width:
                box.moveRight(x - 4)
            painter.fillRect(box.adjusted(-2, 0, 2, 0), QColor(255, 255, 255, 230))
            painter.setPen(QColor("#1b1b1b"))
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(QPen(QColor("#1b1b1b"), 1))
        painter.setFont(font)
        origin = chart.day0.toordinal()
        paint_day_ticks(
            painter,
            axis,
            QRectF(0, plot_height, width, height - plot_height),
            lambda day: format_short_date(date.fromordinal(origin + day)),
        )
        painter.restore()
