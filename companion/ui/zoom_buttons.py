"""The row of buttons that moves a day axis: today, the first 100 days, the whole year, zoom."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from companion.i18n import _
from companion.ui import typography
from companion.ui.flow import FlowLayout

# The owner's attribute for each button; each calls the owner's ``_on_<attribute>_clicked``.
_NAMES = ("today_button", "fit_button", "year_button", "zoom_out_button", "zoom_in_button")


def _words(what: str, shortcuts: bool) -> dict[str, tuple[str, str, str]]:
    """Each button's (text, accessible name, tooltip) in the app's language, for a day axis
    that is the ``what`` ("timeline" or "charts")."""
    today_tip = (
        _("Select today on the timeline (Home)")
        if what == "timeline"
        else _("Select today on the charts (Home)")
    )
    return {
        "today_button": (_("Go to today"), _("Go to today"), today_tip),
        "fit_button": (
            _("First 100 days"),
            _("First 100 days"),
            _("Show from conditioning to Day +100"),
        ),
        "year_button": (_("Whole year"), _("Whole year"), _("Show the first year")),
        "zoom_out_button": (
            _("Zoom out −"),
            _("Zoom out"),
            _("Show more days (Ctrl+minus)") if shortcuts else _("Show more days"),
        ),
        "zoom_in_button": (
            _("Zoom in +"),
            _("Zoom in"),
            _("Show fewer days, larger (Ctrl+plus)") if shortcuts else _("Show fewer days, larger"),
        ),
    }


def add_zoom_buttons(owner: QWidget, what: str, shortcuts: bool = False) -> FlowLayout:
    """Make the five buttons as attributes of ``owner`` (``today_button`` … ``zoom_in_button``),
    each connected to the owner's ``_on_<name>_clicked``, and return their row. ``what`` names
    what today is selected on ("timeline" or "charts"); ``shortcuts`` adds Ctrl+minus /
    Ctrl+plus to the tooltips."""
    row = FlowLayout(spacing_lines=0.4)
    words = _words(what, shortcuts)
    for name in _NAMES:
        text, accessible, tip = words[name]
        button = typography.role(QPushButton(text), min_lines=2.2)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.clicked.connect(getattr(owner, f"_on_{name}_clicked"))
        setattr(owner, name, button)
        row.addWidget(button)
    return row
