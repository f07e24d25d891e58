"""Files in the data folder: the database's name, and creating the folder and files privately.

The default folder itself comes from Qt's QStandardPaths (see companion.app), so that one
API decides it everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "companion.db"


def ensure_data_dir(path: Path) -> Path:
    """Create the folder if needed — and any missing folder above it — private to this user
    (0700) where the OS has file modes, whatever the umask."""
    path = Path(path).expanduser()
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another program: not ours to change
        if os.name == "posix":
            folder.chmod(0o700)  # mkdir's mode is masked by the umask; this is not
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)  # raises what the OS says
    return path


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by this user, if it does not exist yet.

    SQLite gives its -wal and -shm files the same mode as the database file.
    """
    if os.name == "posix" and not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.fchmod(fd, 0o600)  # whatever the umask
        os.close(fd)
