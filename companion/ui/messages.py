"""Message boxes behind one seam, so tests can answer them without a blocking exec()."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from companion.ui.text import message_box


class Messages:
    """Tests replace these static methods (monkeypatch) to record what the user was told."""

    @staticmethod
    def build(parent: QWidget | None, title: str, text: str, warning: bool = False) -> QMessageBox:
        """The box ``error`` (``warning``) or ``info`` shows: its text is plain text."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        return message_box(icon, title, text, parent, QMessageBox.StandardButton.Ok)

    @staticmethod
    def error(parent: QWidget | None, title: str, text: str) -> None:
        Messages.build(parent, title, text, warning=True).exec()

    @staticmethod
    def info(parent: QWidget | None, title: str, text: str) -> None:
        Messages.build(parent, title, text).exec()

    @staticmethod
    def build_long(parent: QWidget | None, title: str, text: str) -> QDialog:
        """The box ``long_info`` shows: the text scrolls, its OK button stays in view."""
        from companion.ui.text_dialog import TextDialog

        return TextDialog(title, text, parent)

    @staticmethod
    def long_info(parent: QWidget | None, title: str, text: str) -> None:
        """Text that may be taller than the screen (the list of keys, About)."""
        Messages.build_long(parent, title, text).exec()
