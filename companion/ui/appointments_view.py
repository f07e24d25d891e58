"""Appointments: the next one in a line for the Today page, the list of upcoming and past
ones, and Add / Edit / Delete with Ctrl+Z."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.domain.visits import Appointment, AppointmentKind, VisitError, check_appointment
from companion.domain.wording import clock, next_appointment_line
from companion.i18n import N_, _, format_day_number
from companion.service.changes import Changes
from companion.ui import typography
from companion.ui.confirm import ConfirmDialog
from companion.ui.dates import DateTimeField, date_in_words, diary_day0, first_problem
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.forms import KeepsWhatIsTyped, scrolling_dialog
from companion.ui.table_model import RowsModel
from companion.ui.text import plain_label, set_plain

WHEN, DAY, WHAT, WHERE, WITH, NOTE = range(6)
HEADERS = (N_("When"), N_("Day"), N_("What"), N_("Where"), N_("With"), N_("Note"))
APPOINTMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def next_line(diary: Diary) -> str:
    """ "Next: clinic visit Tuesday 10:30 · Day +21", or what to do when none is booked."""
    service = diary.service
    following = service.visits.next_appointment()
    if following is None:
        return _("No appointment booked in the app.")
    return next_appointment_line(
        following.appointment, following.day, service.today(), following.questions
    )


class AppointmentsModel(RowsModel):
    """Every appointment, upcoming first (soonest first), then past ones (newest first)."""

    HEADERS = HEADERS

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._rows: list[Appointment] = []
        self._days: list[int | None] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = (
            self._service.visits.upcoming_appointments() + self._service.visits.past_appointments()
        )
        journey = self._service.transplants.journey
        self._days = [
            self._service.transplants.on(a.day).day_number(a.day) if journey else None
            for a in self._rows
        ]
        self.endResetModel()

    def appointment(self, row: int) -> Appointment:
        return self._rows[row]

    def rows(self) -> list:
        return self._rows

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        appointment = self._rows[index.row()]
        if role == APPOINTMENT_ROLE:
            return appointment
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == WHEN:
            past = appointment.is_past(self._service.today())
            text = f"{date_in_words(appointment.day)} {clock(appointment.at)}"
            return _("{when} (past)").format(when=text) if past else text
        if column == DAY:
            day = self._days[index.row()]
            return "" if day is None else format_day_number(day)
        if column == WHAT:
            what = appointment.what
            return what[:1].upper() + what[1:]
        if column == WHERE:
            return appointment.place
        if column == WITH:
            return appointment.with_whom
        return appointment.note


class AppointmentDialog(KeepsWhatIsTyped, QDialog):
    """Add or edit one appointment. ``AppointmentDialog.ask`` is the seam tests replace."""

    def __init__(self, diary: Diary, appointment: Appointment | None = None, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._editing = appointment
        self.setWindowTitle(_("Edit appointment") if appointment else _("Add an appointment"))
        height = int(self.fontMetrics().height() * 2.2)
        start = (
            appointment.at
            if appointment
            else self._service.now().replace(minute=0, second=0, microsecond=0)
        )
        # The typed date and time fields the setup form uses (a sectioned QDateTimeEdit
        # took six Tab stops: typing "15" and "1030" gave "17 December 03:00").
        # An appointment looks ahead: "Tuesday" typed alone is the next Tuesday.
        self.when_edit = DateTimeField(
            start, today=self._service.today, day0=diary_day0(self._service), weekday_ahead=True
        )
        self.when_edit.setAccessibleName(_("Date and time"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(_("What it is"))
        for kind in AppointmentKind:
            label = (
                _("Something else (type what)") if kind is AppointmentKind.OTHER else _(kind.title)
            )
            self.kind_combo.addItem(label, kind)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(_("In your own words"))
        self.title_edit.setPlaceholderText(_("For example: eye clinic, dentist, physiotherapy"))
        self.place_edit = QLineEdit()
        self.place_edit.setAccessibleName(_("Where"))
        self.with_edit = QLineEdit()
        self.with_edit.setAccessibleName(_("With whom"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(_("Note"))
        self.note_edit.setPlaceholderText(_("For example: fasting; bring your medicines"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(height * 2)
        for widget in (
            self.when_edit,
            self.kind_combo,
            self.title_edit,
            self.place_edit,
            self.with_edit,
        ):
            widget.setMinimumHeight(height)
        if appointment is not None:
            self.kind_combo.setCurrentIndex(list(AppointmentKind).index(appointment.kind))
            self.title_edit.setText(appointment.title)
            self.place_edit.setText(appointment.place)
            self.with_edit.setText(appointment.with_whom)
            self.note_edit.setPlainText(appointment.note)
        self.error_label = plain_label()
        self.error_label.setWordWrap(True)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        for button in (self.save_button, self.cancel_button):
            button.setMinimumHeight(height)
            button.setAccessibleName(button.text())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("When:"), self.when_edit)
        form.addRow(_("What:"), self.kind_combo)
        form.addRow(_("Own words:"), self.title_edit)
        form.addRow(_("Where:"), self.place_edit)
        form.addRow(_("With whom:"), self.with_edit)
        form.addRow(_("Note:"), self.note_edit)
        footer = QWidget()
        buttons = QHBoxLayout(footer)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        body = QWidget()
        body.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        # The fields scroll on a short screen, the buttons stay in view (at 200 % text the
        # dialog was 580 pixels tall, its buttons under a 600-pixel screen's edge).
        scrolling_dialog(self, body, [self.error_label, footer])
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.result_value: Appointment | None = None

    def appointment(self) -> Appointment:
        moment: datetime = self.when_edit.value()
        kind = AppointmentKind(self.kind_combo.currentData())
        return Appointment(
            at=moment,
            kind=kind,
            title=self.title_edit.text(),
            place=self.place_edit.text(),
            with_whom=self.with_edit.text(),
            note=self.note_edit.toPlainText(),
            id=self._editing.id if self._editing else None,
        )

    @Slot()
    def _on_save_button_clicked(self) -> None:
        typed = first_problem(self.when_edit)
        if typed:
            set_plain(self.error_label, f"⚠ {typed}")
            return
        try:
            self.result_value = check_appointment(self.appointment())
        except VisitError as error:
            set_plain(self.error_label, f"⚠ {error}")
            return
        self.accept()

    @staticmethod
    def ask(diary: Diary, appointment: Appointment | None = None, parent=None):
        dialog = AppointmentDialog(diary, appointment, parent)
        dialog.exec()
        return dialog.result_value


class AppointmentsView(QWidget):
    """The appointments page: the next one, the list, Add / Edit / Delete (Ctrl+Z undoes).

    Signals:
        export_requested: the user asked for a calendar file.
    """

    export_requested = Signal()

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self.diary = diary
        self.setObjectName("appointments-view")
        height = int(self.fontMetrics().height() * 2.2)
        self.next_label = plain_label()
        self.next_label.setObjectName("next-appointment")
        self.next_label.setAccessibleName(_("Next appointment"))
        self.next_label.setWordWrap(True)  # a long line (or a longer language) wraps
        # A role, not a font fixed here: it follows View → Text size live (it stayed small
        # at 200 %, issue 23).
        typography.role(self.next_label, scale=typography.HEADINGS[2], bold=True)
        self.model = AppointmentsModel(diary, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Appointments, upcoming then past"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(height)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.add_button = QPushButton(_("Add appointment…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.export_button = QPushButton(_("Save to a calendar file…"))
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            button.setMinimumHeight(height)
            button.setAccessibleName(button.text().rstrip("…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_requested)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        # A row that wraps: on a small screen, at a large text size or in a longer language
        # the buttons go onto a second line rather than past the page's edge.
        buttons = FlowLayout(spacing_lines=0.5)
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.next_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        diary.changed.connect(self._on_diary_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        set_plain(self.next_label, next_line(self.diary))
        self.model.reload()
        self._update_buttons()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("appointments", "questions", "journey"):
            self.refresh()

    def selected(self) -> Appointment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.appointment(rows[0].row()) if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    @Slot()
    def add(self) -> None:
        appointment = AppointmentDialog.ask(self.diary, None, self)
        if appointment is not None:
            self.diary.service.visits.add_appointment(appointment)

    @Slot()
    def edit_selected(self) -> None:
        before = self.selected()
        if before is None:
            return
        after = AppointmentDialog.ask(self.diary, before, self)
        if after is not None:
            self.diary.service.visits.update_appointment(after)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    @Slot()
    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if ConfirmDialog.ask(
            self,
            _("Delete appointment"),
            _("Delete the {appointment} of {date} {time}? Ctrl+Z brings it back.").format(
                appointment=chosen.what, date=date_in_words(chosen.day), time=clock(chosen.at)
            ),
            _("Delete"),
        ):
            self.diary.service.visits.delete_appointment(chosen.id)
