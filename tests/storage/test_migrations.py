"""Every schema version that shipped upgrades to the current one with its data intact."""

import shutil
from datetime import date

import pytest

from companion.storage.db import SCHEMA_VERSION, open_db
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from tests.fixtures.make_fixtures import HERE, rows_for


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_a_diary_of_each_version_opens_with_its_data(tmp_path, version):
    path = tmp_path / "companion.db"
    shutil.copy(HERE / f"schema-v{version}.db", path)
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table, rows in rows_for(version).items():
        assert list(db[table].rows) == rows, table
    journey = JourneyRepository(db).load_journey()
    assert journey.transplants[0].day0 == date(2026, 5, 10)
    assert SettingsRepository(db).numbers().close_care_days == 90
    db.close()
    backups = (
        list((tmp_path / "backups").glob("before-format-*.db")) if version < SCHEMA_VERSION else []
    )
    assert len(backups) == (1 if version < SCHEMA_VERSION else 0)


def test_the_backup_before_a_migration_is_the_old_diary(tmp_path):
    path = tmp_path / "companion.db"
    shutil.copy(HERE / "schema-v1.db", path)
    open_db(path).close()
    backup = next((tmp_path / "backups").glob("before-format-2-*.db"))
    import sqlite3

    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM transplants").fetchone()[0] == 1
    conn.close()


def test_there_is_a_fixture_for_every_version():
    assert sorted(p.name for p in HERE.glob("schema-v*.db")) == [
        f"schema-v{n}.db" for n in range(1, SCHEMA_VERSION + 1)
    ]
