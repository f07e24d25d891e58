"""``companion checkups``: the yearly late-effects check-ups (issue 21)."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, iso_date, iso_moment, print_json, whole_arg
from companion.i18n import _
from companion.service.serialise import checkup_json


def add_parser(commands) -> None:
    """``checkups`` and its actions."""
    checkups = commands.add_parser(
        "checkups", help=_("the yearly late-effects check-ups: list, accept, tick")
    )
    what = checkups.add_subparsers(dest="do", metavar="ACTION", required=True, parser_class=Parser)
    listing = what.add_parser("list", help=_("the plan, with dates"))
    listing.add_argument("--json", action="store_true")
    accept = what.add_parser("accept", help=_("put a check-up in your calendar"))
    accept.add_argument("id", type=whole_arg, metavar="ID")
    accept.add_argument("--at", type=iso_moment, metavar="ISO-8601")
    done = what.add_parser("done", help=_("tick a check-up as done"))
    done.add_argument("id", type=whole_arg, metavar="ID")
    done.add_argument("--on", type=iso_date, metavar="DATE")


def _checkups(args, data_dir: Path, clock) -> int:
    from companion.content.immunity import load_screening
    from companion.domain.days import format_date
    from companion.service.errors import VisitError
    from companion.service.immunity import VaccineError

    service = open_diary(data_dir, clock)
    try:
        immunity = service.immunity
        try:
            if args.do == "list":
                plan = load_screening()
                items = immunity.screening()
                if args.json:
                    print_json([checkup_json(i, plan) for i in items])
                    return 0
                print(_("Yearly check-ups (published guidance; your team may plan others):"))
                for i in items:
                    check = plan.check(i.item)
                    if i.done_on:
                        state = _("done {date}").format(date=format_date(i.done_on))
                    elif i.appointment_id:
                        state = _("in your calendar")
                    else:
                        state = _("not booked")
                    title = check.title if check else i.item
                    print(f"  {i.id:>3}  {format_date(i.due_on)}  {title}: {state}")
            elif args.do == "accept":
                immunity.accept_screening(args.id, args.at)
                print(
                    _("Check-up {id} is in your calendar ('companion appointment list').").format(
                        id=args.id
                    )
                )
            elif args.do == "done":
                immunity.tick_screening(args.id, True, args.on)
                print(_("Check-up {id} is ticked as done.").format(id=args.id))
        except (VaccineError, VisitError) as error:
            raise CommandError(str(error)) from None
        return 0
    finally:
        service.close()


COMMANDS = {"checkups": _checkups}
