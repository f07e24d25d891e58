"""Operations as the journal keeps them: what undo and redo return, the history's items, and
the words for each operation (made when shown, from the stored operation and rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from companion.domain.entries import EntryKind
from companion.i18n import N_, _, format_datetime
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
    "start": N_("Set up the diary"),
    "save_settings": N_("Changed the settings"),
    "add_transplant": N_("Added a transplant"),
    "set_ticked": N_("Ticked or unticked a checklist item"),
    "set_hidden": N_("Hid or showed a checklist item"),
    "add_custom_item": N_("Added an item to a checklist"),
    "acknowledge": N_("Recorded that you contacted your team"),
    "undo_acknowledge": N_("Took back that you contacted your team"),
    "add_lab": N_("Added blood counts"),
    "delete_lab": N_("Deleted blood counts"),
    "add_transfusion": N_("Added a transfusion"),
    "delete_transfusion": N_("Deleted a transfusion"),
    "set_team_engraftment": N_("Set the date your team said counts recovered"),
    "add_appointment": N_("Added an appointment"),
    "update_appointment": N_("Edited an appointment"),
    "delete_appointment": N_("Deleted an appointment"),
    "restore_appointment": N_("Brought back an appointment"),
    "add_question": N_("Added a question"),
    "edit_question": N_("Edited a question"),
    "move_question": N_("Moved a question"),
    "answer_question": N_("Answered a question"),
    "unanswer_question": N_("Marked a question as not answered"),
    "delete_question": N_("Deleted a question"),
    "restore_question": N_("Brought back a question"),
    "add_medicine": N_("Added a medicine"),
    "change_medicine_dose": N_("Changed a medicine's dose from a date"),
    "resume_medicine": N_("Restarted a paused medicine"),
    "change_medicine": N_("Paused or stopped a medicine"),
    "set_medicine_hold": N_("Changed whether a medicine waits for the blood test"),
    "record_dose": N_("Recorded a dose as taken or skipped"),
    "unrecord_dose": N_("Took back a recorded dose"),
    "mark_vaccine_given": N_("Recorded whether a vaccine was given"),
    "edit_vaccine": N_("Changed a vaccine in the plan"),
    "add_vaccine": N_("Added a vaccine to the plan"),
    "remove_vaccine": N_("Took a vaccine off the plan"),
    "confirm_live_condition": N_("Recorded what your team said about live vaccines"),
    "add_ivig": N_("Added an IVIG infusion"),
    "accept_checkup": N_("Put a check-up in your calendar"),
    "tick_checkup": N_("Ticked a check-up"),
    "set_immune_range": N_("Changed the range shown beside an immune count"),
    "fill_vaccine_plan": N_("Filled the vaccine plan from the published defaults"),
    "move_vaccine_plan": N_("Moved the vaccine plan with Day 0"),
    "fill_checkup_plan": N_("Filled the yearly check-up plan"),
}


# The operations on a log entry: their words name the entry's kind and time when the
# journal row holds them ("Logged temperature at 12 Dec 14:05"), else a general sentence.
ENTRY_WORDS = {
    "log_entry": (N_("Logged {kind} at {time}"), N_("Logged an entry")),
    "update_entry": (N_("Edited {kind} at {time}"), N_("Edited an entry")),
    "delete_entry": (N_("Deleted {kind} at {time}"), N_("Deleted an entry")),
    "restore_entry": (N_("Brought back {kind} at {time}"), N_("Brought back an entry")),
}


def describe(row: JournalRow) -> str:
    """One line for a journal row, e.g. "Logged temperature at 12 Dec 14:05", in the app's
    language (the operation's identifier stays English in the journal)."""
    if row.operation in ENTRY_WORDS:
        named, general = ENTRY_WORDS[row.operation]
        found = _entry_of(row)
        if found is None:
            return _(general)
        kind, at = found
        return _(named).format(kind=kind.title.lower(), time=format_datetime(at, "d MMM HH:mm"))
    words = OPERATION_WORDS.get(row.operation)
    if words is None:  # an operation a later version wrote: its identifier in words
        return row.operation.replace("_", " ").capitalize()
    return _(words)


def _entry_of(row: JournalRow) -> tuple[EntryKind, datetime] | None:
    for change in row.rows:
        values = change.after or change.before
        if change.table == "entries" and values:
            try:
                return EntryKind(values.get("kind")), datetime.fromisoformat(values["at"])
            except (ValueError, KeyError, TypeError):
                return None
    return None


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
    "ENTRY_WORDS",
    "OPERATION_WORDS",
    "UNDO_DAYS",
    "HistoryItem",
    "Op",
    "Undone",
    "describe",
    "history_item",
]
