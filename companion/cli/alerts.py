"""``companion alerts`` and ``companion ack``: the open alerts, and recording a contact."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, alert_lines, note_arg, print_json
from companion.service.serialise import alert_json


def add_parser(commands) -> None:
    """``alerts`` and ``ack``."""
    alerts = commands.add_parser("alerts", help="list the open alerts")
    alerts.add_argument("--json", action="store_true")
    ack = commands.add_parser(
        "ack",
        help="record that you contacted your team (or called emergency services)",
        description="Record a contact. Contacting your team closes every open alert; a call "
        "to emergency services closes the emergency ones, and the rest stay open until you "
        "tell your team.",
    )
    ack.add_argument(
        "--who",
        choices=("team", "emergency"),
        default="team",
        help="whom you contacted: your transplant team (default) or emergency services",
    )
    ack.add_argument("--note", default="", type=note_arg, metavar="TEXT")


def _alerts(args, data_dir: Path, clock) -> int:
    service = open_diary(data_dir, clock)
    try:
        alerts = service.open_alerts()
        if args.json:
            print_json([alert_json(a, service) for a in alerts])
        elif not alerts:
            print("No open alerts.")
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
            contact = service.acknowledge(args.note, args.who)
        except EntryError as error:
            raise CommandError(str(error)) from None
        if contact is None:
            print("No open alerts: nothing to record.")
            return 0
        who = "emergency services" if contact.entry.detail == "emergency" else "your team"
        count = len(contact.alert_ids)
        print(
            f"Recorded: you contacted {who} at {contact.entry.at:%H:%M} "
            f"({count} alert{'s' if count != 1 else ''} closed)."
        )
        left = service.open_alerts()
        if left:
            print(
                f"{len(left)} alert{'s' if len(left) != 1 else ''} still open: now tell your "
                "transplant team about them, then record it with: companion ack"
            )
            for line in alert_lines(left, service):
                print(line)
        return 0
    finally:
        service.close()


COMMANDS = {"alerts": _alerts, "ack": _ack}
