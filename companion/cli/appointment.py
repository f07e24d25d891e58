"""``companion appointment add|list|export``."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, iso_moment, line_arg, note_arg, print_json
from companion.i18n import _, ngettext
from companion.service.serialise import appointment_json


def add_parser(commands) -> None:
    """``appointment`` and its actions."""
    appointment = commands.add_parser(
        "appointment", help=_("add, list or export appointments (clinic visits, blood tests…)")
    )
    appointment_do = appointment.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    add_appointment = appointment_do.add_parser("add", help=_("add an appointment"))
    add_appointment.add_argument("--at", required=True, type=iso_moment, metavar="ISO-8601")
    add_appointment.add_argument(
        "--what",
        required=True,
        type=line_arg,
        metavar="TEXT",
        help=_("clinic visit, blood test, line care, scan — or your own words"),
    )
    add_appointment.add_argument("--where", default="", type=line_arg, metavar="TEXT")
    add_appointment.add_argument(
        "--with", dest="with_whom", default="", type=line_arg, metavar="WHO"
    )
    add_appointment.add_argument("--note", default="", type=note_arg, metavar="TEXT")
    add_appointment.add_argument("--json", action="store_true")
    list_appointments = appointment_do.add_parser("list", help=_("list upcoming and past ones"))
    list_appointments.add_argument("--json", action="store_true")
    export_appointments = appointment_do.add_parser(
        "export", help=_("write them to a calendar file for a phone or a carer's calendar")
    )
    export_appointments.add_argument("--ics", required=True, type=Path, metavar="FILE.ics")
    export_appointments.add_argument(
        "--reminder",
        type=int,
        metavar="MINUTES",
        help=_("add a reminder this many minutes before each upcoming appointment"),
    )


def _appointment(args, data_dir: Path, clock) -> int:
    from companion.domain.wording import appointment_line, next_appointment_line
    from companion.service.errors import VisitError

    if args.action == "export":
        from companion.service.files import check_output

        check_output(args.ics, "appointments.ics")
        if args.reminder is not None and not 0 <= args.reminder <= 7 * 24 * 60:
            raise CommandError(_("--reminder: give the minutes before, from 0 to 10080 (a week)."))
    service = open_diary(data_dir, clock)
    try:
        if args.action == "add":
            from companion.domain.visits import Appointment, parse_kind

            try:
                kind, title = parse_kind(args.what)
                saved = service.visits.add_appointment(
                    Appointment(args.at, kind, title, args.where, args.with_whom, args.note)
                ).value
            except VisitError as error:
                raise CommandError(str(error)) from None
            if args.json:
                print_json(appointment_json(saved, service))
            else:
                day = appointment_json(saved, service)["day"]
                print(
                    _("Saved appointment {id}: {appointment}.").format(
                        id=saved.id, appointment=appointment_line(saved, day)
                    )
                )
            return 0
        if args.action == "export":
            from companion.service.ics import export_ics

            count = export_ics(service, args.ics, args.reminder)
            print(
                ngettext(
                    "Wrote {count} appointment to {file}.",
                    "Wrote {count} appointments to {file}.",
                    count,
                ).format(count=count, file=args.ics)
            )
            return 0
        appointments = service.visits.appointments()
        if args.json:
            print_json([appointment_json(a, service) for a in appointments])
            return 0
        if not appointments:
            print(_("No appointments yet. Add one with: companion appointment add --at … --what …"))
            return 0
        following = service.visits.next_appointment()
        if following is not None:
            print(
                next_appointment_line(
                    following.appointment, following.day, service.today(), following.questions
                )
            )
        today = service.today()
        for title, chosen in (
            (_("Upcoming:"), [a for a in appointments if not a.is_past(today)]),
            (_("Past:"), [a for a in reversed(appointments) if a.is_past(today)]),
        ):
            if chosen:
                print(title)
                for a in chosen:
                    day = appointment_json(a, service)["day"]
                    print(f"  {a.id:>3}  {appointment_line(a, day)}")
                    if a.note:
                        print("       " + _("note: {note}").format(note=a.note))
        return 0
    finally:
        service.close()


COMMANDS = {"appointment": _appointment}
