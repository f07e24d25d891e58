"""open_db(): the one way to open the diary, with its pragmas and migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

from companion.i18n import N_, _
from companion.storage.checked import (
    fingerprint,
    forget,
    own_write,
    remember,
    unchanged_since_checked,
)
from companion.storage.errors import (
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_PERM,
    SQLITE_READONLY,
    DamagedDiaryError,
    FolderError,
    NewerSchemaError,
    NotADiaryError,
    RestoreInterruptedError,
    StorageError,
    WriteError,
    error_code,
)
from companion.storage.lock import WRITE_WAIT_SECONDS
from companion.storage.paths import create_private_file
from companion.storage.raw_read import read_at

migrations = Migrations("companion")


@migrations()
def m001_journey(db: Database) -> None:
    db["transplants"].create(
        {
            "id": int,
            "number": int,
            "kind": str,
            "source": str,
            "day0": str,
            "day0_confirmed": int,
            "conditioning_days": int,
            "neutrophil_recovery": str,
            "created_at": str,
        },
        pk="id",
        not_null={"number", "kind", "source", "day0", "day0_confirmed", "conditioning_days"},
    )
    db["team"].create(
        {
            "id": int,
            "name": str,
            "office_phone": str,
            "after_hours_phone": str,
            "office_opens": str,
            "office_closes": str,
            "office_days": str,
        },
        pk="id",
    )
    db["clinical_settings"].create({"key": str, "value": float}, pk="key")
    # Every change to a clinical number, to Day 0 or to the team's numbers is kept here.
    db["change_log"].create(
        {"id": int, "at": str, "subject": str, "old_value": str, "new_value": str},
        pk="id",
        not_null={"at", "subject"},
    )


@migrations()
def m002_checklists(db: Database) -> None:
    # Ticks belong to one transplant: a second transplant starts with fresh lists.
    db["checklist_state"].create(
        {
            "transplant_id": int,
            "phase": str,
            "item_key": str,
            "ticked_at": str,
            "hidden": int,
        },
        pk=("transplant_id", "phase", "item_key"),
        foreign_keys=[("transplant_id", "transplants", "id")],
        not_null={"hidden"},
        defaults={"hidden": 0},
    )
    # The team's own items, added by the user to a phase (for every transplant).
    db["custom_items"].create(
        {"id": int, "phase": str, "text": str, "created_at": str},
        pk="id",
        not_null={"phase", "text", "created_at"},
    )


@migrations()
def m003_log(db: Database) -> None:
    # The diary log. Times are ISO-8601 with offset; temperatures °C; weights kg.
    # deleted_at makes a delete undoable (Ctrl+Z) and keeps nothing half-gone.
    db["entries"].create(
        {
            "id": int,
            "at": str,
            "kind": str,
            "term": str,
            "value": float,
            "severity": int,
            "frequency": int,
            "interference": int,
            "detail": str,
            "note": str,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"at", "kind", "created_at"},
    )
    db["entries"].create_index(["at"])
    db["entries"].create_index(["kind", "at"])
    # An alert stays open until the user records that they contacted their team.
    db["alerts"].create(
        {
            "id": int,
            "raised_at": str,
            "level": int,
            "reason": str,
            "kind": str,
            "entry_id": int,
            "contacted_at": str,
        },
        pk="id",
        foreign_keys=[("entry_id", "entries", "id")],
        not_null={"raised_at", "level", "reason", "kind"},
    )
    db["alerts"].create_index(["contacted_at"])
    # Choices that are not clinical numbers: display units, the team's advice text.
    db["preferences"].create({"key": str, "value": str}, pk="key")


@migrations()
def m004_counts(db: Database) -> None:
    # Blood counts in × 10⁹/L, haemoglobin in g/L; anc_computed = worked out from WBC × %.
    db["labs"].create(
        {
            "id": int,
            "at": str,
            "anc": float,
            "anc_computed": int,
            "wbc": float,
            "neutrophil_percent": float,
            "platelets": float,
            "hb": float,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"at", "created_at"},
    )
    db["labs"].create_index(["at"])
    db["transfusions"].create(
        {"id": int, "on_date": str, "product": str, "created_at": str, "deleted_at": str},
        pk="id",
        not_null={"on_date", "product", "created_at"},
    )


@migrations()
def m005_data_not_sentences(db: Database) -> None:
    """Alerts keep their rule and figures, changes their field and values (sentences are
    made when shown); times get a UTC column so they sort as instants across clock changes."""
    from companion.storage.legacy import convert_alert, convert_change

    # Alerts: the rule, the reading and limit, other figures (JSON), and which contact
    # closed it (so "I contacted my team" can be undone). Old sentences stay as legacy text.
    alerts = db["alerts"]
    alerts.transform(rename={"reason": "legacy_reason"}, not_null={"reason": False})
    for column, kind in (
        ("rule", str),
        ("reading", float),
        ("threshold", float),
        ("figures", str),
        ("contact_id", int),
    ):
        alerts.add_column(column, kind)
    for row in list(alerts.rows):
        entry = db["entries"].get(row["entry_id"]) if row["entry_id"] is not None else None
        alerts.update(row["id"], convert_alert(row["kind"], row["legacy_reason"] or "", entry))
    # The change history: field, transplant number, old and new value as data.
    changes = db["change_log"]
    changes.transform(rename={"subject": "legacy_subject"}, not_null={"subject": False})
    changes.add_column("field", str)
    changes.add_column("transplant_number", int)
    for row in list(changes.rows):
        data = convert_change(row["legacy_subject"], row["old_value"], row["new_value"])
        if data["field"] != "legacy":
            data["legacy_subject"] = None
        changes.update(row["id"], data)
    # Times as instants: ISO-8601 in UTC sorts in time order whatever the offsets.
    for table in ("entries", "labs"):
        db[table].add_column("at_utc", str)
        db.execute(f"UPDATE {table} SET at_utc = strftime('%Y-%m-%dT%H:%M:%SZ', at)")
    db["entries"].create_index(["at_utc"])
    db["entries"].create_index(["kind", "at_utc"])
    db["labs"].create_index(["at_utc"])


@migrations()
def m006_visits_and_daily_ticks(db: Database) -> None:
    """Appointments and the questions notebook (the visit report builds on them), and ticks
    of daily checklist items, kept per day."""
    # kind: clinic-visit, blood-test, line-care, scan, other (an id; words made when shown);
    # title: the user's own words for it (always for "other").
    db["appointments"].create(
        {
            "id": int,
            "at": str,
            "at_utc": str,
            "kind": str,
            "title": str,
            "place": str,
            "with_whom": str,
            "note": str,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"at", "at_utc", "kind", "created_at"},
    )
    db["appointments"].create_index(["at_utc"])
    # A question belongs to an appointment, or (appointment_id NULL) to the next one.
    db["questions"].create(
        {
            "id": int,
            "text": str,
            "appointment_id": int,
            "created_at": str,
            "answered_at": str,
            "answer": str,
            "deleted_at": str,
        },
        pk="id",
        foreign_keys=[("appointment_id", "appointments", "id")],
        not_null={"text", "created_at"},
    )
    # The rules look alerts up by the entries of an episode, and a contact by its alerts.
    db["alerts"].create_index(["entry_id"])
    db["alerts"].create_index(["contact_id"])
    # Daily items ("take your temperature twice a day") are ticked per local date.
    db["daily_ticks"].create(
        {
            "transplant_id": int,
            "phase": str,
            "item_key": str,
            "on_date": str,
            "ticked_at": str,
        },
        pk=("transplant_id", "phase", "item_key", "on_date"),
        foreign_keys=[("transplant_id", "transplants", "id")],
        not_null={"ticked_at"},
    )


@migrations()
def m007_medicines(db: Database) -> None:
    """The medicine list, its dated changes (taper steps, pauses, stops), what the patient
    recorded for each dose, and the "check your temperature again" times the rules set."""
    # times: "08:00,20:00" (with every_hours, the first dose's time); food: any,
    # with-food, empty-stomach; end_date: the last day given when added (inclusive).
    db["medicines"].create(
        {
            "id": int,
            "name": str,
            "dose": str,
            "purpose": str,
            "times": str,
            "every_hours": int,
            "food": str,
            "start_date": str,
            "end_date": str,
            "hold_on_blood_test": int,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        not_null={"name", "dose", "times", "food", "start_date", "hold_on_blood_test"},
        defaults={"food": "any", "hold_on_blood_test": 0},
    )
    # kind: dose (a taper step from on_date), pause (on_date to until_date), stop.
    db["medicine_changes"].create(
        {
            "id": int,
            "medicine_id": int,
            "kind": str,
            "on_date": str,
            "until_date": str,
            "dose": str,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        foreign_keys=[("medicine_id", "medicines", "id")],
        not_null={"medicine_id", "kind", "on_date", "created_at"},
    )
    db["medicine_changes"].create_index(["medicine_id"])
    # One live record per dose (medicine, scheduled instant): taken or skipped. A record
    # replaced or undone keeps its row with deleted_at set.
    db["dose_records"].create(
        {
            "id": int,
            "medicine_id": int,
            "due_at": str,
            "due_utc": str,
            "status": str,
            "at": str,
            "reason": str,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        foreign_keys=[("medicine_id", "medicines", "id")],
        not_null={"medicine_id", "due_at", "due_utc", "status", "at", "created_at"},
    )
    db.execute(
        "CREATE UNIQUE INDEX idx_dose_records_live ON dose_records (medicine_id, due_utc) "
        "WHERE deleted_at IS NULL"
    )
    db["dose_records"].create_index(["due_utc"])
    # "Check your temperature again at 01:15": stored, so the tray and the command line
    # remind of it with the window closed.
    db["scheduled_checks"].create(
        {
            "id": int,
            "at": str,
            "at_utc": str,
            "reading_at": str,
            "value": float,
            "entry_id": int,
            "created_at": str,
        },
        pk="id",
        not_null={"at", "at_utc", "reading_at", "value", "created_at"},
    )
    db["scheduled_checks"].create_index(["at_utc"])


@migrations()
def m008_immunity(db: Database) -> None:
    """Issue 21, rebuilding the immune system: immune counts on the labs table, IVIG
    infusions as events, the re-vaccination plan, the live-vaccine conditions the team
    confirms, and the yearly late-effects screening plan."""
    # Lymphocytes × 10⁹/L, CD4 cells/µL, IgG g/L (mg/dL converted at the edges).
    for column in ("lymphocytes", "cd4", "igg"):
        db["labs"].add_column(column, float)
    db["ivig_infusions"].create(
        {"id": int, "at": str, "at_utc": str, "created_at": str, "deleted_at": str},
        pk="id",
        not_null={"at", "at_utc", "created_at"},
    )
    db["ivig_infusions"].create_index(["at_utc"])
    # One row per dose of the plan, counted from its transplant's Day 0. ``vaccine`` is the
    # id of a published default (or "own" for one the team added); ``default_earliest`` is
    # the published default date, kept so the plan can show what the team changed.
    db["vaccine_doses"].create(
        {
            "id": int,
            "transplant_id": int,
            "vaccine": str,
            "name": str,
            "dose": int,
            "earliest": str,
            "default_earliest": str,
            "live": int,
            "given_on": str,
            "given_where": str,
            "batch": str,
            "created_at": str,
            "deleted_at": str,
        },
        pk="id",
        foreign_keys=[("transplant_id", "transplants", "id")],
        not_null={"transplant_id", "vaccine", "name", "dose", "earliest", "live", "created_at"},
        defaults={"live": 0},
    )
    db["vaccine_doses"].create_index(["transplant_id", "earliest"])
    # What the team confirmed for the live-vaccine lock: met NULL = not confirmed yet.
    db["live_vaccine_conditions"].create(
        {"transplant_id": int, "name": str, "met": int, "since": str, "updated_at": str},
        pk=("transplant_id", "name"),
        foreign_keys=[("transplant_id", "transplants", "id")],
        not_null={"updated_at"},
    )
    # The yearly late-effects check-ups: accepted into the calendar (an appointment), ticked.
    db["screening_plan"].create(
        {
            "id": int,
            "transplant_id": int,
            "item": str,
            "due_on": str,
            "appointment_id": int,
            "done_on": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[
            ("transplant_id", "transplants", "id"),
            ("appointment_id", "appointments", "id"),
        ],
        not_null={"transplant_id", "item", "due_on", "created_at"},
    )


# The tables whose rows get a stable UUID and a version (issue 19), for undo and a later sync.
SYNCED_TABLES = (
    "transplants",
    "team",
    "clinical_settings",
    "change_log",
    "checklist_state",
    "custom_items",
    "entries",
    "alerts",
    "preferences",
    "labs",
    "transfusions",
    "appointments",
    "questions",
    "daily_ticks",
    "medicines",
    "medicine_changes",
    "dose_records",
    "scheduled_checks",
    "ivig_infusions",
    "vaccine_doses",
    "live_vaccine_conditions",
    "screening_plan",
)


@migrations()
def m009_journal(db: Database) -> None:
    """Every row gets a stable UUID and a version (a sync can merge without a schema break);
    every write operation leaves one journal row (what changed, when, on which device, from
    which front end), from which undo and redo work; what was deleted and then erased for
    good leaves a tombstone without content."""
    for table in SYNCED_TABLES:
        db[table].add_column("uuid", str)
        db[table].add_column("version", int, not_null_default=0)
        db.execute(f"UPDATE [{table}] SET uuid = lower(hex(randomblob(16)))")
        db[table].create_index(["uuid"], unique=True)
    # rows: a JSON list of {"table", "uuid", "rowid", "before", "after"} (null before: added;
    # null after: removed). state: "done" or "undone" (redo brings it back).
    db["journal"].create(
        {
            "id": int,
            "at": str,
            "at_utc": str,
            "operation": str,
            "device": str,
            "front_end": str,
            "session": str,
            "rows": str,
            "undoable": int,
            "state": str,
            "undone_at": str,
            "kept": int,
        },
        pk="id",
        not_null={"at", "at_utc", "operation", "front_end", "rows", "undoable", "state", "kept"},
        defaults={"undoable": 1, "state": "done", "kept": 1},
    )
    # kept: 1 while the row keeps the values before and after (for undo); erasing them
    # after the undo days sets 0. The index finds the oldest kept row at once.
    db["journal"].create_index(["kept", "id"])
    db["journal"].create_index(["session", "id"])  # the window's Edit → Undo: its own
    db["tombstones"].create(
        {"uuid": str, "table_name": str, "deleted_at": str, "erased_at": str},
        pk="uuid",
        not_null={"table_name", "erased_at"},
    )


# One more for each migration added; tests check it equals the migrations applied.
SCHEMA_VERSION = 9


def explain_write_error(error: sqlite3.Error) -> str:
    """Why a write was refused and what to do, told apart by SQLite's error code."""
    code = error_code(error)
    if code == SQLITE_FULL:
        return _(
            "This was not saved: the disk is full. Free some space (or ask someone to help), "
            "then try again. Everything you saved before is kept as it was."
        )
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return _(
            "This was not saved: the diary's folder cannot be written to. Check that it is not "
            "read-only, or that the disk is still connected. Everything you saved before is "
            "kept as it was."
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return _(
            "This was not saved: another program kept the diary busy for more than {seconds} "
            "seconds. Wait a moment and try again. Everything you saved before is kept as "
            "it was."
        ).format(seconds=f"{WRITE_WAIT_SECONDS:g}")
    if code == SQLITE_IOERR:
        return _(
            "This was not saved: the disk reported an error. Check that it is still connected, "
            "then try again. Everything you saved before is kept as it was."
        )
    return _(
        "This was not saved: the computer refused to write it ({error}). Everything you saved "
        "before is kept as it was."
    ).format(error=error)


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """One user intent in one transaction. If SQLite refuses to write — a full disk, a
    folder gone read-only — the transaction rolls back and a WriteError says so in plain
    words: nothing is half-written.

    The transaction starts with ``BEGIN IMMEDIATE``: it takes SQLite's write lock first,
    waiting for another writer (the command line while the window is open) up to the busy
    timeout. A deferred ``BEGIN`` (what sqlite-utils' ``atomic`` issues) would read first and
    then meet SQLITE_BUSY_SNAPSHOT when another program wrote meanwhile, which no amount of
    waiting helps. Inside a transaction already, it is a savepoint (sqlite-utils ``atomic``).
    Holding the write lock, it also keeps the record of what was content-checked
    (``storage.checked.own_write``) true for the app's own write.
    """
    if _UNUSABLE.get(id(db)):
        raise WriteError(read_only_message(_UNUSABLE[id(db)]))
    conn = db.conn
    try:
        if conn.in_transaction:
            with db.atomic():
                yield db
            return
        conn.execute("BEGIN IMMEDIATE")
        with own_write(diary_path(db)):
            try:
                yield db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    except sqlite3.OperationalError as error:
        raise WriteError(explain_write_error(error)) from error


# Diaries open read-only because of rows to fix (by id of their Database; see open_db).
_UNUSABLE: dict[int, list] = {}


def unusable_rows(db: Database) -> list:
    """The rows to fix before the diary ``db`` can be written (empty: none)."""
    return list(_UNUSABLE.get(id(db), ()))


def read_only_message(rows: list) -> str:
    first = rows[0]
    return _(
        "This was not saved: your diary is open read-only, because {row}, which the app "
        "cannot use. Correct or delete it first (in the window, or with "
        "'companion fix {word} {number} --at …' or '--delete'). Everything you saved before "
        "is kept as it was."
    ).format(row=first.describe(), word=first.word, number=first.row_id)


def fix_unusable_row(db: Database, table: str, row_id: int, at=None) -> list:
    """Correct (``at``: an aware datetime already checked by the caller) or delete (``at``
    None) one row ``unusable_rows`` named; then check the diary again. Returns the rows
    still to fix (empty: the diary can be written again).

    Raises:
        WriteError: the row is not one to fix, or the disk refused (nothing changed then).
    """
    from companion.storage.contents import unusable_times
    from companion.storage.schema import reference_shape
    from companion.storage.times import iso, utc

    rows = _UNUSABLE.get(id(db), [])
    if not any(r.table == table and r.row_id == row_id for r in rows):
        raise WriteError(
            _("There is nothing to fix in {table} number {number}.").format(
                table=table, number=row_id
            )
        )
    db.execute("PRAGMA query_only = OFF")
    try:
        with db.atomic():
            if at is not None:
                db.execute(
                    f"UPDATE {table} SET at = ?, at_utc = ? WHERE rowid = ?",
                    [iso(at), utc(at), row_id],
                )
            else:
                # What pointed at it keeps its own data, without the link.
                if table == "entries":
                    db.execute("UPDATE alerts SET entry_id = NULL WHERE entry_id = ?", [row_id])
                    db.execute("UPDATE alerts SET contact_id = NULL WHERE contact_id = ?", [row_id])
                if table == "appointments":
                    db.execute(
                        "UPDATE questions SET appointment_id = NULL WHERE appointment_id = ?",
                        [row_id],
                    )
                db.execute(f"DELETE FROM {table} WHERE rowid = ?", [row_id])
    except sqlite3.OperationalError as error:
        db.execute("PRAGMA query_only = ON")
        raise WriteError(explain_write_error(error)) from error
    shape = reference_shape(SCHEMA_VERSION)
    left = unusable_times(db.conn, shape.tables())
    if left:
        _UNUSABLE[id(db)] = left
        db.execute("PRAGMA query_only = ON")
        return left
    from companion.storage.contents import ContentsError, check_contents

    try:
        check_contents(db.conn, shape)  # the whole diary, now: it opens as any other
    except ContentsError as error:  # pragma: no cover - open_db found only these rows
        db.execute("PRAGMA query_only = ON")
        raise WriteError(
            _("The diary still holds a value the app cannot use: {problem}.").format(problem=error)
        ) from None
    _UNUSABLE.pop(id(db), None)
    path = diary_path(db)
    if path is not None:
        remember(path)
    return []


def identify_version(path: Path) -> int:
    from companion.storage.schema import identify

    with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
        return identify(conn)


def diary_path(db: Database) -> Path | None:
    """The file of the diary open as ``db`` (None for a database in memory)."""
    for _number, name, file in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None  # pragma: no cover - SQLite always lists "main"


def close_db(db: Database) -> None:
    """Close the diary; closing folds the write-ahead log into the file, which changes its
    fingerprint but not its values: if it was known before, it stays known."""
    try:
        path = diary_path(db)
    except sqlite3.ProgrammingError:  # closed already
        return
    known = path is not None and unchanged_since_checked(path)
    _UNUSABLE.pop(id(db), None)
    db.close()
    if known and path is not None:
        remember(path)


# Marked here, translated where said (the language is chosen after import).
WHAT_TO_DO = N_(
    "You can restore your newest backup, open a different folder, or start a new diary "
    "beside it. Your file has not been changed."
)
BACKUP_WHAT_TO_DO = N_(
    "Nothing was restored, and your diary has not been changed. Please choose another "
    "backup: the app keeps a copy of each of the last days in the 'backups' folder of its "
    "data folder."
)


def _refusal(path: Path, role: str, problem: str) -> str:
    """The message for a file that cannot be used: the diary, a backup to restore, or a
    copy just written (role "copy")."""
    if role == "backup":
        return _("The file {name} cannot be restored: {problem}. {what_to_do}").format(
            name=path.name, problem=problem, what_to_do=_(BACKUP_WHAT_TO_DO)
        )
    if role == "copy":
        return f"{problem[0].upper()}{problem[1:]}"
    return _("The file {name} in {folder} cannot be opened: {problem}. {what_to_do}").format(
        name=path.name, folder=path.parent, problem=problem, what_to_do=_(WHAT_TO_DO)
    )


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` without writing anything: with no write-ahead log beside
    it, as immutable (SQLite creates no -wal/-shm either); with a log (a crash before it was
    folded in), read-only through it."""
    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "mode=ro&immutable=1"
    return f"{Path(path).resolve().as_uri()}?{mode}"


def _file_state(path: Path) -> tuple:
    """What changes when any program writes the diary: its and its log's size and time."""
    state = []
    for name in (Path(path), Path(f"{path}-wal")):
        try:
            found = name.stat()
            state.append((found.st_size, found.st_mtime_ns))
        except OSError:
            state.append(None)
    return tuple(state)


# How often a check is tried again when the diary changed while it was being read (another
# of the app's programs writing, e.g. the command line while the window opens).
CHECK_TRIES = 20


def inspect_file(path: Path, role: str = "diary", values_known: bool = False) -> int:
    """``_inspect_once``, tried again when the file changed while it was read.

    With no write-ahead log beside it the file is read as immutable (nothing is written
    next to it), which is only sound while no other program writes: another of the app's
    programs (the command line while the window opens) may start a write meanwhile, and a
    page read mid-write looks damaged. A check whose file changed under it proves nothing
    either way, so it is made again; a file that fails while unchanged is refused as before.
    """
    import time

    for attempt in range(CHECK_TRIES):
        before = _file_state(path)
        try:
            return _inspect_once(path, role, values_known)
        except (NotADiaryError, DamagedDiaryError):
            if attempt == CHECK_TRIES - 1 or _file_state(path) == before:
                raise
            time.sleep(0.05 * (attempt + 1))  # the other program's write is short
    raise AssertionError("unreachable")  # pragma: no cover


def _inspect_once(path: Path, role: str = "diary", values_known: bool = False) -> int:
    """Check an existing file read-only and return its schema version (0: a brand-new empty
    database). It must be sound SQLite (``quick_check``), have exactly the tables, columns,
    indexes — and no triggers or views — of one schema version (``storage.schema``), and
    hold only values the app could have saved (``storage.contents``).

    Never writes: the connection is read-only and only reads pages.

    Args:
        role: "diary" (the file to open), "backup" (a file to restore) or "copy" (one just
            written): the messages differ in what they suggest.
        values_known: the file is as the app last left it (``storage.checked``): its values
            are not read again.

    Raises:
        NotADiaryError: not SQLite, another program's database, or values no diary holds.
        DamagedDiaryError: SQLite, but damaged. NewerSchemaError: from a newer version.
    """
    from companion.storage.contents import ContentsError, check_contents
    from companion.storage.schema import ShapeError, identify, reference_shape

    path = Path(path)
    header = read_at(path, 16)  # never open() and close() a diary: see storage.raw_read
    if header != b"SQLite format 3\x00":
        raise NotADiaryError(
            _refusal(
                path, role, _("it is not a Transplant Companion diary (not a database at all)")
            )
        )
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:  # pragma: no cover - the OS refused to open it
        raise NotADiaryError(
            _refusal(path, role, _("it cannot be opened ({error})").format(error=error))
        ) from error
    try:
        conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs as code
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedDiaryError(
                _refusal(
                    path,
                    role,
                    _("it is damaged: SQLite's own check found a problem ({check})").format(
                        check=check
                    ),
                )
            )
        version = identify(conn)
        if version and not values_known:
            check_contents(conn, reference_shape(version))
    except ShapeError as error:
        if error.newer:
            raise NewerSchemaError(_newer(path, role)) from None
        raise NotADiaryError(
            _refusal(
                path,
                role,
                _("it is not a Transplant Companion diary as this app saves one — {reason}").format(
                    reason=error.reason
                ),
            )
        ) from None
    except ContentsError as error:
        rows = _repairable(conn, version) if role == "diary" else []
        if rows:
            raise UnusableRowsError(_unusable_message(path, rows), rows) from None
        raise NotADiaryError(
            _refusal(
                path,
                role,
                _("it holds a value the app cannot use: {problem}").format(problem=error),
            )
        ) from None
    except sqlite3.DatabaseError as error:
        from companion.storage.errors import READ_ONLY, refusal_kind

        if refusal_kind(error) == READ_ONLY:
            raise FolderError(log_unreadable(path)) from error
        raise DamagedDiaryError(
            _refusal(
                path, role, _("it is damaged and cannot be read ({error})").format(error=error)
            )
        ) from error
    finally:
        conn.close()
    return version


class UnusableRowsError(NotADiaryError):
    """The diary holds rows with a time the app cannot use, of a kind an earlier version
    saved, and nothing else wrong: it can be opened read-only, and those rows fixed.
    ``rows``: the ``UnusableRow`` list."""

    def __init__(self, message: str, rows: list) -> None:
        super().__init__(message)
        self.rows = rows


def _repairable(conn: sqlite3.Connection, version: int) -> list:
    """The rows to fix when they are all that is wrong with the diary (else [])."""
    from companion.storage.contents import (
        ContentsError,
        check_contents_without,
        unusable_times,
    )
    from companion.storage.schema import reference_shape

    shape = reference_shape(version)
    rows = unusable_times(conn, shape.tables())
    if not rows:
        return []
    try:
        check_contents_without(conn, shape, rows)
    except ContentsError:
        return []
    return rows


def _unusable_message(path: Path, rows: list) -> str:
    named = "; ".join(row.describe() for row in rows[:3])
    if len(rows) > 3:
        named = _("{named} (and {count} more)").format(named=named, count=len(rows) - 3)
    return _(
        "Your diary in {folder} holds a time the app cannot use: {named}. Nothing else is "
        "wrong, and nothing is lost. The diary opens read-only until it is corrected or "
        "deleted: in the window, or with 'companion fix'."
    ).format(folder=path.parent, named=named)


def log_unreadable(path: Path) -> str:
    """Why a file with a write-ahead log cannot be read in a folder that cannot be written."""
    return _(
        "{name} in {folder} cannot be read: its folder cannot be written to (it may be "
        "read-only), and it holds recent changes that are still in its log ({name}-wal), "
        "which SQLite can only read in a folder it can write. Make the folder writable again "
        "(or ask someone to help), then try again. Nothing was changed."
    ).format(name=path.name, folder=path.parent)


def _newer(path: Path, role: str) -> str:
    if role == "backup":
        return _(
            "The backup {name} was made by a newer version of Transplant Companion. Please "
            "install the newer version to restore it. Nothing was restored, and your diary has "
            "not been changed."
        ).format(name=path.name)
    return _(
        "This diary was saved by a newer version of Transplant Companion (this version reads "
        "up to format {version}). Please install the newer version to open it, or open a "
        "different folder. The file has not been changed."
    ).format(version=SCHEMA_VERSION)


def open_db(path: Path | str, read_only_if_unusable: bool = False) -> Database:
    """Open (or create) the diary at ``path``, ready to use.

    The file is checked read-only first (``inspect_file``): anything but a diary of a known
    version, or a brand-new empty file, is refused and left byte for byte as it was. An
    older diary is upgraded on a copy that replaces it only when complete (see
    ``storage.upgrade``). Then: foreign keys on; WAL with ``synchronous=FULL`` so an entry
    the user saw saved survives a power cut.

    Raises:
        NewerSchemaError: the file was saved by a newer version of the app.
        NotADiaryError: the file is not a diary (or is damaged).
        UnusableRowsError: rows hold a time an earlier version could save and this one
            cannot use (only when not ``read_only_if_unusable``; with it, the diary opens
            read-only, ``unusable_rows(db)`` names them and ``fix_unusable_row`` fixes one).
        FolderError: the folder cannot be written (nothing was changed).
        RestoreInterruptedError: a restore was interrupted; finish it first.
    """
    from companion.storage.files import RESTORE_MARKER, protect_data_folder
    from companion.storage.upgrade import upgrade

    path = Path(path)
    if (path.parent / RESTORE_MARKER).exists():
        raise RestoreInterruptedError(
            _(
                "A restore of a backup was interrupted. Open Transplant Companion (or run any "
                "command) to finish it before the diary is used."
            )
        )
    protect_data_folder(path.parent)
    wal = Path(f"{path}-wal")
    found = 0
    checked = False
    unusable: list = []
    if path.exists() and (path.stat().st_size > 0 or (wal.exists() and wal.stat().st_size)):
        # Every value is read unless the file is exactly as the app last left it.
        before = fingerprint(path)
        try:
            found = inspect_file(path, values_known=unchanged_since_checked(path))
        except UnusableRowsError as error:
            if not read_only_if_unusable:
                raise
            unusable, found = error.rows, SCHEMA_VERSION
            if identify_version(path) != SCHEMA_VERSION:
                raise  # an older diary is upgraded only once it is sound
        checked = before is not None and fingerprint(path) == before
    else:
        try:
            create_private_file(path)
        except OSError as error:
            raise FolderError(
                _(
                    "A diary cannot be created in {folder}: {reason}. Please choose a folder you "
                    "can write to."
                ).format(folder=path.parent, reason=error.strerror)
            ) from error
    if found < SCHEMA_VERSION:
        upgrade(path, found)
    db = Database(path, execute_plugins=False, recursive_triggers=False)
    try:
        # A writer in another process (the command line while the window is open) holds the
        # write lock for milliseconds: wait for it (bounded) rather than failing at once.
        db.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT_SECONDS * 1000)}")
        db.execute("PRAGMA trusted_schema = OFF")
        db.execute("PRAGMA foreign_keys = ON")
        # Deleted content is overwritten with zeros, not left in free space (issue 19).
        db.execute("PRAGMA secure_delete = ON")
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        if migrations.pending(db):  # pragma: no cover - another program changed it since
            raise StorageError(
                _(
                    "The diary in {folder} changed while it was being opened. Please open it again."
                ).format(folder=path.parent)
            )
        if unusable:
            forget(path)
            _UNUSABLE[id(db)] = list(unusable)
            db.execute("PRAGMA query_only = ON")  # read-only until they are fixed
        elif checked or found < SCHEMA_VERSION:
            remember(path)  # checked now, or just upgraded by the app from a checked file
        else:
            forget(path)
    except sqlite3.OperationalError as error:
        db.close()
        raise FolderError(
            _(
                "The diary in {folder} cannot be opened for writing ({error}). Check that the "
                "folder is not read-only and the disk is not full, or open another folder. "
                "Nothing was changed."
            ).format(folder=path.parent, error=error)
        ) from error
    except sqlite3.DatabaseError as error:
        db.close()
        raise DamagedDiaryError(
            _("The diary file {path} could not be opened: {error}. {what_to_do}").format(
                path=path, error=error, what_to_do=_(WHAT_TO_DO)
            )
        ) from error
    return db


__all__ = [
    "SCHEMA_VERSION",
    "DamagedDiaryError",
    "FolderError",
    "NewerSchemaError",
    "NotADiaryError",
    "RestoreInterruptedError",
    "StorageError",
    "UnusableRowsError",
    "WriteError",
    "close_db",
    "error_code",
    "inspect_file",
    "migrations",
    "open_db",
    "writing",
]
