"""Issue 12, items 3, 4 and 7: restores that keep every diary they replace, finish (or undo)
what a crash interrupted, and upgrades that a full disk cannot half-do."""

import errno
import shutil
import sqlite3
from datetime import datetime

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.service.diary import DiaryService
from companion.storage import backup as backup_module
from companion.storage import upgrade as upgrade_module
from companion.storage.backup import (
    copy_database,
    finish_interrupted_restore,
    restore,
)
from companion.storage.db import SCHEMA_VERSION, FolderError, RestoreInterruptedError, open_db
from companion.storage.files import RESTORE_MARKER
from tests.fixtures.make_fixtures import HERE
from tests.storage.crafted import count, header_journal_mode, make_diary, snapshot

NOW = datetime(2026, 6, 1, 10, 0).astimezone()
STAMP = "2026-06-01T10:05:00+01:00"


def notes(path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] or "" for r in conn.execute("SELECT note FROM entries"))
    finally:
        conn.close()


def with_note(path, note: str) -> None:
    service = DiaryService.open(path, lambda: NOW)
    try:
        service.log.add(Entry(NOW, EntryKind.NOTE, note=note))
    finally:
        service.close()


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    make_diary(folder)
    with_note(folder / "companion.db", "the diary I have now")
    return folder


def backup_with(tmp_path, name: str, note: str):
    source = tmp_path / f"source-{name}"
    make_diary(source)
    with_note(source / "companion.db", note)
    return copy_database(source / "companion.db", tmp_path / f"{name}.db")


# Item 3 -------------------------------------------------------------------------------------


def test_two_restores_in_the_same_second_keep_both_diaries(tmp_path, data, monkeypatch):
    monkeypatch.setattr(backup_module, "now_local", lambda: NOW)  # the same second, twice
    original = notes(data / "companion.db")
    first = backup_with(tmp_path, "first", "from the first backup")
    second = backup_with(tmp_path, "second", "from the second backup")
    kept_first = restore(data, first)
    kept_second = restore(data, second)
    assert kept_first != kept_second
    assert kept_first.parent == kept_second.parent == data / "replaced"
    assert notes(kept_first) == original  # the original diary, not overwritten
    assert notes(kept_second) == notes(first)
    assert notes(data / "companion.db") == notes(second)


def test_the_kept_diary_holds_what_was_still_in_its_log(tmp_path, data):
    """Item 4's loss: the old diary's newest entries lived only in its -wal."""
    conn = sqlite3.connect(data / "companion.db")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(
        "INSERT INTO entries (at, at_utc, kind, note, created_at) VALUES (?, ?, 'note', ?, ?)",
        ("2026-06-01T10:05:00+01:00", "2026-06-01T09:05:00Z", "only in the log", STAMP),
    )
    conn.commit()
    crashed = tmp_path / "crashed"  # as a power cut leaves it: the log not folded in
    crashed.mkdir()
    for name in ("companion.db", "companion.db-wal", "companion.db-shm"):
        shutil.copy(data / name, crashed / name)
    conn.close()
    backup = backup_with(tmp_path, "b", "from the backup")
    kept = restore(crashed, backup)
    assert "only in the log" in notes(kept)
    kept_log = kept.with_name(kept.name + "-wal")
    assert not kept_log.exists() or kept_log.stat().st_size == 0  # folded into the copy
    assert not (crashed / "companion.db-wal").exists() or (
        (crashed / "companion.db-wal").stat().st_size == 0
    )
    assert notes(crashed / "companion.db") == notes(backup)


# Item 4 -------------------------------------------------------------------------------------


class Crash(BaseException):
    """Stands in for SIGKILL in-process: nothing catches it, nothing cleans up after it."""


def interrupted(data, backup, monkeypatch, at: str) -> None:
    """Run a restore that stops dead at ``at``: "marker" (just after the marker is written)
    or "rename" (the diary kept, the backup about to be put in place)."""
    real_replace = backup_module.os.replace

    def crash_on_rename(source, target):
        if str(target).endswith("companion.db") and ".restoring-" in str(source):
            raise Crash
        return real_replace(source, target)

    with monkeypatch.context() as patch:
        if at == "marker":
            patch.setattr(backup_module, "_complete", lambda *a: (_ for _ in ()).throw(Crash()))
        else:
            patch.setattr(backup_module.os, "replace", crash_on_rename)
        with pytest.raises(Crash):
            restore(data, backup)
    assert (data / RESTORE_MARKER).exists()


@pytest.mark.parametrize("at", ["marker", "rename"])
def test_an_interrupted_restore_is_finished_at_the_next_start(tmp_path, data, monkeypatch, at):
    original = notes(data / "companion.db")
    backup = backup_with(tmp_path, "b", "from the backup")
    interrupted(data, backup, monkeypatch, at)
    with pytest.raises(RestoreInterruptedError):
        open_db(data / "companion.db")  # nothing may use the diary before it is finished
    outcome = finish_interrupted_restore(data)
    assert outcome is not None and outcome.finished
    assert "It has now been finished" in outcome.message and "b.db" in outcome.message
    assert notes(data / "companion.db") == notes(backup)
    assert notes(outcome.kept) == original
    assert not (data / RESTORE_MARKER).exists()
    assert [p.name for p in data.iterdir() if p.name.startswith(".")] == []
    assert finish_interrupted_restore(data) is None


def test_a_restore_whose_copy_is_damaged_is_undone(tmp_path, data, monkeypatch):
    original = snapshot(data)
    backup = backup_with(tmp_path, "b", "from the backup")
    interrupted(data, backup, monkeypatch, "marker")
    staged = next(data.glob(".restoring-*"))
    staged.write_bytes(staged.read_bytes()[:1000])  # the disk lost it
    outcome = finish_interrupted_restore(data)
    assert outcome is not None and not outcome.finished
    assert "so it was undone" in outcome.message
    assert {k: v for k, v in snapshot(data).items() if not k.startswith("replaced")} == original


def test_the_command_line_says_it_finished_an_interrupted_restore(tmp_path, data, monkeypatch):
    from tests.conftest import run_main

    backup = backup_with(tmp_path, "b", "from the backup")
    interrupted(data, backup, monkeypatch, "rename")
    result = run_main("--data-dir", str(data), "today")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "Restoring the backup b.db was interrupted" in result.stderr
    assert "It has now been finished" in result.stderr
    assert notes(data / "companion.db") == notes(backup)


# Item 7 -------------------------------------------------------------------------------------


def full_disk(monkeypatch) -> None:
    """The migrations' connection runs out of pages: SQLite's own "disk is full"."""
    real = upgrade_module.open_for_migration

    def limited(path):
        db = real(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 1}")
        return db

    monkeypatch.setattr(upgrade_module, "open_for_migration", limited)


@pytest.mark.parametrize("wal", [False, True], ids=["rollback journal", "WAL"])
def test_a_full_disk_during_an_upgrade_changes_nothing_and_keeps_one_copy(
    tmp_path, monkeypatch, wal
):
    path = tmp_path / "companion.db"
    shutil.copy(HERE / "schema-v4.db", path)
    if wal:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
    mode = header_journal_mode(path)
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        full_disk(patch)
        for _ in range(3):  # the user tries again, and again
            with pytest.raises(FolderError) as refused:
                open_db(path)
            assert "the disk is full" in str(refused.value)
            assert "Your diary file has not been changed" in str(refused.value)
            assert path.read_bytes() == before
            assert header_journal_mode(path) == mode
            assert not (tmp_path / "companion.db-wal").exists()
            assert len(list((tmp_path / "backups").glob("before-format-5-*.db"))) == 1
            assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    db = open_db(path)  # space again: the upgrade goes through, with the data
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db["custom_items"].count == 1
    db.close()
    copies = list((tmp_path / "backups").glob("before-format-5-*.db"))
    assert len(copies) == 1
    assert count(copies[0], "transplants") == 1


def test_a_pre_migration_copy_that_cannot_be_made_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "companion.db"
    shutil.copy(HERE / "schema-v3.db", path)
    before = path.read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "copy_database", no_space)
    with pytest.raises(FolderError, match="the disk is full") as refused:
        open_db(path)
    assert "Free some space" in str(refused.value)
    assert path.read_bytes() == before
    assert list((tmp_path / "backups").glob("*.db")) == []


def test_the_command_line_explains_a_full_disk_in_one_line(tmp_path, monkeypatch, capsys):
    from companion.app import main

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(HERE / "schema-v4.db", folder / "companion.db")
    full_disk(monkeypatch)
    assert main(["--data-dir", str(folder), "today"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "could not be upgraded to this version's format: the disk is full" in err


def test_an_upgrade_waits_for_a_window_that_holds_the_diary(tmp_path):
    """An older version's window on the diary: it is not replaced under it. (The process
    that started the tests stands in for the window: it is running, and it is not us.)"""
    import os
    import socket

    path = tmp_path / "companion.db"
    shutil.copy(HERE / "schema-v5.db", path)
    before = path.read_bytes()
    lock = tmp_path / "companion.lock"
    lock.write_text(f"{os.getppid()}\ncompanion\n{socket.gethostname()}\n")
    with pytest.raises(FolderError, match="open in another Transplant Companion window"):
        open_db(path)
    assert path.read_bytes() == before
    lock.unlink()  # the window closed
    open_db(path).close()
    assert path.read_bytes() != before
