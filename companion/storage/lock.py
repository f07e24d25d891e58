"""The diary's lock file, Qt-free: one window per diary, and a restore that nothing else sees.

Used by the window (held while it is open) and by the command line (held while a backup is
restored). It writes what Qt's ``QLockFile`` writes (process id, program name, host name, one
a line) and holds an ``flock`` on the file, as ``QLockFile`` does on Linux, so a lock taken
by an older version of the app and one taken here keep each other out.

Writes to the diary itself do not take this lock: SQLite's own write lock orders them
(``storage.db.writing`` opens every write with ``BEGIN IMMEDIATE`` and waits up to
``WRITE_WAIT_SECONDS`` for its turn).

A lock is stale, and taken over, when its process is gone or nobody holds the file's
``flock`` any more (a crashed run).
"""

from __future__ import annotations

import contextlib
import enum
import os
import socket
import sys
import time
from pathlib import Path

try:  # POSIX; on Windows the process-id check alone decides
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for the lock (or SQLite's write lock) before it gives up and
#: says so. A write takes milliseconds; ten seconds covers a backup or a slow disk.
WRITE_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05


class LockError(enum.Enum):
    """Why ``try_lock`` failed (the shape of ``QLockFile.LockError``)."""

    NONE = "none"
    HELD = "held"  # another running program holds it
    PERMISSION = "permission"  # the folder cannot be written
    UNKNOWN = "unknown"  # the disk is full, say


class DiaryLock:
    """A lock file at ``path``: ``try_lock(wait)``, ``unlock()``, ``is_locked``, ``error``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.error = LockError.NONE
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def try_lock(self, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to ``wait`` seconds for its holder to let go."""
        if self._fd is not None:
            return True
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            outcome = self._attempt()
            if outcome is not LockError.HELD or time.monotonic() >= deadline:
                self.error = outcome
                return outcome is LockError.NONE
            time.sleep(_POLL_SECONDS)

    def unlock(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None

    def _attempt(self, again: bool = True) -> LockError:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if again and self._take_over_stale():
                return self._attempt(again=False)
            return LockError.HELD
        except PermissionError:
            return LockError.PERMISSION
        except OSError:
            return LockError.UNKNOWN
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, _contents())
            os.fsync(fd)
        except BlockingIOError:  # pragma: no cover - another process took it this instant
            os.close(fd)
            return LockError.HELD
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return LockError.UNKNOWN
        self._fd = fd
        return LockError.NONE

    def _take_over_stale(self) -> bool:
        """Remove the lock file if its holder is gone; True if it was removed (the caller
        then tries once more at once)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return False  # let go meanwhile: the next attempt takes it
        except OSError:
            return False
        try:
            if not _stale(self.path, fd):
                return False
            # Only the file we looked at: another process may have replaced it meanwhile.
            if os.fstat(fd).st_ino != os.stat(self.path).st_ino:
                return False
            self.path.unlink()
            return True
        except OSError:
            return False
        finally:
            os.close(fd)


def _contents() -> bytes:
    program = Path(os.path.realpath(sys.executable)).name
    return f"{os.getpid()}\n{program}\n{socket.gethostname()}\n".encode()


def _stale(path: Path, fd: int) -> bool:
    """Whether the lock file open on ``fd`` is left over: its process is gone, or nobody
    holds its flock (every holder, this module's and QLockFile's, holds one)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        lines, pid = [], 0
    if len(lines) > 2 and lines[2] and lines[2] != socket.gethostname():
        return False  # another computer's (a shared folder): it cannot be checked from here
    if pid and not _alive(pid):
        return True
    if fcntl is None:  # pragma: no cover - Windows
        return not pid
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = ["WRITE_WAIT_SECONDS", "DiaryLock", "LockError"]
