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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import companion
from companion import desktop
from companion.domain.days import (
    FIRST_YEAR,
    LAST_YEAR,
    NonexistentTimeError,
    app_strftime,
    instant_in_range,
    local_moment,
    range_refusal,
)
from companion.domain.journey import Phase
from companion.domain.text import control_problem, escape_controls

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


SECTIONS = (
    "summary",
    "alerts",
    "temperature",
    "counts",
    "symptoms",
    "medicines",  # issue 20
    "questions",
    "notes",
)


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
    try:
        if moment.tzinfo is None:
            moment = local_moment(moment)
    except NonexistentTimeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    except (OverflowError, ValueError, OSError):  # year 1 or 9999 in this time zone
        raise argparse.ArgumentTypeError(
            f"{text!r} is outside the years the app can use: please give a time from "
            f"{FIRST_YEAR} to {LAST_YEAR}"
        ) from None
    if not instant_in_range(moment):
        raise argparse.ArgumentTypeError(f"{text!r}: {range_refusal(moment).rstrip('.')}")
    return moment


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ".")) if text.strip().isascii() else float("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


# No count, minute or id the diary keeps comes near this; SQLite's integers stop at 2^63.
MAX_WHOLE = 10**9


def _whole(text: str) -> int:
    try:
        value = int(text) if text.strip().isascii() else int("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if abs(value) > MAX_WHOLE:
        raise argparse.ArgumentTypeError(f"{text!r} is far too large a number for the diary")
    return value


def _row_id(text: str) -> int:
    """An id the diary printed (a question's, an appointment's): a whole number from 1."""
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id: ids are whole numbers from 1")
    return value


def _line(text: str) -> str:
    """Text on one line (a title, a place, a name): no control characters, no bytes that
    are not UTF-8 (refused here, with a message, rather than stored or echoed)."""
    problem = control_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"{escape_controls(repr(text))}: {problem}")
    return text


def _note(text: str) -> str:
    """A note or a question: as ``_line``, but newline and tab are kept."""
    problem = control_problem(text, multiline=True)
    if problem:
        raise argparse.ArgumentTypeError(f"{escape_controls(repr(text))}: {problem}")
    return text


# Output in any terminal -------------------------------------------------------------------

# What a terminal that cannot show a character gets instead (ASCII, so any encoding has it).
_STAND_INS = {
    "⚠": "!",
    "→": "->",
    "←": "<-",
    "✓": "v",
    "✗": "x",
    "−": "-",
    "–": "-",
    "—": "-",
    "…": "...",
    "·": "-",
    "°": "",  # "38.0 °C" becomes "38.0 C"
    "×": "x",
    "µ": "u",
    "⁹": "9",
    "³": "3",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u202f": " ",
}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: a character the terminal's encoding lacks becomes its stand-in,
    or its decomposed letters ("é" in ASCII → "e"), or "?"."""
    import unicodedata

    assert isinstance(error, UnicodeEncodeError)
    out = []
    for char in error.object[error.start : error.end]:
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            plain = unicodedata.normalize("NFKD", char)
            stand_in = "".join(c for c in plain if not unicodedata.combining(c))
            try:
                stand_in.encode(error.encoding)
            except (UnicodeError, LookupError):
                stand_in = "?"
        out.append(stand_in)
    return "".join(out), error.end


class SafeStream:
    """A text stream in front of stdout or stderr: every line reaches the terminal, in any
    locale's encoding (what it cannot show is replaced, "⚠" → "!"), and text from the diary
    can never drive the terminal (control characters are shown as ``\\xNN``)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        text = escape_controls(text)
        encoding = getattr(self._stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            text = text.encode(encoding, "companion-stand-in").decode(encoding)
        except LookupError:
            pass
        self._stream.write(text)
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_output():
    """While running: stdout and stderr through ``SafeStream`` (and back afterwards)."""
    import codecs

    try:
        codecs.lookup_error("companion-stand-in")
    except LookupError:
        codecs.register_error("companion-stand-in", _stand_in)
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(sys.stdout) if sys.stdout is not None else None
    sys.stderr = SafeStream(sys.stderr) if sys.stderr is not None else None
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


# The parser -------------------------------------------------------------------------------


def _log_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        type=iso_moment,
        metavar="ISO-8601",
        help="when (default: now); a time in the future is refused",
    )
    parser.add_argument(
        "--note", default="", type=_note, metavar="TEXT", help="a note to keep with it"
    )
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
    parser.add_argument(  # issue 20: what the autostart entry runs at login
        "--tray",
        action="store_true",
        help="start in the system tray, without the window, to give reminders",
    )
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
    setup.add_argument("--team", required=True, type=_line, metavar="NAME")
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
    _immune_count_options(counts)  # issue 21
    _log_options(counts)
    transfusion = what.add_parser("transfusion", help="a transfusion given")
    transfusion.add_argument("product", choices=("platelets", "red-cells"))
    _log_options(transfusion)
    ivig = what.add_parser("ivig", help="an IVIG (immunoglobulin) infusion given")  # issue 21
    _log_options(ivig)

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
    fever.add_argument(
        "--confirm",
        action="store_true",
        help="accept a number outside the range the cited sources give (check it with your "
        "team first)",
    )
    weight_setting = which.add_parser("weight", help="weight gain over the pre-treatment weight")
    weight_setting.add_argument("--percent", required=True, type=_number, metavar="P")
    low = which.add_parser("low-temperature", help="call at a temperature below this")
    low.add_argument("--below", required=True, type=_number, metavar="C")
    rise = which.add_parser("fever-rise", help="after a contact, call again if it rises by")
    rise.add_argument("--by", required=True, type=_number, metavar="C")
    stools_setting = which.add_parser("stools", help="loose stools a day (donor transplants)")
    stools_setting.add_argument("--per-day", required=True, type=_whole, metavar="N")
    _immunity_settings(which)  # issue 21

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
    ack.add_argument("--note", default="", type=_note, metavar="TEXT")

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
        "--fhir",
        type=Path,
        metavar="FILE.json",
        help="a FHIR R4 Bundle for a clinic's systems: readings, counts, symptoms and "
        "appointments with LOINC codes",
    )
    export.add_argument(
        "--csv-dialect",
        choices=("excel", "excel-eu"),
        default="excel",
        help="excel (default): commas and decimal points; excel-eu: semicolons and decimal "
        "commas, for spreadsheets in German, French and other decimal-comma languages",
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
        type=_line,
        metavar="TEXT",
        help="clinic visit, blood test, line care, scan — or your own words",
    )
    add_appointment.add_argument("--where", default="", type=_line, metavar="TEXT")
    add_appointment.add_argument("--with", dest="with_whom", default="", type=_line, metavar="WHO")
    add_appointment.add_argument("--note", default="", type=_note, metavar="TEXT")
    add_appointment.add_argument("--json", action="store_true")
    list_appointments = appointment_do.add_parser("list", help="list upcoming and past ones")
    list_appointments.add_argument("--json", action="store_true")
    export_appointments = appointment_do.add_parser(
        "export", help="write them to a calendar file for a phone or a carer's calendar"
    )
    export_appointments.add_argument("--ics", required=True, type=Path, metavar="FILE.ics")
    export_appointments.add_argument(
        "--reminder",
        type=int,
        metavar="MINUTES",
        help="add a reminder this many minutes before each upcoming appointment",
    )
    question = commands.add_parser("question", help="the questions notebook for your visits")
    question_do = question.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    add_question = question_do.add_parser(
        "add", help="add a question (for the next visit unless --appointment ID)"
    )
    add_question.add_argument("text", type=_note, metavar="TEXT")
    add_question.add_argument("--appointment", type=_row_id, metavar="ID")
    add_question.add_argument("--json", action="store_true")
    list_questions = question_do.add_parser("list", help="list every question, by visit")
    list_questions.add_argument("--json", action="store_true")
    answer_question = question_do.add_parser("answer", help="record the team's answer")
    answer_question.add_argument("id", type=_row_id, metavar="ID")
    answer_question.add_argument("text", type=_note, metavar="TEXT")
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
    _add_medicine_commands(commands)  # issue 20
    fix = commands.add_parser(
        "fix",
        help="correct or delete a row with a time the app cannot use (the diary says which)",
        description="An earlier version could save a time just outside the years the app "
        "uses; the diary then opens read-only and names the row. Give it a new time, or "
        "delete it.",
    )
    fix.add_argument(
        "what", choices=tuple(FIX_TABLES), metavar="WHAT", help="entry, count or appointment"
    )
    fix.add_argument("id", type=_row_id, metavar="ID")
    how = fix.add_mutually_exclusive_group(required=True)
    how.add_argument("--at", type=iso_moment, metavar="ISO-8601", help="its right time")
    how.add_argument("--delete", action="store_true", help="delete it")
    _immunity_commands(commands)  # issue 21: vaccine, checkups
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
    except BrokenPipeError:
        # The reader went away (``companion history | head``): whatever was to be saved is
        # saved; say nothing more, and send what is left of the output nowhere.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
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


def _service(data_dir: Path, clock, need_setup: bool = True, quiet: bool = False):
    """The diary in ``data_dir``, or CommandError saying what to do. A diary whose only
    fault is a row with a time the app cannot use opens read-only (said on stderr)."""
    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    path = db_path(data_dir)
    if not path.exists():
        raise CommandError(
            f"there is no diary in {data_dir} yet. Create one with 'companion setup …' (see "
            "'companion setup --help') or by opening the app.",
            1,
        )
    service = DiaryService.open(path, clock, read_only_if_unusable=True)
    rows = service.unusable_rows
    if rows and not quiet:
        print(
            f"companion: the diary is open read-only: {rows[0].describe()}, which the app "
            f"cannot use. Fix it with 'companion fix {rows[0].word} {rows[0].row_id} --at "
            "ISO-8601' or '--delete'.",
            file=sys.stderr,
        )
    from companion.service.errors import StorageError

    # What undo can no longer bring back goes (quick when nothing is due). A read-only folder
    # or a full disk: reading still works, and erasing is tried again next time.
    if not rows:
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
    """An ALERT: {"id", "level", "kind", "at", "reason", "readings", "anc"}.

    ``readings``: a fever or low-temperature alert's episode, worst first ([] for others);
    ``anc``: the latest ANC on or before the alert, for a fever alert (else null).
    """
    from companion.domain.alerts import AlertKind
    from companion.domain.wording import alert_reason

    anc = None
    if alert.kind is AlertKind.FEVER:
        before = [
            lab for lab in service.labs() if lab.anc is not None and lab.at <= alert.raised_at
        ]
        if before:
            latest = max(before, key=lambda lab: lab.at)
            anc = {"value": latest.anc, "at": latest.at.isoformat(timespec="seconds")}
    return {
        "id": alert.id,
        "level": alert.level.id,
        "kind": alert.kind.value,
        "at": alert.raised_at.isoformat(timespec="seconds"),
        "reason": alert_reason(alert, service.vocabulary, service.temperature_unit),
        "readings": [
            {
                "entry": r.id,
                "value": r.value,
                "unit": "C",
                "at": r.at.isoformat(timespec="seconds"),
            }
            for r in service.episode_readings(alert)
        ],
        "anc": anc,
    }


def _alert_lines(alerts, service) -> list[str]:
    """The open card in plain lines: the same words as the window's card."""
    from companion.domain.alerts import AlertLevel

    if not alerts:
        return []
    words = service.card()
    if words is None:
        return []
    lines = [f"⚠ {words.headline.upper()}"]
    lines += [f"  - {reason}" for reason in words.reasons]
    lines.append(words.first)
    lines += list(words.rest)
    if words.level is AlertLevel.EMERGENCY:
        lines.append("When you have, record it with: companion ack --who emergency")
    else:
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
            if args.what == "ivig":  # issue 21
                return _log_ivig(args, service)
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
        from companion.domain.rules import NoticeKind
        from companion.domain.wording import describe_entry, notice_text, site_note

        detail = describe_entry(logged.entry, service.vocabulary, service.temperature_unit)
        what = f"{logged.entry.kind.title.lower()} {detail}".strip()
        print(f"Saved {what} at {app_strftime(logged.entry.at, '%H:%M %d %b %Y')}.")
        for notice in logged.judgement.notices:
            text = notice_text(notice, service.temperature_unit, service.today())
            if text:
                print(f"⚠ {text}")
        if logged.entry.kind.value == "temperature":
            note = site_note(logged.entry.detail, service.limit_site)
            if note:
                print(note)
        shown = list(logged.alerts)
        if not shown and logged.judgement.notice(NoticeKind.CARD_OPEN) is not None:
            shown = service.open_alerts()  # the open card, with this reading on it now
        for line in _alert_lines(shown, service):
            print(line)
        if not logged.alerts:  # issue 21: a chronic GVHD check sign below its call level
            for line in _gvhd_check_lines(logged.entry, service.vocabulary):
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
            print(f"Saved a {product.value} transfusion on {app_strftime(saved_t.on, '%d %b %Y')}.")
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
    result = lab_result(at, anc, wbc, percent, count(args.platelets, "Platelets"), hb)
    result = _with_immune_counts(result, args, count)  # issue 21
    saved = service.add_lab(result)
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
                    "lymphocytes": saved.lymphocytes,
                    "cd4": saved.cd4,
                    "igg": saved.igg,
                },
                "alerts": [],
                "at_or_above_limit": False,
            }
        )
        return 0
    from companion.domain.wording import lab_summary

    print(f"Saved blood counts taken at {app_strftime(saved.at, '%H:%M %d %b %Y')}:")
    print(f"  {lab_summary(saved, service.count_unit, service.hb_unit)}")
    return 0


def _settings(args, data_dir: Path, clock) -> int:
    from companion.domain.clinical import FEVER_PRESETS, SETTINGS_BY_KEY, setting_text
    from companion.service.errors import SettingError

    if args.setting == "immune-range":  # issue 21
        return _immune_range(args, data_dir, clock)
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
            if not args.confirm:
                _check_published(numbers)
    elif args.setting in IMMUNITY_SETTINGS:  # issue 21
        numbers = IMMUNITY_SETTINGS[args.setting](args)
        if not numbers:
            raise CommandError("give at least one number to change (see --help).")
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
                f"{value:.{setting.decimals}f} {setting.unit} is outside what the published "
                f"sources give for “{setting.label}” ({setting.published_text()}). Nothing "
                "was changed. If your team gave you this number, run the command again with "
                "--confirm."
            )


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
            for line in _alert_lines(left, service):
                print(line)
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
                    "last_contact": _last_contact_json(service),
                    "team": _team_json(service),
                    "neutrophil_recovery": _recovery_json(service, status.transplant),
                    **_today_immunity_json(service),  # issue 21
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
        low_again = service.neutrophils_low_again()
        if low_again is not None:  # nurse review 2: where the patient looks
            from companion.domain.wording import fallen_again_line

            print(fallen_again_line(low_again, service.count_unit))
        for line in _today_immunity_lines(service):  # issue 21
            print(line)
        for line in _alert_lines(alerts, service):
            print(line)
        return 0
    finally:
        service.close()


def _last_contact_json(service) -> dict | None:
    """{"at", "who": "team"|"emergency", "about"} of the latest contact, or None."""
    from companion.domain.wording import contact_about

    contact = service.latest_contact()
    if contact is None:
        return None
    worst = contact.worst.value if contact.worst is not None else None
    return {
        "at": contact.entry.at.isoformat(timespec="seconds"),
        "who": contact.who.value,
        "about": contact_about(contact.alerts, worst, service.temperature_unit, service.vocabulary),
    }


def _team_json(service) -> dict | None:
    """The team's numbers, and which one to call at this moment."""
    team = service.team
    if team is None:
        return None
    label, number = team.number_now(service.now())
    return {
        "name": team.name,
        "office_phone": team.office_phone,
        "after_hours_phone": team.after_hours_phone,
        "call_now": "office" if label == "Office hours" else "after-hours",
        "number": number,
    }


def _recovery_json(service, transplant) -> dict:
    """{"status", "day", "source", "fallen_again"}: neutrophil recovery, first recovery kept."""
    found = service.neutrophil_status(transplant)
    fallen = None
    if found.fallen_again is not None:
        day, value = found.fallen_again
        fallen = {"day": transplant.day_number(day), "value": value}
    return {
        "status": found.status.value,
        "day": transplant.day_number(found.on) if found.on is not None else None,
        "source": found.source,
        "fallen_again": fallen,
    }


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
    """``export [--csv FILE] [--counts-csv FILE] [--xlsx FILE] [--fhir FILE]``."""
    from companion.service.files import check_output

    if not (args.csv or args.counts_csv or args.xlsx or args.fhir):
        raise CommandError(
            "say what to write: --csv FILE, --counts-csv FILE, --xlsx FILE or --fhir FILE."
        )
    for path, example in (
        (args.csv, "diary.csv"),
        (args.counts_csv, "counts.csv"),
        (args.xlsx, "diary.xlsx"),
        (args.fhir, "diary-fhir.json"),
    ):
        if path is not None:
            check_output(path, example)  # every path refused before any file is written
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.xlsx} should end in .xlsx, for example diary.xlsx.")
    from companion.service.spreadsheet import DIALECTS

    dialect = DIALECTS[args.csv_dialect]
    service = _service(data_dir, clock, need_setup=False)
    try:
        if args.csv:
            from companion.service.exports import export_csv

            rows = export_csv(service, args.csv, dialect)
            print(f"Wrote {rows} entr{'y' if rows == 1 else 'ies'} to {args.csv}.")
        if args.counts_csv:
            from companion.service.counts_export import export_counts_csv

            rows = export_counts_csv(service, args.counts_csv, dialect)
            print(f"Wrote {rows} blood count and transfusion rows to {args.counts_csv}.")
        if args.xlsx:
            from companion.service.workbook import export_xlsx

            sheets = export_xlsx(service, args.xlsx)
            print(
                f"Wrote {len(sheets)} sheets ({sum(sheets.values())} rows) to {args.xlsx}: "
                + ", ".join(sheets)
                + "."
            )
        if args.fhir:
            from companion.service.fhir import export_fhir

            count = export_fhir(service, args.fhir)
            print(f"Wrote a FHIR R4 bundle of {count} resources to {args.fhir}.")
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
        if args.reminder is not None and not 0 <= args.reminder <= 7 * 24 * 60:
            raise CommandError("--reminder: give the minutes before, from 0 to 10080 (a week).")
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

            count = export_ics(service, args.ics, args.reminder)
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


FIX_TABLES = {"entry": "entries", "count": "labs", "appointment": "appointments"}


def _fix(args, data_dir: Path, clock) -> int:
    """``fix WHAT ID (--at ISO-8601 | --delete)``: the way out of a read-only diary."""
    from companion.service.errors import EntryError, VisitError

    service = _service(data_dir, clock, need_setup=False, quiet=True)
    try:
        table = FIX_TABLES[args.what]
        if not any(r.table == table and r.row_id == args.id for r in service.unusable_rows):
            raise CommandError(
                f"{args.what} {args.id} needs no fixing: only a row the diary names as holding "
                "a time the app cannot use is fixed here."
            )
        try:
            service.fix_row(table, args.id, None if args.delete else args.at)
        except (EntryError, VisitError) as error:
            raise CommandError(str(error)) from None
        done = "Deleted" if args.delete else "Corrected"
        print(f"{done} {args.what} {args.id}.")
        left = service.unusable_rows
        if left:
            print(f"Still to fix: {left[0].describe()} ('companion fix {left[0].word} …').")
        else:
            print("The diary can be written again.")
        return 0
    finally:
        service.close()


# Issue 21: rebuilding the immune system (vaccine plan, live-vaccine lock, immune counts,
# IVIG, late-effects check-ups). New functions only; the lead may move them at merge.


def _immunity_settings(which) -> None:
    live = which.add_parser(
        "live-vaccines", help="the waits before live vaccines (published: 24, 12 and 8 months)"
    )
    live.add_argument("--months", type=_whole, metavar="N", help="months after Day 0")
    live.add_argument(
        "--off-immunosuppression", type=_whole, metavar="N", help="months off immunosuppression"
    )
    live.add_argument("--after-ivig", type=_whole, metavar="N", help="months after the last IVIG")
    overdue = which.add_parser("vaccine-overdue", help="when a dose not given shows as overdue")
    overdue.add_argument("--days", required=True, type=_whole, metavar="N")
    period = which.add_parser("infection-period", help="the late period starts after Day +N")
    period.add_argument("--late-after", required=True, type=_whole, metavar="N")
    flu = which.add_parser(
        "flu-season", help="the flu season's months (published: from September, 6 months)"
    )
    flu.add_argument(
        "--start-month", type=_whole, metavar="M", help="1-12: 9 = September, 3 = March (south)"
    )
    flu.add_argument("--months", type=_whole, metavar="N", help="how many months it lasts")
    _immune_range_parser(which)


def _immune_range_parser(which) -> None:
    ranges = which.add_parser(
        "immune-range",
        help="the range printed on your results for an immune count (shown beside values)",
    )
    ranges.add_argument("--lymphocytes", metavar="LOW-HIGH", help="in the counts' unit")
    ranges.add_argument("--cd4", metavar="LOW-HIGH", help="in cells/uL")
    ranges.add_argument("--igg", metavar="LOW-HIGH", help="in --igg-unit")
    ranges.add_argument("--igg-unit", type=igg_unit, default="g/L", metavar="UNIT")
    ranges.add_argument(
        "--clear", choices=("lymphocytes", "cd4", "igg"), action="append", default=[]
    )


def _immune_range(args, data_dir: Path, clock) -> int:
    from companion.domain.immunity import parse_range
    from companion.domain.immunity_wording import range_text
    from companion.domain.labs import IggUnit
    from companion.service.immunity import immune_igg_unit

    typed = {"lymphocytes": args.lymphocytes, "cd4": args.cd4, "igg": args.igg}
    if not any(typed.values()) and not args.clear:
        raise CommandError("give a range, like --igg 7-16, or --clear NAME.")
    service = _service(data_dir, clock)
    try:
        factors = {
            "lymphocytes": service.count_unit.factor,
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
            raise CommandError(f"{error} Nothing was changed.") from None
        for key, value in parsed.items():
            service.immunity.set_reference_range(key, value)
        for key in args.clear:
            service.immunity.set_reference_range(key, None)
        ranges = service.immunity.reference_ranges()
        for key, value in ranges.items():
            print(f"{key}: {range_text(key, value, service.count_unit, immune_igg_unit(service))}")
        print("The change is recorded in the change history. The app shows it; it judges nothing.")
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


def _immune_count_options(counts: argparse.ArgumentParser) -> None:
    counts.add_argument(
        "--lymphocytes", type=_number, metavar="V", help="lymphocytes, in the --unit of the counts"
    )
    counts.add_argument("--cd4", type=_number, metavar="N", help="CD4 T cells, in cells/uL")
    counts.add_argument("--igg", type=_number, metavar="V", help="IgG, in --igg-unit")
    counts.add_argument(
        "--igg-unit", type=igg_unit, default=None, metavar="UNIT", help="g/L (default) or mg/dL"
    )


def igg_unit(text: str) -> str:
    key = text.strip().lower().replace(" ", "")
    if key not in ("g/l", "mg/dl"):
        raise argparse.ArgumentTypeError(f"{text!r} is not an IgG unit; use g/L or mg/dL")
    return "g/L" if key == "g/l" else "mg/dL"


def _with_immune_counts(result, args, count):
    from dataclasses import replace

    from companion.domain.labs import IggUnit, parse_cd4, parse_igg

    if args.igg_unit is not None and args.igg is None:
        raise CommandError("--igg-unit goes with --igg V.")
    igg = None
    if args.igg is not None:
        igg = parse_igg(repr(args.igg), IggUnit(args.igg_unit or "g/L"))
    return replace(
        result,
        lymphocytes=count(args.lymphocytes, "Lymphocytes"),
        cd4=None if args.cd4 is None else parse_cd4(repr(args.cd4)),
        igg=igg,
    )


def _gvhd_check_lines(entry, vocabulary) -> list[str]:
    """What to do about a chronic GVHD sign: the term's own advice when it has one (some
    signs must not wait for the next visit: nurse review 3 and 4), else the general line."""
    from companion.content.immunity import load_gvhd_check
    from companion.domain.immunity_wording import gvhd_next_visit

    if entry.term and entry.term in load_gvhd_check().terms and entry.severity:
        symptom = vocabulary.symptom(entry.term)
        return [symptom.hint if symptom is not None and symptom.hint else gvhd_next_visit()]
    return []


def _log_ivig(args, service) -> int:
    at = service.immunity.add_ivig(args.at or service.now())
    if args.json:
        _print_json(
            {
                "saved": {"at": at.isoformat(timespec="seconds"), "kind": "ivig"},
                "alerts": [],
                "at_or_above_limit": False,
            }
        )
    else:
        print(f"Saved an IVIG infusion at {app_strftime(at, '%H:%M %d %b %Y')}.")
    return 0


def vaccine_json(planned) -> dict:
    """A VACCINE DOSE: {"id", "vaccine", "dose", "earliest", "given", "live", "status"}."""
    dose = planned.dose
    return {
        "id": dose.id,
        "vaccine": dose.name,
        "dose": dose.dose,
        "earliest": dose.earliest.isoformat(),
        "given": dose.given_on.isoformat() if dose.given_on else None,
        "live": dose.live,
        "status": planned.status.value,
    }


def live_status_json(status) -> dict:
    return {
        "allowed": status.allowed,
        "conditions": [
            {
                "name": c.name.value,
                "met": c.met,
                "since": c.since.isoformat() if c.since else None,
                "until": c.until.isoformat() if c.until else None,
            }
            for c in status.conditions
        ],
    }


def _today_immunity_json(service) -> dict:
    immunity = service.immunity
    return {
        "infection_period": immunity.period().value,
        "vaccines_due": [vaccine_json(p) for p in immunity.due()],
    }


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


LIVE_CONDITION_CHOICES = (
    "no-active-gvhd",
    "off-immunosuppression-1-year",
    "ivig-8-months",  # nurse review 6: "none recorded" is not "none given"
    "no-maintenance-treatment",
)


def _immunity_commands(commands) -> None:
    vaccine = commands.add_parser(
        "vaccine",
        help="the re-vaccination plan counted from Day 0, and the live-vaccine check",
        description="The plan starts from the published defaults for your kind of "
        "transplant; change it to your team's plan (each change is recorded).",
    )
    do = vaccine.add_subparsers(dest="do", metavar="ACTION", required=True, parser_class=Parser)
    listing = do.add_parser("list", help="every dose, with its earliest date and status")
    listing.add_argument("--json", action="store_true")
    given = do.add_parser("given", help="record that a dose was given")
    given.add_argument("id", type=_whole, metavar="ID")
    given.add_argument("--on", required=True, type=iso_date, metavar="DATE")
    given.add_argument("--where", default="", metavar="TEXT")
    given.add_argument("--batch", default="", metavar="TEXT")
    not_given = do.add_parser("not-given", help="take back a 'given' recorded by mistake")
    not_given.add_argument("id", type=_whole, metavar="ID")
    add = do.add_parser("add", help="add a vaccine: an id of the published list, or your own")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--earliest", type=iso_date, metavar="DATE")
    add.add_argument("--dose", type=_whole, default=1, metavar="N")
    add.add_argument("--live", action="store_true", help="it is a live vaccine")
    edit = do.add_parser("edit", help="your team's plan: change a dose's earliest date")
    edit.add_argument("id", type=_whole, metavar="ID")
    edit.add_argument("--earliest", type=iso_date, metavar="DATE")
    edit.add_argument("--name", metavar="TEXT")
    remove = do.add_parser("remove", help="take a dose off the plan")
    remove.add_argument("id", type=_whole, metavar="ID")
    live = do.add_parser("live-status", help="the live-vaccine check: each condition")
    live.add_argument("--json", action="store_true")
    confirm = do.add_parser("confirm", help="what your team told you about a condition")
    confirm.add_argument("condition", choices=LIVE_CONDITION_CHOICES)
    answer = confirm.add_mutually_exclusive_group()
    answer.add_argument("--yes", dest="met", action="store_const", const=True)
    answer.add_argument("--no", dest="met", action="store_const", const=False)
    answer.add_argument("--unknown", dest="met", action="store_const", const="unknown")
    confirm.add_argument(
        "--since", type=iso_date, metavar="DATE", help="for immunosuppression: the date it stopped"
    )
    card = do.add_parser("card", help="the vaccination record as a PDF, to carry")
    card.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    checkups = commands.add_parser(
        "checkups", help="the yearly late-effects check-ups: list, accept, tick"
    )
    what = checkups.add_subparsers(dest="do", metavar="ACTION", required=True, parser_class=Parser)
    listing = what.add_parser("list", help="the plan, with dates")
    listing.add_argument("--json", action="store_true")
    accept = what.add_parser("accept", help="put a check-up in your calendar")
    accept.add_argument("id", type=_whole, metavar="ID")
    accept.add_argument("--at", type=iso_moment, metavar="ISO-8601")
    done = what.add_parser("done", help="tick a check-up as done")
    done.add_argument("id", type=_whole, metavar="ID")
    done.add_argument("--on", type=iso_date, metavar="DATE")


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
    service = _service(data_dir, clock)
    immunity = service.immunity
    try:
        try:
            if args.do == "list":
                plan = immunity.plan()
                if args.json:
                    _print_json([vaccine_json(p) for p in plan])
                    return 0
                print(f"Vaccine plan, counted from Day 0 ({format_date(service.active.day0)}):")
                for planned in plan:
                    print(f"  {planned.dose.id:>3}  {dose_line(planned.dose, planned.status)}")
                print("Dates are published defaults unless your team's plan differs.")
            elif args.do == "given":
                immunity.mark_given(args.id, args.on, args.where, args.batch)
                dose = immunity.dose(args.id)
                print(f"Recorded: {dose.name}, dose {dose.dose}, given on {format_date(args.on)}.")
            elif args.do == "not-given":
                immunity.mark_given(args.id, service.today(), given=False)
                print(f"Dose {args.id} is no longer marked as given.")
            elif args.do == "add":
                saved = immunity.add_dose(args.name, args.earliest, args.dose, args.live)
                for dose in saved:
                    print(
                        f"Added {dose.id}: {dose.name}, dose {dose.dose}, from "
                        f"{format_date(dose.earliest)}."
                    )
            elif args.do == "edit":
                if args.earliest is None and args.name is None:
                    raise CommandError("give --earliest DATE (or --name TEXT) to change.")
                before = immunity.dose(args.id)
                immunity.edit_dose(args.id, args.earliest, args.name)
                after = immunity.dose(args.id)
                print(
                    f"Changed: {after.name}, dose {after.dose}: from "
                    f"{format_date(before.earliest)} → {format_date(after.earliest)}. "
                    "The change is recorded in the change history."
                )
            elif args.do == "remove":
                dose = immunity.dose(args.id)
                immunity.remove_dose(args.id)
                print(f"Took {dose.name}, dose {dose.dose} off the plan (recorded).")
            elif args.do == "live-status":
                status = immunity.live_status()
                if args.json:
                    _print_json(live_status_json(status))
                    return 0
                kind = service.active.kind
                print(live_lock_line(status.allowed))
                for state in status.conditions:
                    mark = "✓" if state.met else ("?" if state.met is None else "✗")
                    print(f"  {mark} {condition_line(state, kind)}")
            elif args.do == "confirm":
                if args.met is None and args.since is None:
                    raise CommandError("say what your team told you: --yes, --no or --unknown.")
                if args.since is not None and args.met in (False, "unknown"):
                    raise CommandError("--since goes with --yes (the date it stopped).")
                met = None if args.met == "unknown" else args.met
                immunity.confirm_condition(LiveCondition(args.condition), met, args.since)
                status = immunity.live_status()
                state = next(c for c in status.conditions if c.name.value == args.condition)
                print(f"Recorded: {condition_line(state, service.active.kind)}.")
                print(live_lock_line(status.allowed))
        except VaccineError as error:
            raise CommandError(str(error)) from None
        return 0
    finally:
        service.close()


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


def _vaccine_card(args, data_dir: Path, clock) -> int:
    from companion.service.files import check_output

    output = check_output(args.output, "vaccination-record.pdf")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.immunity_report import write_vaccination_card_pdf
    from companion.service.immunity import gather_card

    service = _service(data_dir, clock)
    try:
        _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        pages = write_vaccination_card_pdf(gather_card(service), output)
    finally:
        service.close()
    print(f"Saved the vaccination record ({pages} page{'s' if pages != 1 else ''}) to {output}.")
    return 0


def _checkups(args, data_dir: Path, clock) -> int:
    from companion.content.immunity import load_screening
    from companion.domain.days import format_date
    from companion.service.errors import VisitError
    from companion.service.immunity import VaccineError

    service = _service(data_dir, clock)
    try:
        immunity = service.immunity
        try:
            if args.do == "list":
                plan = load_screening()
                items = immunity.screening()
                if args.json:
                    _print_json(
                        [
                            {
                                "id": i.id,
                                "check": i.item,
                                "title": plan.check(i.item).title if plan.check(i.item) else i.item,
                                "due": i.due_on.isoformat(),
                                "appointment_id": i.appointment_id,
                                "done": i.done_on.isoformat() if i.done_on else None,
                            }
                            for i in items
                        ]
                    )
                    return 0
                print("Yearly check-ups (published guidance; your team may plan others):")
                for i in items:
                    check = plan.check(i.item)
                    state = (
                        f"done {format_date(i.done_on)}"
                        if i.done_on
                        else ("in your calendar" if i.appointment_id else "not booked")
                    )
                    title = check.title if check else i.item
                    print(f"  {i.id:>3}  {format_date(i.due_on)}  {title}: {state}")
            elif args.do == "accept":
                immunity.accept_screening(args.id, args.at)
                print(f"Check-up {args.id} is in your calendar ('companion appointment list').")
            elif args.do == "done":
                immunity.tick_screening(args.id, True, args.on)
                print(f"Check-up {args.id} is ticked as done.")
        except (VaccineError, VisitError) as error:
            raise CommandError(str(error)) from None
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
    "vaccine": _vaccine,  # issue 21
    "checkups": _checkups,  # issue 21
    "backup": _backup,
    "restore": _restore,
    "medicine": lambda args, data_dir, clock: _medicine(args, data_dir, clock),  # issue 20
    "remind": lambda args, data_dir, clock: _remind(args, data_dir, clock),  # issue 20
    "fix": _fix,
    "undo": _undo,
    "redo": _undo,
    "history": _history,
    "purge": _purge,
    **desktop.COMMANDS,
}


# Medicines and reminders (issue 20) -----------------------------------------------------------


def _add_medicine_commands(commands) -> None:
    """``medicine list|add|change|stop|take|skip|due`` and ``remind --due``."""
    medicine = commands.add_parser(
        "medicine",
        help="the medicine list: add, change (a taper step), stop; record doses taken or "
        "skipped; what is due",
    )
    do = medicine.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    listing = do.add_parser("list", help="the medicines on the list (today, or --on DATE)")
    listing.add_argument("--on", type=iso_date, metavar="DATE")
    listing.add_argument("--json", action="store_true")
    add = do.add_parser(
        "add", help="add a medicine as your team wrote it down (the app never suggests a dose)"
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--dose", required=True, metavar="TEXT", help='for example "1 mg"')
    add.add_argument("--times", required=True, metavar="HH:MM,…", help="times of day")
    add.add_argument(
        "--every-hours", type=_whole, metavar="N", help="every N hours from the time given"
    )
    add.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    add.add_argument("--to", dest="last", type=iso_date, metavar="DATE", help="the last day")
    add.add_argument("--for", dest="purpose", default="", metavar="TEXT")
    add.add_argument(
        "--food",
        choices=("any", "with-food", "empty-stomach"),
        default="any",
        help=argparse.SUPPRESS,
    )
    add.add_argument(
        "--hold-on-blood-test-days",
        action="store_true",
        help="on a day with a blood test, hold the doses before it until the sample is taken",
    )
    add.add_argument("--json", action="store_true")
    change = do.add_parser("change", help="a new dose from a date (a taper step)")
    change.add_argument("id", type=_whole, metavar="ID")
    change.add_argument("--dose", required=True, metavar="TEXT")
    change.add_argument("--from", dest="first", required=True, type=iso_date, metavar="DATE")
    change.add_argument("--json", action="store_true")
    stop = do.add_parser("stop", help="no more doses from a date (default today)")
    stop.add_argument("id", type=_whole, metavar="ID")
    stop.add_argument("--on", type=iso_date, metavar="DATE")
    stop.add_argument("--json", action="store_true")
    take = do.add_parser("take", help="record a dose taken (the one due nearest now)")
    take.add_argument("id", type=_whole, metavar="ID")
    take.add_argument("--at", type=iso_moment, metavar="ISO-8601", help="when it was taken")
    take.add_argument("--due", type=iso_moment, metavar="ISO-8601", help="which dose")
    take.add_argument("--json", action="store_true")
    skip = do.add_parser("skip", help="record a dose skipped, with the reason")
    skip.add_argument("id", type=_whole, metavar="ID")
    skip.add_argument("--reason", required=True, metavar="TEXT")
    skip.add_argument("--due", type=iso_moment, metavar="ISO-8601", help="which dose")
    skip.add_argument("--json", action="store_true")
    due = do.add_parser("due", help="the doses due now (or --at), with their status")
    due.add_argument("--at", type=iso_moment, metavar="ISO-8601")
    due.add_argument("--json", action="store_true")
    chart = do.add_parser("chart", help="write the printable medicine chart (a PDF) for the week")
    chart.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    chart.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    remind = commands.add_parser(
        "remind",
        help="print what is due now (and show it as desktop notifications): for a systemd "
        "timer, Task Scheduler or launchd where the tray cannot stay running",
    )
    remind.add_argument("--due", action="store_true", required=True, help="what is due now")
    remind.add_argument("--json", action="store_true")
    remind.add_argument("--no-popups", action="store_true", help="print only; show no notification")


def medicine_json(medicine, day: date) -> dict:
    """A MEDICINE (see the README): as it is on ``day``."""
    last = medicine.last_day
    return {
        "id": medicine.id,
        "name": medicine.name,
        "dose": medicine.dose_on(day),
        "times": [t.strftime("%H:%M") for t in medicine.times_on(day)]
        if medicine.every_hours is not None
        else [t.strftime("%H:%M") for t in medicine.times],
        "from": medicine.start.isoformat(),
        "to": last.isoformat() if last else None,
        "for": medicine.purpose or None,
    }


def dose_json(dose) -> dict:
    """A DOSE (see the README)."""
    return {
        "medicine": dose.medicine_id,
        "name": dose.name,
        "dose": dose.dose,
        "due": dose.due.isoformat(timespec="seconds"),
        "status": dose.status.value,
    }


def _medicine(args, data_dir: Path, clock) -> int:
    from companion.domain.medicine_words import dose_line, medicine_line, status_words
    from companion.domain.medicines import Food, Medicine, MedicineError, parse_times

    if args.action == "chart":
        from companion.service.files import check_output

        check_output(args.output, "medicines.pdf")
    service = _service(data_dir, clock)
    book = service.medicines
    today = service.today()
    try:
        try:
            if args.action == "list":
                day = args.on or today
                if args.on is not None:
                    chosen = book.on(day)
                else:
                    chosen = [m for m in book.all() if m.last_day is None or m.last_day >= today]
                if args.json:
                    _print_json([medicine_json(m, day) for m in chosen])
                elif not chosen:
                    print("No medicines on the list. Add one with: companion medicine add …")
                else:
                    for m in chosen:
                        note = "" if m.taken_on(day) else "  (not taken that day)"
                        print(f"  {m.id:>3}  {medicine_line(m, day)}{note}")
                return 0
            if args.action == "add":
                times = parse_times(args.times)
                medicine, _ = book.add(
                    Medicine(
                        name=args.name,
                        dose=args.dose,
                        times=times,
                        start=args.first or today,
                        end=args.last,
                        purpose=args.purpose,
                        every_hours=args.every_hours,
                        food=Food(args.food),
                        hold_on_blood_test=args.hold_on_blood_test_days,
                    )
                )
                if args.json:
                    _print_json(medicine_json(medicine, medicine.start))
                else:
                    print(
                        f"Saved medicine {medicine.id}: {medicine_line(medicine, medicine.start)}."
                    )
                return 0
            if args.action == "change":
                book.change_dose(args.id, args.dose, args.first)
                medicine = book.get(args.id)
                if args.json:
                    _print_json(medicine_json(medicine, args.first))
                else:
                    print(f"Saved: {medicine.name} {args.dose} from {args.first.isoformat()}.")
                return 0
            if args.action == "stop":
                on = args.on or today
                book.stop(args.id, on)
                medicine = book.get(args.id)
                if args.json:
                    _print_json(medicine_json(medicine, on))
                else:
                    print(f"Stopped {medicine.name}: no doses from {on.isoformat()} on.")
                return 0
            if args.action in ("take", "skip"):
                if args.action == "take":
                    recorded = book.take(args.id, args.at, args.due)
                else:
                    recorded = book.skip(args.id, args.reason, args.due)
                dose = recorded.dose
                if args.json:
                    _print_json(dose_json(dose))
                else:
                    print(
                        f"Recorded: {dose.name} {dose.dose}, the "
                        f"{dose.due:%Y-%m-%d %H:%M} dose, {status_words(dose)}."
                    )
                return 0
            if args.action == "due":
                found = book.due(args.at)
                if args.json:
                    _print_json([dose_json(d) for d in found])
                elif not found:
                    print("No doses due now.")
                else:
                    for dose in found:
                        print(f"  {dose.medicine_id:>3}  {dose_line(dose)}")
                return 0
            if args.action == "chart":
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                from PySide6.QtGui import QGuiApplication

                from companion.printing.medicine_chart import write_chart

                _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
                pages = write_chart(service, args.output, args.first or today)
                many = "s" if pages != 1 else ""
                print(f"Wrote the medicine chart ({pages} page{many}) to {args.output}.")
                return 0
        except MedicineError as error:
            raise CommandError(str(error)) from None
        raise CommandError(f"unknown action {args.action!r}")  # pragma: no cover
    finally:
        service.close()


def reminder_json(reminder, text) -> dict:
    """A REMINDER (see the README)."""
    dose = reminder.dose
    return {
        "kind": reminder.kind.value,
        "at": reminder.at.isoformat(timespec="seconds"),
        "until": reminder.until.isoformat(timespec="seconds"),
        "title": text.title,
        "text": text.body,
        "medicine": dose.medicine_id if dose else None,
        "due": dose.due.isoformat(timespec="seconds") if dose else None,
    }


def _remind(args, data_dir: Path, clock) -> int:
    """``remind --due``: what is due now, printed, and shown as notifications where a
    desktop session has a notification service."""
    from companion.domain.medicine_words import reminder_text

    service = _service(data_dir, clock)
    try:
        reminders = service.schedule.due()
        unit = service.temperature_unit
        texts = [reminder_text(r, unit) for r in reminders]
        popups = service.schedule.popups and not args.no_popups
    finally:
        service.close()
    if args.json:
        _print_json([reminder_json(r, t) for r, t in zip(reminders, texts, strict=True)])
    elif not reminders:
        print("Nothing is due now.")
    else:
        for text in texts:
            print(f"{text.title}. {text.body}")
    if popups and reminders and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        from companion.dbus_notify import send_once

        shown = send_once([(t.title, t.body) for t in texts])
        if not shown and not args.json:
            print(
                "(No notification could be shown: this desktop has no notification service.)",
                file=sys.stderr,
            )
    return 0


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
    quick.add_argument("--tray", action="store_true")
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
