"""A horizontal day axis shared by the timeline and, later, the charts drawn under it."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from companion.domain.days import MINUS

TICK_STEPS = (1, 2, 7, 14, 28, 91, 182, 365)


class DayAxis:
    """Maps day numbers to x positions and back. Plain Python, so every view agrees.

    Day ``first_day`` starts at ``left``; each day is a cell ``px_per_day`` wide.
    """

    def __init__(self, first_day: int, last_day: int, px_per_day: float, left: float = 0.0):
        if last_day < first_day:
            raise ValueError("the axis must have at least one day")
        self.first_day = first_day
        self.last_day = last_day
        self.px_per_day = max(0.5, float(px_per_day))
        self.left = left

    @property
    def day_count(self) -> int:
        return self.last_day - self.first_day + 1

    @property
    def width(self) -> float:
        return 2 * self.left + self.day_count * self.px_per_day

    def x_of(self, day: float) -> float:
        """Left edge of a day's cell."""
        return self.left + (day - self.first_day) * self.px_per_day

    def center_of(self, day: int) -> float:
        return self.x_of(day) + self.px_per_day / 2

    def day_at(self, x: float) -> int:
        day = self.first_day + math.floor((x - self.left) / self.px_per_day)
        return min(self.last_day, max(self.first_day, day))

    def clamp(self, day: int) -> int:
        return min(self.last_day, max(self.first_day, day))

    def tick_step(self, min_label_px: float) -> int:
        """The smallest step in days whose labels do not run into each other."""
        for step in TICK_STEPS:
            if step * self.px_per_day >= min_label_px:
                return step
        return TICK_STEPS[-1]

    def ticks(self, step: int) -> list[int]:
        """Days at multiples of ``step`` from Day 0, so Day 0 is always a tick."""
        start = math.ceil(self.first_day / step) * step
        return list(range(start, self.last_day + 1, step))


def axis_label(day: int) -> str:
    if day == 0:
        return "0"
    return f"+{day}" if day > 0 else f"{MINUS}{-day}"


def paint_day_ticks(painter: QPainter, axis: DayAxis, rect: QRectF, date_of) -> None:
    """Draw tick marks, day numbers and (when room allows) dates along the bottom of ``rect``.

    Args:
        date_of: day number -> short date text, or None to omit dates.
    """
    metrics = QFontMetricsF(painter.font())
    step = axis.tick_step(metrics.horizontalAdvance("+000 | 00 Mmm") + 12)
    pen = QPen(painter.pen())
    line_h = metrics.height()
    first, last = axis.day_at(rect.left()) - step, axis.day_at(rect.right()) + step
    for day in axis.ticks(step):
        if not first <= day <= last:  # off screen: not drawn, not even formatted
            continue
        x = axis.center_of(day)
        painter.setPen(pen)
        painter.drawLine(QLineF(x, rect.top(), x, rect.top() + line_h * 0.4))
        label = axis_label(day)
        text_rect = QRectF(x - 60, rect.top() + line_h * 0.45, 120, line_h)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label
        )
        if date_of is not None:
            date_rect = QRectF(x - 60, rect.top() + line_h * 1.4, 120, line_h)
            painter.drawText(
                date_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, date_of(day)
            )


def journey_days(first_needed: int, today: int, close_care_days: int) -> tuple[int, int]:
    """The days an axis shows for a journey: a week before conditioning (or before today)
    to a month after close care, at least a year, and two months past today."""
    first = min(first_needed - 7, today - 7)
    last = max(close_care_days + 30, 395, today + 60)
    return first, last
