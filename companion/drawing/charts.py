"""Blood counts and temperatures charted on the timeline's day axis (QPainter, printable).

Not QtCharts: it is deprecated since Qt 6.10 and needs the 160 MB Addons wheel. One
``paint_charts()`` draws onto any QPainter — the screen here, a printer for a clinic report.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from companion.domain.alerts import c_to_f
from companion.domain.days import format_day, format_short_date
from companion.domain.entries import TemperatureUnit
from companion.domain.labs import (
    CountUnit,
    HbUnit,
    LabResult,
    Product,
    Transfusion,
    count_text,
    hb_text,
)
from companion.drawing.day_axis import DayAxis
from companion.service.diary import DiaryService

INK = QColor("#1b1b1b")
LINE = QColor("#1f5fa8")
THRESHOLD = QColor("#b00020")
GRID = QColor("#d0d0d0")


@dataclass
class Series:
    """One chart row: points as (day number with fraction, value), sorted by day."""

    title: str
    unit: str
    points: list[tuple[float, float]] = field(default_factory=list)
    hollow: set[int] = field(default_factory=set)  # indexes drawn hollow (computed values)
    lines: Sequence[tuple[float, str]] = ()  # horizontal reference lines (value, label)
    floor: float = 0.0
    ceiling: float = 1.0
    marks: list[tuple[int, str]] = field(default_factory=list)  # (day, letter) e.g. transfusions
    connect: bool = True
    labels: list[str] = field(default_factory=list)  # tooltip text per point
    # "sqrt" spreads the low values that matter (ANC 0.5, platelets 20) over more height.
    scale: str = "linear"
    ticks: Sequence[float] = ()  # light grid lines with their values on the left
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._days = [p[0] for p in self.points]

    def set_points(self, points: list[tuple[float, float]]) -> None:
        """Replace the points (sorted by day) and forget what was worked out from them."""
        self.points = points
        self._days = [p[0] for p in points]
        self.cache.clear()

    def visible(self, first: float, last: float) -> range:
        return range(bisect.bisect_left(self._days, first), bisect.bisect_right(self._days, last))


def fractional_day(moment: datetime, day0_ordinal: int) -> float:
    return moment.date().toordinal() - day0_ordinal + (moment.hour * 60 + moment.minute) / 1440


def _columns(series: Series, x0: float, ppd: float, y_of, plot_key) -> tuple[list, list]:
    """The whole series reduced to pixel columns (first, lowest, highest, last value each).

    Computed once per zoom level and kept on the series, so scrolling and repainting only
    slice it: two years of readings would otherwise be walked on every paint.
    """
    key = (x0, ppd, plot_key, series.floor, series.ceiling, len(series.points))
    cached = series.cache.get("columns")
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    columns: list[int] = []
    vertices: list[QPointF] = []
    column, values = None, []

    def flush() -> None:
        columns.append(column)
        for v in (values[0], min(values), max(values), values[-1]):
            vertices.append(QPointF(column, y_of(v)))

    for day, value in series.points:
        here = int(x0 + day * ppd)
        if here != column and values:
            flush()
            values = []
        column = here
        values.append(value)
    if values:
        flush()
    series.cache["columns"] = (key, columns, vertices)
    return columns, vertices


@dataclass(frozen=True)
class RowGeometry:
    """Where a row was drawn, so a mouse position can be matched to its nearest point."""

    plot: QRectF
    series: Series
    y_of: object  # value -> y


def paint_charts(
    painter: QPainter,
    axis: DayAxis,
    rect: QRectF,
    rows: Sequence[Series],
    row_height: float,
    recovery: tuple[int, str] | None = None,
    selected: int | None = None,
    visible_right: float | None = None,
) -> list[RowGeometry]:
    """Draw ``rows`` stacked in ``rect`` (only the part of the axis inside ``rect``).

    Dense series (more points than a few per pixel column allow) are drawn as a plain line
    through each pixel column's lowest and highest value, without point markers: two years
    of four-hourly temperatures stay quick to draw. Returns each row's geometry.
    """
    geometry: list[RowGeometry] = []
    metrics = QFontMetricsF(painter.font())
    right = rect.right() if visible_right is None else min(rect.right(), visible_right)
    first_day = axis.day_at(rect.left()) - 1
    last_day = axis.day_at(rect.right()) + 1
    bold = QFont(painter.font())
    bold.setBold(True)
    half = axis.px_per_day / 2
    for index, series in enumerate(rows):
        top = rect.top() + index * row_height
        plot = QRectF(
            rect.left(),
            top + metrics.height() * 1.2,
            rect.width(),
            row_height - metrics.height() * 1.8,
        )
        bottom, height = plot.bottom(), plot.height()
        ceiling, floor = series.ceiling, series.floor
        if series.scale == "sqrt":

            def y_of(value: float, bottom=bottom, height=height, ceiling=ceiling) -> float:
                clamped = min(ceiling, max(0.0, value))
                return bottom - (clamped / ceiling) ** 0.5 * height
        else:
            span = max(1e-9, ceiling - floor)

            def y_of(
                value: float, bottom=bottom, height=height, ceiling=ceiling, floor=floor, span=span
            ) -> float:
                return bottom - (min(ceiling, max(floor, value)) - floor) / span * height

        geometry.append(RowGeometry(plot, series, y_of))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(rect.left(), bottom), QPointF(rect.right(), bottom))
        for tick in series.ticks:
            y = y_of(tick)
            painter.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(INK)
            painter.drawText(QPointF(rect.left() + 4, y - 2), f"{tick:g}")
        if selected is not None and first_day <= selected <= last_day:
            painter.fillRect(
                QRectF(axis.x_of(selected), plot.top(), max(axis.px_per_day, 3), height),
                QColor(30, 95, 168, 40),
            )
        for number, (value, label) in enumerate(series.lines):
            y = y_of(value)
            painter.setPen(QPen(THRESHOLD, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(THRESHOLD)
            # The first line's label sits under it, the next above: 20 and 50 never collide.
            below = number == 0 and len(series.lines) > 1
            text_y = y + metrics.ascent() + 1 if below else y - 3
            painter.drawText(QPointF(right - metrics.horizontalAdvance(label) - 6, text_y), label)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for day, letter in series.marks:
            if first_day <= day <= last_day:
                x = axis.center_of(day)
                painter.setPen(QPen(INK, 1))
                painter.setBrush(QBrush(QColor("#ffe08a")))
                painter.drawPolygon(
                    QPolygonF(
                        [QPointF(x, bottom - 14), QPointF(x - 7, bottom), QPointF(x + 7, bottom)]
                    )
                )
                painter.setFont(bold)
                painter.drawText(
                    QRectF(x - 7, bottom - 13, 14, 13), Qt.AlignmentFlag.AlignCenter, letter
                )
                painter.setFont(QFont(painter.font()))
        visible = series.visible(first_day, last_day + 1)
        if len(visible):
            x0 = axis.left - axis.first_day * axis.px_per_day + half
            ppd = axis.px_per_day
            points = series.points
            dense = len(visible) > rect.width() / 4
            if dense:  # one column of pixels: first, lowest, highest, last
                columns, vertices = _columns(series, x0, ppd, y_of, (bottom, height))
                first = bisect.bisect_left(columns, int(rect.left()) - 2)
                last = bisect.bisect_right(columns, int(rect.right()) + 2)
                line = QPolygonF(vertices[first * 4 : last * 4])
                # A 1-pixel pen without antialiasing takes Qt's fast line path (a 1.5-pixel
                # pen is stroked as a shape: ten times slower for a year of readings).
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.setPen(QPen(LINE, 1))
                painter.drawPolyline(line)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            else:
                line = QPolygonF(
                    [QPointF(x0 + points[i][0] * ppd, y_of(points[i][1])) for i in visible]
                )
                if series.connect:
                    painter.setPen(QPen(LINE, 2))
                    painter.drawPolyline(line)
                for offset, i in enumerate(visible):
                    painter.setPen(QPen(LINE, 1.5))
                    painter.setBrush(Qt.BrushStyle.NoBrush if i in series.hollow else QBrush(LINE))
                    painter.drawEllipse(line[offset], 3.5, 3.5)
        painter.setFont(bold)
        title = f"{series.title} ({series.unit})"
        title_rect = QRectF(
            rect.left() + 2,
            top,
            QFontMetricsF(bold).horizontalAdvance(title) + 10,
            metrics.height() + 4,
        )
        painter.fillRect(title_rect, QColor(255, 255, 255, 220))
        painter.setPen(INK)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(QFont(painter.font()))
    if recovery is not None:
        day, label = recovery
        if first_day <= day <= last_day:
            x = axis.x_of(day)
            painter.setPen(QPen(INK, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.top() + row_height))
            painter.setPen(INK)
            painter.drawText(QPointF(x + 4, rect.top() + row_height - 4), label)
    return geometry


def build_rows(
    service: DiaryService, unit: TemperatureUnit | None = None
) -> tuple[list[Series], tuple[int, str] | None]:
    """The chart rows for the active transplant, from the diary's counts and temperatures."""
    transplant = service.active
    rows = make_rows(
        transplant.day0,
        service.labs(),
        service.transfusions(),
        service.temperature_readings(),
        count_unit=service.count_unit,
        hb_unit=service.hb_unit,
        unit=unit or service.temperature_unit,
        fever_c=service.numbers.fever_rule.single_c,
    )
    return rows, recovery_mark(transplant)


def recovery_mark(transplant) -> tuple[int, str] | None:
    """The neutrophil recovery line (its day and label), in the registry's words."""
    if transplant.neutrophil_recovery is None:
        return None
    text = (
        "Team: counts recovered"
        if transplant.recovery_source == "team"
        else "Meets the registry definition — your team confirms"
    )
    return transplant.day_number(transplant.neutrophil_recovery), text


def make_rows(
    day0: date,
    labs: Sequence[LabResult],
    transfusions: Sequence[Transfusion],
    temperatures: Sequence[tuple[datetime, float]],
    count_unit: CountUnit,
    hb_unit: HbUnit,
    unit: TemperatureUnit,
    fever_c: float,
) -> list[Series]:
    """The four chart rows (ANC, platelets, haemoglobin, temperature) from plain values:
    the screen passes the whole diary, a printed report only its period."""
    origin = day0.toordinal()

    def label(day_float: float, text: str) -> str:
        day = int(day_float // 1)
        return f"{format_day(day)} ({format_short_date(date.fromordinal(origin + day))}): {text}"

    cu, hu = count_unit, hb_unit
    k = 1 / cu.factor  # canonical × 10⁹/L → the user's unit
    h = 1 / hu.factor  # g/L → the user's unit

    def show(value: float) -> str:
        return f"{value * k:g}"

    anc = Series(
        "Neutrophils, ANC",
        cu.label,
        lines=[(0.5 * k, show(0.5))],
        ceiling=2.0 * k,
        scale="sqrt",
        ticks=tuple(t * k for t in (1, 2, 4, 8)),
    )
    platelets = Series(
        "Platelets",
        cu.label,
        lines=[(20 * k, show(20)), (50 * k, show(50))],
        ceiling=100.0 * k,
        scale="sqrt",
        ticks=tuple(t * k for t in (100, 200, 400)),
    )
    hb = Series("Haemoglobin", hu.value, floor=40 * h, ceiling=160 * h, ticks=(80 * h, 120 * h))
    anc_points, platelet_points, hb_points = [], [], []
    for lab in labs:
        x = fractional_day(lab.at, origin)
        if lab.anc is not None:
            if lab.anc_computed:
                anc.hollow.add(len(anc_points))
            anc_points.append((x, lab.anc * k))
            anc.labels.append(label(x, f"ANC {lab.anc_text(cu)}"))
        if lab.platelets is not None:
            platelet_points.append((x, lab.platelets * k))
            platelets.labels.append(label(x, f"platelets {count_text(lab.platelets, cu)}"))
        if lab.hb is not None:
            hb_points.append((x, lab.hb * h))
            hb.labels.append(label(x, f"haemoglobin {hb_text(lab.hb, hu)}"))
    for transfusion in transfusions:
        day = transfusion.on.toordinal() - origin
        if transfusion.product is Product.PLATELETS:
            platelets.marks.append((day, "P"))
        else:
            hb.marks.append((day, "R"))
    threshold = fever_c
    to_unit = (lambda c: c) if unit is TemperatureUnit.CELSIUS else c_to_f
    temps = Series(
        "Temperature",
        unit.symbol,
        lines=[(to_unit(threshold), f"{to_unit(threshold):.1f} (call your team)")],
        floor=to_unit(35.0),
        ceiling=to_unit(40.0),
        ticks=(to_unit(36.0), to_unit(37.0)),
    )
    temp_points = []
    for at, celsius in temperatures:
        x = fractional_day(at, origin)
        temp_points.append((x, to_unit(celsius)))
        temps.labels.append(label(x, f"{to_unit(celsius):.1f} {unit.symbol}"))
    for series, points in (
        (anc, anc_points),
        (platelets, platelet_points),
        (hb, hb_points),
        (temps, temp_points),
    ):
        series.set_points(points)
    if anc.points:
        anc.ceiling = max(2.0 * k, min(12.0 * k, max(v for _, v in anc.points) * 1.1))
        anc.ticks = tuple(t for t in anc.ticks if t < anc.ceiling)
    if platelets.points:
        top = max(v for _, v in platelets.points) * 1.1
        platelets.ceiling = max(100.0 * k, min(600.0 * k, top))
        platelets.ticks = tuple(t for t in platelets.ticks if t < platelets.ceiling)
    return [anc, platelets, hb, temps]
