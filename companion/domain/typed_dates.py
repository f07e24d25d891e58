"""Dates and times as people type them: "28 May 2026", "28/5", "yesterday", "Day −6", "2pm".

A date field takes one typed line and shows the date back in words ("Thursday 28 May
2026"), so a misread order of day and month is seen at once. Nothing here guesses silently:
text that is not a date raises DateError saying what to type.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from companion.domain.days import MINUS

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset(
    [
        "monday",
        "mon",
        "tuesday",
        "tue",
        "tues",
        "wednesday",
        "wed",
        "thursday",
        "thu",
        "thur",
        "thurs",
        "friday",
        "fri",
        "saturday",
        "sat",
        "sunday",
        "sun",
    ]
)
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
DATE_HINT = "Type a date like 28 May 2026, 28/5/2026, yesterday or Day −6."
TIME_HINT = "Type a time like 14:05, 9:30 or 2pm."
# ASCII digits only: "¹" or "٣" are digits to Python's \d and isdigit(), not to a reader.
_DAY_NUMBER = re.compile(r"^day\s*([+\-" + MINUS + r"]?)\s*(\d{1,4})$", re.ASCII)
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{1,4}))?$", re.ASCII)
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.ASCII)


class DateError(ValueError):
    """Typed text is not a date (or a time); ``str()`` says what to type."""


def _is_number(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) <= 2:  # "26" is 2026: the diary is about now, not 1926
        year += (today.year // 100) * 100
    return year


def _make(year: int, month: int, day: int, typed: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"There is no such date as “{typed}”. {DATE_HINT}") from None


def parse_date(text: str, today: date, *, day_first: bool = True, day0: date | None = None) -> date:
    """The date ``text`` names.

    Args:
        today: what "today", "yesterday" and a date without a year are counted from.
        day_first: how to read 5/6/2026: 5 June (most of the world) or May 6 (the US).
        day0: the transplant's Day 0, so "Day −6" or "Day +12" can be typed.

    Raises:
        DateError: saying what to type.
    """
    typed = " ".join(text.split())
    words = typed.lower().replace(",", " ").split()
    words = [w for w in words if w.rstrip(".") not in WEEKDAYS]  # "Thursday 28 May 2026"
    if not words:
        raise DateError(f"Please type a date. {DATE_HINT}")
    joined = " ".join(words)
    if joined in RELATIVE:
        return today + timedelta(days=RELATIVE[joined])
    found = _DAY_NUMBER.match(joined.replace("–", "-"))
    if found:
        if day0 is None:
            raise DateError(f"“{typed}”: type the calendar date here. {DATE_HINT}")
        number = int(found.group(2)) * (-1 if found.group(1) in ("-", MINUS) else 1)
        return day0 + timedelta(days=number)
    if len(words) == 1 and words[0].rstrip(".") not in MONTHS:
        numeric = _NUMERIC.match(words[0])
        if numeric is None:
            raise DateError(f"“{typed}” is not a date. {DATE_HINT}")
        first, second, third = numeric.groups()
        if len(first) == 4:  # 2026-05-28
            if third is None:
                raise DateError(f"“{typed}” is not a whole date. {DATE_HINT}")
            return _make(int(first), int(second), int(third), typed)
        day, month = (int(first), int(second)) if day_first else (int(second), int(first))
        year = _year(third, today) if third else today.year
        return _make(year, month, day, typed)
    return _words_date(words, typed, today)


def _words_date(words: list[str], typed: str, today: date) -> date:
    """ "28 May 2026", "28th May", "May 28 2026", "28 May"."""
    day = month = year = None
    for word in words:
        word = word.rstrip(".")
        ordinal = _ORDINAL.match(word)
        if word in MONTHS and month is None:
            month = MONTHS[word]
        elif ((_is_number(word) and len(word) <= 2) or ordinal) and day is None:
            day = int(ordinal.group(1) if ordinal else word)
        elif _is_number(word) and len(word) == 4 and year is None:
            year = int(word)
        elif word == "of":
            continue
        else:
            raise DateError(f"“{typed}” is not a date. {DATE_HINT}")
    if day is None or month is None:
        raise DateError(f"“{typed}” is not a whole date. {DATE_HINT}")
    return _make(year or today.year, month, day, typed)


_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.ASCII)
_COMPACT = re.compile(r"^(\d{2})(\d{2})$", re.ASCII)


def parse_time(text: str) -> time:
    """The time of day ``text`` names: "14:05", "14.05", "1405", "9", "2pm", "2:30 pm",
    "noon", "midnight".

    Raises:
        DateError: saying what to type.
    """
    typed = " ".join(text.split())
    lowered = typed.lower()
    if not lowered:
        raise DateError(f"Please type a time. {TIME_HINT}")
    if lowered in ("noon", "midday"):
        return time(12, 0)
    if lowered == "midnight":
        return time(0, 0)
    compact = _COMPACT.match(lowered)
    found = _TIME.match(lowered) if compact is None else None
    if compact is not None:
        hour, minute, half = int(compact.group(1)), int(compact.group(2)), None
    elif found is not None:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        half = found.group(3)
    else:
        raise DateError(f"“{typed}” is not a time. {TIME_HINT}")
    if half is not None:
        if not 1 <= hour <= 12:
            raise DateError(f"“{typed}” is not a time. {TIME_HINT}")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise DateError(f"There is no such time as “{typed}”. {TIME_HINT}")
    return time(hour, minute)
