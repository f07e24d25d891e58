"""The diary service as Qt sees it: one signal that says what changed, one that says the
clock moved on."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from companion.service.changes import Changes
from companion.service.diary import DiaryService

# How often the clock is looked at: the number to call follows the team's hours, and the
# day moves on at midnight, within this (well under a minute).
CLOCK_CHECK_MS = 20_000


class Diary(QObject):
    """A thin Qt adapter over the Qt-free ``DiaryService``: every change the service makes
    (or notices another program made) becomes one ``changed`` signal. Views read from
    ``service`` and refresh from the Changes they are given.

    It also holds the app's one clock signal: ``clock_moved`` fires when the date changes
    (midnight) and when the team's office opens or closes, so every page and card shows
    the number to call at this hour. The service's clock is the only clock read, so a test
    moves a fake clock and calls ``check_clock()``.

    Signals:
        changed(object): a ``Changes``: what one write changed.
        clock_moved: midnight passed, or the team's office hours began or ended.
    """

    changed = Signal(object)
    clock_moved = Signal()

    def __init__(self, service: DiaryService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._unsubscribe = service.subscribe(self._on_service_changed)
        self._clock_state = self._read_clock()
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_CHECK_MS)
        self.clock_timer.timeout.connect(self.check_clock)
        self.clock_timer.start()

    def _on_service_changed(self, changes: Changes) -> None:
        if changes.touches("team", "everything"):
            self._clock_state = self._read_clock()  # the window refreshes from the change
        self.changed.emit(changes)

    def _read_clock(self) -> tuple[date, bool | None]:
        """What the clock decides on screen: the date, and whether the office is open."""
        now = self.service.now()
        team = self.service.settings.team if self.service.transplants.is_set_up else None
        return now.date(), (team.in_office_hours(now) if team is not None else None)

    @Slot()
    def check_clock(self) -> bool:
        """Emit ``clock_moved`` if the date or the office-hours state changed since the last
        look; returns whether it did."""
        if not self.service.is_open:  # the diary was closed (a restore, the app quitting)
            self.clock_timer.stop()
            return False
        state = self._read_clock()
        if state == self._clock_state:
            return False
        self._clock_state = state
        self.clock_moved.emit()
        return True

    @Slot()
    def check_for_changes_elsewhere(self) -> None:
        """Another program (the command line) may have written: reload if so."""
        self.service.reload_if_changed_elsewhere()
