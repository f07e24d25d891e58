"""Ticks, hidden items and the team's own items for the phase checklists."""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from companion.domain.checklist import ChecklistItem, ItemState, clean_custom_text
from companion.domain.journey import Phase
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
        row_id = (
            self._db["custom_items"]
            .insert({"phase": phase.value, "text": cleaned, "created_at": iso(now)})
            .last_pk
        )
        return ChecklistItem(key=f"custom-{row_id}", text=cleaned, group="")

    # Daily items ("take your temperature twice a day") are ticked per local date, in the
    # daily_ticks table (migration 6): yesterday's tick never counts for today.

    def daily_ticks(self, transplant_id: int, phase: Phase, on: date) -> dict[str, datetime]:
        """The daily items ticked on ``on``: item key -> when it was ticked."""
        rows = self._db["daily_ticks"].rows_where(
            "transplant_id = ? AND phase = ? AND on_date = ?",
            [transplant_id, phase.value, on.isoformat()],
        )
        return {r["item_key"]: datetime.fromisoformat(r["ticked_at"]) for r in rows}

    def set_daily_tick(
        self,
        transplant_id: int,
        phase: Phase,
        key: str,
        on: date,
        ticked: bool,
        now: datetime | None = None,
    ) -> datetime | None:
        """Tick (or untick) a daily item for one day; returns when it was ticked, or None."""
        if ticked:
            self._db["daily_ticks"].upsert(
                {
                    "transplant_id": transplant_id,
                    "phase": phase.value,
                    "item_key": key,
                    "on_date": on.isoformat(),
                    "ticked_at": iso(now),
                },
                pk=("transplant_id", "phase", "item_key", "on_date"),
            )
        else:
            self._db.execute(
                "DELETE FROM daily_ticks WHERE transplant_id = ? AND phase = ? "
                "AND item_key = ? AND on_date = ?",
                [transplant_id, phase.value, key, on.isoformat()],
            )
        return self.daily_ticks(transplant_id, phase, on).get(key)
