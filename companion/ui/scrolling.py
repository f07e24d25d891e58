"""Bringing a control into view on a page that scrolls up and down, and the page that
does it (``ScrollPage``)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Slot
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from companion.ui import typography


def page_of(widget: QWidget) -> QScrollArea | None:
    """The nearest scrolling page ``widget`` sits on, if any."""
    area = widget.parentWidget()
    while area is not None:
        content = area.widget() if isinstance(area, QScrollArea) else None
        if content is not None and content.isAncestorOf(widget):
            return area  # type: ignore[return-value]
        area = area.parentWidget()
    return None


def reveal(widget: QWidget, margin: int = 0, area: QScrollArea | None = None) -> None:
    """Scroll ``area`` (default: the page ``widget`` sits on) up or down, as little as
    needed, so that ``widget`` is in view with ``margin`` pixels around it. Never sideways:
    pages wrap their text to the window's width."""
    area = area or page_of(widget)
    if area is None or area.widget() is None:
        return
    top = widget.mapTo(area.widget(), QPoint(0, 0)).y()
    bar = area.verticalScrollBar()
    view = area.viewport().height()
    first, last = top - margin, top + widget.height() + margin
    if widget.height() + 2 * margin > view or first < bar.value():
        bar.setValue(first)  # taller than the view: its top; above the view: up to it
    elif last > bar.value() + view:
        bar.setValue(last - view)


class ScrollPage(QScrollArea):
    """A page that scrolls up and down, never sideways: its content is as wide as the
    window leaves it (text wraps), and Tab brings the focused control into view."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls on it
        self.setObjectName(f"page-{content.objectName() or 'content'}")
        # Tab scrolls by itself; a shortcut (Ctrl+T) or a mnemonic moving the focus must too.
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, now: QWidget | None) -> None:
        if old is None:
            return  # the window opening or coming back: the page stays as it was seen
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # a click: what was clicked is in view, and the page must not jump
        content = self.widget()
        if now is not None and content is not None and content.isAncestorOf(now):
            self.reveal(now)

    def reveal(self, widget: QWidget) -> None:
        """Scroll up or down so that ``widget`` is in view, with half a line's margin."""
        reveal(widget, typography.line() // 2, area=self)

    def minimumSizeHint(self) -> QSize:
        line = typography.line()
        return QSize(line * 12, line * 6)
