"""The journey timeline: phase bands, milestones and a today marker on a day axis."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.domain.days import format_date, format_short_date, spoken_day
from companion.domain.journey import Milestone, MilestoneKind, Phase, PhaseSpan
from companion.drawing.day_axis import DayAxis, journey_days, paint_day_ticks
from companion.i18n import _, ngettext
from companion.service.changes import Changes
from companion.ui import access, theme, typography
from companion.ui.diary import Diary
from companion.ui.zoom_buttons import add_zoom_buttons

# Band fills, their ink and the Today colour come from theme.Scheme (light or dark): light
# fills with dark text, or dark fills with light text. Every band also carries its title,
# so colour is never the only cue.
MIN_PX_PER_DAY, MAX_PX_PER_DAY = 1.5, 96.0


@dataclass(frozen=True, slots=True)
class _Label:
    """A label under the bands: a milestone, another transplant's Day 0, or the title of a
    band too narrow to hold it. ``left``/``right`` is where its text goes."""

    day: int
    title: str
    last_day: int | None
    kind: MilestoneKind | None
    band: Phase | None
    lane: int
    left: float
    right: float
    text_left: bool  # text to the left of its marker (at the right end of the axis)


@dataclass(frozen=True, slots=True)
class _Layout:
    band_top: float
    band_height: float
    milestone_top: float
    lane_height: float
    lanes: int
    axis_top: float
    height: float
    appointment_top: float = 0.0  # the lane of appointment marks (when there are any)


class TimelineCanvas(QWidget):
    """The painted timeline. Keyboard: ←/→ a day, PgUp/PgDn a week, Home today.

    A screen reader meets it as a chart; its description says the selected day, its phase
    and what was logged on it, and the keys.

    Signals:
        day_selected(int): the user selected a day (a day number of the active transplant).
        zoom_requested(int): +1 to zoom in, -1 to zoom out (Ctrl + wheel, Ctrl + +/-).
        first_painted: the timeline has been painted for the first time.
        zoomed: the scale (pixels per day) or the range of days changed.
    """

    day_selected = Signal(int)
    zoom_requested = Signal(int)
    first_painted = Signal()
    zoomed = Signal()
    resized = Signal()
    accessible_role = "Chart"  # a QAccessible.Role

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("timeline")
        self.setAccessibleName(_("Timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self._px_per_day = 12.0
        self._selected = 0
        self._spans: list[PhaseSpan] = []
        self._milestones: list[Milestone] = []
        self._others: list[tuple[int, str]] = []
        self._progress: dict[Phase, tuple[int, int]] = {}
        self._marks: dict[int, tuple[int, int]] = {}  # day number -> (entries, alerts)
        self._mark_dates: dict = {}
        self._appointments: list[tuple[int, str]] = []  # (day, label)
        self._today = 0
        self._painted_once = False
        self._labels: list[_Label] = []
        self._lanes = 2
        self.axis = DayAxis(-7, 100, self._px_per_day)
        self.refresh()

    # Data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild from the diary (after a save, or when the date changes)."""
        diary = self._service
        transplant = diary.transplants.active
        today = diary.today()
        self._today = transplant.day_number(today)
        self._spans = transplant.phase_spans(today, diary.settings.numbers)
        years = max(5, self._today // 365 + 2)
        self._milestones = transplant.milestones(diary.settings.numbers, years=years)
        assert diary.transplants.journey is not None
        self._others = [
            (transplant.day_number(t.day0), _("Transplant {number}: Day 0").format(number=t.number))
            for t in diary.transplants.journey.transplants
            if t.number != transplant.number
        ]
        first, last = journey_days(
            -transplant.conditioning_days, self._today, diary.settings.numbers.close_care_days
        )
        self.axis = DayAxis(first, last, self._px_per_day, left=8)
        self._selected = self.axis.clamp(self._selected)
        self._marks = {transplant.day_number(d): v for d, v in self._mark_dates.items()}
        self._appointments = self._appointment_marks()
        if self._progress:
            self._progress = {phase: diary.checklists.progress(phase) for phase in Phase}
        self._update_geometry()
        self._update_accessible_description()
        self.update()
        self.zoomed.emit()

    @property
    def today_day(self) -> int:
        return self._today

    @property
    def selected_day(self) -> int:
        return self._selected

    @property
    def spans(self) -> list[PhaseSpan]:
        return list(self._spans)

    @property
    def milestones(self) -> list[Milestone]:
        return list(self._milestones)

    def refresh_progress(self) -> None:
        """Draw (or redraw, after a tick) each band's checklist progress."""
        self._progress = {phase: self._service.checklists.progress(phase) for phase in Phase}
        self._update_geometry()
        self.update()

    def set_marks(self, by_date: dict) -> None:
        """Entries (and alerts) per local date, drawn as marks on their days."""
        self._mark_dates = dict(by_date)
        transplant = self._service.transplants.active
        self._marks = {transplant.day_number(day): v for day, v in by_date.items()}
        self.update()

    def bump_mark(self, on: date, entries: int = 0, alerts: int | None = None) -> None:
        """One entry added (+1) or removed (-1) on a date; optionally set its alert count.

        Only that day's column is repainted.
        """
        old_entries, old_alerts = self._mark_dates.get(on, (0, 0))
        value = (max(0, old_entries + entries), old_alerts if alerts is None else alerts)
        self._mark_dates[on] = value
        day = self._service.transplants.active.day_number(on)
        self._marks[day] = value
        x = self.axis.x_of(day)
        self.update(int(x) - 12, 0, int(self.axis.px_per_day) + 24, self.height())

    def _appointment_marks(self) -> list[tuple[int, str]]:
        transplant = self._service.transplants.active
        marks = []
        for appointment in self._service.visits.appointments():
            what = appointment.what
            label = f"{what[:1].upper()}{what[1:]} {appointment.at:%H:%M}"
            marks.append((transplant.day_number(appointment.day), label))
        return marks

    def refresh_appointments(self) -> None:
        """Redraw the appointment marks (after one was added, moved or deleted)."""
        self._appointments = self._appointment_marks()
        self._update_geometry()
        self.update()

    @property
    def appointment_marks(self) -> list[tuple[int, str]]:
        """(day number, label) of each appointment, as drawn."""
        return list(self._appointments)

    def marks_on(self, day: int) -> tuple[int, int]:
        return self._marks.get(day, (0, 0))

    def progress(self, phase: Phase) -> tuple[int, int]:
        """(ticked, total) of the phase's checklist, as drawn on its band."""
        return self._progress.get(phase, (0, 0))

    @property
    def other_transplants(self) -> list[tuple[int, str]]:
        """Day 0 of the journey's other transplants, in this transplant's day numbers."""
        return list(self._others)

    @property
    def px_per_day(self) -> float:
        return self._px_per_day

    def set_px_per_day(self, value: float) -> None:
        value = min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, value))
        if value != self._px_per_day:
            self._px_per_day = value
            self.axis = DayAxis(self.axis.first_day, self.axis.last_day, value, self.axis.left)
            self._update_geometry()
            self.update()
            self.zoomed.emit()

    def select_day(self, day: int, notify: bool = True) -> None:
        """Select ``day``; emit day_selected if it changed and ``notify`` is set."""
        day = self.axis.clamp(day)
        changed = day != self._selected
        self._selected = day
        self._update_accessible_description()
        self.update()
        if changed and notify:
            self.day_selected.emit(day)

    def phase_of(self, day: int) -> Phase:
        for span in self._spans:
            if span.contains(day):
                return span.phase
        raise AssertionError(day)

    # Layout --------------------------------------------------------------------------------

    def _layout(self) -> _Layout:
        line = QFontMetricsF(self.font()).height()
        band_top = line * 1.3  # room for the "Today" tag
        band_height = line * 2.4
        milestone_top = band_top + band_height + line * 1.0  # room for the entry marks
        lanes = max(2, self._lanes)
        lane_height = line * 1.3
        appointment_top = milestone_top + lanes * lane_height
        extra = lane_height if self._appointments else 0.0
        axis_top = appointment_top + extra + line * 0.3
        height = axis_top + line * 2.6
        return _Layout(
            band_top,
            band_height,
            milestone_top,
            lane_height,
            lanes,
            axis_top,
            height,
            appointment_top,
        )

    def _place_labels(self) -> None:
        """Give every label under the bands a lane where it collides with nothing: the
        milestones, other transplants' Day 0, and the titles of bands too narrow to hold
        their own (in "Whole year", Getting ready is a few pixels wide). As many lanes as
        it takes: no label is dropped at any zoom."""
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetricsF(bold)
        marker = metrics.height() * 0.28
        items = [(m.day, m.title, m.last_day, m.kind, None) for m in self._milestones]
        items += [(day, title, None, None, None) for day, title in self._others]
        for span in self._spans:
            first = self.axis.first_day if span.first_day is None else span.first_day
            last = self.axis.last_day if span.last_day is None else span.last_day
            first, last = self.axis.clamp(first), self.axis.clamp(last)
            width = (last - first + 1) * self.axis.px_per_day - 10
            if bold_metrics.horizontalAdvance(span.phase.title) > width:
                middle = (first + last) // 2
                items.append((middle, span.phase.title, None, None, span.phase))
        items.sort(key=lambda item: item[0])
        end = self.axis.x_of(self.axis.last_day + 1)
        lane_ends: list[float] = []
        placed: list[_Label] = []
        for day, title, last_day, kind, band in items:
            if not self.axis.first_day <= day <= self.axis.last_day:
                continue
            x = self.axis.center_of(day)
            text_width = (bold_metrics if band else metrics).horizontalAdvance(title)
            right = x + marker + 6 + text_width
            text_left = right > end  # near the end of the axis: the text goes to its left
            left = x - marker - 6 - text_width if text_left else x - marker
            if text_left:
                right = x + marker
            if last_day is not None:
                right = max(right, self.axis.center_of(self.axis.clamp(last_day)))
            lane = next((i for i, e in enumerate(lane_ends) if left > e + 8), None)
            if lane is None:
                lane = len(lane_ends)
                lane_ends.append(right)
            else:
                lane_ends[lane] = right
            placed.append(_Label(day, title, last_day, kind, band, lane, left, right, text_left))
        self._labels = placed
        self._lanes = max(2, len(lane_ends))

    def _band_title(self, span: PhaseSpan) -> str:
        expected = span.provisional and span.phase is Phase.RECOVERY
        done, total = self._progress.get(span.phase, (0, 0))
        ticks = f"  ✓ {done}/{total}" if total else ""
        title = (
            _("{phase} (expected)").format(phase=span.phase.title) if expected else span.phase.title
        )
        return title + ticks

    def _update_geometry(self) -> None:
        self._place_labels()
        self.setFixedSize(int(self.axis.width), int(self._layout().height) + 2)

    def sizeHint(self) -> QSize:
        return QSize(int(self.axis.width), int(self._layout().height) + 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_geometry()
            self.update()

    def _update_accessible_description(self) -> None:
        transplant = self._service.transplants.active
        day = self._selected
        entries, alerts = self._marks.get(day, (0, 0))
        parts = [
            _("Selected {day}, {date}, {phase}.").format(
                day=spoken_day(day),
                date=format_date(transplant.date_of(day)),
                phase=self.phase_of(day).title,
            )
        ]
        if entries and not alerts:
            parts.append(
                ngettext("{count} diary entry.", "{count} diary entries.", entries).format(
                    count=entries
                )
            )
        elif entries:
            # Each count with its own plural ("2 entries in the diary, 1 alerts" was read
            # out, issue 23).
            written = ngettext("{count} diary entry", "{count} diary entries", entries).format(
                count=entries
            )
            raised = ngettext("{count} alert", "{count} alerts", alerts).format(count=alerts)
            # Translators: a day on the timeline, "3 diary entries, 1 alert."
            parts.append(_("{entries}, {alerts}.").format(entries=written, alerts=raised))
        parts.append(_("Today is {day}.").format(day=spoken_day(self._today)))
        parts.append(
            _(
                "Use the arrow keys to move a day, Page Up and Page Down to move a week, "
                "Home to go to today."
            )
        )
        self.setAccessibleDescription(" ".join(parts))

    # Painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = self._layout()
        colours = theme.scheme(self.palette())
        visible = QRectF(event.rect())
        self._paint_bands(painter, layout, visible, colours)
        self._paint_selection(painter, layout, colours)
        self._paint_today_line(painter, layout, colours)
        self._paint_band_titles(painter, layout, visible, colours)
        self._paint_marks(painter, layout, visible, colours)
        self._paint_labels(painter, layout, visible, colours)
        self._paint_appointments(painter, layout, visible, colours)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText)))
        transplant = self._service.transplants.active
        paint_day_ticks(
            painter,
            self.axis,
            QRectF(
                visible.left(), layout.axis_top, visible.width(), layout.height - layout.axis_top
            ),
            lambda d: format_short_date(transplant.date_of(d)),
        )
        self._paint_today_tag(painter, layout, colours)
        if self.hasFocus():
            self._paint_focus(painter)
        painter.end()
        if not self._painted_once:
            self._painted_once = True
            self.first_painted.emit()

    def _span_rect(self, span: PhaseSpan, layout: _Layout) -> QRectF:
        first = self.axis.first_day if span.first_day is None else span.first_day
        last = self.axis.last_day if span.last_day is None else span.last_day
        first, last = self.axis.clamp(first), self.axis.clamp(last)
        left = self.axis.x_of(first)
        right = self.axis.x_of(last + 1)
        return QRectF(left, layout.band_top, right - left, layout.band_height)

    def _paint_bands(self, painter, layout: _Layout, visible: QRectF, colours) -> None:
        for span in self._spans:
            rect = self._span_rect(span, layout)
            if rect.width() <= 0 or not rect.intersects(visible.adjusted(-2, -2, 2, 2)):
                continue
            expected = span.provisional and span.phase is Phase.RECOVERY
            painter.setPen(QPen(colours.phase_ink, 1))
            painter.setBrush(QBrush(colours.phase_fill[span.phase]))
            painter.drawRect(rect)
            if expected:  # hatching says "not known yet" without relying on colour
                hatch = QColor(colours.phase_ink)
                hatch.setAlpha(45)
                painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                painter.drawRect(rect)

    def _paint_band_titles(self, painter, layout: _Layout, visible: QRectF, colours) -> None:
        """Each band's title on the band, on a patch of the band's own colour so the Today
        line never runs through the words. A band too narrow for its title has it in the
        label lanes below instead (see _place_labels)."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        painter.setFont(bold)
        narrow = {label.band for label in self._labels if label.band is not None}
        for span in self._spans:
            if span.phase in narrow:
                continue
            rect = self._span_rect(span, layout)
            if rect.width() <= 0 or not rect.intersects(visible.adjusted(-2, -2, 2, 2)):
                continue
            title = self._band_title(span)
            # Keep the title readable when the band starts off screen to the left.
            if metrics.horizontalAdvance(title) > rect.width() - 10:
                title = span.phase.title  # the ticks are on the Checklists page too
            shown_from = max(rect.left(), self.visibleRegion().boundingRect().left())
            text_rect = QRectF(shown_from, rect.top(), rect.right() - shown_from, rect.height())
            text_rect.adjust(6, 2, -4, -2)
            shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width())
            width = metrics.horizontalAdvance(shown)
            patch = QRectF(
                text_rect.left() - 3,
                text_rect.center().y() - metrics.height() / 2 - 1,
                width + 6,
                metrics.height() + 2,
            )
            painter.fillRect(patch, colours.phase_fill[span.phase])
            painter.setPen(colours.phase_ink)
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown
            )
        painter.setFont(self.font())

    def _paint_marks(self, painter, layout: _Layout, visible: QRectF, colours) -> None:
        """A dot under the band for a day with entries; a "!" in a box for a day with an
        alert (a shape and a sign, not only a colour), sized by the text, not the zoom."""
        if not self._marks:
            return
        first = self.axis.day_at(visible.left())
        last = self.axis.day_at(visible.right())
        line = QFontMetricsF(self.font()).height()
        y = layout.band_top + layout.band_height + line * 0.08
        size = line * 0.8
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        paper = self.palette().color(QPalette.ColorRole.Base)
        # Far out, a mark is wider than a day: marks are placed left to right, alerts first,
        # each only where it touches no mark already placed, so they never pile up.
        days = [d for d in range(first, last + 1) if any(self._marks.get(d, (0, 0)))]
        gap = size + 2
        placed: list[float] = []
        chosen: list[tuple[int, int, int]] = []
        for want_alert in (True, False):
            for day in days:
                entries, alerts = self._marks[day]
                if bool(alerts) != want_alert:
                    continue
                x = self.axis.center_of(day)
                at = bisect.bisect_left(placed, x)
                near = placed[max(0, at - 1) : at + 1]
                if all(abs(x - other) >= gap for other in near):
                    placed.insert(at, x)
                    chosen.append((day, entries, alerts))
        slots = {day: (day, entries, alerts) for day, entries, alerts in chosen}
        for day, _entries, alerts in slots.values():
            x = self.axis.center_of(day)
            if alerts:
                box = QRectF(x - size / 2, y, size, size)
                painter.setPen(QPen(colours.today, 2))
                painter.setBrush(QBrush(paper))
                painter.drawRect(box)
                painter.setPen(colours.today)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "!")
            else:  # a small square: no antialiasing needed, so a year of days stays quick
                dot = max(3.0, min(size * 0.35, self.axis.px_per_day * 0.8))
                painter.fillRect(QRectF(x - dot / 2, y + size / 2 - dot / 2, dot, dot), ink)
        painter.setFont(self.font())

    def _paint_selection(self, painter, layout: _Layout, colours) -> None:
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        fill = QColor(highlight)
        fill.setAlpha(70)
        x = self.axis.x_of(self._selected)
        width = max(self.axis.px_per_day, 4.0)
        rect = QRectF(x, layout.band_top - 2, width, layout.axis_top - layout.band_top + 4)
        painter.setBrush(fill)
        painter.setPen(QPen(colours.phase_ink if self.hasFocus() else highlight, 2))
        painter.drawRect(rect)

    def _paint_focus(self, painter) -> None:
        """The keyboard focus: the focus ring (dark and yellow) around what is in view."""
        area = QRectF(self.visibleRegion().boundingRect()).adjusted(1, 1, -1, -1)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(access.RING_DARK, 3))
        painter.drawRect(area.adjusted(1.5, 1.5, -1.5, -1.5))
        painter.setPen(QPen(access.RING_LIGHT, 2))
        painter.drawRect(area.adjusted(4, 4, -4, -4))

    def _paint_labels(self, painter, layout: _Layout, visible: QRectF, colours) -> None:
        """The labels under the bands, in their lanes. The lines first (brackets, the Day 0
        line, the leaders to narrow bands), then every label on a patch of the window's
        colour: a line may pass behind a label, never through its words."""
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        window = self.palette().color(QPalette.ColorRole.Window)
        size = metrics.height() * 0.28
        shown = [
            label
            for label in self._labels
            if not (label.left - 10 > visible.right() or label.right + 10 < visible.left())
        ]

        def middle(label: _Label) -> float:
            return layout.milestone_top + label.lane * layout.lane_height + layout.lane_height / 2

        for label in shown:
            x, y = self.axis.center_of(label.day), middle(label)
            if label.last_day is not None:  # a window of days: a bracket under its label
                end_x = self.axis.center_of(self.axis.clamp(label.last_day))
                under = y + layout.lane_height * 0.42
                painter.setPen(QPen(ink, 1.5))
                painter.drawLine(QPointF(x, under), QPointF(end_x, under))
                painter.drawLine(QPointF(x, under - 4), QPointF(x, under))
                painter.drawLine(QPointF(end_x, under - 4), QPointF(end_x, under))
            if label.band is not None:  # a band's title: a leader from the band
                painter.setPen(QPen(ink, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x, layout.band_top + layout.band_height), QPointF(x, y))
            if label.kind is MilestoneKind.DAY_ZERO:
                painter.setPen(QPen(ink, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x, layout.band_top), QPointF(x, y - size))
        for label in shown:
            x, y = self.axis.center_of(label.day), middle(label)
            font = bold if label.band is not None else self.font()
            text_width = QFontMetricsF(font).horizontalAdvance(label.title)
            if label.text_left:
                text = QRectF(
                    x - size - 4 - text_width,
                    y - layout.lane_height / 2,
                    text_width,
                    layout.lane_height,
                )
            else:
                text = QRectF(
                    x + size + 4, y - layout.lane_height / 2, text_width + 2, layout.lane_height
                )
            marker = QRectF(x - size - 1, y - size - 1, size * 2 + 2, size * 2 + 2)
            painter.fillRect(text.adjusted(-2, 1, 2, -1).united(marker), window)
            if label.band is not None:  # a swatch of the band's colour
                painter.setPen(QPen(colours.phase_ink, 1))
                painter.setBrush(QBrush(colours.phase_fill[label.band]))
                painter.drawRect(QRectF(x - size, y - size, size * 2, size * 2))
            else:
                painter.setPen(QPen(ink, 1.5))
                painter.setBrush(QBrush(ink if label.kind is not None else window))
                painter.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(x, y - size),
                            QPointF(x + size, y),
                            QPointF(x, y + size),
                            QPointF(x - size, y),
                        ]
                    )
                )
            painter.setFont(font)
            painter.setPen(ink)
            painter.drawText(
                text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label.title
            )
            painter.setFont(self.font())

    def _paint_appointments(
        self, painter: QPainter, layout: _Layout, visible: QRectF, colours
    ) -> None:
        """Each appointment: a small calendar page (a box with a heavy top edge, a shape no
        other mark uses) and its label, "Clinic visit 10:30"."""
        if not self._appointments:
            return
        metrics = QFontMetricsF(self.font())
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        size = metrics.height() * 0.7
        y = layout.appointment_top + (layout.lane_height - size) / 2
        end = -1e9
        for day, label in sorted(self._appointments):
            if not self.axis.first_day <= day <= self.axis.last_day:
                continue
            x = self.axis.center_of(day)
            if x - size < end or x - size > visible.right() + 2:
                continue  # no room at this zoom (the appointments page lists them all)
            box = QRectF(x - size / 2, y, size, size)
            painter.setPen(QPen(ink, 1.5))
            painter.setBrush(QBrush(self.palette().color(QPalette.ColorRole.Base)))
            painter.drawRect(box)
            painter.fillRect(QRectF(box.left(), box.top(), box.width(), size * 0.3), ink)
            width = metrics.horizontalAdvance(label) + 8
            painter.setPen(ink)
            painter.drawText(
                QRectF(box.right() + 4, layout.appointment_top, width, layout.lane_height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            end = box.right() + 4 + width

    def _paint_today_line(self, painter, layout: _Layout, colours) -> None:
        if not self.axis.first_day <= self._today <= self.axis.last_day:
            return
        x = self.axis.center_of(self._today)
        painter.setPen(QPen(colours.today, 3))
        painter.drawLine(QPointF(x, layout.band_top - 4), QPointF(x, layout.axis_top))

    def _paint_today_tag(self, painter, layout: _Layout, colours) -> None:
        if not self.axis.first_day <= self._today <= self.axis.last_day:
            return
        x = self.axis.center_of(self._today)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        metrics = QFontMetricsF(bold)
        text = _("▼ Today")
        width = metrics.horizontalAdvance(text) + 8
        left = min(max(0.0, x - width / 2), self.width() - width)
        painter.setPen(colours.today)
        painter.drawText(
            QRectF(left, 0, width, layout.band_top - 2),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            text,
        )
        painter.setFont(self.font())

    # Input ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.select_day(self.axis.day_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_PageUp: -7,
            Qt.Key.Key_PageDown: 7,
        }
        if key in moves and not ctrl:
            self.select_day(self._selected + moves[key])
        elif key == Qt.Key.Key_Home:
            self.select_day(self._today)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and ctrl:
            self.zoom_requested.emit(1)
        elif key == Qt.Key.Key_Minus and ctrl:
            self.zoom_requested.emit(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
        else:
            super().wheelEvent(event)


class TimelineScroll(QScrollArea):
    """The timeline's horizontal scroller. Tab out of the timeline must not scroll it: Qt's
    scroll area brings the whole (very wide) focused canvas into view, which jumped from
    today to its far end."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimelineView(QWidget):
    """The timeline in a horizontal scroller, with large zoom and jump buttons.

    Signals:
        day_selected(int): forwarded from the canvas.
    """

    day_selected = Signal(int)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.canvas = TimelineCanvas(diary)
        self.scroll = TimelineScroll()
        self.scroll.setObjectName("timeline-scroll")
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        buttons = add_zoom_buttons(self, "timeline", shortcuts=True)
        self.canvas.day_selected.connect(self._on_canvas_day_selected)
        self.canvas.zoom_requested.connect(self._on_canvas_zoom_requested)
        # Band titles stick to the left edge, so a scroll repaints the whole view.
        self.scroll.horizontalScrollBar().valueChanged.connect(self.canvas.update)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(layout, 0.4)
        layout.addLayout(buttons)
        layout.addWidget(self.scroll)
        self.canvas.resized.connect(self._fit_height)
        self._fit_pending = True
        # The timeline follows the diary itself: phases, progress, marks and appointments.
        diary.changed.connect(self._on_diary_changed)
        self.canvas.refresh_progress()
        self.canvas.set_marks(self._service.log.day_marks())

    @Slot(object)
    def _on_diary_changed(self, changes: Changes) -> None:
        """One change: redraw what it touched (the whole timeline for a new date or
        setting, else the progress, the day's marks or the appointments)."""
        canvas = self.canvas
        service = self._service
        whole = changes.touches("journey", "settings", "team")
        if whole:
            selected = canvas.selected_day
            self.refresh()
            canvas.select_day(selected)
        elif changes.touches("appointments"):
            self.refresh_appointments()
        if changes.checklist or changes.everything:
            canvas.refresh_progress()
        if changes.everything or changes.entries_updated or changes.journey:
            canvas.set_marks(service.log.day_marks())
            return
        for entry in changes.entries_added:
            canvas.bump_mark(entry.at.date(), +1)
        for entry in changes.entries_removed:
            canvas.bump_mark(entry.at.date(), -1)
        if changes.alerts:
            for day, (_entries, alerts) in service.log.day_marks().items():
                if canvas.marks_on(service.transplants.active.day_number(day))[1] != alerts:
                    canvas.bump_mark(day, 0, alerts)

    def _fit_height(self) -> None:
        bar = self.scroll.horizontalScrollBar().sizeHint().height()
        self.scroll.setFixedHeight(self.canvas.height() + bar + 2 * self.scroll.frameWidth())

    def refresh(self) -> None:
        self.canvas.refresh()
        self._fit_height()

    def refresh_appointments(self) -> None:
        """Redraw the appointment marks; the scroller follows (their lane comes and goes)."""
        self.canvas.refresh_appointments()
        self._fit_height()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_height()
        if self._fit_pending:
            self._fit_pending = False
            self.fit_days(self.canvas.axis.first_day, self._diary_close_day())
            self.scroll_to_day(self.canvas.today_day)

    def _diary_close_day(self) -> int:
        return self._service.settings.numbers.close_care_days + 5

    def fit_days(self, first: int, last: int) -> None:
        """Zoom so days ``first`` to ``last`` fill the visible width, and show them."""
        width = max(200, self.scroll.viewport().width() - 16)
        self.canvas.set_px_per_day(width / max(1, last - first + 1))
        self.scroll.horizontalScrollBar().setValue(int(self.canvas.axis.x_of(first)))

    def scroll_to_day(self, day: int) -> None:
        x = int(self.canvas.axis.center_of(day))
        margin = min(200, self.scroll.viewport().width() // 3)
        self.scroll.ensureVisible(x, 0, margin, 0)

    @Slot()
    def _on_today_button_clicked(self) -> None:
        self.canvas.select_day(self.canvas.today_day)
        self.scroll_to_day(self.canvas.today_day)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_fit_button_clicked(self) -> None:
        self.fit_days(self.canvas.axis.first_day, self._diary_close_day())

    @Slot()
    def _on_year_button_clicked(self) -> None:
        self.fit_days(self.canvas.axis.first_day, 370)

    @Slot()
    def _on_zoom_in_button_clicked(self) -> None:
        self._zoom(1)

    @Slot()
    def _on_zoom_out_button_clicked(self) -> None:
        self._zoom(-1)

    @Slot(int)
    def _on_canvas_zoom_requested(self, direction: int) -> None:
        self._zoom(direction)

    def _zoom(self, direction: int) -> None:
        """Zoom by 1.5× around the selected day, keeping it in view."""
        factor = 1.5 if direction > 0 else 1 / 1.5
        self.canvas.set_px_per_day(self.canvas.px_per_day * factor)
        self.scroll_to_day(self.canvas.selected_day)

    @Slot(int)
    def _on_canvas_day_selected(self, day: int) -> None:
        self.scroll_to_day(day)
        self.day_selected.emit(day)
