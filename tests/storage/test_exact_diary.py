"""Issue 12, items 2 and 5: a file is opened or restored only if it is exactly a diary of a
known schema version, holding only values the app could have saved. Anything else — a
crafted backup, another program's database — is refused in plain words and left byte for
byte as it was (its journal mode included)."""

import shutil
import sqlite3

import pytest

from companion.storage.backup import check_backup, restore
from companion.storage.db import (
    SCHEMA_VERSION,
    NewerSchemaError,
    NotADiaryError,
    inspect_file,
    open_db,
)
from companion.storage.schema import reference_shapes, shape_of
from tests.fixtures.make_fixtures import HERE, NAMES
from tests.storage.crafted import count, crafted, header_journal_mode, make_diary, snapshot

LAST_MIGRATION = NAMES[-1]

BIG = "substr(replace(hex(zeroblob({n})), '0', 'x'), 1, {n})"
STAMP = "'2026-06-01T10:00:00+01:00'"
# Each: (what it is, SQL that makes it from a real diary, words the refusal must use).
SHAPE_ATTACKS = [
    (
        "a trigger that deletes entries",
        [
            "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN "
            "DELETE FROM entries WHERE id <> new.id; END"
        ],
        "trigger",
    ),
    (
        "a view named entries",
        ["ALTER TABLE entries RENAME TO entries_kept", "CREATE VIEW entries AS SELECT 1"],
        "view",
    ),
    ("an extra table", ["CREATE TABLE carried_in (x)"], "carried_in"),
    ("an extra column", ["ALTER TABLE entries ADD COLUMN evil TEXT"], "entries"),
    ("an extra index", ["CREATE INDEX idx_evil ON entries (note)"], "entries"),
    ("a missing index", ["DROP INDEX idx_entries_at_utc"], "entries"),
    (
        "a column's type changed",
        [
            "DROP TABLE custom_items",
            "CREATE TABLE custom_items (id INTEGER PRIMARY KEY, phase TEXT NOT NULL, "
            "text BLOB NOT NULL, created_at TEXT NOT NULL)",
        ],
        "custom_items",
    ),
    (
        "a CHECK constraint that refuses every save",
        [
            "DROP TABLE preferences",
            'CREATE TABLE "preferences" ("key" TEXT PRIMARY KEY, "value" TEXT CHECK (0))',
        ],
        "preferences",
    ),
    ("a missing table", ["DROP TABLE daily_ticks"], "daily_ticks"),
    ("no record of its upgrades", ["DROP TABLE _sqlite_migrations"], "record"),
    (
        "another program's upgrades",
        ["UPDATE _sqlite_migrations SET migration_set = 'other'"],
        "another program",
    ),
    (
        "a record that does not match its tables",
        [
            # The newest migration's row (whichever it is), so the record is one short.
            f"DELETE FROM _sqlite_migrations WHERE name = '{NAMES[-1]}'",
            f"PRAGMA user_version = {SCHEMA_VERSION - 1}",
        ],
        "a diary does not have",
    ),
    (
        "a version number above its record",
        [f"DELETE FROM _sqlite_migrations WHERE name = '{NAMES[-1]}'"],
        "version number",
    ),
]
VALUE_ATTACKS = [
    ("a 20 MB team name", [f"UPDATE team SET name = {BIG.format(n=20_000_000)}"], "team's name"),
    (
        "a custom item of a million characters",
        [
            "INSERT INTO custom_items (phase, text, created_at) VALUES "
            f"('preparation', {BIG.format(n=1_000_000)}, {STAMP})"
        ],
        "custom checklist item",
    ),
    ("an infinite ANC", ["UPDATE labs SET anc = 9e999"], "ANC"),
    ("platelets of 1e308", ["UPDATE labs SET platelets = 1e308"], "platelet"),
    ("a negative WBC", ["UPDATE labs SET wbc = -1"], "WBC"),
    ("Day 0 in December 9999", ["UPDATE transplants SET day0 = '9999-12-31'"], "Day 0"),
    (
        "an entry in the year 1",
        [
            "UPDATE entries SET at = '0001-01-01T00:00:00+01:00' "
            "WHERE id = (SELECT min(id) FROM entries)"
        ],
        "entry's time",
    ),
    ("text where a number goes", ["UPDATE entries SET value = 'abc' WHERE id = 1"], "text"),
    ("a blob in a note", ["UPDATE entries SET note = zeroblob(10) WHERE id = 1"], "binary"),
    ("an unknown kind", ["UPDATE entries SET kind = 'virus' WHERE id = 1"], "kind"),
    (
        "a temperature of 1000",
        ["UPDATE entries SET value = 1000 WHERE kind = 'temperature'"],
        "temperature",
    ),
    (
        "an unknown unit",
        ["INSERT OR REPLACE INTO preferences (key, value) VALUES ('temperature_unit', 'K')"],
        "unit",
    ),
    (
        "5 MB of alert figures",
        [f"UPDATE alerts SET figures = {BIG.format(n=5_000_000)}"],
        "figures",
    ),
    ("a time without its zone", ["UPDATE labs SET at = '2026-05-20T08:00:00'"], "time"),
]
ATTACKS = SHAPE_ATTACKS + VALUE_ATTACKS


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return make_diary(tmp_path_factory.mktemp("sample") / "diary")


@pytest.fixture
def diary(tmp_path, sample):
    folder = tmp_path / "diary"
    folder.mkdir()
    shutil.copy(sample, folder / "companion.db")
    return folder


def test_every_shipped_version_is_recognised_exactly():
    """The shapes worked out from the migrations are the diaries that shipped."""
    assert sorted(reference_shapes()) == list(range(1, SCHEMA_VERSION + 1))
    for version in range(1, SCHEMA_VERSION + 1):
        conn = sqlite3.connect(f"{(HERE / f'schema-v{version}.db').as_uri()}?mode=ro", uri=True)
        try:
            assert shape_of(conn) == reference_shapes()[version]
        finally:
            conn.close()
        assert inspect_file(HERE / f"schema-v{version}.db") == version


def test_a_real_backup_is_accepted(diary):
    assert check_backup(diary / "companion.db") == SCHEMA_VERSION


@pytest.mark.parametrize(("what", "sql", "words"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_a_crafted_backup_is_refused_and_nothing_changes(tmp_path, diary, what, sql, words):
    backup = crafted(diary / "companion.db", tmp_path / "backup.db", *sql)
    before, backup_before = snapshot(diary), snapshot(tmp_path / "backup.db")
    with pytest.raises(NotADiaryError) as refused:
        check_backup(backup)
    message = str(refused.value)
    assert words in message
    assert message.startswith("The file backup.db cannot be restored:")
    assert "Nothing was restored, and your diary has not been changed." in message
    assert "restore your newest backup" not in message  # item 12: not the advice for a backup
    with pytest.raises(NotADiaryError):
        restore(diary, backup)
    assert snapshot(diary) == before  # no replaced/ folder, no marker, nothing
    assert snapshot(tmp_path / "backup.db") == backup_before


@pytest.mark.parametrize(("what", "sql", "words"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_a_crafted_diary_is_not_opened_and_stays_byte_identical(tmp_path, sample, what, sql, words):
    folder = tmp_path / "diary"
    folder.mkdir()
    crafted(sample, folder / "companion.db", *sql)
    before = snapshot(folder)
    with pytest.raises(NotADiaryError) as refused:
        open_db(folder / "companion.db")
    assert words in str(refused.value)
    assert "has not been changed" in str(refused.value)
    assert snapshot(folder) == before  # no -wal, no -shm, no backup: not a byte written
    assert header_journal_mode(folder / "companion.db") == "rollback"


def test_the_attack_from_the_issue_cannot_happen(tmp_path, diary):
    """The trigger that turned 70 entries into 1 after one saved temperature."""
    backup = crafted(
        diary / "companion.db",
        tmp_path / "evil.db",
        "CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN "
        "DELETE FROM entries WHERE id <> new.id; END",
    )
    entries = count(diary / "companion.db")
    with pytest.raises(NotADiaryError, match="trigger"):
        restore(diary, backup)
    db = open_db(diary / "companion.db")
    db["entries"].insert(
        {"at": "2026-06-01T11:00:00+01:00", "kind": "note", "note": "x", "created_at": "x"},
    )
    db.close()
    assert count(diary / "companion.db") == entries + 1


# Item 5: another program's SQLite file as companion.db ------------------------------------


def _foreign(path, *statements, wal=False):
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


FOREIGN = {
    "own tables": ["CREATE TABLE recipes (name TEXT)", "INSERT INTO recipes VALUES ('soup')"],
    "its own entries table": [
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT)",
        "INSERT INTO entries (text) VALUES ('mine')",
    ],
    "its own transplants table": ["CREATE TABLE transplants (id INTEGER PRIMARY KEY)"],
    "a user_version of 3": ["CREATE TABLE notes (x)", "PRAGMA user_version = 3"],
    "an empty database someone numbered": ["PRAGMA user_version = 2"],
}


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_foreign_sqlite_file_is_never_changed(tmp_path, kind, wal):
    path = tmp_path / "companion.db"
    _foreign(path, *FOREIGN[kind], wal=wal)
    for side in ("-wal", "-shm"):
        assert not (tmp_path / f"companion.db{side}").exists()
    before = snapshot(tmp_path)
    mode = header_journal_mode(path)
    with pytest.raises(NotADiaryError) as refused:
        open_db(path)
    assert "not a Transplant Companion diary" in str(refused.value)
    assert "has not been changed" in str(refused.value)
    assert snapshot(tmp_path) == before
    assert header_journal_mode(path) == mode


def test_a_newer_diary_is_still_told_apart(tmp_path, diary):
    crafted(
        diary / "companion.db",
        tmp_path / "newer.db",
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('companion', 'm007_future', 'x')",
        "CREATE TABLE future (x)",
        f"PRAGMA user_version = {SCHEMA_VERSION + 1}",
    )
    with pytest.raises(NewerSchemaError, match="newer version"):
        check_backup(tmp_path / "newer.db")


def test_a_brand_new_empty_file_becomes_a_diary(tmp_path):
    path = tmp_path / "companion.db"
    path.touch()
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    empty = tmp_path / "other" / "companion.db"
    empty.parent.mkdir()
    conn = sqlite3.connect(empty)
    conn.execute("VACUUM")  # a valid, empty SQLite file: no tables, user_version 0
    conn.close()
    open_db(empty).close()
    assert inspect_file(empty) == SCHEMA_VERSION
