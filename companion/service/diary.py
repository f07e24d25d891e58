"""DiaryService: the open diary, its worked-out facts, and one write method per user intent."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

from sqlite_utils import Database

from companion.content.checklists import load_checklist
from companion.domain.alerts import Alert, AlertKind, AlertLevel, ContactWho, card_level, closes
from companion.domain.card import CardWords, card_words
from companion.domain.checklist import Checklist, ChecklistItem, ItemState
from companion.domain.clinical import TEMPERATURE_KEYS, ClinicalNumbers, validate_setting
from companion.domain.days import local_date
from companion.domain.engraftment import (
    ANC_THRESHOLD,
    NeutrophilRecovery,
    neutrophil_recovery,
    neutrophil_status,
)
from companion.domain.entries import (
    Entry,
    EntryError,
    EntryKind,
    TemperatureUnit,
    check_entry,
    check_time,
)
from companion.domain.history import ChangeRecord, now_local
from companion.domain.journey import Journey, Milestone, Phase, PhaseSpan, Transplant
from companion.domain.kinds import TransplantKind
from companion.domain.labs import CountUnit, HbUnit, IggUnit, LabResult, Transfusion
from companion.domain.log_filter import LogFilter
from companion.domain.rules import (
    Context,
    Judgement,
    Reading,
    RuleSettings,
    Vocabulary,
    episode_readings,
    judge,
    recheck_temperatures,
)
from companion.domain.team import Team
from companion.domain.visits import (
    Appointment,
    PlacedQuestion,
    Question,
    VisitError,
    check_answer,
    check_appointment,
    check_moment,
    check_question,
    next_visit,
    place_questions,
)
from companion.service.changes import EVERYTHING, Changes
from companion.service.immunity import ImmunityManager
from companion.service.operations import UNDO_DAYS, HistoryItem, Undone, history_item
from companion.storage.alert_repository import AlertRepository
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.db import (
    WriteError,
    close_db,
    explain_write_error,
    fix_unusable_row,
    open_db,
    read_only_message,
    unusable_rows,
    writing,
)
from companion.storage.journal import (
    Capture,
    JournalConflict,
    compact,
    count_deleted,
    erase,
    expired,
    journal_row,
    journal_rows,
    set_state,
    to_redo,
    to_undo,
)
from companion.storage.journey_repository import (
    JourneyRepository,
    SettingsRepository,
    record_change,
)
from companion.storage.lab_repository import LabRepository
from companion.storage.log_repository import LogRepository
from companion.storage.preferences import DEFAULT_ADVICE, PreferencesRepository
from companion.storage.times import iso
from companion.storage.visit_repository import AppointmentRepository, QuestionRepository

Listener = Callable[[Changes], None]
T = TypeVar("T")
# What a preference is until the user chooses (see the properties below).
PREFERENCE_DEFAULTS = {
    "temperature_unit": TemperatureUnit.CELSIUS.value,
    "count_unit": CountUnit.PER_L.value,
    "hb_unit": HbUnit.G_DL.value,
    "igg_unit": IggUnit.G_L.value,  # issue 21
    "team_advice": DEFAULT_ADVICE,
    "country": "",
    "limit_site": "mouth",
}


@dataclass(frozen=True, slots=True)
class Logged:
    """A saved entry, the alerts it raised, and what the rules want said about it."""

    entry: Entry
    alerts: tuple[Alert, ...]
    judgement: Judgement
    changes: Changes

    @property
    def at_or_above_limit(self) -> bool:
        return self.judgement.at_or_above_limit


@dataclass(frozen=True, slots=True)
class Contact:
    """ "I contacted my team": the contact entry and the alerts it closed."""

    entry: Entry
    alert_ids: tuple[int, ...]
    changes: Changes


@dataclass(frozen=True, slots=True)
class LastContact:
    """A recorded contact: its log entry, whom it reached, the alerts it closed, and the
    worst temperature reading it covered (None if it covered none)."""

    entry: Entry
    who: ContactWho
    alerts: tuple[Alert, ...]
    worst: Reading | None


@dataclass(frozen=True, slots=True)
class SettingsSaved:
    """Settings saved; ``alerts``: raised at once by readings of the last day that the new
    temperature limits now make alerts."""

    alerts: tuple[Alert, ...]
    changes: Changes


@dataclass(frozen=True, slots=True)
class Saved(Generic[T]):
    """What a write that creates something saved (with its id), and what changed."""

    item: T
    changes: Changes


@dataclass(frozen=True, slots=True)
class NextAppointment:
    """The next appointment from now, for the Today page: its day number (None before the
    diary is set up) and the questions waiting for it."""

    appointment: Appointment
    day: int | None
    questions: int


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Where the patient is on a date: the same answer for the window, the command line and
    paper."""

    date: date
    day: int
    phase: Phase
    transplant: Transplant
    transplant_count: int
    next_milestone: Milestone | None


class DiaryService:
    """The open diary. Owns the repositories and the worked-out facts; every write is one
    user intent in one transaction, returns what changed, and tells every listener once.

    Reads are cached until a write (or another program's write, see
    ``reload_if_changed_elsewhere``) makes them stale.
    """

    def __init__(self, db: Database, clock: Callable[[], datetime] = now_local) -> None:
        self.db = db
        self._clock = clock
        self._journeys = JourneyRepository(db)
        self._settings = SettingsRepository(db)
        self._checklists = ChecklistRepository(db)
        self._log = LogRepository(db)
        self._alerts = AlertRepository(db)
        self._labs = LabRepository(db)
        self._preferences = PreferencesRepository(db)
        self._appointments = AppointmentRepository(db)
        self._questions = QuestionRepository(db)
        self._listeners: list[Listener] = []
        self._cache: dict[str, object] = {}
        self._parts: dict[str, object] = {}
        self._data_version = self._read_data_version()
        # Issue 21: the vaccine plan, live-vaccine lock, IVIG and check-ups (one manager).
        self.immunity = ImmunityManager(self)
        # Who writes, for the journal: "window" or "cli" (set by the front end), this
        # computer, and this run (the window's Edit → Undo takes back only its own).
        self.front_end = "cli"
        self.device = socket.gethostname()
        self.session = uuid.uuid4().hex
        self._capture: Capture | None = None  # made at the first write
        self._in_operation = False

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Callable[[], datetime] = now_local,
        read_only_if_unusable: bool = False,
    ) -> DiaryService:
        """Open (or create) the diary file at ``path`` (see ``storage.db.open_db``).

        Args:
            read_only_if_unusable: a diary whose only fault is a few rows with a time this
                version cannot use (an earlier one saved them) opens read-only, with
                ``unusable_rows`` naming them, rather than being refused.
        """
        return cls(open_db(path, read_only_if_unusable), clock)

    @property
    def unusable_rows(self) -> list:
        """Rows to correct or delete before the diary can be written (see ``fix_row``);
        each has ``table``, ``row_id``, ``at`` and ``describe()``."""
        return unusable_rows(self.db)

    @property
    def read_only(self) -> bool:
        return bool(self.unusable_rows)

    def fix_row(self, table: str, row_id: int, at: datetime | None = None) -> Changes:
        """Give an unusable row a time the app can use (``at``), or delete it (None). Once
        none is left, the diary can be written again.

        Raises:
            EntryError, VisitError: ``at`` is not a time the app can keep there.
            WriteError: the row is not one to fix, or the disk refused.
        """
        if at is not None:
            at = check_moment(at) if table == "appointments" else check_time(at, self.now())
        fix_unusable_row(self.db, table, row_id, at)
        self._cache.clear()
        return self._done(EVERYTHING)

    def close(self) -> None:
        close_db(self.db)

    @property
    def is_open(self) -> bool:
        """False once the diary file was closed (a timer of a view left over must not read
        it then)."""
        import sqlite3

        try:
            _ = self.db.conn.total_changes
        except sqlite3.ProgrammingError:
            return False
        return True

    # Telling the views ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every write; returns a function to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _done(self, changes: Changes) -> Changes:
        if changes.touches("journey", "labs", "settings", "team", "everything"):
            self._cache.clear()
        self._data_version = self._read_data_version()
        for listener in list(self._listeners):
            listener(changes)
        return changes

    def _read_data_version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def reload_if_changed_elsewhere(self) -> Changes | None:
        """If another program (the command line, a second process) changed the diary since
        we last looked, forget what we worked out and tell every view to reload."""
        if self._read_data_version() == self._data_version:
            return None
        self._cache.clear()
        return self._done(EVERYTHING)

    # Parts (issue 20): the medicines and the one schedule of reminders ---------------------

    @property
    def medicines(self):
        """The medicine list, its changes and doses (``service.medicines.MedicineBook``)."""
        from companion.service.medicines import MedicineBook

        return self._cached_part("medicines", MedicineBook)

    @property
    def schedule(self):
        """Every reminder due at a moment (``service.medicines.Schedule``)."""
        from companion.service.medicines import Schedule

        return self._cached_part("schedule", Schedule)

    def _cached_part(self, name: str, make):
        if name not in self._parts:
            self._parts[name] = make(self)
        return self._parts[name]

    # Operations, the journal, undo ---------------------------------------------------------

    def _journal_capture(self) -> Capture:
        if self._capture is None:  # outside any transaction: its triggers must outlive one
            try:
                self._capture = Capture(self.db)
            except sqlite3.OperationalError as error:  # a read-only diary, a full disk
                raise WriteError(explain_write_error(error)) from error
        return self._capture

    @contextlib.contextmanager
    def _operation(self, name: str, undoable: bool = True) -> Iterator[None]:
        """One write operation: one transaction (``BEGIN IMMEDIATE``, waiting its turn), and
        one journal row for what it changed, written in the same transaction."""
        if self._in_operation:  # a part of the operation already running
            yield
            return
        rows = self.unusable_rows
        if rows:  # open read-only until a row is fixed: say which, before touching anything
            raise WriteError(read_only_message(rows))
        capture = self._journal_capture()
        self._in_operation = True
        try:
            with writing(self.db):
                capture.reset()
                yield
                capture.record(
                    name, self.now(), self.device, self.front_end, self.session, undoable
                )
        finally:
            self._in_operation = False

    def journal(self, limit: int | None = None) -> list[HistoryItem]:
        """The journal of operations, newest first (``limit``: only that many)."""
        return [history_item(row) for row in journal_rows(self.db, limit)]

    def undo(self, only_mine: bool = False) -> Undone | None:
        """Take back the newest operation still done, whoever made it (``only_mine``: the
        newest this session made, as the window's Edit → Undo does). None when there is
        nothing to undo (or it is older than ``UNDO_DAYS``, see ``erase_expired``).

        Raises:
            JournalConflict: a row it changed was changed again since; nothing changed.
        """
        return self._step(undo=True, only_mine=only_mine)

    def redo(self, only_mine: bool = False) -> Undone | None:
        """Do again the operation undone last, if nothing was done since. None if none."""
        return self._step(undo=False, only_mine=only_mine)

    def can_undo(self, only_mine: bool = False) -> bool:
        row = to_undo(self.db, self.session if only_mine else None)
        return row is not None and row.undoable

    def undo_words(self, only_mine: bool = False, redo: bool = False) -> str | None:
        """What undo (or redo) would take back (do again), in a few words from the journal
        (``operations.describe``); None when there is nothing."""
        from companion.service.operations import describe

        session = self.session if only_mine else None
        row = to_redo(self.db, session) if redo else to_undo(self.db, session)
        return describe(row) if row is not None and row.undoable else None

    def can_redo(self, only_mine: bool = False) -> bool:
        row = to_redo(self.db, self.session if only_mine else None)
        return row is not None and row.undoable

    def _step(self, undo: bool, only_mine: bool) -> Undone | None:
        capture = self._journal_capture()
        session = self.session if only_mine else None
        with writing(self.db):  # read the journal inside the write lock: no one moves it
            row = to_undo(self.db, session) if undo else to_redo(self.db, session)
            if row is None or not row.undoable:
                return None
            capture.apply(row, undo=undo)
            set_state(self.db, row.id, "undone" if undo else "done", self.now() if undo else None)
        changes = self._changes_of(row, undo)
        after = journal_row(self.db, row.id) or row
        return Undone(history_item(after), self._done(changes))

    def _changes_of(self, row, undo: bool) -> Changes:
        """What views must refresh after ``row`` was undone (or redone)."""
        from companion.storage.log_repository import entry_from_row

        added: list[Entry] = []
        updated: list[Entry] = []
        removed: list[Entry] = []
        flags: dict[str, bool] = {}
        phases: set[str] = set()
        for change in row.rows:
            old, new = (change.after, change.before) if undo else (change.before, change.after)
            table = change.table
            if table == "entries":
                live_old = old is not None and old.get("deleted_at") is None
                live_new = new is not None and new.get("deleted_at") is None
                values = new or old or {}
                entry = entry_from_row(
                    [
                        change.rowid,
                        *(
                            values.get(c)
                            for c in (
                                "at",
                                "kind",
                                "term",
                                "value",
                                "severity",
                                "frequency",
                                "interference",
                                "detail",
                                "note",
                            )
                        ),
                    ]
                )
                if live_new and not live_old:
                    added.append(entry)
                elif live_old and not live_new:
                    removed.append(entry)
                elif live_new:
                    updated.append(entry)
            elif table == "alerts":
                flags["alerts"] = True
            elif table in ("labs", "transfusions"):
                flags["labs"] = flags["journey"] = True
            elif table in ("appointments", "questions"):
                flags["appointments"] = flags["questions"] = True
            elif table in ("checklist_state", "daily_ticks", "custom_items"):
                phases.update(str((v or {}).get("phase")) for v in (old, new) if v)
            elif table == "transplants":
                flags["journey"] = flags["history"] = True
            elif table == "team":
                flags["team"] = True
            elif table in ("clinical_settings", "preferences"):
                flags["settings"] = True
            elif table == "change_log":
                flags["history"] = True
            else:  # a table this version does not know by name
                flags["everything"] = True
        if flags.get("settings") or flags.get("team") or flags.get("journey"):
            self._cache.clear()
        return Changes(
            entries_added=tuple(added),
            entries_updated=tuple(updated),
            entries_removed=tuple(removed),
            checklist=frozenset(phases),
            **flags,
        )

    def erase_expired(self) -> int:
        """Erase for good what was deleted more than ``UNDO_DAYS`` ago, and the values older
        operations replaced (they can no longer be undone). Returns how many deleted rows
        went. Quick when there is nothing to erase."""
        cutoff = self.now() - timedelta(days=UNDO_DAYS)
        if not expired(self.db, cutoff):
            return 0  # no write (a diary in a read-only folder still opens)
        capture = self._journal_capture()
        with writing(self.db):
            erased = erase(self.db, self.now(), before=cutoff)
            capture.reset()  # erasing is not an operation anyone can undo
        if erased.rows or erased.journal:
            # Fold the log in and empty it, so the old bytes leave the -wal file too.
            with contextlib.suppress(sqlite3.OperationalError):
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._done(EVERYTHING)
        return erased.rows

    def deleted_count(self) -> int:
        """How many deleted things still keep their content (for undo)."""
        return count_deleted(self.db)

    def purge(self) -> int:
        """``companion purge``: erase now, for good, everything deleted (a tombstone without
        content stays for a later sync) and every value kept for undo; then rewrite the file
        so no old bytes remain. Nothing can be undone after it. Returns the rows erased."""
        capture = self._journal_capture()
        with writing(self.db):
            erased = erase(self.db, self.now(), before=None)
            capture.reset()
        with contextlib.suppress(sqlite3.OperationalError):  # busy: secure_delete did it
            compact(self.db)
        self._done(EVERYTHING)
        return erased.rows

    # Time -------------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    # Worked-out facts -------------------------------------------------------------------------

    def _cached(self, key: str, make: Callable[[], object]):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def journey(self) -> Journey | None:
        """The journey as stored, with recovery worked out from the counts where the team has
        not given a date (the registry definition; the team confirms)."""
        return self._cached("journey", self._worked_out_journey)

    def _worked_out_journey(self) -> Journey | None:
        journey = self._journeys.load_journey()
        if journey is None:
            return None
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
        return Journey(tuple(transplants))

    def neutrophil_status(self, transplant: Transplant | None = None) -> NeutrophilRecovery:
        """Neutrophil recovery for ``transplant`` (default: the active one): met (from the
        values, or the team's date), not yet, or not applicable; and a later fall below
        0.5, told apart from the first recovery."""
        transplant = transplant or self.active
        journey = self.journey
        assert journey is not None
        later = [t.day0 for t in journey.transplants if t.day0 > transplant.day0]
        until = min(later) if later else None
        values = [
            (lab.day, lab.anc)
            for lab in self.labs()
            if lab.anc is not None
            and lab.day >= transplant.day0
            and (until is None or lab.day < until)
        ]
        team_date = transplant.neutrophil_recovery if transplant.recovery_source == "team" else None
        return neutrophil_status(values, team_date)

    def neutrophils_low_again(self) -> tuple[date, float] | None:
        """The latest neutrophil count (date, ×10⁹/L) of the active transplant when it is
        below 0.5 after the counts had recovered, else None: the Today page and the
        command line's ``today`` tell the patient to contact the team (nurse review 2)."""
        transplant = self.active
        status = self.neutrophil_status(transplant)
        if status.fallen_again is None:
            return None
        latest = [
            (lab.day, lab.anc)
            for lab in self.labs()
            if lab.anc is not None and lab.day >= transplant.day0
        ]
        if not latest or latest[-1][1] >= ANC_THRESHOLD:
            return None
        return latest[-1]  # type: ignore[return-value]

    @property
    def is_set_up(self) -> bool:
        return self.journey is not None

    @property
    def team(self) -> Team | None:
        return self._cached("team", self._journeys.load_team)

    @property
    def numbers(self) -> ClinicalNumbers:
        return self._cached("numbers", self._settings.numbers)

    def _preference(self, key: str, default: str) -> str:
        return self._cached(f"pref:{key}", lambda: self._preferences.get(key, default))

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

    @property
    def country(self) -> str:
        """ISO 3166 code chosen in setup ("" if none): it picks the emergency number."""
        return self._preference("country", "")

    @property
    def limit_site(self) -> str:
        """Where the team's temperature limits are measured (a site id: mouth, armpit…)."""
        return self._preference("limit_site", PREFERENCE_DEFAULTS["limit_site"])

    @property
    def vocabulary(self) -> Vocabulary:
        from companion.content.vocabulary import load_vocabulary

        return load_vocabulary()

    def transplant_on(self, day: date) -> Transplant:
        journey = self.journey
        if journey is None:
            raise RuntimeError("the diary has no journey yet")
        return journey.active(day)

    @property
    def active(self) -> Transplant:
        return self.transplant_on(self.today())

    def spans(self, transplant: Transplant | None = None) -> list[PhaseSpan]:
        transplant = transplant or self.active
        return transplant.phase_spans(self.today(), self.numbers)

    def milestones(self, transplant: Transplant | None = None) -> list[Milestone]:
        return (transplant or self.active).milestones(self.numbers)

    def status(self, day: date | None = None) -> DayStatus:
        """Day number, phase and what comes next, on ``day`` (default today)."""
        day = day or self.today()
        transplant = self.transplant_on(day)
        number = transplant.day_number(day)
        upcoming = [m for m in transplant.milestones(self.numbers) if m.day > number]
        assert self.journey is not None
        return DayStatus(
            date=day,
            day=number,
            phase=transplant.phase_on(day, self.today(), self.numbers),
            transplant=transplant,
            transplant_count=len(self.journey.transplants),
            next_milestone=upcoming[0] if upcoming else None,
        )

    def rule_settings(self, on: date | None = None) -> RuleSettings:
        numbers = self.numbers
        donor = True
        if self.journey is not None:
            donor = self.transplant_on(on or self.today()).kind is TransplantKind.ALLOGENEIC
        return RuleSettings(
            fever=numbers.fever_rule,
            rise_by_c=numbers["fever_rise_c"],
            low_c=numbers["low_temp_c"],
            weight_percent=numbers["weight_gain_percent"],
            weight_rising_days=int(numbers["weight_rising_days"]),
            weight_rising_min_kg=numbers["weight_rising_min_kg"],
            stools_per_day=int(numbers["stools_per_day"]),
            donor=donor,
        )

    def counts_check_in_due(self) -> bool:
        """Past Day +30 (blood/marrow) or +42 (cord) with no recovery known: suggest asking."""
        transplant = self.active
        if transplant.neutrophil_recovery is not None:
            return False
        return transplant.day_number(self.today()) > self.numbers.counts_check_in_day(
            transplant.source
        )

    def history(self) -> list[ChangeRecord]:
        return self._journeys.history()

    # Setting up and settings ------------------------------------------------------------------

    def start(self, transplant: Transplant, team: Team, country: str = "") -> Changes:
        """Save what setup collected (the transplant, the team, the country), all or nothing."""
        from companion.domain.emergency import clean_country

        country = clean_country(country)
        now = self.now()
        with self._operation("start", undoable=False):
            self._journeys.start_diary(transplant, team, now)
            if country:
                self._preferences.set(key="country", value=country)
        return self._done(Changes(journey=True, team=True, settings=True, history=True))

    def save_settings(
        self,
        transplant: Transplant | None = None,
        team: Team | None = None,
        numbers: Mapping[str, float] | None = None,
        preferences: Mapping[str, str] | None = None,
    ) -> SettingsSaved:
        """Save what the Settings dialog (or a ``settings`` command) changed, as one intent.

        Validates everything first. When a temperature limit changes, the readings of the
        last 24 hours are judged against the new numbers at once, in the same transaction.

        Raises:
            TeamError, SettingError, CountryError, ValueError: with a message for the
                user; nothing is saved then.
        """
        from companion.domain.emergency import clean_country

        if team is not None:
            team = team.validated()
        cleaned = {key: validate_setting(key, value) for key, value in (numbers or {}).items()}
        before = self.numbers
        merged = ClinicalNumbers(dict(before.overrides) | cleaned).validated()
        prefs = dict(preferences or {})
        if "country" in prefs:
            prefs["country"] = clean_country(prefs["country"])
        _check_preferences(prefs)
        now = self.now()
        raised: list[Alert] = []
        temperature_changed = any(merged[k] != before[k] for k in TEMPERATURE_KEYS)
        with self._operation("save_settings"):
            if transplant is not None:
                self._journeys.save_transplant(transplant, now)
            if team is not None:
                self._journeys.save_team(team, now)
            if cleaned:
                self._settings.save_numbers(cleaned, now)
            for key, value in prefs.items():
                old = self._preference(key, PREFERENCE_DEFAULTS.get(key, ""))
                if old != value:
                    self._preferences.set(key=key, value=value)
                    if key in ("country", "temperature_unit"):
                        record_change(self.db, iso(now), f"preference.{key}", old, value)
            if temperature_changed:
                self._cache.clear()  # the recheck must use the numbers just saved
                raised = self._recheck_temperatures(now)
        changes = Changes(
            journey=transplant is not None,
            team=team is not None,
            settings=True,
            history=True,
            alerts=bool(raised),
        )
        return SettingsSaved(tuple(raised), self._done(changes))

    def _recheck_temperatures(self, now: datetime, limit_changed: bool = True) -> list[Alert]:
        """Alerts the last day's readings raise that no stored alert covers (see
        ``domain.rules.recheck_temperatures``), stored; inside the caller's transaction."""
        readings = self._readings(now, 48)
        known = self._alerts.open() + self._alerts.of_entries(r.id for r in readings)
        new = recheck_temperatures(
            readings, _unique(known), self.rule_settings(), now, limit_changed
        )
        return [self._alerts.add(alert) for alert in new]

    def add_transplant(self, transplant: Transplant) -> Changes:
        with self._operation("add_transplant"):
            self._journeys.add_transplant(transplant, self.now())
        return self._done(Changes(journey=True, history=True))

    # Checklists -------------------------------------------------------------------------------

    def checklist(self, phase: Phase, transplant: Transplant | None = None) -> Checklist:
        """The phase's items for the transplant's kind, then the team's own items."""
        kind = (transplant or self.active).kind
        return load_checklist(phase, kind).with_custom(self._checklists.custom_items(phase))

    def checklist_states(
        self, phase: Phase, transplant: Transplant | None = None, on: date | None = None
    ) -> dict[str, ItemState]:
        """What the user did with each item. A daily item counts as ticked only when it was
        ticked on ``on`` (default today): "take your temperature twice a day" starts fresh
        every morning; whether it is hidden is kept for good, like any item."""
        transplant = transplant or self.active
        assert transplant.id is not None
        states = self._checklists.states(transplant.id, phase)
        daily = [i.key for i in self.checklist(phase, transplant).items if i.daily]
        if daily:
            ticks = self._checklists.daily_ticks(transplant.id, phase, on or self.today())
            for key in daily:
                hidden = states.get(key, ItemState()).hidden
                states[key] = ItemState(ticks.get(key), hidden)
        return states

    def checklist_progress(self, phase: Phase) -> tuple[int, int]:
        return self.checklist(phase).progress(self.checklist_states(phase))

    def daily_items(self, phase: Phase) -> list[tuple[ChecklistItem, ItemState]]:
        """Today's daily items of ``phase`` that are not hidden, with today's ticks."""
        states = self.checklist_states(phase)
        return [
            (item, states.get(item.key, ItemState()))
            for item in self.checklist(phase).visible(states)
            if item.daily
        ]

    def set_ticked(self, phase: Phase, key: str, ticked: bool) -> Changes:
        """Tick or untick an item; a daily item is ticked for today only."""
        assert self.active.id is not None
        item = next((i for i in self.checklist(phase).items if i.key == key), None)
        with self._operation("set_ticked"):
            if item is not None and item.daily:
                self._checklists.set_daily_tick(
                    self.active.id, phase, key, self.today(), ticked, self.now()
                )
            else:
                self._checklists.set_ticked(self.active.id, phase, key, ticked, self.now())
        return self._done(Changes(checklist=frozenset({phase.value})))

    def set_hidden(self, phase: Phase, key: str, hidden: bool) -> Changes:
        assert self.active.id is not None
        with self._operation("set_hidden"):
            self._checklists.set_hidden(self.active.id, phase, key, hidden)
        return self._done(Changes(checklist=frozenset({phase.value})))

    def add_custom_item(self, phase: Phase, text: str) -> Changes:
        """Raises ChecklistError with a message for the user; nothing saved then."""
        with self._operation("add_custom_item"):
            self._checklists.add_custom(phase, text, self.now())
        return self._done(Changes(checklist=frozenset({phase.value})))

    # The log ----------------------------------------------------------------------------------

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[EntryKind] | None = None,
    ) -> list[Entry]:
        return self._log.entries(since, until, kinds)

    def log_page(
        self,
        wanted: LogFilter,
        after: Entry | None = None,
        limit: int = 200,
        few: bool = False,
    ) -> list[Entry]:
        """The diary log as its page shows it: up to ``limit`` entries ``wanted`` accepts,
        newest first, after ``after`` (the last one already shown) when given; ``few``:
        the caller knows from ``log_count`` that few entries match."""
        return self._log.page(wanted, after, limit, few)

    def log_count(self, wanted: LogFilter | None = None) -> int:
        """How many entries the log holds (that ``wanted`` accepts, when given)."""
        return self._log.count(wanted)

    def entry(self, entry_id: int) -> Entry | None:
        return self._log.entry(entry_id)

    def entered_later(self, since: datetime, until: datetime, hours: float = 3.0) -> frozenset[int]:
        """Ids of the entries in ``since``–``until`` saved more than ``hours`` after the time
        they carry: a report marks them "entered later"."""
        return self._log.entered_later(since, until, hours)

    def entries_on(self, day: date) -> list[Entry]:
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
        if self.journey is not None:
            start = self.transplant_on(local_date(entry.at)).conditioning_start
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
            self.rule_settings(local_date(entry.at)),
            alert.kind,
            until=alert.contacted_at,
        )

    def _judge_and_raise(self, entry: Entry) -> tuple[list[Alert], Judgement]:
        judgement = judge(
            entry, self.vocabulary, self.rule_settings(entry.at.date()), self._context(entry)
        )
        return [self._alerts.add(alert) for alert in judgement.alerts], judgement

    def log_entry(self, entry: Entry) -> Logged:
        """Validate, save and judge one entry: the entry and its alerts in one transaction.

        Raises:
            EntryError: with a message for the user; nothing is saved then.
            WriteError: the computer refused the write; nothing is saved then.
        """
        now = self.now()
        entry = check_entry(entry, now)
        with self._operation("log_entry"):
            saved = self._log.add(entry, now)
            raised, judgement = self._judge_and_raise(saved)
            raised += self._settle(saved, now)
            scheduled = self._schedule_check_again(saved, judgement)  # issue 20
        changes = self._done(
            Changes(entries_added=(saved,), alerts=bool(raised), reminders=scheduled)
        )
        return Logged(saved, tuple(raised), judgement, changes)

    def _schedule_check_again(self, entry: Entry, judgement: Judgement) -> bool:
        """Issue 20: the rules asked for another reading: store when, so the tray and
        ``companion remind --due`` remind of it with the window closed."""
        from companion.domain.rules import NoticeKind
        from companion.domain.schedule import CheckAgain

        notice = judgement.notice(NoticeKind.CHECK_AGAIN)
        if notice is None or notice.at is None or entry.value is None:
            return False
        self.medicines.schedule_check_again(CheckAgain(notice.at, entry.at, entry.value), entry.id)
        return True

    def update_entry(self, entry: Entry) -> Logged:
        """Save an edited entry and judge it again: alerts it raised before stay (a card is
        never taken down by an edit); new ones may be raised."""
        if entry.id is None:
            raise ValueError("update_entry needs a saved entry")
        now = self.now()
        entry = check_entry(entry, now)
        with self._operation("update_entry"):
            self._log.update(entry)
            raised, judgement = self._judge_and_raise(entry)
            raised += self._settle(entry, now)
        changes = self._done(Changes(entries_updated=(entry,), alerts=bool(raised)))
        return Logged(entry, tuple(raised), judgement, changes)

    def delete_entry(self, entry_id: int) -> Changes:
        """Delete an entry (kept, so Undo brings it back exactly)."""
        entry = self._log.entry(entry_id)
        if entry is None:
            return Changes()
        now = self.now()
        with self._operation("delete_entry"):
            self._log.delete(entry_id, now)
            raised = self._settle(entry, now)
        return self._done(Changes(entries_removed=(entry,), alerts=bool(raised)))

    def restore_entry(self, entry_id: int) -> Changes:
        now = self.now()
        with self._operation("restore_entry"):
            self._log.restore(entry_id)
            entry = self._log.entry(entry_id)
            raised = self._settle(entry, now) if entry else []
        return self._done(Changes(entries_added=(entry,) if entry else (), alerts=bool(raised)))

    def _settle(self, entry: Entry, now: datetime) -> list[Alert]:
        """A temperature added in the past, edited, deleted or restored can split an episode
        of the last day in two: every recent reading at or above the limit must still have
        a card for its episode."""
        if entry.kind is not EntryKind.TEMPERATURE:
            return []
        return self._recheck_temperatures(now, limit_changed=False)

    def acknowledge(self, note: str = "", who: ContactWho | str | None = None) -> Contact | None:
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
        now = self.now()
        entry = check_entry(
            Entry(at=now, kind=EntryKind.CONTACTED, detail=who.value, note=note), now
        )
        closing = [a.id for a in open_now if a.id is not None and closes(who, a)]
        with self._operation("acknowledge"):
            saved = self._log.add(entry, now)
            closed = self._alerts.close_open(saved.id or 0, now, closing)
        changes = self._done(Changes(entries_added=(saved,), alerts=True))
        return Contact(saved, tuple(closed), changes)

    def undo_acknowledge(self, contact_id: int) -> Changes:
        """Take a contact back: its alerts are open again, its log entry deleted."""
        entry = self._log.entry(contact_id)
        with self._operation("undo_acknowledge"):
            self._alerts.reopen(contact_id)
            self._log.delete(contact_id, self.now())
        return self._done(Changes(entries_removed=(entry,) if entry else (), alerts=True))

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
        now = self.now()
        recent = self._log.entries(since=now - timedelta(hours=24), kinds=[EntryKind.CONTACTED])
        if not recent:
            return None
        contact = self._contact_of(recent[-1])
        closed = contact.alerts
        if not closed:
            return None
        temps = [a for a in closed if a.kind.is_temperature]
        if temps and len(temps) == len(closed):
            settings = self.rule_settings()
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
        return card_words(
            alerts,
            vocabulary=self.vocabulary,
            unit=self.temperature_unit,
            country=self.country,
            team=self.team,
            now=self.now(),
            episode=self.episode_readings,
            latest_anc=self.latest_anc(),
            count_unit=self.count_unit,
            advice=self.team_advice,
            emergency_called=called.at if called is not None else None,
        )

    def latest_anc(self) -> tuple[date, float] | None:
        """The latest neutrophil count entered (date, ×10⁹/L), or None."""
        found = [lab for lab in self._labs.labs() if lab.anc is not None]
        return (found[-1].day, found[-1].anc) if found else None  # type: ignore[return-value]

    # Blood counts -----------------------------------------------------------------------------

    def labs(self) -> list[LabResult]:
        return self._cached("labs", self._labs.labs)

    def labs_on(self, day: date) -> list[LabResult]:
        return self._labs.labs(on=day)

    def transfusions(self) -> list[Transfusion]:
        return self._cached("transfusions", self._labs.transfusions)

    def add_lab(self, result: LabResult) -> LabResult:
        """Raises LabError with a message for the user; nothing saved then."""
        with self._operation("add_lab"):
            saved = self._labs.add_lab(result, self.now())
        self._done(Changes(labs=True, journey=True))
        return saved

    def delete_lab(self, lab_id: int) -> Changes:
        with self._operation("delete_lab"):
            self._labs.delete_lab(lab_id, self.now())
        return self._done(Changes(labs=True, journey=True))

    def add_transfusion(self, transfusion: Transfusion) -> Transfusion:
        with self._operation("add_transfusion"):
            saved = self._labs.add_transfusion(transfusion, self.now())
        self._done(Changes(labs=True))
        return saved

    def delete_transfusion(self, transfusion_id: int) -> Changes:
        """Delete a transfusion (kept while undo can bring it back)."""
        with self._operation("delete_transfusion"):
            self._labs.delete_transfusion(transfusion_id, self.now())
        return self._done(Changes(labs=True))

    def set_team_engraftment(self, on: date | None) -> Changes:
        """ "My team told me my counts recovered" on ``on`` (None clears it)."""
        assert self.active.id is not None
        with self._operation("set_team_engraftment"):
            self._labs.set_team_engraftment(self.active.id, on, self.now())
        return self._done(Changes(labs=True, journey=True, history=True))

    # Appointments ----------------------------------------------------------------------------

    def appointments(self) -> list[Appointment]:
        """Every appointment (past and upcoming), in time order."""
        return self._appointments.all()

    def deleted_appointments(self) -> list[Appointment]:
        """Appointments deleted in the app (kept for Undo), in time order."""
        return self._appointments.deleted()

    def diary_id(self) -> str:
        """This diary's own random id (a UUID), made once and kept: calendar UIDs and
        exported records are unique per diary with it, so two diaries never clash."""
        found = self._preferences.get("diary_id", "")
        if not found:
            import uuid

            found = str(uuid.uuid4())
            self._preferences.set("diary_id", found)
        return found

    def appointment(self, appointment_id: int) -> Appointment | None:
        return self._appointments.get(appointment_id)

    def upcoming_appointments(self) -> list[Appointment]:
        """From today on (today's stay "upcoming" all day: the visit may be going on)."""
        today = self.today()
        return [a for a in self.appointments() if not a.is_past(today)]

    def past_appointments(self) -> list[Appointment]:
        """Before today, newest first."""
        today = self.today()
        return [a for a in reversed(self.appointments()) if a.is_past(today)]

    def next_appointment(self) -> NextAppointment | None:
        """The next appointment not yet begun (from now, as instants), for "Next: …"."""
        now = self.now()
        upcoming = [a for a in self.appointments() if a.at >= now]
        if not upcoming:
            return None
        appointment = upcoming[0]
        day = None
        if self.journey is not None:
            day = self.transplant_on(appointment.day).day_number(appointment.day)
        waiting = sum(
            1
            for placed in self.questions()
            if not placed.question.answered
            and placed.appointment is not None
            and placed.appointment.id == appointment.id
        )
        return NextAppointment(appointment, day, waiting)

    def add_appointment(self, appointment: Appointment) -> Saved[Appointment]:
        """Raises VisitError with a message for the user; nothing saved then."""
        appointment = check_appointment(appointment)
        with self._operation("add_appointment"):
            saved = self._appointments.add(appointment, self.now())
        return Saved(saved, self._done(Changes(appointments=True, questions=True)))

    def update_appointment(self, appointment: Appointment) -> Changes:
        """Save an edited appointment (its questions follow it if it moves)."""
        if appointment.id is None or self._appointments.get(appointment.id) is None:
            raise VisitError("That appointment is not in the diary any more.")
        appointment = check_appointment(appointment)
        with self._operation("update_appointment"):
            self._appointments.update(appointment)
        return self._done(Changes(appointments=True, questions=True))

    def delete_appointment(self, appointment_id: int) -> Changes:
        """Delete it (kept, so Undo brings it back). Its unanswered questions move on to
        the next visit meanwhile; they come back with it."""
        if self._appointments.get(appointment_id) is None:
            return Changes()
        with self._operation("delete_appointment"):
            self._appointments.delete(appointment_id, self.now())
        return self._done(Changes(appointments=True, questions=True))

    def restore_appointment(self, appointment_id: int) -> Changes:
        with self._operation("restore_appointment"):
            self._appointments.restore(appointment_id)
        return self._done(Changes(appointments=True, questions=True))

    # The questions notebook ---------------------------------------------------------------

    def questions(self, appointment_id: int | None = None) -> list[PlacedQuestion]:
        """Every question where it belongs today, oldest first; with ``appointment_id``,
        only that appointment's (see ``domain.visits.place_questions``)."""
        placed = place_questions(self._questions.all(), self.appointments(), self.today())
        if appointment_id is None:
            return placed
        return [
            p for p in placed if p.appointment is not None and p.appointment.id == appointment_id
        ]

    def questions_for_next_visit(self) -> list[PlacedQuestion]:
        """The unanswered questions waiting for the next visit (booked or not)."""
        following = next_visit(self.appointments(), self.today())
        wanted = following.id if following else None
        return [
            p
            for p in self.questions()
            if not p.question.answered and (p.appointment.id if p.appointment else None) == wanted
        ]

    def search_questions(self, text: str) -> list[PlacedQuestion]:
        """Questions whose text or answer holds ``text`` (any case)."""
        wanted = " ".join(text.split()).casefold()
        return [
            p
            for p in self.questions()
            if wanted in p.question.text.casefold() or wanted in p.question.answer.casefold()
        ]

    def _question(self, question_id: int) -> Question:
        question = self._questions.get(question_id)
        if question is None:
            raise VisitError(f"There is no question number {question_id} in the notebook.")
        return question

    def _check_appointment_id(self, appointment_id: int | None) -> None:
        if appointment_id is None:
            return
        appointment = self._appointments.get(appointment_id)
        if appointment is None:
            raise VisitError(f"There is no appointment number {appointment_id}.")
        if appointment.is_past(self.today()):
            raise VisitError(
                f"Appointment {appointment_id} has already been: a question can go to an "
                "appointment from today on, or to the next visit."
            )

    def add_question(self, text: str, appointment_id: int | None = None) -> Saved[Question]:
        """A question for ``appointment_id``, or (None) for the next visit, whichever that
        is when it comes. Raises VisitError; nothing saved then."""
        text = check_question(text)
        self._check_appointment_id(appointment_id)
        with self._operation("add_question"):
            saved = self._questions.add(text, appointment_id, self.now())
        return Saved(saved, self._done(Changes(questions=True)))

    def edit_question(self, question_id: int, text: str) -> Changes:
        text = check_question(text)
        self._question(question_id)
        with self._operation("edit_question"):
            self._questions.set_text(question_id, text)
        return self._done(Changes(questions=True))

    def move_question(self, question_id: int, appointment_id: int | None) -> Changes:
        """Move it to another appointment (None: back to following the next visit)."""
        self._question(question_id)
        self._check_appointment_id(appointment_id)
        with self._operation("move_question"):
            self._questions.move(question_id, appointment_id)
        return self._done(Changes(questions=True))

    def answer_question(self, question_id: int, answer: str) -> Changes:
        """Mark it answered with the team's answer; it stays with the appointment it
        belongs to now (the visit where it was answered)."""
        answer = check_answer(answer)
        question = self._question(question_id)
        placed = place_questions([question], self.appointments(), self.today())[0]
        where = placed.appointment.id if placed.appointment else question.appointment_id
        with self._operation("answer_question"):
            self._questions.answer(question_id, answer, self.now(), where)
        return self._done(Changes(questions=True))

    def unanswer_question(self, question_id: int) -> Changes:
        self._question(question_id)
        with self._operation("unanswer_question"):
            self._questions.unanswer(question_id)
        return self._done(Changes(questions=True))

    def delete_question(self, question_id: int) -> Changes:
        self._question(question_id)
        with self._operation("delete_question"):
            self._questions.delete(question_id, self.now())
        return self._done(Changes(questions=True))

    def restore_question(self, question_id: int) -> Changes:
        with self._operation("restore_question"):
            self._questions.restore(question_id)
        return self._done(Changes(questions=True))


def _check_preferences(prefs: Mapping[str, str]) -> None:
    """Units from their lists, the team's advice within its limit (a restored file is held
    to the same limits, see storage.contents)."""
    from companion.domain.team import MAX_ADVICE_LENGTH, TeamError

    advice = prefs.get("team_advice")
    if advice is not None and len(advice) > MAX_ADVICE_LENGTH:
        raise TeamError(
            f"The team's advice is too long: please keep it under {MAX_ADVICE_LENGTH} letters.",
            "advice",
        )
    for key, unit in (
        ("temperature_unit", TemperatureUnit),
        ("count_unit", CountUnit),
        ("hb_unit", HbUnit),
        ("igg_unit", IggUnit),  # issue 21
    ):
        if key in prefs and prefs[key] not in {u.value for u in unit}:
            raise ValueError(f"Please choose the unit from the list ({prefs[key]!r} is not one).")


def _unique(alerts: Iterable[Alert]) -> list[Alert]:
    seen: dict[int | None, Alert] = {}
    for alert in alerts:
        seen[alert.id] = alert
    return list(seen.values())


__all__ = [
    "Contact",
    "DayStatus",
    "DiaryService",
    "EntryError",
    "HistoryItem",
    "JournalConflict",
    "LastContact",
    "Logged",
    "NextAppointment",
    "Saved",
    "SettingsSaved",
    "Undone",
    "VisitError",
]
