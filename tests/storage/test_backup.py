"""Backups: consistent, private, rotated; restoring checks the file and keeps the old diary."""

import os
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.storage.backup import (
    check_backup,
    copy_database,
    daily_backup,
    newest_backup,
    restore,
    rotate,
)
from companion.storage.db import SCHEMA_VERSION, NewerSchemaError, NotADiaryError, open_db
from tests.conftest import file_digest, run_main, write_newer_diary
from tests.fixtures.demo import demo_diary

TODAY = date(2026, 6, 1)


@pytest.fixture
def diary_dir(tmp_path):
    folder = tmp_path / "diary"
    folder.mkdir()
    demo_diary(folder, TODAY, now=datetime(2026, 6, 1, 10).astimezone())
    return folder


def count(path, table="entries"):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_a_copy_includes_what_is_still_in_the_write_ahead_log(diary_dir, tmp_path):
    db = open_db(diary_dir / "companion.db")  # keeps the WAL open and unfolded
    db["entries"].insert(
        {
            "at": "2026-06-01T09:00:00+01:00",
            "kind": "note",
            "note": "last",
            "created_at": "2026-06-01T09:00:00+01:00",
        }
    )
    copy = copy_database(diary_dir / "companion.db", tmp_path / "copy.db")
    db.close()
    assert count(copy) == count(diary_dir / "companion.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    if os.name == "posix":
        assert copy.stat().st_mode & 0o777 == 0o600


def test_one_daily_backup_a_day(diary_dir):
    first = daily_backup(diary_dir, TODAY)
    assert first.name == "daily-2026-06-01.db"
    assert daily_backup(diary_dir, TODAY) is None
    assert newest_backup(diary_dir) == first
    if os.name == "posix":
        assert (diary_dir / "backups").stat().st_mode & 0o777 == 0o700


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    days = [TODAY - timedelta(days=n) for n in range(60)]
    for day in days:
        (folder / f"daily-{day.isoformat()}.db").write_bytes(b"x")
    (folder / "before-format-3-2026-01-01-000000.db").write_bytes(b"keep me")
    rotate(folder)
    kept = sorted(p.name for p in folder.iterdir() if p.name.startswith("daily-"))
    assert len(kept) == 11
    assert [f"daily-{d.isoformat()}.db" for d in days[:7]] == sorted(kept, reverse=True)[:7]
    weeks = {date.fromisoformat(n[6:16]).isocalendar()[:2] for n in sorted(kept)[:4]}
    assert len(weeks) == 4
    assert (folder / "before-format-3-2026-01-01-000000.db").exists()


def test_with_the_clock_set_back_the_newest_backups_are_never_removed(diary_dir):
    """A dead CMOS battery or a manual change: "today" goes back two years. The copies
    made then are the newest ones (kept, and restored first), whatever their names say."""
    from companion.storage.backup import back_up_now

    folder = diary_dir / "backups"
    for n in range(10):  # ten days of backups, the clock right
        daily_backup(diary_dir, TODAY + timedelta(days=n))
    wrong = TODAY - timedelta(days=700)
    made = daily_backup(diary_dir, wrong)  # the clock set back
    assert made is not None and made.exists()
    now_made = back_up_now(diary_dir, wrong + timedelta(days=1))
    assert now_made.exists() and made.exists()
    assert newest_backup(diary_dir) == now_made
    check_backup(now_made)
    kept = {p.name for p in folder.glob("daily-*.db")}
    # The seven made last, by the order they were made in: the two with the wrong dates and
    # the five newest before them.
    last_seven = {f"daily-{(TODAY + timedelta(days=n)).isoformat()}.db" for n in range(5, 10)}
    last_seven |= {made.name, now_made.name}
    assert last_seven <= kept
    # More days with the clock still wrong: the copies keep rotating by the order made.
    for n in range(2, 12):
        daily_backup(diary_dir, wrong + timedelta(days=n))
    kept = {p.name for p in folder.glob("daily-*.db")}
    assert {f"daily-{(wrong + timedelta(days=n)).isoformat()}.db" for n in range(5, 12)} <= kept
    assert newest_backup(diary_dir).name == f"daily-{(wrong + timedelta(days=11)).isoformat()}.db"


def test_restore_checks_the_backup_and_keeps_the_replaced_diary(diary_dir, tmp_path):
    backup = daily_backup(diary_dir, TODAY)
    from companion.service.diary import DiaryService

    service = DiaryService.open(
        diary_dir / "companion.db", lambda: datetime(2026, 6, 1, 10).astimezone()
    )
    service.log.add(
        Entry(datetime(2026, 6, 1, 9).astimezone(), EntryKind.NOTE, note="after the backup")
    )
    after = count(diary_dir / "companion.db")
    service.close()
    kept = restore(diary_dir, backup)
    assert count(kept) == after  # the replaced diary, whole
    assert count(diary_dir / "companion.db") == after - 1  # the backup, in place
    db = open_db(diary_dir / "companion.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@pytest.mark.parametrize("bad", ["text", "newer", "not-a-diary"])
def test_a_bad_backup_is_refused_and_nothing_changes(diary_dir, tmp_path, bad):
    candidate = tmp_path / "candidate.db"
    if bad == "text":
        candidate.write_text("hello")
        error = NotADiaryError
    elif bad == "newer":
        write_newer_diary(candidate)
        error = NewerSchemaError
    else:
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE recipes (name)")
        conn.commit()
        conn.close()
        error = NotADiaryError
    before = file_digest(diary_dir / "companion.db")
    with pytest.raises(error):
        check_backup(candidate)
    with pytest.raises(error):
        restore(diary_dir, candidate)
    assert file_digest(diary_dir / "companion.db") == before
    assert not (diary_dir / "replaced").exists()


def test_backup_and_restore_on_the_command_line(tmp_path):
    out = tmp_path / "sample-backup.db"
    result = run_main("--demo", "backup", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert check_backup(out) == SCHEMA_VERSION
    assert count(out, "transplants") == 1 and count(out) > 40
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    folder = tmp_path / "mine"
    folder.mkdir()
    result = run_main("--data-dir", str(folder), "restore", str(out))
    assert result.returncode == 0, result.stderr
    assert count(folder / "companion.db") == count(out)
    bad = run_main("--data-dir", str(folder), "restore", str(tmp_path / "missing.db"))
    assert bad.returncode == 1 and "There is no file" in bad.stderr
