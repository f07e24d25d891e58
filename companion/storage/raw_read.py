"""Reading bytes of a database file without dropping SQLite's locks on it.

POSIX advisory locks belong to a process and a file, not to a descriptor: closing *any*
descriptor of a file releases every lock the process holds on it, the SQLite connection's
included ("How To Corrupt An SQLite Database File", section 2.2,
https://www.sqlite.org/howtocorrupt.html). Then another program may take the file as
unused — the last connection to close folds the write-ahead log in and deletes it — while
this one still writes: entries are lost and the file is damaged. That happened with the
command line and the window writing at once, when the diary's header was read with
``open()`` inside a write.

So every read of a file that may be open in SQLite in this process goes through a
descriptor that is opened once and never closed (as SQLite itself keeps them), one per file
(device and inode). On Windows, where locks work differently, a plain read is used.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

_descriptors: dict[tuple[int, int], int] = {}
_guard = threading.Lock()


def _descriptor(path: Path) -> int:
    found = os.stat(path)
    key = (found.st_dev, found.st_ino)
    with _guard:
        fd = _descriptors.get(key)
        if fd is None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            opened = os.fstat(fd)
            key = (opened.st_dev, opened.st_ino)  # replaced meanwhile: keyed by what it is
            fd = _descriptors.setdefault(key, fd)
        return fd


def read_at(path: Path, size: int, offset: int = 0) -> bytes:
    """Up to ``size`` bytes of ``path`` from ``offset``; never closes a descriptor of it.

    Raises:
        OSError: the file cannot be read.
    """
    path = Path(path)
    if sys.platform == "win32" or not hasattr(os, "pread"):  # pragma: no cover - Windows
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read(size)
    return os.pread(_descriptor(path), size, offset)


def read_all(path: Path, block: int = 1 << 20):
    """The file's bytes, a block at a time (for a digest)."""
    offset = 0
    while True:
        chunk = read_at(path, block, offset)
        if not chunk:
            return
        yield chunk
        offset += len(chunk)
