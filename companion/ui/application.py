"""The running app: it owns the open diary, the one-writer lock and the clock; the window is
a view of it, so reminders (and a tray icon) can live on without a window."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

import companion
from companion import desktop
from companion.i18n import _
from companion.service.diary import DiaryService
from companion.service.errors import REFUSED, FolderError, StorageError, WriteError
from companion.service.files import (
    LOCK_FILENAME,
    DiaryLock,
    LockError,
    daily_backup,
    db_path,
    ensure_data_dir,
    finish_interrupted_restore,
    interrupted_restore,
    protect_data_folder,
    tidy_data_folder,
)
from companion.ui import access, theme, typography
from companion.ui.diary import Diary

APP_ID = "TransplantCompanion"
USE_FOLDER_FILE = "use-folder.txt"
# How often to look for changes another program (the command line) made to the diary.
POLL_MS = 2000


# Once per process: the palette, the style, the screen reader's roles ---------------------

_PREPARED = [False]


def prepare_application(app: QApplication) -> None:
    """Once per process, before the first window: the accessible palette and the screen
    reader roles; follow the system's switch between light and dark."""
    if _PREPARED[0]:
        return
    _PREPARED[0] = True
    typography.base_font()  # the system font, before any text size is applied
    theme.apply_palette(app)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: _follow_system_palette(app))


_STYLED = [False]


def finish_application(app: QApplication, *widgets: QWidget) -> None:
    """Once per process, just after the first window appeared: the screen reader roles (for
    ``widgets`` too, if a screen reader already asked about them), the clear edges on fields
    (a style whose classes are slow to load) and the focus ring."""
    if _STYLED[0]:
        return
    _STYLED[0] = True
    access.install(*widgets)
    from companion.ui.style import AccessibleStyle

    app.setStyle(AccessibleStyle())
    access.install_focus_ring(app)


def _follow_system_palette(app: QApplication) -> None:
    theme.apply_palette(app)
    theme.refresh()


class Restart(Exception):
    """Open the app again on ``folder`` (after a restore, or a choice about a problem)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


class Application(QObject):
    """One open diary: the service, its Qt adapter, the lock, and the window over them.

    The date and the team's hours are watched by the diary's one clock signal
    (``Diary.clock_moved``), which the window follows.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: Callable[[], datetime],
        demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.demo = demo
        self.lock = DiaryLock(data_dir / LOCK_FILENAME)  # stale once its process is gone
        self.service: DiaryService | None = None
        self.diary: Diary | None = None
        self.window = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self.reminders = None  # issue 20: started once the diary is open
        self._tray = None
        self._restore_from: Path | None = None

    # Opening ------------------------------------------------------------------------------

    def open(self) -> int | None:
        """Take the lock and open the diary, asking for setup the first time. Returns an
        exit status to stop with, or None when the diary is open."""
        path = db_path(self.data_dir)
        protect_data_folder(self.data_dir)  # no export or PDF may be written onto it
        if self.data_dir.is_dir() and interrupted_restore(self.data_dir):
            if not self._take_lock():
                return 0
            if not self._finish_restore():
                return 1
        setup = None
        if not path.exists():
            # Ask first, so that cancelling leaves no folder and no file behind.
            setup = self._ask_setup()
            if setup is None:
                return 0
            try:
                ensure_data_dir(self.data_dir)
            except OSError as error:
                Messages.error(
                    None,
                    _("The diary folder cannot be created"),
                    _(
                        "{folder} cannot be created: {reason}. Please start the app with "
                        "--data-dir and a folder you can write to."
                    ).format(folder=self.data_dir, reason=error.strerror),
                )
                return 1
        if not self._take_lock():
            return 0
        tidy_data_folder(self.data_dir)  # what a killed run left half-written
        try:
            self.service = DiaryService.open(path, self.clock, read_only_if_unusable=True)
        except FolderError as error:
            Messages.error(None, _("Your diary could not be opened"), str(error))
            return 1
        except StorageError as error:
            self._problem(str(error))  # raises Restart for a way on
            return 1
        if self.service.unusable_rows:
            self._offer_fixes()
        if not self.service.transplants.is_set_up:
            setup = setup or self._ask_setup()
            if setup is None:
                return 0
            self.service.transplants.start(*setup)
        self.service.front_end = "window"  # for the journal
        self.diary = Diary(self.service, self)
        self._poll.start()
        self._start_reminders()
        return None

    def _offer_fixes(self) -> None:
        """Rows with a time the app cannot use (an earlier version could save them): the
        diary is open read-only. Offer to delete each; kept, the window opens read-only
        and every save says why (``companion fix`` can also give one its right time)."""
        from companion.ui.confirm import ConfirmDialog

        assert self.service is not None
        for row in self.service.unusable_rows:
            delete = ConfirmDialog.ask(
                None,
                _("A time in your diary needs correcting"),
                _(
                    "In your diary, {row}: a time the app cannot use (it keeps times from 1900 "
                    "to 2200). Nothing else is wrong, and nothing is lost.\n\n"
                    "Delete this {word}? Everything else stays as it is. If you keep it, the "
                    "diary opens read-only: you can read everything, but not save, until it "
                    "is corrected (command line: {command})."
                ).format(
                    row=row.describe(),
                    word=row.word,
                    command=f"companion fix {row.word} {row.row_id} --at …",
                ),
                _("Delete this {word}").format(word=row.word),
                _("Keep it, open read-only"),
            )
            if not delete:
                return
            try:
                self.service.fix_row(row.table, row.row_id)
            except StorageError as error:
                Messages.error(None, _("It was not deleted"), str(error))
                return

    def _take_lock(self) -> bool:
        """One writer: a second window on the same diary could overwrite the first one's
        work. False (the user told) when another window has it. Any other lock error, such
        as a read-only folder, is met and explained when the diary is opened."""
        if self.lock.is_locked:
            return True
        if self.lock.try_lock(0.2):
            return True
        if self.lock.error is LockError.HELD:
            Messages.info(
                None,
                _("Your diary is already open"),
                _(
                    "Transplant Companion is already open on this diary, in another window "
                    "(it may be minimised or behind other windows). Please use that window."
                ),
            )
            return False
        return True

    def _finish_restore(self) -> bool:
        """A restore a crash interrupted: finish it (or undo it) and say which."""
        try:
            outcome = finish_interrupted_restore(self.data_dir)
        except REFUSED as error:
            Messages.error(
                None,
                _("Restoring a backup was interrupted"),
                _(
                    "Restoring a backup was interrupted, and it cannot be finished now "
                    "({reason}). Nothing has been lost: the diary and the backup are both kept. "
                    "Please make sure the disk is connected and has space, then open the app "
                    "again."
                ).format(reason=error),
            )
            return False
        if outcome is not None:
            title = _("Backup restored") if outcome.finished else _("The backup was not restored")
            Messages.info(None, title, outcome.message)
        return True

    def _ask_setup(self):
        from companion.ui.setup_dialog import SetupDialog

        return SetupDialog.ask(self.clock().date())

    def _problem(self, message: str) -> None:
        """The diary cannot be opened (damaged, foreign, newer): explain, and offer a way on.
        The file is never written, moved or deleted here."""
        from companion.service.files import newest_backup, restore
        from companion.ui.problem_dialog import ProblemChoice, ProblemDialog

        newest = newest_backup(self.data_dir)
        choice, folder = ProblemDialog.ask(message, newest)
        if choice is ProblemChoice.RESTORE and newest is not None:
            try:
                kept = restore(self.data_dir, newest)
            except StorageError as error:
                Messages.error(None, _("The backup was not restored"), str(error))
                return
            Messages.info(
                None,
                _("Backup restored"),
                _(
                    "Your diary is now the backup {name}. The file that could not be opened "
                    "is kept, unchanged, in {folder}."
                ).format(name=newest.name, folder=kept),
            )
            raise Restart(self.data_dir)
        if choice is ProblemChoice.OTHER_FOLDER and folder is not None:
            raise Restart(folder)
        if choice is ProblemChoice.NEW_BESIDE:
            name = _("{folder} (new diary {date})").format(
                folder=self.data_dir.name, date=date.today().isoformat()
            )
            new_folder = self.data_dir.parent / name
            (self.data_dir / USE_FOLDER_FILE).write_text(str(new_folder), encoding="utf-8")
            raise Restart(new_folder)

    def close(self) -> None:
        self._poll.stop()
        self._stop_reminders()
        if self.service is not None:
            self.service.close()
            self.service = None
        self.lock.unlock()

    # The window ---------------------------------------------------------------------------

    def show_window(self):
        from companion.ui.main_window import MainWindow

        assert self.diary is not None
        suffix = _(" — sample diary (nothing you change is kept)") if self.demo else ""
        if self.service is not None and self.service.read_only:
            row = self.service.unusable_rows[0]
            suffix += _(" — read-only until {what} {number} is corrected").format(
                what=row.what, number=row.row_id
            )
        self.window = MainWindow(
            self.diary, "" if self.demo else str(self.data_dir), suffix, self.reminders
        )
        self.window.closed.connect(self._on_window_closed)  # issue 20: close to the tray
        self.window.reopen_in_language = self.reopen_in_language
        self.window.show_on_screen()
        return self.window

    def reopen_in_language(self, tag: str) -> None:
        """Settings → Language: the window again, built in ``tag``, on the same page; the
        diary, its reminders and the tray stay open (nothing is restarted)."""
        from companion.ui import language, window_place

        old = self.window
        if old is None:
            return
        language.apply(tag)
        page = old.current_page()
        window_place.remember_place(old)  # the new window opens where this one is
        old.closed.disconnect(self._on_window_closed)
        self.window = None
        window = self._open_window()  # before the old one closes: the app keeps running
        window.show_page(page)
        old.remember_place = False
        old.close()
        old.deleteLater()

    def run_once_painted(self) -> None:
        """For benchmarks/startup.py: show the window, wait for its first paint, close."""
        import shiboken6

        window = self.show_window()
        loop = QEventLoop()
        window.first_painted.connect(loop.quit)
        loop.exec()
        window.remember_place = False  # a timing or smoke run leaves no settings behind
        window.close()
        shiboken6.delete(window)  # before the diary closes: nothing may use it after
        self.window = None

    def run(self, app: QApplication, tray_only: bool = False) -> int:
        """Show the window and run until it closes — or, with a tray, until Quit in the
        tray's menu (``tray_only``: start in the tray, as at login); restore a backup if
        the window asked to."""
        import shiboken6

        tray = self._start_tray(app)
        if not (tray_only and tray):
            self._open_window()
        else:
            self._poll.stop()  # no window: the reminders' timer looks (at most once a minute)
        code = app.exec()
        if self.window is not None:
            self._restore_from = self.window.restore_request or self._restore_from
            shiboken6.delete(self.window)
            self.window = None
        if self._tray is not None:
            self._tray.hide()
        if self._restore_from is not None:
            self._restore(self._restore_from)
        return code

    def _open_window(self):
        window = self.show_window()
        if not self.demo:
            window.first_painted.connect(self._on_window_first_painted)
        return window

    def _restore(self, backup: Path) -> None:
        """Put ``backup`` in place, holding the lock throughout (only the diary is closed),
        then open the app again."""
        from companion.service.files import restore

        self._poll.stop()
        if self.service is not None:
            self.service.close()
            self.service = None
        try:
            kept = restore(self.data_dir, backup)
        except StorageError as error:
            Messages.error(None, _("The backup was not restored"), str(error))
        else:
            text = (
                _("Your diary is now the backup {name}. The diary it replaced is kept in {folder}.")
                if kept
                else _("Your diary is now the backup {name}.")
            )
            Messages.info(None, _("Backup restored"), text.format(name=backup.name, folder=kept))
        raise Restart(self.data_dir)

    @Slot()
    def _on_window_first_painted(self) -> None:
        QTimer.singleShot(0, self, self._backup_once_a_day)

    def _backup_once_a_day(self) -> None:
        """Once a day, after the window has appeared: what was deleted more than the undo
        days ago is erased (so the copy does not keep it), then a copy in backups/, rotated
        (not while the diary is read-only: a copy of it would not check out)."""
        if self.service is not None and self.service.read_only:
            return
        if self.service is not None:
            # A read-only folder, a full disk: erasing is tried again next time.
            with contextlib.suppress(*REFUSED):
                self.service.erase_expired()
        try:
            daily_backup(self.data_dir, self.clock().date())
        except REFUSED as error:
            Messages.error(
                self.window,
                _("Today's backup could not be made"),
                _(
                    "The daily copy of your diary could not be saved ({reason}). Your diary "
                    "itself is unchanged. If the disk is full, free some space."
                ).format(reason=error),
            )
        finally:
            status = getattr(self.window, "backup_status", None)
            if status is not None:
                status.refresh()

    # Reminders, the tray and closing to the tray (issue 20) --------------------------------

    def _start_reminders(self) -> None:
        """Reminders read the core schedule and live as long as the diary is open."""
        from companion.ui.notifications import FreedesktopNotifications, Notifications
        from companion.ui.reminders import Reminders

        assert self.diary is not None
        sender = Notifications() if self.demo else FreedesktopNotifications()
        self.reminders = Reminders(self.diary, sender, self.clock, self)
        self.reminders.ticked.connect(self._on_poll_timeout)
        self.reminders.open_requested.connect(self.open_from_tray)
        self.reminders.start()

    def _stop_reminders(self) -> None:
        if self.reminders is not None:
            self.reminders.stop()
            self.reminders.notifications.close()

    def _start_tray(self, app: QApplication) -> bool:
        """Where the desktop shows a tray: an icon, and closing the window leaves the app
        running there. The first time, the app also starts at login (Settings switches
        it off)."""
        from PySide6.QtWidgets import QSystemTrayIcon

        if self.reminders is None or not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        from companion.ui.tray import TrayIcon

        self._tray = TrayIcon(self.reminders, self)
        self._tray.open_requested.connect(self.open_from_tray)
        self._tray.quit_requested.connect(app.quit)
        self._tray.show()
        app.setQuitOnLastWindowClosed(False)
        if not self.demo:
            self._autostart_first_time()
        return True

    def _autostart_first_time(self) -> None:
        from companion import autostart
        from companion.service.medicines import AUTOSTART_KEY

        assert self.service is not None
        if self.service.settings.preference(AUTOSTART_KEY, "") != "":
            return
        from companion.ui.confirm import ConfirmDialog

        # Asked once, never switched on behind the patient's back (try-out finding 9).
        on = ConfirmDialog.ask(
            self.window,
            _("Start when you log in?"),
            _(
                "Start Transplant Companion when you log in? It waits in the tray, so medicine "
                "reminders come even with the window closed. You can change this later on the "
                "Medicines page, under Reminders."
            ),
            _("Start when I log in"),
            _("Not now"),
        )
        if on:
            with contextlib.suppress(OSError):
                autostart.set_enabled(True, autostart.launcher(self.data_dir))
        self.service.settings.save(preferences={AUTOSTART_KEY: "on" if on else "off"})

    @property
    def tray(self):
        return self._tray

    @Slot()
    def open_from_tray(self) -> None:
        if self.window is None:
            self._open_window()
            self._poll.start()
        else:
            self.window.show_on_screen()
            self.window.raise_()
            self.window.activateWindow()

    @Slot()
    def _on_window_closed(self) -> None:
        """With a tray the app stays: the window goes (its memory too) and the diary is
        looked at only when the reminders' timer wakes (at most once a minute)."""
        window = self.window
        if window is None or self._tray is None:
            return  # no tray: the last window closing ends the app, as before
        if window.restore_request is not None or window.quitting:
            self._restore_from = window.restore_request
            QApplication.quit()
            return
        self._poll.stop()
        self.window = None
        window.deleteLater()

    @Slot()
    def _on_poll_timeout(self) -> None:
        if self.diary is not None:
            self.diary.check_for_changes_elsewhere()


def run_gui(args, data_dir: Path, clock: Callable[[], datetime], demo: bool) -> int:
    """Open the window; after "Restore from backup…" or a choice made on a problem with the
    diary, open it again."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(companion.__version__)
    from companion.ui import language

    # Before any dialog or window: --lang, else the language chosen in the app, else the
    # system's; Qt's own buttons and dialogs follow it.
    language.start(getattr(args, "lang", None))
    desktop.prepare_application(app)  # window icon; docks match the desktop entry
    _install_excepthook()
    while True:
        application = Application(data_dir, clock, demo)
        try:
            status = application.open()
            if status is not None:
                return status
            if args.exit_after_paint:
                application.run_once_painted()
                return 0
            return application.run(app, tray_only=bool(getattr(args, "tray", False)))
        except Restart as restart:
            data_dir = restart.folder
        finally:
            application.close()
            application.deleteLater()


def _install_excepthook() -> None:
    """A write the computer refused (disk full…) anywhere in the UI: say so, keep running."""
    previous = sys.excepthook
    if getattr(previous, "_companion", False):
        return

    def hook(kind, value, traceback) -> None:
        if isinstance(value, WriteError):
            Messages.error(None, _("Not saved"), str(value))
            return
        previous(kind, value, traceback)

    hook._companion = True  # type: ignore[attr-defined]
    sys.excepthook = hook


class _LazyMessages:
    """``Messages`` from companion.ui.messages, loaded when first needed: message boxes are
    for problems, not for every start (QMessageBox is slow to load)."""

    def __getattr__(self, name: str):
        from companion.ui.messages import Messages as real

        return getattr(real, name)


Messages = _LazyMessages()
