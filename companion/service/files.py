"""Files around the diary, for the front ends: where it lives, outputs written safely and
privately (never onto the diary's own files), backups, restoring one, and finishing a
restore a crash interrupted. (Front ends never import storage themselves.)"""

from companion.storage.backup import (
    BACKUP_DIR,
    REPLACED_DIR,
    BackupStatus,
    RestoreOutcome,
    back_up_now,
    backup_status,
    backup_to,
    check_backup,
    daily_backup,
    finish_interrupted_restore,
    interrupted_restore,
    newest_backup,
    restore,
    tidy_data_folder,
)
from companion.storage.files import (
    LOCK_FILENAME,
    check_output,
    protect_data_folder,
    written_atomically,
)
from companion.storage.lock import WRITE_WAIT_SECONDS, DiaryLock, LockError
from companion.storage.paths import DB_FILENAME, db_path, ensure_data_dir

__all__ = [
    "BACKUP_DIR",
    "DB_FILENAME",
    "LOCK_FILENAME",
    "REPLACED_DIR",
    "WRITE_WAIT_SECONDS",
    "BackupStatus",
    "DiaryLock",
    "LockError",
    "RestoreOutcome",
    "back_up_now",
    "backup_status",
    "backup_to",
    "check_backup",
    "check_output",
    "daily_backup",
    "db_path",
    "ensure_data_dir",
    "finish_interrupted_restore",
    "interrupted_restore",
    "newest_backup",
    "protect_data_folder",
    "restore",
    "tidy_data_folder",
    "written_atomically",
]
