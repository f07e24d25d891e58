"""Gather a checklist sheet from the diary service (or a generic one without a diary)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from companion.content.call_now import load_call_now
from companion.content.checklists import load_checklist
from companion.domain.journey import Phase
from companion.printing.checklist_sheet import Sheet, SheetPhase, day_range
from companion.service.diary import DiaryService


def build_sheet(
    service: DiaryService | None, phases: Sequence[Phase], today: date, blank: bool
) -> Sheet:
    """The sheet for ``phases`` of the active transplant, with the saved ticks unless blank.

    The phases' days come from the service's worked-out journey (counts included), so the
    paper says what the window says. With no diary, or a diary not set up yet, the sheet is
    generic: every item, marked where it applies to one kind of transplant, and blank lines
    for the team's numbers.
    """
    if service is None or not service.is_set_up:
        pages = [
            SheetPhase(
                phase,
                day_range(phase, None, today, None),
                tuple((item, False) for item in load_checklist(phase, None).items),
            )
            for phase in phases
        ]
        return Sheet(tuple(pages), None, load_call_now(), today, None, blank)
    transplant = service.transplant_on(today)
    pages = []
    for phase in phases:
        checklist = service.checklist(phase, transplant)
        states = service.checklist_states(phase, transplant)
        items = tuple(
            (item, states[item.key].ticked if item.key in states else False)
            for item in checklist.visible(states)
        )
        pages.append(SheetPhase(phase, day_range(phase, transplant, today, service.numbers), items))
    return Sheet(tuple(pages), service.team, load_call_now(), today, transplant.kind, blank)
