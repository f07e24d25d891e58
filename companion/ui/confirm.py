"""Yes/no questions behind one seam, so tests answer them without a blocking exec()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from companion.i18n import _
from companion.ui.text import message_box

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class ConfirmDialog:
    """Tests replace ``ask`` (monkeypatch) to answer and to record what was asked."""

    @staticmethod
    def build(
        parent: QWidget | None,
        title: str,
        text: str,
        yes: str,
        no: str | None = None,
        *,
        yes_first: bool = True,
    ) -> tuple[QMessageBox, object]:
        """The question box (its text plain text) and its "yes" button; ``no`` is "Cancel"
        unless given. Enter presses "yes", or "no" where ``yes_first`` is False (where yes
        throws something away)."""
        from PySide6.QtWidgets import QMessageBox  # loaded when first asked, not at start

        no = _("Cancel") if no is None else no
        box = message_box(QMessageBox.Icon.Question, title, text, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button if yes_first else no_button)
        return box, yes_button

    @staticmethod
    def ask(
        parent: QWidget | None,
        title: str,
        text: str,
        yes: str,
        no: str | None = None,
        *,
        yes_first: bool = True,
    ) -> bool:
        box, yes_button = ConfirmDialog.build(parent, title, text, yes, no, yes_first=yes_first)
        box.exec()
        return box.clickedButton() is yes_button
