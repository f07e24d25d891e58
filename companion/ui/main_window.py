"""The main window: pages with plain navigation, the alert card above every page.

One page at a time, chosen in the list on the left (or with Ctrl+1…9, or the Go menu):
Today (built at start-up), then the journey with its guides, the diary log, blood counts,
checklists and settings, each built the first time it is opened. Every page scrolls
vertically, so the window fits a 1024×600 netbook and grows with large text; the alert
card stays above the pages, compact, with its button always in view.

The window holds the parts together; they live in their own modules: the pages' list
(``pages.py``) and builders (``page_builders.py``), moving between them
(``navigation.py``), the window's place on screen (``window_place.py``), the menus as data
(``actions.py``), restoring a backup (``restore.py``), the language (``language.py``) and
what is set up once per process (``application.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import companion
from companion.domain.days import format_day
from companion.domain.entries import EntryKind
from companion.domain.journey import Phase
from companion.domain.team import AFTER_HOURS
from companion.i18n import N_, _, pgettext
from companion.service.changes import Changes
from companion.service.log import Contact, Logged
from companion.ui import access, preferences, typography, window_place
from companion.ui.alert_card import AlertCard
from companion.ui.application import finish_application, prepare_application
from companion.ui.diary import Diary
from companion.ui.navigation import Navigation
from companion.ui.page_builders import PageContext
from companion.ui.reminders import Reminders
from companion.ui.text import set_plain
from companion.ui.undo import DiaryUndo

ABOUT = N_(
    "Transplant Companion {version}\n\n"
    "A private diary and organiser for a stem cell transplant. It is not a doctor and does "
    "not replace your transplant team's advice. If you are worried, contact your team.\n\n"
    "Your diary is kept only on this computer, in:\n{folder}"
)
TIMELINE_KEYS = N_(
    "On the timeline and the charts: ← → move a day, Page Up and Page Down a week, Home "
    "goes to today. In the navigation list: ↑ ↓ change the page. In a list of choices: "
    "the arrow keys choose. Tab moves on, Shift+Tab back."
)


class MainWindow(QMainWindow):
    """Where the patient is today, the journey, the log, counts, checklists and settings.

    Signals:
        closed: the window closed (with a tray, the app keeps running).
        reminder_shown(str): a "check your temperature again" reminder fell due and is
            shown in the window (the application shows it in the tray too).
        first_painted: the window has been painted for the first time.
        page_shown(str): a page was shown (its key).
    """

    reminder_shown = Signal(str)
    closed = Signal()
    first_painted = Signal()
    page_shown = Signal(str)

    def __init__(
        self,
        diary: Diary,
        data_dir: str = "",
        title_suffix: str = "",
        reminders: Reminders | None = None,
    ) -> None:
        super().__init__()
        app = QApplication.instance()
        prepare_application(app)  # type: ignore[arg-type]
        size = preferences.text_size()
        if size != typography.text_size():
            typography.set_text_size(size)
        self.diary = diary
        self.service = diary.service
        # Owned by the application when there is one, so reminders outlive the window.
        self.reminders = reminders or Reminders(diary, None, self.service.now, self)
        self._data_dir = data_dir
        self.setWindowTitle(_("Transplant Companion") + title_suffix)
        self.setObjectName("main-window")
        self._undo_stack: DiaryUndo | None = None
        self.restore_request: Path | None = None
        self.quitting = False  # File → Quit: the app ends, even with a tray (issue 20)
        self._backup_status = None
        self._pending_day: int | None = None
        self.remember_place = True  # saved on close (not by --exit-after-paint)
        # Settings → Language → "Open in … now": the application builds the window again
        # in the chosen language (None: no application; the language is used next time).
        self.reopen_in_language: Callable[[str], None] | None = None

        # Built in screen order, so the focus order follows the screen: the card's button
        # first, then the page list, then the page.
        self.top_line = QLabel()
        self.top_line.setObjectName("where-now")
        self.top_line.setWordWrap(True)
        self.top_line.setTextFormat(Qt.TextFormat.PlainText)
        typography.role(self.top_line, bold=True)
        self.alert_card = AlertCard(diary)
        self.navigation = Navigation(PageContext(diary, data_dir, self), self)
        self.navigation.page_shown.connect(self._on_navigation_page_shown)
        self.nav = self.navigation.list
        self.stack = self.navigation.stack
        self.alert_card.focus_before = self.nav

        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        typography.spacing(layout, 0.4, margins=0.4)
        layout.addWidget(self.top_line)
        layout.addWidget(self.alert_card)
        body = QHBoxLayout()
        typography.spacing(body, 0.5)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        # The backup status joins the status bar (see add_status_widget).
        self.statusBar().hide()

        self.today_page = self.page("today")
        self.header = self.today_page.header
        self.quick_entry = self.today_page.quick_entry
        self.alert_card.refresh()  # an open alert shows in the very first frame
        self.nav.setCurrentRow(0)
        self.top_line.hide()  # the Today page says it in full
        self.navigation.connect_list()

        self.alert_card.contacted.connect(self._on_alert_card_contacted)
        self.alert_card.opening.connect(self._on_alert_card_opening)
        self.quick_entry.more_requested.connect(self._on_quick_entry_more_requested)
        self.quick_entry.temperature_logged.connect(self._on_quick_entry_temperature_logged)
        diary.changed.connect(self._on_diary_changed)
        self._menu_actions: dict[str, QAction] = {}
        self._guard = None  # actions.ShortcutGuard, with the menus
        self._show_where()

        # The day changes at midnight and the number to call at the office's hours, while
        # the window may stay open for days: the diary's one clock signal says when.
        diary.clock_moved.connect(self._on_diary_clock_moved)
        # "Check again in an hour": a visible reminder while the app runs.
        self.reminders.due.connect(self._on_reminders_due)

        # What waits for the first frame (the menus, the checklists, the symptom list, the
        # style's edges) fills in right after it, so the window appears as soon as possible.
        self.today_page.painted.connect(self._on_today_page_painted)
        self._painted = False
        first = (
            self.alert_card.contact_button if self.alert_card.level else self.quick_entry.temp_edit
        )
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.place_on_screen()

    # Pages (navigation.py moves between them, page_builders.py builds them) ---------------

    @property
    def _pages(self) -> dict[str, QWidget]:
        """The pages built so far, by key."""
        return self.navigation.pages

    def page(self, key: str) -> QWidget:
        """The page ``key``'s content, built the first time it is asked for."""
        return self.navigation.page(key)

    def show_page(self, key: str) -> QWidget:
        """Build (if need be) and show page ``key``; select it in the list."""
        return self.navigation.show_page(key)

    def current_page(self) -> str:
        return self.navigation.current_page()

    @Slot(str)
    def _on_navigation_page_shown(self, key: str) -> None:
        self._fit_card()  # the line above the pages but Today; each page's least height
        self.page_shown.emit(key)

    def take_pending_day(self) -> int | None:
        """The day the journey page opens on (chosen on the counts chart before it was
        built), once; None: today."""
        day, self._pending_day = self._pending_day, None
        return day

    @Slot()
    def _on_today_page_vaccines_requested(self) -> None:  # issue 21
        self.show_page("immunity")

    @property
    def journey_page(self):
        """The journey page: the timeline and the guide (built if it was not yet)."""
        return self.page("journey")

    @property
    def timeline(self):
        """The journey page's timeline (the page is built if it was not yet)."""
        return self.journey_page.timeline

    @property
    def guide(self):
        """The journey page's guide panel (the page is built if it was not yet)."""
        return self.journey_page.guide

    @property
    def log_view(self):
        return self.page("log")

    @property
    def counts_view(self):
        return self.page("counts")

    @property
    def checklists(self):
        return self.page("checklists")

    @property
    def settings_page(self):
        return self.page("settings")

    @property
    def appointments_view(self):
        return self.page("appointments").appointments

    @property
    def questions_view(self):
        return self.page("appointments").questions

    def show_appointments(self) -> None:
        self.show_page("appointments")
        self.appointments_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _on_show_appointments_action_triggered(self) -> None:
        self.show_appointments()

    @Slot()
    def _on_ask_question_action_triggered(self) -> None:
        """Ctrl+K from anywhere: a box; type the question, press Enter."""
        from companion.ui.questions_notebook import QuickQuestionDialog

        said = QuickQuestionDialog.ask(self.diary, self)
        if said:
            self.statusBar().showMessage(said, 8000)
            access.announce(self, said)

    @Slot()
    def _on_visit_report_action_triggered(self) -> None:
        from companion.ui.report_dialog import VisitReportDialog

        VisitReportDialog(self.diary, self).exec()

    @Slot()
    def _on_appointments_export_requested(self) -> None:
        from companion.ui.export_dialog import export_calendar

        export_calendar(self.diary, self)

    def show_counts(self) -> None:
        self.show_page("counts")

    def _show_log(self) -> None:
        self.show_page("log")
        self.log_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def backup_status(self):
        """The last good backup in the status bar, with File → Back up now (made just after
        the first frame, or when first asked for)."""
        if self._backup_status is None:
            from companion.ui.backup_status import BackupStatusLabel

            label = BackupStatusLabel(self._data_dir, self.service.now, self)
            label.action = self.menu_actions["back_up_now"]
            label.action.setEnabled(bool(self._data_dir))
            self.add_status_widget(label)
            self._backup_status = label
        return self._backup_status

    @Slot()
    def _on_back_up_now_action_triggered(self) -> None:
        self.backup_status.back_up_now()

    def add_status_widget(self, widget: QWidget) -> None:
        """A place at the bottom of the window for a lasting status (the storage branch's
        "Last backup: …" label); the status bar shows once something is in it."""
        self.statusBar().addPermanentWidget(widget, 1)
        self.statusBar().show()

    # Menus -----------------------------------------------------------------------------------

    @property
    def undo_stack(self) -> DiaryUndo:
        """Edit → Undo and Redo: the diary's own undo (made when first needed)."""
        if self._undo_stack is None:
            self._undo_stack = DiaryUndo(self.diary, self)
        return self._undo_stack

    @property
    def menu_actions(self) -> dict[str, QAction]:
        """Every action by its key (actions.py), the menus built if they were not yet."""
        self.ensure_menus()
        return self._menu_actions

    def ensure_menus(self) -> None:
        """The menus and the window's keys (built just after the first frame)."""
        if self._menu_actions:
            return
        from companion.ui.actions import ShortcutGuard

        self._build_menus()
        self._guard = ShortcutGuard(self._global_keys(), self)
        app = QApplication.instance()
        app.focusChanged.connect(self._on_app_focus_changed)  # type: ignore[union-attr]
        self._on_app_focus_changed(None, QApplication.focusWidget())

    def _build_menus(self) -> None:
        from companion.ui.actions import MENUS, SPECS, make_action

        actions = self._menu_actions
        for spec in SPECS.values():
            actions[spec.key] = make_action(spec, self, getattr(self, spec.slot))
        undo = self.undo_stack.create_undo_action(self, _("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.create_redo_action(self, _("&Redo"))
        # Not the platform's Redo: on Windows that is Ctrl+Y, which logs a symptom here.
        redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        actions["undo"], actions["redo"] = undo, redo
        actions.update(self.navigation.make_actions(self))
        sizes = QActionGroup(self)
        sizes.setExclusive(True)
        for percent in preferences.TEXT_SIZES:
            action = QAction(_("{percent} %").format(percent=percent), self)
            action.setObjectName(f"action-text-size-{percent}")
            action.setCheckable(True)
            action.setChecked(percent == typography.text_size())
            action.triggered.connect(lambda _checked=False, p=percent: self.set_text_size(p))
            sizes.addAction(action)
            actions[f"text_size:{percent}"] = action
        for _key, title, items in MENUS:
            menu = self.menuBar().addMenu(_(title))
            for item in items:
                if item is None:
                    if menu.actions() and not menu.actions()[-1].isSeparator():
                        menu.addSeparator()
                elif item == "text_size":
                    sub = menu.addMenu(_("Text &size"))
                    for percent in preferences.TEXT_SIZES:
                        sub.addAction(actions[f"text_size:{percent}"])
                elif item in actions:
                    menu.addAction(actions[item])
                # else: an action another branch adds (actions.MENUS says which)

    def _global_keys(self) -> dict:
        from companion.ui.actions import SPECS

        keys = {}
        for key, action in self._menu_actions.items():
            spec = SPECS.get(key)
            if (spec is not None and spec.global_keys) or key.startswith("page:"):
                for sequence in action.shortcuts():
                    if sequence.count() == 1:
                        keys[sequence[0]] = action
        return keys

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """A text field in this window gets the guard that lets the window's keys through."""
        typing = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox)
        if new is None or not isinstance(new, typing) or new.window() is not self:
            return
        if self._guard is None:
            return
        if not new.property("tcGuarded"):
            new.setProperty("tcGuarded", True)
            new.installEventFilter(self._guard)

    # Short names for the actions tests use.
    @property
    def print_action(self) -> QAction:
        return self.menu_actions["print"]

    @property
    def export_action(self) -> QAction:
        return self.menu_actions["export"]

    @property
    def undo_action(self) -> QAction:
        return self.menu_actions["undo"]

    @property
    def report_action(self) -> QAction:
        return self.menu_actions["visit_report"]

    # Text size and the window's place --------------------------------------------------------

    def set_text_size(self, percent: int) -> None:
        """View → Text size: every widget, the timeline and the charts follow at once; the
        size is remembered for next time."""
        typography.set_text_size(percent)
        preferences.set_text_size(percent)
        action = self.menu_actions.get(f"text_size:{percent}")
        if action is not None:
            action.setChecked(True)
        self.nav.fit_width()
        self._fit_card()
        access.announce(self, _("Text size {percent} %.").format(percent=percent))

    def place_on_screen(self) -> bool:
        """Where it was last time, if that still fits this screen (True); else the whole
        of the screen's free area (False)."""
        return window_place.place_on_screen(self)

    def show_on_screen(self) -> None:
        """Show the window where it was last time; or maximised, so that the window manager
        fits it, title bar and all, to the screen's free area."""
        if self.place_on_screen():
            self.show()
        else:
            self.showMaximized()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_frame)
        # A window manager tells the size of its title bar a little after the window shows.
        QTimer.singleShot(600, self, self._fit_frame)
        self._frame_checked = False

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        # A window manager places the window (and tells its frame) after it is shown.
        if not getattr(self, "_frame_checked", True):
            self._frame_checked = True
            QTimer.singleShot(0, self, self._fit_frame)

    def _fit_frame(self) -> None:
        window_place.fit_frame(self)

    def quit_app(self) -> None:
        """File → Quit: close, and (issue 20) do not stay in the tray either."""
        self.quitting = True
        self.close()

    def closeEvent(self, event) -> None:
        if self.remember_place:
            window_place.remember_place(self)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()  # issue 20: the application may keep running in the tray

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_card()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and hasattr(self, "navigation"):
            # The least heights changed (the card appeared, a page or the line above the
            # pages showed): the layout has just taken them in; the card's room follows.
            self._fit_card()
        return handled

    @Slot()
    def _on_alert_card_opening(self) -> None:
        self._fit_card(opening=True)

    def _fit_card(self, opening: bool = False) -> None:
        """The card takes a share of the window's height (see ``AlertCard.set_room``): the
        page below keeps room, and the card's own text scrolls inside it if need be. On a
        short screen the line above the pages gives way to the card: the card says whom to
        call now, in larger type."""
        card = self.alert_card
        wanted = self.navigation.current_page() != "today"
        if not opening and not card.isVisibleTo(self):
            # No card: nothing to share (and no measuring of the whole window's least size
            # at every layout request, such as each entry logged: 2–4 ms). A card about to
            # open asks first (``AlertCard.opening``).
            if self.top_line.isVisibleTo(self) != wanted:
                self.top_line.setVisible(wanted)
            return
        room = self._room_for_card()
        line = 0
        if wanted:
            central = self.centralWidget().layout()
            margins = central.contentsMargins()
            width = self.centralWidget().contentsRect().width() - margins.left() - margins.right()
            line = self.top_line.heightForWidth(width) + central.spacing()
            if card.isVisibleTo(self) and room - line < card.least_height():
                wanted, line = False, 0
        if self.top_line.isVisibleTo(self) != wanted:
            self.top_line.setVisible(wanted)
        card.set_room(self.height(), room - line)

    def _room_for_card(self) -> int:
        """The most the card (and the line above the pages) may take: the window's height
        (no more than its screen's free height) less the least the rest needs (menus, status
        bar, page list, the page shown). A taller card would raise the window's minimum past
        its screen (issue 23: 678 pixels on a 600-pixel screen at 200 % text)."""
        height = self.height()
        screen = self.screen()
        if screen is not None and not (self.isMaximized() or self.isFullScreen()):
            frame = max(self.frameGeometry().height() - height, 0)
            height = min(height, screen.availableGeometry().height() - frame)
        spacing = self.centralWidget().layout().spacing()
        rest = self.layout().totalMinimumSize().height()
        card = self.alert_card
        if card.isVisibleTo(self):  # as tall as its parts (it fixes its own height)
            rest -= card.minimumHeight() or card.minimumSizeHint().height()
        else:
            rest += spacing  # the gap the card brings with it
        if self.top_line.isVisibleTo(self):
            rest -= self.top_line.minimumSizeHint().height() + spacing
        return height - rest

    def minimumSizeHint(self) -> QSize:
        line = typography.line()
        return QSize(line * 24, line * 18)

    # First frame -----------------------------------------------------------------------------

    @Slot()
    def _on_today_page_painted(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.today_page.painted.disconnect(self._on_today_page_painted)
        QTimer.singleShot(0, self, self.load_checklists)
        self.first_painted.emit()

    def load_checklists(self) -> None:
        """Fill what waits for the first frame: the menus, today's checklist, the symptom
        list, the fields' edges and the focus ring; and say an open card aloud (the screen
        reader's connection is ready by now)."""
        self.ensure_menus()
        self.backup_status.refresh()
        self.today_page.load_deferred()
        finish_application(QApplication.instance(), self.alert_card)  # type: ignore[arg-type]
        self.alert_card.announce()
        self.check_reminders_reach()  # issue 20
        # The keyboard at the start where the eye is: at 200 % text on a 600-pixel screen
        # the temperature field sat below the page's edge, and "37" typed at once went
        # where nobody could see it. The page stays at its top (the day and the number to
        # call come first); the focus goes to the page list. Once the deferred parts are
        # laid out.
        QTimer.singleShot(0, self, self._keep_first_focus_in_sight)

    @Slot()
    def _keep_first_focus_in_sight(self) -> None:
        from companion.ui.scrolling import ScrollPage, page_of

        focused = self.focusWidget()
        if focused is not self.quick_entry.temp_edit:
            return  # the card's button (outside the pages), or the user went on already
        page = page_of(focused)
        if not isinstance(page, ScrollPage) or not focused.isVisible():
            return
        top = focused.mapTo(page.viewport(), focused.rect().topLeft()).y()
        if top < 0 or top + focused.height() > page.viewport().height():
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def check_reminders_reach(self) -> str:
        """Issue 20: say on the Today page when reminders cannot reach the patient."""
        from companion.ui.reach import reach_sentence_for

        sentence = reach_sentence_for(self.reminders)
        self.today_page.show_reach(sentence)
        return sentence

    # Refreshing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """After the date or the team's hours moved on: everything that shows the day."""
        self.today_page.refresh()
        self.alert_card.refresh()
        self._show_where()
        journey = self.navigation.built("journey")
        if journey is not None:
            journey.refresh()
        counts = self.navigation.built("counts")
        if counts is not None:
            counts.refresh()

    def _show_where(self) -> None:
        """The line above every page but Today: the day, the phase, the number to call."""
        status = self.service.transplants.status()
        day, phase = format_day(status.day), status.phase.title
        team = self.service.settings.team
        number = None
        if team is not None:
            label, number = team.number_now(self.service.now())
        if number and label == AFTER_HOURS:
            text = _("Today: {day} · {phase} · Your team now: {number} (after hours)").format(
                day=day, phase=phase, number=number
            )
        elif number:
            text = _("Today: {day} · {phase} · Your team now: {number} (office hours)").format(
                day=day, phase=phase, number=number
            )
        else:
            text = _("Today: {day} · {phase}").format(day=day, phase=phase)
        set_plain(self.top_line, text)

    def _on_diary_changed(self, changes: Changes) -> None:
        """One change notification: the pages (the timeline too) listen for themselves; the
        window keeps the line above the pages."""
        if changes.touches("journey", "settings", "team"):
            self._show_where()

    @Slot()
    def _on_diary_clock_moved(self) -> None:
        self.refresh()

    # The journey ------------------------------------------------------------------------------

    @Slot(int)
    def _on_journey_day_selected(self, day: int) -> None:
        counts = self.navigation.built("counts")
        if counts is not None:
            counts.select_day(day)

    @Slot(int)
    def _on_counts_view_day_selected(self, day: int) -> None:
        journey = self.navigation.built("journey")
        if journey is not None:
            journey.select_day(day)
        else:
            self._pending_day = day  # the journey page opens on it

    @Slot(object)
    def _on_guide_day_entries_requested(self, day) -> None:
        self.log_view.show_day(day)
        self._show_log()

    @Slot()
    def _on_today_page_checklist_requested(self) -> None:
        self.show_page("checklists")
        self.checklists.show_phase(self.service.transplants.status().phase)
        self.checklists.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # Action slots ---------------------------------------------------------------------------

    def _go_to(self, key: str) -> None:
        """Go menu and Ctrl+1…9: show the page, with the focus on its first control."""
        self.navigation.go_to(key)

    @Slot()
    def _on_log_temperature_action_triggered(self) -> None:
        self.show_page("today")
        self.quick_entry.focus_temperature()

    @Slot()
    def _on_log_symptom_action_triggered(self) -> None:
        self.show_page("today")
        self.quick_entry.focus_symptom()

    @Slot()
    def _on_add_counts_action_triggered(self) -> None:
        from companion.ui.counts_view import LabDialog

        self.show_page("counts")
        LabDialog(self.diary, self).exec()

    @Slot()
    def _on_go_today_action_triggered(self) -> None:
        self.show_page("journey")
        self.timeline.today_button.click()

    @Slot()
    def _on_zoom_in_action_triggered(self) -> None:
        self.show_page("journey")
        self.timeline.zoom_in_button.click()

    @Slot()
    def _on_zoom_out_action_triggered(self) -> None:
        self.show_page("journey")
        self.timeline.zoom_out_button.click()

    # The dialogs are imported when first used: they are not needed to show the window, and
    # every Qt class loaded before the first paint adds to start-up time.

    @Slot()
    def _on_settings_action_triggered(self) -> None:
        self.show_page("settings")
        self.settings_page.sections.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot(str)
    def _on_settings_language_changed(self, tag: str) -> None:
        """Settings asked for the window in another language now: the application builds
        the window again in it (``reopen_in_language``, set by the application)."""
        if self.reopen_in_language is not None:
            self.reopen_in_language(tag)
            return
        from companion.ui.messages import Messages

        Messages.info(
            self, _("Language"), _("The new language is used the next time you open the app.")
        )

    @Slot()
    def _on_add_action_triggered(self) -> None:
        from companion.ui.settings_dialog import AddTransplantDialog

        AddTransplantDialog.ask(self.diary, self)

    @Slot()
    def _on_print_action_triggered(self) -> None:
        checklists = self.navigation.built("checklists")
        phase = checklists.model.phase if checklists is not None else None
        self.open_print_dialog(phase or self.service.transplants.status().phase)

    @Slot(str)
    def _on_checklist_print_requested(self, phase_id: str) -> None:
        self.open_print_dialog(Phase(phase_id))

    def open_print_dialog(self, phase: Phase) -> None:
        from companion.ui.print_dialog import PrintChecklistDialog

        PrintChecklistDialog(self.diary, phase, self).exec()

    @Slot(object)
    def _on_alert_card_contacted(self, contact: Contact) -> None:
        access.announce(
            self,
            _("Recorded in your diary log. Edit, Undo brings the card back if you need it."),
        )

    @Slot(object)
    def _on_quick_entry_temperature_logged(self, logged: Logged) -> None:
        """Schedule "check again" when the rules ask for it; any new reading replaces it."""
        self.reminders.after_temperature(logged, self.service.settings.temperature_unit)

    @Slot(str)
    def _on_reminders_due(self, text: str) -> None:
        self.quick_entry.remind(text)
        self.reminder_shown.emit(text)

    @Slot()
    def _on_quick_entry_more_requested(self) -> None:
        from companion.ui.entry_dialog import EntryDialog

        logged = EntryDialog.ask(self.diary, parent=self)
        if logged is not None:
            self.quick_entry.say_saved(logged)
            if logged.entry.kind is EntryKind.TEMPERATURE:
                self.reminders.after_temperature(logged, self.service.settings.temperature_unit)

    @Slot(object)
    def _on_log_view_edit_requested(self, entry) -> None:
        from companion.ui.entry_dialog import EntryDialog

        EntryDialog.ask(self.diary, entry, parent=self)

    @Slot(object)
    def _on_log_view_delete_requested(self, entry) -> None:
        self.service.log.delete(entry.id)  # Edit → Undo brings it back (the diary's undo)
        self.log_view.say_deleted(entry)

    @Slot()
    def _on_export_action_triggered(self) -> None:
        from companion.ui.export_dialog import export_log

        export_log(self.diary, self)

    @Slot()
    def _on_restore_action_triggered(self) -> None:
        """Choose a backup; the window closes, the backup is checked and put in place (the
        current diary is kept in replaced/), and the diary opens again."""
        from companion.ui.restore import choose_backup

        chosen = choose_backup(self, self._data_dir)
        if chosen is not None:
            self.restore_request = chosen
            self.close()

    @Slot()
    def _on_shortcuts_action_triggered(self) -> None:
        from companion.ui.messages import Messages

        Messages.long_info(self, _("Keyboard shortcuts"), self.shortcuts_text())

    def shortcuts_text(self) -> str:
        """Every action with its keys, from the same tables the menus are built from."""
        lines = []
        for action in self.menu_actions.values():
            keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
            if keys:
                joined = pgettext("between two keys", " or ").join(keys)
                name = action.text().replace("&", "")
                lines.append(_("{action}: {keys}").format(action=name, keys=joined))
        return "\n".join([*lines, "", _(TIMELINE_KEYS)])

    @Slot()
    def _on_about_action_triggered(self) -> None:
        from companion.ui.messages import Messages

        Messages.long_info(
            self,
            _("About Transplant Companion"),
            _(ABOUT).format(
                version=companion.__version__, folder=self._data_dir or _("(sample diary)")
            ),
        )
