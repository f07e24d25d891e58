"""``companion today``: the day number, phase, open alerts and the team's numbers."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import alert_lines, print_json
from companion.domain.team import AFTER_HOURS
from companion.i18n import _, format_day_number, ngettext
from companion.service.serialise import today_json


def add_parser(commands) -> None:
    """``today``."""
    today = commands.add_parser(
        "today", help=_("print today's day number, phase, open alerts and your team's numbers")
    )
    today.add_argument("--json", action="store_true")


def _today(args, data_dir: Path, clock) -> int:
    from companion.domain.days import format_date

    service = open_diary(data_dir, clock)
    try:
        status = service.transplants.status()
        alerts = service.log.open_alerts()
        if args.json:
            print_json(today_json(service, status, alerts))
            return 0
        transplant = status.transplant
        print(
            _("Today is {day} · {phase}").format(
                day=format_day_number(status.day), phase=_(status.phase.title)
            )
        )
        print(
            _("{date}; Day 0: {day0}").format(
                date=format_date(status.date), day0=format_date(transplant.day0)
            )
        )
        team = service.settings.team
        if team is not None:
            label, number = team.number_now(service.now())
            if label == AFTER_HOURS:
                line = _("Your transplant team (after hours): {number}")
            else:
                line = _("Your transplant team (office hours): {number}")
            print(line.format(number=number))
        low_again = service.labs.neutrophils_low_again()
        if low_again is not None:  # nurse review 2: where the patient looks
            from companion.domain.wording import fallen_again_line

            print(fallen_again_line(low_again, service.settings.count_unit))
        for line in _today_immunity_lines(service):  # issue 21
            print(line)
        for line in alert_lines(alerts, service):
            print(line)
        return 0
    finally:
        service.close()


def _today_immunity_lines(service) -> list[str]:
    from companion.domain.immunity_wording import dose_line, next_dose_line, period_line

    immunity = service.immunity
    lines = [period_line(immunity.period(), service.transplants.active.kind)]
    due = immunity.due()
    for planned in due[:5]:
        lines.append(_("Vaccine: {dose}").format(dose=dose_line(planned.dose, planned.status)))
    if len(due) > 5:
        more = len(due) - 5
        lines.append(
            ngettext(
                "… and {count} more: companion vaccine list",
                "… and {count} more: companion vaccine list",
                more,
            ).format(count=more)
        )
    following = immunity.next_dose()
    if following is not None and not due:
        lines.append(next_dose_line(following.dose))
    return lines


COMMANDS = {"today": _today}
