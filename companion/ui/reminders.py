"""Reminders that live with the running app, window or not: they read the one schedule in
the core (``service.schedule``) — doses, the twice-daily temperature check, the rules'
"check again at 01:15" — and show each as a desktop notification with its actions.

Nothing is kept only here: what is due is worked out again from the diary at each tick,
so a dose taken from the command line or another window takes its notification down. The
timer sleeps until the next moment something may fall due, and never longer than a minute
(the clock may jump; the diary may change elsewhere); it never polls faster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from companion.domain.medicine_words import reminder_text
from companion.domain.medicines import REPEAT_MINUTES, DoseStatus, MedicineError
from companion.domain.schedule import Reminder, ReminderKind
from companion.i18n import _
from companion.ui.diary import Diary
from companion.ui.notifications import Notifications

LONGEST_SLEEP_MS = 60_000
SHORTEST_SLEEP_MS = 1_000


def dose_actions() -> tuple[tuple[str, str], ...]:
    """A dose reminder's buttons: (key, words in the app's language)."""
    return (("taken", _("Taken")), *other_actions())


def other_actions() -> tuple[tuple[str, str], ...]:
    return (("snooze", _("Snooze {minutes} min").format(minutes=REPEAT_MINUTES)),)


@dataclass(slots=True)
class _Showing:
    reminder: Reminder
    count: int = 0  # times shown
    next_at: datetime | None = None  # the next showing (a repeat or a snooze)


class Reminders(QObject):
    """Shows what the core schedule says is due, repeats it (bounded), and records the
    answer ("Taken") through the service.

    Signals:
        due(str): a temperature reminder fell due (its words, for the window).
        shown(str, str): a notification went out (its key, its title).
        missed(str): a dose went unanswered and now counts as missed (its words).
        open_requested: the user clicked a notification: open the window.
        ticked: the timer woke (the application checks the diary and the date then).
    """

    due = Signal(str)
    shown = Signal(str, str)
    missed = Signal(str)
    open_requested = Signal()
    ticked = Signal()

    def __init__(
        self,
        diary: Diary,
        notifications: Notifications | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._diary = diary
        self.notifications = notifications or Notifications(self)
        if self.notifications.parent() is None:
            self.notifications.setParent(self)
        self._clock = clock or diary.service.now
        self._showing: dict[str, _Showing] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.notifications.action_invoked.connect(self._on_notifications_action_invoked)
        diary.changed.connect(self._on_diary_changed)
        self.next_check: datetime | None = None
        self._running = False  # the timer runs only once started (by the application)

    @property
    def service(self):
        return self._diary.service

    def start(self) -> None:
        self._running = True
        self.check()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def after_temperature(self, *_args) -> None:
        """A temperature was logged: the core stored any "check again"; look now."""
        self.check()

    # The tick ------------------------------------------------------------------------------

    def check(self, now: datetime | None = None) -> list[Reminder]:
        """Show what is due at ``now`` (default: the clock), take down what was answered,
        and sleep until the next moment something may change. Returns what is due."""
        now = now or self._clock()
        service = self.service
        due = service.schedule.due(now)
        keys = {r.key for r in due}
        unit = service.settings.temperature_unit
        for key in [k for k in self._showing if k not in keys]:
            gone = self._showing.pop(key)
            self.notifications.withdraw(key)
            self._tell_if_missed(gone.reminder, now)
        popups = service.schedule.popups
        for reminder in due:
            showing = self._showing.get(reminder.key)
            if showing is None:
                showing = self._showing[reminder.key] = _Showing(reminder)
                showing.next_at = reminder.showings()[0]
            showing.reminder = reminder
            if showing.next_at is None or now < showing.next_at:
                continue
            text = reminder_text(reminder, unit)
            actions = dose_actions() if reminder.kind is ReminderKind.DOSE else other_actions()
            if popups:
                self.notifications.show(reminder.key, text.title, text.body, actions)
            showing.count += 1
            times = reminder.showings()
            showing.next_at = times[showing.count] if showing.count < len(times) else None
            self.shown.emit(reminder.key, text.title)
            if reminder.kind is not ReminderKind.DOSE:
                self.due.emit(f"{text.title}: {text.body[:1].lower()}{text.body[1:]}")
        self._sleep(now)
        return due

    def _tell_if_missed(self, reminder: Reminder, now: datetime) -> None:
        dose = reminder.dose
        if dose is None or now < reminder.until:
            return
        day = dose.due.date()
        found = self.service.medicines.doses(day, day, now)
        match = next(
            (d for d in found if d.medicine_id == dose.medicine_id and d.due == dose.due), None
        )
        if match is None or match.status is not DoseStatus.MISSED:
            return
        words = _(
            "The {time} dose of {medicine} counts as missed. If you are not sure what to do, "
            "ask your transplant team."
        ).format(time=f"{dose.due:%H:%M}", medicine=dose.name)
        if self.service.schedule.popups:
            self.notifications.show(f"missed:{reminder.key}", _("Dose missed"), words, ())
        self.missed.emit(words)

    def _sleep(self, now: datetime) -> None:
        moments = [s.next_at for s in self._showing.values() if s.next_at is not None]
        following = self.service.schedule.next_instant(now)
        if following is not None:
            moments.append(following)
        checks = [c.at for c in self.service.medicines.checks_again(now) if c.at > now]
        self.next_check = min(checks) if checks else None
        wait = LONGEST_SLEEP_MS
        if moments:
            soonest = (min(moments) - now).total_seconds() * 1000
            wait = int(min(max(soonest, SHORTEST_SLEEP_MS), LONGEST_SLEEP_MS))
        if self._running:
            self._timer.start(wait)
        else:
            self._timer.setInterval(wait)

    @property
    def sleep_ms(self) -> int:
        """How long the timer sleeps (or would, once started): for tests and the idle
        budget."""
        return self._timer.interval()

    # Answers -------------------------------------------------------------------------------

    def take_now(self, key: str) -> bool:
        """ "Taken" for the dose ``key`` (the notification's button, the tray's menu)."""
        showing = self._showing.get(key)
        reminder = showing.reminder if showing else None
        if reminder is None or reminder.dose is None:
            reminder = next(
                (r for r in self.service.schedule.due(self._clock()) if r.key == key), None
            )
        if reminder is None or reminder.dose is None:
            return False
        try:
            self.service.medicines.take(reminder.dose.medicine_id, due=reminder.dose.due)
        except MedicineError:
            return False
        return True

    def snooze(self, key: str) -> None:
        showing = self._showing.get(key)
        if showing is None:
            return
        self.notifications.withdraw(key)
        showing.next_at = self._clock() + timedelta(minutes=REPEAT_MINUTES)
        self._sleep(self._clock())

    @Slot(str, str)
    def _on_notifications_action_invoked(self, key: str, action: str) -> None:
        if action == "taken":
            self.take_now(key)  # the diary's change notification takes it down
        elif action == "snooze":
            self.snooze(key)
        else:
            self.open_requested.emit()

    @Slot(object)
    def _on_diary_changed(self, changes) -> None:
        if not self._running:
            return
        if changes.touches("medicines", "reminders", "appointments", "settings") or (
            changes.entries
        ):
            QTimer.singleShot(0, self, self._check_if_running)

    @Slot()
    def _check_if_running(self) -> None:
        if self._running:  # stopped meanwhile: the diary may be closed
            self.check()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._running:
            return
        self.ticked.emit()
        self._check_if_running()
