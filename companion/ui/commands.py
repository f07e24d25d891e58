"""What Edit → Undo can take back: deleting an entry, recording a contact."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from companion.domain.days import app_strftime
from companion.service.diary import Contact
from companion.ui.diary import Diary


class DeleteEntryCommand(QUndoCommand):
    """Delete an entry; Ctrl+Z brings it back exactly as it was."""

    def __init__(self, diary: Diary, entry) -> None:
        super().__init__(
            f"Delete {entry.kind.title.lower()} of {app_strftime(entry.at, '%d %b %H:%M')}"
        )
        self._service = diary.service
        self._entry_id = entry.id

    def redo(self) -> None:
        self._service.delete_entry(self._entry_id)

    def undo(self) -> None:
        self._service.restore_entry(self._entry_id)


class ContactCommand(QUndoCommand):
    """ "I contacted my team", already recorded by the card; Ctrl+Z takes it back (the card
    comes back), Ctrl+Shift+Z records it again."""

    def __init__(self, diary: Diary, contact: Contact) -> None:
        super().__init__("I contacted my team")
        self._service = diary.service
        self._contact_id = contact.entry.id
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after the card recorded it
            self._first = False
            return
        contact = self._service.acknowledge()
        self._contact_id = contact.entry.id if contact else None

    def undo(self) -> None:
        if self._contact_id is not None:
            self._service.undo_acknowledge(self._contact_id)
