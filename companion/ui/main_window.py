"""The main window: header, timeline and the guide for the selected day's phase."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

import companion
from companion.domain.entries import EntryKind
from companion.domain.journey import Phase
from companion.service.changes import Changes
from companion.service.diary import Contact, Logged
from companion.ui.alert_card import AlertCard
from companion.ui.backup_status import BackupStatusLabel
from companion.ui.diary import Diary
from companion.ui.guide_panel import GuidePanel
from companion.ui.header import HeaderWidget
from companion.ui.quick_entry import QuickEntryPanel
from companion.ui.reminders import Reminders
from companion.ui.timeline import TimelineView

ABOUT = (
    "Transplant Companion {version}\n\n"
    "A private diary and organiser for a stem cell transplant. It is not a doctor and does "
    "not replace your transplant team's advice. If you are worried, contact your team.\n\n"
    "Your diary is kept only on this computer, in:\n{folder}"
)


class RestoreSeams:
    """Blocking dialogs for "Restore from backup…", behind a seam tests replace."""

    @staticmethod
    def ask_backup(parent: QWidget, folder: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            parent, "Restore from backup", folder, "Diary backups (*.db)"
        )
        return path or None

    @staticmethod
    def confirm(parent: QWidget, name: str) -> bool:
        from companion.ui.confirm import ConfirmDialog

        return ConfirmDialog.ask(
            parent,
            "Restore from backup",
            f"Replace your diary with the backup {name}? The diary you have now is kept in "
            "the 'replaced' folder, so nothing is lost.",
            "Restore",
        )


class DeleteEntryCommand(QUndoCommand):
    """Delete an entry; Ctrl+Z brings it back exactly as it was."""

    def __init__(self, diary: Diary, entry) -> None:
        super().__init__(f"Delete {entry.kind.title.lower()} of {entry.at:%d %b %H:%M}")
        self._service = diary.service
        self._entry_id = entry.id

    def redo(self) -> None:
        self._service.delete_entry(self._entry_id)

    def undo(self) -> None:
        self._service.restore_entry(self._entry_id)


class ContactCommand(QUndoCommand):
    """ "I contacted my team", already recorded by the card; Ctrl+Z takes it back (the card
    comes back), Ctrl+Shift+Z records it again."""

    def __init__(self, diary: Diary, contact: Contact) -> None:
        super().__init__("I contacted my team")
        self._service = diary.service
        self._contact_id = contact.entry.id
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after the card recorded it
            self._first = False
            return
        contact = self._service.acknowledge()
        self._contact_id = contact.entry.id if contact else None

    def undo(self) -> None:
        if self._contact_id is not None:
            self._service.undo_acknowledge(self._contact_id)


class MainWindow(QMainWindow):
    """Where the patient is today, the journey on a timeline, and what each phase means.

    Signals:
        reminder_shown(str): a "check your temperature again" reminder fell due and is
            shown in the window.
    """

    reminder_shown = Signal(str)

    def __init__(
        self,
        diary: Diary,
        data_dir: str = "",
        title_suffix: str = "",
        reminders: Reminders | None = None,
    ) -> None:
        super().__init__()
        self.diary = diary
        self.service = diary.service
        # Owned by the application when there is one, so reminders outlive the window.
        self.reminders = reminders or Reminders(self.service.now, self)
        self._data_dir = data_dir
        self.setWindowTitle(f"Transplant Companion{title_suffix}")
        self.setObjectName("main-window")
        self.header = HeaderWidget(diary)
        self.alert_card = AlertCard(diary)
        self.quick_entry = QuickEntryPanel(diary)
        self.timeline = TimelineView(diary)
        self.guide = GuidePanel(diary)
        # The log and the counts tabs are built when first opened: the window appears sooner.
        self._log_view = None
        self._counts_view = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main-tabs")
        self.tabs.addTab(self.guide, "Guide and checklist")
        self.tabs.addTab(QWidget(), "Diary log")
        self.tabs.addTab(QWidget(), "Blood counts and charts")
        # Appointments and the questions notebook (issue 14), built when first opened.
        self._appointments_view = None
        self._questions_view = None
        self.tabs.addTab(QWidget(), "Appointments")
        self.tabs.addTab(QWidget(), "Questions")
        self.undo_stack = QUndoStack(self)
        self.restore_request: Path | None = None
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.alert_card)
        layout.addWidget(self.quick_entry)
        layout.addWidget(self.timeline)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.alert_card.refresh()  # an open alert shows in the very first frame
        # Tab order follows the screen: timeline buttons, the timeline, phase buttons, guide.
        chain = [
            self.quick_entry.temp_edit,
            self.quick_entry.site_combo,
            self.quick_entry.temp_button,
            self.quick_entry.symptom_combo,
            self.quick_entry.severity_combo,
            self.quick_entry.symptom_button,
            self.quick_entry.more_button,
            self.timeline.today_button,
            self.timeline.fit_button,
            self.timeline.year_button,
            self.timeline.zoom_out_button,
            self.timeline.zoom_in_button,
            self.timeline.canvas,
            *self.guide.buttons.values(),
            self.guide.browser,
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

        self.timeline.day_selected.connect(self._on_timeline_day_selected)
        self.guide.phase_chosen.connect(self._on_guide_phase_chosen)
        self.guide.checklist.print_requested.connect(self._on_checklist_print_requested)
        self.guide.day_entries_requested.connect(self._on_guide_day_entries_requested)
        self.alert_card.contacted.connect(self._on_alert_card_contacted)
        self.quick_entry.more_requested.connect(self._on_quick_entry_more_requested)
        self.quick_entry.temperature_logged.connect(self._on_quick_entry_temperature_logged)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        diary.changed.connect(self._on_diary_changed)
        self._build_menus()

        # The day changes at midnight while the window may stay open for days.
        self._shown_date: date = self.service.today()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)
        self._clock_timer.timeout.connect(self._on_clock_timer_timeout)
        self._clock_timer.start()
        # "Check again in an hour": a visible reminder while the app runs.
        self.reminders.due.connect(self._on_reminders_due)

        today = self.timeline.canvas.today_day
        self.timeline.canvas.select_day(today, notify=False)
        self.guide.show_day(today)
        # The checklists (six files to parse, their ticks to read) fill in right after the
        # first frame, so the window appears as soon as possible.
        self.timeline.canvas.first_painted.connect(self._on_canvas_first_painted)
        self.timeline.canvas.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows work at once
        self.resize(1200, 860)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.print_action = QAction("&Print checklist…", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self._on_print_action_triggered)
        file_menu.addAction(self.print_action)
        self.restore_action = QAction("&Restore from backup…", self)
        self.restore_action.triggered.connect(self._on_restore_action_triggered)
        file_menu.addAction(self.restore_action)
        self.report_action = QAction("&Visit report…", self)
        self.report_action.triggered.connect(self._on_report_action_triggered)
        file_menu.addAction(self.report_action)
        self.export_action = QAction("&Export diary log…", self)
        self.export_action.triggered.connect(self._on_export_action_triggered)
        file_menu.addAction(self.export_action)
        self.backup_status = BackupStatusLabel.install(
            self, file_menu, self._data_dir, self.service.now
        )
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        edit_menu.addAction(self.undo_action)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(redo)

        log_menu = self.menuBar().addMenu("&Log")
        for text, shortcut, slot in (
            ("Log a &temperature", "Ctrl+T", self.quick_entry.focus_temperature),
            ("Log a &symptom", "Ctrl+Y", self.quick_entry.focus_symptom),
            ("&Add to the diary…", "Ctrl+E", self._on_quick_entry_more_requested),
            ("Show the diary &log", "Ctrl+L", self._show_log),
            ("Show blood &counts", "Ctrl+B", self.show_counts),
            ("Add a &question for the team…", "Ctrl+K", self.ask_question),
            ("Show &appointments", "Ctrl+Shift+A", self.show_appointments),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            log_menu.addAction(action)
        self.log_temperature_action = log_menu.actions()[0]

        journey_menu = self.menuBar().addMenu("&Journey")
        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        journey_menu.addAction(self.settings_action)
        self.add_action = QAction("&Add another transplant…", self)
        self.add_action.triggered.connect(self._on_add_action_triggered)
        journey_menu.addAction(self.add_action)

        view_menu = self.menuBar().addMenu("&View")
        today_action = QAction("Go to &today", self)
        today_action.setShortcut(QKeySequence("Ctrl+Home"))
        today_action.triggered.connect(self.timeline.today_button.click)
        view_menu.addAction(today_action)
        for text, shortcut, button in (
            ("Zoom &in", QKeySequence.StandardKey.ZoomIn, self.timeline.zoom_in_button),
            ("Zoom &out", QKeySequence.StandardKey.ZoomOut, self.timeline.zoom_out_button),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(button.click)
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        about_action = QAction("&About Transplant Companion", self)
        about_action.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about_action)

    def refresh(self) -> None:
        selected = self.timeline.canvas.selected_day
        self.header.refresh()
        self.quick_entry.refresh()
        self.alert_card.refresh()
        self.timeline.refresh()
        self.timeline.canvas.select_day(selected)
        self.guide.show_day(self.timeline.canvas.selected_day)

    @Slot()
    def _on_canvas_first_painted(self) -> None:
        QTimer.singleShot(0, self, self.load_checklists)

    def load_checklists(self) -> None:
        """Fill what waits for the first frame: checklists, symptom list, entry marks."""
        self.guide.checklist.enable()
        self.timeline.canvas.refresh_progress()
        self.quick_entry.load_vocabulary(self.service.vocabulary)
        self.timeline.canvas.set_marks(self.service.day_marks())
        self.guide.enable_entries()

    @Slot(int)
    def _on_timeline_day_selected(self, day: int) -> None:
        self.guide.show_day(day)
        if self._counts_view is not None:
            self._counts_view.chart.update()

    @Slot(str)
    def _on_guide_phase_chosen(self, phase_id: str) -> None:
        """Select a day in that phase: today if it is in it, else the phase's first day."""
        phase = Phase(phase_id)
        canvas = self.timeline.canvas
        span = next((s for s in canvas.spans if s.phase is phase), None)
        if span is None:
            self.guide.show_phase(phase)
            return
        if span.contains(canvas.today_day):
            day = canvas.today_day
        elif span.first_day is None:
            day = span.last_day if span.last_day is not None else canvas.today_day
        else:
            day = span.first_day
        canvas.select_day(day)
        self.timeline.scroll_to_day(day)
        self.guide.show_day(day)

    def _on_diary_changed(self, changes: Changes) -> None:
        """One change notification: the header, card, guide, log and counts listen for
        themselves; the window keeps the timeline's phases, marks and progress."""
        if changes.touches("journey", "settings", "team"):
            self.refresh()
        if changes.checklist or changes.everything:
            self.timeline.canvas.refresh_progress()
        if changes.appointments and not changes.touches("journey", "settings", "team"):
            self.timeline.canvas.refresh_appointments()
            self.timeline.refresh_height()
        canvas = self.timeline.canvas
        if changes.everything or changes.entries_updated or changes.journey:
            canvas.set_marks(self.service.day_marks())
        else:
            for entry in changes.entries_added:
                canvas.bump_mark(entry.at.date(), +1)
            for entry in changes.entries_removed:
                canvas.bump_mark(entry.at.date(), -1)
            if changes.alerts:
                for day, (_, alerts) in self.service.day_marks().items():
                    if canvas.marks_on(self.service.active.day_number(day))[1] != alerts:
                        canvas.bump_mark(day, 0, alerts)

    @Slot()
    def _on_clock_timer_timeout(self) -> None:
        if self.service.today() != self._shown_date:
            self._shown_date = self.service.today()
            self.refresh()

    # The dialogs are imported when first used: they are not needed to show the window, and
    # every Qt class loaded before the first paint adds to start-up time.

    @Slot()
    def _on_settings_action_triggered(self) -> None:
        from companion.ui.settings_dialog import AddTransplantDialog, SettingsDialog

        if SettingsDialog.ask(self.diary, self):
            AddTransplantDialog.ask(self.diary, self)

    @Slot()
    def _on_add_action_triggered(self) -> None:
        from companion.ui.settings_dialog import AddTransplantDialog

        AddTransplantDialog.ask(self.diary, self)

    @Slot()
    def _on_print_action_triggered(self) -> None:
        self.open_print_dialog(self.guide.phase or Phase.PREPARATION)

    @Slot(str)
    def _on_checklist_print_requested(self, phase_id: str) -> None:
        self.open_print_dialog(Phase(phase_id))

    def open_print_dialog(self, phase: Phase) -> None:
        from companion.ui.print_dialog import PrintChecklistDialog

        PrintChecklistDialog(self.diary, phase, self).exec()

    LOG_TAB, COUNTS_TAB, APPOINTMENTS_TAB, QUESTIONS_TAB = 1, 2, 3, 4

    @property
    def appointments_view(self):
        """The appointments tab, built the first time it is needed."""
        if self._appointments_view is None:
            from companion.ui.appointments_view import AppointmentsView

            view = AppointmentsView(self.diary, self.undo_stack)
            view.export_requested.connect(self._on_appointments_export_requested)
            self._appointments_view = view
            self._replace_tab(self.APPOINTMENTS_TAB, view, "Appointments")
        return self._appointments_view

    @property
    def questions_view(self):
        """The questions notebook tab, built the first time it is needed."""
        if self._questions_view is None:
            from companion.ui.questions_notebook import QuestionsNotebook

            self._questions_view = QuestionsNotebook(self.diary, self.undo_stack)
            self._replace_tab(self.QUESTIONS_TAB, self._questions_view, "Questions")
        return self._questions_view

    def show_appointments(self) -> None:
        self.tabs.setCurrentWidget(self.appointments_view)
        self.appointments_view.table.setFocus()

    def ask_question(self) -> None:
        """Ctrl+K from anywhere: a box; type the question, press Enter."""
        from companion.ui.questions_notebook import QuickQuestionDialog

        said = QuickQuestionDialog.ask(self.diary, self.undo_stack, self)
        if said:
            self.statusBar().showMessage(said, 8000)

    @Slot()
    def _on_report_action_triggered(self) -> None:
        from companion.ui.report_dialog import VisitReportDialog

        VisitReportDialog(self.diary, self).exec()

    @Slot()
    def _on_appointments_export_requested(self) -> None:
        from companion.ui.export_dialog import export_calendar

        export_calendar(self.diary, self)

    @property
    def log_view(self):
        """The diary log tab, built the first time it is needed."""
        if self._log_view is None:
            from companion.ui.log_view import LogView

            view = LogView(self.diary)
            view.add_requested.connect(self._on_quick_entry_more_requested)
            view.edit_requested.connect(self._on_log_view_edit_requested)
            view.delete_requested.connect(self._on_log_view_delete_requested)
            view.export_requested.connect(self._on_export_action_triggered)
            self._log_view = view
            self._replace_tab(self.LOG_TAB, view, "Diary log")
        return self._log_view

    @property
    def counts_view(self):
        """The blood counts tab, built the first time it is needed."""
        if self._counts_view is None:
            from companion.ui.counts_view import CountsView

            view = CountsView(self.diary, self.timeline)
            view.day_selected.connect(self._on_counts_view_day_selected)
            self.timeline.canvas.zoomed.connect(view.axis_changed)
            self._counts_view = view
            self._replace_tab(self.COUNTS_TAB, view, "Blood counts and charts")
        return self._counts_view

    def _replace_tab(self, index: int, widget: QWidget, title: str) -> None:
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()

    def _show_log(self) -> None:
        self.tabs.setCurrentWidget(self.log_view)
        self.log_view.table.setFocus()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == self.LOG_TAB:
            self.log_view.ensure_loaded()
            self.tabs.setCurrentWidget(self.log_view)
        elif index == self.COUNTS_TAB:
            self.counts_view.ensure_loaded()
            self.tabs.setCurrentWidget(self.counts_view)
        elif index == self.APPOINTMENTS_TAB:
            self.tabs.setCurrentWidget(self.appointments_view)
        elif index == self.QUESTIONS_TAB:
            self.tabs.setCurrentWidget(self.questions_view)

    def show_counts(self) -> None:
        self.tabs.setCurrentWidget(self.counts_view)
        self.counts_view.ensure_loaded()

    @Slot(int)
    def _on_counts_view_day_selected(self, day: int) -> None:
        self.timeline.canvas.select_day(day)
        self.counts_view.chart.update()

    @Slot(object)
    def _on_alert_card_contacted(self, contact: Contact) -> None:
        self.undo_stack.push(ContactCommand(self.diary, contact))

    @Slot(object)
    def _on_quick_entry_temperature_logged(self, logged: Logged) -> None:
        """Schedule "check again" when the rules ask for it; any new reading replaces it."""
        self.reminders.after_temperature(logged, self.service.temperature_unit)

    @Slot(str)
    def _on_reminders_due(self, text: str) -> None:
        self.quick_entry.remind(text)
        self.reminder_shown.emit(text)

    @Slot(object)
    def _on_guide_day_entries_requested(self, day) -> None:
        self.log_view.show_day(day)
        self._show_log()

    @Slot()
    def _on_quick_entry_more_requested(self) -> None:
        from companion.ui.entry_dialog import EntryDialog

        logged = EntryDialog.ask(self.diary, parent=self)
        if logged is not None:
            self.quick_entry.say_saved(logged)
            if logged.entry.kind is EntryKind.TEMPERATURE:
                self.reminders.after_temperature(logged, self.service.temperature_unit)

    @Slot(object)
    def _on_log_view_edit_requested(self, entry) -> None:
        from companion.ui.entry_dialog import EntryDialog

        EntryDialog.ask(self.diary, entry, parent=self)

    @Slot(object)
    def _on_log_view_delete_requested(self, entry) -> None:
        self.undo_stack.push(DeleteEntryCommand(self.diary, entry))

    @Slot()
    def _on_export_action_triggered(self) -> None:
        from companion.ui.export_dialog import export_log

        export_log(self.diary, self)

    @Slot()
    def _on_restore_action_triggered(self) -> None:
        """Choose a backup; the window closes, the backup is checked and put in place (the
        current diary is kept in replaced/), and the diary opens again."""
        from companion.service.errors import StorageError
        from companion.service.files import BACKUP_DIR, check_backup
        from companion.ui.messages import Messages

        if not self._data_dir:
            Messages.info(self, "Restore from backup", "The sample diary has no backups.")
            return
        chosen = RestoreSeams.ask_backup(self, str(Path(self._data_dir) / BACKUP_DIR))
        if not chosen:
            return
        try:
            check_backup(Path(chosen))
        except StorageError as error:
            Messages.error(self, "This backup cannot be restored", str(error))
            return
        if RestoreSeams.confirm(self, Path(chosen).name):
            self.restore_request = Path(chosen)
            self.close()

    @Slot()
    def _on_about_action_triggered(self) -> None:
        from companion.ui.messages import Messages

        Messages.info(
            self,
            "About Transplant Companion",
            ABOUT.format(version=companion.__version__, folder=self._data_dir or "(demo)"),
        )
