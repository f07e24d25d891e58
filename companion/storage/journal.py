"""The change journal: what each write operation changed, row by row, kept in the same
transaction as the change; undo and redo from it; erasing what was deleted.

How rows are seen: temporary triggers (``CREATE TEMP TRIGGER``, on this connection only, so
the diary file holds no trigger) note each row an operation inserts, updates or deletes, with
its values before the first change. When the operation ends, ``record`` reads each noted
row as it is now, gives it a UUID if it has none and one more version, and writes one
journal row: ``[{"table", "uuid", "rowid", "before", "after"}]`` (``before`` null: added;
``after`` null: removed). No repository needs to know.

Undo writes ``before`` back (redo: ``after``) — only if each row still holds what the
operation left (or, for redo, what the undo left): a row changed since by someone else is a
conflict, told in words, and nothing is changed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from companion.i18n import _
from companion.storage.schema import quoted

# Tables the journal never follows: its own, the erasure record, the migrations' record.
UNJOURNALED = ("journal", "tombstones", "_sqlite_migrations")
# Tables with content a delete keeps for undo (``deleted_at``) and erasing removes.
SOFT_DELETED = ("entries", "labs", "transfusions", "appointments", "questions")


class JournalConflict(Exception):
    """The operation cannot be undone or redone: a row it changed was changed since (or is
    gone). ``str()`` says so in plain words."""


@dataclass(frozen=True, slots=True)
class RowChange:
    table: str
    uuid: str | None
    rowid: int
    before: dict | None
    after: dict | None


@dataclass(frozen=True, slots=True)
class JournalRow:
    id: int
    at: datetime
    operation: str
    device: str
    front_end: str
    session: str
    rows: tuple[RowChange, ...]
    undoable: bool
    state: str  # "done" or "undone"

    def tables(self) -> set[str]:
        return {row.table for row in self.rows}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({quoted(table)})")]


class Capture:
    """Follows every row change on ``db``'s connection (see the module's docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        conn = db.conn
        self.columns: dict[str, list[str]] = {}
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _touched (seq INTEGER PRIMARY KEY, tbl TEXT, "
            "rid INTEGER, before TEXT, UNIQUE (tbl, rid))"
        )
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
            if name not in UNJOURNALED
        ]
        for table in tables:
            columns = _columns(conn, table)
            self.columns[table] = columns
            old = _json_of("OLD", columns)
            t, name = quoted(table), table.replace("'", "''")
            for event, rid, before in (
                ("INSERT", "NEW.rowid", "NULL"),
                ("UPDATE", "OLD.rowid", old),
                ("DELETE", "OLD.rowid", old),
            ):
                trigger = quoted(f"_journal_{table}_{event.lower()}")
                conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON main.{t} "
                    f"BEGIN INSERT OR IGNORE INTO _touched (tbl, rid, before) "
                    f"VALUES ('{name}', {rid}, {before}); END"
                )

    def reset(self) -> None:
        """Forget row changes made outside an operation (inside the caller's transaction)."""
        self.db.conn.execute("DELETE FROM temp._touched")

    def current(self, table: str, rowid: int) -> dict | None:
        columns = self.columns[table]
        found = self.db.conn.execute(
            f"SELECT {_json_of('', columns)} FROM main.{quoted(table)} WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        return json.loads(found[0]) if found else None

    def collect(self) -> list[RowChange]:
        """The rows changed since ``reset``, as they are now (with a UUID and one more
        version); then forgets them."""
        conn = self.db.conn
        touched = conn.execute("SELECT tbl, rid, before FROM temp._touched ORDER BY seq").fetchall()
        changes = []
        for table, rowid, before_text in touched:
            before = json.loads(before_text) if before_text is not None else None
            if table not in self.columns:
                continue
            if "version" in self.columns[table] and self.current(table, rowid) is not None:
                conn.execute(
                    f"UPDATE main.{quoted(table)} SET uuid = coalesce(uuid, "
                    "lower(hex(randomblob(16)))), version = version + 1 WHERE rowid = ?",
                    (rowid,),
                )
            after = self.current(table, rowid)
            if before is None and after is None:
                continue
            if before is not None and after is not None and _same(before, after):
                continue
            uuid = (after or before or {}).get("uuid")
            changes.append(RowChange(table, uuid, rowid, before, after))
        conn.execute("DELETE FROM temp._touched")
        return changes

    def record(
        self,
        operation: str,
        at: datetime,
        device: str,
        front_end: str,
        session: str,
        undoable: bool = True,
    ) -> int | None:
        """Write the journal row for the operation that just changed rows (None: nothing
        changed, no row)."""
        changes = self.collect()
        if not changes:
            return None
        cursor = self.db.conn.execute(
            "INSERT INTO journal (at, at_utc, operation, device, front_end, session, rows, "
            "undoable, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'done')",
            (
                at.isoformat(timespec="seconds"),
                at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                operation,
                device,
                front_end,
                session,
                _dump(changes),
                int(undoable),
            ),
        )
        return cursor.lastrowid

    # Undo and redo ------------------------------------------------------------------------

    def apply(self, entry: JournalRow, undo: bool) -> None:
        """Write back each row's ``before`` (undo) or ``after`` (redo), newest change first
        for undo; raises JournalConflict (nothing written) if a row moved on meanwhile."""
        rows = list(reversed(entry.rows)) if undo else list(entry.rows)
        for row in rows:
            expected, wanted = (row.after, row.before) if undo else (row.before, row.after)
            now = self.current(row.table, row.rowid) if row.table in self.columns else None
            if (now is None) != (expected is None) or (
                now is not None and expected is not None and not _same(now, expected)
            ):
                raise JournalConflict(
                    _(
                        "It was changed again since (in this window or another program), so it "
                        "cannot be taken back without losing that change. Nothing was changed."
                    )
                )
        for row in rows:
            expected, wanted = (row.after, row.before) if undo else (row.before, row.after)
            self._put(row.table, row.rowid, wanted)
        self.reset()  # undo is the journal row changing state, not a new operation

    def _put(self, table: str, rowid: int, values: dict | None) -> None:
        t = f"main.{quoted(table)}"
        conn = self.db.conn
        if values is None:
            conn.execute(f"DELETE FROM {t} WHERE rowid = ?", (rowid,))
            return
        columns = [c for c in self.columns[table] if c in values]
        now = self.current(table, rowid)
        version = (now or {}).get("version", values.get("version", 0)) or 0
        data = {c: values[c] for c in columns}
        if "version" in data:
            data["version"] = max(version, values.get("version") or 0) + 1
        if now is None:
            names = ", ".join(["rowid", *(quoted(c) for c in data)])
            marks = ", ".join("?" for _ in range(len(data) + 1))
            conn.execute(f"INSERT INTO {t} ({names}) VALUES ({marks})", (rowid, *data.values()))
        else:
            sets = ", ".join(f"{quoted(c)} = ?" for c in data)
            conn.execute(f"UPDATE {t} SET {sets} WHERE rowid = ?", (*data.values(), rowid))


def _json_of(prefix: str, columns: list[str]) -> str:
    dot = f"{prefix}." if prefix else ""
    parts = ["'rowid'", f"{dot}rowid"]
    for column in columns:
        parts += ["'" + column.replace("'", "''") + "'", f"{dot}{quoted(column)}"]
    return f"json_object({', '.join(parts)})"


def _same(a: dict, b: dict) -> bool:
    """Same content (the version and the UUID a first touch gives aside)."""
    ignore = {"version", "uuid"}
    keys = (a.keys() | b.keys()) - ignore
    return all(a.get(k) == b.get(k) for k in keys)


def _dump(changes: list[RowChange]) -> str:
    return json.dumps(
        [
            {
                "table": c.table,
                "uuid": c.uuid,
                "rowid": c.rowid,
                "before": c.before,
                "after": c.after,
            }
            for c in changes
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _row(record: sqlite3.Row | tuple) -> JournalRow:
    id_, at, operation, device, front_end, session, rows, undoable, state = record
    parsed = tuple(
        RowChange(r["table"], r.get("uuid"), r["rowid"], r.get("before"), r.get("after"))
        for r in json.loads(rows)
    )
    return JournalRow(
        id_,
        datetime.fromisoformat(at),
        operation,
        device or "",
        front_end,
        session or "",
        parsed,
        bool(undoable),
        state,
    )


_SELECT = "SELECT id, at, operation, device, front_end, session, rows, undoable, state FROM journal"


def journal_rows(db: Database, limit: int | None = None) -> list[JournalRow]:
    """The journal, newest first."""
    sql = f"{_SELECT} ORDER BY id DESC" + (" LIMIT ?" if limit is not None else "")
    return [_row(r) for r in db.conn.execute(sql, (limit,) if limit is not None else ())]


def journal_row(db: Database, journal_id: int) -> JournalRow | None:
    found = db.conn.execute(f"{_SELECT} WHERE id = ?", (journal_id,)).fetchone()
    return _row(found) if found else None


def to_undo(db: Database, session: str | None = None) -> JournalRow | None:
    """The newest undoable operation still done (only this session's, if given). What the
    app writes by itself (setting up, filling the vaccine plan) is journaled but never the
    thing undone: undo goes past it to what a person did."""
    if session is None:
        found = db.conn.execute(
            f"{_SELECT} WHERE state = 'done' AND undoable = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
    else:
        found = db.conn.execute(
            f"{_SELECT} WHERE state = 'done' AND undoable = 1 AND session = ? "
            "ORDER BY id DESC LIMIT 1",
            (session,),
        ).fetchone()
    return _row(found) if found else None


def to_redo(db: Database, session: str | None = None) -> JournalRow | None:
    """The operation undone last, if nothing was done after it (only this session's
    operations count, if given): the undone ones at the top of the journal, the last
    undone of them."""
    where, args = ("WHERE session = ?", (session,)) if session is not None else ("", ())
    run = []
    for record in db.conn.execute(f"{_SELECT} {where} ORDER BY id DESC", args):
        row = _row(record)
        if row.state != "undone":
            break
        run.append(row)
    return run[-1] if run else None


def set_state(db: Database, journal_id: int, state: str, at: datetime | None) -> None:
    db.conn.execute(
        "UPDATE journal SET state = ?, undone_at = ? WHERE id = ?",
        (state, at.isoformat(timespec="seconds") if at else None, journal_id),
    )


# Erasing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Erased:
    rows: int  # deleted rows whose content is gone (a tombstone each)
    journal: int  # journal rows whose before/after values are gone


def erase(db: Database, now: datetime, before: datetime | None = None) -> Erased:
    """Erase for good what was deleted (``deleted_at``) before ``before`` (None: all of it),
    leaving a tombstone (table, UUID, when) without content; and strip the before/after
    values of journal rows from before ``before`` (they can no longer be undone). Runs in
    the caller's transaction; ``secure_delete`` overwrites the freed bytes."""
    stamp = now.isoformat(timespec="seconds")
    conn = db.conn
    erased = 0
    existing = {n for (n,) in conn.execute("SELECT name FROM main.sqlite_master")}
    for table in SOFT_DELETED:
        if table not in existing:
            continue
        found = conn.execute(
            f"SELECT rowid, uuid, deleted_at FROM {quoted(table)} WHERE deleted_at IS NOT NULL"
        ).fetchall()
        for rowid, uuid, deleted_at in found:
            if before is not None and _instant(deleted_at) >= before:
                continue
            if table == "entries":  # an alert outlives the entry (a safety record)
                conn.execute("UPDATE alerts SET entry_id = NULL WHERE entry_id = ?", (rowid,))
                conn.execute("UPDATE alerts SET contact_id = NULL WHERE contact_id = ?", (rowid,))
            if table == "appointments":
                conn.execute(
                    "UPDATE questions SET appointment_id = NULL WHERE appointment_id = ?",
                    (rowid,),
                )
            conn.execute(f"DELETE FROM {quoted(table)} WHERE rowid = ?", (rowid,))
            if uuid:
                conn.execute(
                    "INSERT OR REPLACE INTO tombstones (uuid, table_name, deleted_at, "
                    "erased_at) VALUES (?, ?, ?, ?)",
                    (uuid, table, deleted_at, stamp),
                )
            erased += 1
    stripped = 0
    for journal_id, at, rows in conn.execute(
        "SELECT id, at, rows FROM journal WHERE kept = 1 ORDER BY id"
    ).fetchall():
        if before is not None and _instant(at) >= before:
            break  # newer ones follow
        bare = [
            {"table": r["table"], "uuid": r.get("uuid"), "rowid": r["rowid"]}
            for r in json.loads(rows)
        ]
        conn.execute(
            "UPDATE journal SET rows = ?, undoable = 0, kept = 0 WHERE id = ?",
            (json.dumps(bare, separators=(",", ":")), journal_id),
        )
        stripped += 1
    return Erased(erased, stripped)


def expired(db: Database, before: datetime) -> bool:
    """Whether ``erase(before=before)`` has anything to do (read-only, quick)."""
    conn = db.conn
    oldest = conn.execute("SELECT at FROM journal WHERE kept = 1 ORDER BY kept, id LIMIT 1")
    found = oldest.fetchone()
    if found and _instant(found[0]) < before:
        return True
    existing = {n for (n,) in conn.execute("SELECT name FROM main.sqlite_master")}
    for table in SOFT_DELETED:
        if table in existing:
            for (deleted_at,) in conn.execute(
                f"SELECT deleted_at FROM {quoted(table)} WHERE deleted_at IS NOT NULL"
            ):
                if _instant(deleted_at) < before:
                    return True
    return False


def count_deleted(db: Database) -> int:
    """How many deleted rows still keep their content (what ``erase`` would remove)."""
    existing = {n for (n,) in db.conn.execute("SELECT name FROM main.sqlite_master")}
    return sum(
        db.conn.execute(
            f"SELECT count(*) FROM {quoted(table)} WHERE deleted_at IS NOT NULL"
        ).fetchone()[0]
        for table in SOFT_DELETED
        if table in existing
    )


def compact(db: Database) -> None:
    """After erasing now: rewrite the file (VACUUM) so no page keeps old bytes, and fold the
    write-ahead log in and empty it. Outside any transaction."""
    db.conn.execute("VACUUM")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


__all__ = [
    "SOFT_DELETED",
    "Capture",
    "Erased",
    "JournalConflict",
    "JournalRow",
    "RowChange",
    "compact",
    "count_deleted",
    "erase",
    "expired",
    "journal_row",
    "journal_rows",
    "set_state",
    "to_redo",
    "to_undo",
]
