"""Backups: consistent copies through SQLite's backup API, rotated; and restoring one."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

from companion.storage.db import (
    SCHEMA_VERSION,
    NewerSchemaError,
    NotADiaryError,
    StorageError,
    inspect_file,
)
from companion.storage.files import check_output, written_atomically
from companion.storage.paths import DB_FILENAME

BACKUP_DIR = "backups"
REPLACED_DIR = "replaced"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.db$")


def _private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(0o600)


def _folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def copy_database(source: Path, destination: Path) -> Path:
    """A consistent copy of the diary at ``source`` (WAL content included) at
    ``destination``, written beside it and moved into place when complete (mode 0600)."""
    with written_atomically(destination) as temp:
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            dst.close()
            src.close()
    return Path(destination)


def backup_to(data_dir: Path, output: Path) -> Path:
    """``backup --output FILE``: a copy of the diary in ``data_dir`` at ``output``."""
    source = Path(data_dir) / DB_FILENAME
    if not source.exists():
        raise StorageError(f"There is no diary in {data_dir} to back up.")
    output = check_output(output, "my-diary-copy.db")
    inspect_file(source)
    return copy_database(source, output)


def backup_before_migration(path: Path, version: int) -> Path:
    """Before a newer app changes the diary's format, keep a copy of it as it was."""
    folder = _folder(Path(path).parent / BACKUP_DIR)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    return copy_database(path, folder / f"before-format-{version + 1}-{stamp}.db")


def daily_backup(data_dir: Path, today: date) -> Path | None:
    """At start-up, once a day: a copy in ``backups/``, then rotate. None if one exists."""
    folder = _folder(Path(data_dir) / BACKUP_DIR)
    target = folder / f"daily-{today.isoformat()}.db"
    made = None
    if not target.exists():
        made = copy_database(Path(data_dir) / DB_FILENAME, target)
    rotate(folder)
    return made


def rotate(folder: Path, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Keep the newest ``daily`` daily copies, and the newest copy of each of the ``weekly``
    most recent weeks before those. Other daily copies are removed; nothing else is touched.
    """
    dated = []
    for path in folder.iterdir():
        match = _DAILY.match(path.name)
        if match:
            dated.append((date.fromisoformat(match.group(1)), path))
    dated.sort(reverse=True)
    keep = {path for _, path in dated[:daily]}
    weeks_seen: list[tuple[int, int]] = []
    for day, path in dated[daily:]:
        week = day.isocalendar()[:2]
        if week not in weeks_seen and len(weeks_seen) < weekly:
            weeks_seen.append(week)
            keep.add(path)
    removed = []
    for _, path in dated:
        if path not in keep:
            path.unlink()
            removed.append(path)
    return removed


def newest_backup(data_dir: Path) -> Path | None:
    folder = Path(data_dir) / BACKUP_DIR
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob("*.db") if not p.name.startswith(".")]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


def check_backup(path: Path) -> int:
    """A backup can be restored only if it is a sound diary this version can read."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"There is no file {path}.")
    version = inspect_file(path)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"The backup {path.name} was made by a newer version of Transplant Companion. "
            "Please install the newer version to restore it."
        )
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    if "transplants" not in tables:
        raise NotADiaryError(f"The file {path.name} is a database, but not a diary backup.")
    return version


def restore(data_dir: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the diary in ``data_dir``. The diary it replaces is kept,
    byte for byte, in ``replaced/``; returns where (None if there was none).

    Nothing may have the diary open. Raises StorageError (nothing changed) for a bad backup.
    """
    check_backup(backup)
    data_dir = Path(data_dir)
    current = data_dir / DB_FILENAME
    kept = None
    if current.exists():
        folder = _folder(data_dir / REPLACED_DIR)
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        kept = folder / f"companion-replaced-{stamp}.db"
        try:
            sound = inspect_file(current) <= SCHEMA_VERSION
        except StorageError:
            sound = False
        if sound:
            copy_database(current, kept)  # a sound diary: include what is still in its WAL
        else:
            # A damaged, foreign or newer file: keep its bytes exactly as they are.
            kept.write_bytes(current.read_bytes())
            _private(kept)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{current}{suffix}")
                if side.exists():
                    Path(f"{kept}{suffix}").write_bytes(side.read_bytes())
    with written_atomically(current) as temp:
        copy_database(backup, temp)
        for suffix in ("-wal", "-shm"):  # the old diary's log must not be replayed onto it
            with contextlib.suppress(FileNotFoundError):
                Path(f"{current}{suffix}").unlink()
    return kept
