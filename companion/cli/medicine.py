"""``companion medicine``: the medicine list and the doses (issue 20)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, iso_date, iso_moment, print_json, whole_arg
from companion.service.serialise import dose_json, medicine_json


def add_parser(commands) -> None:
    """``medicine list|add|change|stop|take|skip|due|chart``."""
    medicine = commands.add_parser(
        "medicine",
        help="the medicine list: add, change (a taper step), stop; record doses taken or "
        "skipped; what is due",
    )
    do = medicine.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    listing = do.add_parser("list", help="the medicines on the list (today, or --on DATE)")
    listing.add_argument("--on", type=iso_date, metavar="DATE")
    listing.add_argument("--json", action="store_true")
    add = do.add_parser(
        "add", help="add a medicine as your team wrote it down (the app never suggests a dose)"
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--dose", required=True, metavar="TEXT", help='for example "1 mg"')
    add.add_argument("--times", required=True, metavar="HH:MM,…", help="times of day")
    add.add_argument(
        "--every-hours", type=whole_arg, metavar="N", help="every N hours from the time given"
    )
    add.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    add.add_argument("--to", dest="last", type=iso_date, metavar="DATE", help="the last day")
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
        help="on a day with a blood test, hold the doses before it until the sample is taken",
    )
    add.add_argument("--json", action="store_true")
    change = do.add_parser("change", help="a new dose from a date (a taper step)")
    change.add_argument("id", type=whole_arg, metavar="ID")
    change.add_argument("--dose", required=True, metavar="TEXT")
    change.add_argument("--from", dest="first", required=True, type=iso_date, metavar="DATE")
    change.add_argument("--json", action="store_true")
    stop = do.add_parser("stop", help="no more doses from a date (default today)")
    stop.add_argument("id", type=whole_arg, metavar="ID")
    stop.add_argument("--on", type=iso_date, metavar="DATE")
    stop.add_argument("--json", action="store_true")
    take = do.add_parser("take", help="record a dose taken (the one due nearest now)")
    take.add_argument("id", type=whole_arg, metavar="ID")
    take.add_argument("--at", type=iso_moment, metavar="ISO-8601", help="when it was taken")
    take.add_argument("--due", type=iso_moment, metavar="ISO-8601", help="which dose")
    take.add_argument("--json", action="store_true")
    skip = do.add_parser("skip", help="record a dose skipped, with the reason")
    skip.add_argument("id", type=whole_arg, metavar="ID")
    skip.add_argument("--reason", required=True, metavar="TEXT")
    skip.add_argument("--due", type=iso_moment, metavar="ISO-8601", help="which dose")
    skip.add_argument("--json", action="store_true")
    due = do.add_parser("due", help="the doses due now (or --at), with their status")
    due.add_argument("--at", type=iso_moment, metavar="ISO-8601")
    due.add_argument("--json", action="store_true")
    chart = do.add_parser("chart", help="write the printable medicine chart (a PDF) for the week")
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
                    print("No medicines on the list. Add one with: companion medicine add …")
                else:
                    for m in chosen:
                        note = "" if m.taken_on(day) else "  (not taken that day)"
                        print(f"  {m.id:>3}  {medicine_line(m, day)}{note}")
                return 0
            if args.action == "add":
                times = parse_times(args.times)
                medicine, _ = book.add(
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
                )
                if args.json:
                    print_json(medicine_json(medicine, medicine.start))
                else:
                    print(
                        f"Saved medicine {medicine.id}: {medicine_line(medicine, medicine.start)}."
                    )
                return 0
            if args.action == "change":
                book.change_dose(args.id, args.dose, args.first)
                medicine = book.get(args.id)
                if args.json:
                    print_json(medicine_json(medicine, args.first))
                else:
                    print(f"Saved: {medicine.name} {args.dose} from {args.first.isoformat()}.")
                return 0
            if args.action == "stop":
                on = args.on or today
                book.stop(args.id, on)
                medicine = book.get(args.id)
                if args.json:
                    print_json(medicine_json(medicine, on))
                else:
                    print(f"Stopped {medicine.name}: no doses from {on.isoformat()} on.")
                return 0
            if args.action in ("take", "skip"):
                if args.action == "take":
                    recorded = book.take(args.id, args.at, args.due)
                else:
                    recorded = book.skip(args.id, args.reason, args.due)
                dose = recorded.dose
                if args.json:
                    print_json(dose_json(dose))
                else:
                    print(
                        f"Recorded: {dose.name} {dose.dose}, the "
                        f"{dose.due:%Y-%m-%d %H:%M} dose, {status_words(dose)}."
                    )
                return 0
            if args.action == "due":
                found = book.due(args.at)
                if args.json:
                    print_json([dose_json(d) for d in found])
                elif not found:
                    print("No doses due now.")
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
                many = "s" if pages != 1 else ""
                print(f"Wrote the medicine chart ({pages} page{many}) to {args.output}.")
                return 0
        except MedicineError as error:
            raise CommandError(str(error)) from None
        raise CommandError(f"unknown action {args.action!r}")  # pragma: no cover
    finally:
        service.close()


COMMANDS = {"medicine": _medicine}
