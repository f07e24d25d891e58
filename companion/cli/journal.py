"""``companion undo``, ``redo``, ``history`` and ``purge``: the change journal (issue 19)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, print_json, whole_arg
from companion.service.serialise import history_json, undone_json


def add_parser(commands) -> None:
    """``undo``, ``redo``, ``history`` and ``purge``."""
    undo = commands.add_parser("undo", help="take back the newest change, whoever made it")
    undo.add_argument("--json", action="store_true")
    redo = commands.add_parser("redo", help="do again the change undone last")
    redo.add_argument("--json", action="store_true")
    history = commands.add_parser("history", help="the journal of changes, newest first")
    history.add_argument("--json", action="store_true")
    history.add_argument("--limit", type=whole_arg, metavar="N")
    purge = commands.add_parser(
        "purge", help="erase for good what was deleted (nothing can be undone after it)"
    )
    purge.add_argument("--yes", action="store_true", help="do not ask first")


def _undo(args, data_dir: Path, clock) -> int:
    """``undo``/``redo``: the newest operation in the journal, whoever made it (issue 19)."""
    from companion.service.diary import JournalConflict

    again = args.command == "redo"
    service = open_diary(data_dir, clock, need_setup=False)
    try:
        try:
            done = service.redo() if again else service.undo()
        except JournalConflict as error:
            raise CommandError(str(error), 1) from None
        if done is None:
            print(f"Nothing to {args.command}.", file=sys.stderr)
            return 1
        item = done.item
        if args.json:
            print(json.dumps(undone_json(item, redone=again), ensure_ascii=False))
        else:
            print(f"{'Redone' if again else 'Undone'}: {item.summary} ({item.at:%d %b %H:%M}).")
        return 0
    finally:
        service.close()


def _history(args, data_dir: Path, clock) -> int:
    """``history``: the journal, newest first."""
    service = open_diary(data_dir, clock, need_setup=False)
    try:
        items = service.journal(args.limit)
        if args.json:
            print_json([history_json(item) for item in items])
            return 0
        if not items:
            print("No changes recorded yet.")
        for item in items:
            undone = " (undone)" if item.state == "undone" else ""
            when = f"{item.at:%Y-%m-%d %H:%M}"
            print(f"{item.id:>5}  {when}  {item.front_end:<6}  {item.summary}{undone}")
        return 0
    finally:
        service.close()


def _purge(args, data_dir: Path, clock) -> int:
    """``purge [--yes]``: erase for good what was deleted, and what undo keeps."""
    service = open_diary(data_dir, clock, need_setup=False)
    try:
        waiting = service.deleted_count()
        if not args.yes:
            question = (
                f"This erases for good {waiting} deleted item{'s' if waiting != 1 else ''} and "
                "everything kept for undo; nothing can be undone after it. Erase now? [y/N] "
            )
            if not sys.stdin.isatty():
                raise CommandError(
                    "erasing cannot be taken back: run 'companion purge --yes' to erase what "
                    "was deleted. Nothing was changed.",
                    1,
                )
            if input(question).strip().lower() not in ("y", "yes"):
                print("Nothing was erased.")
                return 1
        erased = service.purge()
        print(
            f"Erased {erased} deleted item{'s' if erased != 1 else ''} for good; nothing kept "
            "for undo remains in the diary file. Backups made before now still hold them."
        )
        return 0
    finally:
        service.close()


COMMANDS = {"undo": _undo, "redo": _undo, "history": _history, "purge": _purge}
