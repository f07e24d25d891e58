"""The transplant team's contact details, and which number applies at a given moment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from companion.domain.text import control_problem
from companion.i18n import N_, _, format_date

MAX_PHONE_LENGTH = 40
MAX_NAME_LENGTH = 120
# The team's own advice, shown on every alert card.
MAX_ADVICE_LENGTH = 1000
_PHONE_CHARS = re.compile(r"^[0-9+()\-./ ]*(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)

# Keys in English (stored and compared); shown through ``_()`` (``weekday_label``).
WEEKDAY_PRESETS: dict[str, frozenset[int]] = {
    N_("Monday to Friday"): frozenset(range(5)),
    N_("Monday to Saturday"): frozenset(range(6)),
    N_("Every day"): frozenset(range(7)),
}
# Which number applies: the keys ``Team.number_now`` returns (compared, never shown as
# they are: ``_(OFFICE_HOURS)`` in the app's language).
OFFICE_HOURS = N_("Office hours")
AFTER_HOURS = N_("After hours")


class TeamError(ValueError):
    """The team details cannot be saved as typed; the message says what to change, and
    ``field`` names the field to fix ("name", "office_phone", "after_hours_phone",
    "office_hours")."""

    def __init__(self, message: str, field: str = "office_phone") -> None:
        super().__init__(message)
        self.field = field


def clean_phone(text: str, what: str | None = None, field: str = "office_phone") -> str:
    """Return a phone number tidied of outer spaces, or raise TeamError saying what to fix.

    An empty text is allowed here (returns ""); whether a number is required is the
    caller's decision.
    """
    what = what or _("The phone number")
    phone = " ".join(text.split())
    if not phone:
        return ""
    if len(phone) > MAX_PHONE_LENGTH:
        raise TeamError(
            _("{what} is too long. Please type just the number.").format(what=what), field
        )
    if not _PHONE_CHARS.match(phone):
        raise TeamError(
            _(
                "{what} can only hold digits, spaces, + ( ) - and an extension like 'ext 123'."
            ).format(what=what),
            field,
        )
    digits = sum(c.isdigit() for c in phone)
    if digits < 3:
        raise TeamError(
            _("{what} looks too short. Please check it against your papers.").format(what=what),
            field,
        )
    return phone


def weekday_label(days: frozenset[int]) -> str:
    for label, preset in WEEKDAY_PRESETS.items():
        if preset == days:
            return _(label)
    # 2 January 2023 was a Monday: the weekdays' short names in the app's language.
    names = [format_date(date(2023, 1, 2 + d), "EEE") for d in range(7)]
    return ", ".join(names[d] for d in sorted(days)) or _("No days")


def hours_value(days: frozenset[int], opens: time, closes: time) -> str:
    """Office hours as stored in the change history: ``0,1,2,3,4|08:00|17:00``."""
    return f"{','.join(str(d) for d in sorted(days))}|{opens:%H:%M}|{closes:%H:%M}"


def hours_label_of(value: str) -> str:
    """The stored office hours in words ("Monday to Friday, 08:00–17:00")."""
    try:
        days, opens, closes = value.split("|")
        chosen = frozenset(int(d) for d in days.split(",") if d)
    except ValueError:
        return value
    return _("{days}, {opens}–{closes}").format(
        days=weekday_label(chosen), opens=opens, closes=closes
    )


@dataclass(frozen=True, slots=True)
class Team:
    """Who to call. Office hours apply on ``office_days`` (0 = Monday) between the times."""

    name: str = ""
    office_phone: str = ""
    after_hours_phone: str = ""
    office_opens: time = time(8, 0)
    office_closes: time = time(17, 0)
    office_days: frozenset[int] = WEEKDAY_PRESETS["Monday to Friday"]

    def validated(self) -> Team:
        """Return a tidied copy, or raise TeamError with a message for the user."""
        name = " ".join(self.name.split())
        problem = control_problem(name)
        if problem:
            raise TeamError(
                _("The team's name cannot be saved: {problem}.").format(problem=problem), "name"
            )
        if len(name) > MAX_NAME_LENGTH:
            raise TeamError(
                _("The team's name is too long. A short name is easier to read."), "name"
            )
        office = clean_phone(self.office_phone, _("The office-hours number"), "office_phone")
        after = clean_phone(
            self.after_hours_phone, _("The after-hours number"), "after_hours_phone"
        )
        if not office and not after:
            raise TeamError(
                _(
                    "Please enter at least one phone number for your transplant team. It is "
                    "on your admission papers; you can change it later in Settings."
                )
            )
        if office and self.office_opens >= self.office_closes:
            raise TeamError(_("Office hours must close after they open."), "office_hours")
        if not self.office_days <= frozenset(range(7)):
            raise TeamError(
                _("Office days must be weekdays 0 (Monday) to 6 (Sunday)."), "office_hours"
            )
        return Team(name, office, after, self.office_opens, self.office_closes, self.office_days)

    def in_office_hours(self, moment: datetime) -> bool:
        return (
            moment.weekday() in self.office_days
            and self.office_opens <= moment.time().replace(tzinfo=None) < self.office_closes
        )

    @property
    def hours_value(self) -> str:
        return hours_value(self.office_days, self.office_opens, self.office_closes)

    @property
    def hours_label(self) -> str:
        return hours_label_of(self.hours_value)

    def number_now(self, moment: datetime) -> tuple[str, str]:
        """The (label, number) to call at ``moment``: office hours or after hours. The label
        is a key (``OFFICE_HOURS``, ``AFTER_HOURS``, English): show it through ``_()``.

        Falls back to whichever number exists, so there is always something to call.
        """
        office_open = self.in_office_hours(moment)
        if (office_open and self.office_phone) or not self.after_hours_phone:
            return (OFFICE_HOURS, self.office_phone)
        return (AFTER_HOURS, self.after_hours_phone)
