"""``service.checklists``: each phase's checklist for the transplant's kind with the team's
own items, what the patient ticked or hid, and the daily items that start fresh each
morning."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from companion.content.checklists import load_checklist
from companion.domain.checklist import Checklist, ChecklistItem, ItemState
from companion.domain.journey import Phase, Transplant
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.checklist_repository import ChecklistRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService


class Checklists:
    """``service.checklists``: every write is one operation, undoable from the journal."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._repo = ChecklistRepository(service.db)

    def _transplant(self, transplant: Transplant | None) -> Transplant:
        return transplant or self._service.transplants.active

    # Reading ------------------------------------------------------------------------------

    def get(self, phase: Phase, transplant: Transplant | None = None) -> Checklist:
        """The phase's items for the transplant's kind, then the team's own items."""
        kind = self._transplant(transplant).kind
        return load_checklist(phase, kind).with_custom(self._repo.custom_items(phase))

    def states(
        self, phase: Phase, transplant: Transplant | None = None, on: date | None = None
    ) -> dict[str, ItemState]:
        """What the user did with each item. A daily item counts as ticked only when it was
        ticked on ``on`` (default today): "take your temperature twice a day" starts fresh
        every morning; whether it is hidden is kept for good, like any item."""
        transplant = self._transplant(transplant)
        assert transplant.id is not None
        states = self._repo.states(transplant.id, phase)
        daily = [i.key for i in self.get(phase, transplant).items if i.daily]
        if daily:
            ticks = self._repo.daily_ticks(transplant.id, phase, on or self._service.today())
            for key in daily:
                hidden = states.get(key, ItemState()).hidden
                states[key] = ItemState(ticks.get(key), hidden)
        return states

    def progress(self, phase: Phase) -> tuple[int, int]:
        """(ticked, shown) for the phase's list today."""
        return self.get(phase).progress(self.states(phase))

    def daily_items(self, phase: Phase) -> list[tuple[ChecklistItem, ItemState]]:
        """Today's daily items of ``phase`` that are not hidden, with today's ticks."""
        states = self.states(phase)
        return [
            (item, states.get(item.key, ItemState()))
            for item in self.get(phase).visible(states)
            if item.daily
        ]

    # Writing ------------------------------------------------------------------------------

    def _changed(self, phase: Phase) -> Changes:
        return Changes(checklist=frozenset({phase.value}))

    def set_ticked(self, phase: Phase, key: str, ticked: bool) -> Op[None]:
        """Tick or untick an item; a daily item is ticked for today only."""
        service = self._service
        active = service.transplants.active
        assert active.id is not None
        item = next((i for i in self.get(phase).items if i.key == key), None)
        with service._operation("set_ticked"):
            if item is not None and item.daily:
                self._repo.set_daily_tick(
                    active.id, phase, key, service.today(), ticked, service.now()
                )
            else:
                self._repo.set_ticked(active.id, phase, key, ticked, service.now())
        return service._result(None, self._changed(phase))

    def set_hidden(self, phase: Phase, key: str, hidden: bool) -> Op[None]:
        active = self._service.transplants.active
        assert active.id is not None
        with self._service._operation("set_hidden"):
            self._repo.set_hidden(active.id, phase, key, hidden)
        return self._service._result(None, self._changed(phase))

    def add_item(self, phase: Phase, text: str) -> Op[None]:
        """The team's own item at the end of ``phase``'s list. Raises ChecklistError with a
        message for the user; nothing saved then."""
        with self._service._operation("add_custom_item"):
            self._repo.add_custom(phase, text, self._service.now())
        return self._service._result(None, self._changed(phase))


__all__ = ["Checklists"]
