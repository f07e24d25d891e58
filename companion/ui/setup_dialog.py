"""First launch: one short form for the transplant dates and the team's numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.domain.journey import Transplant
from companion.domain.team import Team, TeamError
from companion.ui.forms import TeamForm, TransplantForm


class ErrorLabel(QLabel):
    """A problem with the form, said in words with a warning sign (never colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form-error")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote what was typed
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#form-error { border: 2px solid #b00020; padding: 6px; font-weight: bold; }"
        )
        self.setAccessibleName("Problem")
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setText(f"⚠ {text}")
        self.setAccessibleDescription(text)
        self.show()


class SetupDialog(QDialog):
    """Asks once for the transplant and the team. Cancelling saves nothing."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Transplant Companion")
        self.setObjectName("setup-dialog")
        self.transplant_form = TransplantForm(today)
        self.team_form = TeamForm()
        self.error_label = ErrorLabel()
        intro = QLabel(
            "Tell the app about your transplant once. It then shows which day you are on, "
            "what happens in each phase, and your team's numbers. "
            "You can change all of this later in Settings."
        )
        intro.setWordWrap(True)
        title = QLabel("Let's set up your diary")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        title.setFont(big)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(title)
        body_layout.addWidget(intro)
        body_layout.addWidget(self.transplant_form)
        body_layout.addWidget(self.team_form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            "Start my diary", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName("Start my diary")
        self.start_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        for button in (self.start_button, self.cancel_button):
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(900, 760)
        self.result_value: tuple[Transplant, Team, str] | None = None

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = self.transplant_form.problem()
        if problem is not None:
            text, widget = problem
            self.error_label.show_problem(text)
            widget.setFocus()
            return
        try:
            team = self.team_form.team().validated()
        except TeamError as error:
            self.error_label.show_problem(str(error))
            self.team_form.field_for(error.field).setFocus()
            return
        self.result_value = (self.transplant_form.transplant(), team, self.team_form.country())
        self.accept()

    @staticmethod
    def ask(today: date, parent: QWidget | None = None) -> tuple[Transplant, Team, str] | None:
        """Show the dialog; the entered transplant, team and country code, or None if
        cancelled."""
        dialog = SetupDialog(today, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_value
        return None
