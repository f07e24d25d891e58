"""First launch: the language, then one short form for the transplant dates and the team's
numbers.

The language comes first, in both languages' words ("Language / Idioma"), set to the
system's if the app is translated into it, else English. Choosing another one builds the
form again in it (nothing is typed yet at the top of the form); the choice is saved on
this computer when the diary starts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion import i18n
from companion.domain.journey import Transplant
from companion.domain.team import Team, TeamError
from companion.i18n import _
from companion.ui import access, language, theme, typography
from companion.ui.forms import TeamForm, TransplantForm, fit_to_screen


class ErrorLabel(QLabel):
    """A problem with the form, said in words with a warning sign (never colour alone), in
    a red frame, and said by the screen reader at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form-error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(_("Problem"))
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
        self.setWindowTitle(_("Welcome to Transplant Companion"))
        self.setObjectName("setup-dialog")
        self.language_requested: str | None = None  # another language chosen: ask again
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("setup-language")
        self.language_combo.setAccessibleName("Language / Idioma")
        for tag, name in language.choices():
            self.language_combo.addItem(name, tag)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.language())))
        self.language_combo.activated.connect(self._on_language_combo_activated)
        language_row = QFormLayout()
        language_row.addRow("Language / Idioma:", self.language_combo)
        self.transplant_form = TransplantForm(today)
        self.team_form = TeamForm()
        self.error_label = ErrorLabel()
        intro = QLabel(
            _(
                "Tell the app about your transplant once. It then shows which day you are on, "
                "what happens in each phase, and your team's numbers. "
                "You can change all of this later in Settings."
            )
        )
        intro.setWordWrap(True)
        title = typography.heading(QLabel(_("Let's set up your diary")), 1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(language_row)
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
            _("Start my diary"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName(_("Start my diary"))
        self.start_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))
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

    @Slot(int)
    def _on_language_combo_activated(self, index: int) -> None:
        tag = self.language_combo.itemData(index)
        if tag != i18n.language():
            self.language_requested = tag
            self.reject()

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
        language.save(i18n.language())  # the language the diary was started in
        self.accept()

    @staticmethod
    def ask(today: date, parent: QWidget | None = None) -> tuple[Transplant, Team, str] | None:
        """Show the dialog; the entered transplant, team and country code, or None if
        cancelled."""
        while True:
            dialog = SetupDialog(today, parent)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if accepted:
                return dialog.result_value
            if dialog.language_requested is None:
                return None
            language.apply(dialog.language_requested)  # the form again, in that language
