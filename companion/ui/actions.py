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

from companion.ui.pages import PAGES

Role = QAction.MenuRole


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action: its key (``window.menu_actions[key]``), words, slot (a MainWindow method),
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
        "&Print checklist…",
        "_on_print_action_triggered",
        (QKeySequence.StandardKey.Print,),
    ),
    ActionSpec("visit_report", "&Visit report…", "_on_visit_report_action_triggered"),
    ActionSpec("export", "&Export diary log…", "_on_export_action_triggered"),
    ActionSpec("back_up_now", "&Back up now", "_on_back_up_now_action_triggered"),
    ActionSpec("restore", "&Restore from backup…", "_on_restore_action_triggered"),
    ActionSpec("quit", "&Quit", "quit_app", ("Ctrl+Q",), Role.QuitRole, global_keys=True),
    ActionSpec(
        "log_temperature",
        "Log a &temperature",
        "_on_log_temperature_action_triggered",
        ("Ctrl+T",),
        tip="Type the temperature and press Enter",
        global_keys=True,
    ),
    ActionSpec(
        "log_symptom",
        "Log a &symptom",
        "_on_log_symptom_action_triggered",
        ("Ctrl+Y",),
        global_keys=True,
    ),
    ActionSpec(
        "add_entry",
        "&Add to the diary…",
        "_on_quick_entry_more_requested",
        ("Ctrl+E",),
        tip="Infection signs, weight, stools, rash, notes",
        global_keys=True,
    ),
    ActionSpec(
        "add_counts", "Add &blood counts…", "_on_add_counts_action_triggered", ("Ctrl+Shift+B",)
    ),
    ActionSpec(
        "ask_question",
        "Add a &question for the team…",
        "_on_ask_question_action_triggered",
        ("Ctrl+K",),
        tip="Type the question and press Enter: it waits for your next visit",
        global_keys=True,
    ),
    ActionSpec(
        "show_appointments",
        "Show &appointments",
        "_on_show_appointments_action_triggered",
        ("Ctrl+Shift+A",),
    ),
    ActionSpec(
        "settings",
        "&Settings…",
        "_on_settings_action_triggered",
        ("Ctrl+,",),
        Role.PreferencesRole,
        global_keys=True,
    ),
    ActionSpec("add_transplant", "&Add another transplant…", "_on_add_action_triggered"),
    ActionSpec(
        "go_today", "Go to &today on the timeline", "_on_go_today_action_triggered", ("Ctrl+Home",)
    ),
    ActionSpec(
        "zoom_in",
        "Zoom the timeline &in",
        "_on_zoom_in_action_triggered",
        (QKeySequence.StandardKey.ZoomIn,),
    ),
    ActionSpec(
        "zoom_out",
        "Zoom the timeline &out",
        "_on_zoom_out_action_triggered",
        (QKeySequence.StandardKey.ZoomOut,),
    ),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "_on_shortcuts_action_triggered", ("F1",)),
    ActionSpec(
        "about", "&About Transplant Companion", "_on_about_action_triggered", (), Role.AboutRole
    ),
)

# Menus: (key, title, items). An item is an action key, a page ("page:today"), None for a
# separator, "text_size" for the Text size submenu, or "undo"/"redo" (the undo stack's).
MENUS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    (
        "file",
        "&File",
        ("print", "visit_report", "export", None, "back_up_now", "restore", None, "quit"),
    ),
    ("edit", "&Edit", ("undo", "redo")),
    (
        "log",
        "&Log",
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
    ("go", "&Go", tuple(f"page:{page.key}" for page in PAGES)),
    ("journey", "&Journey", ("settings", "add_transplant")),
    ("view", "&View", ("go_today", "zoom_in", "zoom_out", None, "text_size")),
    ("help", "&Help", ("shortcuts", "about")),
)

SPECS = {spec.key: spec for spec in ACTIONS}


def make_action(spec: ActionSpec, parent: QObject, slot: Callable) -> QAction:
    action = QAction(spec.text, parent)
    action.setObjectName(f"action-{spec.key}")
    keys = [QKeySequence(k) for k in spec.shortcuts]
    if keys:
        action.setShortcuts(keys)
    action.setMenuRole(spec.role)
    if spec.tip:
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
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
