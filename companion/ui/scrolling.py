"""Bringing a control into view on a page that scrolls up and down."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QWidget


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
