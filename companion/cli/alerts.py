"""``companion alerts`` and ``companion ack``: the open alerts, and recording a contact."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, alert_lines, note_arg, print_json
from companion.i18n import _, ngettext
from companion.service.serialise import alert_json


def add_parser(commands) -> None:
    """``alerts`` and ``ack``."""
    alerts = commands.add_parser("alerts", help=_("list the open alerts"))
    alerts.add_argument("--json", action="store_true")
    ack = commands.add_parser(
        "ack",
        help=_("record that you contacted your team (or called emergency services)"),
        description=_(
            "Record a contact. Contacting your team closes every open alert; a call "
            "to emergency services closes the emergency ones, and the rest stay open until you "
            "tell your team."
        ),
    )
    ack.add_argument(
        "--who",
        choices=("team", "emergency"),
        default="team",
        help=_("whom you contacted: your transplant team (default) or emergency services"),
    )
    ack.add_argument("--note", default="", type=note_arg, metavar="TEXT")


def _alerts(args, data_dir: Path, clock) -> int:
    service = open_diary(data_dir, clock)
    try:
        alerts = service.log.open_alerts()
        if args.json:
            print_json([alert_json(a, service) for a in alerts])
        elif not alerts:
            print(_("No open alerts."))
        else:
            for line in alert_lines(alerts, service):
                print(line)
        return 0
    finally:
        service.close()


def _ack(args, data_dir: Path, clock) -> int:
    from companion.service.errors import EntryError

    service = open_diary(data_dir, clock)
    try:
        try:
            op = service.log.acknowledge(args.note, args.who)
            contact = op.value if op is not None else None
        except EntryError as error:
            raise CommandError(str(error)) from None
        if contact is None:
            print(_("No open alerts: nothing to record."))
            return 0
        count = len(contact.alert_ids)
        time = f"{contact.entry.at:%H:%M}"
        if contact.entry.detail == "emergency":
            said = ngettext(
                "Recorded: you contacted emergency services at {time} ({count} alert closed).",
                "Recorded: you contacted emergency services at {time} ({count} alerts closed).",
                count,
            )
        else:
            said = ngettext(
                "Recorded: you contacted your team at {time} ({count} alert closed).",
                "Recorded: you contacted your team at {time} ({count} alerts closed).",
                count,
            )
        print(said.format(time=time, count=count))
        left = service.log.open_alerts()
        if left:
            print(
                ngettext(
                    "{count} alert still open: now tell your transplant team about them, then "
                    "record it with: companion ack",
                    "{count} alerts still open: now tell your transplant team about them, then "
                    "record it with: companion ack",
                    len(left),
                ).format(count=len(left))
            )
            for line in alert_lines(left, service):
                print(line)
        return 0
    finally:
        service.close()


COMMANDS = {"alerts": _alerts, "ack": _ack}
