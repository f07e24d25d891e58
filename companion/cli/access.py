"""Opening the diary for a command, and the one-writer lock."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from companion.cli.common import CommandError


def prepare_data_folder(data_dir: Path) -> None:
    """Before any command: the diary's own files are refused as outputs; a restore a crash
    interrupted is finished (told in one line on stderr); files a killed run left behind
    are removed."""
    from companion.service.files import (
        finish_interrupted_restore,
        interrupted_restore,
        protect_data_folder,
        tidy_data_folder,
    )

    protect_data_folder(data_dir)
    if not data_dir.is_dir():
        return
    if interrupted_restore(data_dir):
        busy = (
            "Transplant Companion is restoring a backup of this diary (or will finish one "
            "that was interrupted). Try again when it has."
        )
        with locked(data_dir, "finish restoring the backup", busy):
            outcome = finish_interrupted_restore(data_dir)
        if outcome is not None:
            print(f"companion: {outcome.message}", file=sys.stderr)
    tidy_data_folder(data_dir)


def open_diary(data_dir: Path, clock, need_setup: bool = True, quiet: bool = False):
    """The diary in ``data_dir``, or CommandError saying what to do. A diary whose only
    fault is a row with a time the app cannot use opens read-only (said on stderr)."""
    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    path = db_path(data_dir)
    if not path.exists():
        raise CommandError(
            f"there is no diary in {data_dir} yet. Create one with 'companion setup …' (see "
            "'companion setup --help') or by opening the app.",
            1,
        )
    service = DiaryService.open(path, clock, read_only_if_unusable=True)
    rows = service.unusable_rows
    if rows and not quiet:
        print(
            f"companion: the diary is open read-only: {rows[0].describe()}, which the app "
            f"cannot use. Fix it with 'companion fix {rows[0].word} {rows[0].row_id} --at "
            "ISO-8601' or '--delete'.",
            file=sys.stderr,
        )
    from companion.service.errors import StorageError

    # What undo can no longer bring back goes (quick when nothing is due). A read-only folder
    # or a full disk: reading still works, and erasing is tried again next time.
    if not rows:
        with contextlib.suppress(StorageError):
            service.erase_expired()
    if need_setup and not service.is_set_up:
        service.close()
        raise CommandError(
            "the diary is not set up yet. Run 'companion setup …' or open the app once.", 1
        )
    return service


def diary_lock(data_dir: Path):
    """The lock that lets only one program hold the diary (the window, a restore); a
    crashed run's is recovered. Qt-free (``storage.lock``)."""
    from companion.service.files import LOCK_FILENAME, DiaryLock

    return DiaryLock(data_dir / LOCK_FILENAME)


@contextlib.contextmanager
def locked(data_dir: Path, doing: str, busy: str = "", wait: float | None = None):
    """Hold the diary's lock while ``doing``, waiting for it up to ``wait`` seconds (by
    default ``WRITE_WAIT_SECONDS``), or say in one line why it cannot be taken: the diary is
    open in the app (``busy``, if given, says it instead), or its folder cannot be written."""
    from companion.service.files import WRITE_WAIT_SECONDS, LockError

    lock = diary_lock(data_dir)
    if not lock.try_lock(WRITE_WAIT_SECONDS if wait is None else wait):
        if lock.error is LockError.HELD:
            raise CommandError(
                busy or f"the diary is open in Transplant Companion. Close it, then {doing}.", 1
            )
        if lock.error is LockError.PERMISSION:
            raise CommandError(
                f"the diary's folder {data_dir} cannot be written to (it may be read-only), "
                f"so the app cannot {doing}. Nothing was changed.",
                1,
            )
        raise CommandError(
            f"the diary's lock cannot be taken (the disk may be full, or the folder "
            f"read-only), so the app cannot {doing}. Nothing was changed.",
            1,
        )
    try:
        yield lock
    finally:
        lock.unlock()
