"""What a diary is, exactly: the shape of each schema version, worked out by applying the
migrations to an empty in-memory database, and the check that a file has exactly one of
those shapes — not a table, column, index, trigger or view more or less.

A file that passes holds nothing the app did not put there itself: no trigger that deletes
rows when an entry is saved, no view standing in for a table, no extra tables carried in.
Future migrations are covered without a change here: their shape is worked out the same way.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass

from companion.i18n import _, ngettext

MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "companion"


class ShapeError(Exception):
    """The file is not exactly a diary of any version this app knows.

    ``reason`` says why in plain words ("it holds a trigger…"); ``newer``: it looks like a
    diary from a newer version of the app.
    """

    def __init__(self, reason: str, newer: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.newer = newer


def quoted(name: str) -> str:
    """An SQL identifier, quoted so that any name (even a hostile one) stays a name."""
    return '"' + name.replace('"', '""') + '"'


def _normalised(sql: str | None) -> str:
    """CREATE statements compared regardless of quoting style, spacing and letter case."""
    if sql is None:
        return ""
    text = re.sub(r'["`\[\]]', "", sql)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"\s*([(),])\s*", r"\1", text)


@dataclass(frozen=True, slots=True)
class Shape:
    """Everything in a schema that changes what the app reads or writes."""

    objects: frozenset[tuple[str, str, str, str]]  # type, name, table, normalised SQL
    columns: frozenset[tuple]  # table, position, name, type, not null, default, pk, hidden
    foreign_keys: frozenset[tuple]
    indexes: frozenset[tuple]  # table, name, unique, origin, partial, its key columns

    def tables(self) -> set[str]:
        return {name for kind, name, _, _ in self.objects if kind == "table"}

    def columns_of(self, table: str) -> list[tuple[str, str, int]]:
        """(name, declared type, not null) of ``table``'s columns, in order."""
        found = sorted(c for c in self.columns if c[0] == table)
        return [(c[2], c[3], c[4]) for c in found]


def schema_objects(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()


def shape_of(conn: sqlite3.Connection) -> Shape:
    """Read the shape of the database open on ``conn`` (read-only: PRAGMAs and the schema)."""
    objects = schema_objects(conn)
    columns, keys, indexes = set(), set(), set()
    for kind, name, _sql, _table in objects:
        if kind != "table":
            continue
        for cid, column, declared, notnull, default, pk, hidden in conn.execute(
            f"PRAGMA table_xinfo({quoted(name)})"
        ):
            columns.add((name, cid, column, (declared or "").upper(), notnull, default, pk, hidden))
        for row in conn.execute(f"PRAGMA foreign_key_list({quoted(name)})"):
            keys.add((name, *row))
        for _number, index, unique, origin, partial in conn.execute(
            f"PRAGMA index_list({quoted(name)})"
        ):
            parts = tuple(conn.execute(f"PRAGMA index_xinfo({quoted(index)})").fetchall())
            indexes.add((name, index, unique, origin, partial, parts))
    return Shape(
        objects=frozenset((k, n, t, _normalised(s)) for k, n, t, s in objects),
        columns=frozenset(columns),
        foreign_keys=frozenset(keys),
        indexes=frozenset(indexes),
    )


def migration_names() -> list[str]:
    """The migrations' names in order: version N has the first N applied."""
    from companion.storage.db import migrations

    return [m.name for m in migrations._migrations]


@functools.cache
def reference_shape(version: int) -> Shape:
    """The exact shape of schema ``version``, made by applying the first ``version``
    migrations to an empty in-memory database (worked out once per run). The newest
    version's comes from its stored statements (``schema_sql``): opening a diary of the
    current format, the usual case, does not run every migration first."""
    from companion.storage import schema_sql

    names = migration_names()
    if not 1 <= version <= len(names):
        raise ValueError(f"there is no schema version {version}")
    if version == schema_sql.VERSION == len(names):
        return shape_from_statements(schema_sql.STATEMENTS)
    return shape_from_migrations(version)


def shape_from_statements(statements) -> Shape:
    conn = sqlite3.connect(":memory:")
    try:
        for statement in statements:
            conn.execute(statement)
        return shape_of(conn)
    finally:
        conn.close()


def shape_from_migrations(version: int) -> Shape:
    from sqlite_utils import Database

    from companion.storage.db import migrations

    names = migration_names()
    db = Database(memory=True, execute_plugins=False)
    try:
        migrations.apply(db, stop_before=names[version:])
        return shape_of(db.conn)
    finally:
        db.close()


def reference_shapes() -> dict[int, Shape]:
    """The exact shape of every schema version, 1 … the newest."""
    return {v: reference_shape(v) for v in range(1, len(migration_names()) + 1)}


def _applied(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    try:
        return conn.execute(
            f"SELECT migration_set, name FROM {quoted(MIGRATIONS_TABLE)} ORDER BY rowid"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise ShapeError(_("its record of which upgrades it has cannot be read")) from error


def identify(conn: sqlite3.Connection) -> int:
    """The schema version the database on ``conn`` has exactly; 0 for an empty database
    (a brand-new file). Reads only.

    Raises:
        ShapeError: it is not exactly a diary of any known version (``newer`` when it looks
            like one from a newer version of the app).
    """
    names = migration_names()
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = schema_objects(conn)
    if not objects:
        if user_version == 0:
            return 0
        raise ShapeError(_("it is an empty database that another program has marked as its own"))
    if user_version > len(names):
        raise ShapeError(_("it was saved by a newer version of the app"), newer=True)
    for kind in ("trigger", "view"):
        found = sorted(name for k, name, _sql, _table in objects if k == kind)
        if found:
            listed = ", ".join(repr(n) for n in found[:3])
            if kind == "trigger":
                reason = ngettext(
                    "it holds {count} trigger ({listed}): instructions a diary never has, "
                    "which could change or hide your entries",
                    "it holds {count} triggers ({listed}): instructions a diary never has, "
                    "which could change or hide your entries",
                    len(found),
                )
            else:
                reason = ngettext(
                    "it holds {count} view ({listed}): instructions a diary never has, "
                    "which could change or hide your entries",
                    "it holds {count} views ({listed}): instructions a diary never has, "
                    "which could change or hide your entries",
                    len(found),
                )
            raise ShapeError(reason.format(count=len(found), listed=listed))
    tables = {name for k, name, _sql, _table in objects if k == "table"}
    if MIGRATIONS_TABLE not in tables:
        if "entries" in tables or "transplants" in tables:
            raise ShapeError(
                _(
                    "it has some tables with a diary's names, but no record of which version "
                    "of the app made it, so it was made by another program"
                )
            )
        listed = ", ".join(repr(n) for n in sorted(tables)[:3])
        raise ShapeError(
            _("it is another program's database (it holds {listed})").format(listed=listed)
        )
    applied = _applied(conn)
    if any(migration_set != MIGRATION_SET for migration_set, _name in applied):
        raise ShapeError(_("it records upgrades made by another program"))
    done = [name for _set, name in applied]
    version = len(done)
    if done[: len(names)] == names and version > len(names):
        raise ShapeError(_("it was saved by a newer version of the app"), newer=True)
    if version == 0 or done != names[:version]:
        raise ShapeError(_("its record of upgrades does not match any version of the app"))
    if user_version > version:
        raise ShapeError(_("its version number does not match the upgrades it records"))
    problems = differences(reference_shape(version), shape_of(conn))
    if problems:
        raise ShapeError("; ".join(problems[:3]))
    return version


def differences(expected: Shape, found: Shape) -> list[str]:
    """What differs between two shapes, in plain words (empty when they are the same)."""
    problems = []
    extra = sorted(found.tables() - expected.tables())
    missing = sorted(expected.tables() - found.tables())
    if extra:
        listed = ", ".join(repr(n) for n in extra[:3])
        problems.append(
            ngettext(
                "it holds {count} table a diary does not have ({listed})",
                "it holds {count} tables a diary does not have ({listed})",
                len(extra),
            ).format(count=len(extra), listed=listed)
        )
    if missing:
        listed = ", ".join(repr(n) for n in missing[:3])
        problems.append(
            ngettext(
                "it lacks {count} table a diary has ({listed})",
                "it lacks {count} tables a diary has ({listed})",
                len(missing),
            ).format(count=len(missing), listed=listed)
        )
    changed = set()
    for mine, theirs, table_at in (
        (expected.objects, found.objects, 2),
        (expected.columns, found.columns, 0),
        (expected.foreign_keys, found.foreign_keys, 0),
        (expected.indexes, found.indexes, 0),
    ):
        changed |= {item[table_at] for item in mine ^ theirs}
    changed &= expected.tables() & found.tables()
    if changed:
        listed = ", ".join(repr(n) for n in sorted(changed)[:3])
        if len(changed) == 1:
            problems.append(
                _("its table {listed} is not laid out as a diary's").format(listed=listed)
            )
        else:
            problems.append(
                _("its tables {listed} are not laid out as a diary's").format(listed=listed)
            )
    if not problems and expected != found:
        problems.append(_("its indexes are not those of a diary"))
    return problems
