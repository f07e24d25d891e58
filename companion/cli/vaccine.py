"""``companion vaccine``: the re-vaccination plan and the live-vaccine check (issue 21)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, iso_date, print_json, whole_arg
from companion.i18n import _, ngettext
from companion.service.serialise import live_status_json, vaccine_json

LIVE_CONDITION_CHOICES = (
    "no-active-gvhd",
    "off-immunosuppression-1-year",
    "ivig-8-months",  # nurse review 6: "none recorded" is not "none given"
    "no-maintenance-treatment",
)


def add_parser(commands) -> None:
    """``vaccine`` and its actions."""
    vaccine = commands.add_parser(
        "vaccine",
        help=_("the re-vaccination plan counted from Day 0, and the live-vaccine check"),
        description=_(
            "The plan starts from the published defaults for your kind of "
            "transplant; change it to your team's plan (each change is recorded)."
        ),
    )
    do = vaccine.add_subparsers(dest="do", metavar="ACTION", required=True, parser_class=Parser)
    listing = do.add_parser("list", help=_("every dose, with its earliest date and status"))
    listing.add_argument("--json", action="store_true")
    given = do.add_parser("given", help=_("record that a dose was given"))
    given.add_argument("id", type=whole_arg, metavar="ID")
    given.add_argument("--on", required=True, type=iso_date, metavar="DATE")
    given.add_argument("--where", default="", metavar="TEXT")
    given.add_argument("--batch", default="", metavar="TEXT")
    not_given = do.add_parser("not-given", help=_("take back a 'given' recorded by mistake"))
    not_given.add_argument("id", type=whole_arg, metavar="ID")
    add = do.add_parser("add", help=_("add a vaccine: an id of the published list, or your own"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--earliest", type=iso_date, metavar="DATE")
    add.add_argument("--dose", type=whole_arg, default=1, metavar="N")
    add.add_argument("--live", action="store_true", help=_("it is a live vaccine"))
    edit = do.add_parser("edit", help=_("your team's plan: change a dose's earliest date"))
    edit.add_argument("id", type=whole_arg, metavar="ID")
    edit.add_argument("--earliest", type=iso_date, metavar="DATE")
    edit.add_argument("--name", metavar="TEXT")
    remove = do.add_parser("remove", help=_("take a dose off the plan"))
    remove.add_argument("id", type=whole_arg, metavar="ID")
    live = do.add_parser("live-status", help=_("the live-vaccine check: each condition"))
    live.add_argument("--json", action="store_true")
    confirm = do.add_parser("confirm", help=_("what your team told you about a condition"))
    confirm.add_argument("condition", choices=LIVE_CONDITION_CHOICES)
    answer = confirm.add_mutually_exclusive_group()
    answer.add_argument("--yes", dest="met", action="store_const", const=True)
    answer.add_argument("--no", dest="met", action="store_const", const=False)
    answer.add_argument("--unknown", dest="met", action="store_const", const="unknown")
    confirm.add_argument(
        "--since",
        type=iso_date,
        metavar="DATE",
        help=_("for immunosuppression: the date it stopped"),
    )
    card = do.add_parser("card", help=_("the vaccination record as a PDF, to carry"))
    card.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")


def _vaccine(args, data_dir: Path, clock) -> int:
    from companion.domain.days import format_date
    from companion.domain.immunity import LiveCondition
    from companion.domain.immunity_wording import (
        condition_line,
        dose_line,
        live_lock_line,
    )
    from companion.service.immunity import VaccineError

    if args.do == "card":
        return _vaccine_card(args, data_dir, clock)
    service = open_diary(data_dir, clock)
    immunity = service.immunity
    try:
        try:
            if args.do == "list":
                plan = immunity.plan()
                if args.json:
                    print_json([vaccine_json(p) for p in plan])
                    return 0
                print(
                    _("Vaccine plan, counted from Day 0 ({date}):").format(
                        date=format_date(service.transplants.active.day0)
                    )
                )
                for planned in plan:
                    print(f"  {planned.dose.id:>3}  {dose_line(planned.dose, planned.status)}")
                print(_("Dates are published defaults unless your team's plan differs."))
            elif args.do == "given":
                immunity.mark_given(args.id, args.on, args.where, args.batch)
                dose = immunity.dose(args.id)
                print(
                    _("Recorded: {vaccine}, dose {dose}, given on {date}.").format(
                        vaccine=dose.name, dose=dose.dose, date=format_date(args.on)
                    )
                )
            elif args.do == "not-given":
                immunity.mark_given(args.id, service.today(), given=False)
                print(_("Dose {id} is no longer marked as given.").format(id=args.id))
            elif args.do == "add":
                saved = immunity.add_dose(args.name, args.earliest, args.dose, args.live).value
                for dose in saved:
                    print(
                        _("Added {id}: {vaccine}, dose {dose}, from {date}.").format(
                            id=dose.id,
                            vaccine=dose.name,
                            dose=dose.dose,
                            date=format_date(dose.earliest),
                        )
                    )
            elif args.do == "edit":
                if args.earliest is None and args.name is None:
                    raise CommandError(_("give --earliest DATE (or --name TEXT) to change."))
                before = immunity.dose(args.id)
                immunity.edit_dose(args.id, args.earliest, args.name)
                after = immunity.dose(args.id)
                print(
                    _(
                        "Changed: {vaccine}, dose {dose}: from {old} → {new}. "
                        "The change is recorded in the change history."
                    ).format(
                        vaccine=after.name,
                        dose=after.dose,
                        old=format_date(before.earliest),
                        new=format_date(after.earliest),
                    )
                )
            elif args.do == "remove":
                dose = immunity.dose(args.id)
                immunity.remove_dose(args.id)
                print(
                    _("Took {vaccine}, dose {dose} off the plan (recorded).").format(
                        vaccine=dose.name, dose=dose.dose
                    )
                )
            elif args.do == "live-status":
                status = immunity.live_status()
                if args.json:
                    print_json(live_status_json(status))
                    return 0
                kind = service.transplants.active.kind
                print(live_lock_line(status.allowed))
                for state in status.conditions:
                    mark = "✓" if state.met else ("?" if state.met is None else "✗")
                    print(f"  {mark} {condition_line(state, kind)}")
            elif args.do == "confirm":
                if args.met is None and args.since is None:
                    raise CommandError(_("say what your team told you: --yes, --no or --unknown."))
                if args.since is not None and args.met in (False, "unknown"):
                    raise CommandError(_("--since goes with --yes (the date it stopped)."))
                met = None if args.met == "unknown" else args.met
                immunity.confirm_condition(LiveCondition(args.condition), met, args.since)
                status = immunity.live_status()
                state = next(c for c in status.conditions if c.name.value == args.condition)
                print(
                    _("Recorded: {condition}.").format(
                        condition=condition_line(state, service.transplants.active.kind)
                    )
                )
                print(live_lock_line(status.allowed))
        except VaccineError as error:
            raise CommandError(str(error)) from None
        return 0
    finally:
        service.close()


def _vaccine_card(args, data_dir: Path, clock) -> int:
    from companion.service.files import check_output

    output = check_output(args.output, "vaccination-record.pdf")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.immunity_report import write_vaccination_card_pdf
    from companion.service.immunity import gather_card

    service = open_diary(data_dir, clock)
    try:
        _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        pages = write_vaccination_card_pdf(gather_card(service), output)
    finally:
        service.close()
    print(
        ngettext(
            "Saved the vaccination record ({count} page) to {file}.",
            "Saved the vaccination record ({count} pages) to {file}.",
            pages,
        ).format(count=pages, file=output)
    )
    return 0


COMMANDS = {"vaccine": _vaccine}
