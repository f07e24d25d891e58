"""Message boxes behind one seam, so tests can answer them without a blocking exec()."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Messages:
    """Tests replace these static methods (monkeypatch) to record what the user was told."""

    @staticmethod
    def error(parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setAccessibleName(title)
        box.exec()

    @staticmethod
    def info(parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setAccessibleName(title)
        box.exec()
