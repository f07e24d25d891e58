"""``companion backup``, ``restore`` and ``fix``: copies of the diary, and the way out of
a read-only one."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import locked, open_diary
from companion.cli.common import CommandError, id_arg, iso_moment


def add_parser(commands) -> None:
    """``backup`` and ``restore``."""
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


FIX_TABLES = {"entry": "entries", "count": "labs", "appointment": "appointments"}


def add_fix_parser(commands) -> None:
    """``fix``."""
    fix = commands.add_parser(
        "fix",
        help="correct or delete a row with a time the app cannot use (the diary says which)",
        description="An earlier version could save a time just outside the years the app "
        "uses; the diary then opens read-only and names the row. Give it a new time, or "
        "delete it.",
    )
    fix.add_argument(
        "what", choices=tuple(FIX_TABLES), metavar="WHAT", help="entry, count or appointment"
    )
    fix.add_argument("id", type=id_arg, metavar="ID")
    how = fix.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", type=iso_moment, metavar="ISO-8601", help="its right time")
    how.add_argument("--delete", action="store_true", help="delete it")


def _backup(args, data_dir: Path, _clock=None) -> int:
    """``backup --output FILE``: a consistent, private copy of the diary."""
    from companion.service.files import backup_to

    written = backup_to(data_dir, args.output)
    print(f"Backed up the diary to {written}.")
    return 0


def _restore(args, data_dir: Path, _clock=None) -> int:
    """``restore FILE``: check the backup, keep the current diary, put the backup in place."""
    from companion.service.files import check_backup, restore

    if not data_dir.is_dir():
        raise CommandError(f"there is no diary folder {data_dir}.")
    check_backup(args.file)  # a bad backup is explained before anything else
    with locked(data_dir, "restore"):
        kept = restore(data_dir, args.file)
    print(f"Restored {args.file}." + (f" The diary it replaced is kept in {kept}." if kept else ""))
    return 0


def _fix(args, data_dir: Path, clock) -> int:
    """``fix WHAT ID (--at ISO-8601 | --delete)``: the way out of a read-only diary."""
    from companion.service.errors import EntryError, VisitError

    service = open_diary(data_dir, clock, need_setup=False, quiet=True)
    try:
        table = FIX_TABLES[args.what]
        if not any(r.table == table and r.row_id == args.id for r in service.unusable_rows):
            raise CommandError(
                f"{args.what} {args.id} needs no fixing: only a row the diary names as holding "
                "a time the app cannot use is fixed here."
            )
        try:
            service.fix_row(table, args.id, None if args.delete else args.at)
        except (EntryError, VisitError) as error:
            raise CommandError(str(error)) from None
        done = "Deleted" if args.delete else "Corrected"
        print(f"{done} {args.what} {args.id}.")
        left = service.unusable_rows
        if left:
            print(f"Still to fix: {left[0].describe()} ('companion fix {left[0].word} …').")
        else:
            print("The diary can be written again.")
        return 0
    finally:
        service.close()


COMMANDS = {"backup": _backup, "restore": _restore, "fix": _fix}
