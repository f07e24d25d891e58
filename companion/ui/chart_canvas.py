"""The blood count charts: the shared painter on a day axis of their own, zoomed and
scrolled with their own buttons, taking focus and describing their latest values."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from companion.drawing.charts import ChartColours, RowGeometry, Series, latest_values, paint_charts
from companion.drawing.day_axis import DayAxis, journey_days, paint_day_ticks
from companion.i18n import _
from companion.ui import access, theme
from companion.ui.dates import day_and_month

MIN_ROW_LINES = 6.0  # a chart is never less than six lines of text tall
MIN_PX_PER_DAY, MAX_PX_PER_DAY = 1.5, 96.0


class ChartAxis(QObject):
    """The charts' days: the journey's range, a scale, and the selected day.

    Signals:
        changed: the scale or the range changed (the canvas resizes).
        selection_changed(int): another day was selected.
    """

    changed = Signal()
    selection_changed = Signal(int)

    def __init__(self, service, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._px_per_day = 12.0
        self.selected_day = 0
        self.refresh()
        self.selected_day = self.today_day

    def refresh(self) -> None:
        service = self._service
        transplant = service.transplants.active
        self.day0 = transplant.day0
        self.today_day = transplant.day_number(service.today())
        first, last = journey_days(
            -transplant.conditioning_days, self.today_day, service.settings.numbers.close_care_days
        )
        self.axis = DayAxis(first, last, self._px_per_day, left=8)
        self.changed.emit()

    @property
    def px_per_day(self) -> float:
        return self._px_per_day

    def set_px_per_day(self, value: float) -> None:
        value = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, value))
        if value != self._px_per_day:
            self._px_per_day = value
            axis = self.axis
            self.axis = DayAxis(axis.first_day, axis.last_day, value, axis.left)
            self.changed.emit()

    def select(self, day: int) -> None:
        day = self.axis.clamp(day)
        if day != self.selected_day:
            self.selected_day = day
            self.selection_changed.emit(day)


class CountsChartCanvas(QWidget):
    """ANC, platelets, haemoglobin and temperature, stacked, as tall as the room given.

    Hovering a point shows its value and day; clicking selects that day. With the focus,
    ←/→ move a day, PgUp/PgDn a week, Home goes to today. A screen reader meets it as a
    chart whose description says each chart's latest value (the table beside it has them
    all).

    Signals:
        day_selected(int): the user selected a day on the charts.
    """

    day_selected = Signal(int)
    accessible_role = "Chart"  # a QAccessible.Role

    def __init__(self, axis_source: ChartAxis, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._axis_source = axis_source
        self.setObjectName("counts-chart")
        self.setAccessibleName(_("Blood count and temperature charts"))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.rows: list[Series] = []
        self.recovery: tuple[int, str] | None = None
        self._geometry: list[RowGeometry] = []
        self._room = 0
        axis_source.changed.connect(self.sync_size)
        axis_source.selection_changed.connect(self._on_axis_selection_changed)

    @property
    def axis(self) -> DayAxis:
        return self._axis_source.axis

    def min_row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * MIN_ROW_LINES

    def row_height(self) -> float:
        """Each chart's height: a share of the room the page gives, never less than six
        lines of text."""
        rows = max(1, len(self.rows))
        return max(self.min_row_height(), (self._room - self.axis_height()) / rows)

    def set_room(self, height: int) -> None:
        """The height available (the view's scroll area): the charts grow to fill it."""
        if height != self._room:
            self._room = height
            self.sync_size()

    def axis_height(self) -> float:
        """The day numbers and dates under the charts."""
        return QFontMetricsF(self.font()).height() * 2.6

    def min_height(self) -> int:
        return int(self.min_row_height() * max(1, len(self.rows)) + self.axis_height())

    def set_rows(self, rows: list[Series], recovery: tuple[int, str] | None) -> None:
        self.rows, self.recovery = rows, recovery
        self.setAccessibleDescription(
            _(
                "{latest} Use the arrow keys to move a day; the table below lists every result."
            ).format(latest=latest_values(rows))
        )
        self.sync_size()
        self.update()

    def _height(self) -> int:
        return int(self.row_height() * max(1, len(self.rows)) + self.axis_height())

    def sync_size(self) -> None:
        self.setFixedSize(int(self.axis.width), self._height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(int(self.axis.width), self._height())

    def colours(self) -> ChartColours:
        scheme = theme.scheme(self.palette())
        base = self.palette().color(QPalette.ColorRole.Base)
        selection = self.palette().color(QPalette.ColorRole.Highlight)
        selection.setAlpha(50)
        return ChartColours(
            ink=self.palette().color(QPalette.ColorRole.Text),
            line=scheme.chart_line,
            threshold=scheme.chart_threshold,
            grid=scheme.chart_grid,
            paper=base,
            mark_fill=scheme.mark_fill,
            mark_ink=theme.LIGHT.phase_ink,
            selection=selection,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        visible = QRectF(self.visibleRegion().boundingRect())
        rect = QRectF(event.rect()).united(visible)
        rect.setTop(0)
        rows_height = self.row_height() * max(1, len(self.rows))
        rect.setHeight(rows_height)
        self._geometry = paint_charts(
            painter,
            self.axis,
            rect,
            self.rows,
            self.row_height(),
            self.recovery,
            self._axis_source.selected_day,
            visible.right() - 4,
            self.colours(),
            visible.left(),
        )
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text)))
        day0 = self._axis_source.day0
        paint_day_ticks(
            painter,
            self.axis,
            QRectF(rect.left(), rows_height, rect.width(), self.axis_height()),
            lambda d: day_and_month(day0 + timedelta(days=d)),
        )
        if self.hasFocus():
            area = visible.adjusted(1, 1, -1, -1)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(access.RING_DARK, 3))
            painter.drawRect(area.adjusted(1.5, 1.5, -1.5, -1.5))
            painter.setPen(QPen(access.RING_LIGHT, 2))
            painter.drawRect(area.adjusted(4, 4, -4, -4))
        painter.end()

    def point_position(self, row: int, index: int) -> QPointF:
        """Where point ``index`` of row ``row`` was drawn (after a paint)."""
        geometry = self._geometry[row]
        day, value = geometry.series.points[index]
        return QPointF(self.axis.x_of(day) + self.axis.px_per_day / 2, geometry.y_of(value))

    def point_near(self, position: QPointF, radius: float = 8.0) -> str | None:
        """The tooltip of the drawn point nearest ``position`` within ``radius`` pixels."""
        for row, geometry in enumerate(self._geometry):
            if not geometry.plot.adjusted(0, -radius, 0, radius).contains(position):
                continue
            series = geometry.series
            span = radius / self.axis.px_per_day
            day = (position.x() - self.axis.left) / self.axis.px_per_day + self.axis.first_day
            best, best_distance = None, radius * radius
            for i in series.visible(day - span - 1, day + span):
                point = self.point_position(row, i)
                dx, dy = point.x() - position.x(), point.y() - position.y()
                if dx * dx + dy * dy <= best_distance and series.labels:
                    best, best_distance = series.labels[i], dx * dx + dy * dy
            return best
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        text = self.point_near(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.day_selected.emit(self.axis.day_at(event.position().x()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_PageUp: -7,
            Qt.Key.Key_PageDown: 7,
        }
        if event.key() in moves and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.day_selected.emit(
                self.axis.clamp(self._axis_source.selected_day + moves[event.key()])
            )
        elif event.key() == Qt.Key.Key_Home:
            self.day_selected.emit(self._axis_source.today_day)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _on_axis_selection_changed(self, day: int) -> None:
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.sync_size()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
