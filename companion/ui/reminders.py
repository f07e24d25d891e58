"""Reminders that live with the running app, not with a window: "check your temperature
again" when the rules ask for it (a temperature in the sustained band)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from companion.domain.entries import TemperatureUnit
from companion.domain.rules import NoticeKind
from companion.domain.wording import temperature
from companion.service.diary import Logged


class Reminders(QObject):
    """One pending "check again" reminder at a time; a newer temperature replaces it.

    Signals:
        due(str): the reminder's words, when it falls due.
    """

    due = Signal(str)

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.text = ""
        self.due_at: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers drift by 5 %
        self._timer.timeout.connect(self._on_timer_timeout)

    def after_temperature(self, logged: Logged, unit: TemperatureUnit) -> None:
        """A temperature was logged: remind when the rules ask, else forget any reminder."""
        self._timer.stop()
        self.due_at = None
        notice = logged.judgement.notice(NoticeKind.CHECK_AGAIN)
        if notice is None or notice.at is None or logged.entry.value is None:
            return
        self.text = (
            f"Time to check your temperature again: it was "
            f"{temperature(logged.entry.value, unit)} at {logged.entry.at:%H:%M}."
        )
        self.due_at = notice.at
        wait = (notice.at - self._clock()).total_seconds()
        self._timer.start(max(0, int(wait * 1000)))

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.due_at = None
        self.due.emit(self.text)
