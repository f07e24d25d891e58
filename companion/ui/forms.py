"""Form pieces shared by the setup and settings dialogs: the transplant and the team."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.domain.days import FIRST_YEAR, LAST_YEAR, in_range
from companion.domain.emergency import COUNTRY_NAMES, GENERIC, country_name, emergency_number
from companion.domain.journey import MAX_CONDITIONING_DAYS, Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import (
    MAX_NAME_LENGTH,
    MAX_PHONE_LENGTH,
    WEEKDAY_PRESETS,
    Team,
    TeamError,
)
from companion.i18n import N_, _, format_day_number, pgettext
from companion.ui import access, typography, window_place
from companion.ui.dates import DateField, TimeField, date_in_words
from companion.ui.flow import Columns, FlowLayout
from companion.ui.wheel import guard_wheel

__all__ = ["TeamForm", "TransplantForm", "guard_wheel", "save_cancel", "scrolling_dialog"]

CONDITIONING_HINT = N_(
    "Ask your team which day your conditioning starts. It depends on your treatment plan: "
    "for example BEAM starts on Day −6, and melphalan alone often on Day −2 or Day −1."
)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """A date-time field's value as an aware local datetime (what the diary stores)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


def _tall(widget: QWidget) -> QWidget:
    typography.role(widget, min_lines=2, indicator=isinstance(widget, (QCheckBox, QRadioButton)))
    return guard_wheel(widget)


def country_combo() -> QComboBox:
    """Countries by name, each with its emergency number; the data is the ISO code."""
    combo = QComboBox()
    combo.setAccessibleName(_("Country, for the emergency number"))
    combo.addItem(_("Not set (the app says {number})").format(number=_(GENERIC)), "")
    names = {code: country_name(code) for code in COUNTRY_NAMES}
    for code, name in sorted(names.items(), key=lambda item: _sort_key(item[1])):
        combo.addItem(
            _("{country} ({number})").format(country=name, number=emergency_number(code)), code
        )
    # As wide as a usual name, not the longest ("No establecido (la aplicación dice …)" at
    # 200 % made Settings → Team wider than a 1024×600 window); the list opens as wide as
    # its names need.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return guard_wheel(combo)


def _sort_key(name: str) -> str:
    """A name as a dictionary sorts it: accents ignored ("Bélgica" before "Brasil")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _two_lines(title: str) -> str:
    """A radio button's words never wrap by themselves: the part in brackets goes on its
    own line, so the choice fits a small screen at a large text size (its accessible name
    keeps the one-line words)."""
    return title.replace(" (", "\n(", 1)


class TransplantForm(QWidget):
    """Kind, stem cell source, Day 0 (planned or confirmed) and the conditioning start."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind_group = QButtonGroup(self)
        self.kind_buttons: dict[TransplantKind, QRadioButton] = {}
        kind_box = QGroupBox(_("Whose stem cells?"))
        kind_layout = QVBoxLayout(kind_box)
        for kind in TransplantKind:
            button = _tall(QRadioButton(_two_lines(_(kind.title))))
            button.setAccessibleName(_(kind.title))
            self._kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kind_layout.addWidget(button)

        self._source_group = QButtonGroup(self)
        self.source_buttons: dict[GraftSource, QRadioButton] = {}
        source_box = QGroupBox(_("Where do the stem cells come from?"))
        source_layout = QVBoxLayout(source_box)
        for source in GraftSource:
            button = _tall(QRadioButton(_two_lines(_(source.title))))
            button.setAccessibleName(_(source.title))
            self._source_group.addButton(button)
            self.source_buttons[source] = button
            source_layout.addWidget(button)
        access.one_tab_stop(self._kind_group)
        access.one_tab_stop(self._source_group)

        self.day0_edit = _tall(DateField(today, today=lambda: today))
        self.day0_edit.setAccessibleName(_("Day 0: the date the stem cells are given"))
        self.confirmed_check = _tall(QCheckBox(_("My team has confirmed this date")))
        # The name is the words beside the box (voice control says what it sees, issue 23).
        self.confirmed_check.setAccessibleName(self.confirmed_check.text())
        self.confirmed_check.setAccessibleDescription(_("Day 0 is confirmed"))

        self.conditioning_spin = _tall(QSpinBox())
        self.conditioning_spin.setRange(1, MAX_CONDITIONING_DAYS)
        # Translators: the prefix of a day count typed in a box: "Day −" 6.
        self.conditioning_spin.setPrefix(_("Day −"))
        self.conditioning_spin.setValue(6)
        self.conditioning_spin.setAccessibleName(_("Conditioning starts on Day minus"))
        self.conditioning_hint = QLabel(_(CONDITIONING_HINT))
        self.conditioning_hint.setWordWrap(True)
        self.conditioning_date = QLabel()
        self.conditioning_date.setWordWrap(True)  # a date in words at 200 % is most of a line
        self.conditioning_date.setObjectName("conditioning-date")

        dates = QGroupBox(_("Dates"))
        form = QFormLayout(dates)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Day 0 (transplant day):"), self.day0_edit)
        form.addRow("", self.confirmed_check)
        form.addRow(_("Conditioning starts on:"), self.conditioning_spin)
        form.addRow("", self.conditioning_date)
        form.addRow("", self.conditioning_hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choices = Columns(wide=36)
        choices.add(kind_box)
        choices.add(source_box)
        layout.addWidget(choices)
        layout.addWidget(dates)
        self.day0_edit.date_changed.connect(self._on_day0_edit_date_changed)
        self.conditioning_spin.valueChanged.connect(self._on_conditioning_spin_value_changed)
        self._id: int | None = None
        self._number = 1
        self._recovery: date | None = None
        self._update_conditioning_date()

    def set_transplant(self, transplant: Transplant) -> None:
        self.kind_buttons[transplant.kind].setChecked(True)
        self.source_buttons[transplant.source].setChecked(True)
        self.day0_edit.setDate(to_qdate(transplant.day0))
        self.confirmed_check.setChecked(transplant.day0_confirmed)
        self.conditioning_spin.setValue(transplant.conditioning_days)
        self._id, self._number = transplant.id, transplant.number
        # Only a date the team gave is saved back; one worked out from counts is not.
        self._recovery = (
            transplant.neutrophil_recovery if transplant.recovery_source == "team" else None
        )

    def problem(self) -> tuple[str, QWidget] | None:
        """What the user still has to fill in, and where; None when the form is complete."""
        if self._kind_group.checkedButton() is None:
            return (
                _("Please choose whose stem cells you are having."),
                self.kind_buttons[TransplantKind.AUTOLOGOUS],
            )
        if self._source_group.checkedButton() is None:
            return (
                _("Please choose where the stem cells come from."),
                self.source_buttons[GraftSource.BLOOD],
            )
        problem = self.day0_edit.problem()
        if problem:
            return _("Day 0: {problem}").format(problem=problem), self.day0_edit
        if not in_range(self.day0_edit.value()):
            return (
                _("Please choose a Day 0 from {first} to {last}.").format(
                    first=FIRST_YEAR, last=LAST_YEAR
                ),
                self.day0_edit,
            )
        return None

    def transplant(self) -> Transplant:
        """The transplant as entered. Call problem() first.

        A recorded recovery date is kept unless Day 0 moved onto or past it.
        """
        day0 = self.day0_edit.value()
        recovery = self._recovery if self._recovery and self._recovery > day0 else None
        return Transplant(
            kind=next(k for k, b in self.kind_buttons.items() if b.isChecked()),
            source=next(s for s, b in self.source_buttons.items() if b.isChecked()),
            day0=day0,
            conditioning_days=self.conditioning_spin.value(),
            day0_confirmed=self.confirmed_check.isChecked(),
            neutrophil_recovery=recovery,
            recovery_source="team" if recovery else "",
            number=self._number,
            id=self._id,
        )

    def _update_conditioning_date(self) -> None:
        day0 = self.day0_edit.value()
        n = self.conditioning_spin.value()
        start = Transplant(
            kind=TransplantKind.AUTOLOGOUS, source=GraftSource.BLOOD, day0=day0, conditioning_days=n
        ).conditioning_start
        self.conditioning_date.setText(
            _("{day} is {date}.").format(day=format_day_number(-n), date=date_in_words(start))
        )

    @Slot()
    def _on_day0_edit_date_changed(self) -> None:
        self._update_conditioning_date()

    @Slot()
    def _on_conditioning_spin_value_changed(self) -> None:
        self._update_conditioning_date()


class TeamForm(QGroupBox):
    """The transplant team's name, numbers and office hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Your transplant team"), parent)
        self.name_edit = _tall(QLineEdit())
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setPlaceholderText(_("For example: City Hospital Transplant Unit"))
        self.name_edit.setAccessibleName(_("Team name"))
        self.office_edit = _tall(QLineEdit())
        self.office_edit.setMaxLength(MAX_PHONE_LENGTH)
        self.office_edit.setAccessibleName(_("Office-hours phone number"))
        self.after_edit = _tall(QLineEdit())
        self.after_edit.setMaxLength(MAX_PHONE_LENGTH)
        self.after_edit.setAccessibleName(_("After-hours phone number"))
        self.days_combo = _tall(QComboBox())
        for label, days in WEEKDAY_PRESETS.items():
            self.days_combo.addItem(_(label), days)
        self.days_combo.setAccessibleName(_("Office days"))
        self.opens_edit = _tall(TimeField(time(8, 0)))
        self.opens_edit.setAccessibleName(_("Office opens at"))
        self.closes_edit = _tall(TimeField(time(17, 0)))
        self.closes_edit.setAccessibleName(_("Office closes at"))
        hours_box = QWidget()
        hours = FlowLayout(hours_box, spacing_lines=0.4)
        hours.addWidget(self.days_combo)
        opens_label = QLabel(pgettext("hours", "from"))
        opens_label.setBuddy(self.opens_edit)
        closes_label = QLabel(pgettext("hours", "to"))
        closes_label.setBuddy(self.closes_edit)
        hours.addWidget(opens_label)
        hours.addWidget(self.opens_edit)
        hours.addWidget(closes_label)
        hours.addWidget(self.closes_edit)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Team name (optional):"), self.name_edit)
        form.addRow(_("Number in office hours:"), self.office_edit)
        hours_label = QLabel(_("Office days and hours:"))
        hours_label.setBuddy(self.days_combo)  # the combo's name is its label, not its value
        form.addRow(hours_label, hours_box)
        form.addRow(_("Number after hours:"), self.after_edit)
        self.country_combo = _tall(country_combo())
        form.addRow(_("Country (for the emergency number):"), self.country_combo)
        note = QLabel(
            _("These numbers stay at the top of the app window, so they are always at hand.")
        )
        note.setWordWrap(True)
        form.addRow("", note)

    def set_team(self, team: Team) -> None:
        self.name_edit.setText(team.name)
        self.office_edit.setText(team.office_phone)
        self.after_edit.setText(team.after_hours_phone)
        found = self.days_combo.findData(team.office_days)
        if found >= 0:
            self.days_combo.setCurrentIndex(found)
        self.opens_edit.setTime(QTime(team.office_opens.hour, team.office_opens.minute))
        self.closes_edit.setTime(QTime(team.office_closes.hour, team.office_closes.minute))

    def team(self) -> Team:
        """The team as typed; call ``.validated()`` to check it.

        Raises:
            TeamError: an office hour that is not a time (with what to type).
        """
        for field in (self.opens_edit, self.closes_edit):
            problem = field.problem()
            if problem:
                raise TeamError(problem, "office_hours")
        opens, closes = self.opens_edit.time(), self.closes_edit.time()
        return Team(
            name=self.name_edit.text(),
            office_phone=self.office_edit.text(),
            after_hours_phone=self.after_edit.text(),
            office_opens=time(opens.hour(), opens.minute()),
            office_closes=time(closes.hour(), closes.minute()),
            office_days=self.days_combo.currentData(),
        )

    def set_country(self, code: str) -> None:
        found = self.country_combo.findData(code)
        self.country_combo.setCurrentIndex(max(0, found))

    def country(self) -> str:
        return self.country_combo.currentData() or ""

    def field_for(self, field: str) -> QWidget:
        """The field a TeamError is about (its ``field``), to put the cursor there."""
        return {
            "name": self.name_edit,
            "after_hours_phone": self.after_edit,
            "office_hours": self.opens_edit,
        }.get(field, self.office_edit)


def _typed(dialog: QWidget) -> tuple:
    """What the fields of ``dialog`` hold now, to tell whether anything was typed."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit, QTextEdit

    held: list = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            held.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            held.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            held.append(widget.currentIndex())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            held.append(widget.isChecked())
    return tuple(held)


class KeepsWhatIsTyped:
    """For a dialog of fields (put before QDialog in its bases): Escape, Cancel or the
    window's close button ask before throwing away what was typed since it appeared. A
    filled medicine or appointment was lost to one Escape (a keyboard try-out); "Keep
    editing" is what Enter presses."""

    _at_start: tuple | None = None

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._at_start is None:  # as it first appeared, filled in or empty
            self._at_start = _typed(self)  # type: ignore[arg-type]

    def reject(self) -> None:
        from companion.ui.confirm import ConfirmDialog

        typed = self._at_start is not None and _typed(self) != self._at_start  # type: ignore[arg-type]
        if typed and not ConfirmDialog.ask(
            self,  # type: ignore[arg-type]
            _("Leave without saving?"),
            _("What you typed here is not saved. Leave it, and lose it?"),
            _("Leave without saving"),
            _("Keep editing"),
            yes_first=False,
        ):
            return
        super().reject()  # type: ignore[misc]


def save_cancel(dialog, on_save, save_text: str | None = None):
    """A dialog's button row: a default Save (calling ``on_save``) and Cancel.

    Returns (the QDialogButtonBox, its Save button).
    """
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox()
    save = buttons.addButton(save_text or _("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
    save.setDefault(True)
    typography.role(save, min_lines=2.2)
    # Our own words, not Qt's: its "Cancel" is translated only where qtbase_*.qm is loaded.
    cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    typography.role(cancel, min_lines=2.2)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


def scrolling_dialog(dialog, body: QWidget, footer: list[QWidget]) -> QScrollArea:
    """Lay ``dialog`` out as ``body`` in a scroll area (vertical only) above a ``footer``
    that always shows (its problem message and buttons), and size it to fit the screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
    scroll.setWidget(body)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    for widget in footer:
        layout.addWidget(widget)
    # A scroll area asks for at most 24 lines, whatever its content: ask for the content's
    # whole height, so that the body scrolls only where the screen is too small for it.
    # And room beside it for the scroll bar, which shows where the screen is short (without
    # it the report dialog's text and tick boxes were cut at the right, issue 23).
    hint = dialog.sizeHint()
    extra = body.sizeHint().height() - scroll.sizeHint().height()
    bar = scroll.verticalScrollBar().sizeHint().width()
    fit_to_screen(dialog, (hint.width() + bar, hint.height() + max(0, extra)))
    return scroll


def fit_to_screen(dialog: QWidget, preferred: tuple[int, int] | None = None) -> None:
    """Open ``dialog`` at its preferred size, or smaller where the screen is smaller."""
    hint = dialog.sizeHint()
    width, height = preferred or (hint.width(), hint.height())
    room = window_place.screen_room(dialog)
    if room is not None:
        # Room for a title bar: a dialog's frame is not part of its size.
        width = min(width, room.width() - 16)
        height = min(height, room.height() - 48)
        dialog.setMaximumSize(room.width(), room.height())
    dialog.resize(max(width, 100), max(height, 100))
