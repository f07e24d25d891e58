"""Dates and times as people type them: "28 May 2026", "28/5", "yesterday", "Day −6", "2pm".

A date field takes one typed line and shows the date back in words ("Thursday 28 May
2026"), so a misread order of day and month is seen at once. Nothing here guesses silently:
text that is not a date raises DateError saying what to type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

from companion import i18n
from companion.domain.days import MINUS
from companion.i18n import N_, _, pgettext

# English words are always understood, whatever the app's language: a date copied from an
# English letter from the team still reads. The language's own words come from Babel
# (months, weekdays) and from the catalogue (today, yesterday, Day …).
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
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
DATE_HINT = N_("Type a date like 28 May 2026, 28/5/2026, yesterday or Day −6.")
# Where no Day 0 is known (the Day 0 field itself), a day number cannot be typed: the hint
# must not offer one.
CALENDAR_DATE_HINT = N_("Type a date like 28 May 2026, 28/5/2026 or yesterday.")
TIME_HINT = N_("Type a time like 14:05, 9:30 or 2pm.")
# ASCII digits only: "¹" or "٣" are digits to Python's \d and isdigit(), not to a reader.
_DAY_NUMBER = re.compile(
    r"^([^\d\s+\-" + MINUS + r"]+)\s*([+\-" + MINUS + r"]?)\s*(\d{1,4})$", re.ASCII
)
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{1,4}))?$", re.ASCII)
_ORDINAL = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th|º|°|ª)$")


def date_hint(day_numbers: bool = True) -> str:
    """What to type in a date field, in the app's language; with ``day_numbers`` False
    (the field knows no Day 0) without "Day −6"."""
    return _(DATE_HINT) if day_numbers else _(CALENDAR_DATE_HINT)


def time_hint() -> str:
    """What to type in a time field, in the app's language."""
    return _(TIME_HINT)


def _plain(word: str) -> str:
    """``word`` lower-cased, without accents or a final full stop: "Miércoles" and
    "miercoles", "sept." and "sept" are the same word. (NFD, not NFKD: a superscript "¹"
    stays what it is, not a digit.)"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").rstrip(".")


def _words(message: str) -> list[str]:
    """A translated list of words (separated by spaces or commas), each made plain."""
    return [_plain(w) for w in message.replace(",", " ").split() if _plain(w)]


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    # Short weekdays that are short months too (Spanish "mar": martes and marzo): a month,
    # unless the date names another month ("mar 07 ene 1964": Tuesday).
    both: dict[str, int]
    relative: dict[str, int]
    day: frozenset[str]
    fillers: frozenset[str]
    noon: frozenset[str]
    midnight: frozenset[str]


@cache
def _vocabulary(tag: str) -> _Vocabulary:
    """The words a date may be typed with in the language ``tag`` (and in English)."""
    months = dict(MONTHS)
    weekdays = dict(WEEKDAYS)
    both: dict[str, int] = {}
    if i18n.language() != i18n.SOURCE_LANGUAGE:
        # The month's and weekday's names as the language writes them, in full and short
        # ("diciembre", "dic"), in a date and standing alone.
        for pattern in ("MMMM", "MMM", "LLLL", "LLL"):
            for number in range(1, 13):
                name = _plain(i18n.format_date(date(2026, number, 1), pattern))
                months.setdefault(name, number)
        for pattern in ("EEEE", "EEE", "cccc", "ccc"):
            for number in range(7):  # 5 January 2026 is a Monday
                name = _plain(i18n.format_date(date(2026, 1, 5 + number), pattern))
                if name in months:  # Spanish "mar": marzo, or martes beside another month
                    both.setdefault(name, number)
                else:
                    weekdays.setdefault(name, number)
    relative = dict(RELATIVE)
    for message, offset in (
        (pgettext("typed date", "today"), 0),
        (pgettext("typed date", "yesterday"), -1),
        (pgettext("typed date", "tomorrow"), 1),
        (pgettext("typed date", "the day before yesterday"), -2),
        (pgettext("typed date", "the day after tomorrow"), 2),
    ):
        relative.setdefault(" ".join(_words(message)), offset)
    return _Vocabulary(
        months=months,
        weekdays=weekdays,
        both=both,
        relative=relative,
        # Translators: the word of "Day −6", "Day +12" as typed in a date field.
        day=frozenset(["day", *_words(pgettext("typed date", "day"))]),
        # Translators: small words that may stand between a date's day, month and year,
        # separated by spaces ("8 de diciembre de 2026": "de del el").
        fillers=frozenset(["of", "the", "on", *_words(pgettext("typed date", "of the on"))]),
        noon=frozenset(["noon", "midday", *_words(pgettext("typed time", "noon midday"))]),
        midnight=frozenset(["midnight", *_words(pgettext("typed time", "midnight"))]),
    )


def vocabulary():
    """The words of the app's language in force (cached per language)."""
    return _vocabulary(i18n.locale_tag())


class DateError(ValueError):
    """Typed text is not a date (or a time); ``str()`` says what to type."""


def _is_number(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) <= 2:  # "26" is 2026: the diary is about now, not 1926
        year += (today.year // 100) * 100
    return year


def _make(year: int, month: int, day: int, typed: str, hint: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            _("There is no such date as “{typed}”. {hint}").format(typed=typed, hint=hint)
        ) from None


def _not_a_date(typed: str, hint: str) -> DateError:
    return DateError(_("“{typed}” is not a date. {hint}").format(typed=typed, hint=hint))


def _not_whole(typed: str, hint: str) -> DateError:
    return DateError(_("“{typed}” is not a whole date. {hint}").format(typed=typed, hint=hint))


def parse_date(
    text: str,
    today: date,
    *,
    day_first: bool = True,
    day0: date | None = None,
    weekday_ahead: bool = False,
) -> date:
    """The date ``text`` names, typed in English or in the app's language ("28 May 2026",
    "8 de diciembre", "8 dic", "martes", "ayer", "Día −6").

    Args:
        today: what "today", "yesterday" and a date without a year are counted from.
        day_first: how to read 5/6/2026: 5 June (most of the world) or May 6 (the US).
        day0: the transplant's Day 0, so "Day −6" or "Day +12" can be typed.
        weekday_ahead: what a weekday alone ("Tuesday") means: the last one, today
            included (a diary looks back), or with True the next one, today included
            (an appointment looks ahead).

    Raises:
        DateError: saying what to type.
    """
    words_of = vocabulary()
    hint = date_hint(day_numbers=day0 is not None)
    typed = " ".join(text.split())
    words = [_plain(w) for w in typed.replace(",", " ").split()]
    words = [w for w in words if w]
    # "mar 07 ene 1964", "mar 07 mar 2000": a first word that is a short weekday and a
    # short month is the weekday when a month follows.
    leading = bool(words) and words[0] in words_of.both
    if leading and any(w in words_of.months for w in words[1:]):
        weekday: int | None = words_of.both[words[0]]
        words = words[1:]
    else:
        weekday = None
    weekday = next((words_of.weekdays[w] for w in words if w in words_of.weekdays), weekday)
    words = [w for w in words if w not in words_of.weekdays]  # "Thursday 28 May 2026"
    if not words or all(w in words_of.fillers for w in words):
        if weekday is not None:  # "martes", "on Tuesday"
            if weekday_ahead:
                return today + timedelta(days=(weekday - today.weekday()) % 7)
            return today - timedelta(days=(today.weekday() - weekday) % 7)
        raise DateError(_("Please type a date. {hint}").format(hint=hint))
    joined = " ".join(words)
    if joined in words_of.relative:
        return today + timedelta(days=words_of.relative[joined])
    # "Day −6", "Día +5", "day-6": the number may be typed with a minus sign, a hyphen or
    # an en dash, with or without a space.
    found = _DAY_NUMBER.match(joined.replace("–", "-"))
    if found and found.group(1) in words_of.day:
        if day0 is None:
            raise DateError(
                _("“{typed}”: type the calendar date here. {hint}").format(typed=typed, hint=hint)
            )
        number = int(found.group(3)) * (-1 if found.group(2) in ("-", MINUS) else 1)
        return day0 + timedelta(days=number)
    if len(words) == 1 and words[0] not in words_of.months:
        numeric = _NUMERIC.match(words[0])
        if numeric is None:
            raise _not_a_date(typed, hint)
        first, second, third = numeric.groups()
        if len(first) == 4:  # 2026-05-28
            if third is None:
                raise _not_whole(typed, hint)
            return _make(int(first), int(second), int(third), typed, hint)
        day, month = (int(first), int(second)) if day_first else (int(second), int(first))
        year = _year(third, today) if third else today.year
        return _make(year, month, day, typed, hint)
    return _words_date(words, typed, today, hint)


def _words_date(words: list[str], typed: str, today: date, hint: str) -> date:
    """ "28 May 2026", "28th May", "May 28 2026", "28 May", "8 de diciembre de 2026"."""
    words_of = vocabulary()
    day = month = year = None
    for word in words:
        ordinal = _ORDINAL.match(word)
        if word in words_of.months and month is None:
            month = words_of.months[word]
        elif ((_is_number(word) and len(word) <= 2) or ordinal) and day is None:
            day = int(ordinal.group(1) if ordinal else word)
        elif _is_number(word) and len(word) == 4 and year is None:
            year = int(word)
        elif word in words_of.fillers:
            continue
        else:
            raise _not_a_date(typed, hint)
    if day is None or month is None:
        raise _not_whole(typed, hint)
    return _make(year or today.year, month, day, typed, hint)


_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(?:h)?\s*(am|pm)?$", re.ASCII)
_COMPACT = re.compile(r"^(\d{2})(\d{2})$", re.ASCII)
_HALF = re.compile(r"\s*([ap])\.?\s?m\.?$")  # "2 p. m." (Spanish), "2 p.m.", "2pm"


def _not_a_time(typed: str) -> DateError:
    return DateError(_("“{typed}” is not a time. {hint}").format(typed=typed, hint=time_hint()))


def parse_time(text: str) -> time:
    """The time of day ``text`` names: "14:05", "14.05", "1405", "9", "2pm", "2:30 pm",
    "2 p. m.", "14 h", "noon", "midnight" (and those words in the app's language).

    Raises:
        DateError: saying what to type.
    """
    words_of = vocabulary()
    typed = " ".join(text.split())
    lowered = typed.lower()
    if not lowered:
        raise DateError(_("Please type a time. {hint}").format(hint=time_hint()))
    if _plain(lowered) in words_of.noon:
        return time(12, 0)
    if _plain(lowered) in words_of.midnight:
        return time(0, 0)
    lowered = _HALF.sub(lambda m: f" {m.group(1)}m", lowered).strip()
    compact = _COMPACT.match(lowered)
    found = _TIME.match(lowered) if compact is None else None
    if compact is not None:
        hour, minute, half = int(compact.group(1)), int(compact.group(2)), None
    elif found is not None:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        half = found.group(3)
    else:
        raise _not_a_time(typed)
    if half is not None:
        if not 1 <= hour <= 12:
            raise _not_a_time(typed)
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise DateError(
            _("There is no such time as “{typed}”. {hint}").format(typed=typed, hint=time_hint())
        )
    return time(hour, minute)
