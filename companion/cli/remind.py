"""``companion remind --due``: what is due now, for a timer where the tray cannot run
(issue 20)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import print_json
from companion.i18n import _
from companion.service.serialise import reminder_json


def add_parser(commands) -> None:
    """``remind``."""
    remind = commands.add_parser(
        "remind",
        help=_(
            "print what is due now (and show it as desktop notifications): for a systemd "
            "timer, Task Scheduler or launchd where the tray cannot stay running"
        ),
    )
    remind.add_argument("--due", action="store_true", required=True, help=_("what is due now"))
    remind.add_argument("--json", action="store_true")
    remind.add_argument(
        "--no-popups", action="store_true", help=_("print only; show no notification")
    )


def _remind(args, data_dir: Path, clock) -> int:
    """``remind --due``: what is due now, printed, and shown as notifications where a
    desktop session has a notification service."""
    from companion.domain.medicine_words import reminder_text

    service = open_diary(data_dir, clock)
    try:
        reminders = service.schedule.due()
        unit = service.settings.temperature_unit
        texts = [reminder_text(r, unit) for r in reminders]
        popups = service.schedule.popups and not args.no_popups
    finally:
        service.close()
    if args.json:
        print_json([reminder_json(r, t) for r, t in zip(reminders, texts, strict=True)])
    elif not reminders:
        print(_("Nothing is due now."))
    else:
        for text in texts:
            print(_("{title}. {text}").format(title=text.title, text=text.body))
    if popups and reminders and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        from companion.dbus_notify import send_once

        shown = send_once([(t.title, t.body) for t in texts])
        if not shown and not args.json:
            print(
                _("(No notification could be shown: this desktop has no notification service.)"),
                file=sys.stderr,
            )
    return 0


COMMANDS = {"remind": _remind}
