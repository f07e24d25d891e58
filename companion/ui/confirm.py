"""Yes/no questions behind one seam, so tests answer them without a blocking exec()."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class ConfirmDialog:
    """Tests replace ``ask`` (monkeypatch) to answer and to record what was asked."""

    @staticmethod
    def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        from PySide6.QtWidgets import QMessageBox  # loaded when first asked, not at start

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        box.setTextFormat(box.textFormat().PlainText)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.setAccessibleName(title)
        box.exec()
        return box.clickedButton() is yes_button
