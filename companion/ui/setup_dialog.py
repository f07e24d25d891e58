"""First launch: one short form for the transplant dates and the team's numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
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
from companion.ui import access, theme, typography
from companion.ui.forms import TeamForm, TransplantForm, fit_to_screen


class ErrorLabel(QLabel):
    """A problem with the form, said in words with a warning sign (never colour alone), in
    a red frame, and said by the screen reader at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form-error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Problem")
        self.hide()

    def _style(self) -> None:
        edge = theme.scheme(self.palette()).card_edge.name()
        self.setStyleSheet(
            f"QLabel#form-error {{ border: 0.2em solid {edge}; padding: 0.4em; "
            "font-weight: bold; }"
        )

    def show_problem(self, text: str) -> None:
        self._style()
        self.setText(f"⚠ {text}")
        self.setAccessibleDescription(text)
        self.show()
        access.announce(self, text, assertive=True)


class SetupDialog(QDialog):
    """Asks once for the transplant and the team. Cancelling saves nothing."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # On first launch this form comes before the main window, which otherwise starts
        # the ring that shows where the keyboard is (try-out finding 11).
        access.install_focus_ring()
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
        title = typography.heading(QLabel("Let's set up your diary"), 1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(title)
        body_layout.addWidget(intro)
        body_layout.addWidget(self.transplant_form)
        body_layout.addWidget(self.team_form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
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
            typography.role(button, min_lines=2.4)
        theme.make_primary(self.start_button)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        fit_to_screen(self, (900, 760))
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
