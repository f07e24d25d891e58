"""Engraftment by the registry's definitions (CIBMTR Forms Instruction Manual).

Neutrophils: ANC ≥ 0.5 × 10⁹/L on three consecutive laboratory values obtained on different
days; the recovery date is the first of the three; counting starts only after the ANC has
fallen to its lowest point (nadir) after transplant.
https://www.cibmtr.org/manuals/fim/1/en/topic/q8-11-initial-anc-recovery

Platelets: ≥ 20 × 10⁹/L (also reported at ≥ 50) on three consecutive laboratory values on
different days, with no platelet transfusion in the 7 days before; the date is the first of
the three. https://www.cibmtr.org/manuals/fim/1/en/topic/q12-14-initial-platelet-recovery

The app says a date "meets the registry definition on the values you entered — your team
confirms engraftment". It never says that someone has engrafted, and never that a graft
failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from companion.i18n import N_

ANC_THRESHOLD = 0.5
PLATELET_THRESHOLD = 20.0
PLATELET_THRESHOLD_HIGH = 50.0
TRANSFUSION_FREE_DAYS = 7
RUN = 3
# Marked here, translated where shown (``_(MEETS_DEFINITION)``).
MEETS_DEFINITION = N_(
    "meets the registry definition on the values you entered — your team confirms engraftment"
)


def daily_lowest(values: Iterable[tuple[date, float]]) -> list[tuple[date, float]]:
    """One lab value per day (the lowest of that day), in date order."""
    lowest: dict[date, float] = {}
    for day, value in values:
        if day not in lowest or value < lowest[day]:
            lowest[day] = value
    return sorted(lowest.items())


def _first_run(
    days: list[tuple[date, float]], threshold: float, counts
) -> tuple[date, date] | None:
    """The first and last day of the first run of three values at or above ``threshold``
    after the values first fell below it. The registry dates the *initial* recovery: a
    later, deeper fall (a drug, an infection) never moves it."""
    start = next((i for i, (_, v) in enumerate(days) if v < threshold), None)
    if start is None:
        return None  # never fell below the threshold: the definition does not apply
    run: list[date] = []
    for day, value in days[start + 1 :]:
        if value >= threshold and counts(day):
            run.append(day)
            if len(run) == RUN:
                return run[0], run[-1]
        else:
            run = []
    return None


def _recovery(days: list[tuple[date, float]], threshold: float, counts) -> date | None:
    found = _first_run(days, threshold, counts)
    return found[0] if found else None


def neutrophil_recovery(values: Iterable[tuple[date, float]]) -> date | None:
    """The first of three consecutive daily ANC values ≥ 0.5 × 10⁹/L after the nadir.

    ``values``: ``(date, ANC in × 10⁹/L)`` in any order; several on one day count as one,
    the lowest. None when not met, or when the ANC never fell below 0.5.
    """
    return _recovery(daily_lowest(values), ANC_THRESHOLD, lambda _day: True)


class RecoveryStatus(StrEnum):
    """Where neutrophil recovery stands, as the command line's JSON spells it."""

    MET = "met"
    NOT_YET = "not-yet"
    NOT_APPLICABLE = "not-applicable"  # the ANC never fell below 0.5 (milder conditioning)


@dataclass(frozen=True, slots=True)
class NeutrophilRecovery:
    """Neutrophil recovery for one transplant.

    Args:
        status: met, not yet, or not applicable (the counts never fell below 0.5).
        on: the recovery date (the first of the three values, or the team's date).
        source: "registry" (worked out from the values), "team", or None.
        fallen_again: the first value below 0.5 after recovery (date, ANC), if any: a
            separate fact to tell the team; it never moves the recovery date back.
    """

    status: RecoveryStatus
    on: date | None = None
    source: str | None = None
    fallen_again: tuple[date, float] | None = None


def neutrophil_status(
    values: Iterable[tuple[date, float]], team_date: date | None = None
) -> NeutrophilRecovery:
    """Neutrophil recovery on ``values`` (``(date, ANC)`` from Day 0 on), or the team's date.

    "Not applicable" (CIBMTR: the ANC never fell below 0.5) needs at least three values on
    different days, all 0.5 or more: one or two early values may come before the fall.
    """
    days = daily_lowest(values)
    if team_date is not None:
        after = [(d, v) for d, v in days if d > team_date and v < ANC_THRESHOLD]
        return NeutrophilRecovery(
            RecoveryStatus.MET, team_date, "team", after[0] if after else None
        )
    found = _first_run(days, ANC_THRESHOLD, lambda _day: True)
    if found is not None:
        after = [(d, v) for d, v in days if d > found[1] and v < ANC_THRESHOLD]
        return NeutrophilRecovery(
            RecoveryStatus.MET, found[0], "registry", after[0] if after else None
        )
    if len(days) >= RUN and all(v >= ANC_THRESHOLD for _, v in days):
        return NeutrophilRecovery(RecoveryStatus.NOT_APPLICABLE)
    return NeutrophilRecovery(RecoveryStatus.NOT_YET)


def platelet_recovery(
    values: Iterable[tuple[date, float]],
    transfusions: Iterable[date],
    threshold: float = PLATELET_THRESHOLD,
) -> date | None:
    """The first of three consecutive daily platelet values ≥ ``threshold`` after the nadir,
    each with no platelet transfusion that day or in the 7 days before it.

    A value within 7 days of a transfusion does not count, and breaks a run.
    """
    given = sorted(set(transfusions))

    def untransfused(day: date) -> bool:
        since = day - timedelta(days=TRANSFUSION_FREE_DAYS)
        return not any(since <= t <= day for t in given)

    return _recovery(daily_lowest(values), threshold, untransfused)


def compute_anc(wbc: float, neutrophil_percent: float) -> float:
    """ANC = WBC × (segmented + band neutrophils) %, both as entered (× 10⁹/L and %)."""
    return round(wbc * neutrophil_percent / 100, 3)
