"""The charts widget under the timeline: the shared painter on the timeline's day axis."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from companion.drawing.charts import RowGeometry, Series, paint_charts
from companion.drawing.day_axis import DayAxis


class CountsChartCanvas(QWidget):
    """ANC, platelets, haemoglobin and temperature under the timeline, on its day axis.

    Hovering a point shows its value and day; clicking selects that day.

    Signals:
        day_selected(int): the user clicked a day.
    """

    day_selected = Signal(int)

    def __init__(self, axis_source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._axis_source = axis_source  # the timeline canvas: its axis is ours
        self.setObjectName("counts-chart")
        self.setAccessibleName("Blood count and temperature charts")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self.rows: list[Series] = []
        self.recovery: tuple[int, str] | None = None
        self._geometry: list[RowGeometry] = []

    @property
    def axis(self) -> DayAxis:
        return self._axis_source.axis

    def row_height(self) -> float:
        return QFontMetricsF(self.font()).height() * 5.5

    def set_rows(self, rows: list[Series], recovery: tuple[int, str] | None) -> None:
        self.rows, self.recovery = rows, recovery
        self.sync_size()
        self.update()

    def sync_size(self) -> None:
        self.setFixedSize(int(self.axis.width), int(self.row_height() * max(1, len(self.rows))))

    def sizeHint(self) -> QSize:
        return QSize(int(self.axis.width), int(self.row_height() * max(1, len(self.rows))))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        visible = QRectF(self.visibleRegion().boundingRect())
        rect = QRectF(event.rect()).united(visible)
        rect.setTop(0)
        rect.setHeight(self.height())
        self._geometry = paint_charts(
            painter,
            self.axis,
            rect,
            self.rows,
            self.row_height(),
            self.recovery,
            self._axis_source.selected_day,
            visible.right() - self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent),
        )
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
            self.day_selected.emit(self.axis.day_at(event.position().x()))
