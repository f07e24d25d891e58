"""``companion undo``, ``redo``, ``history`` and ``purge``: the change journal (issue 19)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, print_json, whole_arg
from companion.domain.days import app_strftime
from companion.i18n import _, ngettext, pgettext
from companion.service.serialise import history_json, undone_json


def add_parser(commands) -> None:
    """``undo``, ``redo``, ``history`` and ``purge``."""
    undo = commands.add_parser("undo", help=_("take back the newest change, whoever made it"))
    undo.add_argument("--json", action="store_true")
    redo = commands.add_parser("redo", help=_("do again the change undone last"))
    redo.add_argument("--json", action="store_true")
    history = commands.add_parser("history", help=_("the journal of changes, newest first"))
    history.add_argument("--json", action="store_true")
    history.add_argument("--limit", type=whole_arg, metavar="N")
    purge = commands.add_parser(
        "purge", help=_("erase for good what was deleted (nothing can be undone after it)")
    )
    purge.add_argument("--yes", action="store_true", help=_("do not ask first"))


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
            print(_("Nothing to redo.") if again else _("Nothing to undo."), file=sys.stderr)
            return 1
        item = done.item
        if args.json:
            print(json.dumps(undone_json(item, redone=again), ensure_ascii=False))
        else:
            when = app_strftime(item.at, "%d %b %H:%M")
            if again:
                print(_("Redone: {summary} ({when}).").format(summary=item.summary, when=when))
            else:
                print(_("Undone: {summary} ({when}).").format(summary=item.summary, when=when))
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
            print(_("No changes recorded yet."))
        names = {item.front_end: _front_end_name(item.front_end) for item in items}
        width = max([6, *(len(name) for name in names.values())])
        for item in items:
            summary = item.summary
            if item.state == "undone":
                summary = _("{summary} (undone)").format(summary=summary)
            when = f"{item.at:%Y-%m-%d %H:%M}"
            print(f"{item.id:>5}  {when}  {names[item.front_end]:<{width}}  {summary}")
        return 0
    finally:
        service.close()


def _front_end_name(front_end: str) -> str:
    """Where a change was made, in the app's language (the JSON keeps the identifier)."""
    if front_end == "window":
        return pgettext("where a change was made", "window")
    if front_end == "cli":
        # Translators: the command line (a terminal), where a change was made.
        return pgettext("where a change was made", "cli")
    return pgettext("where a change was made", "other")


def _purge(args, data_dir: Path, clock) -> int:
    """``purge [--yes]``: erase for good what was deleted, and what undo keeps."""
    service = open_diary(data_dir, clock, need_setup=False)
    try:
        waiting = service.deleted_count()
        if not args.yes:
            question = ngettext(
                "This erases for good {count} deleted item and everything kept for undo; "
                "nothing can be undone after it. Erase now? [y/N] ",
                "This erases for good {count} deleted items and everything kept for undo; "
                "nothing can be undone after it. Erase now? [y/N] ",
                waiting,
            ).format(count=waiting)
            if not sys.stdin.isatty():
                raise CommandError(
                    _(
                        "erasing cannot be taken back: run 'companion purge --yes' to erase "
                        "what was deleted. Nothing was changed."
                    ),
                    1,
                )
            if input(question).strip().lower() not in _yes_words():
                print(_("Nothing was erased."))
                return 1
        erased = service.purge()
        print(
            ngettext(
                "Erased {count} deleted item for good; nothing kept for undo remains in the "
                "diary file. Backups made before now still hold them.",
                "Erased {count} deleted items for good; nothing kept for undo remains in the "
                "diary file. Backups made before now still hold them.",
                erased,
            ).format(count=erased)
        )
        return 0
    finally:
        service.close()


def _yes_words() -> set[str]:
    """The answers that say yes to "[y/N]": English's, and the language's own."""
    # Translators: the answers that say yes at the "[y/N]" question, separated by commas
    # (Spanish: s,sí,si).
    words = _("y,yes")
    return {"y", "yes", *(word.strip().lower() for word in words.split(",") if word.strip())}


COMMANDS = {"undo": _undo, "redo": _undo, "history": _history, "purge": _purge}
