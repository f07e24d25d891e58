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
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
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
# Cell-count units as labs print them, in the spellings people type (see count_unit()).
COUNT_UNITS = {
    "x10^9/l": "x10^9/L",
    "10^9/l": "x10^9/L",
    "x109/l": "x10^9/L",
    "g/l": "x10^9/L",
    "x10^3/ul": "x10^3/uL",
    "10^3/ul": "x10^3/uL",
    "x103/ul": "x10^3/uL",
    "k/ul": "x10^3/uL",
    "/ul": "/uL",
    "cells/ul": "/uL",
    "ul": "/uL",
    "/mm3": "/mm3",
    "cells/mm3": "/mm3",
    "mm3": "/mm3",
}


def count_unit(text: str) -> str:
    """A cell-count unit: x10^9/L, x10^3/uL, /uL or /mm3 (also ×10⁹/L, 10^9/L, K/uL, /µL…)."""
    key = (
        text.strip()
        .lower()
        .replace(" ", "")
        .replace("×", "x")
        .replace("µ", "u")
        .replace("μ", "u")
        .replace("⁹", "^9")
        .replace("³", "^3")
    )
    if key not in COUNT_UNITS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a unit the app knows; use x10^9/L, x10^3/uL, /uL or /mm3"
        )
    return COUNT_UNITS[key]


def hb_unit(text: str) -> str:
    key = text.strip().lower().replace(" ", "")
    if key not in ("g/dl", "g/l"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a haemoglobin unit; use g/dL or g/L")
    return "g/dL" if key == "g/dl" else "g/L"


SECTIONS = ("summary", "alerts", "temperature", "counts", "symptoms", "questions", "notes")


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
        "--unit",
        type=count_unit,
        default="x10^9/L",
        metavar="UNIT",
        help="the unit of the cell counts: x10^9/L (default), x10^3/uL, /uL or /mm3",
    )
    counts.add_argument("--hb-unit", type=hb_unit, default=None, metavar="UNIT", help="g/dL or g/L")
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
        "export",
        help="write the diary to files: the log as CSV, the counts as CSV, everything as .xlsx",
        description="Write the diary for your team or your own charts. Give one or more.",
    )
    export.add_argument(
        "--csv", type=Path, metavar="FILE.csv", help="the diary log, one row per entry"
    )
    export.add_argument(
        "--counts-csv",
        type=Path,
        metavar="FILE.csv",
        help="blood counts and transfusions, one row each",
    )
    export.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE.xlsx",
        help="a spreadsheet with one sheet per kind (log entries by kind, counts, "
        "transfusions, alerts, appointments, questions)",
    )
    report = commands.add_parser(
        "report",
        help="save the visit report for the clinic as a PDF (works without a screen)",
        description="Save the visit report: what the diary holds for a period, with charts, "
        "and the questions for the next visit. Default period: since the last clinic visit, "
        "or the last 14 days.",
    )
    report.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    report.add_argument("--to", dest="last", type=iso_date, metavar="DATE")
    report.add_argument(
        "--sections",
        metavar="LIST",
        help="which sections, separated by commas (default: all): " + ",".join(SECTIONS),
    )
    appointment = commands.add_parser(
        "appointment", help="add, list or export appointments (clinic visits, blood tests…)"
    )
    appointment_do = appointment.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    add_appointment = appointment_do.add_parser("add", help="add an appointment")
    add_appointment.add_argument("--at", required=True, type=iso_moment, metavar="ISO-8601")
    add_appointment.add_argument(
        "--what",
        required=True,
        metavar="TEXT",
        help="clinic visit, blood test, line care, scan — or your own words",
    )
    add_appointment.add_argument("--where", default="", metavar="TEXT")
    add_appointment.add_argument("--with", dest="with_whom", default="", metavar="WHO")
    add_appointment.add_argument("--note", default="", metavar="TEXT")
    add_appointment.add_argument("--json", action="store_true")
    list_appointments = appointment_do.add_parser("list", help="list upcoming and past ones")
    list_appointments.add_argument("--json", action="store_true")
    export_appointments = appointment_do.add_parser(
        "export", help="write them to a calendar file for a phone or a carer's calendar"
    )
    export_appointments.add_argument("--ics", required=True, type=Path, metavar="FILE.ics")
    question = commands.add_parser("question", help="the questions notebook for your visits")
    question_do = question.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    add_question = question_do.add_parser(
        "add", help="add a question (for the next visit unless --appointment ID)"
    )
    add_question.add_argument("text", metavar="TEXT")
    add_question.add_argument("--appointment", type=_whole, metavar="ID")
    add_question.add_argument("--json", action="store_true")
    list_questions = question_do.add_parser("list", help="list every question, by visit")
    list_questions.add_argument("--json", action="store_true")
    answer_question = question_do.add_parser("answer", help="record the team's answer")
    answer_question.add_argument("id", type=_whole, metavar="ID")
    answer_question.add_argument("text", metavar="TEXT")
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
    undo = commands.add_parser("undo", help="take back the newest change, whoever made it")
    undo.add_argument("--json", action="store_true")
    redo = commands.add_parser("redo", help="do again the change undone last")
    redo.add_argument("--json", action="store_true")
    history = commands.add_parser("history", help="the journal of changes, newest first")
    history.add_argument("--json", action="store_true")
    history.add_argument("--limit", type=_whole, metavar="N")
    purge = commands.add_parser(
        "purge", help="erase for good what was deleted (nothing can be undone after it)"
    )
    purge.add_argument("--yes", action="store_true", help="do not ask first")
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
    from companion.service.errors import StorageError

    # What undo can no longer bring back goes (quick when nothing is due). A read-only folder
    # or a full disk: reading still works, and erasing is tried again next time.
    with contextlib.suppress(StorageError):
        service.erase_expired()
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
        from companion.domain.wording import describe_entry, notice_text, site_note

        detail = describe_entry(logged.entry, service.vocabulary, service.temperature_unit)
        what = f"{logged.entry.kind.title.lower()} {detail}".strip()
        print(f"Saved {what} at {logged.entry.at:%H:%M %d %b %Y}.")
        for notice in logged.judgement.notices:
            text = notice_text(notice, service.temperature_unit, service.today())
            if text:
                print(f"⚠ {text}")
        if logged.entry.kind.value == "temperature":
            note = site_note(logged.entry.detail, service.limit_site)
            if note:
                print(note)
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
    from companion.domain.labs import (
        CountUnit,
        HbUnit,
        Product,
        Transfusion,
        lab_result,
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
    unit = CountUnit(args.unit)

    def count(value, what):
        return None if value is None else parse_count(repr(value), unit, what)

    anc, wbc = count(args.anc, "ANC"), count(args.wbc, "WBC")
    percent = (
        None if args.neutrophil_percent is None else parse_percent(repr(args.neutrophil_percent))
    )
    hb_unit = HbUnit(args.hb_unit) if args.hb_unit else service.hb_unit
    hb = None if args.hb is None else parse_hb(repr(args.hb), hb_unit)
    saved = service.add_lab(
        lab_result(at, anc, wbc, percent, count(args.platelets, "Platelets"), hb)
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

    print(f"Saved blood counts taken at {saved.at:%H:%M %d %b %Y}:")
    print(f"  {lab_summary(saved, service.count_unit, service.hb_unit)}")
    return 0


def _settings(args, data_dir: Path, clock) -> int:
    from companion.domain.clinical import FEVER_PRESETS, SETTINGS_BY_KEY, setting_text
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
            label = SETTINGS_BY_KEY[key].label
            old, new = setting_text(key, before[key]), setting_text(key, after[key])
            print(f"Changed: {label}: {old} → {new}.")
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
    """``export [--csv FILE] [--counts-csv FILE] [--xlsx FILE]``."""
    from companion.service.files import check_output

    if not (args.csv or args.counts_csv or args.xlsx):
        raise CommandError("say what to write: --csv FILE, --counts-csv FILE or --xlsx FILE.")
    for path, example in (
        (args.csv, "diary.csv"),
        (args.counts_csv, "counts.csv"),
        (args.xlsx, "diary.xlsx"),
    ):
        if path is not None:
            check_output(path, example)  # every path refused before any file is written
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.xlsx} should end in .xlsx, for example diary.xlsx.")
    service = _service(data_dir, clock, need_setup=False)
    try:
        if args.csv:
            from companion.service.exports import export_csv

            rows = export_csv(service, args.csv)
            print(f"Wrote {rows} entr{'y' if rows == 1 else 'ies'} to {args.csv}.")
        if args.counts_csv:
            from companion.service.counts_export import export_counts_csv

            rows = export_counts_csv(service, args.counts_csv)
            print(f"Wrote {rows} blood count and transfusion rows to {args.counts_csv}.")
        if args.xlsx:
            from companion.service.workbook import export_xlsx

            sheets = export_xlsx(service, args.xlsx)
            print(
                f"Wrote {len(sheets)} sheets ({sum(sheets.values())} rows) to {args.xlsx}: "
                + ", ".join(sheets)
                + "."
            )
    finally:
        service.close()
    return 0


def _report(args, data_dir: Path, clock) -> int:
    """``report --output FILE.pdf [--from DATE] [--to DATE] [--sections LIST]``."""
    from companion.service.report import Period, default_period, parse_sections

    sections = None
    if args.sections is not None:
        try:
            sections = parse_sections(args.sections)
        except ValueError as error:
            raise CommandError(f"--sections: {error}.") from None
    if args.first and args.last and args.first > args.last:
        raise CommandError("--from must not be after --to.")
    today = clock().date()
    if args.first and args.first > today:
        raise CommandError("--from is in the future: the report covers days already lived.")
    from companion.service.files import check_output

    output = check_output(args.output, "visit-report.pdf")
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.report_pdf import write_report_pdf
    from companion.service.report import gather_report

    service = _service(data_dir, clock)
    try:
        if args.first or args.last:
            last = args.last or today
            first = args.first or last - timedelta(days=13)
            if first > last:
                raise CommandError("--from must not be after --to.")
            period = Period(first, last, "the dates chosen")
        else:
            period = default_period(service)
        _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        data = gather_report(service, period, sections)
        pages = write_report_pdf(data, output)
    finally:
        service.close()
    from companion.domain.days import format_date

    print(
        f"Saved the visit report ({pages} page{'s' if pages != 1 else ''}) to {output}: "
        f"{format_date(period.first)} to {format_date(period.last)}, {period.reason}."
    )
    return 0


def appointment_json(appointment, service) -> dict:
    """An APPOINTMENT (see the README)."""
    day = None
    if service.journey is not None:
        day = service.transplant_on(appointment.day).day_number(appointment.day)
    return {
        "id": appointment.id,
        "at": appointment.at.isoformat(timespec="seconds"),
        "kind": appointment.kind.value,
        "kind_words": appointment.kind.words,
        "title": appointment.title or None,
        "what": appointment.what,
        "where": appointment.place or None,
        "with": appointment.with_whom or None,
        "note": appointment.note or None,
        "day": day,
        "past": appointment.is_past(service.today()),
    }


def question_json(placed) -> dict:
    """A QUESTION (see the README)."""
    question = placed.question
    return {
        "id": question.id,
        "text": question.text,
        "asked_at": question.asked_at.isoformat(timespec="seconds"),
        "appointment_id": placed.appointment.id if placed.appointment else None,
        "chosen_appointment_id": question.appointment_id,
        "carried_from": placed.carried_from.id if placed.carried_from else None,
        "answered": question.answered,
        "answered_at": question.answered_at.isoformat(timespec="seconds")
        if question.answered_at
        else None,
        "answer": question.answer or None,
    }


def _appointment(args, data_dir: Path, clock) -> int:
    from companion.domain.wording import appointment_line, next_appointment_line
    from companion.service.errors import VisitError

    if args.action == "export":
        from companion.service.files import check_output

        check_output(args.ics, "appointments.ics")
    service = _service(data_dir, clock)
    try:
        if args.action == "add":
            from companion.domain.visits import Appointment, parse_kind

            try:
                kind, title = parse_kind(args.what)
                saved = service.add_appointment(
                    Appointment(args.at, kind, title, args.where, args.with_whom, args.note)
                ).item
            except VisitError as error:
                raise CommandError(str(error)) from None
            if args.json:
                _print_json(appointment_json(saved, service))
            else:
                day = appointment_json(saved, service)["day"]
                print(f"Saved appointment {saved.id}: {appointment_line(saved, day)}.")
            return 0
        if args.action == "export":
            from companion.service.ics import export_ics

            count = export_ics(service, args.ics)
            print(f"Wrote {count} appointment{'s' if count != 1 else ''} to {args.ics}.")
            return 0
        appointments = service.appointments()
        if args.json:
            _print_json([appointment_json(a, service) for a in appointments])
            return 0
        if not appointments:
            print("No appointments yet. Add one with: companion appointment add --at … --what …")
            return 0
        following = service.next_appointment()
        if following is not None:
            print(
                next_appointment_line(
                    following.appointment, following.day, service.today(), following.questions
                )
            )
        today = service.today()
        for title, chosen in (
            ("Upcoming:", [a for a in appointments if not a.is_past(today)]),
            ("Past:", [a for a in reversed(appointments) if a.is_past(today)]),
        ):
            if chosen:
                print(title)
                for a in chosen:
                    day = appointment_json(a, service)["day"]
                    print(f"  {a.id:>3}  {appointment_line(a, day)}")
                    for label, text in (("note", a.note),):
                        if text:
                            print(f"       {label}: {text}")
        return 0
    finally:
        service.close()


def _question(args, data_dir: Path, clock) -> int:
    from companion.domain.wording import question_place
    from companion.service.errors import VisitError

    service = _service(data_dir, clock)
    try:
        if args.action == "add":
            try:
                saved = service.add_question(args.text, args.appointment).item
            except VisitError as error:
                raise CommandError(str(error)) from None
            placed = next(p for p in service.questions() if p.id == saved.id)
            if args.json:
                _print_json(question_json(placed))
            else:
                where = question_place(placed.appointment, service.today())
                print(f"Saved question {saved.id}, for {where}.")
            return 0
        if args.action == "answer":
            try:
                service.answer_question(args.id, args.text)
            except VisitError as error:
                raise CommandError(str(error)) from None
            print(f"Saved the answer to question {args.id}.")
            return 0
        questions = service.questions()
        if args.json:
            _print_json([question_json(p) for p in questions])
            return 0
        if not questions:
            print('No questions yet. Add one with: companion question add "…"')
            return 0
        today = service.today()
        groups: dict = {}
        for placed in questions:
            key = placed.appointment.id if placed.appointment else None
            groups.setdefault(key, []).append(placed)
        order = sorted(
            groups,
            key=lambda k: (k is None, groups[k][0].appointment.at if k is not None else 0),
        )
        for key in order:
            first = groups[key][0]
            print(f"For {question_place(first.appointment, today)}:")
            for placed in groups[key]:
                q = placed.question
                mark = "✓" if q.answered else "?"
                print(f"  {q.id:>3} {mark} {q.text}")
                if q.answered:
                    print(f"        answer: {q.answer}")
        return 0
    finally:
        service.close()


def _backup(args, data_dir: Path, _clock=None) -> int:
    """``backup --output FILE``: a consistent, private copy of the diary."""
    from companion.service.files import backup_to

    written = backup_to(data_dir, args.output)
    print(f"Backed up the diary to {written}.")
    return 0


def diary_lock(data_dir: Path):
    """The lock that lets only one program hold the diary (the window, a restore); a
    crashed run's is recovered. Qt-free (``storage.lock``)."""
    from companion.service.files import LOCK_FILENAME, DiaryLock

    return DiaryLock(data_dir / LOCK_FILENAME)


@contextlib.contextmanager
def locked(data_dir: Path, doing: str, busy: str = "", wait: float | None = None):
    """Hold the diary's lock while ``doing``, waiting for it up to ``wait`` seconds (by
    default ``WRITE_WAIT_SECONDS``), or say in one line why it cannot be taken: the diary is
    open in the app (``busy``, if given, says it instead), or its folder cannot be written."""
    from companion.service.files import WRITE_WAIT_SECONDS, LockError

    lock = diary_lock(data_dir)
    if not lock.try_lock(WRITE_WAIT_SECONDS if wait is None else wait):
        if lock.error is LockError.HELD:
            raise CommandError(
                busy or f"the diary is open in Transplant Companion. Close it, then {doing}.", 1
            )
        if lock.error is LockError.PERMISSION:
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


def _undo(args, data_dir: Path, clock) -> int:
    """``undo``/``redo``: the newest operation in the journal, whoever made it (issue 19)."""
    from companion.service.diary import JournalConflict

    again = args.command == "redo"
    service = _service(data_dir, clock, need_setup=False)
    try:
        try:
            done = service.redo() if again else service.undo()
        except JournalConflict as error:
            raise CommandError(str(error), 1) from None
        if done is None:
            print(f"Nothing to {args.command}.", file=sys.stderr)
            return 1
        item = done.item
        if args.json:
            key = "redone" if again else "undone"
            at = item.at.isoformat(timespec="seconds")
            print(
                json.dumps(
                    {key: {"operation": item.operation, "at": at, "summary": item.summary}},
                    ensure_ascii=False,
                )
            )
        else:
            print(f"{'Redone' if again else 'Undone'}: {item.summary} ({item.at:%d %b %H:%M}).")
        return 0
    finally:
        service.close()


def _history(args, data_dir: Path, clock) -> int:
    """``history``: the journal, newest first."""
    service = _service(data_dir, clock, need_setup=False)
    try:
        items = service.journal(args.limit)
        if args.json:
            _print_json([item.as_json() for item in items])
            return 0
        if not items:
            print("No changes recorded yet.")
        for item in items:
            undone = " (undone)" if item.state == "undone" else ""
            when = f"{item.at:%Y-%m-%d %H:%M}"
            print(f"{item.id:>5}  {when}  {item.front_end:<6}  {item.summary}{undone}")
        return 0
    finally:
        service.close()


def _purge(args, data_dir: Path, clock) -> int:
    """``purge [--yes]``: erase for good what was deleted, and what undo keeps."""
    service = _service(data_dir, clock, need_setup=False)
    try:
        waiting = service.deleted_count()
        if not args.yes:
            question = (
                f"This erases for good {waiting} deleted item{'s' if waiting != 1 else ''} and "
                "everything kept for undo; nothing can be undone after it. Erase now? [y/N] "
            )
            if not sys.stdin.isatty():
                raise CommandError(
                    "erasing cannot be taken back: run 'companion purge --yes' to erase what "
                    "was deleted. Nothing was changed.",
                    1,
                )
            if input(question).strip().lower() not in ("y", "yes"):
                print("Nothing was erased.")
                return 1
        erased = service.purge()
        print(
            f"Erased {erased} deleted item{'s' if erased != 1 else ''} for good; nothing kept "
            "for undo remains in the diary file. Backups made before now still hold them."
        )
        return 0
    finally:
        service.close()


COMMANDS: dict[str, Callable[[argparse.Namespace, Path, Callable[[], datetime]], int]] = {
    "setup": _setup,
    "log": _log,
    "settings": _settings,
    "alerts": _alerts,
    "ack": _ack,
    "today": _today,
    "checklist": _checklist,
    "export": _export,
    "report": _report,
    "appointment": _appointment,
    "question": _question,
    "backup": _backup,
    "restore": _restore,
    "undo": _undo,
    "redo": _undo,
    "history": _history,
    "purge": _purge,
    **desktop.COMMANDS,
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line, parsed. Opening the window (no command, or ``open``) takes only the
    window's own options: building every command's parser costs about 20 ms of start-up, so
    the full parser is built only for a command, ``--help``, ``--version`` or a mistake (it
    then gives the same answer or the same one-line error as always)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    window = _window_args(argv)
    return window if window is not None else build_parser().parse_args(argv)


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    if any(word in COMMANDS or word in ("-h", "--help", "--version") for word in argv):
        return None
    quick = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    quick.add_argument("--data-dir", type=Path)
    quick.add_argument("--demo", action="store_true")
    quick.add_argument("--today", type=iso_date)
    quick.add_argument("--exit-after-paint", action="store_true")
    quick.add_argument("command", nargs="?", choices=("open",))
    quick.error = _refuse  # type: ignore[method-assign]
    try:
        args, rest = quick.parse_known_args(argv)
    except _Refused:
        return None
    if rest or (args.demo and args.data_dir is not None):
        return None  # the full parser says what is wrong, as it always has
    return args


class _Refused(Exception):
    pass


def _refuse(message: str) -> NoReturn:
    raise _Refused(message)
