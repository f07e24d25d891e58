"""The day clock: Day −6 … Day 0 … Day +100, and calendar arithmetic it needs."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from companion import i18n
from companion.i18n import _

MINUS = "\N{MINUS SIGN}"
# Dates the app can compute with (timeline, yearly milestones five years on, UTC offsets):
# anything outside is a typo, and would make date arithmetic overflow (year 10000).
FIRST_YEAR, LAST_YEAR = 1900, 2200


class DateRangeError(ValueError):
    """A date outside FIRST_YEAR–LAST_YEAR; ``str()`` says so in plain words."""


def in_range(day: date) -> bool:
    """Whether the app can compute with ``day`` (a date or a datetime)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def instant_in_range(moment: datetime) -> bool:
    """Whether the app can keep ``moment``: the one definition of the allowed range for a
    time, used when it is typed and when a diary is opened. It is the *instant* that counts
    (in UTC, as stored beside the local time), from 1900-01-01T00:00Z to the end of 2200 in
    UTC: 1900-01-01T00:00+14:00 is 1899 in UTC, and refused; a naive time is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return False
    try:
        return FIRST_YEAR <= moment.astimezone(UTC).year <= LAST_YEAR
    except OverflowError:  # year 1 or 9999 pushed past what datetime holds
        return False


def range_refusal(moment: datetime) -> str:
    """Why ``moment`` is refused (``instant_in_range`` is False), in plain words."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return _("That time needs a time zone.")
    return _(
        "{moment} is outside the years the app can use: please give a time from "
        "{first} to {last} (in universal time, UTC)."
    ).format(
        moment=moment.isoformat(timespec="minutes"),
        first=format_long_date(date(FIRST_YEAR, 1, 1)),
        last=format_long_date(date(LAST_YEAR, 12, 31)),
    )


def check_in_range(day: date, what: str | None = None) -> date:
    """Return ``day``, or raise DateRangeError naming ``what`` ("Day 0", "The time"…;
    None: "That date")."""
    if not in_range(day):
        raise DateRangeError(
            _(
                "{what} is in the year {year}, which the app cannot use. Please give a date "
                "from {first} to {last}."
            ).format(what=what or _("That date"), year=day.year, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return day


class NonexistentTimeError(ValueError):
    """A wall-clock time the clocks skip (the spring-forward gap); ``str()`` says so."""


def local_moment(naive: datetime) -> datetime:
    """A wall-clock time typed without an offset, as an aware moment in this computer's
    time zone. Raises NonexistentTimeError for a time in the spring-forward gap (01:30 on
    the night the clocks go from 01:00 to 02:00) instead of silently moving it an hour."""
    moment = naive.astimezone()
    if moment.replace(tzinfo=None) != naive.replace(tzinfo=None):
        raise NonexistentTimeError(
            _(
                "{time} on {date} does not exist here: the clocks go forward that night. "
                "Please give the time after the change (for example {later})."
            ).format(
                time=f"{naive:%H:%M}",
                date=format_date(naive.date()),
                later=f"{naive + timedelta(hours=1):%H:%M}",
            )
        )
    return moment


def local_date(moment: datetime) -> date:
    """The calendar date of an aware moment in its own time zone.

    Day numbers belong to calendar days, not to 24-hour periods, so a reading taken at
    00:30 local time after a clock change still falls on the right day.
    """
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError("a moment must carry its time zone")
    return moment.date()


def day_number(day: date, day0: date) -> int:
    """Day 0 is the infusion day; the day before is Day −1, the day after Day +1."""
    if isinstance(day, datetime) or isinstance(day0, datetime):
        raise TypeError("day_number takes calendar dates; use local_date() for a moment")
    return (day - day0).days


def date_of_day(number: int, day0: date) -> date:
    """The calendar date of Day ``number`` for a transplant whose Day 0 is ``day0``."""
    return day0 + timedelta(days=number)


def format_day(number: int) -> str:
    """``Day −6``, ``Day 0``, ``Day +12`` (with a true minus sign, as printed by teams);
    ``Día +12`` in Spanish."""
    return i18n.format_day_number(number)


def spoken_day(number: int) -> str:
    """The same day for a screen reader: ``Day minus 6``, ``Day 0``, ``Day plus 12``."""
    if number == 0:
        return i18n.format_day_number(0)
    if number > 0:
        return _("Day plus {number}").format(number=number)
    return _("Day minus {number}").format(number=abs(number))


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, clamped to the month's end (29 Feb → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


# Weekday and month names come from Babel in the app's language (companion.i18n), never
# from the system locale: ``strftime``'s %A and %B follow the C library's locale, which Qt
# sets from the environment, and gave "Dienstag … to Montag 7 Dezember" inside English
# sentences under de_DE.
_NAMES = re.compile(r"%[aAbB]")
_BABEL_FIELDS = {"a": "EEE", "A": "EEEE", "b": "LLL", "B": "LLLL"}
# The app's own pattern for a full date in English ("Saturday 3 May 2026": no comma, the
# day before the month, in every English locale); other languages use their own full form
# ("sábado, 3 de mayo de 2026").
_ENGLISH_DATE = "EEEE d MMMM y"
# English's wide weekday and month names, the same in every English locale: the dates a
# window shows in its first frame are worded without importing Babel (about 110 ms of
# start-up, measured in benchmarks/startup.py). tests/domain/test_days.py holds them to
# Babel's.
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _in_english() -> bool:
    return i18n.base_language(i18n.language()) == i18n.SOURCE_LANGUAGE


def app_strftime(moment: date, pattern: str) -> str:
    """``moment.strftime(pattern)`` with weekday and month names (%a %A %b %B) in the
    app's language rather than the system locale's."""

    def name(match: re.Match[str]) -> str:
        return i18n.format_date(moment, _BABEL_FIELDS[match.group(0)[1]])

    return moment.strftime(_NAMES.sub(lambda m: name(m).replace("%", "%%"), pattern))


def format_date(day: date) -> str:
    """A date in words a tired reader cannot misread: ``Saturday 3 May 2026``,
    ``sábado, 3 de mayo de 2026``."""
    if isinstance(day, datetime):
        day = day.date()
    if _in_english():
        month = ENGLISH_MONTHS[day.month - 1]
        return f"{ENGLISH_WEEKDAYS[day.weekday()]} {day.day} {month} {day.year}"
    if i18n.language() == i18n.PSEUDO:
        return i18n.format_date(day, _ENGLISH_DATE)
    return i18n.format_date(day, "full")


def format_long_date(day: date) -> str:
    """A date without its weekday: ``3 May 2026``, ``3 de mayo de 2026``."""
    if _in_english():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "d MMMM y")
    return i18n.format_date(day, "long")


def format_month(day: date) -> str:
    """A month and its year: ``May 2026``, ``mayo de 2026``."""
    if _in_english():
        return f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_skeleton

    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "MMMM y")
    return format_skeleton("yMMMM", day, locale=i18n.locale_tag())


def format_short_date(day: date) -> str:
    """``3 May`` for axis labels (``3 may`` in Spanish)."""
    return i18n.format_date(day, "d MMM")
