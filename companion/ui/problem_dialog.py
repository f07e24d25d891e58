"""When the diary cannot be opened: say why in plain words, and offer a way on."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from companion.i18n import _, format_date
from companion.ui.text import message_box


class ProblemChoice(Enum):
    RESTORE = "restore"
    OTHER_FOLDER = "other"
    NEW_BESIDE = "new"
    QUIT = "quit"


class ProblemDialog:
    """A seam: tests replace ``ask``; no test reaches the blocking exec()."""

    @staticmethod
    def build(
        message: str, newest_backup: Path | None, parent: QWidget | None = None
    ) -> tuple[QMessageBox, dict]:
        """The message box and its buttons by choice (shown by ``ask``)."""
        box = message_box(
            QMessageBox.Icon.Warning, _("Your diary could not be opened"), message, parent
        )
        buttons = {}
        if newest_backup is not None:
            made = datetime.fromtimestamp(newest_backup.stat().st_mtime)
            buttons[ProblemChoice.RESTORE] = box.addButton(
                _("Restore the newest backup ({when})").format(
                    when=f"{format_date(made.date(), 'medium')} {made:%H:%M}"
                ),
                QMessageBox.ButtonRole.AcceptRole,
            )
        buttons[ProblemChoice.OTHER_FOLDER] = box.addButton(
            _("Open a different folder…"), QMessageBox.ButtonRole.ActionRole
        )
        buttons[ProblemChoice.NEW_BESIDE] = box.addButton(
            _("Start a new diary beside it"), QMessageBox.ButtonRole.ActionRole
        )
        buttons[ProblemChoice.QUIT] = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        return box, buttons

    @staticmethod
    def ask(
        message: str, newest_backup: Path | None, parent: QWidget | None = None
    ) -> tuple[ProblemChoice, Path | None]:
        box, buttons = ProblemDialog.build(message, newest_backup, parent)
        box.exec()
        clicked = box.clickedButton()
        choice = next((c for c, b in buttons.items() if b is clicked), ProblemChoice.QUIT)
        if choice is ProblemChoice.OTHER_FOLDER:
            folder = QFileDialog.getExistingDirectory(parent, _("Open a diary folder"))
            return (choice, Path(folder)) if folder else (ProblemChoice.QUIT, None)
        return choice, None
