"""File → Export diary log…: choose a file, write the CSV, say what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.storage.export import export_csv
from companion.storage.files import OutputError
from companion.ui.diary import Diary
from companion.ui.messages import Messages


class ExportSeams:
    """The blocking file dialog, behind a seam tests replace."""

    @staticmethod
    def ask_csv_path(parent: QWidget, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export diary log", suggested, "CSV files (*.csv)"
        )
        return path or None


def export_log(diary: Diary, parent: QWidget) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / f"transplant-diary-{diary.today():%Y-%m-%d}.csv")
    chosen = ExportSeams.ask_csv_path(parent, suggested)
    if not chosen:
        return None
    try:
        rows = export_csv(diary.db, Path(chosen), diary.temperature_unit)
    except (OutputError, OSError) as error:
        Messages.error(parent, "The log could not be exported", str(error))
        return None
    Messages.info(parent, "Diary log exported", f"Wrote {rows} entries to {chosen}.")
    return Path(chosen)
