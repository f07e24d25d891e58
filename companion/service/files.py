"""Files around the diary, for the front ends: where it lives, outputs written safely and
privately, backups and restoring one. (Front ends never import storage themselves.)"""

from companion.storage.backup import (
    BACKUP_DIR,
    REPLACED_DIR,
    backup_to,
    check_backup,
    daily_backup,
    newest_backup,
    restore,
)
from companion.storage.files import check_output, written_atomically
from companion.storage.paths import DB_FILENAME, db_path, ensure_data_dir

__all__ = [
    "BACKUP_DIR",
    "DB_FILENAME",
    "REPLACED_DIR",
    "backup_to",
    "check_backup",
    "check_output",
    "daily_backup",
    "db_path",
    "ensure_data_dir",
    "newest_backup",
    "restore",
    "written_atomically",
]
