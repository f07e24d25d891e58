"""open_db(): the one way to open the diary, with its pragmas and migrations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database, Migrations

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
)


@migrations()
def m_issue19_journal(db: Database) -> None:
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
SCHEMA_VERSION = 7


def explain_write_error(error: sqlite3.Error) -> str:
    """Why a write was refused and what to do, told apart by SQLite's error code."""
    code = error_code(error)
    if code == SQLITE_FULL:
        reason = "the disk is full. Free some space (or ask someone to help), then try again"
    elif code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        reason = (
            "the diary's folder cannot be written to. Check that it is not read-only, or "
            "that the disk is still connected"
        )
    elif code in (SQLITE_BUSY, SQLITE_LOCKED):
        reason = (
            f"another program kept the diary busy for more than {WRITE_WAIT_SECONDS:g} "
            "seconds. Wait a moment and try again"
        )
    elif code == SQLITE_IOERR:
        reason = "the disk reported an error. Check that it is still connected, then try again"
    else:
        reason = f"the computer refused to write it ({error})"
    return f"This was not saved: {reason}. Everything you saved before is safe and unchanged."


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
    """
    conn = db.conn
    try:
        if conn.in_transaction:
            with db.atomic():
                yield db
            return
        conn.execute("BEGIN IMMEDIATE")
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


WHAT_TO_DO = (
    "You can restore your newest backup, open a different folder, or start a new diary "
    "beside it. Your file has not been changed."
)
BACKUP_WHAT_TO_DO = (
    "Nothing was restored, and your diary has not been changed. Please choose another "
    "backup: the app keeps a copy of each of the last days in the 'backups' folder of its "
    "data folder."
)


def _refusal(path: Path, role: str, problem: str) -> str:
    """The message for a file that cannot be used: the diary, a backup to restore, or a
    copy just written (role "copy")."""
    if role == "backup":
        return f"The file {path.name} cannot be restored: {problem}. {BACKUP_WHAT_TO_DO}"
    if role == "copy":
        return f"{problem[0].upper()}{problem[1:]}"
    return f"The file {path.name} in {path.parent} cannot be opened: {problem}. {WHAT_TO_DO}"


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` without writing anything: with no write-ahead log beside
    it, as immutable (SQLite creates no -wal/-shm either); with a log (a crash before it was
    folded in), read-only through it."""
    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "mode=ro&immutable=1"
    return f"{Path(path).resolve().as_uri()}?{mode}"


def inspect_file(path: Path, role: str = "diary") -> int:
    """Check an existing file read-only and return its schema version (0: a brand-new empty
    database). It must be sound SQLite (``quick_check``), have exactly the tables, columns,
    indexes — and no triggers or views — of one schema version (``storage.schema``), and
    hold only values the app could have saved (``storage.contents``).

    Never writes: the connection is read-only and only reads pages.

    Args:
        role: "diary" (the file to open), "backup" (a file to restore) or "copy" (one just
            written): the messages differ in what they suggest.

    Raises:
        NotADiaryError: not SQLite, another program's database, or values no diary holds.
        DamagedDiaryError: SQLite, but damaged. NewerSchemaError: from a newer version.
    """
    from companion.storage.contents import ContentsError, check_contents
    from companion.storage.schema import ShapeError, identify, reference_shape

    path = Path(path)
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise NotADiaryError(
            _refusal(path, role, "it is not a Transplant Companion diary (not a database at all)")
        )
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:  # pragma: no cover - the OS refused to open it
        raise NotADiaryError(_refusal(path, role, f"it cannot be opened ({error})")) from error
    try:
        conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs as code
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedDiaryError(
                _refusal(path, role, f"it is damaged: SQLite's own check found a problem ({check})")
            )
        version = identify(conn)
        if version:
            check_contents(conn, reference_shape(version))
    except ShapeError as error:
        if error.newer:
            raise NewerSchemaError(_newer(path, role)) from None
        raise NotADiaryError(
            _refusal(
                path,
                role,
                f"it is not a Transplant Companion diary as this app saves one — {error.reason}",
            )
        ) from None
    except ContentsError as error:
        raise NotADiaryError(
            _refusal(
                path,
                role,
                f"it holds a value the app cannot use safely: {error}",
            )
        ) from None
    except sqlite3.DatabaseError as error:
        from companion.storage.errors import READ_ONLY, refusal_kind

        if refusal_kind(error) == READ_ONLY:
            raise FolderError(log_unreadable(path)) from error
        raise DamagedDiaryError(
            _refusal(path, role, f"it is damaged and cannot be read ({error})")
        ) from error
    finally:
        conn.close()
    return version


def log_unreadable(path: Path) -> str:
    """Why a file with a write-ahead log cannot be read in a folder that cannot be written."""
    return (
        f"{path.name} in {path.parent} cannot be read: its folder cannot be written to (it may "
        f"be read-only), and it holds recent changes that are still in its log "
        f"({path.name}-wal), which SQLite can only read in a folder it can write. Make the "
        "folder writable again (or ask someone to help), then try again. Nothing was changed."
    )


def _newer(path: Path, role: str) -> str:
    if role == "backup":
        return (
            f"The backup {path.name} was made by a newer version of Transplant Companion. "
            "Please install the newer version to restore it. Nothing was restored, and your "
            "diary has not been changed."
        )
    return (
        f"This diary was saved by a newer version of Transplant Companion (this version reads "
        f"up to format {SCHEMA_VERSION}). Please install the newer version to open it, or "
        "open a different folder. The file has not been changed."
    )


def open_db(path: Path | str) -> Database:
    """Open (or create) the diary at ``path``, ready to use.

    The file is checked read-only first (``inspect_file``): anything but a diary of a known
    version, or a brand-new empty file, is refused and left byte for byte as it was. An
    older diary is upgraded on a copy that replaces it only when complete (see
    ``storage.upgrade``). Then: foreign keys on; WAL with ``synchronous=FULL`` so an entry
    the user saw saved survives a power cut.

    Raises:
        NewerSchemaError: the file was saved by a newer version of the app.
        NotADiaryError: the file is not a diary (or is damaged).
        FolderError: the folder cannot be written (nothing was changed).
        RestoreInterruptedError: a restore was interrupted; finish it first.
    """
    from companion.storage.files import RESTORE_MARKER, protect_data_folder
    from companion.storage.upgrade import upgrade

    path = Path(path)
    if (path.parent / RESTORE_MARKER).exists():
        raise RestoreInterruptedError(
            "A restore of a backup was interrupted. Open Transplant Companion (or run any "
            "command) to finish it before the diary is used."
        )
    protect_data_folder(path.parent)
    wal = Path(f"{path}-wal")
    found = 0
    if path.exists() and (path.stat().st_size > 0 or (wal.exists() and wal.stat().st_size)):
        found = inspect_file(path)
    else:
        try:
            create_private_file(path)
        except OSError as error:
            raise FolderError(
                f"A diary cannot be created in {path.parent}: {error.strerror}. Please choose "
                "a folder you can write to."
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
                f"The diary in {path.parent} changed while it was being opened. Please open "
                "it again."
            )
    except sqlite3.OperationalError as error:
        db.close()
        raise FolderError(
            f"The diary in {path.parent} cannot be opened for writing ({error}). Check that "
            "the folder is not read-only and the disk is not full, or open another folder. "
            "Nothing was changed."
        ) from error
    except sqlite3.DatabaseError as error:
        db.close()
        raise DamagedDiaryError(
            f"The diary file {path} could not be opened: {error}. {WHAT_TO_DO}"
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
    "WriteError",
    "error_code",
    "inspect_file",
    "migrations",
    "open_db",
    "writing",
]
