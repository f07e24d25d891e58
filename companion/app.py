"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from companion import desktop
from companion.cli import COMMANDS, parse, run, safe_output

APP_ID = "TransplantCompanion"
USE_FOLDER_FILE = "use-folder.txt"


def _clock(fixed: date | None) -> Callable[[], datetime]:
    if fixed is None:
        return lambda: datetime.now().astimezone()
    return lambda: datetime.combine(fixed, datetime.now().time()).astimezone()


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


def data_dir_from(args) -> Path:
    if args.data_dir:
        return args.data_dir.expanduser()
    folder = default_data_dir()
    # After "start a new diary beside it", the default folder points to the new one (the
    # damaged diary stays where it was, untouched).
    pointer = folder / USE_FOLDER_FILE
    if pointer.is_file():
        chosen = Path(pointer.read_text(encoding="utf-8").strip())
        if chosen.is_absolute():
            return chosen
    return folder


def _load_core_before_qt() -> None:
    """The diary's Qt-free modules first: once PySide6 is imported, its import hook (for
    ``from __feature__ import …``) reads the source of every module imported after it.
    Imported before Qt, they are simply loaded, and the window appears about 30 ms sooner
    (benchmarks/startup.py)."""
    import html  # noqa: F401
    import importlib.resources.readers  # noqa: F401

    import companion.content.guides
    import companion.domain.wording
    import companion.service.diary
    import companion.service.files
    import companion.ui.pages  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes holds health information: readable only by this user,
    # whatever umask the session has (each file is also given its mode explicitly).
    umask = os.umask(0o077) if os.name == "posix" else None
    try:
        with safe_output():  # every line reaches the terminal, whatever its encoding
            return _main(argv)
    finally:
        if umask is not None:
            os.umask(umask)


def _main(argv: Sequence[str] | None) -> int:
    from companion import i18n
    from companion.window_settings import saved_language

    # The language first: every message, the parser's help included, is made after it:
    # --lang, else the one chosen in the app (read without Qt), else the system's.
    rest, requested = i18n.split_lang_option(list(sys.argv[1:] if argv is None else argv))
    try:
        saved = saved_language() if requested is None else None
        i18n.set_language(i18n.choose_language(requested, saved=saved))
    except i18n.LanguageError as error:
        print(error, file=sys.stderr)
        return 2
    args = parse(rest)
    args.lang = requested  # the window reads the language saved in it unless --lang is given
    if args.command in (None, "open") and (reason := desktop.no_display_reason()):
        print(reason, file=sys.stderr)  # rather than Qt's abort about a missing xcb library
        return 1
    clock = _clock(args.today)
    _load_core_before_qt()
    demo_dir: Path | None = None
    try:
        if args.demo:
            import tempfile

            from companion.service.demo import create_demo

            demo_dir = Path(tempfile.mkdtemp(prefix="transplant-companion-demo-"))
            create_demo(demo_dir, clock().date())
            data_dir = demo_dir
        else:
            data_dir = data_dir_from(args)
        if args.command in COMMANDS:
            return run(args, data_dir, clock)
        from companion.ui.application import run_gui

        return run_gui(args, data_dir, clock, demo=demo_dir is not None)
    finally:
        if demo_dir is not None:
            import shutil

            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
