"""Choosing a phase: six radio buttons that wrap on a narrow window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QRadioButton, QWidget

from companion.domain.journey import Phase
from companion.ui import typography
from companion.ui.flow import FlowLayout


class PhaseChooser(QGroupBox):
    """The six phases as radio buttons ("Show the guide for: ○ Getting ready …"): a screen
    reader hears "radio button, 3 of 6"; Tab enters on the chosen one, the arrow keys choose.

    Signals:
        chosen(str): the user chose a phase (its id).
    """

    chosen = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.buttons: dict[Phase, QRadioButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        flow = FlowLayout(self, spacing_lines=0.6)
        for phase in Phase:
            button = typography.role(QRadioButton(phase.title), min_lines=1.6, indicator=True)
            button.setAccessibleName(phase.title)
            button.setAccessibleDescription(phase.summary)
            button.setToolTip(phase.summary)
            button.setObjectName(f"phase-{phase.value}")
            self._group.addButton(button)
            button.clicked.connect(self._on_button_clicked)
            button.installEventFilter(self)
            self.buttons[phase] = button
            flow.addWidget(button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """→ and ↓ choose the next phase, ← and ↑ the one before, in the journey's order
        (not by where the buttons happen to sit once the row wraps)."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
        step = steps.get(event.key())  # type: ignore[attr-defined]
        if step is None:
            return False
        phases = list(self.buttons)
        current = next(p for p, b in self.buttons.items() if b is watched)
        target = phases[(phases.index(current) + step) % len(phases)]
        button = self.buttons[target]
        button.setFocus(Qt.FocusReason.TabFocusReason)
        button.click()
        return True

    def choose(self, phase: Phase) -> None:
        """Show ``phase`` as chosen (without telling anyone). Tab enters the group on the
        chosen phase, as in any radio group (Qt only sets this up after a first focus)."""
        self.buttons[phase].setChecked(True)
        for each, button in self.buttons.items():
            policy = Qt.FocusPolicy.StrongFocus if each is phase else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    @Slot()
    def _on_button_clicked(self) -> None:
        for phase, button in self.buttons.items():
            if button is self.sender():
                self.chosen.emit(phase.value)
                return
