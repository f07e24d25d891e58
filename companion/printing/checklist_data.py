"""Gather a checklist sheet from the diary service (or a generic one without a diary)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from companion.content.call_blocks import facts_from_numbers
from companion.content.checklists import load_checklist
from companion.domain.journey import Phase
from companion.printing.checklist_sheet import Sheet, SheetPhase, day_range
from companion.service.diary import DiaryService


def build_sheet(
    service: DiaryService | None, phases: Sequence[Phase], today: date, blank: bool
) -> Sheet:
    """The sheet for ``phases`` of the active transplant, with the saved ticks unless blank.

    The phases' days come from the service's worked-out journey (counts included), so the
    paper says what the window says; the call boxes carry the diary's own limits and the
    emergency number of its country. With no diary, or a diary not set up yet, the sheet is
    generic: every item, marked where it applies to one kind of transplant, blank lines for
    the team's numbers, and the common limits.
    """
    if service is None or not service.transplants.is_set_up:
        pages = [
            SheetPhase(
                phase,
                day_range(phase, None, today, None),
                tuple((item, False) for item in load_checklist(phase, None).items),
            )
            for phase in phases
        ]
        return Sheet(tuple(pages), None, facts_from_numbers(None), today, None, blank)
    transplant = service.transplants.on(today)
    pages = []
    for phase in phases:
        checklist = service.checklists.get(phase, transplant)
        states = service.checklists.states(phase, transplant)
        items = tuple(
            (item, states[item.key].ticked if item.key in states else False)
            for item in checklist.visible(states)
        )
        pages.append(
            SheetPhase(phase, day_range(phase, transplant, today, service.settings.numbers), items)
        )
    facts = facts_from_numbers(service.settings.numbers, service.settings.country)
    return Sheet(tuple(pages), service.settings.team, facts, today, transplant.kind, blank)
