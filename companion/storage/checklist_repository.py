"""Ticks, hidden items and the team's own items for the phase checklists."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from companion.domain.checklist import ChecklistItem, ItemState, clean_custom_text
from companion.domain.journey import Phase
from companion.storage.db import writing
from companion.storage.times import iso


class ChecklistRepository:
    """Each public write is one user intent in one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def states(self, transplant_id: int, phase: Phase) -> dict[str, ItemState]:
        rows = self._db["checklist_state"].rows_where(
            "transplant_id = ? AND phase = ?", [transplant_id, phase.value]
        )
        return {
            r["item_key"]: ItemState(
                datetime.fromisoformat(r["ticked_at"]) if r["ticked_at"] else None,
                bool(r["hidden"]),
            )
            for r in rows
        }

    def custom_items(self, phase: Phase) -> list[ChecklistItem]:
        return [
            ChecklistItem(key=f"custom-{r['id']}", text=r["text"], group="")
            for r in self._db["custom_items"].rows_where("phase = ?", [phase.value], order_by="id")
        ]

    def set_ticked(
        self,
        transplant_id: int,
        phase: Phase,
        key: str,
        ticked: bool,
        now: datetime | None = None,
    ) -> ItemState:
        with writing(self._db):
            self._db["checklist_state"].upsert(
                {
                    "transplant_id": transplant_id,
                    "phase": phase.value,
                    "item_key": key,
                    "ticked_at": iso(now) if ticked else None,
                },
                pk=("transplant_id", "phase", "item_key"),
            )
        return self.states(transplant_id, phase)[key]

    def set_hidden(self, transplant_id: int, phase: Phase, key: str, hidden: bool) -> ItemState:
        with writing(self._db):
            self._db["checklist_state"].upsert(
                {
                    "transplant_id": transplant_id,
                    "phase": phase.value,
                    "item_key": key,
                    "hidden": int(hidden),
                },
                pk=("transplant_id", "phase", "item_key"),
            )
        return self.states(transplant_id, phase)[key]

    def add_custom(self, phase: Phase, text: str, now: datetime | None = None) -> ChecklistItem:
        """Raises ChecklistError (nothing saved) when the text is empty or too long."""
        cleaned = clean_custom_text(text)
        with writing(self._db):
            row_id = (
                self._db["custom_items"]
                .insert({"phase": phase.value, "text": cleaned, "created_at": iso(now)})
                .last_pk
            )
        return ChecklistItem(key=f"custom-{row_id}", text=cleaned, group="")
