"""Text size and type roles: everything grows and shrinks with View → Text size, live.

The base is the system font as the app started. ``set_text_size(150)`` makes the
application font 150 % of it; widgets with a plain font follow by themselves. A widget that
needs more — a heading 1.6 times the text, a button at least 2.2 lines tall, a field about
14 characters wide — gets a *role* here instead of a font or a pixel size fixed when it is
built, and ``refresh()`` applies every role again after a change. Layout spacing is given
in lines of text the same way.
"""

from __future__ import annotations

import weakref

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QLayout, QWidget

_BASE: list[QFont] = []
_SIZE = [100]
# The widgets and layouts with a role, to apply again after a change (weakly held: a widget
# that is gone is simply skipped; walking every widget's layouts at any moment could meet
# one half-way through being deleted).
_WIDGETS: weakref.WeakSet = weakref.WeakSet()
_LAYOUTS: weakref.WeakSet = weakref.WeakSet()

# Heading levels, as multiples of the text size (the NHS service manual's type scale,
# roughly: 32/24/19 px over 16 px body text).
HEADINGS = {1: 1.6, 2: 1.3, 3: 1.0}  # 3: bold at the text size (fewer fonts to load)


def base_font() -> QFont:
    """The system's font as the app started (before any text size was applied)."""
    if not _BASE:
        _BASE.append(QFont(QGuiApplication.font()))
    return QFont(_BASE[0])


def text_size() -> int:
    return _SIZE[0]


def set_text_size(percent: int) -> None:
    """Make the text ``percent`` % of the system font's size, and re-apply every role."""
    base = base_font()
    _SIZE[0] = percent
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * percent / 100)
    else:
        font.setPixelSize(round(base.pixelSize() * percent / 100))
    QApplication.setFont(font)
    refresh()


_METRICS: dict[str, QFontMetrics] = {}


def metrics(font: QFont) -> QFontMetrics:
    """Font metrics, kept per font (making them means finding the font: slow the first
    time, and asked for by every role)."""
    key = font.key()
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = QFontMetrics(font)
    return found


def line() -> int:
    """The height of a line of text in the application font, in pixels."""
    return metrics(QGuiApplication.font()).height()


def role(
    widget: QWidget,
    *,
    scale: float | None = None,
    bold: bool | None = None,
    min_lines: float | None = None,
    max_chars: int | None = None,
    min_chars: int | None = None,
    indicator: bool | None = None,
) -> QWidget:
    """Give ``widget`` a type role (kept as properties, applied now and after every text
    size change). ``indicator``: a tick box or radio button whose box grows with the text
    (Qt's is a fixed 13 pixels). Returns the widget."""
    for name, value in (
        ("tcScale", scale),
        ("tcBold", bold),
        ("tcMinLines", min_lines),
        ("tcMaxChars", max_chars),
        ("tcMinChars", min_chars),
        ("tcIndicator", indicator),
    ):
        if value is not None:
            widget.setProperty(name, value)
    widget.setProperty("tcRole", True)
    _WIDGETS.add(widget)
    _apply(widget)
    return widget


def heading(widget: QWidget, level: int = 2) -> QWidget:
    """A heading at ``level``; a label's words wrap (at 200 % on a small screen a heading
    is wider than the page, and a cut heading pushed the whole page past the window)."""
    if hasattr(widget, "setWordWrap"):
        widget.setWordWrap(True)
    return role(widget, scale=HEADINGS[level], bold=True)


def font_for(widget: QWidget) -> QFont:
    """The font ``widget``'s role gives it, from the application font as it is now."""
    font = QFont(QGuiApplication.font())
    scale, bold = widget.property("tcScale"), widget.property("tcBold")
    if scale is not None:
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * float(scale))
        else:
            font.setPixelSize(round(font.pixelSize() * float(scale)))
    if bold is not None:
        font.setBold(bool(bold))
    return font


def _apply(widget: QWidget) -> None:
    font = font_for(widget)
    if widget.property("tcScale") is not None or widget.property("tcBold") is not None:
        widget.setFont(font)
    sizes = metrics(font)
    lines = widget.property("tcMinLines")
    if lines is not None:
        widget.setMinimumHeight(round(sizes.height() * float(lines)))
    chars = widget.property("tcMaxChars")
    if chars is not None:
        widget.setMaximumWidth(sizes.horizontalAdvance("0") * int(chars) + 16)
    chars = widget.property("tcMinChars")
    if chars is not None:
        widget.setMinimumWidth(sizes.horizontalAdvance("0") * int(chars) + 16)
    if widget.property("tcIndicator"):
        box = max(13, round(sizes.height() * 0.95))
        kind = widget.metaObject().className()
        widget.setStyleSheet(
            f"{kind}::indicator {{ width: {box}px; height: {box}px; }}"
            f"{kind} {{ spacing: {max(4, box // 2)}px; }}"
        )


def spacing(layout: QLayout, lines: float = 0.6, margins: float | None = None) -> QLayout:
    """Space a layout's items ``lines`` lines of text apart (and its margins, if given)."""
    layout.setProperty("tcSpacing", lines)
    if margins is not None:
        layout.setProperty("tcMargins", margins)
    _LAYOUTS.add(layout)
    _apply_layout(layout)
    return layout


def _apply_layout(layout: QLayout) -> None:
    height = line()
    lines = layout.property("tcSpacing")
    if lines is not None:
        layout.setSpacing(round(height * float(lines)))
    margins = layout.property("tcMargins")
    if margins is not None:
        px = round(height * float(margins))
        layout.setContentsMargins(px, px, px, px)


def refresh() -> None:
    """Apply every role and layout spacing again (after a text size change)."""
    import shiboken6

    for widget in list(_WIDGETS):
        if shiboken6.isValid(widget):
            _apply(widget)
    for layout in list(_LAYOUTS):
        if shiboken6.isValid(layout):
            _apply_layout(layout)


__all__ = [
    "HEADINGS",
    "base_font",
    "heading",
    "line",
    "refresh",
    "role",
    "set_text_size",
    "spacing",
    "text_size",
]
