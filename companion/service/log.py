"""``service.log``: the diary log (symptoms, temperatures, weights, contacts…), the alerts
its entries raise, "I contacted my team", and the card's words.

Logging is one operation: the entry, the alerts the rules raise for it and a "check again"
reminder are saved in one transaction with one journal row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from companion.domain.alerts import Alert, AlertKind, AlertLevel, ContactWho, card_level, closes
from companion.domain.card import CardWords, card_words
from companion.domain.days import local_date
from companion.domain.entries import Entry, EntryKind, check_entry
from companion.domain.log_filter import LogFilter
from companion.domain.rules import (
    Context,
    Judgement,
    Reading,
    episode_readings,
    judge,
    recheck_temperatures,
)
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.alert_repository import AlertRepository
from companion.storage.log_repository import LogRepository

if TYPE_CHECKING:
    from companion.service.diary import DiaryService


@dataclass(frozen=True, slots=True)
class Logged:
    """A saved entry, the alerts it raised, and what the rules want said about it."""

    entry: Entry
    alerts: tuple[Alert, ...]
    judgement: Judgement

    @property
    def at_or_above_limit(self) -> bool:
        return self.judgement.at_or_above_limit


@dataclass(frozen=True, slots=True)
class Contact:
    """ "I contacted my team": the contact entry and the alerts it closed."""

    entry: Entry
    alert_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LastContact:
    """A recorded contact: its log entry, whom it reached, the alerts it closed, and the
    worst temperature reading it covered (None if it covered none)."""

    entry: Entry
    who: ContactWho
    alerts: tuple[Alert, ...]
    worst: Reading | None


class Log:
    """``service.log``: entries and alerts. Every write is one operation, undoable from the
    journal."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._log = LogRepository(service.db)
        self._alerts = AlertRepository(service.db)

    # Entries ------------------------------------------------------------------------------

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[EntryKind] | None = None,
    ) -> list[Entry]:
        """Entries from ``since`` up to ``until`` (of ``kinds``), oldest first."""
        return self._log.entries(since, until, kinds)

    def page(
        self,
        wanted: LogFilter,
        after: Entry | None = None,
        limit: int = 200,
        few: bool = False,
    ) -> list[Entry]:
        """The diary log as its page shows it: up to ``limit`` entries ``wanted`` accepts,
        newest first, after ``after`` (the last one already shown) when given; ``few``:
        the caller knows from ``count`` that few entries match."""
        return self._log.page(wanted, after, limit, few)

    def count(self, wanted: LogFilter | None = None) -> int:
        """How many entries the log holds (that ``wanted`` accepts, when given)."""
        return self._log.count(wanted)

    def entry(self, entry_id: int) -> Entry | None:
        return self._log.entry(entry_id)

    def entered_later(self, since: datetime, until: datetime, hours: float = 3.0) -> frozenset[int]:
        """Ids of the entries in ``since``–``until`` saved more than ``hours`` after the time
        they carry: a report marks them "entered later"."""
        return self._log.entered_later(since, until, hours)

    def on(self, day: date) -> list[Entry]:
        """The entries of one local date."""
        return self._log.on(day)

    def temperature_readings(self) -> list[tuple[datetime, float]]:
        """All temperatures (time, °C), oldest first, for the chart."""
        return [(at, value) for _, at, value in self._log.values(EntryKind.TEMPERATURE)]

    def day_marks(self) -> dict[date, tuple[int, int]]:
        """For each local date with entries or alerts: (entries, alerts raised that day)."""
        entries, alerts = self._log.counts_by_date(), self._alerts.counts_by_date()
        return {
            date.fromisoformat(day): (entries.get(day, 0), alerts.get(day, 0))
            for day in entries.keys() | alerts.keys()
        }

    # Alerts -------------------------------------------------------------------------------

    def open_alerts(self) -> list[Alert]:
        return self._alerts.open()

    def alerts(self, since: datetime | None = None, until: datetime | None = None) -> list[Alert]:
        """Every alert, or those raised from ``since`` up to (not including) ``until``."""
        if since is None and until is None:
            return self._alerts.all()
        return self._alerts.between(since, until)

    def alerts_of(self, entry_ids: Iterable[int]) -> list[Alert]:
        return self._alerts.of_entries(entry_ids)

    def card_level(self) -> AlertLevel | None:
        return card_level(self.open_alerts())

    def _context(self, entry: Entry) -> Context:
        ids: list[int] = [entry.id] if entry.id is not None else []
        temperatures: list[Reading] = []
        weights: list[Reading] = []
        if entry.kind is EntryKind.TEMPERATURE:
            temperatures = self._readings(entry.at, 25)
            ids += [r.id for r in temperatures]
        elif entry.kind is EntryKind.WEIGHT:
            weights = [Reading(i, at, v) for i, at, v in self._log.values(EntryKind.WEIGHT)]
            ids += [r.id for r in weights]
        elif entry.kind is EntryKind.STOOLS:
            ids += [
                i
                for i, at, _ in self._log.values(EntryKind.STOOLS, around=entry.at, hours=25)
                if at.date() == entry.at.date()
            ]
        alerts = _unique(self._alerts.open() + self._alerts.of_entries(ids))
        start = None
        transplants = self._service.transplants
        if transplants.is_set_up:
            start = transplants.on(local_date(entry.at)).conditioning_start
        # The entry judged is news to every contact already made (even one made while the
        # clock was ahead): Context.logged stays None.
        return Context(temperatures, weights, alerts, start)

    def _readings(self, around: datetime, hours: int) -> list[Reading]:
        """Temperatures within ``hours`` of ``around``, with when each was entered."""
        return [
            Reading(i, at, value, logged)
            for i, at, value, logged in self._log.logged_values(
                EntryKind.TEMPERATURE, around, hours
            )
        ]

    def episode_readings(self, alert: Alert) -> list[Reading]:
        """A temperature alert's episode: its readings, worst first (highest for a fever),
        each with its time; for a closed alert, those its contact covered. [] for others."""
        if not alert.kind.is_temperature or alert.entry_id is None:
            return []
        entry = self._log.entry(alert.entry_id)
        if entry is None:
            return []
        return episode_readings(
            self._readings(entry.at, 25),
            alert.entry_id,
            self._service.settings.rule_settings(local_date(entry.at)),
            alert.kind,
            until=alert.contacted_at,
        )

    def _judge_and_raise(self, entry: Entry) -> tuple[list[Alert], Judgement]:
        settings = self._service.settings
        judgement = judge(
            entry,
            settings.vocabulary,
            settings.rule_settings(entry.at.date()),
            self._context(entry),
        )
        return [self._alerts.add(alert) for alert in judgement.alerts], judgement

    def _recheck_temperatures(self, now: datetime, limit_changed: bool = True) -> list[Alert]:
        """Alerts the last day's readings raise that no stored alert covers (see
        ``domain.rules.recheck_temperatures``), stored; inside the caller's transaction."""
        readings = self._readings(now, 48)
        known = self._alerts.open() + self._alerts.of_entries(r.id for r in readings)
        new = recheck_temperatures(
            readings,
            _unique(known),
            self._service.settings.rule_settings(),
            now,
            limit_changed,
        )
        return [self._alerts.add(alert) for alert in new]

    def _settle(self, entry: Entry, now: datetime) -> list[Alert]:
        """A temperature added in the past, edited, deleted or restored can split an episode
        of the last day in two: every recent reading at or above the limit must still have
        a card for its episode."""
        if entry.kind is not EntryKind.TEMPERATURE:
            return []
        return self._recheck_temperatures(now, limit_changed=False)

    # Writing ------------------------------------------------------------------------------

    def add(self, entry: Entry) -> Op[Logged]:
        """Validate, save and judge one entry: the entry and its alerts in one transaction.

        Raises:
            EntryError: with a message for the user; nothing is saved then.
            WriteError: the computer refused the write; nothing is saved then.
        """
        service = self._service
        now = service.now()
        entry = check_entry(entry, now)
        with service._operation("log_entry"):
            saved = self._log.add(entry, now)
            raised, judgement = self._judge_and_raise(saved)
            raised += self._settle(saved, now)
            scheduled = self._schedule_check_again(saved, judgement)  # issue 20
        changes = Changes(entries_added=(saved,), alerts=bool(raised), reminders=scheduled)
        return service._result(Logged(saved, tuple(raised), judgement), changes)

    def _schedule_check_again(self, entry: Entry, judgement: Judgement) -> bool:
        """Issue 20: the rules asked for another reading: store when, so the tray and
        ``companion remind --due`` remind of it with the window closed."""
        from companion.domain.rules import NoticeKind
        from companion.domain.schedule import CheckAgain

        notice = judgement.notice(NoticeKind.CHECK_AGAIN)
        if notice is None or notice.at is None or entry.value is None:
            return False
        self._service.medicines.schedule_check_again(
            CheckAgain(notice.at, entry.at, entry.value), entry.id
        )
        return True

    def update(self, entry: Entry) -> Op[Logged]:
        """Save an edited entry and judge it again: alerts it raised before stay (a card is
        never taken down by an edit); new ones may be raised."""
        if entry.id is None:
            raise ValueError("log.update needs a saved entry")
        service = self._service
        now = service.now()
        entry = check_entry(entry, now)
        with service._operation("update_entry"):
            self._log.update(entry)
            raised, judgement = self._judge_and_raise(entry)
            raised += self._settle(entry, now)
        changes = Changes(entries_updated=(entry,), alerts=bool(raised))
        return service._result(Logged(entry, tuple(raised), judgement), changes)

    def delete(self, entry_id: int) -> Op[Entry | None]:
        """Delete an entry (kept, so Undo brings it back exactly); the value: the entry
        deleted (None if there was none)."""
        entry = self._log.entry(entry_id)
        if entry is None:
            return Op(None, Changes())
        service = self._service
        now = service.now()
        with service._operation("delete_entry"):
            self._log.delete(entry_id, now)
            raised = self._settle(entry, now)
        return service._result(entry, Changes(entries_removed=(entry,), alerts=bool(raised)))

    def restore(self, entry_id: int) -> Op[Entry | None]:
        """Bring a deleted entry back; the value: the entry (None if there was none)."""
        service = self._service
        now = service.now()
        with service._operation("restore_entry"):
            self._log.restore(entry_id)
            entry = self._log.entry(entry_id)
            raised = self._settle(entry, now) if entry else []
        changes = Changes(entries_added=(entry,) if entry else (), alerts=bool(raised))
        return service._result(entry, changes)

    # Contacting the team ------------------------------------------------------------------

    def acknowledge(
        self, note: str = "", who: ContactWho | str | None = None
    ) -> Op[Contact] | None:
        """ "I contacted my team" or "I called emergency services": a log entry naming whom,
        and the open alerts it closes (see ``domain.alerts.closes``: a call to emergency
        services closes only the emergency items). None when no alert is open.

        ``who`` defaults to what the card asks for: emergency services on an emergency
        card, else the team.
        """
        open_now = self._alerts.open()
        if not open_now:
            return None
        if who is None:
            level = card_level(open_now)
            who = ContactWho.EMERGENCY if level is AlertLevel.EMERGENCY else ContactWho.TEAM
        who = ContactWho(who)
        service = self._service
        now = service.now()
        entry = check_entry(
            Entry(at=now, kind=EntryKind.CONTACTED, detail=who.value, note=note), now
        )
        closing = [a.id for a in open_now if a.id is not None and closes(who, a)]
        with service._operation("acknowledge"):
            saved = self._log.add(entry, now)
            closed = self._alerts.close_open(saved.id or 0, now, closing)
        changes = Changes(entries_added=(saved,), alerts=True)
        return service._result(Contact(saved, tuple(closed)), changes)

    def undo_acknowledge(self, contact_id: int) -> Op[None]:
        """Take a contact back: its alerts are open again, its log entry deleted."""
        entry = self._log.entry(contact_id)
        service = self._service
        with service._operation("undo_acknowledge"):
            self._alerts.reopen(contact_id)
            self._log.delete(contact_id, service.now())
        changes = Changes(entries_removed=(entry,) if entry else (), alerts=True)
        return service._result(None, changes)

    def latest_contact(self) -> LastContact | None:
        """The latest contact recorded (any age), whom it reached, the alerts it closed and
        the worst temperature it covered; None if there is none."""
        found = self._log.entries(kinds=[EntryKind.CONTACTED])
        return self._contact_of(found[-1]) if found else None

    def _contact_of(self, entry: Entry) -> LastContact:
        closed = self._alerts.closed_by(entry.id) if entry.id is not None else []
        worst: Reading | None = None
        for alert in closed:
            readings = self.episode_readings(alert)  # highest first
            if not readings:
                continue
            fever = alert.kind is AlertKind.FEVER
            reading = readings[0] if fever else readings[-1]
            if worst is None or (
                reading.value > worst.value if fever else reading.value < worst.value
            ):
                worst = reading
        who = ContactWho.EMERGENCY if entry.detail == "emergency" else ContactWho.TEAM
        return LastContact(entry, who, tuple(closed), worst)

    def last_contact(self) -> LastContact | None:
        """The latest contact and the alerts it closed, while its episode lasts: a day for
        most alerts; for a temperature, until a reading back inside the limits or a day."""
        now = self._service.now()
        recent = self._log.entries(since=now - timedelta(hours=24), kinds=[EntryKind.CONTACTED])
        if not recent:
            return None
        contact = self._contact_of(recent[-1])
        closed = contact.alerts
        if not closed:
            return None
        temps = [a for a in closed if a.kind.is_temperature]
        if temps and len(temps) == len(closed):
            settings = self._service.settings.rule_settings()
            later = self._log.entries(since=contact.entry.at, kinds=[EntryKind.TEMPERATURE])
            if later and settings.low_c <= later[-1].value < settings.fever_lower:  # type: ignore[operator]
                return None
        return contact

    def emergency_called(self, alerts: Iterable[Alert] | None = None) -> Entry | None:
        """The call to emergency services made while these (open) alerts were waiting, if
        any: then the card says "Now tell your transplant team"."""
        waiting = list(self.open_alerts() if alerts is None else alerts)
        if not waiting:
            return None
        since = min(a.raised_at for a in waiting)
        calls = [
            e
            for e in self._log.entries(since=since, kinds=[EntryKind.CONTACTED])
            if e.detail == ContactWho.EMERGENCY.value
        ]
        return calls[-1] if calls else None

    def card(self) -> CardWords | None:
        """The open card's words (None when no alert is open): the same for the window and
        the command line (see ``domain.card``)."""
        alerts = self.open_alerts()
        if not alerts:
            return None
        called = self.emergency_called(alerts)
        service = self._service
        settings = service.settings
        return card_words(
            alerts,
            vocabulary=settings.vocabulary,
            unit=settings.temperature_unit,
            country=settings.country,
            team=settings.team,
            now=service.now(),
            episode=self.episode_readings,
            latest_anc=service.labs.latest_anc(),
            count_unit=settings.count_unit,
            advice=settings.team_advice_text,
            emergency_called=called.at if called is not None else None,
        )


def _unique(alerts: Iterable[Alert]) -> list[Alert]:
    seen: dict[int | None, Alert] = {}
    for alert in alerts:
        seen[alert.id] = alert
    return list(seen.values())


__all__ = ["Contact", "LastContact", "Log", "Logged"]
