"""The window's menus as data: every action registered here, once, with its words, keys
and menu (after Picard's ui/mainwindow/actions.py). The window builds its menus from these
tables and connects each action to its ``slot`` method; nothing fetches an action by its
place in a menu.

A key listed in a menu with no spec is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QKeyCombination, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

from companion.i18n import N_, _
from companion.ui.pages import PAGES

Role = QAction.MenuRole


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: its key (``window.menu_actions[key]``), words (English, marked with
    ``N_`` and translated when the action is made), slot (a MainWindow method),
    shortcuts, macOS menu role and tooltip. ``global_keys``: its shortcut still works while
    a text field has the focus (a field would otherwise take Ctrl+E as "end of line")."""

    key: str
    text: str
    slot: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()
    role: QAction.MenuRole = Role.NoRole
    tip: str = ""
    global_keys: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "print",
        N_("&Print checklist…"),
        "_on_print_action_triggered",
        (QKeySequence.StandardKey.Print,),
    ),
    ActionSpec("visit_report", N_("&Visit report…"), "_on_visit_report_action_triggered"),
    ActionSpec("export", N_("&Export diary log…"), "_on_export_action_triggered"),
    ActionSpec("back_up_now", N_("&Back up now"), "_on_back_up_now_action_triggered"),
    ActionSpec("restore", N_("&Restore from backup…"), "_on_restore_action_triggered"),
    ActionSpec("quit", N_("&Quit"), "quit_app", ("Ctrl+Q",), Role.QuitRole, global_keys=True),
    ActionSpec(
        "log_temperature",
        N_("Log a &temperature"),
        "_on_log_temperature_action_triggered",
        ("Ctrl+T",),
        tip=N_("Type the temperature and press Enter"),
        global_keys=True,
    ),
    ActionSpec(
        "log_symptom",
        N_("Log a &symptom"),
        "_on_log_symptom_action_triggered",
        ("Ctrl+Y",),
        global_keys=True,
    ),
    ActionSpec(
        "add_entry",
        N_("&Add to the diary…"),
        "_on_quick_entry_more_requested",
        ("Ctrl+E",),
        tip=N_("Infection signs, weight, stools, rash, notes"),
        global_keys=True,
    ),
    ActionSpec(
        "add_counts", N_("Add &blood counts…"), "_on_add_counts_action_triggered", ("Ctrl+Shift+B",)
    ),
    ActionSpec(
        "ask_question",
        N_("Add a &question for the team…"),
        "_on_ask_question_action_triggered",
        ("Ctrl+K",),
        tip=N_("Type the question and press Enter: it waits for your next visit"),
        global_keys=True,
    ),
    ActionSpec(
        "show_appointments",
        N_("Show &appointments"),
        "_on_show_appointments_action_triggered",
        ("Ctrl+Shift+A",),
    ),
    ActionSpec(
        "settings",
        N_("&Settings…"),
        "_on_settings_action_triggered",
        ("Ctrl+,",),
        Role.PreferencesRole,
        global_keys=True,
    ),
    ActionSpec("add_transplant", N_("&Add another transplant…"), "_on_add_action_triggered"),
    ActionSpec(
        "go_today",
        N_("Go to &today on the timeline"),
        "_on_go_today_action_triggered",
        ("Ctrl+Home",),
    ),
    ActionSpec(
        "zoom_in",
        N_("Zoom the timeline &in"),
        "_on_zoom_in_action_triggered",
        (QKeySequence.StandardKey.ZoomIn,),
    ),
    ActionSpec(
        "zoom_out",
        N_("Zoom the timeline &out"),
        "_on_zoom_out_action_triggered",
        (QKeySequence.StandardKey.ZoomOut,),
    ),
    ActionSpec("shortcuts", N_("&Keyboard shortcuts"), "_on_shortcuts_action_triggered", ("F1",)),
    ActionSpec(
        "about", N_("&About Transplant Companion"), "_on_about_action_triggered", (), Role.AboutRole
    ),
)

# Menus: (key, title, items). An item is an action key, a page ("page:today"), None for a
# separator, "text_size" for the Text size submenu, or "undo"/"redo" (the undo stack's).
MENUS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    (
        "file",
        N_("&File"),
        ("print", "visit_report", "export", None, "back_up_now", "restore", None, "quit"),
    ),
    ("edit", N_("&Edit"), ("undo", "redo")),
    (
        "log",
        N_("&Log"),
        (
            "log_temperature",
            "log_symptom",
            "add_entry",
            "add_counts",
            None,
            "ask_question",
            "show_appointments",
        ),
    ),
    ("go", N_("&Go"), tuple(f"page:{page.key}" for page in PAGES)),
    ("journey", N_("&Journey"), ("settings", "add_transplant")),
    ("view", N_("&View"), ("go_today", "zoom_in", "zoom_out", None, "text_size")),
    ("help", N_("&Help"), ("shortcuts", "about")),
)

SPECS = {spec.key: spec for spec in ACTIONS}


def make_action(spec: ActionSpec, parent: QObject, slot: Callable) -> QAction:
    action = QAction(_(spec.text), parent)
    action.setObjectName(f"action-{spec.key}")
    keys = [QKeySequence(k) for k in spec.shortcuts]
    if keys:
        action.setShortcuts(keys)
    action.setMenuRole(spec.role)
    if spec.tip:
        action.setToolTip(_(spec.tip))
        action.setStatusTip(_(spec.tip))
    action.triggered.connect(slot)
    return action


class ShortcutGuard(QObject):
    """Lets the window's keys through a text field that would take them.

    A QLineEdit claims Ctrl+E ("end of line" on X11) before the window's shortcut can fire:
    right after Ctrl+T → Enter, Ctrl+E did nothing. Installed on a field when it gets the
    focus, this filter refuses the field's claim on the window's global keys, and should a
    key still reach the field, triggers the window's action itself.
    """

    def __init__(self, actions: dict[QKeyCombination, QAction], parent: QObject) -> None:
        super().__init__(parent)
        self._actions = actions

    def _action(self, event: QKeyEvent) -> QAction | None:
        return self._actions.get(event.keyCombination())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._action(event) is not None:  # type: ignore[arg-type]
            event.ignore()  # the field does not want it: the shortcut fires
            return True
        if kind == QEvent.Type.KeyPress:
            action = self._action(event)  # type: ignore[arg-type]
            if action is not None and action.isEnabled():
                action.trigger()
                return True
        return False
