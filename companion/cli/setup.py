"""``companion setup``: create a diary without the window."""

from __future__ import annotations

from pathlib import Path

from companion.cli.common import CommandError, iso_date, line_arg
from companion.i18n import _, format_day_number, ngettext

SOURCES = {"peripheral-blood": "blood", "marrow": "marrow", "cord-blood": "cord"}


def add_parser(commands) -> None:
    """``setup``."""
    setup = commands.add_parser(
        "setup",
        help=_("create a diary without the window (refused if one exists)"),
        description=_("Create a diary: the transplant's dates and the team's numbers."),
    )
    setup.add_argument("--kind", required=True, choices=("allogeneic", "autologous"))
    setup.add_argument("--source", required=True, choices=tuple(SOURCES))
    setup.add_argument("--day0", required=True, type=iso_date, metavar="DATE")
    setup.add_argument("--conditioning-start", required=True, type=iso_date, metavar="DATE")
    setup.add_argument("--team", required=True, type=line_arg, metavar="NAME")
    setup.add_argument("--office-phone", required=True, metavar="N")
    setup.add_argument("--after-hours-phone", required=True, metavar="N")
    setup.add_argument(
        "--country",
        default="",
        metavar="CODE",
        help=_("two-letter ISO 3166 code (GB, US, IE, AU…): it picks the emergency number"),
    )


def _setup(args, data_dir: Path, clock) -> int:
    from companion.domain.emergency import clean_country
    from companion.domain.journey import MAX_CONDITIONING_DAYS, Transplant
    from companion.domain.kinds import GraftSource, TransplantKind
    from companion.domain.team import Team
    from companion.service.diary import DiaryService
    from companion.service.errors import CountryError, TeamError
    from companion.service.files import db_path, ensure_data_dir

    days = (args.day0 - args.conditioning_start).days
    if not 1 <= days <= MAX_CONDITIONING_DAYS:
        raise CommandError(
            ngettext(
                "--conditioning-start must be 1 to {most} days before --day0 (it is {count} day).",
                "--conditioning-start must be 1 to {most} days before --day0 (it is {count} days).",
                days,
            ).format(most=MAX_CONDITIONING_DAYS, count=days)
        )
    try:
        team = Team(args.team, args.office_phone, args.after_hours_phone).validated()
        country = clean_country(args.country)
    except (TeamError, CountryError) as error:
        raise CommandError(str(error)) from None
    path = db_path(data_dir)
    if path.exists() and path.stat().st_size > 0:
        existing = DiaryService.open(path, clock)
        try:
            if existing.transplants.is_set_up:
                raise CommandError(
                    _(
                        "there is already a diary in {folder}; nothing was changed. Use "
                        "'companion settings' or the app's Settings to change it."
                    ).format(folder=data_dir)
                )
        finally:
            existing.close()
    ensure_data_dir(data_dir)
    service = DiaryService.open(path, clock)
    try:
        transplant = Transplant(
            kind=TransplantKind(args.kind),
            source=GraftSource(SOURCES[args.source]),
            day0=args.day0,
            conditioning_days=days,
            day0_confirmed=args.day0 <= service.today(),
        )
        service.transplants.start(transplant, team, country)
        status = service.transplants.status()
    finally:
        service.close()
    from companion.domain.days import format_date
    from companion.domain.emergency import emergency_number

    print(_("Diary created in {folder}.").format(folder=data_dir))
    print(
        _("Day 0: {date}; today is {day}.").format(
            date=format_date(args.day0), day=format_day_number(status.day)
        )
    )
    print(_("Emergency number: {number}.").format(number=emergency_number(country)))
    return 0


COMMANDS = {"setup": _setup}
