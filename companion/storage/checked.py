"""What was checked: the diary's fingerprint when the app last knew every value in it.

``inspect_file`` reads every value of a diary before it is opened (``storage.contents``),
so that a file edited or crafted elsewhere cannot stall or crash the app. For a diary of
ten years that is seconds at every start. This module remembers the file as the app left
it — after a full check, and after each of its own writes — so that the next start can
tell whether anything else has written to it since:

* the fingerprint is the file's and its write-ahead log's identity, size, change time
  (``st_ctime_ns``, which no program can set back) and modification time, the header
  fields SQLite updates on every change, and the cumulative checksum of the log's last
  frame (which covers every frame written since the log was started);
* it is kept in ``content-checked.json`` beside the diary (one of the data folder's own
  files, refused as an output), never in the diary itself — a crafted file cannot vouch
  for itself;
* a write by the app counts as checked only when the file matched the record just before
  it; otherwise the record is dropped, and the next start checks every value again.

When the fingerprint matches, the values cannot have changed since the app last saw
them: the start skips only the full read of values (the file's shape is still checked).
Anything else — another program, a restored backup, a file copied in, a lost record — gives
a different fingerprint, and the full check runs as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
from pathlib import Path

from companion.storage.raw_read import read_at

RECORD = "content-checked.json"
_VERSION = 1


def _stat(path: Path) -> list[int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


def _header(path: Path) -> str:
    """SQLite's change counter and schema cookie (bytes 24–27, 40–43, 92–99)."""
    try:
        head = read_at(path, 100)  # never open() and close() the diary: see raw_read
    except OSError:
        return ""
    return head[24:28].hex() + head[40:44].hex() + head[92:100].hex()


def _wal_tail(wal: Path, size: int) -> str:
    """The log's header (its salts) and its last frame's cumulative checksum."""
    if size < 32:
        return ""
    try:
        with open(wal, "rb") as handle:
            head = handle.read(32)
            page_size = struct.unpack(">I", head[8:12])[0]
            frame = 24 + page_size
            frames = (size - 32) // frame if page_size else 0
            tail = b""
            if frames:
                handle.seek(32 + (frames - 1) * frame)
                tail = handle.read(24)
    except (OSError, struct.error):
        return ""
    return head.hex() + tail.hex()


def fingerprint(path: Path) -> dict | None:
    """The diary file at ``path`` as it is now (None when it is not there)."""
    path = Path(path)
    main = _stat(path)
    if main is None:
        return None
    wal = Path(f"{path}-wal")
    wal_stat = _stat(wal)
    if wal_stat is not None and wal_stat[2] == 0:
        wal_stat = None  # an empty log (SQLite makes one at open) holds nothing
    return {
        "version": _VERSION,
        "file": main,
        "header": _header(path),
        "wal": wal_stat,
        "wal_tail": _wal_tail(wal, wal_stat[2]) if wal_stat else "",
    }


def _record_path(path: Path) -> Path:
    return Path(path).parent / RECORD


def recorded(path: Path) -> dict | None:
    try:
        value = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def unchanged_since_checked(path: Path) -> bool:
    """Whether nothing has written to the diary since the app last knew all its values."""
    now = fingerprint(path)
    return now is not None and recorded(path) == now


def remember(path: Path) -> None:
    """The diary at ``path`` is now known to hold only values the app accepts."""
    now = fingerprint(path)
    if now is None:
        return
    # Written in place, not beside and renamed: this runs after every save, and a record
    # torn by a crash is no record (the next start reads every value), never a wrong one.
    data = json.dumps(now).encode("utf-8")
    try:
        # No O_TRUNC: ext4 flushes a file truncated to nothing and written again at close
        # (auto_da_alloc), which would cost milliseconds per save.
        fd = os.open(_record_path(path), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.pwrite(fd, data, 0)
            os.ftruncate(fd, len(data))
        finally:
            os.close(fd)
    except OSError:  # a read-only folder: the next start simply checks everything
        forget(path)


def forget(path: Path) -> None:
    """Something the app did not check may have written to the diary: check it all next."""
    with contextlib.suppress(OSError):
        _record_path(path).unlink()


@contextlib.contextmanager
def own_write(path: Path | None):
    """Around one write by the app: if the diary matched the record before it, it matches
    after it (what the app writes passed its own input checks); if not, the record goes."""
    if path is None:
        yield
        return
    known = unchanged_since_checked(path)
    try:
        yield
    finally:
        if known:
            remember(path)
        else:
            forget(path)
