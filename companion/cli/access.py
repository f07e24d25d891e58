"""Opening the diary for a command, and the one-writer lock."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from companion.cli.common import CommandError
from companion.i18n import N_, _


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
        busy = _(
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
            _(
                "there is no diary in {folder} yet. Create one with 'companion setup …' (see "
                "'companion setup --help') or by opening the app."
            ).format(folder=data_dir),
            1,
        )
    service = DiaryService.open(path, clock, read_only_if_unusable=True)
    rows = service.unusable_rows
    if rows and not quiet:
        print(
            _(
                "companion: the diary is open read-only: {row}, which the app cannot use. Fix "
                "it with 'companion fix {word} {id} --at ISO-8601' or '--delete'."
            ).format(row=rows[0].describe(), word=rows[0].word, id=rows[0].row_id),
            file=sys.stderr,
        )
    from companion.service.errors import StorageError

    # What undo can no longer bring back goes (quick when nothing is due). A read-only folder
    # or a full disk: reading still works, and erasing is tried again next time.
    if not rows:
        with contextlib.suppress(StorageError):
            service.erase_expired()
    if need_setup and not service.transplants.is_set_up:
        service.close()
        raise CommandError(
            _("the diary is not set up yet. Run 'companion setup …' or open the app once."), 1
        )
    return service


def diary_lock(data_dir: Path):
    """The lock that lets only one program hold the diary (the window, a restore); a
    crashed run's is recovered. Qt-free (``storage.lock``)."""
    from companion.service.files import LOCK_FILENAME, DiaryLock

    return DiaryLock(data_dir / LOCK_FILENAME)


# Why the lock cannot be taken, for each thing done under it: (open in the app, folder
# read-only, lock file refused), whole sentences (translated when said).
_LOCK_REFUSALS = {
    "restore": (
        N_("the diary is open in Transplant Companion. Close it, then restore."),
        N_(
            "the diary's folder {folder} cannot be written to (it may be read-only), so the "
            "app cannot restore. Nothing was changed."
        ),
        N_(
            "the diary's lock cannot be taken (the disk may be full, or the folder "
            "read-only), so the app cannot restore. Nothing was changed."
        ),
    ),
    "finish restoring the backup": (
        N_(
            "the diary is open in Transplant Companion. Close it, then finish restoring the backup."
        ),
        N_(
            "the diary's folder {folder} cannot be written to (it may be read-only), so the "
            "app cannot finish restoring the backup. Nothing was changed."
        ),
        N_(
            "the diary's lock cannot be taken (the disk may be full, or the folder "
            "read-only), so the app cannot finish restoring the backup. Nothing was changed."
        ),
    ),
}


@contextlib.contextmanager
def locked(data_dir: Path, doing: str, busy: str = "", wait: float | None = None):
    """Hold the diary's lock while ``doing`` ("restore", "finish restoring the backup"),
    waiting for it up to ``wait`` seconds (by default ``WRITE_WAIT_SECONDS``), or say in one
    line why it cannot be taken: the diary is open in the app (``busy``, if given, says it
    instead), or its folder cannot be written."""
    from companion.service.files import WRITE_WAIT_SECONDS, LockError

    held, permission, refused = _LOCK_REFUSALS[doing]
    lock = diary_lock(data_dir)
    if not lock.try_lock(WRITE_WAIT_SECONDS if wait is None else wait):
        if lock.error is LockError.HELD:
            raise CommandError(busy or _(held), 1)
        if lock.error is LockError.PERMISSION:
            raise CommandError(_(permission).format(folder=data_dir), 1)
        raise CommandError(_(refused), 1)
    try:
        yield lock
    finally:
        lock.unlock()
