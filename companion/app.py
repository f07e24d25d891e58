"""Composition root: parse the command line, open the diary, build the window."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

import companion
from companion import desktop
from companion.domain.journey import Phase

DESCRIPTION = (
    "Transplant Companion: a private diary and organiser for a stem cell transplant. "
    "With no command, it opens the app window."
)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YEAR-MONTH-DAY, for example 2026-05-03"
        ) from None


PHASE_CHOICES = (*(phase.value for phase in Phase), "all")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="companion", description=DESCRIPTION)
    parser.add_argument(
        "--version", action="version", version=f"Transplant Companion {companion.__version__}"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="keep the diary in DIR instead of your usual app data folder",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        help="open a sample diary (a donor transplant, around Day +12) in a throwaway "
        "folder; your own diary is not touched",
    )
    # For screenshots and for looking ahead: pretend today is another date.
    parser.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)
    # For benchmarks/startup.py: quit as soon as the main window has painted.
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("open", help="open the app window (the default)")
    commands.add_parser(
        "today", help="print today's day number, phase and your team's numbers, then exit"
    )
    checklist = commands.add_parser(
        "checklist",
        help="save a phase checklist as a PDF to print (works without a screen)",
        description="Save a phase checklist, or all of them, as a PDF for printing.",
    )
    checklist.add_argument(
        "--phase",
        required=True,
        metavar="PHASE",
        help=f"one of: {', '.join(PHASE_CHOICES)} (all = every phase, each on new pages)",
    )
    checklist.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    checklist.add_argument(
        "--blank", action="store_true", help="empty boxes, for a fresh sheet (default: your ticks)"
    )
    export = commands.add_parser(
        "export", help="write the diary log to a CSV file, one row per entry"
    )
    export.add_argument("--csv", required=True, type=Path, metavar="FILE.csv")
    backup = commands.add_parser(
        "backup", help="write a copy of the diary (a consistent SQLite file) to FILE"
    )
    backup.add_argument("--output", required=True, type=Path, metavar="FILE")
    restore = commands.add_parser(
        "restore",
        help="check a backup FILE and put it in place of the diary; the diary it replaces is "
        "kept in the 'replaced' folder",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    desktop.add_commands(commands)
    return parser


def _clock(fixed: date | None) -> Callable[[], datetime]:
    if fixed is None:
        return lambda: datetime.now().astimezone()
    return lambda: datetime.combine(fixed, datetime.now().time()).astimezone()


APP_ID = "TransplantCompanion"


def default_data_dir() -> Path:
    """The platform's per-user application data folder, from Qt's QStandardPaths.

    Linux: ~/.local/share/TransplantCompanion; macOS: ~/Library/Application Support/
    TransplantCompanion; Windows: %LOCALAPPDATA%\\TransplantCompanion.
    """
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setOrganizationName("")
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    return Path(QStandardPaths.writableLocation(location))


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return args.data_dir.expanduser()
    folder = default_data_dir()
    # After "start a new diary beside it", the default folder points to the new one (the
    # damaged diary stays where it was, untouched).
    pointer = folder / "use-folder.txt"
    if pointer.is_file():
        chosen = Path(pointer.read_text(encoding="utf-8").strip())
        if chosen.is_absolute():
            return chosen
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "open") and (reason := desktop.no_display_reason()):
        print(reason, file=sys.stderr)  # rather than Qt's abort about a missing xcb library
        return 1
    clock = _clock(args.today)
    demo_dir: Path | None = None
    try:
        if args.demo:
            import tempfile

            from companion.storage.demo import create_demo

            demo_dir = Path(tempfile.mkdtemp(prefix="transplant-companion-demo-"))
            create_demo(demo_dir, clock().date())
            data_dir = demo_dir
        else:
            data_dir = _data_dir(args)
        if args.command in COMMANDS:
            try:
                return COMMANDS[args.command](args, data_dir, clock)
            except _CommandFailed:
                return 1
        return _run_gui(args, data_dir, clock, demo=demo_dir is not None)
    finally:
        if demo_dir is not None:
            import shutil

            shutil.rmtree(demo_dir, ignore_errors=True)


class _CommandFailed(Exception):
    """A command was refused; its one-line reason is already on stderr (exit status 1)."""


@contextlib.contextmanager
def _explained(failed: str):
    """Around a command's work: a refusal prints one plain line, never a traceback."""
    import sqlite3

    from companion.storage.db import StorageError

    try:
        yield
    except StorageError as error:  # our own refusals say what to do already
        print(str(error), file=sys.stderr)
        raise _CommandFailed from None
    except (OSError, sqlite3.Error) as error:
        print(f"{failed}: {getattr(error, 'strerror', None) or error}.", file=sys.stderr)
        raise _CommandFailed from None


def _diary_lock(data_dir: Path):
    """The lock that lets only one program write the diary; a crashed run's is recovered."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(data_dir / "companion.lock"))
    lock.setStaleLockTime(0)  # stale once its process is gone
    return lock


def _open_for_command(data_dir: Path):
    """The diary for a command-line command, or None after saying why on stderr."""
    from companion.storage.db import StorageError, open_db
    from companion.storage.paths import db_path

    path = db_path(data_dir)
    if not path.exists():
        print(f"No diary in {data_dir} yet. Open the app once to set it up.", file=sys.stderr)
        return None
    try:
        return open_db(path)
    except StorageError as error:
        print(str(error), file=sys.stderr)
        return None


def _print_today(_args: argparse.Namespace, data_dir: Path, clock) -> int:
    from companion.domain.days import format_date, format_day
    from companion.storage.journey_repository import JourneyRepository, SettingsRepository

    db = _open_for_command(data_dir)
    if db is None:
        return 1
    try:
        repo = JourneyRepository(db)
        journey, team = repo.load_journey(), repo.load_team()
        numbers = SettingsRepository(db).numbers()
    finally:
        db.close()
    if journey is None:
        print("The diary is not set up yet. Open the app once to set it up.", file=sys.stderr)
        return 1
    now = clock()
    transplant = journey.active(now.date())
    phase = transplant.phase_on(now.date(), now.date(), numbers)
    print(f"Today is {format_day(transplant.day_number(now.date()))} · {phase.title}")
    print(f"{format_date(now.date())}; Day 0: {format_date(transplant.day0)}")
    if team is not None:
        label, number = team.number_now(now)
        print(f"Your transplant team ({label.lower()}): {number}")
    return 0


def _save_checklist(args: argparse.Namespace, data_dir: Path, clock: Callable[[], datetime]) -> int:
    """``checklist --phase PHASE --output FILE.pdf [--blank]``: no screen needed."""
    if args.phase not in PHASE_CHOICES:
        print(
            f"Unknown phase {args.phase!r}. Choose one of: {', '.join(PHASE_CHOICES)}.",
            file=sys.stderr,
        )
        return 2
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.checklist_data import build_sheet
    from companion.printing.pdf import check_output, write_sheet_pdf
    from companion.storage.db import open_db
    from companion.storage.paths import db_path

    with _explained(f"Could not write {args.output}"):
        output = check_output(args.output)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    phases = list(Phase) if args.phase == "all" else [Phase(args.phase)]
    path = db_path(data_dir)
    db = None
    try:
        with _explained(f"Could not write {output}"):
            if path.exists():
                db = open_db(path)
            sheet = build_sheet(db, phases, clock().date(), blank=args.blank)
            pages = write_sheet_pdf(sheet, output)
    finally:
        if db is not None:
            db.close()
    generic = "" if sheet.kind else " (a general sheet: no diary is set up here)"
    print(f"Saved {pages} page{'s' if pages != 1 else ''} to {output}{generic}.")
    return 0


def _backup(args: argparse.Namespace, data_dir: Path, _clock=None) -> int:
    """``backup --output FILE``: a consistent, private copy of the diary."""
    from companion.storage.backup import backup_to

    with _explained(f"Could not write {args.output}"):
        written = backup_to(data_dir, args.output)
    print(f"Backed up the diary to {written}.")
    return 0


def _restore(args: argparse.Namespace, data_dir: Path, _clock=None) -> int:
    """``restore FILE``: check the backup, keep the current diary, put the backup in place."""
    from companion.storage.backup import restore

    if not data_dir.is_dir():
        print(f"There is no diary folder {data_dir}.", file=sys.stderr)
        return 1
    lock = _diary_lock(data_dir)
    if not lock.tryLock(200):
        print("The diary is open in Transplant Companion. Close it, then restore.", file=sys.stderr)
        return 1
    try:
        with _explained("The backup was not restored"):
            kept = restore(data_dir, args.file)
    finally:
        lock.unlock()
    print(f"Restored {args.file}." + (f" The diary it replaced is kept in {kept}." if kept else ""))
    return 0


def _export(args: argparse.Namespace, data_dir: Path, _clock=None) -> int:
    """``export --csv FILE``: the log as CSV, one row per entry."""
    from companion.domain.entries import TemperatureUnit
    from companion.storage.export import export_csv
    from companion.storage.preferences import PreferencesRepository

    db = _open_for_command(data_dir)
    if db is None:
        return 1
    try:
        with _explained(f"Could not write {args.csv}"):
            unit = TemperatureUnit(PreferencesRepository(db).get("temperature_unit", "C"))
            rows = export_csv(db, args.csv, unit)
    finally:
        db.close()
    print(f"Wrote {rows} entr{'y' if rows == 1 else 'ies'} to {args.csv}.")
    return 0


COMMANDS = {
    "today": _print_today,
    "checklist": _save_checklist,
    "export": _export,
    "backup": _backup,
    "restore": _restore,
    **desktop.COMMANDS,
}


def _on_window_shown(window: object) -> None:
    """Called once the main window is shown: a seam for tests to look at what the user sees."""


RESTART = "restart"
USE_FOLDER_FILE = "use-folder.txt"


def _run_gui(
    args: argparse.Namespace, data_dir: Path, clock: Callable[[], datetime], demo: bool
) -> int:
    """Open the window; after "Restore from backup…" or a choice made on a problem with the
    diary, open it again (the loop)."""
    while True:
        result = _open_window(args, data_dir, clock, demo)
        if isinstance(result, tuple) and result[0] == RESTART:
            data_dir = result[1]
            continue
        return int(result)


def _open_window(args, data_dir: Path, clock, demo: bool):
    import shiboken6
    from PySide6.QtCore import QEventLoop, QLockFile, QTimer
    from PySide6.QtWidgets import QApplication

    from companion.storage.db import FolderError, StorageError, open_db
    from companion.storage.paths import db_path, ensure_data_dir
    from companion.ui.diary import Diary
    from companion.ui.main_window import MainWindow
    from companion.ui.messages import Messages

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(companion.__version__)
    desktop.prepare_application(app)  # window icon; docks match the desktop entry
    _install_excepthook()

    def ask_setup():
        from companion.ui.setup_dialog import SetupDialog

        return SetupDialog.ask(clock().date())

    path = db_path(data_dir)
    setup = None
    if not path.exists():
        # Ask first, so that cancelling leaves no folder and no file behind.
        setup = ask_setup()
        if setup is None:
            return 0
        try:
            ensure_data_dir(data_dir)
        except OSError as error:
            Messages.error(
                None,
                "The diary folder cannot be created",
                f"{data_dir} cannot be created: {error.strerror}. Please start the app with "
                "--data-dir and a folder you can write to.",
            )
            return 1
    # One writer: a second window on the same diary could overwrite the first one's work.
    lock = _diary_lock(data_dir)
    # (Any other lock error, such as a read-only folder, is met and explained by open_db.)
    if not lock.tryLock(200) and lock.error() == QLockFile.LockError.LockFailedError:
        Messages.info(
            None,
            "Your diary is already open",
            "Transplant Companion is already open on this diary, in another window "
            "(it may be minimised or behind other windows). Please use that window.",
        )
        return 0
    try:
        try:
            db = open_db(path)
        except FolderError as error:
            Messages.error(None, "Your diary could not be opened", str(error))
            return 1
        except StorageError as error:
            choice = _problem_choice(data_dir, str(error))
            return choice if choice is not None else 1
        try:
            diary = Diary(db, clock)
            if diary.journey is None:
                setup = setup or ask_setup()
                if setup is None:
                    return 0
                diary.start(*setup)
            suffix = " — sample diary (nothing you change is kept)" if demo else ""
            window = MainWindow(diary, str(data_dir) if not demo else "", suffix)
            if args.exit_after_paint:
                # A local loop rather than app.exec()/quit(): quitting the application marks
                # it as closing, which an embedding process (the tests) would inherit.
                loop = QEventLoop()
                window.timeline.canvas.first_painted.connect(loop.quit)
                window.show()
                _on_window_shown(window)
                loop.exec()
                window.close()
                shiboken6.delete(window)  # before the diary closes: nothing may use it after
                return 0
            if not demo:
                window.timeline.canvas.first_painted.connect(
                    lambda: QTimer.singleShot(
                        0, window, lambda: _daily_backup(data_dir, clock().date(), window)
                    )
                )
            window.show()
            _on_window_shown(window)
            code = app.exec()
            restore_from = window.restore_request
            shiboken6.delete(window)
        finally:
            db.close()
        if restore_from is not None:
            from companion.storage.backup import restore

            try:
                kept = restore(data_dir, restore_from)
            except StorageError as error:
                Messages.error(None, "The backup was not restored", str(error))
            else:
                Messages.info(
                    None,
                    "Backup restored",
                    f"Your diary is now the backup {restore_from.name}."
                    + (f" The diary it replaced is kept in {kept}." if kept else ""),
                )
            return (RESTART, data_dir)
        return code
    finally:
        lock.unlock()


def _daily_backup(data_dir: Path, today, parent) -> None:
    """Once a day, after the window has appeared: a copy in backups/, rotated."""
    import sqlite3

    from companion.storage.backup import daily_backup
    from companion.storage.db import StorageError
    from companion.ui.messages import Messages

    try:
        daily_backup(data_dir, today)
    except (OSError, sqlite3.Error, StorageError) as error:
        Messages.error(
            parent,
            "Today's backup could not be made",
            f"The daily copy of your diary could not be saved ({error}). Your diary itself "
            "is safe. If the disk is full, free some space.",
        )


def _problem_choice(data_dir: Path, message: str):
    """The diary cannot be opened (damaged, foreign, newer): explain, and offer a way on.
    Returns (RESTART, folder) for the user's choice, or None to quit. The file is never
    written, moved or deleted here."""
    from companion.storage.backup import newest_backup, restore
    from companion.storage.db import StorageError
    from companion.ui.messages import Messages
    from companion.ui.problem_dialog import ProblemChoice, ProblemDialog

    newest = newest_backup(data_dir)
    choice, folder = ProblemDialog.ask(message, newest)
    if choice is ProblemChoice.RESTORE and newest is not None:
        try:
            kept = restore(data_dir, newest)
        except StorageError as error:
            Messages.error(None, "The backup was not restored", str(error))
            return None
        Messages.info(
            None,
            "Backup restored",
            f"Your diary is now the backup {newest.name}. The file that could not be opened "
            f"is kept, unchanged, in {kept}.",
        )
        return (RESTART, data_dir)
    if choice is ProblemChoice.OTHER_FOLDER and folder is not None:
        return (RESTART, folder)
    if choice is ProblemChoice.NEW_BESIDE:
        new_folder = data_dir.parent / f"{data_dir.name} (new diary {date.today().isoformat()})"
        (data_dir / USE_FOLDER_FILE).write_text(str(new_folder), encoding="utf-8")
        return (RESTART, new_folder)
    return None


def _install_excepthook() -> None:
    """A write the computer refused (disk full…) anywhere in the UI: say so, keep running."""
    from companion.storage.db import WriteError

    previous = sys.excepthook
    if getattr(previous, "_companion", False):
        return

    def hook(kind, value, traceback) -> None:
        if isinstance(value, WriteError):
            from companion.ui.messages import Messages

            Messages.error(None, "Not saved", str(value))
            return
        previous(kind, value, traceback)

    hook._companion = True  # type: ignore[attr-defined]
    sys.excepthook = hook
