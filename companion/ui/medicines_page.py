"""The Medicines page (issue 20): the doses due now with one-tap Taken and Skip, the list
with its taper steps, pauses and stops, the 7-day grid in words, the printable chart, and
the reminders' own settings. Every write is one service call."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.domain.medicine_words import (
    change_words,
    dose_line,
    hhmm,
    medicine_line,
    status_words,
)
from companion.domain.medicines import (
    DoseStatus,
    Food,
    Medicine,
    MedicineError,
    parse_times,
)
from companion.i18n import N_, _, format_date, ngettext
from companion.service.medicines import AUTOSTART_KEY, MISSED_KEY, POPUPS_KEY
from companion.ui import access, typography
from companion.ui.dates import DateField, DayZero, diary_day0
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.forms import KeepsWhatIsTyped, save_cancel
from companion.ui.text import markdown_as_read, plain_label
from companion.ui.wheel import guard_wheel
from companion.ui.wrapping import WrapLabel

GRID_DAYS = 7
# For a skipped dose of any medicine: no advice about a particular drug (finding 14).
SKIPPED_ADVICE = N_(
    "If you cannot take a medicine (for example you were sick), tell your transplant team today."
)


class MedicineDialog(KeepsWhatIsTyped, QDialog):
    """Add a medicine as the team wrote it down. ``ask`` is the seam tests replace."""

    def __init__(self, today: date, parent: QWidget | None = None, *, day0: DayZero = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a medicine"))
        self.result_medicine: Medicine | None = None
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("Medicine's name"))
        self.dose_edit = QLineEdit()
        self.dose_edit.setPlaceholderText(_("for example 1 mg, or 2 tablets"))
        self.dose_edit.setAccessibleName(_("Dose"))
        self.times_edit = QLineEdit("08:00, 20:00")
        self.times_edit.setAccessibleName(_("Times of day"))
        self.every_spin = QSpinBox()
        self.every_spin.setRange(0, 24)
        self.every_spin.setSpecialValueText(_("no: at the times given"))
        self.every_spin.setAccessibleName(_("Every so many hours"))
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setAccessibleName(_("What it is for"))
        self.food_combo = QComboBox()
        for food, words in (
            (Food.ANY, _("with or without food")),
            (Food.WITH, _("with food")),
            (Food.WITHOUT, _("on an empty stomach")),
        ):
            self.food_combo.addItem(words, food.value)
        self.food_combo.setAccessibleName(_("With food or not"))
        self.start_field = DateField(today, today=lambda: today, day0=day0)
        self.start_field.setAccessibleName(_("First day"))
        self.hold_check = typography.role(
            QCheckBox(_("Hold on blood-test days until the sample is taken")), indicator=True
        )
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Dose"), self.dose_edit)
        form.addRow(_("Times of day"), self.times_edit)
        form.addRow(_("Or every … hours"), self.every_spin)
        form.addRow(_("What it is for"), self.purpose_edit)
        form.addRow(_("Food"), self.food_combo)
        form.addRow(_("First day"), self.start_field)
        form.addRow("", self.hold_check)
        self.problem = plain_label()
        self.problem.setObjectName("problem")
        buttons, self.save_button = save_cancel(self, self._on_save)
        layout = QVBoxLayout(self)
        note = plain_label(
            _("Type it as your team wrote it down. The app never suggests a medicine or a dose.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _on_save(self) -> None:
        from companion.domain.medicines import check_medicine

        try:
            times = parse_times(self.times_edit.text())
            every = self.every_spin.value() or None
            if every is not None:
                times = times[:1]
            self.result_medicine = check_medicine(
                Medicine(
                    name=self.name_edit.text(),
                    dose=self.dose_edit.text(),
                    times=times,
                    start=self.start_field.value(),
                    purpose=self.purpose_edit.text(),
                    every_hours=every,
                    food=Food(self.food_combo.currentData()),
                    hold_on_blood_test=self.hold_check.isChecked(),
                )
            )
        except MedicineError as error:
            self.problem.setText(str(error))
            access.announce(self, str(error), assertive=True)
            return
        self.accept()

    @classmethod
    def ask(
        cls, today: date, parent: QWidget | None = None, *, day0: DayZero = None
    ) -> Medicine | None:
        dialog = cls(today, parent, day0=day0)
        return dialog.result_medicine if dialog.exec() == QDialog.DialogCode.Accepted else None


class ChangeDialog(QDialog):
    """A dated change: a new dose (a taper step), a pause, a stop. ``ask`` is the seam."""

    def __init__(
        self, medicine: Medicine, kind: str, today: date, parent=None, *, day0: DayZero = None
    ) -> None:
        super().__init__(parent)
        titles = {
            "dose": _("New dose from a date: {medicine}"),
            "pause": _("Pause: {medicine}"),
            "stop": _("Stop: {medicine}"),
        }
        self.setWindowTitle(titles[kind].format(medicine=medicine.name))
        self.kind = kind
        form = QFormLayout()
        self.from_field = DateField(today, today=lambda: today, day0=day0)
        self.from_field.setAccessibleName(_("From"))
        form.addRow(_("From"), self.from_field)
        self.dose_edit = QLineEdit(medicine.dose_on(today))
        self.dose_edit.setAccessibleName(_("New dose"))
        self.until_field = DateField(today + timedelta(days=6), today=lambda: today, day0=day0)
        self.until_field.setAccessibleName(_("Last day paused"))
        if kind == "dose":
            form.addRow(_("New dose"), self.dose_edit)
        if kind == "pause":
            form.addRow(_("Last day paused"), self.until_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons, _cancel = save_cancel(self, self.accept)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, medicine: Medicine, kind: str, today: date, parent=None, *, day0: DayZero = None):
        """(from, dose or last paused day) or None."""
        dialog = cls(medicine, kind, today, parent, day0=day0)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if kind == "dose":
            return dialog.from_field.value(), dialog.dose_edit.text()
        if kind == "pause":
            return dialog.from_field.value(), dialog.until_field.value()
        return dialog.from_field.value(), None


class ReasonDialog:
    """ "Why was it skipped?" — the seam tests replace."""

    @staticmethod
    def ask(name: str, parent: QWidget | None = None) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            parent,
            _("Skip a dose"),
            _("Why is this dose of {medicine} skipped?").format(medicine=name)
            + "\n\n"
            + _(SKIPPED_ADVICE),
        )
        return text if ok else None


class MedicinesPage(QWidget):
    """The page. Follows the diary's change notification; holds no SQL.

    Signals:
        chart_requested: "Print the chart for the fridge…".
    """

    chart_requested = Signal()

    def __init__(self, diary: Diary, data_dir: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medicines-page")
        self.data_dir = data_dir
        self.diary = diary
        self.service = diary.service
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.7, margins=0.8)
        layout.addWidget(typography.heading(QLabel(_("Medicines")), 1))
        intro = plain_label(
            _(
                "Your medicines as your team wrote them down. Press Taken when you take a "
                "dose. Missed or skipped a dose? Tell your team. Never stop a medicine without "
                "asking them."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        # The page's main action first: the dose due now, with Taken and Skip, then the why.
        # The rows are made before the controls below them, so Tab reaches Taken first.
        layout.addWidget(typography.heading(QLabel(_("Due now")), 2))
        self.due_box = QVBoxLayout()
        layout.addLayout(self.due_box)
        self.due_rows: list[tuple[QLabel, QPushButton | None, QPushButton | None]] = []
        self._fill_due()
        self.due_status = plain_label()
        self.due_status.setObjectName("due-status")
        self.due_status.setWordWrap(True)
        self.due_status.hide()
        layout.addWidget(self.due_status)
        self.guide_button = QPushButton(_("Why these medicines matter"))
        self.guide_button.setCheckable(True)
        self.guide_button.setAccessibleName(_("Why these medicines matter: show or hide"))
        self.guide = QLabel()
        self.guide.setObjectName("medicines-guide")
        self.guide.setTextFormat(Qt.TextFormat.MarkdownText)  # our own content, not typed text
        self.guide.setWordWrap(True)
        self.guide.setOpenExternalLinks(False)
        self.guide.hide()
        self.guide_button.toggled.connect(self._on_guide_button_toggled)
        layout.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.guide)

        layout.addWidget(typography.heading(QLabel(_("The list")), 2))
        # The list as it was (or will be) on any day: taper steps, pauses and stops are kept.
        # The label and the date side by side where there is room, one above the other where
        # not (a date in words at 200 % text is most of a small window).
        on_row = FlowLayout()
        on_label = plain_label(_("The list on"))
        self.on_field = DateField(
            diary.service.today(), today=diary.service.today, day0=diary_day0(diary.service)
        )
        self.on_field.setAccessibleName(_("Show the list as it was on"))
        on_label.setBuddy(self.on_field)
        on_row.addWidget(on_label)
        on_row.addWidget(self.on_field)
        layout.addLayout(on_row)
        self.on_field.date_changed.connect(self._on_on_field_date_changed)
        self.list_table = QTableWidget(0, 2)
        self.list_table.setObjectName("medicine-list")
        self.list_table.setAccessibleName(_("Medicine list"))
        self.list_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.list_table.setHorizontalHeaderLabels([_("Medicine"), _("Changes")])
        self.list_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_table.setWordWrap(True)
        self.list_table.verticalHeader().hide()
        layout.addWidget(self.list_table)
        buttons = FlowLayout()  # wraps on a narrow screen: the page never scrolls sideways
        self.add_button = QPushButton(_("Add a medicine…"))
        self.dose_button = QPushButton(_("New dose from a date…"))
        self.pause_button = QPushButton(_("Pause…"))
        self.stop_button = QPushButton(_("Stop…"))
        self.chart_button = QPushButton(_("Print the chart for the fridge…"))
        for button in (
            self.add_button,
            self.dose_button,
            self.pause_button,
            self.stop_button,
            self.chart_button,
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.dose_button.clicked.connect(lambda: self._change("dose"))
        self.pause_button.clicked.connect(lambda: self._change("pause"))
        self.stop_button.clicked.connect(lambda: self._change("stop"))
        self.chart_button.clicked.connect(self._on_chart_button_clicked)

        layout.addWidget(typography.heading(QLabel(_("The last 7 days")), 2))
        self.grid = QTableWidget(0, GRID_DAYS + 1)
        self.grid.setObjectName("medicine-grid")
        self.grid.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.grid.setAccessibleName(_("Doses of the last 7 days: taken, skipped or missed"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().hide()
        layout.addWidget(self.grid)

        box = QGroupBox(_("Reminders"))
        form = QFormLayout(box)
        # Short words on the boxes (a check box never wraps); the why in a label that does.
        self.popups_check = typography.role(
            QCheckBox(_("Show reminders on the screen")), indicator=True
        )
        self.popups_check.setAccessibleDescription(_("As desktop notifications, with Taken"))
        self.autostart_check = typography.role(QCheckBox(_("Start when I log in")), indicator=True)
        self.autostart_check.setAccessibleDescription(
            _("In the tray, so reminders come with the window closed")
        )
        why = plain_label(
            _(
                "Reminders pop up as desktop notifications, with Taken and Snooze. Started at "
                "login, the app waits in the tray, so they come with the window closed."
            )
        )
        why.setWordWrap(True)
        # The wheel scrolls the page past it: the number changes only when focused.
        self.missed_spin = guard_wheel(QSpinBox())
        self.missed_spin.setRange(10, 24 * 60)
        self.missed_spin.setSuffix(_(" minutes"))
        self.missed_spin.setAccessibleName(_("A dose counts as missed after"))
        self.temperature_edit = QLineEdit()
        self.temperature_edit.setAccessibleName(_("Temperature check times"))
        self.save_reminders = QPushButton(_("Save reminder settings"))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(why)
        form.addRow(self.popups_check)
        form.addRow(self.autostart_check)
        # Labels above their fields, and their words wrap: a form label never does, and in
        # Spanish at 200 % text one was wider than the page.
        for text, field in (
            (_("A dose counts as missed after"), self.missed_spin),
            (_("Temperature checks at (empty: none)"), self.temperature_edit),
        ):
            form.addRow(WrapLabel(text, field), field)
        form.addRow(self.save_reminders)
        self.reminder_status = plain_label()
        form.addRow(self.reminder_status)
        self.save_reminders.clicked.connect(self._on_save_reminders_clicked)
        layout.addWidget(box)
        layout.addStretch(1)
        diary.changed.connect(self._on_diary_changed)
        self._fill_list()
        self._fill_grid()
        self._load_reminder_settings()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            # View → Text size, live: the tables' rows and headers are measured again (their
            # heights are fixed to their rows, so the page scrolls and not the table). No
            # reading from the diary here: only the rows shown are measured again.
            self.grid.resizeColumnsToContents()
            for table in (self.list_table, self.grid):
                table.resizeRowsToContents()
                _fit_height(table)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A new width wraps the list's rows differently and may need the grid's scroll bar.
        for table in (self.list_table, self.grid):
            table.resizeRowsToContents()
            _fit_height(table)

    @Slot(bool)
    def _on_guide_button_toggled(self, shown: bool) -> None:
        if shown and not self.guide.text():
            from companion.content.medicines_guide import medicines_guide

            guide = medicines_guide()
            self.guide.setText(guide)
            self.guide.setAccessibleName(markdown_as_read(guide))
        self.guide.setVisible(shown)

    # Showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_due()
        self._fill_list()
        self._fill_grid()

    def _fill_due(self) -> None:
        # The old rows' widgets leave the page now (hidden, no parent), then are deleted:
        # left as children until their deferred deletion, they broke the button row's
        # layout items below ("already deleted") once the page had been shown.
        old = [w for row in getattr(self, "due_rows", []) for w in row if w is not None]
        focused = self.window().focusWidget()
        had_focus = any(widget is focused for widget in old)
        for widget in old:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        while self.due_box.count():
            item = self.due_box.takeAt(0)
            inner = item.layout()
            if inner is not None:
                while inner.count():
                    inner.takeAt(0)
                inner.deleteLater()
        self.due_rows = []
        due = [d for d in self.service.medicines.due() if d.status is not DoseStatus.UPCOMING]
        if not due:
            label = plain_label(_("No dose is due now."))
            self.due_box.addWidget(label)
            self.due_rows.append((label, None, None))
            if had_focus:
                self.guide_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        for dose in due:
            row = QHBoxLayout()
            label = plain_label(dose_line(dose))
            label.setWordWrap(True)
            row.addWidget(label, 1)
            taken = skip = None
            if dose.record is None:
                facts = {"medicine": dose.name, "dose": dose.dose, "time": hhmm(dose.due)}
                taken = QPushButton(_("Taken"))
                taken.setAccessibleName(_("Taken: {medicine} {dose}, {time}").format(**facts))
                skip = QPushButton(_("Skip…"))
                skip.setAccessibleName(_("Skip: {medicine} {dose}, {time}").format(**facts))
                for button in (taken, skip):
                    typography.role(button, min_lines=2.2)
                    row.addWidget(button)
                taken.clicked.connect(lambda _c=False, d=dose: self._take(d))
                skip.clicked.connect(lambda _c=False, d=dose: self._skip(d))
            self.due_box.addLayout(row)
            self.due_rows.append((label, taken, skip))
        self._due_buttons_first(had_focus)

    def _due_buttons_first(self, had_focus: bool = False) -> None:
        """Buttons made again after a change join the end of the Tab order: put them back
        where they show, first on the page (before "Why these medicines matter"), after the
        last widget before them that Tab stops at. ``had_focus``: a button of the old rows
        had the keyboard focus (Taken was just pressed): the first new one takes it."""
        after = getattr(self, "guide_button", None)
        buttons = [b for _label, taken, skip in self.due_rows for b in (taken, skip) if b]
        if after is None:
            return
        if had_focus:
            (buttons[0] if buttons else after).setFocus(Qt.FocusReason.OtherFocusReason)
        if not buttons:
            return
        previous = after.previousInFocusChain()
        while previous is not after and (
            any(previous is widget for widget in buttons)
            or not previous.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            previous = previous.previousInFocusChain()
        for button in buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, after)

    @Slot()
    def _on_on_field_date_changed(self, *_args) -> None:
        self._fill_list()

    def _fill_list(self) -> None:
        today = self.service.today()
        chosen = self.on_field.value()
        if chosen == today:  # today: also what starts later, as the command line shows it
            medicines = [
                m for m in self.service.medicines.all() if m.last_day is None or m.last_day >= today
            ]
        else:
            medicines = self.service.medicines.on(chosen)
        self.list_table.setRowCount(len(medicines))
        self.medicines = medicines
        for row, medicine in enumerate(medicines):
            text = medicine_line(medicine, chosen)
            if not medicine.taken_on(chosen):
                more = _("{line} — not today") if chosen == today else _("{line} — not that day")
                text = more.format(line=text)
            first = QTableWidgetItem(text)
            first.setData(Qt.ItemDataRole.UserRole, medicine.id)
            self.list_table.setItem(row, 0, first)
            changes = "; ".join(change_words(c) for c in medicine.changes) or "—"
            self.list_table.setItem(row, 1, QTableWidgetItem(changes))
        self.list_table.resizeRowsToContents()
        _fit_height(self.list_table)
        if medicines and self.list_table.currentRow() < 0:
            self.list_table.selectRow(0)
        for button in (self.dose_button, self.pause_button, self.stop_button):
            button.setEnabled(bool(medicines))

    def _fill_grid(self) -> None:
        today = self.service.today()
        first = today - timedelta(days=GRID_DAYS - 1)
        grid = self.service.medicines.week(first, GRID_DAYS)
        days = [first + timedelta(days=i) for i in range(GRID_DAYS)]
        self.grid.setHorizontalHeaderLabels(
            [
                _("Medicine"),
                *(f"{format_date(d, 'EEE')}\n{format_date(d, 'd MMM')}" for d in days),
            ]
        )
        rows: dict[int, dict[date, object]] = {}
        names: dict[int, str] = {}
        for cell in grid:
            rows.setdefault(cell.medicine.id or 0, {})[cell.day] = cell
            names[cell.medicine.id or 0] = cell.medicine.name
        self.grid.setRowCount(len(rows))
        for row, (medicine_id, cells) in enumerate(rows.items()):
            self.grid.setItem(row, 0, QTableWidgetItem(names[medicine_id]))
            for column, day in enumerate(days, start=1):
                cell = cells.get(day)
                lines = [f"{hhmm(d.due)} {status_words(d)}" for d in cell.doses] if cell else []
                if cell is not None:
                    lines += [change_words(c) for c in cell.changes]
                self.grid.setItem(row, column, QTableWidgetItem("\n".join(lines) or "—"))
        self.grid.resizeColumnsToContents()
        self.grid.resizeRowsToContents()
        _fit_height(self.grid)

    def cell_text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item else ""

    # Acting -----------------------------------------------------------------------------

    def _selected(self) -> Medicine | None:
        row = self.list_table.currentRow()
        return self.medicines[row] if 0 <= row < len(self.medicines) else None

    def _take(self, dose) -> None:
        self.service.medicines.take(dose.medicine_id, due=dose.due)
        access.announce(
            self,
            _("Recorded: {medicine} {dose} taken.").format(medicine=dose.name, dose=dose.dose),
        )

    def _skip(self, dose) -> None:
        reason = ReasonDialog.ask(dose.name, self)
        if reason is None:
            return
        try:
            self.service.medicines.skip(dose.medicine_id, reason, due=dose.due)
        except MedicineError as error:
            access.announce(self, str(error), assertive=True)
            return
        said = _("Recorded: {medicine} {dose} skipped. {advice}").format(
            medicine=dose.name, dose=dose.dose, advice=_(SKIPPED_ADVICE)
        )
        self.due_status.setText(said)
        self.due_status.show()
        access.announce(self, said)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        medicine = MedicineDialog.ask(self.service.today(), self, day0=diary_day0(self.service))
        if medicine is not None:
            self.service.medicines.add(medicine)

    def _change(self, kind: str) -> None:
        medicine = self._selected()
        if medicine is None:
            return
        answer = ChangeDialog.ask(
            medicine, kind, self.service.today(), self, day0=diary_day0(self.service)
        )
        if answer is None:
            return
        on, extra = answer
        book = self.service.medicines
        try:
            if kind == "dose":
                book.change_dose(medicine.id, extra, on)
            elif kind == "pause":
                book.pause(medicine.id, on, extra)
            else:
                book.stop(medicine.id, on)
        except MedicineError as error:
            from companion.ui.messages import Messages

            Messages.error(self, _("Not saved"), str(error))

    @Slot()
    def _on_chart_button_clicked(self) -> None:
        self.chart_requested.emit()
        save_chart(self.diary, self)

    # Reminder settings --------------------------------------------------------------------

    def _load_reminder_settings(self) -> None:
        from companion import autostart

        schedule = self.service.schedule
        self.popups_check.setChecked(schedule.popups)
        self.autostart_check.setChecked(autostart.is_enabled())
        self.missed_spin.setValue(int(self.service.medicines.missed_after.total_seconds() // 60))
        self.temperature_edit.setText(", ".join(hhmm(t) for t in schedule.check_times))

    @Slot()
    def _on_save_reminders_clicked(self) -> None:
        from companion import autostart
        from companion.domain.schedule import check_times

        text = self.temperature_edit.text().strip()
        try:
            times = parse_times(text) if text else ()
        except MedicineError as error:
            self.reminder_status.setText(str(error))
            return
        check_times(",".join(hhmm(t) for t in times))
        on = self.autostart_check.isChecked()
        try:
            autostart.set_enabled(on, autostart.launcher(self._data_dir()))
        except OSError as error:
            self.reminder_status.setText(
                _("Starting at login could not be changed: {error}").format(error=error)
            )
            return
        self.service.settings.save(
            preferences={
                POPUPS_KEY: "on" if self.popups_check.isChecked() else "off",
                AUTOSTART_KEY: "on" if on else "off",
                MISSED_KEY: str(self.missed_spin.value()),
                "temperature_check_times": ",".join(hhmm(t) for t in times) or "none",
            }
        )
        self.reminder_status.setText(_("Saved."))
        access.announce(self, _("Reminder settings saved."))

    def _data_dir(self):
        from pathlib import Path

        return Path(self.data_dir) if self.data_dir else None

    @Slot(object)
    def _on_diary_changed(self, changes) -> None:
        if changes.touches("medicines", "appointments", "everything", "settings"):
            self.refresh()


def _fit_height(table: QTableWidget) -> None:
    """As tall as its rows (the page scrolls, not the table)."""
    header = table.horizontalHeader()
    height = max(header.height(), header.sizeHint().height()) + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    scroll = table.horizontalScrollBar()
    # The scroll bar may not be shown yet (before a resize is handled): a table wider than
    # its room will show one, under its last row (longer words, as in Spanish, or large text).
    wide = header.length() > table.width() - 2 * table.frameWidth()
    bar = scroll.sizeHint().height() if scroll.isVisible() or wide else 0
    table.setFixedHeight(height + bar + 2)


class ChartSeams:
    """The blocking file dialog, behind a seam tests replace."""

    @staticmethod
    def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            parent, _("Save the medicine chart"), suggested, _("PDF files (*.pdf)")
        )
        return path or None


def save_chart(diary: Diary, parent: QWidget):
    """The week ahead from today as a PDF to print and put on the fridge."""
    from pathlib import Path

    from companion.printing.medicine_chart import write_chart
    from companion.service.errors import OutputError
    from companion.ui.folders import documents_folder, file_name
    from companion.ui.messages import Messages

    service = diary.service
    # Translators: the file name offered for the week's medicine chart.
    name = _("medicine-chart-{date}.pdf").format(date=f"{service.today():%Y-%m-%d}")
    suggested = documents_folder() / file_name(name)
    chosen = ChartSeams.ask_pdf_path(parent, str(suggested))
    if not chosen:
        return None
    try:
        pages = write_chart(service, Path(chosen), service.today())
    except (OutputError, OSError) as error:
        Messages.error(parent, _("The chart could not be saved"), str(error))
        return None
    Messages.info(
        parent,
        _("Medicine chart saved"),
        ngettext(
            "Saved the chart for the week ({count} page) to {path}. Print it and tick a box "
            "for each dose.",
            "Saved the chart for the week ({count} pages) to {path}. Print it and tick a box "
            "for each dose.",
            pages,
        ).format(count=pages, path=chosen),
    )
    return Path(chosen)
