"""The open diary as the UI sees it: current journey, team and numbers, and change signals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from sqlite_utils import Database

if TYPE_CHECKING:  # imported when the log is first used, not at start-up
    from companion.domain.rules import RuleSettings, Vocabulary
    from companion.storage.log_repository import LogRepository

from companion.content.checklists import load_checklist
from companion.domain.alerts import Alert
from companion.domain.checklist import Checklist, ItemState
from companion.domain.clinical import ClinicalNumbers
from companion.domain.engraftment import neutrophil_recovery
from companion.domain.entries import Entry, TemperatureUnit
from companion.domain.history import ChangeRecord, now_local
from companion.domain.journey import Journey, Phase, Transplant
from companion.domain.labs import CountUnit, HbUnit, LabResult, Transfusion
from companion.domain.team import Team
from companion.storage.alerts_store import open_alerts
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from companion.storage.lab_repository import LabRepository
from companion.storage.preferences import DEFAULT_ADVICE, PreferencesRepository
from companion.storage.settings import save_settings


class Diary(QObject):
    """Holds the store and what it says now. Widgets read from it and ask it to change.

    Signals:
        changed: the journey, the team, the numbers or the preferences were saved.
        checklist_changed(str): an item of that phase's checklist was ticked, hidden or added.
        entry_added(object): a log entry was saved (the Entry).
        entry_updated(object): a log entry was edited (the Entry).
        entry_removed(object): a log entry was deleted (the Entry as it was).
        alerts_changed: an alert was raised, or the user recorded contacting the team.
        counts_changed: a blood count, a transfusion or the team's engraftment date changed
            (and with it, perhaps, the recovery date and the phases).
    """

    changed = Signal()
    checklist_changed = Signal(str)
    entry_added = Signal(object)
    entry_updated = Signal(object)
    entry_removed = Signal(object)
    alerts_changed = Signal()
    counts_changed = Signal()

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = now_local,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._clock = clock
        self._journeys = JourneyRepository(db)
        self._settings = SettingsRepository(db)
        self._checklists = ChecklistRepository(db)
        self._log: LogRepository | None = None
        self._preferences = PreferencesRepository(db)
        self._preference_cache: dict[str, str] = {}
        self._labs = LabRepository(db)
        self.journey: Journey | None = None
        self._load_journey()
        self.team: Team | None = self._journeys.load_team()
        self.numbers: ClinicalNumbers = self._settings.numbers()

    def _load_journey(self) -> None:
        """The journey as stored, with recovery worked out from the counts where the team
        has not given a date (the registry definition; the team confirms)."""
        journey = self._journeys.load_journey()
        if journey is None:
            self.journey = None
            return
        labs = self._labs.labs()
        transplants = list(journey.transplants)
        for index, transplant in enumerate(transplants):
            if transplant.recovery_source == "team":
                continue
            until = transplants[index + 1].day0 if index + 1 < len(transplants) else None
            values = [
                (lab.day, lab.anc)
                for lab in labs
                if lab.anc is not None
                and lab.day >= transplant.day0
                and (until is None or lab.day < until)
            ]
            recovered = neutrophil_recovery(values)
            if recovered is not None and recovered > transplant.day0:
                transplants[index] = replace(
                    transplant, neutrophil_recovery=recovered, recovery_source="values"
                )
        self.journey = Journey(tuple(transplants))

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    @property
    def active(self) -> Transplant:
        if self.journey is None:
            raise RuntimeError("the diary has no journey yet")
        return self.journey.active(self.today())

    def history(self) -> list[ChangeRecord]:
        return self._journeys.history()

    def start(self, transplant: Transplant, team: Team) -> None:
        self._journeys.start_diary(transplant, team, self.now())
        self._load_journey()
        self.team = self._journeys.load_team()
        self.changed.emit()

    def save_settings(
        self,
        transplant: Transplant,
        team: Team,
        numbers: dict[str, float],
        preferences: dict[str, str] | None = None,
    ) -> None:
        """Raises TeamError / SettingError / ValueError with a user message; nothing saved."""
        try:
            _, self.team, self.numbers = save_settings(
                self.db, transplant, team, numbers, self.now(), preferences
            )
        finally:
            self._preference_cache.clear()
        self._load_journey()
        self.changed.emit()

    def add_transplant(self, transplant: Transplant) -> None:
        self._journeys.add_transplant(transplant, self.now())
        self._load_journey()
        self.changed.emit()

    # Checklists ------------------------------------------------------------------------------

    def checklist(self, phase: Phase) -> Checklist:
        """The phase's items for the active transplant's kind, then the team's own items."""
        base = load_checklist(phase, self.active.kind)
        return base.with_custom(self._checklists.custom_items(phase))

    def checklist_states(self, phase: Phase) -> dict[str, ItemState]:
        assert self.active.id is not None
        return self._checklists.states(self.active.id, phase)

    def checklist_progress(self, phase: Phase) -> tuple[int, int]:
        return self.checklist(phase).progress(self.checklist_states(phase))

    def set_ticked(self, phase: Phase, key: str, ticked: bool) -> ItemState:
        assert self.active.id is not None
        state = self._checklists.set_ticked(self.active.id, phase, key, ticked, self.now())
        self.checklist_changed.emit(phase.value)
        return state

    def set_hidden(self, phase: Phase, key: str, hidden: bool) -> ItemState:
        assert self.active.id is not None
        state = self._checklists.set_hidden(self.active.id, phase, key, hidden)
        self.checklist_changed.emit(phase.value)
        return state

    def add_custom_item(self, phase: Phase, text: str) -> None:
        """Raises ChecklistError with a message for the user; nothing saved then."""
        self._checklists.add_custom(phase, text, self.now())
        self.checklist_changed.emit(phase.value)

    # The log ----------------------------------------------------------------------------------

    @property
    def vocabulary(self) -> Vocabulary:
        from companion.content.vocabulary import load_vocabulary

        return load_vocabulary()

    @property
    def log(self) -> LogRepository:
        if self._log is None:  # the vocabulary file is read when the log is first used
            from companion.storage.log_repository import LogRepository

            self._log = LogRepository(self.db, self.vocabulary)
        return self._log

    @property
    def rule_settings(self) -> RuleSettings:
        from companion.domain.rules import RuleSettings

        return RuleSettings(self.numbers.fever_rule, self.numbers["weight_gain_percent"])

    def _preference(self, key: str, default: str) -> str:
        # Read once, then from memory: table models ask for the units on every cell.
        if key not in self._preference_cache:
            self._preference_cache[key] = self._preferences.get(key, default)
        return self._preference_cache[key]

    @property
    def temperature_unit(self) -> TemperatureUnit:
        return TemperatureUnit(self._preference("temperature_unit", "C"))

    @property
    def count_unit(self) -> CountUnit:
        return CountUnit(self._preference("count_unit", CountUnit.PER_L.value))

    @property
    def hb_unit(self) -> HbUnit:
        return HbUnit(self._preference("hb_unit", HbUnit.G_DL.value))

    @property
    def team_advice(self) -> str:
        return self._preference("team_advice", DEFAULT_ADVICE)

    def log_entry(self, entry: Entry) -> tuple[Entry, list[Alert]]:
        """Raises EntryError with a message for the user; nothing saved then."""
        saved, alerts = self.log.add(entry, self.rule_settings, self.now())
        self.entry_added.emit(saved)
        if alerts:
            self.alerts_changed.emit()
        return saved, alerts

    def update_entry(self, entry: Entry) -> tuple[Entry, list[Alert]]:
        saved, alerts = self.log.update(entry, self.rule_settings, self.now())
        self.entry_updated.emit(saved)
        if alerts:
            self.alerts_changed.emit()
        return saved, alerts

    def delete_entry(self, entry_id: int) -> None:
        entry = self.log.entry(entry_id)
        if entry is None:
            return
        self.log.delete(entry_id, self.now())
        self.entry_removed.emit(entry)

    def restore_entry(self, entry_id: int) -> Entry:
        entry = self.log.restore(entry_id)
        self.entry_added.emit(entry)
        return entry

    def open_alerts(self) -> list[Alert]:
        return open_alerts(self.db)

    def record_contact(self, note: str = "") -> Entry:
        entry = self.log.record_contact(self.now(), note)
        self.entry_added.emit(entry)
        self.alerts_changed.emit()
        return entry

    def latest_anc(self) -> tuple[date, float] | None:
        """The latest neutrophil count entered (date, ×10⁹/L), or None."""
        row = self.db.execute(
            "SELECT at, anc FROM labs WHERE deleted_at IS NULL AND anc IS NOT NULL "
            "ORDER BY at DESC, id DESC LIMIT 1"
        ).fetchone()
        return (datetime.fromisoformat(row[0]).date(), row[1]) if row else None

    # Blood counts --------------------------------------------------------------------------

    def labs(self) -> list[LabResult]:
        return self._labs.labs()

    def labs_on(self, day: date) -> list[LabResult]:
        return self._labs.labs(on=day)

    def transfusions(self) -> list[Transfusion]:
        return self._labs.transfusions()

    def add_lab(self, result: LabResult) -> LabResult:
        """Raises LabError with a message for the user; nothing saved then."""
        saved = self._labs.add_lab(result, self.now())
        self._after_counts_changed()
        return saved

    def delete_lab(self, lab_id: int) -> None:
        self._labs.delete_lab(lab_id, self.now())
        self._after_counts_changed()

    def add_transfusion(self, transfusion: Transfusion) -> Transfusion:
        saved = self._labs.add_transfusion(transfusion, self.now())
        self._after_counts_changed()
        return saved

    def set_team_engraftment(self, on: date | None) -> None:
        """'My team told me I have engrafted' on ``on`` (None clears it)."""
        assert self.active.id is not None
        self._labs.set_team_engraftment(self.active.id, on, self.now())
        self._after_counts_changed()

    def _after_counts_changed(self) -> None:
        """Recovery may have moved with the counts, and with it the phases: one signal tells
        every view (emitting ``changed`` as well had the charts rebuilt twice)."""
        self._load_journey()
        self.counts_changed.emit()

    def temperature_readings(self) -> list[tuple[datetime, float]]:
        """All temperatures (time, °C), oldest first, for the chart."""
        rows = self.db.execute(
            "SELECT at, value FROM entries WHERE kind = 'temperature' AND deleted_at IS NULL "
            "ORDER BY at"
        ).fetchall()
        return [(datetime.fromisoformat(at), value) for at, value in rows]

    def counts_check_in_due(self) -> bool:
        """Past Day +30 (blood/marrow) or +42 (cord) with no recovery known: suggest asking."""
        transplant = self.active
        if transplant.neutrophil_recovery is not None:
            return False
        day = transplant.day_number(self.today())
        return day > self.numbers.counts_check_in_day(transplant.source)

    def entries_on(self, day: date) -> list[Entry]:
        start = datetime.combine(day, datetime.min.time()).astimezone()
        return [
            e
            for e in self.log.entries(
                since=start - timedelta(days=1), until=start + timedelta(days=2)
            )
            if e.at.date() == day
        ]

    def entry_counts(self) -> dict[date, int]:
        """Entries per local date (the date part of the stored time, which has its offset)."""
        rows = self.db.execute(
            "SELECT substr(at, 1, 10), count(*) FROM entries WHERE deleted_at IS NULL GROUP BY 1"
        ).fetchall()
        return {date.fromisoformat(day): count for day, count in rows}

    def alert_counts(self) -> dict[date, int]:
        rows = self.db.execute(
            "SELECT substr(raised_at, 1, 10), count(*) FROM alerts GROUP BY 1"
        ).fetchall()
        return {date.fromisoformat(day): count for day, count in rows}

    def day_marks(self) -> dict[date, tuple[int, int]]:
        """For each local date with entries: (entries, alerts raised that day)."""
        entries, alerts = self.entry_counts(), self.alert_counts()
        return {day: (entries.get(day, 0), alerts.get(day, 0)) for day in entries | alerts}
