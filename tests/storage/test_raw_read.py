"""Reading the diary's bytes never drops this process's SQLite locks on it: a descriptor
closed on the file releases them all (POSIX), and another program then folds the log in
and deletes it under a live connection (storage/raw_read.py)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from companion.storage.raw_read import read_at

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")

OTHER_PROGRAM = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("INSERT INTO t VALUES (2)")
conn.commit()
conn.close()  # the last connection folds the log in and deletes it, if it can lock
"""


def _diary(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    path = tmp_path / "companion.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.execute("SELECT * FROM t").fetchall()
    return path, conn


def _other_program_writes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(path)], check=True, timeout=60)


def test_reading_the_header_keeps_the_connections_lock(tmp_path):
    path, conn = _diary(tmp_path)
    try:
        assert read_at(path, 16) == b"SQLite format 3\x00"
        assert read_at(path, 16) == b"SQLite format 3\x00"  # the same descriptor again
        _other_program_writes(path)
        # This process still holds its lock: the other program could not delete the log.
        assert Path(f"{path}-wal").exists()
        assert [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x")] == [1, 2]
    finally:
        conn.close()


def test_the_check_is_needed_a_plain_open_and_close_drops_the_lock(tmp_path):
    """What raw_read prevents, shown: after open()/close() the log is deleted under us."""
    path, conn = _diary(tmp_path)
    try:
        with open(path, "rb") as handle:
            handle.read(16)
        _other_program_writes(path)
        assert not Path(f"{path}-wal").exists()
    finally:
        conn.close()
