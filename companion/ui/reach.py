"""Can reminders reach the patient on this computer? The facts, asked of the desktop
(issue 20); the sentence is made in ``domain.medicine_words``."""

from __future__ import annotations

from PySide6.QtWidgets import QSystemTrayIcon

from companion import autostart
from companion.domain.medicine_words import ReachFacts, reach_problems, reach_sentence
from companion.ui.reminders import Reminders


def reach_facts(reminders: Reminders) -> ReachFacts:
    notifications = reminders.notifications
    available = notifications.available()
    return ReachFacts(
        notification_service=available,
        notifications_inhibited=available and notifications.inhibited(),
        tray=QSystemTrayIcon.isSystemTrayAvailable(),
        autostart=autostart.is_enabled(),
        popups_on=reminders.service.schedule.popups,
    )


def reach_sentence_for(reminders: Reminders) -> str:
    """The Today page's sentence ("" when nothing is in the way, or when the window runs
    without a way to the desktop at all, as in the sample diary)."""
    if not reminders.notifications.real:
        return ""
    return reach_sentence(reach_problems(reach_facts(reminders)))
