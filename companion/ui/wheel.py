"""Settings cannot move by accident: spin boxes, combos and date fields ignore the mouse
wheel unless they have the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


class _WheelGuard(QObject):
    """Spin boxes, combos and date fields ignore the mouse wheel unless they have focus: a
    scroll of the page must never change a number as the pointer passes over it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():  # type: ignore[attr-defined]
            event.ignore()  # the page around it scrolls instead
            return True
        return False


_WHEEL_GUARD = _WheelGuard()


def guard_wheel(widget: QWidget) -> QWidget:
    """Make ``widget`` take the wheel only when focused (and take focus only by click/Tab)."""
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_WHEEL_GUARD)
    return widget
