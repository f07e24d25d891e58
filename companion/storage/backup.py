"""Backups: consistent copies through SQLite's backup API, each checked after it is written,
rotated; and restoring one as a sequence a crash at any moment cannot break."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from companion.domain.history import now_local
from companion.i18n import _
from companion.storage.db import SCHEMA_VERSION, inspect_file, log_unreadable, read_only_uri
from companion.storage.errors import (
    READ_ONLY,
    FolderError,
    NotADiaryError,
    StorageError,
    refusal_kind,
    why_refused,
)
from companion.storage.files import (
    BACKUP_DIR,
    BACKUP_STATUS,
    REPLACED_DIR,
    RESTORE_MARKER,
    SIDE_SUFFIXES,
    check_output,
    fsync_file,
    fsync_folder,
    move_without_replacing,
    new_temp,
    output_target,
    remove_leftovers,
    remove_pending_outputs,
    replaced_atomically,
    unique_name,
)
from companion.storage.paths import DB_FILENAME
from companion.storage.schema import quoted
from companion.storage.upgrade import backup_before_migration, fold_in_log

__all__ = [
    "BACKUP_DIR",
    "REPLACED_DIR",
    "BackupStatus",
    "RestoreOutcome",
    "back_up_now",
    "backup_before_migration",
    "backup_status",
    "backup_to",
    "check_backup",
    "copy_database",
    "daily_backup",
    "finish_interrupted_restore",
    "newest_backup",
    "restore",
    "rotate",
    "tidy_data_folder",
]

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.db$")
RESTORING_PREFIX = ".restoring-"


def _folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


# Copies ---------------------------------------------------------------------------------------


class CopyError(StorageError):
    """A copy of the diary could not be made or did not check out; ``str()`` says why."""


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        t: conn.execute(f"SELECT count(*) FROM {quoted(t)}").fetchone()[0] for t in _tables(conn)
    }


def _open_source(source: Path) -> sqlite3.Connection:
    """The diary to copy, read-only; a folder that stops it being read is explained."""
    source = Path(source)
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        if refusal_kind(error) == READ_ONLY:
            raise FolderError(log_unreadable(source)) from error
        raise FolderError(
            _("The diary in {folder} cannot be read for a copy: {reason}.").format(
                folder=source.parent, reason=why_refused(error)
            )
        ) from error
    return conn


def copy_database(source: Path, destination: Path, verify: bool = True) -> Path:
    """A consistent copy of the diary at ``source`` (what is still in its write-ahead log
    included) at ``destination``: a single self-contained file, written beside it and moved
    into place only when complete (mode 0600).

    With ``verify``, the copy is re-opened and checked before it is moved into place: a
    sound diary of the same version (``inspect_file``), holding as many rows in every table
    as the diary did when it was copied. A backup that is empty or incomplete is never kept.

    Raises:
        FolderError: the diary cannot be read. CopyError: the copy did not check out.
        OSError, sqlite3.Error: the destination cannot be written (full, read-only).
    """
    source, destination = Path(source), Path(destination)
    src = _open_source(source)
    try:
        with replaced_atomically(destination) as temp:
            dst = sqlite3.connect(temp)
            try:
                src.execute("BEGIN")  # one snapshot for the counts and the copy
                expected = _counts(src) if verify else {}
                src.backup(dst)
                src.rollback()
                dst.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
            finally:
                dst.close()
            if verify:
                _verify_copy(temp, destination, expected)
    finally:
        src.close()
    return destination


def _verify_copy(temp: Path, destination: Path, expected: dict[str, int]) -> None:
    try:
        version = inspect_file(temp, "copy")
        conn = sqlite3.connect(f"{temp.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            found = _counts(conn)
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except StorageError as error:
        raise CopyError(
            _(
                "The copy {name} did not check out when it was read back ({problem}), so it was "
                "not kept. Your diary itself is unchanged."
            ).format(name=destination.name, problem=error)
        ) from None
    if version == 0 or found != expected or check != "ok":
        raise CopyError(
            _(
                "The copy {name} did not check out (it was read back and differs from the "
                "diary), so it was not kept. Your diary itself is unchanged."
            ).format(name=destination.name)
        )


# Backups and their status ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """The newest backup that was checked good, and the last failure (if later)."""

    last_good: datetime | None = None
    last_good_path: str = ""
    last_failure: datetime | None = None
    failure_reason: str = ""

    @property
    def failed_last(self) -> bool:
        return self.last_failure is not None and (
            self.last_good is None or self.last_failure > self.last_good
        )


def backup_status(data_dir: Path) -> BackupStatus:
    """What the window shows about backups. Without a record yet (a diary from before
    records were kept), the newest copy in ``backups/`` stands as the last good one."""
    path = Path(data_dir) / BACKUP_STATUS
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        data = json.loads(path.read_text(encoding="utf-8"))
        return BackupStatus(
            last_good=_when(data.get("last_good")),
            last_good_path=str(data.get("last_good_path") or ""),
            last_failure=_when(data.get("last_failure")),
            failure_reason=str(data.get("failure_reason") or "")[:500],
        )
    newest = newest_backup(data_dir)
    if newest is None:
        return BackupStatus()
    made = datetime.fromtimestamp(newest.stat().st_mtime).astimezone()
    return BackupStatus(last_good=made, last_good_path=str(newest))


def _when(text) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(str(text))
    return moment if moment.utcoffset() is not None else None


def _record(data_dir: Path, good: Path | None = None, failure: str = "") -> None:
    """Note a backup that checked out, or one that failed. Best effort: a full disk that
    stopped the backup may stop this too; the caller tells the user either way."""
    before = backup_status(data_dir)
    now = now_local()
    data = {
        "last_good": (now if good else before.last_good),
        "last_good_path": str(good) if good else before.last_good_path,
        "last_failure": (now if failure else before.last_failure),
        "failure_reason": failure or before.failure_reason,
    }
    text = json.dumps(
        {
            k: (v.isoformat(timespec="seconds") if isinstance(v, datetime) else v)
            for k, v in data.items()
        },
        indent=1,
    )
    with (
        contextlib.suppress(OSError),
        replaced_atomically(Path(data_dir) / BACKUP_STATUS) as temp,
    ):
        temp.write_text(text, encoding="utf-8")


def _backing_up(data_dir: Path, target: Path, make) -> Path:
    """Run ``make()`` (a backup to ``target``), recording whether it succeeded; what the
    computer refused is said in words (CopyError)."""
    try:
        made = make()
    except StorageError as error:
        _record(data_dir, failure=str(error))
        raise
    except (sqlite3.Error, OSError) as error:
        reason = _(
            "The copy {path} could not be written: {reason}. Your diary itself is unchanged."
        ).format(path=target, reason=why_refused(error))
        _record(data_dir, failure=reason)
        raise CopyError(reason) from error
    _record(data_dir, good=made)
    return made


def backup_to(data_dir: Path, output: Path) -> Path:
    """``backup --output FILE``: a checked copy of the diary in ``data_dir`` at ``output``."""
    source = Path(data_dir) / DB_FILENAME
    if not source.exists():
        raise StorageError(_("There is no diary in {folder} to back up.").format(folder=data_dir))
    # A symbolic link is followed: the copy replaces the file it points to (checked too).
    output = output_target(check_output(output, "my-diary-copy.db", database_copy=True))
    inspect_file(source)
    return _backing_up(Path(data_dir), output, lambda: copy_database(source, output))


def daily_backup(data_dir: Path, today: date) -> Path | None:
    """At start-up, once a day: a checked copy in ``backups/``, then rotate. None if today's
    copy exists already."""
    folder = _folder(Path(data_dir) / BACKUP_DIR)
    target = folder / f"daily-{today.isoformat()}.db"
    made = None
    if not target.exists():
        made = _backing_up(
            Path(data_dir), target, lambda: copy_database(Path(data_dir) / DB_FILENAME, target)
        )
        _note_made(folder, made)
    rotate(folder)
    return made


def back_up_now(data_dir: Path, today: date) -> Path:
    """File → Back up now: today's copy in ``backups/``, made again with everything saved
    so far (it replaces an earlier copy of today only once it has checked out)."""
    folder = _folder(Path(data_dir) / BACKUP_DIR)
    target = folder / f"daily-{today.isoformat()}.db"
    made = _backing_up(
        Path(data_dir), target, lambda: copy_database(Path(data_dir) / DB_FILENAME, target)
    )
    _note_made(folder, made)
    rotate(folder)
    return made


# The order backups were made in. The clock cannot say it: set back (a dead CMOS battery, a
# manual change), "today" names a copy older than the ones already kept, and file times go
# back with it. So each copy gets the next number in ``backups/order.json`` when it has
# checked out, and rotation keeps the newest by that number, never by date or by "now".
ORDER_FILE = "order.json"


def _order(folder: Path) -> dict[str, int]:
    """Each kept copy's place in the order it was made (higher: made later). Copies from
    before the order was kept come first, by the date in their name."""
    known: dict[str, int] = {}
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
        data = json.loads((folder / ORDER_FILE).read_text(encoding="utf-8"))
        known = {str(name): int(number) for name, number in data.items()}
    present = {p.name for p in folder.iterdir() if _DAILY.match(p.name)}
    older = sorted(present - known.keys())
    floor = min(known.values(), default=0) - len(older)
    order = {name: floor + index for index, name in enumerate(older)}
    order.update({name: number for name, number in known.items() if name in present})
    return order


def _note_made(folder: Path, made: Path) -> None:
    """``made`` is the newest copy, whatever the clock says (best effort, like the status)."""
    order = _order(folder)
    order[made.name] = max(order.values(), default=0) + 1
    _write_order(folder, order)


def _write_order(folder: Path, order: dict[str, int]) -> None:
    with contextlib.suppress(OSError), replaced_atomically(folder / ORDER_FILE) as temp:
        temp.write_text(json.dumps(order, indent=1, sort_keys=True), encoding="utf-8")


def rotate(folder: Path, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Keep the ``daily`` copies made last (in the order they were made, whatever the clock
    said then), and the newest copy of each of the ``weekly`` most recent weeks among the
    older ones. Other daily copies are removed; nothing else is touched."""
    order = _order(folder)
    made = sorted(
        (path for path in folder.iterdir() if path.name in order),
        key=lambda path: order[path.name],
        reverse=True,
    )
    keep = set(made[:daily])
    weeks_seen: list[tuple[int, int]] = []
    dated = []
    for path in made[daily:]:
        match = _DAILY.match(path.name)
        with contextlib.suppress(ValueError, AttributeError):
            dated.append((date.fromisoformat(match.group(1)), path))  # type: ignore[union-attr]
    for day, path in sorted(dated, reverse=True):
        week = day.isocalendar()[:2]
        if week not in weeks_seen and len(weeks_seen) < weekly:
            weeks_seen.append(week)
            keep.add(path)
    removed = []
    for path in made:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    if removed:
        _write_order(folder, {name: n for name, n in order.items() if (folder / name).exists()})
    return removed


def newest_backup(data_dir: Path) -> Path | None:
    """The copy made last (by the order kept; other copies in the folder, such as one kept
    before an upgrade, by their file time, after those)."""
    folder = Path(data_dir) / BACKUP_DIR
    if not folder.is_dir():
        return None
    order = _order(folder)
    candidates = [p for p in folder.glob("*.db") if not p.name.startswith(".") and p.is_file()]
    if not candidates:
        return None
    ranked = [p for p in candidates if p.name in order]
    if ranked:
        return max(ranked, key=lambda p: order[p.name])
    return max(candidates, key=lambda p: p.stat().st_mtime)


def check_backup(path: Path) -> int:
    """A backup can be restored only if it is exactly a sound diary this version can read,
    holding only values the app could have saved. Reads only."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(
            _(
                "There is no file {path}. Nothing was restored, and your diary has not been "
                "changed."
            ).format(path=path)
        )
    version = inspect_file(path, "backup")
    if version == 0:
        raise NotADiaryError(
            _(
                "The file {name} cannot be restored: it is an empty database, not a diary "
                "backup. Nothing was restored, and your diary has not been changed."
            ).format(name=path.name)
        )
    return version


# Restoring ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    """What became of a restore that a crash interrupted: ``finished`` (the backup is in
    place) or rolled back (the diary is as it was)."""

    finished: bool
    backup: str
    kept: Path | None

    @property
    def message(self) -> str:
        if self.finished:
            said = _(
                "Restoring the backup {name} was interrupted (the computer stopped or the app "
                "closed before it ended). It has now been finished: your diary is that backup."
            ).format(name=self.backup)
            if self.kept:
                kept = _("The diary it replaced is kept in {path}.").format(path=self.kept)
                said = f"{said} {kept}"
            return said
        return _(
            "Restoring the backup {name} was interrupted and could not be finished, so it was "
            "undone: your diary is as it was before. You can restore the backup again."
        ).format(name=self.backup)


def _sound(path: Path) -> bool:
    try:
        return 0 < inspect_file(path) <= SCHEMA_VERSION
    except (StorageError, sqlite3.Error, OSError):
        return False


def _keep(current: Path, kept: Path) -> None:
    """The diary being replaced, under the name ``kept`` (never replacing a file there):
    a hard link where the file system has them, else a copy of its bytes."""
    try:
        os.link(current, kept)
        return
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    temp = new_temp(kept.parent, ".db")
    try:
        shutil.copyfile(current, temp)
        temp.chmod(0o600)
        fsync_file(temp)
        move_without_replacing(temp, kept)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _private(*paths: Path | None) -> None:
    """Kept copies are readable only by this user (0600), whatever they were before."""
    if os.name != "posix":
        return
    for path in paths:
        if path is not None and path.exists():
            path.chmod(0o600)


def _write_marker(data_dir: Path, info: dict) -> None:
    with replaced_atomically(data_dir / RESTORE_MARKER) as temp:
        temp.write_text(json.dumps(info, indent=1), encoding="utf-8")


def _complete(data_dir: Path, info: dict) -> Path | None:
    """Steps after the marker, each safe to run again: keep the current diary (its log
    folded in first when it is sound), move its -wal/-shm beside the kept copy, put the
    backup in place by one atomic rename, remove the marker."""
    current = data_dir / DB_FILENAME
    staged = data_dir / info["staged"]
    kept = data_dir / REPLACED_DIR / info["kept"] if info.get("kept") else None
    if staged.exists():
        if kept is not None and current.exists() and not kept.exists():
            if _sound(current):
                fold_in_log(current)  # the kept copy then holds everything, WAL included
            _keep(current, kept)
        for suffix in SIDE_SUFFIXES:  # the old diary's log must never meet the new file
            side = Path(f"{current}{suffix}")
            if side.exists():
                target = Path(f"{kept}{suffix}") if kept is not None else None
                if target is None or target.exists():
                    folder = _folder(data_dir / REPLACED_DIR)
                    target = unique_name(folder, f"companion-replaced-{suffix[1:]}", suffix)
                move_without_replacing(side, target)
        _private(kept, *(Path(f"{kept}{s}") for s in SIDE_SUFFIXES) if kept else ())
        os.replace(staged, current)
        fsync_folder(data_dir)
    (data_dir / RESTORE_MARKER).unlink()
    fsync_folder(data_dir)
    return kept


def restore(data_dir: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of the diary in ``data_dir``. Returns where the diary it
    replaces is kept, byte for byte, in ``replaced/`` (None if there was none).

    Nothing may have the diary open, and the caller holds the lock. The sequence: check the
    backup; copy it beside the diary and check the copy; write a marker naming the steps;
    keep the current diary under a new, unique name (its log folded in first); put the copy
    in place by an atomic rename; remove the marker. A crash at any moment leaves either
    the old diary or the backup in place, and the next start finishes the restore
    (``finish_interrupted_restore``).

    Raises:
        StorageError: the backup cannot be restored, or the folder cannot be written;
            nothing changed.
    """
    data_dir = Path(data_dir)
    finish_interrupted_restore(data_dir)
    check_backup(backup)
    if not data_dir.is_dir():
        raise StorageError(
            _("There is no diary folder {folder}. Nothing was restored.").format(folder=data_dir)
        )
    current = data_dir / DB_FILENAME
    staged = None
    marked = False
    try:
        staged = new_temp(data_dir, ".db", prefix=RESTORING_PREFIX)
        copy_database(Path(backup), staged)
        kept = None
        if current.exists():
            folder = _folder(data_dir / REPLACED_DIR)
            stamp = now_local().strftime("%Y-%m-%d-%H%M%S")
            kept = unique_name(folder, f"companion-replaced-{stamp}", ".db")
        info = {
            "backup": Path(backup).name,
            "staged": staged.name,
            "kept": kept.name if kept else None,
            "started": now_local().isoformat(timespec="seconds"),
        }
        _write_marker(data_dir, info)
        marked = True
        return _complete(data_dir, info)
    except (sqlite3.Error, OSError) as error:
        undone = _roll_back(data_dir, staged) if marked else True
        if not marked and staged is not None:
            with contextlib.suppress(OSError):
                staged.unlink()
        said = _("The backup was not restored: {reason}.").format(reason=why_refused(error))
        if undone:
            said = " ".join((said, _("Your diary has not been changed.")))
        raise FolderError(said) from error


def _roll_back(data_dir: Path, staged: Path | None) -> bool:
    """Undo a restore that stopped before the backup was put in place."""
    try:
        if staged is not None and staged.exists():
            staged.unlink()
        (data_dir / RESTORE_MARKER).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def interrupted_restore(data_dir: Path) -> bool:
    """Whether a restore in ``data_dir`` was interrupted and waits to be finished."""
    return (Path(data_dir) / RESTORE_MARKER).exists()


def finish_interrupted_restore(data_dir: Path) -> RestoreOutcome | None:
    """At start-up (holding the lock): finish a restore a crash interrupted, or undo it if
    its copy of the backup does not check out. None when there was none."""
    data_dir = Path(data_dir)
    marker = data_dir / RESTORE_MARKER
    if not marker.exists():
        return None
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
        staged = data_dir / str(info["staged"])
        if staged.parent != data_dir or not staged.name.startswith(RESTORING_PREFIX):
            raise ValueError("not a restore marker the app wrote")
    except (OSError, ValueError, TypeError, KeyError):
        # Not readable: the backup's copy cannot be found, so nothing was put in place.
        marker.unlink()
        return RestoreOutcome(False, "(unknown)", None)
    backup = str(info.get("backup") or "(unknown)")
    if staged.exists():
        try:
            ok = 0 < inspect_file(staged, "backup") <= SCHEMA_VERSION
        except (StorageError, sqlite3.Error, OSError):
            ok = False
        if not ok:
            _roll_back(data_dir, staged)
            return RestoreOutcome(False, backup, None)
    kept = _complete(data_dir, info)
    return RestoreOutcome(True, backup, kept if kept is not None and kept.exists() else None)


def tidy_data_folder(data_dir: Path) -> list[Path]:
    """Remove temporary files crashed or killed runs left in the data folder, its
    ``backups/`` and ``replaced/`` (never one a running process is still writing)."""
    data_dir = Path(data_dir)
    removed = []
    for folder in (data_dir, data_dir / BACKUP_DIR, data_dir / REPLACED_DIR):
        if folder == data_dir and interrupted_restore(data_dir):
            continue  # the restore's copy of the backup is still needed to finish it
        if folder.is_dir():
            removed += remove_leftovers(folder)
    removed += remove_pending_outputs(data_dir)  # in the user's folders: a crashed export
    return removed
