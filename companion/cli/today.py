"""``companion today``: the day number, phase, open alerts and the team's numbers."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import alert_lines, print_json
from companion.service.serialise import today_json


def add_parser(commands) -> None:
    """``today``."""
    today = commands.add_parser(
        "today", help="print today's day number, phase, open alerts and your team's numbers"
    )
    today.add_argument("--json", action="store_true")


def _today(args, data_dir: Path, clock) -> int:
    from companion.domain.days import format_date, format_day

    service = open_diary(data_dir, clock)
    try:
        status = service.status()
        alerts = service.open_alerts()
        if args.json:
            print_json(today_json(service, status, alerts))
            return 0
        transplant = status.transplant
        print(f"Today is {format_day(status.day)} · {status.phase.title}")
        print(f"{format_date(status.date)}; Day 0: {format_date(transplant.day0)}")
        team = service.team
        if team is not None:
            label, number = team.number_now(service.now())
            print(f"Your transplant team ({label.lower()}): {number}")
        low_again = service.neutrophils_low_again()
        if low_again is not None:  # nurse review 2: where the patient looks
            from companion.domain.wording import fallen_again_line

            print(fallen_again_line(low_again, service.count_unit))
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
    lines = [period_line(immunity.period(), service.active.kind)]
    due = immunity.due()
    for planned in due[:5]:
        lines.append(f"Vaccine: {dose_line(planned.dose, planned.status)}")
    if len(due) > 5:
        lines.append(f"… and {len(due) - 5} more: companion vaccine list")
    following = immunity.next_dose()
    if following is not None and not due:
        lines.append(next_dose_line(following.dose))
    return lines


COMMANDS = {"today": _today}
