"""The command line: the same diary service as the window, for carers, clinics and scripts.

Works with no display. Each command prints plain lines (or JSON with ``--json``), one line
on stderr when it cannot do what was asked — never a traceback — and exits 0 on success,
2 when what was typed cannot be used, 1 when the computer refused (a damaged file, a full
disk, a folder that cannot be written).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

import companion
from companion import desktop
from companion.domain.days import FIRST_YEAR, LAST_YEAR
from companion.domain.journey import Phase

DESCRIPTION = (
    "Transplant Companion: a private diary and organiser for a stem cell transplant. "
    "With no command, it opens the app window."
)
PHASE_CHOICES = (*(phase.value for phase in Phase), "all")
SOURCES = {"peripheral-blood": "blood", "marrow": "marrow", "cord-blood": "cord"}
SEVERITY_CHOICES = ("none", "mild", "moderate", "severe", "very-severe")
SITES = ("mouth", "armpit", "ear", "forehead")
COUNT_UNITS = {"x10^9/L": "x10^9/L", "x10^3/uL": "x10^3/uL", "/uL": "/uL", "/mm3": "/mm3"}


class CommandError(Exception):
    """A command cannot do what was asked; ``str()`` is the one line to print.

    ``status``: 2 when what was typed cannot be used, 1 when the computer refused.
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse, with a one-line error (and exit status 2) instead of usage and a message."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message}. Try '{self.prog} --help'.", file=sys.stderr)
        raise SystemExit(2)


# Argument types ------------------------------------------------------------------------------


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date the app can use: please give a year from {FIRST_YEAR} "
            f"to {LAST_YEAR}"
        )
    return day


def iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YEAR-MONTH-DAY, for example 2026-05-03"
        ) from None
    return _in_range(day, text)


def iso_moment(text: str) -> datetime:
    """An ISO-8601 date-time; without an offset it is taken as this computer's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time; write it as ISO-8601, for example "
            "2026-05-03T08:30 or 2026-05-03T08:30+01:00"
        ) from None
    _in_range(moment.date(), text)
    return moment if moment.tzinfo is not None else moment.astimezone()


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


# The parser -------------------------------------------------------------------------------


def _log_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        type=iso_moment,
        metavar="ISO-8601",
        help="when (default: now); a time in the future is refused",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="a note to keep with it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="companion", description=DESCRIPTION)
    parser.add_argument(
        "--version", action="version", version=f"Transplant Companion {companion.__version__}"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="keep the diary in DIR instead of your usual app data folder",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        help="open a sample diary (a donor transplant, around Day +12) in a throwaway "
        "folder; your own diary is not touched",
    )
    # For screenshots and for looking ahead: pretend today is another date.
    parser.add_argument("--today", type=iso_date, help=argparse.SUPPRESS)
    # For benchmarks/startup.py: quit as soon as the main window has painted.
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("open", help="open the app window (the default)")

    setup = commands.add_parser(
        "setup",
        help="create a diary without the window (refused if one exists)",
        description="Create a diary: the transplant's dates and the team's numbers.",
    )
    setup.add_argument("--kind", required=True, choices=("allogeneic", "autologous"))
    setup.add_argument("--source", required=True, choices=tuple(SOURCES))
    setup.add_argument("--day0", required=True, type=iso_date, metavar="DATE")
    setup.add_argument("--conditioning-start", required=True, type=iso_date, metavar="DATE")
    setup.add_argument("--team", required=True, metavar="NAME")
    setup.add_argument("--office-phone", required=True, metavar="N")
    setup.add_argument("--after-hours-phone", required=True, metavar="N")
    setup.add_argument(
        "--country",
        default="",
        metavar="CODE",
        help="two-letter ISO 3166 code (GB, US, IE, AU…): it picks the emergency number",
    )

    log = commands.add_parser(
        "log",
        help="log a temperature, weight, symptom, stools, blood counts or a transfusion",
        description="Log one thing; the alert rules judge it at once, as in the window.",
    )
    what = log.add_subparsers(dest="what", metavar="WHAT", required=True, parser_class=Parser)
    temperature = what.add_parser("temperature", help="a temperature, in °C unless --unit F")
    temperature.add_argument("value", metavar="VALUE")
    temperature.add_argument("--unit", choices=("C", "F"), default=None)
    temperature.add_argument("--site", choices=SITES, default="mouth")
    _log_options(temperature)
    weight = what.add_parser("weight", help="a weight in kg")
    weight.add_argument("value", metavar="KG")
    _log_options(weight)
    symptom = what.add_parser(
        "symptom", help="a symptom or infection sign by its id (--list shows them)"
    )
    symptom.add_argument("term", nargs="?", metavar="TERM")
    symptom.add_argument("--severity", choices=SEVERITY_CHOICES)
    symptom.add_argument("--list", action="store_true", help="print the ids and exit")
    _log_options(symptom)
    stools = what.add_parser("stools", help="loose or watery stools since midnight")
    stools.add_argument("value", type=_whole, metavar="N")
    _log_options(stools)
    counts = what.add_parser("counts", help="blood counts as printed on your results")
    counts.add_argument("--anc", type=_number, metavar="V")
    counts.add_argument("--wbc", type=_number, metavar="V")
    counts.add_argument("--neutrophil-percent", type=_number, metavar="P")
    counts.add_argument("--platelets", type=_number, metavar="V")
    counts.add_argument("--hb", type=_number, metavar="V")
    counts.add_argument(
        "--unit", choices=tuple(COUNT_UNITS), default="x10^9/L", help="the unit of the cell counts"
    )
    counts.add_argument(
        "--hb-unit", choices=("g/dL", "g/L"), default=None, help="the unit of haemoglobin"
    )
    _log_options(counts)
    transfusion = what.add_parser("transfusion", help="a transfusion given")
    transfusion.add_argument("product", choices=("platelets", "red-cells"))
    _log_options(transfusion)

    settings = commands.add_parser(
        "settings",
        help="change the numbers that decide when to call (each change is recorded)",
    )
    which = settings.add_subparsers(
        dest="setting", metavar="SETTING", required=True, parser_class=Parser
    )
    fever = which.add_parser("fever", help="the fever limits: a preset, or your team's numbers")
    choice = fever.add_mutually_exclusive_group(required=True)
    choice.add_argument("--preset", choices=("cdc", "idsa"))
    choice.add_argument("--single", type=_number, metavar="C")
    fever.add_argument("--sustained", type=_number, metavar="C")
    fever.add_argument("--minutes", type=_whole, metavar="M")
    weight_setting = which.add_parser("weight", help="weight gain over the pre-treatment weight")
    weight_setting.add_argument("--percent", required=True, type=_number, metavar="P")
    low = which.add_parser("low-temperature", help="call at a temperature below this")
    low.add_argument("--below", required=True, type=_number, metavar="C")
    rise = which.add_parser("fever-rise", help="after a contact, call again if it rises by")
    rise.add_argument("--by", required=True, type=_number, metavar="C")
    stools_setting = which.add_parser("stools", help="loose stools a day (donor transplants)")
    stools_setting.add_argument("--per-day", required=True, type=_whole, metavar="N")

    alerts = commands.add_parser("alerts", help="list the open alerts")
    alerts.add_argument("--json", action="store_true")
    ack = commands.add_parser("ack", help="record that you contacted your team")
    ack.add_argument("--note", default="", metavar="TEXT")

    today = commands.add_parser(
        "today", help="print today's day number, phase, open alerts and your team's numbers"
    )
    today.add_argument("--json", action="store_true")
    checklist = commands.add_parser(
        "checklist",
        help="save a phase checklist as a PDF to print (works without a screen)",
        description="Save a phase checklist, or all of them, as a PDF for printing.",
    )
    checklist.add_argument(
        "--phase",
        required=True,
        metavar="PHASE",
        help=f"one of: {', '.join(PHASE_CHOICES)} (all = every phase, each on new pages)",
    )
    checklist.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    checklist.add_argument(
        "--blank", action="store_true", help="empty boxes, for a fresh sheet (default: your ticks)"
    )
    export = commands.add_parser(
        "export", help="write the diary log to a CSV file, one row per entry"
    )
    export.add_argument("--csv", required=True, type=Path, metavar="FILE.csv")
    backup = commands.add_parser(
        "backup", help="write a copy of the diary (a consistent SQLite file) to FILE"
    )
    backup.add_argument("--output", required=True, type=Path, metavar="FILE")
    restore = commands.add_parser(
        "restore",
        help="check a backup FILE and put it in place of the diary; the diary it replaces is "
        "kept in the 'replaced' folder",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    desktop.add_commands(commands)
    return parser


# Running a command --------------------------------------------------------------------------


def run(args: argparse.Namespace, data_dir: Path, clock: Callable[[], datetime]) -> int:
    """Run the command in ``args``; print a refusal as one line on stderr."""
    from companion.service.errors import REFUSED, OutputError, StorageError

    handler = COMMANDS[args.command]
    try:
        if args.command not in desktop.COMMANDS:
            _prepare_data_folder(data_dir)
        return handler(args, data_dir, clock)
    except CommandError as error:
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return error.status
    except OutputError as error:
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return 2 if error.typed else 1
    except StorageError as error:  # our own refusals say what to do already
        print(f"companion {args.command}: {error}", file=sys.stderr)
        return 1
    except REFUSED as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"companion {args.command}: the computer refused: {reason}.", file=sys.stderr)
        return 1


def _prepare_data_folder(data_dir: Path) -> None:
    """Before any command: the diary's own files are refused as outputs; a restore a crash
    interrupted is finished (told in one line on stderr); files a killed run left behind
    are removed."""
    from companion.service.files import (
        finish_interrupted_restore,
        interrupted_restore,
        protect_data_folder,
        tidy_data_folder,
    )

    protect_data_folder(data_dir)
    if not data_dir.is_dir():
        return
    if interrupted_restore(data_dir):
        busy = (
            "Transplant Companion is restoring a backup of this diary (or will finish one "
            "that was interrupted). Try again when it has."
        )
        with locked(data_dir, "finish restoring the backup", busy):
            outcome = finish_interrupted_restore(data_dir)
        if outcome is not None:
            print(f"companion: {outcome.message}", file=sys.stderr)
    tidy_data_folder(data_dir)


def _service(data_dir: Path, clock, need_setup: bool = True):
    """The diary in ``data_dir``, or CommandError saying what to do."""
    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    path = db_path(data_dir)
    if not path.exists():
        raise CommandError(
            f"there is no diary in {data_dir} yet. Create one with 'companion setup …' (see "
            "'companion setup --help') or by opening the app.",
            1,
        )
    service = DiaryService.open(path, clock)
    if need_setup and not service.is_set_up:
        service.close()
        raise CommandError(
            "the diary is not set up yet. Run 'companion setup …' or open the app once.", 1
        )
    return service


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def alert_json(alert, service) -> dict:
    """An ALERT: {"id", "level", "kind", "at", "reason"}."""
    from companion.domain.wording import alert_reason

    return {
        "id": alert.id,
        "level": alert.level.id,
        "kind": alert.kind.value,
        "at": alert.raised_at.isoformat(timespec="seconds"),
        "reason": alert_reason(alert, service.vocabulary, service.temperature_unit),
    }


def _alert_lines(alerts, service) -> list[str]:
    from companion.domain.alerts import AlertLevel, card_level
    from companion.domain.wording import (
        alert_reason,
        call_team_line,
        emergency_line,
        headline,
    )

    if not alerts:
        return []
    level = card_level(alerts)
    assert level is not None
    lines = [f"⚠ {headline(level, service.country).upper()}"]
    for alert in alerts:
        reason = alert_reason(alert, service.vocabulary, service.temperature_unit)
        lines.append(f"  - {alert.raised_at:%H:%M %d %b}: {reason}")
    if level is AlertLevel.EMERGENCY:
        lines.append(emergency_line(service.country))
    lines.append(call_team_line(service.team, service.now()))
    lines.append("When you have, record it with: companion ack")
    return lines


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
            f"--conditioning-start must be 1 to {MAX_CONDITIONING_DAYS} days before --day0 "
            f"(it is {days} days)."
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
            if existing.is_set_up:
                raise CommandError(
                    f"there is already a diary in {data_dir}; nothing was changed. Use "
                    "'companion settings' or the app's Settings to change it."
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
        service.start(transplant, team, country)
        status = service.status()
    finally:
        service.close()
    from companion.domain.days import format_date, format_day
    from companion.domain.emergency import emergency_number

    print(f"Diary created in {data_dir}.")
    print(f"Day 0: {format_date(args.day0)}; today is {format_day(status.day)}.")
    print(f"Emergency number: {emergency_number(country)}.")
    return 0


def _entry_json(entry, service) -> dict:
    from companion.domain.entries import SEVERITIES, EntryKind

    unit = {
        EntryKind.TEMPERATURE: "C",
        EntryKind.WEIGHT: "kg",
        EntryKind.STOOLS: "per-day",
    }.get(entry.kind)
    return {
        "id": entry.id,
        "at": entry.at.isoformat(timespec="seconds"),
        "kind": entry.kind.value,
        "term": entry.term or None,
        "value": entry.value,
        "unit": unit,
        "severity": None
        if entry.severity is None
        else SEVERITIES[entry.severity].replace(" ", "-"),
        "detail": entry.detail or None,
        "note": entry.note or None,
    }


def _log(args, data_dir: Path, clock) -> int:
    from companion.service.errors import EntryError, LabError

    if args.what == "symptom" and args.list:
        return _list_terms()
    service = _service(data_dir, clock)
    try:
        try:
            if args.what in ("counts", "transfusion"):
                return _log_counts(args, service)
            entry = _entry_from(args, service)
            logged = service.log_entry(entry)
        except (EntryError, LabError) as error:
            raise CommandError(str(error)) from None
        if args.json:
            _print_json(
                {
                    "saved": _entry_json(logged.entry, service),
                    "alerts": [alert_json(a, service) for a in logged.alerts],
                    "at_or_above_limit": logged.at_or_above_limit,
                }
            )
            return 0
        from companion.domain.wording import describe_entry, notice_text

        detail = describe_entry(logged.entry, service.vocabulary, service.temperature_unit)
        what = f"{logged.entry.kind.title.lower()} {detail}".strip()
        print(f"Saved {what} at {logged.entry.at:%H:%M %d %b %Y}.")
        for notice in logged.judgement.notices:
            text = notice_text(notice, service.temperature_unit, service.today())
            if text:
                print(f"⚠ {text}")
        for line in _alert_lines(list(logged.alerts), service):
            print(line)
        return 0
    finally:
        service.close()


def _entry_from(args, service):
    from companion.domain.entries import (
        Entry,
        EntryError,
        EntryKind,
        TemperatureUnit,
        WeightUnit,
        parse_temperature,
        parse_weight,
    )

    at = args.at or service.now()
    note = args.note
    if args.what == "temperature":
        unit = TemperatureUnit(args.unit) if args.unit else TemperatureUnit.CELSIUS
        celsius = parse_temperature(args.value, unit)
        return Entry(at, EntryKind.TEMPERATURE, value=celsius, detail=args.site, note=note)
    if args.what == "weight":
        return Entry(at, EntryKind.WEIGHT, value=parse_weight(args.value, WeightUnit.KG), note=note)
    if args.what == "stools":
        return Entry(at, EntryKind.STOOLS, value=float(args.value), note=note)
    # a symptom or an infection sign, by its vocabulary id
    vocabulary = service.vocabulary
    if not args.term:
        raise EntryError("please name the symptom (see 'companion log symptom --list').")
    severity = None if args.severity is None else SEVERITY_CHOICES.index(args.severity)
    if vocabulary.symptom(args.term) is not None:
        if severity is None:
            raise EntryError("please say how bad it is with --severity (none … very-severe).")
        return Entry(at, EntryKind.SYMPTOM, term=args.term, severity=severity, note=note)
    if any(sign.id == args.term for sign in vocabulary.infections):
        return Entry(at, EntryKind.INFECTION, term=args.term, severity=severity, note=note)
    raise EntryError(
        f"there is no symptom called {args.term!r}. 'companion log symptom --list' shows them."
    )


def _list_terms() -> int:
    from companion.content.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    print("Symptoms (companion log symptom TERM --severity …):")
    for term in vocabulary.symptoms:
        print(f"  {term.id:<22} {term.label}")
    print("Infection signs (companion log symptom TERM):")
    for sign in vocabulary.infections:
        print(f"  {sign.id:<22} {sign.label}")
    return 0


def _log_counts(args, service) -> int:
    from companion.domain.engraftment import compute_anc
    from companion.domain.labs import (
        CountUnit,
        HbUnit,
        LabError,
        LabResult,
        Product,
        Transfusion,
        parse_count,
        parse_hb,
        parse_percent,
    )

    at = args.at or service.now()
    if args.what == "transfusion":
        product = Product.PLATELETS if args.product == "platelets" else Product.RED_CELLS
        saved_t = service.add_transfusion(Transfusion(at.date(), product))
        if args.json:
            _print_json(
                {
                    "saved": {
                        "id": saved_t.id,
                        "on": saved_t.on.isoformat(),
                        "kind": "transfusion",
                        "product": args.product,
                    },
                    "alerts": [],
                    "at_or_above_limit": False,
                }
            )
        else:
            print(f"Saved a {product.value} transfusion on {saved_t.on:%d %b %Y}.")
        return 0
    unit = CountUnit(COUNT_UNITS[args.unit])

    def count(value, what):
        return None if value is None else parse_count(repr(value), unit, what)

    anc, wbc = count(args.anc, "ANC"), count(args.wbc, "WBC")
    percent = (
        None if args.neutrophil_percent is None else parse_percent(repr(args.neutrophil_percent))
    )
    computed = False
    if anc is None and wbc is not None and percent is not None:
        anc, computed = compute_anc(wbc, percent), True
    elif anc is None and (wbc is None) != (percent is None):
        raise LabError("to work out the ANC, give both --wbc and --neutrophil-percent.")
    hb_unit = HbUnit(args.hb_unit) if args.hb_unit else service.hb_unit
    hb = None if args.hb is None else parse_hb(repr(args.hb), hb_unit)
    saved = service.add_lab(
        LabResult(at, anc, wbc, percent, count(args.platelets, "Platelets"), hb, computed)
    )
    if args.json:
        _print_json(
            {
                "saved": {
                    "id": saved.id,
                    "at": saved.at.isoformat(timespec="seconds"),
                    "kind": "counts",
                    "anc": saved.anc,
                    "anc_computed": saved.anc_computed,
                    "wbc": saved.wbc,
                    "neutrophil_percent": saved.neutrophil_percent,
                    "platelets": saved.platelets,
                    "hb": saved.hb,
                },
                "alerts": [],
                "at_or_above_limit": False,
            }
        )
        return 0
    from companion.domain.wording import lab_summary

    print(f"Saved blood counts of {saved.at:%H:%M %d %b %Y}: ")
    print(f"  {lab_summary(saved, service.count_unit, service.hb_unit)}")
    return 0


def _settings(args, data_dir: Path, clock) -> int:
    from companion.domain.clinical import FEVER_PRESETS, SETTINGS_BY_KEY
    from companion.service.errors import SettingError

    if args.setting == "fever":
        if args.preset:
            if args.sustained is not None or args.minutes is not None:
                raise CommandError("--preset sets every fever number; leave out --sustained.")
            numbers = dict(FEVER_PRESETS[args.preset])
        else:
            if args.minutes is not None and args.sustained is None:
                raise CommandError("--minutes goes with --sustained C.")
            numbers = {
                "fever_single_c": args.single,
                "fever_sustained_c": args.sustained if args.sustained is not None else 0.0,
            }
            if args.minutes is not None:
                numbers["fever_sustained_minutes"] = float(args.minutes)
    else:
        key, value = {
            "weight": ("weight_gain_percent", getattr(args, "percent", None)),
            "low-temperature": ("low_temp_c", getattr(args, "below", None)),
            "fever-rise": ("fever_rise_c", getattr(args, "by", None)),
            "stools": ("stools_per_day", getattr(args, "per_day", None)),
        }[args.setting]
        numbers = {key: float(value)}
    service = _service(data_dir, clock)
    try:
        before = service.numbers
        try:
            saved = service.save_settings(numbers=numbers)
        except SettingError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        after = service.numbers
        changed = [key for key in numbers if before[key] != after[key]]
        if not changed:
            print("Nothing changed: those are already the numbers in force.")
        for key in changed:
            setting = SETTINGS_BY_KEY[key]

            def shown(value: float, setting=setting) -> str:
                return (
                    "not used" if setting.can_be_off and value == 0 else f"{value:g} {setting.unit}"
                )

            print(f"Changed: {setting.label}: {shown(before[key])} → {shown(after[key])}.")
        if changed:
            print("The change is recorded in the change history.")
        for line in _alert_lines(list(saved.alerts), service):
            print(line)
        return 0
    finally:
        service.close()


def _alerts(args, data_dir: Path, clock) -> int:
    service = _service(data_dir, clock)
    try:
        alerts = service.open_alerts()
        if args.json:
            _print_json([alert_json(a, service) for a in alerts])
        elif not alerts:
            print("No open alerts.")
        else:
            for line in _alert_lines(alerts, service):
                print(line)
        return 0
    finally:
        service.close()


def _ack(args, data_dir: Path, clock) -> int:
    from companion.service.errors import EntryError

    service = _service(data_dir, clock)
    try:
        try:
            contact = service.acknowledge(args.note)
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
        return 0
    finally:
        service.close()


def _today(args, data_dir: Path, clock) -> int:
    from companion.domain.days import format_date, format_day

    service = _service(data_dir, clock)
    try:
        status = service.status()
        alerts = service.open_alerts()
        if args.json:
            _print_json(
                {
                    "day": status.day,
                    "phase": status.phase.value,
                    "date": status.date.isoformat(),
                    "open_alerts": [alert_json(a, service) for a in alerts],
                }
            )
            return 0
        transplant = status.transplant
        print(f"Today is {format_day(status.day)} · {status.phase.title}")
        print(f"{format_date(status.date)}; Day 0: {format_date(transplant.day0)}")
        team = service.team
        if team is not None:
            label, number = team.number_now(service.now())
            print(f"Your transplant team ({label.lower()}): {number}")
        for line in _alert_lines(alerts, service):
            print(line)
        return 0
    finally:
        service.close()


def _checklist(args, data_dir: Path, clock) -> int:
    """``checklist --phase PHASE --output FILE.pdf [--blank]``: no screen needed."""
    if args.phase not in PHASE_CHOICES:
        raise CommandError(
            f"unknown phase {args.phase!r}. Choose one of: {', '.join(PHASE_CHOICES)}."
        )
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.checklist_data import build_sheet
    from companion.printing.pdf import check_output, write_sheet_pdf
    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    output = check_output(args.output)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    phases = list(Phase) if args.phase == "all" else [Phase(args.phase)]
    path = db_path(data_dir)
    service = DiaryService.open(path, clock) if path.exists() else None
    try:
        today = clock().date()
        sheet = build_sheet(service, phases, today, blank=args.blank)
        pages = write_sheet_pdf(sheet, output)
    finally:
        if service is not None:
            service.close()
    generic = "" if sheet.kind else " (a general sheet: no diary is set up here)"
    print(f"Saved {pages} page{'s' if pages != 1 else ''} to {output}{generic}.")
    return 0


def _export(args, data_dir: Path, clock) -> int:
    """``export --csv FILE``: the log as CSV, one row per entry."""
    from companion.service.exports import export_csv
    from companion.service.files import check_output

    check_output(args.csv, "diary.csv")  # refused before the diary is even opened
    service = _service(data_dir, clock, need_setup=False)
    try:
        rows = export_csv(service, args.csv)
    finally:
        service.close()
    print(f"Wrote {rows} entr{'y' if rows == 1 else 'ies'} to {args.csv}.")
    return 0


def _backup(args, data_dir: Path, _clock=None) -> int:
    """``backup --output FILE``: a consistent, private copy of the diary."""
    from companion.service.files import backup_to

    written = backup_to(data_dir, args.output)
    print(f"Backed up the diary to {written}.")
    return 0


def diary_lock(data_dir: Path):
    """The lock that lets only one program write the diary; a crashed run's is recovered."""
    from PySide6.QtCore import QLockFile

    from companion.service.files import LOCK_FILENAME

    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)  # stale once its process is gone
    return lock


@contextlib.contextmanager
def locked(data_dir: Path, doing: str, busy: str = ""):
    """Hold the diary's lock while ``doing``, or say in one line why it cannot be taken:
    the diary is open in the app (``busy``, if given, says it instead), or its folder cannot
    be written."""
    from PySide6.QtCore import QLockFile

    from companion.service.files import LOCK_FILENAME

    lock = diary_lock(data_dir)
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise CommandError(
                busy or f"the diary is open in Transplant Companion. Close it, then {doing}.", 1
            )
        if lock.error() == QLockFile.LockError.PermissionError:
            raise CommandError(
                f"the diary's folder {data_dir} cannot be written to (it may be read-only), "
                f"so the app cannot {doing}. Nothing was changed.",
                1,
            )
        raise CommandError(
            f"the diary's lock cannot be taken (the disk may be full, or the folder "
            f"read-only), so the app cannot {doing}. Nothing was changed.",
            1,
        )
    try:
        if os.name == "posix":
            with contextlib.suppress(OSError):
                (data_dir / LOCK_FILENAME).chmod(0o600)
        yield lock
    finally:
        lock.unlock()


def _restore(args, data_dir: Path, _clock=None) -> int:
    """``restore FILE``: check the backup, keep the current diary, put the backup in place."""
    from companion.service.files import check_backup, restore

    if not data_dir.is_dir():
        raise CommandError(f"there is no diary folder {data_dir}.")
    check_backup(args.file)  # a bad backup is explained before anything else
    with locked(data_dir, "restore"):
        kept = restore(data_dir, args.file)
    print(f"Restored {args.file}." + (f" The diary it replaced is kept in {kept}." if kept else ""))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Path, Callable[[], datetime]], int]] = {
    "setup": _setup,
    "log": _log,
    "settings": _settings,
    "alerts": _alerts,
    "ack": _ack,
    "today": _today,
    "checklist": _checklist,
    "export": _export,
    "backup": _backup,
    "restore": _restore,
    **desktop.COMMANDS,
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
