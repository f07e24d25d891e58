"""Date and time fields that take a typed line and let Tab leave them.

Qt's QDateEdit walks through its day, month and year sections with Tab, so a phone number
typed after Tab once changed "Conditioning starts" from Day −6 to Day −13. These fields are
plain line edits: type "28 May 2026", "28/5", "yesterday" or "Day −6" (or "14:05", "2pm"),
in English or the app's language ("8 de diciembre", "martes", "ayer"),
and the field shows what it understood in words. Up and Down change it by a day (or five
minutes); Alt+Down opens a calendar. Tab always goes on to the next field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from companion import i18n
from companion.domain.days import (
    FIRST_YEAR,
    LAST_YEAR,
    NonexistentTimeError,
    local_moment,
)
from companion.domain.typed_dates import DateError, date_hint, parse_date, parse_time, time_hint
from companion.i18n import _, pgettext


def date_in_words(day: date) -> str:
    """A date a tired reader cannot misread, in the app's language: "Thursday 28 May 2026",
    "jueves, 28 de mayo de 2026"."""
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "EEEE d MMMM y")
    return i18n.format_date(day, "full")


def short_date(day: date) -> str:
    """A date short but in words, for tables: "Thu 28 May 2026", "jue 28 may 2026"."""
    return i18n.format_date(day, "EEE dd MMM y")


def short_moment(moment: datetime) -> str:
    """A moment for a table: "Thu 28 May 2026  14:05" (24-hour clock, as teams write it)."""
    return f"{short_date(moment.date())}  {moment:%H:%M}"


def compact_moment(moment: datetime) -> str:
    """A moment for a narrow table: "28 May  14:05" (no weekday, no year)."""
    return f"{day_and_month(moment.date())}  {moment:%H:%M}"


def day_and_month(day: date) -> str:
    """ "28 May", "28 may" in a sentence."""
    return i18n.format_date(day, "d MMM")


def widest_date_in_words() -> str:
    """The longest date in words this language writes (for a field's width)."""
    return _widest_date_in_words(i18n.locale_tag())


@cache
def _widest_date_in_words(_tag: str) -> str:
    samples = [
        date(2026, month, 28) + timedelta(days=offset)
        for month in range(1, 13)
        for offset in range(7)
    ]
    return max((date_in_words(day) for day in samples), key=len)


#: Day 0 for a field that takes "Day −6": a date, a callable asked when typed, or None.
DayZero = date | Callable[[], date | None] | None


def diary_day0(service) -> Callable[[], date | None]:
    """The diary's Day 0 as a field reads it when typed ("Day −6" counts from it); None
    before the diary is set up."""

    def day0() -> date | None:
        transplants = service.transplants
        return transplants.active.day0 if transplants.is_set_up else None

    return day0


def _day_first() -> bool:
    """How this computer writes a short date: 5/6 is 5 June, except where months come first."""
    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return not short.startswith("m")


def _as_date(value: QDate | date) -> date:
    if isinstance(value, QDate):
        return date(value.year(), value.month(), value.day())
    return value


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar drawn in the text colour (no image files to ship)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = palette.color(QPalette.ColorRole.Text)
    painter.setPen(QPen(ink, 2.5))
    painter.drawRoundedRect(QRectF(4, 6, 24, 22), 3, 3)
    painter.drawLine(4, 13, 28, 13)
    painter.drawLine(10, 3, 10, 8)
    painter.drawLine(22, 3, 22, 8)
    for row in (18, 24):
        for column in (10, 16, 22):
            painter.drawPoint(column, row)
    painter.end()
    return QIcon(pixmap)


class _DateEdit(QLineEdit):
    """The typed line of a DateField: ↑/↓ a day, Page Up/Down a week, Alt+↓ or F4 the
    calendar."""

    def __init__(self, field: DateField) -> None:
        super().__init__()
        self._field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        steps = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 7,
            Qt.Key.Key_PageDown: -7,
        }
        if (key == Qt.Key.Key_Down and alt) or key == Qt.Key.Key_F4:
            self._field.open_calendar()
        elif key in steps and not alt:
            self._field.step(steps[key])
            self.selectAll()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)


class DateField(QWidget):
    """A date typed in one line, shown back in words ("Thursday 28 May 2026"), with a
    calendar button beside it for the mouse (Alt+↓ opens the calendar from the keyboard;
    the button is left out of the Tab order).

    Signals:
        date_changed(QDate): the date changed (typed and confirmed, stepped, or chosen).
    """

    date_changed = Signal(QDate)

    def __init__(
        self,
        value: date | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
        day0: DayZero = None,
        weekday_ahead: bool = False,
    ) -> None:
        super().__init__(parent)
        self._today = today or date.today
        self._day0 = day0
        self._weekday_ahead = weekday_ahead
        self._value: date = value or self._today()
        self._problem: str | None = None
        self._popup: QCalendarWidget | None = None
        self.edit = _DateEdit(self)
        self.edit.setText(date_in_words(self._value))
        self._show_hint()
        self.edit.editingFinished.connect(self._on_editing_finished)
        self.calendar_button = QToolButton()
        self.calendar_button.setIcon(_calendar_icon(self.palette()))
        self.calendar_button.setToolTip(_("Choose from a calendar (Alt+Down)"))
        self.calendar_button.setAccessibleName(_("Choose from a calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the field
        self.calendar_button.clicked.connect(self._on_calendar_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self._size()

    def _size(self) -> None:
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance(widest_date_in_words()) + 16)
        side = max(28, round(metrics.height() * 1.8))
        self.calendar_button.setMinimumSize(side, side)
        self.calendar_button.setIconSize(QSize(side * 2 // 3, side * 2 // 3))
        # The field as tall as its button, whatever layout holds it: in the medicine form at
        # 200 % the form's row kept the field's first height and cut the button in half.
        self.setMinimumHeight(max(self.minimumHeight(), side))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size()

    def setAccessibleName(self, name: str) -> None:  # Qt's spelling
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.calendar_button.setAccessibleName(
            _("Choose from a calendar: {field}").format(field=name)
        )

    # The value -------------------------------------------------------------------------

    def value(self) -> date:
        return self._value

    def date(self) -> QDate:
        return QDate(self._value.year, self._value.month, self._value.day)

    def setDate(self, value: QDate | date) -> None:  # as QDateEdit spells it
        self._set(_as_date(value))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # typing, as a user (or a test) would
        self.edit.setText(text)

    def selectAll(self) -> None:
        self.edit.selectAll()

    def set_day0(self, day0: date | Callable[[], date | None] | None) -> None:
        """Let "Day −6" be typed, counted from this Day 0 (or the one a callable gives when
        the field is read, for a field that outlives a change of Day 0)."""
        self._day0 = day0
        self._show_hint()

    def day0(self) -> date | None:
        """The Day 0 a typed "Day −6" counts from now (None: only calendar dates)."""
        return self._day0() if callable(self._day0) else self._day0

    def hint(self) -> str:
        """What to type here: "… or Day −6" only where a day number is understood."""
        return date_hint(day_numbers=self.day0() is not None)

    def _show_hint(self) -> None:
        hint = self.hint()
        self.edit.setAccessibleDescription(
            _("{hint} Up and Down change it by a day; Alt+Down opens a calendar.").format(hint=hint)
        )
        if self._problem is None:
            self.edit.setToolTip(hint)

    def problem(self) -> str | None:
        """What is wrong with the typed text (None when it is a date, shown in words)."""
        self._commit()
        return self._problem

    def step(self, days: int) -> None:
        self._commit()
        self._set(self._value + timedelta(days=days))

    def _set(self, value: date) -> None:
        # Only dates the app can compute with (the domain refuses others too).
        value = min(max(value, FIRST_DAY), LAST_DAY)
        self._problem = None
        changed = value != self._value
        self._value = value
        self.edit.setText(date_in_words(value))
        self.edit.setToolTip(self.hint())
        if changed:
            self.date_changed.emit(self.date())

    def _commit(self) -> None:
        if self.edit.text() == date_in_words(self._value):
            self._problem = None
            return
        try:
            value = parse_date(
                self.edit.text(),
                self._today(),
                day_first=_day_first(),
                day0=self.day0(),
                weekday_ahead=self._weekday_ahead,
            )
        except DateError as error:
            self._problem = str(error)
            self.edit.setToolTip(self._problem)
            return
        if not FIRST_DAY <= value <= LAST_DAY:
            self._problem = _("“{typed}”: please type a date from {first} to {last}.").format(
                typed=self.edit.text(), first=FIRST_YEAR, last=LAST_YEAR
            )
            self.edit.setToolTip(self._problem)
            return
        self._set(value)

    @Slot()
    def _on_editing_finished(self) -> None:
        self._commit()
        if self._problem:
            from companion.ui.access import announce

            announce(self.edit, self._problem)

    # The calendar ----------------------------------------------------------------------

    def open_calendar(self) -> QCalendarWidget:
        """Show a calendar under the field; Enter or a click chooses, Esc closes it."""
        self._commit()
        if self._popup is None:
            self._popup = QCalendarWidget(self, Qt.WindowType.Popup)
            self._popup.setAccessibleName(
                _("Calendar for: {field}").format(field=self.accessibleName())
            )
            self._popup.setGridVisible(True)
            self._popup.activated.connect(self._on_popup_chosen)
            self._popup.clicked.connect(self._on_popup_chosen)
        self._popup.setSelectedDate(self.date())
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self._popup.setFocus(Qt.FocusReason.PopupFocusReason)
        return self._popup

    @Slot()
    def _on_calendar_button_clicked(self) -> None:
        self.open_calendar()

    @Slot(QDate)
    def _on_popup_chosen(self, chosen: QDate) -> None:
        assert self._popup is not None
        self._popup.hide()
        self._set(_as_date(chosen))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)


class TimeField(QLineEdit):
    """A time of day typed in one line ("14:05", "2pm"), shown back as 14:05.

    Signals:
        time_changed(QTime): the time changed.
    """

    time_changed = Signal(QTime)

    def __init__(self, value: time | QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = time(0, 0)
        self._problem: str | None = None
        self._value = self._as_time(value) if value is not None else time(9, 0)
        self.setText(f"{self._value:%H:%M}")
        self.setAccessibleDescription(
            _("{hint} Up and Down change it by five minutes.").format(hint=time_hint())
        )
        self.setToolTip(time_hint())
        self.editingFinished.connect(self._on_editing_finished)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00:00 pm") + 24)

    @staticmethod
    def _as_time(value: time | QTime) -> time:
        if isinstance(value, QTime):
            return time(value.hour(), value.minute())
        return value.replace(second=0, microsecond=0)

    def value(self) -> time:
        return self._value

    def time(self) -> QTime:
        return QTime(self._value.hour, self._value.minute)

    def setTime(self, value: QTime | time) -> None:
        self._set(self._as_time(value))

    def problem(self) -> str | None:
        self._commit()
        return self._problem

    def _set(self, value: time) -> None:
        self._problem = None
        changed = value != self._value
        self._value = value
        self.setText(f"{value:%H:%M}")
        self.setToolTip(time_hint())
        if changed:
            self.time_changed.emit(self.time())

    def _commit(self) -> None:
        if self.text() == f"{self._value:%H:%M}":
            self._problem = None
            return
        try:
            value = parse_time(self.text())
        except DateError as error:
            self._problem = str(error)
            self.setToolTip(self._problem)
            return
        self._set(value)

    @Slot()
    def _on_editing_finished(self) -> None:
        self._commit()
        if self._problem:
            from companion.ui.access import announce

            announce(self, self._problem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 5, Qt.Key.Key_Down: -5}
        if event.key() in steps:
            self._commit()
            moment = datetime.combine(date(2000, 1, 1), self._value)
            moment += timedelta(minutes=steps[event.key()])
            self._set(moment.time())
            self.selectAll()
            event.accept()
            return
        super().keyPressEvent(event)


class DateTimeField(QWidget):
    """A date field and a time field side by side ("When: [date] at [time]").

    Signals:
        date_time_changed(QDateTime): either part changed.
    """

    date_time_changed = Signal(QDateTime)

    def __init__(
        self,
        moment: datetime,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
        day0: date | Callable[[], date | None] | None = None,
        weekday_ahead: bool = False,
    ) -> None:
        super().__init__(parent)
        self.date_field = DateField(
            moment.date(), today=today, day0=day0, weekday_ahead=weekday_ahead
        )
        self.time_field = TimeField(moment.time())
        # Translators: between a date and a time ("When: [date] at [time]").
        self._at = QLabel(pgettext("date and time", "at"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_field, 3)
        layout.addWidget(self._at)
        layout.addWidget(self.time_field, 1)
        self.setFocusProxy(self.date_field)
        self._tz = moment.tzinfo
        self.date_field.date_changed.connect(self._on_part_changed)
        self.time_field.time_changed.connect(self._on_part_changed)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date_field.setAccessibleName(_("{field}: date").format(field=name))
        self.time_field.setAccessibleName(_("{field}: time").format(field=name))

    def value(self) -> datetime:
        """The moment as an aware local datetime (what the diary stores)."""
        naive = datetime.combine(self.date_field.value(), self.time_field.value())
        return naive.astimezone()

    def dateTime(self) -> QDateTime:
        return QDateTime.fromSecsSinceEpoch(int(self.value().timestamp()))

    def setDateTime(self, value: QDateTime | datetime) -> None:
        if isinstance(value, QDateTime):
            value = datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()
        self.date_field.setDate(value.date())
        self.time_field.setTime(value.time())

    def problem(self) -> str | None:
        found = self.date_field.problem() or self.time_field.problem()
        if found:
            return found
        try:  # 01:30 on the spring-forward night: refused, never moved an hour
            local_moment(datetime.combine(self.date_field.value(), self.time_field.value()))
        except NonexistentTimeError as error:
            return str(error)
        return None

    @Slot()
    def _on_part_changed(self) -> None:
        self.date_time_changed.emit(self.dateTime())


def first_problem(*fields) -> str | None:
    """The first typed date or time in ``fields`` that is not one (its message), or None;
    the cursor goes to that field."""
    for field in fields:
        problem = field.problem()
        if problem:
            target = getattr(field, "date_field", field)
            if isinstance(field, DateTimeField) and field.date_field.problem() is None:
                target = field.time_field
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            target.selectAll()
            return problem
    return None


__all__ = ["DateField", "DateTimeField", "TimeField", "diary_day0", "first_problem"]
