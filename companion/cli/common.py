"""What every command shares: the one-line refusal, the parser that gives it, the
argument types (numbers, dates, units, one-line text), JSON printing and the alert card
in plain lines."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import NoReturn

from companion.domain.days import (
    FIRST_YEAR,
    LAST_YEAR,
    NonexistentTimeError,
    instant_in_range,
    local_moment,
    range_refusal,
)
from companion.domain.text import control_problem, escape_controls
from companion.i18n import _


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
        print(
            _("{prog}: {message}. Try '{prog} --help'.").format(prog=self.prog, message=message),
            file=sys.stderr,
        )
        raise SystemExit(2)


# Argument types ------------------------------------------------------------------------------


def _in_range(day: date, text: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _(
                "{text} is not a date the app can use: please give a year from {first} to {last}"
            ).format(text=repr(text), first=FIRST_YEAR, last=LAST_YEAR)
        )
    return day


def iso_date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it as YEAR-MONTH-DAY, for example 2026-05-03").format(
                text=repr(text)
            )
        ) from None
    return _in_range(day, text)


def iso_moment(text: str) -> datetime:
    """An ISO-8601 date-time; without an offset it is taken as this computer's local time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _(
                "{text} is not a date and time; write it as ISO-8601, for example "
                "2026-05-03T08:30 or 2026-05-03T08:30+01:00"
            ).format(text=repr(text))
        ) from None
    try:
        if moment.tzinfo is None:
            moment = local_moment(moment)
    except NonexistentTimeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    except (OverflowError, ValueError, OSError):  # year 1 or 9999 in this time zone
        raise argparse.ArgumentTypeError(
            _(
                "{text} is outside the years the app can use: please give a time from "
                "{first} to {last}"
            ).format(text=repr(text), first=FIRST_YEAR, last=LAST_YEAR)
        ) from None
    if not instant_in_range(moment):
        raise argparse.ArgumentTypeError(f"{text!r}: {range_refusal(moment).rstrip('.')}")
    return moment


def decimal_arg(text: str) -> float:
    try:
        value = float(text.replace(",", ".")) if text.strip().isascii() else float("x")
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number").format(text=repr(text))
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(_("{text} is not a number").format(text=repr(text)))
    return value


# No count, minute or id the diary keeps comes near this; SQLite's integers stop at 2^63.
MAX_WHOLE = 10**9


def whole_arg(text: str) -> int:
    try:
        value = int(text) if text.strip().isascii() else int("x")
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number").format(text=repr(text))
        ) from None
    if abs(value) > MAX_WHOLE:
        raise argparse.ArgumentTypeError(
            _("{text} is far too large a number for the diary").format(text=repr(text))
        )
    return value


def id_arg(text: str) -> int:
    """An id the diary printed (a question's, an appointment's): a whole number from 1."""
    value = whole_arg(text)
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("{text} is not an id: ids are whole numbers from 1").format(text=repr(text))
        )
    return value


def line_arg(text: str) -> str:
    """Text on one line (a title, a place, a name): no control characters, no bytes that
    are not UTF-8 (refused here, with a message, rather than stored or echoed)."""
    problem = control_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"{escape_controls(repr(text))}: {problem}")
    return text


def note_arg(text: str) -> str:
    """A note or a question: as ``line_arg``, but newline and tab are kept."""
    problem = control_problem(text, multiline=True)
    if problem:
        raise argparse.ArgumentTypeError(f"{escape_controls(repr(text))}: {problem}")
    return text


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
            _("{text} is not a unit the app knows; use x10^9/L, x10^3/uL, /uL or /mm3").format(
                text=repr(text)
            )
        )
    return COUNT_UNITS[key]


def hb_unit(text: str) -> str:
    key = text.strip().lower().replace(" ", "")
    if key not in ("g/dl", "g/l"):
        raise argparse.ArgumentTypeError(
            _("{text} is not a haemoglobin unit; use g/dL or g/L").format(text=repr(text))
        )
    return "g/dL" if key == "g/dl" else "g/L"


def igg_unit(text: str) -> str:
    key = text.strip().lower().replace(" ", "")
    if key not in ("g/l", "mg/dl"):
        raise argparse.ArgumentTypeError(
            _("{text} is not an IgG unit; use g/L or mg/dL").format(text=repr(text))
        )
    return "g/L" if key == "g/l" else "mg/dL"


# Output --------------------------------------------------------------------------------------


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def alert_lines(alerts, service) -> list[str]:
    """The open card in plain lines: the same words as the window's card."""
    from companion.domain.alerts import AlertLevel

    if not alerts:
        return []
    words = service.log.card()
    if words is None:
        return []
    lines = [f"⚠ {words.headline.upper()}"]
    lines += [f"  - {reason}" for reason in words.reasons]
    lines.append(words.first)
    lines += list(words.rest)
    if words.level is AlertLevel.EMERGENCY:
        lines.append(_("When you have, record it with: companion ack --who emergency"))
    else:
        lines.append(_("When you have, record it with: companion ack"))
    return lines
