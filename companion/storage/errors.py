"""What storage refuses, each with a message for the user, and SQLite's error codes."""

from __future__ import annotations

import errno
import sqlite3

from companion.i18n import N_, _


class StorageError(Exception):
    """The diary file cannot be used; ``str()`` is a message for the user."""


class NewerSchemaError(StorageError):
    """The file was written by a newer version of the app. It is left untouched."""


class NotADiaryError(StorageError):
    """The file is not a diary this app saved (not SQLite, another program's database, a
    diary changed by another program). It is left untouched."""


class DamagedDiaryError(NotADiaryError):
    """The file is SQLite but damaged (truncated, corrupted). It is left untouched."""


class FolderError(StorageError):
    """The diary's folder cannot be written (read-only, full). Nothing was changed."""


class WriteError(StorageError):
    """A change could not be saved (disk full, folder read-only…). Nothing was half-written:
    the transaction was rolled back. ``str()`` says what to do."""


class RestoreInterruptedError(StorageError):
    """A restore was interrupted (a crash, a power cut): it must be finished (see
    ``storage.backup.finish_interrupted_restore``) before the diary is opened."""


# SQLite's primary result codes (https://www.sqlite.org/rescode.html); the extended codes
# Python reports carry the primary one in their low byte.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED = 3, 5, 6
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14


def error_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``error`` (None when Python gives none)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


FULL, READ_ONLY, BUSY, DISK, OTHER = "full", "read-only", "busy", "disk", "other"
# Marked here, translated when said (the language is chosen after import).
_WORDS = {
    FULL: N_("the disk is full"),
    READ_ONLY: N_("the folder cannot be written to (it may be read-only)"),
    BUSY: N_("the diary is busy in another program"),
    DISK: N_("the disk reported an error"),
}


def refusal_kind(error: BaseException) -> str:
    """What kind of refusal ``error`` is (FULL, READ_ONLY, BUSY, DISK or OTHER), from
    SQLite's result code or the OS's errno — never from the message text."""
    if isinstance(error, sqlite3.Error):
        code = error_code(error)
        if code == SQLITE_FULL:
            return FULL
        if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
            return READ_ONLY
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return BUSY
        if code == SQLITE_IOERR:
            return DISK
        return OTHER
    number = getattr(error, "errno", None)
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FULL
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return READ_ONLY
    if number == errno.EIO:
        return DISK
    return OTHER


def why_refused(error: BaseException) -> str:
    """Why the computer refused a write, in words: "the disk is full"…"""
    kind = refusal_kind(error)
    if kind in _WORDS:
        return _(_WORDS[kind])
    reason = getattr(error, "strerror", None) or str(error)
    return _("the computer refused ({reason})").format(reason=reason)
