"""Gather a checklist sheet from the diary (or a generic one without a journey)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from companion.content.call_blocks import facts_from_numbers
from companion.content.checklists import load_checklist
from companion.domain.journey import Phase
from companion.printing.checklist_sheet import Sheet, SheetPhase, day_range
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.journey_repository import JourneyRepository, SettingsRepository


def build_sheet(db: Database | None, phases: Sequence[Phase], today: date, blank: bool) -> Sheet:
    """The sheet for ``phases`` of the active transplant, with the saved ticks unless blank.

    With no database, or a diary not set up yet, the sheet is generic: every item, marked
    where it applies to one kind of transplant, and blank lines for the team's numbers.
    """
    journey = team = None
    numbers = None
    checklists = None
    if db is not None:
        journeys = JourneyRepository(db)
        journey, team = journeys.load_journey(), journeys.load_team()
        numbers = SettingsRepository(db).numbers()
        checklists = ChecklistRepository(db)
    transplant = journey.active(today) if journey is not None else None
    kind = transplant.kind if transplant is not None else None
    pages = []
    for phase in phases:
        checklist = load_checklist(phase, kind)
        states = {}
        if checklists is not None:
            checklist = checklist.with_custom(checklists.custom_items(phase))
            if transplant is not None and transplant.id is not None:
                states = checklists.states(transplant.id, phase)
        items = tuple(
            (item, states[item.key].ticked if item.key in states else False)
            for item in checklist.visible(states)
        )
        pages.append(
            SheetPhase(
                phase,
                day_range(phase, transplant, today, numbers)
                if numbers
                else day_range(phase, None, today, numbers),
                items,
            )
        )
    # The diary's limits in the call boxes; the emergency number waits for the country
    # setting (generic "999, 911 or 112" until then).
    return Sheet(tuple(pages), team, facts_from_numbers(numbers), today, kind, blank)
