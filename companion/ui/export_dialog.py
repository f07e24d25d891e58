"""File → Export diary log…: choose a file, write the CSV, say what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from companion.i18n import _, ngettext
from companion.service.errors import OutputError
from companion.service.exports import export_csv
from companion.ui.diary import Diary
from companion.ui.folders import documents_folder, file_name
from companion.ui.messages import Messages


class ExportSeams:
    """The blocking file dialog, behind a seam tests replace."""

    @staticmethod
    def ask_csv_path(parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent, _("Export diary log"), suggested, _("CSV files (*.csv)")
        )
        return path or None

    @staticmethod
    def ask_ics_path(parent: QWidget, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Save appointments to a calendar file"),
            suggested,
            _("Calendar files (*.ics)"),
        )
        return path or None


def export_log(diary: Diary, parent: QWidget) -> Path | None:
    service = diary.service
    # Translators: the file name offered when exporting the log; letters, digits and
    # hyphens only (accents are dropped).
    name = _("transplant-diary-{date}.csv").format(date=f"{service.today():%Y-%m-%d}")
    suggested = str(documents_folder() / file_name(name))
    chosen = ExportSeams.ask_csv_path(parent, suggested)
    if not chosen:
        return None
    try:
        rows = export_csv(service, Path(chosen))
    except (OutputError, OSError) as error:
        Messages.error(parent, _("The log could not be exported"), str(error))
        return None
    said = ngettext("Wrote {count} entry to {file}.", "Wrote {count} entries to {file}.", rows)
    Messages.info(parent, _("Diary log exported"), said.format(count=rows, file=chosen))
    return Path(chosen)


def export_calendar(diary: Diary, parent: QWidget) -> Path | None:
    """Save every appointment to a calendar file (.ics) for a phone or a carer's calendar."""
    from companion.service.ics import export_ics

    # Translators: the file name offered for the appointments' calendar file.
    suggested = documents_folder() / file_name(_("transplant-appointments.ics"))
    chosen = ExportSeams.ask_ics_path(parent, str(suggested))
    if not chosen:
        return None
    try:
        count = export_ics(diary.service, Path(chosen))
    except (OutputError, OSError) as error:
        Messages.error(parent, _("The calendar file could not be saved"), str(error))
        return None
    said = ngettext(
        "Wrote {count} appointment to {file}. Open it on your phone or in your calendar to add it.",
        "Wrote {count} appointments to {file}. Open it on your phone or in your calendar to "
        "add them.",
        count,
    )
    Messages.info(parent, _("Calendar file saved"), said.format(count=count, file=chosen))
    return Path(chosen)
