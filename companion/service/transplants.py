"""``service.transplants``: the journey (each transplant, its Day 0 and recovery), where the
patient is on it today (day number, phase, milestones), setting up the diary and adding a
transplant."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from companion.domain.engraftment import neutrophil_recovery
from companion.domain.journey import Journey, Milestone, Phase, PhaseSpan, Transplant
from companion.domain.team import Team
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.journey_repository import JourneyRepository
from companion.storage.lab_repository import LabRepository
from companion.storage.preferences import PreferencesRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Where the patient is on a date: the same answer for the window, the command line and
    paper."""

    date: date
    day: int
    phase: Phase
    transplant: Transplant
    transplant_count: int
    next_milestone: Milestone | None


class Transplants:
    """``service.transplants``: the journey as stored, with recovery worked out from the
    counts where the team gave no date."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._journeys = JourneyRepository(service.db)
        self._labs = LabRepository(service.db)
        self._preferences = PreferencesRepository(service.db)

    # Reading ------------------------------------------------------------------------------

    @property
    def journey(self) -> Journey | None:
        """The journey as stored, with recovery worked out from the counts where the team has
        not given a date (the registry definition; the team confirms). None before setup."""
        return self._service._cached("journey", self._worked_out_journey)

    def _worked_out_journey(self) -> Journey | None:
        journey = self._journeys.load_journey()
        if journey is None:
            return None
        labs = self._labs.labs()
        transplants = list(journey.transplants)
        for index, transplant in enumerate(transplants):
            if transplant.recovery_source == "team":
                continue
            until = transplants[index + 1].day0 if index + 1 < len(transplants) else None
            values = [
                (lab.day, lab.anc)
                for lab in labs
                if lab.anc is not None
                and lab.day >= transplant.day0
                and (until is None or lab.day < until)
            ]
            recovered = neutrophil_recovery(values)
            if recovered is not None and recovered > transplant.day0:
                transplants[index] = replace(
                    transplant, neutrophil_recovery=recovered, recovery_source="values"
                )
        return Journey(tuple(transplants))

    @property
    def is_set_up(self) -> bool:
        return self.journey is not None

    def on(self, day: date) -> Transplant:
        """The transplant in force on ``day``."""
        journey = self.journey
        if journey is None:
            raise RuntimeError("the diary has no journey yet")
        return journey.active(day)

    @property
    def active(self) -> Transplant:
        """The transplant in force today."""
        return self.on(self._service.today())

    def spans(self, transplant: Transplant | None = None) -> list[PhaseSpan]:
        transplant = transplant or self.active
        return transplant.phase_spans(self._service.today(), self._service.settings.numbers)

    def milestones(self, transplant: Transplant | None = None) -> list[Milestone]:
        return (transplant or self.active).milestones(self._service.settings.numbers)

    def status(self, day: date | None = None) -> DayStatus:
        """Day number, phase and what comes next, on ``day`` (default today)."""
        today = self._service.today()
        numbers = self._service.settings.numbers
        day = day or today
        transplant = self.on(day)
        number = transplant.day_number(day)
        upcoming = [m for m in transplant.milestones(numbers) if m.day > number]
        assert self.journey is not None
        return DayStatus(
            date=day,
            day=number,
            phase=transplant.phase_on(day, today, numbers),
            transplant=transplant,
            transplant_count=len(self.journey.transplants),
            next_milestone=upcoming[0] if upcoming else None,
        )

    # Writing ------------------------------------------------------------------------------

    def start(self, transplant: Transplant, team: Team, country: str = "") -> Op[None]:
        """Save what setup collected (the transplant, the team, the country), all or nothing."""
        from companion.domain.emergency import clean_country

        service = self._service
        country = clean_country(country)
        now = service.now()
        with service._operation("start", undoable=False):
            self._journeys.start_diary(transplant, team, now)
            if country:
                self._preferences.set(key="country", value=country)
        return service._result(None, Changes(journey=True, team=True, settings=True, history=True))

    def add(self, transplant: Transplant) -> Op[None]:
        """Another transplant (a second one, months or years later)."""
        with self._service._operation("add_transplant"):
            self._journeys.add_transplant(transplant, self._service.now())
        return self._service._result(None, Changes(journey=True, history=True))


__all__ = ["DayStatus", "Transplants"]
