"""DiaryService: the open diary, one facade with a part per aggregate.

As Anki's ``Collection`` hangs ``decks``, ``models`` and ``tags`` off itself, the service
owns the database, the cache, the one change notification, the journal (undo, redo,
history, purge) and the clock, and hangs a part off itself for each aggregate:

- ``service.transplants``: the journey, day number, phases, milestones; setup.
- ``service.settings``: the team, clinical numbers, units and other preferences.
- ``service.log``: log entries, the alerts they raise, contacts, the card.
- ``service.labs``: blood counts, transfusions, neutrophil recovery.
- ``service.visits``: appointments and the questions notebook.
- ``service.checklists``: each phase's checklist, ticks, hidden and own items.
- ``service.medicines``, ``service.schedule``: medicines, doses and reminders (issue 20).
- ``service.immunity``: vaccines, the live-vaccine lock, IVIG, check-ups (issue 21).

Every write of every part is one operation (``_operation``: one transaction opened only
here, one journal row) and returns an ``Op`` (``service.operations``): its value and the
``Changes`` every listener was told of.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlite_utils import Database

from companion.domain.entries import Entry, EntryError, check_time
from companion.domain.history import ChangeRecord, now_local
from companion.domain.visits import VisitError, check_moment
from companion.service.changes import EVERYTHING, Changes
from companion.service.checklists import Checklists
from companion.service.labs import Labs
from companion.service.log import Contact, LastContact, Log, Logged
from companion.service.medicines import MedicineBook, Schedule
from companion.service.operations import UNDO_DAYS, HistoryItem, Op, Undone, history_item
from companion.service.settings import PREFERENCE_DEFAULTS, Settings, SettingsSaved
from companion.service.transplants import DayStatus, Transplants
from companion.service.visits import NextAppointment, Visits
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
from companion.storage.journey_repository import JourneyRepository
from companion.storage.preferences import PreferencesRepository

if TYPE_CHECKING:
    from companion.service.immunity import ImmunityManager

Listener = Callable[[Changes], None]
T = TypeVar("T")


class DiaryService:
    """The open diary: the facade every front end holds. Owns the database, the cache of
    worked-out facts, the change notification and the journal; the reading and writing of
    each aggregate is in its part (see the module docstring).

    Reads are cached until a write (or another program's write, see
    ``reload_if_changed_elsewhere``) makes them stale.
    """

    def __init__(self, db: Database, clock: Callable[[], datetime] = now_local) -> None:
        self.db = db
        self._clock = clock
        self._journeys = JourneyRepository(db)
        self._preferences = PreferencesRepository(db)
        self._listeners: list[Listener] = []
        self._cache: dict[str, object] = {}
        self._data_version = self._read_data_version()
        # Who writes, for the journal: "window" or "cli" (set by the front end), this
        # computer, and this run (the window's Edit → Undo takes back only its own).
        self.front_end = "cli"
        self.device = socket.gethostname()
        self.session = uuid.uuid4().hex
        self._capture: Capture | None = None  # made at the first write
        self._in_operation = False
        # The parts, one per aggregate (a new capability is a new part).
        self.transplants = Transplants(self)
        self.settings = Settings(self)
        self.log = Log(self)
        self.labs = Labs(self)
        self.visits = Visits(self)
        self.checklists = Checklists(self)
        self.medicines = MedicineBook(self)  # issue 20
        self.schedule = Schedule(self)  # issue 20

    @functools.cached_property
    def immunity(self) -> ImmunityManager:
        """The immune plan (issue 21): made when first used, so that opening the window
        loads neither its part nor its content (about 15 ms of start-up)."""
        from companion.service.immunity import ImmunityManager

        return ImmunityManager(self)

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

    def fix_row(self, table: str, row_id: int, at: datetime | None = None) -> Op[None]:
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
        return self._result(None, EVERYTHING)

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

    def _result(self, value: T, changes: Changes) -> Op[T]:
        """A part's write is done: tell every listener once, and return its ``Op``."""
        return Op(value, self._done(changes))

    def _read_data_version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def reload_if_changed_elsewhere(self) -> Changes | None:
        """If another program (the command line, a second process) changed the diary since
        we last looked, forget what we worked out and tell every view to reload."""
        if self._read_data_version() == self._data_version:
            return None
        self._cache.clear()
        return self._done(EVERYTHING)

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

    # The cache, the change history, the diary's id -------------------------------------------

    def _cached(self, key: str, make: Callable[[], T]) -> T:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]  # type: ignore[return-value]

    def history(self) -> list[ChangeRecord]:
        """The recorded changes to clinical numbers, dates and settings (the Change history
        page), oldest first."""
        return self._journeys.history()

    def diary_id(self) -> str:
        """This diary's own random id (a UUID), made once and kept: calendar UIDs and
        exported records are unique per diary with it, so two diaries never clash."""
        found = self._preferences.get("diary_id", "")
        if not found:
            found = str(uuid.uuid4())
            with writing(self.db):  # not an operation: nothing the user did to undo
                self._preferences.set("diary_id", found)
        return found


__all__ = [
    "PREFERENCE_DEFAULTS",
    "Contact",
    "DayStatus",
    "DiaryService",
    "EntryError",
    "HistoryItem",
    "JournalConflict",
    "LastContact",
    "Logged",
    "NextAppointment",
    "Op",
    "SettingsSaved",
    "Undone",
    "VisitError",
]
