"""Crafted files for the attack tests: a real diary, then changed as another program could."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from tests.conftest import file_digest
from tests.fixtures.demo import demo_diary

TODAY = date(2026, 6, 1)


def make_diary(folder: Path) -> Path:
    """A set-up diary with entries, counts and alerts (the sample), closed cleanly."""
    folder.mkdir(parents=True, exist_ok=True)
    return demo_diary(folder, TODAY, now=datetime(2026, 6, 1, 10).astimezone())


def crafted(source: Path, target: Path, *statements: str) -> Path:
    """A copy of the diary at ``source``, changed by raw SQL as another program would."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> SHA-256): what "nothing changed" means."""
    return {
        str(p.relative_to(folder)): file_digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def header_journal_mode(path: Path) -> str:
    """The journal mode written in the file's header (bytes 18-19: 1 rollback, 2 WAL)."""
    data = Path(path).read_bytes()[18:20]
    return {b"\x01\x01": "rollback", b"\x02\x02": "wal"}.get(data, repr(data))


def count(path: Path, table: str = "entries") -> int:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()
