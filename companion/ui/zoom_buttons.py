"""The row of buttons that moves a day axis: today, the first 100 days, the whole year, zoom."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from companion.ui import typography
from companion.ui.flow import FlowLayout

# (attribute, text, tooltip); each calls the owner's ``_on_<attribute>_clicked``
_BUTTONS = (
    ("today_button", "Go to today", "Select today on the {what} (Home)"),
    ("fit_button", "First 100 days", "Show from conditioning to Day +100"),
    ("year_button", "Whole year", "Show the first year"),
    ("zoom_out_button", "Zoom out −", "Show more days{minus}"),
    ("zoom_in_button", "Zoom in +", "Show fewer days, larger{plus}"),
)


def add_zoom_buttons(owner: QWidget, what: str, shortcuts: bool = False) -> FlowLayout:
    """Make the five buttons as attributes of ``owner`` (``today_button`` … ``zoom_in_button``),
    each connected to the owner's ``_on_<name>_clicked``, and return their row. ``what`` names
    what today is selected on; ``shortcuts`` adds Ctrl+minus / Ctrl+plus to the tooltips."""
    row = FlowLayout(spacing_lines=0.4)
    keys = {"what": what, "minus": "", "plus": ""}
    if shortcuts:
        keys.update(minus=" (Ctrl+minus)", plus=" (Ctrl+plus)")
    for name, text, tip in _BUTTONS:
        button = typography.role(QPushButton(text), min_lines=2.2)
        button.setAccessibleName(text.rstrip(" +−"))
        button.setToolTip(tip.format(**keys))
        button.clicked.connect(getattr(owner, f"_on_{name}_clicked"))
        setattr(owner, name, button)
        row.addWidget(button)
    return row
