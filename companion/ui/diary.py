"""The open diary as the UI sees it: current journey, team and numbers, and change signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

from companion.content.checklists import load_checklist
from companion.domain.checklist import Checklist, ItemState
from companion.domain.clinical import ClinicalNumbers
from companion.domain.history import ChangeRecord, now_local
from companion.domain.journey import Journey, Phase, Transplant
from companion.domain.team import Team
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from companion.storage.settings import save_settings


class Diary(QObject):
    """Holds the store and what it says now. Widgets read from it and ask it to change.

    Signals:
        changed: the journey, the team or the clinical numbers were saved.
        checklist_changed(str): an item of that phase's checklist was ticked, hidden or added.
    """

    changed = Signal()
    checklist_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = now_local,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._clock = clock
        self._journeys = JourneyRepository(db)
        self._settings = SettingsRepository(db)
        self._checklists = ChecklistRepository(db)
        self.journey: Journey | None = self._journeys.load_journey()
        self.team: Team | None = self._journeys.load_team()
        self.numbers: ClinicalNumbers = self._settings.numbers()

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    @property
    def active(self) -> Transplant:
        if self.journey is None:
            raise RuntimeError("the diary has no journey yet")
        return self.journey.active(self.today())

    def history(self) -> list[ChangeRecord]:
        return self._journeys.history()

    def start(self, transplant: Transplant, team: Team) -> None:
        self.journey = self._journeys.start_diary(transplant, team, self.now())
        self.team = self._journeys.load_team()
        self.changed.emit()

    def save_settings(self, transplant: Transplant, team: Team, numbers: dict[str, float]) -> None:
        """Raises TeamError / SettingError / ValueError with a user message; nothing saved."""
        self.journey, self.team, self.numbers = save_settings(
            self.db, transplant, team, numbers, self.now()
        )
        self.changed.emit()

    def add_transplant(self, transplant: Transplant) -> None:
        self.journey = self._journeys.add_transplant(transplant, self.now())
        self.changed.emit()

    # Checklists ------------------------------------------------------------------------------

    def checklist(self, phase: Phase) -> Checklist:
        """The phase's items for the active transplant's kind, then the team's own items."""
        base = load_checklist(phase, self.active.kind)
        return base.with_custom(self._checklists.custom_items(phase))

    def checklist_states(self, phase: Phase) -> dict[str, ItemState]:
        assert self.active.id is not None
        return self._checklists.states(self.active.id, phase)

    def checklist_progress(self, phase: Phase) -> tuple[int, int]:
        return self.checklist(phase).progress(self.checklist_states(phase))

    def set_ticked(self, phase: Phase, key: str, ticked: bool) -> ItemState:
        assert self.active.id is not None
        state = self._checklists.set_ticked(self.active.id, phase, key, ticked, self.now())
        self.checklist_changed.emit(phase.value)
        return state

    def set_hidden(self, phase: Phase, key: str, hidden: bool) -> ItemState:
        assert self.active.id is not None
        state = self._checklists.set_hidden(self.active.id, phase, key, hidden)
        self.checklist_changed.emit(phase.value)
        return state

    def add_custom_item(self, phase: Phase, text: str) -> None:
        """Raises ChecklistError with a message for the user; nothing saved then."""
        self._checklists.add_custom(phase, text, self.now())
        self.checklist_changed.emit(phase.value)
