"""``companion medicine``: the medicine list and the doses (issue 20)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, iso_date, iso_moment, print_json, whole_arg
from companion.i18n import _, ngettext
from companion.service.serialise import dose_json, medicine_json


def add_parser(commands) -> None:
    """``medicine list|add|change|stop|take|skip|due|chart``."""
    medicine = commands.add_parser(
        "medicine",
        help=_(
            "the medicine list: add, change (a taper step), stop; record doses taken or "
            "skipped; what is due"
        ),
    )
    do = medicine.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    listing = do.add_parser("list", help=_("the medicines on the list (today, or --on DATE)"))
    listing.add_argument("--on", type=iso_date, metavar="DATE")
    listing.add_argument("--json", action="store_true")
    add = do.add_parser(
        "add",
        help=_("add a medicine as your team wrote it down (the app never suggests a dose)"),
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--dose", required=True, metavar="TEXT", help=_('for example "1 mg"'))
    add.add_argument("--times", required=True, metavar="HH:MM,…", help=_("times of day"))
    add.add_argument(
        "--every-hours", type=whole_arg, metavar="N", help=_("every N hours from the time given")
    )
    add.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    add.add_argument("--to", dest="last", type=iso_date, metavar="DATE", help=_("the last day"))
    add.add_argument("--for", dest="purpose", default="", metavar="TEXT")
    add.add_argument(
        "--food",
        choices=("any", "with-food", "empty-stomach"),
        default="any",
        help=argparse.SUPPRESS,
    )
    add.add_argument(
        "--hold-on-blood-test-days",
        action="store_true",
        help=_("on a day with a blood test, hold the doses before it until the sample is taken"),
    )
    add.add_argument("--json", action="store_true")
    change = do.add_parser("change", help=_("a new dose from a date (a taper step)"))
    change.add_argument("id", type=whole_arg, metavar="ID")
    change.add_argument("--dose", required=True, metavar="TEXT")
    change.add_argument("--from", dest="first", required=True, type=iso_date, metavar="DATE")
    change.add_argument("--json", action="store_true")
    stop = do.add_parser("stop", help=_("no more doses from a date (default today)"))
    stop.add_argument("id", type=whole_arg, metavar="ID")
    stop.add_argument("--on", type=iso_date, metavar="DATE")
    stop.add_argument("--json", action="store_true")
    take = do.add_parser("take", help=_("record a dose taken (the one due nearest now)"))
    take.add_argument("id", type=whole_arg, metavar="ID")
    take.add_argument("--at", type=iso_moment, metavar="ISO-8601", help=_("when it was taken"))
    take.add_argument("--due", type=iso_moment, metavar="ISO-8601", help=_("which dose"))
    take.add_argument("--json", action="store_true")
    skip = do.add_parser("skip", help=_("record a dose skipped, with the reason"))
    skip.add_argument("id", type=whole_arg, metavar="ID")
    skip.add_argument("--reason", required=True, metavar="TEXT")
    skip.add_argument("--due", type=iso_moment, metavar="ISO-8601", help=_("which dose"))
    skip.add_argument("--json", action="store_true")
    due = do.add_parser("due", help=_("the doses due now (or --at), with their status"))
    due.add_argument("--at", type=iso_moment, metavar="ISO-8601")
    due.add_argument("--json", action="store_true")
    chart = do.add_parser(
        "chart", help=_("write the printable medicine chart (a PDF) for the week")
    )
    chart.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    chart.add_argument("--from", dest="first", type=iso_date, metavar="DATE")


def _medicine(args, data_dir: Path, clock) -> int:
    from companion.domain.medicine_words import dose_line, medicine_line, status_words
    from companion.domain.medicines import Food, Medicine, MedicineError, parse_times

    if args.action == "chart":
        from companion.service.files import check_output

        check_output(args.output, "medicines.pdf")
    service = open_diary(data_dir, clock)
    book = service.medicines
    today = service.today()
    try:
        try:
            if args.action == "list":
                day = args.on or today
                if args.on is not None:
                    chosen = book.on(day)
                else:
                    chosen = [m for m in book.all() if m.last_day is None or m.last_day >= today]
                if args.json:
                    print_json([medicine_json(m, day) for m in chosen])
                elif not chosen:
                    print(_("No medicines on the list. Add one with: companion medicine add …"))
                else:
                    for m in chosen:
                        line = medicine_line(m, day)
                        if not m.taken_on(day):
                            line = _("{medicine}  (not taken that day)").format(medicine=line)
                        print(f"  {m.id:>3}  {line}")
                return 0
            if args.action == "add":
                times = parse_times(args.times)
                medicine = book.add(
                    Medicine(
                        name=args.name,
                        dose=args.dose,
                        times=times,
                        start=args.first or today,
                        end=args.last,
                        purpose=args.purpose,
                        every_hours=args.every_hours,
                        food=Food(args.food),
                        hold_on_blood_test=args.hold_on_blood_test_days,
                    )
                ).value
                if args.json:
                    print_json(medicine_json(medicine, medicine.start))
                else:
                    print(
                        _("Saved medicine {id}: {medicine}.").format(
                            id=medicine.id, medicine=medicine_line(medicine, medicine.start)
                        )
                    )
                return 0
            if args.action == "change":
                book.change_dose(args.id, args.dose, args.first)
                medicine = book.get(args.id)
                if args.json:
                    print_json(medicine_json(medicine, args.first))
                else:
                    print(
                        _("Saved: {medicine} {dose} from {date}.").format(
                            medicine=medicine.name, dose=args.dose, date=args.first.isoformat()
                        )
                    )
                return 0
            if args.action == "stop":
                on = args.on or today
                book.stop(args.id, on)
                medicine = book.get(args.id)
                if args.json:
                    print_json(medicine_json(medicine, on))
                else:
                    print(
                        _("Stopped {medicine}: no doses from {date} on.").format(
                            medicine=medicine.name, date=on.isoformat()
                        )
                    )
                return 0
            if args.action in ("take", "skip"):
                if args.action == "take":
                    recorded = book.take(args.id, args.at, args.due).value
                else:
                    recorded = book.skip(args.id, args.reason, args.due).value
                dose = recorded.dose
                if args.json:
                    print_json(dose_json(dose))
                else:
                    print(
                        _("Recorded: {medicine} {dose}, the {due} dose, {status}.").format(
                            medicine=dose.name,
                            dose=dose.dose,
                            due=f"{dose.due:%Y-%m-%d %H:%M}",
                            status=status_words(dose),
                        )
                    )
                return 0
            if args.action == "due":
                found = book.due(args.at)
                if args.json:
                    print_json([dose_json(d) for d in found])
                elif not found:
                    print(_("No doses due now."))
                else:
                    for dose in found:
                        print(f"  {dose.medicine_id:>3}  {dose_line(dose)}")
                return 0
            if args.action == "chart":
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                from PySide6.QtGui import QGuiApplication

                from companion.printing.medicine_chart import write_chart

                _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
                pages = write_chart(service, args.output, args.first or today)
                print(
                    ngettext(
                        "Wrote the medicine chart ({count} page) to {file}.",
                        "Wrote the medicine chart ({count} pages) to {file}.",
                        pages,
                    ).format(count=pages, file=args.output)
                )
                return 0
        except MedicineError as error:
            raise CommandError(str(error)) from None
        raise CommandError(f"unknown action {args.action!r}")  # pragma: no cover
    finally:
        service.close()


COMMANDS = {"medicine": _medicine}
