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
    fixed_text,
    hb_text,
    number_text,
    value_name,
)
from companion.drawing.day_axis import DayAxis
from companion.i18n import _, pgettext
from companion.service.diary import DiaryService

INK = QColor("#1b1b1b")
LINE = QColor("#1f5fa8")
THRESHOLD = QColor("#b00020")
GRID = QColor("#d0d0d0")


@dataclass(frozen=True)
class ChartColours:
    """The charts' colours: on paper (the default), or the window's light or dark scheme."""

    ink: QColor = field(default_factory=lambda: QColor(INK))
    line: QColor = field(default_factory=lambda: QColor(LINE))
    threshold: QColor = field(default_factory=lambda: QColor(THRESHOLD))
    grid: QColor = field(default_factory=lambda: QColor(GRID))
    paper: QColor = field(default_factory=lambda: QColor("#ffffff"))
    mark_fill: QColor = field(default_factory=lambda: QColor("#ffe08a"))
    mark_ink: QColor = field(default_factory=lambda: QColor(INK))
    selection: QColor = field(default_factory=lambda: QColor(30, 95, 168, 40))


PAPER = ChartColours()


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
    labels: list = field(default_factory=list)  # the boxes of the words drawn in the row


def paint_charts(
    painter: QPainter,
    axis: DayAxis,
    rect: QRectF,
    rows: Sequence[Series],
    row_height: float,
    recovery: tuple[int, str] | None = None,
    selected: int | None = None,
    visible_right: float | None = None,
    colours: ChartColours = PAPER,
    visible_left: float | None = None,
) -> list[RowGeometry]:
    """Draw ``rows`` stacked in ``rect`` (only the part of the axis inside ``rect``).

    Dense series (more points than a few per pixel column allow) are drawn as a plain line
    through each pixel column's lowest and highest value, without point markers: two years
    of four-hourly temperatures stay quick to draw. Labels never collide: a row's title
    comes first, then the limit lines' labels, then the grid values, each where it touches
    nothing already drawn (a grid value that would touch one is left out; its line stays).
    Returns each row's geometry.
    """
    geometry: list[RowGeometry] = []
    metrics = QFontMetricsF(painter.font())
    line_h = metrics.height()
    right = rect.right() if visible_right is None else min(rect.right(), visible_right)
    left = rect.left() if visible_left is None else max(rect.left(), visible_left)
    first_day = axis.day_at(rect.left()) - 1
    last_day = axis.day_at(rect.right()) + 1
    normal = QFont(painter.font())
    bold = QFont(normal)
    bold.setBold(True)
    bold_metrics = QFontMetricsF(bold)
    half = axis.px_per_day / 2
    mark = line_h * 0.9  # transfusion markers: as big as the text
    for index, series in enumerate(rows):
        top = rect.top() + index * row_height
        above = line_h * 1.4
        plot = QRectF(
            rect.left(),
            top + above,
            rect.width(),
            row_height - above - max(line_h * 0.4, mark * 0.2),
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

        title = f"{series.title} ({series.unit})"
        title_rect = QRectF(left + 2, top, bold_metrics.horizontalAdvance(title) + 10, line_h + 4)
        taken = [title_rect]
        words: list[tuple[QRectF, str, QColor]] = []  # drawn last, over the points
        geometry.append(RowGeometry(plot, series, y_of, taken))

        def free(box: QRectF, taken: list = taken) -> bool:
            return not any(box.intersects(other) for other in taken)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(colours.grid, 1))
        painter.drawLine(QPointF(rect.left(), bottom), QPointF(rect.right(), bottom))
        if selected is not None and first_day <= selected <= last_day:
            painter.fillRect(
                QRectF(axis.x_of(selected), plot.top(), max(axis.px_per_day, 3), height),
                colours.selection,
            )
        for number, (value, label) in enumerate(series.lines):
            y = y_of(value)
            painter.setPen(QPen(colours.threshold, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            width = metrics.horizontalAdvance(label)
            # The first line's label sits under it, the next above: 20 and 50 never collide.
            below = number == 0 and len(series.lines) > 1
            for under in (below, not below):
                box_top = y + 1 if under else y - line_h - 1
                box = QRectF(right - width - 8, box_top, width + 4, line_h)
                if free(box) and box.bottom() <= top + row_height and box.top() >= top:
                    taken.append(box)
                    words.append((box, label, colours.threshold))
                    break
        for tick in series.ticks:
            y = y_of(tick)
            painter.setPen(QPen(colours.grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            text = number_text(tick)
            box = QRectF(left + 4, y - line_h / 2, metrics.horizontalAdvance(text) + 4, line_h)
            if free(box) and box.top() >= plot.top() - line_h * 0.4 and box.bottom() <= bottom:
                taken.append(box)
                words.append((box, text, colours.ink))
        # At least three numbers on every axis: the top of the scale (beside the title, as
        # "scale to 40"), then the floor, when the grid values and limits give fewer.
        for value, is_top in ((ceiling, True), (floor, False)):
            if sum(1 for _, text, _ in words if any(c.isdigit() for c in text)) >= 3:
                break
            text = (
                _("scale to {value}").format(value=number_text(value))
                if is_top
                else number_text(value)
            )
            width = metrics.horizontalAdvance(text) + 4
            if is_top:
                box = QRectF(title_rect.right() + 2, top, width, line_h + 4)
            else:
                box = QRectF(left + 4, bottom - line_h + 2, width, line_h)
            if free(box):
                taken.append(box)
                words.append((box, text, colours.ink))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        marks = []
        for day, letter in series.marks:
            if first_day <= day <= last_day:
                marks.append((day, letter))
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
                painter.setPen(QPen(colours.line, 1))
                painter.drawPolyline(line)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            else:
                line = QPolygonF(
                    [QPointF(x0 + points[i][0] * ppd, y_of(points[i][1])) for i in visible]
                )
                if series.connect:
                    painter.setPen(QPen(colours.line, 2))
                    painter.drawPolyline(line)
                radius = max(3.5, line_h * 0.25)
                for offset, i in enumerate(visible):
                    painter.setPen(QPen(colours.line, 1.5))
                    painter.setBrush(
                        Qt.BrushStyle.NoBrush if i in series.hollow else QBrush(colours.line)
                    )
                    painter.drawEllipse(line[offset], radius, radius)
        # Drawn over the points: transfusion letters and limit labels are never covered
        # (the labels on a paper-coloured halo).
        for day, letter in marks:
            x = axis.center_of(day)
            painter.setPen(QPen(colours.mark_ink, 1))
            painter.setBrush(QBrush(colours.mark_fill))
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x, bottom - mark),
                        QPointF(x - mark * 0.6, bottom),
                        QPointF(x + mark * 0.6, bottom),
                    ]
                )
            )
            painter.setFont(bold)
            painter.drawText(
                QRectF(x - mark * 0.6, bottom - mark * 0.75, mark * 1.2, mark * 0.75),
                Qt.AlignmentFlag.AlignCenter,
                letter,
            )
            painter.setFont(normal)
        halo = QColor(colours.paper)
        halo.setAlpha(220)
        painter.setFont(normal)
        for box, text, colour in words:
            painter.fillRect(box.adjusted(-1, 1, 1, -1), halo)
            painter.setPen(colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(bold)
        paper = QColor(colours.paper)
        paper.setAlpha(230)
        painter.fillRect(title_rect, paper)
        painter.setPen(colours.ink)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(normal)
    if recovery is not None:
        day, label = recovery
        if first_day <= day <= last_day:
            x = axis.x_of(day)
            painter.setPen(QPen(colours.ink, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.top() + row_height))
            painter.setPen(colours.ink)
            width = metrics.horizontalAdvance(label) + 4
            box = QRectF(x + 4, rect.top() + row_height - line_h - 4, width, line_h)
            paper = QColor(colours.paper)
            paper.setAlpha(230)
            painter.fillRect(box.adjusted(-2, 0, 2, 0), paper)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter, label)
    return geometry


def latest_values(rows: Sequence[Series]) -> str:
    """The newest value of each chart, in words (for a screen reader and the chart's own
    description): "Neutrophils, ANC: Day +24 (1 Jun): ANC 2.9 ×10⁹/L. …"."""
    parts = []
    for series in rows:
        if series.labels:
            parts.append(
                _("{chart}, latest: {value}.").format(chart=series.title, value=series.labels[-1])
            )
        else:
            parts.append(_("{chart}: nothing entered yet.").format(chart=series.title))
    return " ".join(parts)


def build_rows(
    service: DiaryService, unit: TemperatureUnit | None = None
) -> tuple[list[Series], tuple[int, str] | None]:
    """The chart rows for the active transplant, from the diary's counts and temperatures."""
    transplant = service.transplants.active
    rows = make_rows(
        transplant.day0,
        service.labs.all(),
        service.labs.transfusions(),
        service.log.temperature_readings(),
        count_unit=service.settings.count_unit,
        hb_unit=service.settings.hb_unit,
        unit=unit or service.settings.temperature_unit,
        fever_c=service.settings.numbers.fever_rule.single_c,
    )
    # Issue 21: the immune counts join the rows once one is entered.
    from companion.drawing.immune_charts import immune_rows
    from companion.service.immunity import immune_igg_unit

    rows += immune_rows(
        transplant.day0,
        service.labs.all(),
        service.immunity.ivig(),
        service.settings.count_unit,
        immune_igg_unit(service),
    )
    return rows, recovery_mark(transplant)


def recovery_mark(transplant) -> tuple[int, str] | None:
    """The neutrophil recovery line (its day and label), in the registry's words."""
    if transplant.neutrophil_recovery is None:
        return None
    text = (
        _("Team: counts recovered")
        if transplant.recovery_source == "team"
        else _("Meets the registry definition — your team confirms")
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
        return _("{day} ({date}): {value}").format(
            day=format_day(day), date=format_short_date(date.fromordinal(origin + day)), value=text
        )

    cu, hu = count_unit, hb_unit
    k = 1 / cu.factor  # canonical × 10⁹/L → the user's unit
    h = 1 / hu.factor  # g/L → the user's unit

    def show(value: float) -> str:
        return number_text(value * k)

    anc = Series(
        _("Neutrophils, ANC"),
        cu.label,
        lines=[(0.5 * k, show(0.5))],
        ceiling=2.0 * k,
        scale="sqrt",
        ticks=tuple(t * k for t in (1, 2, 4, 8)),
    )
    platelets = Series(
        value_name("Platelets"),
        cu.label,
        lines=[(20 * k, show(20)), (50 * k, show(50))],
        ceiling=100.0 * k,
        scale="sqrt",
        ticks=tuple(t * k for t in (100, 200, 400)),
    )
    hb = Series(
        value_name("Haemoglobin"),
        hu.value,
        floor=40 * h,
        ceiling=160 * h,
        ticks=(60 * h, 100 * h, 140 * h),
    )
    anc_points, platelet_points, hb_points = [], [], []
    for lab in labs:
        x = fractional_day(lab.at, origin)
        if lab.anc is not None:
            if lab.anc_computed:
                anc.hollow.add(len(anc_points))
            anc_points.append((x, lab.anc * k))
            anc.labels.append(label(x, _("ANC {value}").format(value=lab.anc_text(cu))))
        if lab.platelets is not None:
            platelet_points.append((x, lab.platelets * k))
            platelets.labels.append(
                label(x, _("platelets {value}").format(value=count_text(lab.platelets, cu)))
            )
        if lab.hb is not None:
            hb_points.append((x, lab.hb * h))
            hb.labels.append(label(x, _("haemoglobin {value}").format(value=hb_text(lab.hb, hu))))
    for transfusion in transfusions:
        day = transfusion.on.toordinal() - origin
        if transfusion.product is Product.PLATELETS:
            # Translators: the mark of a platelet transfusion on the chart (one letter).
            platelets.marks.append((day, pgettext("chart mark", "P")))
        else:
            # Translators: the mark of a red cell transfusion on the chart (one letter).
            hb.marks.append((day, pgettext("chart mark", "R")))
    threshold = fever_c
    to_unit = (lambda c: c) if unit is TemperatureUnit.CELSIUS else c_to_f
    temps = Series(
        _("Temperature"),
        unit.symbol,
        lines=[
            (
                to_unit(threshold),
                _("{value} (call your team)").format(value=fixed_text(to_unit(threshold))),
            )
        ],
        floor=to_unit(35.0),
        ceiling=to_unit(40.0),
        ticks=(to_unit(36.0), to_unit(37.0)),
    )
    temp_points = []
    for at, celsius in temperatures:
        x = fractional_day(at, origin)
        temp_points.append((x, to_unit(celsius)))
        temps.labels.append(label(x, f"{fixed_text(to_unit(celsius))} {unit.symbol}"))
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
