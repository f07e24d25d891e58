"""Issue 25, items 1 and 5: what the open-time check remembers, and rows it cannot use.

A start on a diary exactly as the app left it skips reading every value (a ten-year diary
opens in the time of a small one); any write by another program — in the file or in its
write-ahead log, whatever its size or timing — makes the next start read them all again,
so a value crafted elsewhere is still refused. A row with a time an earlier version could
save (just outside the range) no longer locks the diary: it opens read-only, names the row,
and the row can be corrected or deleted.
"""

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

import companion.storage.contents as contents
from companion.domain.entries import Entry, EntryKind
from companion.service.diary import DiaryService
from companion.storage import checked
from companion.storage.db import NotADiaryError, UnusableRowsError, WriteError, open_db
from tests.storage.crafted import make_diary

NOW = datetime(2026, 6, 1, 10, 0).astimezone()


@pytest.fixture
def diary(tmp_path):
    return make_diary(tmp_path / "data")


@pytest.fixture
def reads(monkeypatch):
    """How many times every value of a diary was read."""
    calls = []
    real = contents.check_contents

    def counting(conn, shape):
        calls.append(1)
        return real(conn, shape)

    monkeypatch.setattr(contents, "check_contents", counting)
    return calls


def open_close(path):
    service = DiaryService.open(path, lambda: NOW)
    service.close()


def test_an_unchanged_diary_is_not_read_again(diary, reads):
    open_close(diary)  # reads and remembers
    assert checked.unchanged_since_checked(diary)
    reads.clear()
    open_close(diary)
    open_close(diary)
    assert reads == []


def test_the_apps_own_writes_keep_it_known(diary, reads):
    open_close(diary)
    service = DiaryService.open(diary, lambda: NOW)
    service.log.add(Entry(NOW, EntryKind.WEIGHT, value=70.0))
    service.log.add(Entry(NOW, EntryKind.NOTE, note="fine"))
    service.close()
    assert checked.unchanged_since_checked(diary)
    reads.clear()
    open_close(diary)
    assert reads == []


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_value_crafted_elsewhere_is_still_refused(diary, reads, journal):
    open_close(diary)
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        if journal == "delete":
            conn.execute("PRAGMA journal_mode = DELETE")
        # Same length as what it replaces: the file keeps its size.
        conn.execute("UPDATE entries SET at_utc = '9999-12-31T00:00:00Z' WHERE id = 1")
        conn.commit()
    assert not checked.unchanged_since_checked(diary)
    reads.clear()
    with pytest.raises(NotADiaryError, match="a value the app cannot use"):
        open_db(diary)
    assert reads


def test_a_write_elsewhere_then_one_by_the_app_is_not_blessed(diary, reads):
    """Another program writes, then the app writes before it is opened again: the app's
    write must not make the other program's look checked."""
    open_close(diary)
    service = DiaryService.open(diary, lambda: NOW)
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute("UPDATE entries SET severity = 9 WHERE kind = 'symptom'")
        conn.commit()
    service.log.add(Entry(NOW, EntryKind.WEIGHT, value=70.0))
    service.close()
    assert not checked.unchanged_since_checked(diary)
    with pytest.raises(NotADiaryError, match="0–4 score"):
        open_db(diary)


def test_a_lost_or_forged_record_only_costs_a_full_read(diary, reads):
    open_close(diary)
    record = diary.parent / checked.RECORD
    record.write_text('{"version": 1, "file": [0, 0, 0, 0, 0]}', encoding="utf-8")
    reads.clear()
    open_close(diary)
    assert reads  # read again, and remembered again
    assert checked.unchanged_since_checked(diary)


# Rows an earlier version could save ----------------------------------------------------


def lock_out(path, table="entries"):
    """The row earlier versions saved for 'log temperature 37.1 --at 1900-01-01T00:00+14:00'."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        if table == "entries":
            conn.execute(
                "INSERT INTO entries (at, at_utc, kind, value, created_at) VALUES "
                "('1900-01-01T00:00:00+14:00', '1899-12-31T10:00:00Z', 'temperature', 37.1, "
                "'2026-06-01T10:00:00+01:00')"
            )
        else:
            conn.execute(
                "INSERT INTO appointments (at, at_utc, kind, created_at) VALUES "
                "('2200-12-31T23:00:00-05:00', '2201-01-01T04:00:00Z', 'scan', "
                "'2026-06-01T10:00:00+01:00')"
            )
        row = conn.execute("SELECT max(rowid) FROM " + table).fetchone()[0]
        conn.commit()
    return row


def test_an_old_out_of_range_time_opens_read_only_and_names_the_row(diary):
    row = lock_out(diary)
    with pytest.raises(UnusableRowsError) as refused:
        open_db(diary)
    assert f"number {row}" in str(refused.value) and "1900-01-01T00:00:00+14:00" in str(
        refused.value
    )
    service = DiaryService.open(diary, lambda: NOW, read_only_if_unusable=True)
    try:
        assert service.read_only
        assert [(r.table, r.row_id) for r in service.unusable_rows] == [("entries", row)]
        assert service.transplants.status().day == 12  # everything else reads as usual
        before = len(service.log.entries())
        with pytest.raises(WriteError, match="read-only"):
            service.log.add(Entry(NOW, EntryKind.WEIGHT, value=70.0))
        assert len(service.log.entries()) == before
    finally:
        service.close()


def test_correcting_the_row_makes_the_diary_writable(diary):
    row = lock_out(diary)
    service = DiaryService.open(diary, lambda: NOW, read_only_if_unusable=True)
    try:
        with pytest.raises(Exception, match="outside the years"):
            service.fix_row("entries", row, datetime(1899, 12, 31, tzinfo=UTC))
        assert service.read_only
        right = NOW - timedelta(hours=1)
        service.fix_row("entries", row, right)
        assert not service.read_only
        assert service.log.entry(row).at == right.replace(microsecond=0)
        service.log.add(Entry(NOW, EntryKind.WEIGHT, value=70.0))
    finally:
        service.close()
    open_db(diary).close()  # opens as any diary now


def test_deleting_the_rows_makes_the_diary_writable(diary):
    entry = lock_out(diary)
    appointment = lock_out(diary, "appointments")
    service = DiaryService.open(diary, lambda: NOW, read_only_if_unusable=True)
    try:
        assert len(service.unusable_rows) == 2
        service.fix_row("entries", entry)
        assert service.read_only  # one left
        with pytest.raises(WriteError, match="nothing to fix"):
            service.fix_row("entries", 1)
        service.fix_row("appointments", appointment)
        assert not service.read_only
    finally:
        service.close()
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        assert conn.execute("SELECT count(*) FROM entries WHERE id = ?", [entry]).fetchone()[0] == 0


def test_a_crafted_far_year_is_not_offered_as_a_fix(diary):
    """Year 9999 is no earlier version's doing: the diary is refused as before."""
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute(
            "INSERT INTO entries (at, at_utc, kind, value, created_at) VALUES "
            "('9999-12-31T00:00:00+00:00', '9999-12-31T00:00:00Z', 'weight', 70, "
            "'2026-06-01T10:00:00+01:00')"
        )
        conn.commit()
    with pytest.raises(NotADiaryError) as refused:
        DiaryService.open(diary, lambda: NOW, read_only_if_unusable=True)
    assert not isinstance(refused.value, UnusableRowsError)


def test_an_unusable_row_with_another_fault_is_not_offered_either(diary):
    lock_out(diary)
    with contextlib.closing(sqlite3.connect(diary)) as conn:
        conn.execute("UPDATE team SET name = ? ", ["x" * 100_000])
        conn.commit()
    with pytest.raises(NotADiaryError) as refused:
        DiaryService.open(diary, lambda: NOW, read_only_if_unusable=True)
    assert not isinstance(refused.value, UnusableRowsError)
