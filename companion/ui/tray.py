"""The tray icon that keeps the app running with the window closed (issue 20): its menu
opens the window, records a dose due now as taken, or quits."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from companion.domain.medicine_words import hhmm
from companion.domain.schedule import ReminderKind
from companion.i18n import _
from companion.ui.reminders import Reminders


class TrayIcon(QObject):
    """A QSystemTrayIcon with the app's menu.

    Signals:
        open_requested: "Open Transplant Companion" (or a click on the icon).
        quit_requested: "Quit" (reminders stop until the app is opened again).
    """

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, reminders: Reminders, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reminders = reminders
        app = QApplication.instance()
        icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(_("Transplant Companion — reminders are on"))
        self.menu = QMenu()
        self.menu.setAccessibleName(_("Transplant Companion"))
        self.open_action = QAction(_("Open Transplant Companion"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.take_menu = QMenu(_("Take now"), self.menu)
        self.take_menu.setAccessibleName(_("Take now: doses due"))
        self.quit_action = QAction(_("Quit (no more reminders until opened again)"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addMenu(self.take_menu)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.refresh_take_menu()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def refresh_take_menu(self) -> list[QAction]:
        """One action per dose due now: "Taken: Tacrolimus 2 mg (08:00)"."""
        self.take_menu.clear()
        actions = []
        due = self._reminders.service.schedule.due()
        for reminder in due:
            if reminder.kind is not ReminderKind.DOSE or reminder.dose is None:
                continue
            dose = reminder.dose
            said = _("Taken: {medicine} {dose} ({time})").format(
                medicine=dose.name, dose=dose.dose, time=hhmm(dose.due)
            )
            action = QAction(said, self.take_menu)
            action.triggered.connect(
                lambda _checked=False, key=reminder.key: self._reminders.take_now(key)
            )
            self.take_menu.addAction(action)
            actions.append(action)
        if not actions:
            nothing = QAction(_("No dose is due now"), self.take_menu)
            nothing.setEnabled(False)
            self.take_menu.addAction(nothing)
        return actions

    @Slot()
    def _on_menu_about_to_show(self) -> None:
        self.refresh_take_menu()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()
