"""``companion backup``, ``restore`` and ``fix``: copies of the diary, and the way out of
a read-only one."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import locked, open_diary
from companion.cli.common import CommandError, id_arg, iso_moment
from companion.i18n import _


def add_parser(commands) -> None:
    """``backup`` and ``restore``."""
    backup = commands.add_parser(
        "backup", help=_("write a copy of the diary (a consistent SQLite file) to FILE")
    )
    backup.add_argument("--output", required=True, type=Path, metavar="FILE")
    restore = commands.add_parser(
        "restore",
        help=_(
            "check a backup FILE and put it in place of the diary; the diary it replaces is "
            "kept in the 'replaced' folder"
        ),
    )
    restore.add_argument("file", type=Path, metavar="FILE")


FIX_TABLES = {"entry": "entries", "count": "labs", "appointment": "appointments"}


def add_fix_parser(commands) -> None:
    """``fix``."""
    fix = commands.add_parser(
        "fix",
        help=_("correct or delete a row with a time the app cannot use (the diary says which)"),
        description=_(
            "An earlier version could save a time just outside the years the app "
            "uses; the diary then opens read-only and names the row. Give it a new time, or "
            "delete it."
        ),
    )
    fix.add_argument(
        "what", choices=tuple(FIX_TABLES), metavar="WHAT", help=_("entry, count or appointment")
    )
    fix.add_argument("id", type=id_arg, metavar="ID")
    how = fix.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", type=iso_moment, metavar="ISO-8601", help=_("its right time"))
    how.add_argument("--delete", action="store_true", help=_("delete it"))


def _backup(args, data_dir: Path, _clock=None) -> int:
    """``backup --output FILE``: a consistent, private copy of the diary."""
    from companion.service.files import backup_to

    written = backup_to(data_dir, args.output)
    print(_("Backed up the diary to {file}.").format(file=written))
    return 0


def _restore(args, data_dir: Path, _clock=None) -> int:
    """``restore FILE``: check the backup, keep the current diary, put the backup in place."""
    from companion.service.files import check_backup, restore

    if not data_dir.is_dir():
        raise CommandError(_("there is no diary folder {folder}.").format(folder=data_dir))
    check_backup(args.file)  # a bad backup is explained before anything else
    with locked(data_dir, "restore"):
        kept = restore(data_dir, args.file)
    if kept:
        print(
            _("Restored {file}. The diary it replaced is kept in {kept}.").format(
                file=args.file, kept=kept
            )
        )
    else:
        print(_("Restored {file}.").format(file=args.file))
    return 0


def _fix(args, data_dir: Path, clock) -> int:
    """``fix WHAT ID (--at ISO-8601 | --delete)``: the way out of a read-only diary."""
    from companion.service.errors import EntryError, VisitError

    service = open_diary(data_dir, clock, need_setup=False, quiet=True)
    try:
        table = FIX_TABLES[args.what]
        if not any(r.table == table and r.row_id == args.id for r in service.unusable_rows):
            raise CommandError(
                _(
                    "{what} {id} needs no fixing: only a row the diary names as holding "
                    "a time the app cannot use is fixed here."
                ).format(what=args.what, id=args.id)
            )
        try:
            service.fix_row(table, args.id, None if args.delete else args.at)
        except (EntryError, VisitError) as error:
            raise CommandError(str(error)) from None
        if args.delete:
            print(_("Deleted {what} {id}.").format(what=args.what, id=args.id))
        else:
            print(_("Corrected {what} {id}.").format(what=args.what, id=args.id))
        left = service.unusable_rows
        if left:
            print(
                _("Still to fix: {row} ('companion fix {word} …').").format(
                    row=left[0].describe(), word=left[0].word
                )
            )
        else:
            print(_("The diary can be written again."))
        return 0
    finally:
        service.close()


COMMANDS = {"backup": _backup, "restore": _restore, "fix": _fix}
