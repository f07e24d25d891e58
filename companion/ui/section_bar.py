"""A tab widget's sections as a row of buttons that wraps, in place of its tab bar.

A QTabBar never wraps: at 200 % text on a 1024-pixel screen the Settings page showed
"Chan…" behind two tiny scroll arrows, and in Spanish (20–35 % longer) even less. Here each
section is a button in a row that wraps like words, so every name is always whole and in
view. It behaves as a tab bar does: one Tab stop (the chosen section), ← → (and ↑ ↓) move
to the section before or after and show it at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QButtonGroup, QPushButton, QTabWidget, QWidget

from companion.i18n import _
from companion.ui import typography
from companion.ui.flow import FlowLayout


class SectionBar(QWidget):
    """Buttons for ``tabs``'s sections (their tab bar hidden); they follow each other: a
    click (or any way of checking a button) shows the section, and ``tabs.setCurrentIndex``
    checks the button."""

    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section-bar")
        self.setAccessibleName(_("Sections"))
        self.tabs = tabs
        tabs.tabBar().hide()
        # The tab widget hands its focus to its tab bar; hidden, that bar takes none, and Tab
        # from the section buttons stopped there, for ever: the form below was out of reach
        # of the keyboard. Tab now goes from the chosen section's button into the section.
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons: list[QPushButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        flow = FlowLayout(self, spacing_lines=0.3)
        count = tabs.count()
        for index in range(count):
            text = tabs.tabText(index)
            button = typography.role(QPushButton(text), min_lines=2)
            button.setCheckable(True)
            button.setObjectName(f"section-{index}")
            button.setAccessibleName(text)
            button.setAccessibleDescription(
                _("Section {number} of {count}").format(number=index + 1, count=count)
            )
            button.installEventFilter(self)
            self._group.addButton(button, index)
            flow.addWidget(button)
            self.buttons.append(button)
        # Toggled, not clicked: a screen reader's or voice control's "Toggle" action checks
        # the button without a click, and the section must change with it (issue 23).
        self._group.idToggled.connect(self._on_group_id_toggled)
        tabs.currentChanged.connect(self._show_current)
        self._show_current(tabs.currentIndex())

    def current_button(self) -> QPushButton:
        return self.buttons[self.tabs.currentIndex()]

    def setFocus(self, reason: Qt.FocusReason = Qt.FocusReason.OtherFocusReason) -> None:
        """The keyboard goes to the chosen section's button, as to a tab bar's current tab."""
        self.current_button().setFocus(reason)

    @Slot(int)
    def _show_current(self, index: int) -> None:
        if not 0 <= index < len(self.buttons):
            return
        for each, button in enumerate(self.buttons):
            button.setChecked(each == index)
            # The chosen section in bold too: a pressed button's shade alone is faint.
            typography.role(button, bold=each == index)
            # One Tab stop, on the chosen section: the others are reached with the arrows.
            chosen = Qt.FocusPolicy.StrongFocus if each == index else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(chosen)

    @Slot(int, bool)
    def _on_group_id_toggled(self, index: int, checked: bool) -> None:
        if checked:  # the group is exclusive: one button is always the checked one
            self.tabs.setCurrentIndex(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched not in self.buttons:
            return False
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
        step = steps.get(event.key())  # type: ignore[attr-defined]
        if step is None:
            return False
        index = (self.buttons.index(watched) + step) % len(self.buttons)  # type: ignore[arg-type]
        self.tabs.setCurrentIndex(index)
        self.buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True
