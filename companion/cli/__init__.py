"""The command line: the same diary service as the window, for carers, clinics and scripts.

Works with no display. Each command prints plain lines (or JSON with ``--json``), one line
on stderr when it cannot do what was asked — never a traceback — and exits 0 on success,
2 when what was typed cannot be used, 1 when the computer refused (a damaged file, a full
disk, a folder that cannot be written).

One module per command (or group of commands), each with its ``add_parser(commands)`` and
its handler; ``common`` (errors, argument types, output), ``access`` (opening the diary,
the lock) and ``output`` (any terminal) are shared. The JSON shapes are
``companion.service.serialise``'s, shared with the exports.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import companion
from companion import desktop, i18n
from companion.cli.access import diary_lock, locked, prepare_data_folder
from companion.cli.common import (
    CommandError,
    Parser,
    decimal_arg,
    id_arg,
    iso_date,
    iso_moment,
    whole_arg,
)
from companion.cli.output import SafeStream, safe_output
from companion.i18n import N_, _

__all__ = [
    "COMMANDS",
    "PHASE_CHOICES",
    "CommandError",
    "SafeStream",
    "build_parser",
    "diary_lock",
    "iso_date",
    "iso_moment",
    "locked",
    "parse",
    "run",
    "safe_output",
]

# The argument types under their old names (tests/test_hostile_input.py reads them).
_number, _whole, _row_id = decimal_arg, whole_arg, id_arg

DESCRIPTION = N_(
    "Transplant Companion: a private diary and organiser for a stem cell transplant. "
    "With no command, it opens the app window."
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, in the language in force (``--help`` is made from it)."""
    from companion.cli import argparse_words

    argparse_words.route()
    parser = Parser(prog="companion", description=_(DESCRIPTION))
    parser.add_argument(
        "--version",
        action="version",
        version=f"Transplant Companion {companion.__version__}",
        help=_("show the program's version and exit"),
    )
    # Taken off the command line before parsing (app.py: every message is made after it);
    # here so that --help and the man page describe it.
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_(
            "the language of messages and printed sheets: {languages}; default: your "
            "system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)"
        ).format(languages=", ".join(i18n.TRANSLATED)),
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help=_("keep the diary in DIR instead of your usual app data folder"),
    )
    where.add_argument(
        "--demo",
        action="store_true",
        help=_(
            "open a sample diary (a donor transplant, around Day +12) in a throwaway "
            "folder; your own diary is not touched"
        ),
    )
    # For screenshots and for looking ahead: pretend today is another date.
    parser.add_argument("--today", type=iso_date, help=argparse.SUPPRESS)
    # For benchmarks/startup.py: quit as soon as the main window has painted.
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(  # issue 20: what the autostart entry runs at login
        "--tray",
        action="store_true",
        help=_("start in the system tray, without the window, to give reminders"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("open", help=_("open the app window (the default)"))
    # The order of _command_modules() is the order of --help and of the man page.
    modules = _command_modules()
    for name, module in modules.items():
        module.add_parser(commands)
        if name == "remind":
            modules["backup"].add_fix_parser(commands)
    desktop.add_commands(commands)
    return parser


Handler = Callable[[argparse.Namespace, Path, Callable[[], datetime]], int]

# The commands' names, so that opening the window needs none of their modules (about 10 ms
# of start-up); tests/test_cli.py holds them to the modules' own COMMANDS.
COMMAND_NAMES = frozenset(
    {
        "ack",
        "alerts",
        "appointment",
        "backup",
        "checklist",
        "checkups",
        "export",
        "fix",
        "history",
        "log",
        "medicine",
        "purge",
        "question",
        "redo",
        "remind",
        "report",
        "restore",
        "settings",
        "setup",
        "today",
        "undo",
        "vaccine",
    }
    | set(desktop.COMMANDS)
)


def _command_modules() -> dict[str, ModuleType]:
    """The commands' modules by name, in the order of --help. Imported here, when a command
    runs or --help is asked for, never to open the window; by name in the source, so that
    the bundle (PyInstaller follows imports it can read) carries them."""
    from companion.cli import (
        alerts,  # alerts, ack
        appointment,
        backup,  # backup, restore; and fix, after remind
        checklist,
        checkups,
        export,
        journal,  # undo, redo, history, purge
        log,
        medicine,  # issue 20
        question,
        remind,
        report,
        settings,
        setup,
        today,
        vaccine,  # issue 21
    )

    return {
        "setup": setup,
        "log": log,
        "settings": settings,
        "alerts": alerts,
        "today": today,
        "checklist": checklist,
        "export": export,
        "report": report,
        "appointment": appointment,
        "question": question,
        "backup": backup,
        "medicine": medicine,
        "remind": remind,
        "vaccine": vaccine,
        "checkups": checkups,
        "journal": journal,
    }


def _handlers() -> dict[str, Handler]:
    handlers: dict[str, Handler] = {}
    for module in _command_modules().values():
        handlers.update(module.COMMANDS)
    return {**handlers, **desktop.COMMANDS}


class _Commands(Mapping[str, Handler]):
    """Every command's handler by name; a name is known without importing its module, a
    handler is loaded when first asked for."""

    def __init__(self) -> None:
        self._loaded: dict[str, Handler] | None = None

    def _all(self) -> dict[str, Handler]:
        if self._loaded is None:
            self._loaded = _handlers()
        return self._loaded

    def __contains__(self, name: object) -> bool:
        return name in COMMAND_NAMES

    def __getitem__(self, name: str) -> Handler:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


COMMANDS: Mapping[str, Handler] = _Commands()


def __getattr__(name: str):
    """``PHASE_CHOICES`` from its command's module, loaded when first asked for."""
    if name == "PHASE_CHOICES":
        from companion.cli.checklist import PHASE_CHOICES

        return PHASE_CHOICES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(args: argparse.Namespace, data_dir: Path, clock: Callable[[], datetime]) -> int:
    """Run the command in ``args``; print a refusal as one line on stderr."""
    from companion.service.errors import REFUSED, OutputError, StorageError

    handler = COMMANDS[args.command]
    try:
        if args.command not in desktop.COMMANDS:
            prepare_data_folder(data_dir)
        return handler(args, data_dir, clock)
    except CommandError as error:
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return error.status
    except OutputError as error:
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return 2 if error.typed else 1
    except StorageError as error:  # our own refusals say what to do already
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``companion history | head``): whatever was to be saved is
        # saved; say nothing more, and send what is left of the output nowhere.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except REFUSED as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(
            _("companion {command}: the computer refused: {reason}.").format(
                command=args.command, reason=reason
            ),
            file=sys.stderr,
        )
        return 1


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, parsed. Opening the window (no command, or ``open``) takes only the
    window's own options: building every command's parser costs about 20 ms of start-up, so
    the full parser is built only for a command, ``--help``, ``--version`` or a mistake (it
    then gives the same answer or the same one-line error as always)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    window = _window_args(argv)
    return window if window is not None else build_parser().parse_args(argv)


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    if any(word in COMMANDS or word in ("-h", "--help", "--version") for word in argv):
        return None
    quick = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    quick.add_argument("--lang")
    quick.add_argument("--data-dir", type=Path)
    quick.add_argument("--demo", action="store_true")
    quick.add_argument("--today", type=iso_date)
    quick.add_argument("--exit-after-paint", action="store_true")
    quick.add_argument("--tray", action="store_true")
    quick.add_argument("command", nargs="?", choices=("open",))
    quick.error = _refuse  # type: ignore[method-assign]
    try:
        args, rest = quick.parse_known_args(argv)
    except _Refused:
        return None
    if rest or (args.demo and args.data_dir is not None):
        return None  # the full parser says what is wrong, as it always has
    return args


class _Refused(Exception):
    pass


def _refuse(message: str) -> NoReturn:
    raise _Refused(message)
