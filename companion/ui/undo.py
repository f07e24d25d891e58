"""Edit → Undo and Redo in the window: the diary's own undo (``DiaryService.undo``), the same
call the command line's ``companion undo`` makes. No view knows how to reverse anything."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from companion.i18n import _
from companion.service.changes import Changes
from companion.service.diary import JournalConflict
from companion.ui.diary import Diary
from companion.ui.messages import Messages


class DiaryUndo(QObject):
    """Undo and redo for this window: the newest change this window made (a change made
    meanwhile by the command line is left alone; ``companion undo`` takes back those).

    Its two actions are enabled only when there is something to take back (or do again);
    they follow the change notification.
    """

    def __init__(self, diary: Diary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.diary = diary
        self._actions: list[tuple[QAction, bool]] = []
        diary.changed.connect(self._on_diary_changed)

    def undo(self) -> None:
        self._step(redo=False)

    def redo(self) -> None:
        self._step(redo=True)

    def can_undo(self) -> bool:
        return self.diary.service.can_undo(only_mine=True)

    def can_redo(self) -> bool:
        return self.diary.service.can_redo(only_mine=True)

    def _step(self, redo: bool) -> None:
        service = self.diary.service
        try:
            service.redo(only_mine=True) if redo else service.undo(only_mine=True)
        except JournalConflict as error:
            parent = self.parent()
            window = parent if isinstance(parent, QWidget) else None
            Messages.error(window, _("This cannot be taken back"), str(error))
        self._refresh()

    def create_undo_action(self, parent: QObject, text: str) -> QAction:
        return self._action(parent, text, redo=False)

    def create_redo_action(self, parent: QObject, text: str) -> QAction:
        return self._action(parent, text, redo=True)

    def _action(self, parent: QObject, text: str, redo: bool) -> QAction:
        action = QAction(text, parent)
        action.setProperty("plainText", text)
        action.triggered.connect(self.redo if redo else self.undo)
        self._actions.append((action, redo))
        self._refresh()
        return action

    @Slot(object)
    def _on_diary_changed(self, _changes: Changes) -> None:
        self._refresh()

    def _refresh(self) -> None:
        for action, redo in self._actions:
            # "Undo: Logged temperature at 12 Dec 14:05": the menu names what it takes back.
            words = self.diary.service.undo_words(only_mine=True, redo=redo)
            base = action.property("plainText")
            action.setEnabled(words is not None)
            # A "&" in the words would be read as a mnemonic: doubled, it shows as itself.
            if words:
                words = words.replace("&", "&&")
                action.setText(_("{command}: {what}").format(command=base, what=words))
            else:
                action.setText(base)


__all__ = ["DiaryUndo"]
