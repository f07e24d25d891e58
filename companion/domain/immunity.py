"""Rebuilding the immune system (issue 21): the infection-risk period, the re-vaccination
plan and its statuses, the live-vaccine lock, and the yearly late-effects check-ups.

Pure Python: the published defaults come in as data (``companion.content.immunity``), the
patient's plan and the team's confirmations come in from storage. Nothing here judges a
value: it works out dates and states and names the rule behind each.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from companion.domain.kinds import TransplantKind
from companion.i18n import _

MAX_VACCINE_TEXT = 200  # a vaccine's name, where it was given, its batch


class InfectionPeriod(StrEnum):
    """The three periods of infection risk after a transplant (Tomblyn 2009)."""

    PRE_ENGRAFTMENT = "pre-engraftment"
    EARLY = "early"
    LATE = "late"


def infection_period(
    day: int,
    recovery_day: int | None,
    late_from_day: int,
    neutropenic: bool = False,
) -> InfectionPeriod:
    """The period the patient is in on Day ``day``.

    Before counts recover until a recovery date is known (from the counts or the team),
    and again whenever the latest neutrophil count is below the neutropenia limit
    (``neutropenic``): the app never says "counts back" on a guess. From the recovery date
    up to ``late_from_day`` (Day +100 by default) it is the early period, then late. With
    no recovery recorded, the late period still starts at ``late_from_day`` unless the
    latest count is low, because its heading ("After Day +100") claims only the date.
    """
    if neutropenic:
        return InfectionPeriod.PRE_ENGRAFTMENT
    if day > late_from_day:
        return InfectionPeriod.LATE
    if recovery_day is None or day < recovery_day:
        return InfectionPeriod.PRE_ENGRAFTMENT
    return InfectionPeriod.EARLY


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole months; the 31st becomes the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# The re-vaccination plan --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VaccineDefault:
    """One vaccine of the published default plan: a month after Day 0 for each dose."""

    id: str
    name: str
    months: tuple[int, ...]
    live: bool = False
    kinds: frozenset[TransplantKind] = frozenset()
    in_plan: bool = True
    why: str = ""
    source: str = ""
    first_dose: int = 1  # a booster counted on from another entry (pneumococcal dose 4)
    every_season: bool = False  # flu: one dose each flu season, for life (``months[0]`` first)

    def applies_to(self, kind: TransplantKind) -> bool:
        return not self.kinds or kind in self.kinds


@dataclass(frozen=True, slots=True)
class VaccineDose:
    """One dose of the patient's plan, as stored. ``vaccine`` is a default's id, or "own"
    for one the team added; ``default_earliest`` is the published default's date (None for
    the team's own)."""

    vaccine: str
    name: str
    dose: int
    earliest: date
    live: bool = False
    default_earliest: date | None = None
    given_on: date | None = None
    given_where: str = ""
    batch: str = ""
    id: int | None = None
    transplant_id: int | None = None

    @property
    def changed_by_team(self) -> bool:
        return self.default_earliest is None or self.default_earliest != self.earliest


@dataclass(frozen=True, slots=True)
class FluSeason:
    """When flu vaccines are given where the patient lives: from ``start_month`` (1-12)
    for ``months`` months. Northern hemisphere from September, southern from March (CDC
    and WHO seasonal influenza vaccine timing); the team's own months in Settings."""

    start_month: int = 9
    months: int = 6

    def contains(self, day: date) -> bool:
        return (day.month - self.start_month) % 12 < self.months

    def next_start(self, day: date) -> date:
        """The first day of the first flu season that starts on or after ``day``."""
        start = date(day.year, self.start_month, 1)
        return start if start >= day else date(day.year + 1, self.start_month, 1)


def season_dates(first: date, season: FluSeason, until: date) -> list[date]:
    """One dose each flu season: the first from ``first`` if that falls in a season, else
    from the next season's start; then from each following season's start, up to
    ``until`` (the plan grows as the years pass: see ``vaccine_dates``)."""
    dates = [first if season.contains(first) else season.next_start(first)]
    while True:
        following = season.next_start(dates[-1] + timedelta(days=1))
        if following > until:
            return dates
        dates.append(following)


def vaccine_dates(
    vaccine: VaccineDefault, day0: date, season: FluSeason, until: date | None = None
) -> list[date]:
    """The earliest date of each dose of the published default (a seasonal vaccine up to
    ``until``, by default ``SCREENING_YEARS`` years after Day 0)."""
    if not vaccine.every_season:
        return [add_months(day0, months) for months in vaccine.months]
    until = until or add_months(day0, 12 * SCREENING_YEARS)
    return season_dates(add_months(day0, vaccine.months[0]), season, until)


def default_doses(
    defaults: Iterable[VaccineDefault],
    kind: TransplantKind,
    day0: date,
    only: str | None = None,
    season: FluSeason = FluSeason(),
    until: date | None = None,
) -> list[VaccineDose]:
    """The published default plan for a transplant of ``kind`` with this Day 0 (or, with
    ``only``, that one vaccine's doses, even if it is not filled in by default); a flu
    vaccine once each ``season`` up to ``until``."""
    doses = []
    for vaccine in defaults:
        if only is not None and vaccine.id != only:
            continue
        if only is None and not (vaccine.in_plan and vaccine.applies_to(kind)):
            continue
        dates = vaccine_dates(vaccine, day0, season, until)
        for number, earliest in enumerate(dates, start=vaccine.first_dose):
            doses.append(
                VaccineDose(
                    vaccine.id,
                    vaccine.name,
                    number,
                    earliest,
                    vaccine.live,
                    default_earliest=earliest,
                )
            )
    return sorted(doses, key=lambda d: (d.earliest, d.name, d.dose))


class DoseStatus(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_YET = "not-yet"
    LOCKED = "locked"

    @property
    def title(self) -> str:
        return {
            DoseStatus.DONE: _("Given"),
            DoseStatus.DUE: _("Can be given if your team agrees"),
            DoseStatus.OVERDUE: _("Past the usual start: ask your team"),
            DoseStatus.NOT_YET: _("Not yet"),
            DoseStatus.LOCKED: _("Not yet: live vaccine"),
        }[self]


def dose_status(
    dose: VaccineDose, today: date, live_allowed: bool, overdue_days: int
) -> DoseStatus:
    """Given; a live vaccine while the lock is on; not yet (before its earliest date); due;
    overdue (``overdue_days`` past its earliest date and not given)."""
    if dose.given_on is not None:
        return DoseStatus.DONE
    if dose.live and not live_allowed:
        return DoseStatus.LOCKED
    if today < dose.earliest:
        return DoseStatus.NOT_YET
    if (today - dose.earliest).days > overdue_days:
        return DoseStatus.OVERDUE
    return DoseStatus.DUE


# The live-vaccine lock ("2-1-8", IDSA 2013) -------------------------------------------------


class LiveCondition(StrEnum):
    TWO_YEARS = "two-years"
    NO_ACTIVE_GVHD = "no-active-gvhd"
    OFF_IMMUNOSUPPRESSION = "off-immunosuppression-1-year"
    IVIG = "ivig-8-months"
    NO_MAINTENANCE = "no-maintenance-treatment"  # own-cell transplants (e.g. lenalidomide)

    @property
    def confirmed_by_team(self) -> bool:
        """The conditions the app cannot work out from dates alone. IVIG is one of them:
        an infusion missing from the diary may simply not have been logged (nurse review
        6), so "none" is met only when the team confirms it."""
        return self in (
            LiveCondition.NO_ACTIVE_GVHD,
            LiveCondition.OFF_IMMUNOSUPPRESSION,
            LiveCondition.IVIG,
            LiveCondition.NO_MAINTENANCE,
        )


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What the team told the patient about one condition: met (None = not confirmed
    yet), and for immunosuppression the date it stopped."""

    met: bool | None = None
    since: date | None = None


@dataclass(frozen=True, slots=True)
class ConditionState:
    """One condition of the lock: met (True, False, or None = not confirmed by the team
    yet), the date it counts from, and the date it is met by time (if it is a wait)."""

    name: LiveCondition
    met: bool | None
    since: date | None = None
    until: date | None = None
    months: int | None = None


@dataclass(frozen=True, slots=True)
class LiveStatus:
    allowed: bool
    conditions: tuple[ConditionState, ...] = field(default=())


def live_status(
    kind: TransplantKind,
    day0: date,
    today: date,
    confirmations: Mapping[str, Confirmation],
    last_ivig: date | None,
    months: Mapping[str, int],
) -> LiveStatus:
    """The live-vaccine lock: allowed only when every condition is met.

    Args:
        confirmations: by condition name, what the team confirmed.
        last_ivig: the date of the last IVIG infusion in the diary, if any.
        months: "two_years", "off_immunosuppression", "ivig": the waits in force (the
            published defaults 24, 12 and 8, or the team's own).
    """
    two = add_months(day0, months["two_years"])
    states = [ConditionState(LiveCondition.TWO_YEARS, today >= two, day0, two, months["two_years"])]
    gvhd = confirmations.get(LiveCondition.NO_ACTIVE_GVHD.value, Confirmation())
    if kind is TransplantKind.AUTOLOGOUS:
        # No donor cells, so no GVHD; the own-cell condition is no ongoing treatment.
        states.append(ConditionState(LiveCondition.NO_ACTIVE_GVHD, True))
    else:
        states.append(ConditionState(LiveCondition.NO_ACTIVE_GVHD, gvhd.met, gvhd.since))
    off = confirmations.get(LiveCondition.OFF_IMMUNOSUPPRESSION.value, Confirmation())
    wait = months["off_immunosuppression"]
    if off.met is False:
        states.append(ConditionState(LiveCondition.OFF_IMMUNOSUPPRESSION, False, None, None, wait))
    elif off.since is not None:
        until = add_months(off.since, wait)
        states.append(
            ConditionState(
                LiveCondition.OFF_IMMUNOSUPPRESSION, today >= until, off.since, until, wait
            )
        )
    else:
        states.append(
            ConditionState(LiveCondition.OFF_IMMUNOSUPPRESSION, off.met, None, None, wait)
        )
    ivig_wait = months["ivig"]
    if last_ivig is None:
        # Nothing logged is not "none given": met only when the team confirms it.
        told = confirmations.get(LiveCondition.IVIG.value, Confirmation())
        states.append(ConditionState(LiveCondition.IVIG, told.met, None, None, ivig_wait))
    else:
        until = add_months(last_ivig, ivig_wait)
        states.append(
            ConditionState(LiveCondition.IVIG, today >= until, last_ivig, until, ivig_wait)
        )
    if kind is TransplantKind.AUTOLOGOUS:
        upkeep = confirmations.get(LiveCondition.NO_MAINTENANCE.value, Confirmation())
        states.append(ConditionState(LiveCondition.NO_MAINTENANCE, upkeep.met, upkeep.since))
    return LiveStatus(all(s.met is True for s in states), tuple(states))


# The yearly late-effects check-ups ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScreeningDefault:
    id: str
    title: str
    first: int  # months after Day 0
    every: int  # months; 0 = once
    why: str = ""
    kinds: frozenset[TransplantKind] = frozenset()


@dataclass(frozen=True, slots=True)
class ScreeningItem:
    """One check-up of the plan: when it is due, the appointment it was accepted as, and
    the date it was done."""

    item: str
    due_on: date
    appointment_id: int | None = None
    done_on: date | None = None
    id: int | None = None


SCREENING_YEARS = 3  # the plan is filled for the first three years; it grows each year


def default_screening(
    defaults: Iterable[ScreeningDefault], kind: TransplantKind, day0: date, today: date
) -> list[ScreeningItem]:
    """The check-ups due from Day 0 up to ``SCREENING_YEARS`` years, or to a year after
    ``today`` if that is later."""
    horizon = max(add_months(day0, 12 * SCREENING_YEARS), add_months(today, 12))
    items = []
    for check in defaults:
        if check.kinds and kind not in check.kinds:
            continue
        months = check.first
        while True:
            due = add_months(day0, months)
            if due > horizon:
                break
            items.append(ScreeningItem(check.id, due))
            if not check.every:
                break
            months += check.every
    return sorted(items, key=lambda i: (i.due_on, i.item))


# The team's reference ranges for the immune counts ---------------------------------------

IMMUNE_MARKER_KEYS = ("lymphocytes", "cd4", "igg")


@dataclass(frozen=True, slots=True)
class ReferenceRange:
    """The range the team's lab prints for one immune count, in stored units (×10⁹/L,
    cells/µL, g/L), as the patient typed it. Shown beside values; the app judges nothing."""

    low: float
    high: float

    def stored(self) -> str:
        return f"{self.low:g}-{self.high:g}"

    @staticmethod
    def from_stored(text: str | None) -> ReferenceRange | None:
        try:
            low, high = (float(part) for part in (text or "").split("-"))
        except ValueError:
            return None
        return ReferenceRange(low, high) if 0 <= low < high else None


def parse_range(text: str, factor: float, what: str) -> ReferenceRange:
    """ "7-16" (or "7–16", "7 to 16") in the unit shown, times ``factor`` to the stored
    unit. Raises ValueError with a message for the user."""
    cleaned = (text or "").replace("–", "-").replace(" to ", "-").replace(",", ".")
    parts = [p.strip() for p in cleaned.split("-")]
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise ValueError(
            _("{what}: please type the range as printed on your results, like 7-16.").format(
                what=what
            )
        ) from None
    if not (0 <= low < high) or high != high or high == float("inf"):
        raise ValueError(
            _("{what}: the first number must be lower than the second.").format(what=what)
        )
    return ReferenceRange(round(low * factor, 4), round(high * factor, 4))
