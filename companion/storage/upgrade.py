"""Bringing an older diary (or a brand-new empty file) to this version's format, so that a
failure at any moment — a full disk, a crash, a power cut — leaves the file as it was.

The migrations run on a copy beside the diary. Only when the copy is complete and checked
does it replace the diary, in one atomic rename. Before that, a copy of the diary as it
was goes into ``backups/`` — one per diary state, so a retry after a failure reuses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from companion.i18n import _
from companion.storage.errors import FULL, FolderError, StorageError, refusal_kind, why_refused
from companion.storage.files import BACKUP_DIR, SIDE_SUFFIXES, replaced_atomically
from companion.storage.raw_read import read_all


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    for block in read_all(path):  # the diary itself: never open() and close() it
        sha.update(block)
    return sha.hexdigest()[:12]


def fold_in_log(path: Path) -> None:
    """Fold a write-ahead log left by a crash into the diary (what SQLite does on any
    open), so that the file alone holds everything and can be copied or replaced."""
    wal = Path(f"{path}-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        return
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def backup_before_migration(path: Path, version: int) -> Path:
    """Keep a copy of the diary as it was before a newer app changes its format:
    ``backups/before-format-<new>-<date>-<digest>.db``. The digest names the diary's state,
    so trying again after a failure reuses the copy instead of adding another."""
    from companion.storage.backup import copy_database
    from companion.storage.db import inspect_file

    folder = Path(path).parent / BACKUP_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    digest = _digest(path)
    for earlier in sorted(folder.glob(f"before-format-{version + 1}-*-{digest}.db")):
        with contextlib.suppress(StorageError, OSError, sqlite3.Error):
            if inspect_file(earlier, "backup") == version:
                return earlier
    name = f"before-format-{version + 1}-{date.today().isoformat()}-{digest}.db"
    return copy_database(path, folder / name)


def open_for_migration(path: Path) -> Database:
    """The connection the migrations run on (a seam: tests make it run out of space)."""
    db = Database(path, execute_plugins=False, recursive_triggers=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _migrate(temp: Path) -> None:
    from companion.storage.db import SCHEMA_VERSION, migrations

    db = open_for_migration(temp)
    try:
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        db.close()


def held_elsewhere(folder: Path) -> bool:
    """Whether another running program holds the diary's lock (the window of an older
    version, say): the diary must not be replaced under it. QLockFile writes its process id
    on the first line and the host name on the third."""
    import os
    import socket

    from companion.storage.files import LOCK_FILENAME, _alive

    try:
        lines = (Path(folder) / LOCK_FILENAME).read_text(encoding="utf-8").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    if len(lines) > 2 and lines[2] and lines[2] != socket.gethostname():
        return True  # another computer's (a shared folder): it cannot be checked from here
    return _alive(pid)


def upgrade(path: Path, found: int) -> Path | None:
    """Bring the diary at ``path`` (schema ``found``; 0 for a new empty file) to the current
    schema. Returns the copy kept of it as it was (None for a new file).

    Raises:
        FolderError: the disk is full or the folder cannot be written; the diary is exactly
            as it was (and the copy, if one could be made, is kept).
    """
    from companion.storage.backup import copy_database
    from companion.storage.db import SCHEMA_VERSION, inspect_file

    path = Path(path)
    kept = None
    if found > 0 and held_elsewhere(path.parent):
        raise FolderError(
            _(
                "Your diary in {folder} is open in another Transplant Companion window, which "
                "may be an older version. Close it, then try again: this version first brings "
                "the diary up to date. Nothing was changed."
            ).format(folder=path.parent)
        )
    try:
        if found > 0:
            fold_in_log(path)
            kept = backup_before_migration(path, found)
        with replaced_atomically(path) as temp:
            if found > 0:
                copy_database(path, temp, verify=False)
            _migrate(temp)
            if inspect_file(temp) != SCHEMA_VERSION:  # pragma: no cover - a migration bug
                raise StorageError(_("the upgraded copy is not a complete diary"))
            for suffix in SIDE_SUFFIXES:  # an empty file's leftovers must not meet the copy
                side = Path(f"{path}{suffix}")
                if side.exists() and found == 0:
                    side.unlink()
    except (sqlite3.Error, OSError) as error:
        if found:
            said = _(
                "Your diary in {folder} could not be upgraded to this version's format: {reason}."
            )
        else:
            said = _("Your diary in {folder} could not be created: {reason}.")
        sentences = [said.format(folder=path.parent, reason=why_refused(error))]
        if refusal_kind(error) == FULL:
            sentences.append(_("Free some space, then open it again."))
        sentences.append(_("Your diary file has not been changed."))
        if kept:
            sentences.append(_("A copy of it as it was is in {path}.").format(path=kept))
        raise FolderError(" ".join(sentences)) from error
    return kept
