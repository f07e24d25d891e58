"""Operations as the journal keeps them: what undo and redo return, the history's items, and
the words for each operation (made when shown, from the stored operation and rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from companion.domain.entries import EntryKind
from companion.service.changes import Changes
from companion.storage.journal import JournalRow

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Op(Generic[T]):
    """What every write returns: the value it made or saved (``None`` when there is nothing
    to give back) and the ``Changes`` every listener was told of.

    One shape for every write of every part, as Anki's ``OpChanges``/``OpChangesWithId``:
    ``service.log.add(entry).value.alerts``, ``service.labs.delete(3).changes``.
    """

    value: T
    changes: Changes


# How long a deleted thing (and the values an edit replaced) can be brought back by undo:
# after this many days it is erased for good (see README, "What is kept where").
UNDO_DAYS = 7

OPERATION_WORDS = {
    "start": "Set up the diary",
    "save_settings": "Changed the settings",
    "add_transplant": "Added a transplant",
    "set_ticked": "Ticked or unticked a checklist item",
    "set_hidden": "Hid or showed a checklist item",
    "add_custom_item": "Added an item to a checklist",
    "log_entry": "Logged {what}",
    "update_entry": "Edited {what}",
    "delete_entry": "Deleted {what}",
    "restore_entry": "Brought back {what}",
    "acknowledge": "Recorded that you contacted your team",
    "undo_acknowledge": "Took back that you contacted your team",
    "add_lab": "Added blood counts",
    "delete_lab": "Deleted blood counts",
    "add_transfusion": "Added a transfusion",
    "delete_transfusion": "Deleted a transfusion",
    "set_team_engraftment": "Set the date your team said counts recovered",
    "add_appointment": "Added an appointment",
    "update_appointment": "Edited an appointment",
    "delete_appointment": "Deleted an appointment",
    "restore_appointment": "Brought back an appointment",
    "add_question": "Added a question",
    "edit_question": "Edited a question",
    "move_question": "Moved a question",
    "answer_question": "Answered a question",
    "unanswer_question": "Marked a question as not answered",
    "delete_question": "Deleted a question",
    "restore_question": "Brought back a question",
    "add_medicine": "Added a medicine",
    "change_medicine_dose": "Changed a medicine's dose from a date",
    "resume_medicine": "Restarted a paused medicine",
    "change_medicine": "Paused or stopped a medicine",
    "set_medicine_hold": "Changed whether a medicine waits for the blood test",
    "record_dose": "Recorded a dose as taken or skipped",
    "unrecord_dose": "Took back a recorded dose",
    "mark_vaccine_given": "Recorded whether a vaccine was given",
    "edit_vaccine": "Changed a vaccine in the plan",
    "add_vaccine": "Added a vaccine to the plan",
    "remove_vaccine": "Took a vaccine off the plan",
    "confirm_live_condition": "Recorded what your team said about live vaccines",
    "add_ivig": "Added an IVIG infusion",
    "accept_checkup": "Put a check-up in your calendar",
    "tick_checkup": "Ticked a check-up",
    "set_immune_range": "Changed the range shown beside an immune count",
    "fill_vaccine_plan": "Filled the vaccine plan from the published defaults",
    "move_vaccine_plan": "Moved the vaccine plan with Day 0",
    "fill_checkup_plan": "Filled the yearly check-up plan",
}


def describe(row: JournalRow) -> str:
    """One line for a journal row, e.g. "Logged temperature at 12 Dec 14:05"."""
    words = OPERATION_WORDS.get(row.operation, row.operation.replace("_", " ").capitalize())
    if "{what}" in words:
        words = words.format(what=_what(row))
    return words


def _what(row: JournalRow) -> str:
    for change in row.rows:
        values = change.after or change.before
        if change.table == "entries" and values:
            try:
                kind = EntryKind(values.get("kind"))
                at = datetime.fromisoformat(values["at"])
            except (ValueError, KeyError, TypeError):
                break
            return f"{kind.title.lower()} at {at:%d %b %H:%M}"
    return "an entry"


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One operation in the journal, newest first in ``DiaryService.journal``."""

    id: int
    at: datetime
    operation: str
    summary: str
    front_end: str
    device: str
    state: str  # "done" or "undone"
    undoable: bool

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "operation": self.operation,
            "summary": self.summary,
            "front_end": self.front_end,
        }


@dataclass(frozen=True, slots=True)
class Undone:
    """What undo (or redo) took back (or did again), and what changed."""

    item: HistoryItem
    changes: Changes


def history_item(row: JournalRow) -> HistoryItem:
    return HistoryItem(
        row.id,
        row.at,
        row.operation,
        describe(row),
        row.front_end,
        row.device,
        row.state,
        row.undoable,
    )


__all__ = [
    "OPERATION_WORDS",
    "UNDO_DAYS",
    "HistoryItem",
    "Op",
    "Undone",
    "describe",
    "history_item",
]
