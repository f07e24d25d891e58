"""Every schema version that shipped upgrades to the current one with its data intact."""

import shutil
from datetime import date

import pytest

from companion.storage.db import SCHEMA_VERSION, open_db
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from tests.fixtures.make_fixtures import HERE, expected_after_upgrade


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_a_diary_of_each_version_opens_with_its_data(tmp_path, version):
    path = tmp_path / "companion.db"
    shutil.copy(HERE / f"schema-v{version}.db", path)
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table, rows in expected_after_upgrade(version).items():
        found = list(db[table].rows)
        # Every row has a stable UUID (issue 19): made by the upgrade, so compared apart.
        uuids = [row.pop("uuid") for row in found]
        assert all(len(u) == 32 and int(u, 16) >= 0 for u in uuids), table
        assert len(set(uuids)) == len(uuids), table
        assert found == [{k: v for k, v in row.items() if k != "uuid"} for row in rows], table
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


def test_old_sentences_become_data_and_unreadable_ones_stay_legacy(tmp_path):
    """Schema 4 stored alert reasons and change-history sentences; schema 5 turns each into
    its rule and figures (or field and values), keeping a sentence it cannot read."""
    from sqlite_utils import Database

    from companion.domain.alerts import AlertRule
    from companion.domain.wording import alert_reason
    from companion.storage.alert_repository import AlertRepository
    from companion.storage.db import migrations

    path = tmp_path / "companion.db"
    db = Database(path)
    names = [m.name for m in migrations._migrations]
    migrations.apply(db, stop_before=names[4])
    db.execute("PRAGMA user_version = 4")
    db["transplants"].insert(rows_for_transplant())
    entries = [
        (1, "temperature", "", 38.1, None),
        (2, "symptom", "chest-pain", None, 1),
        (3, "weight", "", 74.0, None),
    ]
    for entry_id, kind, term, value, severity in entries:
        db["entries"].insert(
            {
                "id": entry_id,
                "at": "2026-05-18T20:00:00+01:00",
                "kind": kind,
                "term": term,
                "value": value,
                "severity": severity,
                "created_at": "2026-05-18T20:00:00+01:00",
            }
        )
    reasons = [
        (
            1,
            "fever",
            "Your temperature has been 38.0 °C (100.4 °F) or higher for at least 60 minutes.",
        ),
        (2, "symptom", "Chest pain, mild."),
        (3, "weight", "Your weight went up by 3.6 kg (5 %) in 3 days or less; ..."),
    ]
    for entry_id, kind, reason in reasons:
        db["alerts"].insert(
            {
                "raised_at": "2026-05-18T20:00:00+01:00",
                "level": 2 if kind == "symptom" else 1,
                "reason": reason,
                "kind": kind,
                "entry_id": entry_id,
            }
        )
    changes = [
        ("Transplant 1: Day 0", "Saturday 9 May 2026", "Sunday 10 May 2026"),
        ("Call your team at one temperature of", "38 °C", "38.3 °C"),
        ("Office hours", "Monday to Friday, 08:00–17:00", "Mon, Wed, 09:00–16:00"),
        ("Something a future version wrote", "a", "b"),
    ]
    for subject, old, new in changes:
        db["change_log"].insert(
            {
                "at": "2026-05-01T09:00:00+01:00",
                "subject": subject,
                "old_value": old,
                "new_value": new,
            }
        )
    db.close()
    db = open_db(path)
    alerts = AlertRepository(db).all()
    assert [a.rule for a in alerts] == [
        AlertRule.FEVER_SUSTAINED,
        AlertRule.SYMPTOM,
        AlertRule.LEGACY,  # the old 72-hour weight rule no longer exists: its words stay
    ]
    assert (alerts[0].reading, alerts[0].limit, alerts[0].figure("minutes")) == (38.1, 38.0, 60)
    assert alerts[1].figures == {"term": "chest-pain", "severity": 1}
    assert alert_reason(alerts[2]).startswith("Your weight went up by 3.6 kg")
    history = JourneyRepository(db).history()
    assert [(c.field, c.old_value, c.new_value) for c in history] == [
        ("transplant.day0", "2026-05-09", "2026-05-10"),
        ("setting.fever_single_c", "38.0", "38.3"),
        ("team.office_hours", "0,1,2,3,4|08:00|17:00", "0,2|09:00|16:00"),
        ("legacy", "a", "b"),
    ]
    assert history[2].sentence == (
        "Office hours: changed from Monday to Friday, 08:00–17:00 to Mon, Wed, 09:00–16:00"
    )
    assert history[3].sentence == "Something a future version wrote: changed from a to b"
    db.close()


def rows_for_transplant() -> dict:
    return {
        "id": 1,
        "number": 1,
        "kind": "allogeneic",
        "source": "blood",
        "day0": "2026-05-10",
        "day0_confirmed": 1,
        "conditioning_days": 6,
        "created_at": "2026-04-20T10:00:00+01:00",
    }


def test_the_stored_newest_schema_is_what_the_migrations_make():
    """companion/storage/schema_sql.py is the newest format's schema (opening a diary checks
    against it); after a new migration, `python tests/fixtures/make_fixtures.py` rewrites it."""
    from companion.storage import schema_sql
    from companion.storage.schema import shape_from_migrations, shape_from_statements
    from tests.fixtures.make_fixtures import schema_statements

    assert schema_sql.VERSION == SCHEMA_VERSION
    assert list(schema_sql.STATEMENTS) == schema_statements()
    assert shape_from_statements(schema_sql.STATEMENTS) == shape_from_migrations(SCHEMA_VERSION)
