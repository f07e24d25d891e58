"""The last good backup in the status bar, a warning when it is old or the last one failed,
and File → Back up now. Self-contained: the main window adds it with one call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from companion.domain.days import format_date
from companion.i18n import _, ngettext
from companion.service.errors import REFUSED
from companion.service.files import back_up_now, backup_status
from companion.ui.text import tooltip

# A backup older than this is pointed out (the app makes one each day it is opened).
STALE_AFTER = timedelta(days=2)


def describe(status, now: datetime) -> tuple[str, bool]:
    """(the words for the status bar, whether they are a warning)."""
    if status.failed_last:
        failed = status.last_failure
        if failed is None:
            return (_("⚠ The last backup failed. Use File → Back up now."), True)
        text = _("⚠ The last backup failed ({when}). Use File → Back up now.")
        return (text.format(when=f"{format_date(failed.date())} {failed:%H:%M}"), True)
    if status.last_good is None:
        return (_("⚠ No backup yet. Use File → Back up now."), True)
    when = status.last_good
    shown = f"{format_date(when.date())} {when:%H:%M}"
    if now - when > STALE_AFTER:
        days = (now.date() - when.date()).days
        text = ngettext(
            "⚠ Last good backup: {when}, {count} day ago. Use File → Back up now.",
            "⚠ Last good backup: {when}, {count} days ago. Use File → Back up now.",
            days,
        )
        return (text.format(when=shown, count=days), True)
    return (_("Last good backup: {when}").format(when=shown), False)


class BackupStatusLabel(QLabel):
    """Says when the diary was last backed up (each backup is read back and checked before
    it counts), and warns when that is more than two days ago or the last one failed.

    Signals:
        backed_up(object): File → Back up now made this copy (a Path).
    """

    backed_up = Signal(object)

    def __init__(
        self, data_dir: str, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backup-status")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._data_dir = Path(data_dir) if data_dir else None
        self._clock = clock
        self.warning = False
        self.action = None  # File → Back up now (the window sets it)
        self.refresh()

    def refresh(self) -> None:
        if self._data_dir is None:
            text, self.warning = _("Sample diary: no backups are made."), False
        else:
            status = backup_status(self._data_dir)
            text, self.warning = describe(status, self._clock())
            self.setToolTip(tooltip(status.failure_reason) if status.failed_last else "")
        self.setText(text)
        self.setAccessibleName(_("Backups"))
        self.setAccessibleDescription(text)
        self.setStyleSheet("QLabel { font-weight: bold; }" if self.warning else "")

    @Slot()
    def back_up_now(self) -> Path | None:
        """Make today's copy again with everything saved so far; say how it went."""
        from companion.ui.messages import Messages  # loaded when first needed

        if self._data_dir is None:
            return None
        try:
            made = back_up_now(self._data_dir, self._clock().date())
        except REFUSED as error:
            self.refresh()
            Messages.error(
                self.window(),
                _("The backup could not be made"),
                _(
                    "The copy of your diary could not be made ({reason}). Your diary itself is "
                    "unchanged. If the disk is full, free some space, then try again."
                ).format(reason=error),
            )
            return None
        self.refresh()
        Messages.info(
            self.window(),
            _("Backed up"),
            _("A copy of your diary was made and checked: {file}.").format(file=made),
        )
        self.backed_up.emit(made)
        return made
