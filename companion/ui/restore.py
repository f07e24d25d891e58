"""File → Restore from backup…: choose a backup, check it, confirm; the window then closes
and the application puts the backup in place (the current diary is kept in replaced/) and
opens the diary again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from companion.i18n import _


class RestoreSeams:
    """Blocking dialogs for "Restore from backup…", behind a seam tests replace."""

    @staticmethod
    def ask_backup(parent: QWidget, folder: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            parent, _("Restore from backup"), folder, _("Diary backups (*.db)")
        )
        return path or None

    @staticmethod
    def confirm(parent: QWidget, name: str) -> bool:
        from companion.ui.confirm import ConfirmDialog

        return ConfirmDialog.ask(
            parent,
            _("Restore from backup"),
            _(
                "Replace your diary with the backup {name}? The diary you have now is kept "
                "in the 'replaced' folder, so nothing is lost."
            ).format(name=name),
            _("Restore"),
        )


def choose_backup(parent: QWidget, data_dir: str) -> Path | None:
    """Ask for a backup, check it can be restored and confirm: the backup to restore, or
    None (the user told why when it cannot be)."""
    from companion.service.errors import StorageError
    from companion.service.files import BACKUP_DIR, check_backup
    from companion.ui.messages import Messages

    if not data_dir:
        Messages.info(parent, _("Restore from backup"), _("The sample diary has no backups."))
        return None
    chosen = RestoreSeams.ask_backup(parent, str(Path(data_dir) / BACKUP_DIR))
    if not chosen:
        return None
    try:
        check_backup(Path(chosen))
    except StorageError as error:
        Messages.error(parent, _("This backup cannot be restored"), str(error))
        return None
    if RestoreSeams.confirm(parent, Path(chosen).name):
        return Path(chosen)
    return None
