"""open_db(): pragmas, migrations, user_version, and files it must refuse without writing."""

import os

import pytest

from companion.storage.db import (
    SCHEMA_VERSION,
    NewerSchemaError,
    NotADiaryError,
    migrations,
    open_db,
)
from tests.conftest import file_digest, write_newer_diary

digest = file_digest


def test_a_new_diary_has_safe_pragmas_and_its_schema(tmp_path):
    db = open_db(tmp_path / "companion.db")
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(migrations.applied(db)) == SCHEMA_VERSION
    assert {"transplants", "team", "clinical_settings", "change_log"} <= set(db.table_names())
    db.close()


def test_opening_twice_applies_nothing_new(tmp_path):
    path = tmp_path / "companion.db"
    open_db(path).close()
    db = open_db(path)
    assert migrations.pending(db) == []
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_diary_file_is_private(tmp_path):
    path = tmp_path / "companion.db"
    open_db(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_newer_diary_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "companion.db"
    before = write_newer_diary(path)
    with pytest.raises(NewerSchemaError, match="newer version") as caught:
        open_db(path)
    assert "has not been changed" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion.db"]


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "companion.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 50)
    before = digest(path)
    with pytest.raises(NotADiaryError, match="not a Transplant Companion diary"):
        open_db(path)
    assert digest(path) == before
