"""``companion settings SETTING``: the numbers that decide when to call (each change
recorded), and the immune-count ranges."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, Parser, alert_lines, decimal_arg, igg_unit, whole_arg
from companion.i18n import _, format_decimal


def add_parser(commands) -> None:
    """``settings`` and each setting."""
    settings = commands.add_parser(
        "settings",
        help=_("change the numbers that decide when to call (each change is recorded)"),
    )
    which = settings.add_subparsers(
        dest="setting", metavar="SETTING", required=True, parser_class=Parser
    )
    fever = which.add_parser("fever", help=_("the fever limits: a preset, or your team's numbers"))
    choice = fever.add_mutually_exclusive_group(required=True)
    choice.add_argument("--preset", choices=("cdc", "idsa"))
    choice.add_argument("--single", type=decimal_arg, metavar="C")
    fever.add_argument("--sustained", type=decimal_arg, metavar="C")
    fever.add_argument("--minutes", type=whole_arg, metavar="M")
    fever.add_argument(
        "--confirm",
        action="store_true",
        help=_(
            "accept a number outside the range the cited sources give (check it with your "
            "team first)"
        ),
    )
    weight_setting = which.add_parser("weight", help=_("weight gain over the pre-treatment weight"))
    weight_setting.add_argument("--percent", required=True, type=decimal_arg, metavar="P")
    low = which.add_parser("low-temperature", help=_("call at a temperature below this"))
    low.add_argument("--below", required=True, type=decimal_arg, metavar="C")
    rise = which.add_parser("fever-rise", help=_("after a contact, call again if it rises by"))
    rise.add_argument("--by", required=True, type=decimal_arg, metavar="C")
    stools_setting = which.add_parser("stools", help=_("loose stools a day (donor transplants)"))
    stools_setting.add_argument("--per-day", required=True, type=whole_arg, metavar="N")
    _immunity_settings(which)  # issue 21


def _immunity_settings(which) -> None:
    live = which.add_parser(
        "live-vaccines",
        help=_("the waits before live vaccines (published: 24, 12 and 8 months)"),
    )
    live.add_argument("--months", type=whole_arg, metavar="N", help=_("months after Day 0"))
    live.add_argument(
        "--off-immunosuppression",
        type=whole_arg,
        metavar="N",
        help=_("months off immunosuppression"),
    )
    live.add_argument(
        "--after-ivig", type=whole_arg, metavar="N", help=_("months after the last IVIG")
    )
    overdue = which.add_parser("vaccine-overdue", help=_("when a dose not given shows as overdue"))
    overdue.add_argument("--days", required=True, type=whole_arg, metavar="N")
    period = which.add_parser("infection-period", help=_("the late period starts after Day +N"))
    period.add_argument("--late-after", required=True, type=whole_arg, metavar="N")
    flu = which.add_parser(
        "flu-season", help=_("the flu season's months (published: from September, 6 months)")
    )
    flu.add_argument(
        "--start-month",
        type=whole_arg,
        metavar="M",
        help=_("1-12: 9 = September, 3 = March (south)"),
    )
    flu.add_argument("--months", type=whole_arg, metavar="N", help=_("how many months it lasts"))
    _immune_range_parser(which)


def _immune_range_parser(which) -> None:
    ranges = which.add_parser(
        "immune-range",
        help=_("the range printed on your results for an immune count (shown beside values)"),
    )
    ranges.add_argument("--lymphocytes", metavar="LOW-HIGH", help=_("in the counts' unit"))
    ranges.add_argument("--cd4", metavar="LOW-HIGH", help=_("in cells/uL"))
    ranges.add_argument("--igg", metavar="LOW-HIGH", help=_("in --igg-unit"))
    ranges.add_argument("--igg-unit", type=igg_unit, default="g/L", metavar="UNIT")
    ranges.add_argument(
        "--clear", choices=("lymphocytes", "cd4", "igg"), action="append", default=[]
    )


def _settings(args, data_dir: Path, clock) -> int:
    from companion.domain.clinical import FEVER_PRESETS, SETTINGS_BY_KEY, setting_text
    from companion.service.errors import SettingError

    if args.setting == "immune-range":  # issue 21
        return _immune_range(args, data_dir, clock)
    if args.setting == "fever":
        if args.preset:
            if args.sustained is not None or args.minutes is not None:
                raise CommandError(_("--preset sets every fever number; leave out --sustained."))
            numbers = dict(FEVER_PRESETS[args.preset])
        else:
            if args.minutes is not None and args.sustained is None:
                raise CommandError(_("--minutes goes with --sustained C."))
            numbers = {
                "fever_single_c": args.single,
                "fever_sustained_c": args.sustained if args.sustained is not None else 0.0,
            }
            if args.minutes is not None:
                numbers["fever_sustained_minutes"] = float(args.minutes)
            if not args.confirm:
                _check_published(numbers)
    elif args.setting in IMMUNITY_SETTINGS:  # issue 21
        numbers = IMMUNITY_SETTINGS[args.setting](args)
        if not numbers:
            raise CommandError(_("give at least one number to change (see --help)."))
    else:
        key, value = {
            "weight": ("weight_gain_percent", getattr(args, "percent", None)),
            "low-temperature": ("low_temp_c", getattr(args, "below", None)),
            "fever-rise": ("fever_rise_c", getattr(args, "by", None)),
            "stools": ("stools_per_day", getattr(args, "per_day", None)),
        }[args.setting]
        numbers = {key: float(value)}
    service = open_diary(data_dir, clock)
    try:
        before = service.settings.numbers
        try:
            saved = service.settings.save(numbers=numbers).value
        except SettingError as error:
            raise CommandError(_("{error} Nothing was changed.").format(error=error)) from None
        after = service.settings.numbers
        changed = [key for key in numbers if before[key] != after[key]]
        if not changed:
            print(_("Nothing changed: those are already the numbers in force."))
        for key in changed:
            label = _(SETTINGS_BY_KEY[key].label)
            old, new = setting_text(key, before[key]), setting_text(key, after[key])
            print(_("Changed: {label}: {old} → {new}.").format(label=label, old=old, new=new))
        if changed:
            print(_("The change is recorded in the change history."))
        for line in alert_lines(list(saved.alerts), service):
            print(line)
        return 0
    finally:
        service.close()


def _check_published(numbers) -> None:
    """Refuse a number outside the range its cited sources give, naming the range and
    --confirm (a typo such as 39.8 for 38.9 would mute every fever alert)."""
    from companion.domain.clinical import SETTINGS_BY_KEY, validate_setting
    from companion.service.errors import SettingError

    for key, value in numbers.items():
        setting = SETTINGS_BY_KEY[key]
        try:
            value = validate_setting(key, value)
        except SettingError:
            continue  # the usual range check says what to do
        if setting.outside_published(value):
            raise CommandError(
                _(
                    "{value} {unit} is outside what the published sources give for "
                    "“{setting}” ({published}). Nothing was changed. If your team gave you "
                    "this number, run the command again with --confirm."
                ).format(
                    value=format_decimal(value, setting.decimals),
                    unit=setting.unit_text,
                    setting=_(setting.label),
                    published=setting.published_text(),
                )
            )


def _immune_range(args, data_dir: Path, clock) -> int:
    from companion.domain.immunity import parse_range
    from companion.domain.immunity_wording import range_text
    from companion.domain.labs import IggUnit
    from companion.service.immunity import immune_igg_unit

    typed = {"lymphocytes": args.lymphocytes, "cd4": args.cd4, "igg": args.igg}
    if not any(typed.values()) and not args.clear:
        raise CommandError(_("give a range, like --igg 7-16, or --clear NAME."))
    service = open_diary(data_dir, clock)
    try:
        factors = {
            "lymphocytes": service.settings.count_unit.factor,
            "cd4": 1.0,
            "igg": IggUnit(args.igg_unit).factor,
        }
        try:
            parsed = {
                key: parse_range(text, factors[key], key)
                for key, text in typed.items()
                if text is not None
            }
        except ValueError as error:
            raise CommandError(_("{error} Nothing was changed.").format(error=error)) from None
        for key, value in parsed.items():
            service.immunity.set_reference_range(key, value)
        for key in args.clear:
            service.immunity.set_reference_range(key, None)
        ranges = service.immunity.reference_ranges()
        for key, value in ranges.items():
            unit = service.settings.count_unit
            print(f"{key}: {range_text(key, value, unit, immune_igg_unit(service))}")
        print(
            _("The change is recorded in the change history. The app shows it; it judges nothing.")
        )
        return 0
    finally:
        service.close()


def _live_numbers(args) -> dict[str, float]:
    pairs = (
        ("live_vaccine_months", args.months),
        ("live_off_immunosuppression_months", args.off_immunosuppression),
        ("live_after_ivig_months", args.after_ivig),
    )
    return {key: float(value) for key, value in pairs if value is not None}


IMMUNITY_SETTINGS = {
    "live-vaccines": _live_numbers,
    "vaccine-overdue": lambda args: {"vaccine_overdue_days": float(args.days)},
    "infection-period": lambda args: {"late_infection_day": float(args.late_after)},
    "flu-season": lambda args: {  # nurse review 7
        key: float(value)
        for key, value in (
            ("flu_season_start_month", args.start_month),
            ("flu_season_months", args.months),
        )
        if value is not None
    },
}


COMMANDS = {"settings": _settings}
