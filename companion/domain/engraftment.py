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
from datetime import date, timedelta

ANC_THRESHOLD = 0.5
PLATELET_THRESHOLD = 20.0
PLATELET_THRESHOLD_HIGH = 50.0
TRANSFUSION_FREE_DAYS = 7
RUN = 3
MEETS_DEFINITION = (
    "meets the registry definition on the values you entered — your team confirms engraftment"
)


def daily_lowest(values: Iterable[tuple[date, float]]) -> list[tuple[date, float]]:
    """One lab value per day (the lowest of that day), in date order."""
    lowest: dict[date, float] = {}
    for day, value in values:
        if day not in lowest or value < lowest[day]:
            lowest[day] = value
    return sorted(lowest.items())


def _recovery(days: list[tuple[date, float]], threshold: float, counts) -> date | None:
    if not days:
        return None
    values = [v for _, v in days]
    nadir = min(values)
    if nadir >= threshold:
        return None  # never fell below the threshold: the definition does not apply
    start = values.index(nadir)
    run: list[date] = []
    for day, value in days[start + 1 :]:
        if value >= threshold and counts(day):
            run.append(day)
            if len(run) == RUN:
                return run[0]
        else:
            run = []
    return None


def neutrophil_recovery(values: Iterable[tuple[date, float]]) -> date | None:
    """The first of three consecutive daily ANC values ≥ 0.5 × 10⁹/L after the nadir.

    ``values``: ``(date, ANC in × 10⁹/L)`` in any order; several on one day count as one,
    the lowest. None when not met, or when the ANC never fell below 0.5.
    """
    return _recovery(daily_lowest(values), ANC_THRESHOLD, lambda _day: True)


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
