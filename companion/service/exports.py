"""Exports for the team and the patient's own records: the log as CSV."""

from __future__ import annotations

from pathlib import Path

from companion.domain.entries import SEVERITIES, EntryKind
from companion.i18n import N_, _
from companion.service.diary import DiaryService
from companion.service.spreadsheet import EXCEL, CsvDialect, csv_writer, text_cell
from companion.storage.files import check_output, written_atomically

# The column headings, in English here and in the user's language in the file.
HEADER = (
    N_("time"),
    N_("local time"),
    N_("kind"),
    N_("term"),
    N_("value"),
    N_("unit"),
    N_("severity"),
    N_("where or extent"),
    N_("note"),
)


def local_time(moment) -> str:
    """``2026-05-10 08:00:00``: the time as the user saw it, in a form spreadsheets read as a
    date and time (they do not read ISO-8601 with an offset)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def export_csv(service: DiaryService, path: Path, dialect: CsvDialect = EXCEL) -> int:
    """Write every entry (oldest first) to ``path``; return the number of rows.

    Temperatures are in the user's unit, weights in kg, with every stored digit, written
    as ``dialect`` says (decimal point and commas, or decimal commas and semicolons); times
    ISO-8601 with their offset.
    Every field is quoted, and a text cell starting like a formula gets a leading ' (see
    ``service.spreadsheet``). The file is written beside ``path`` and moved into place when
    complete (mode 0600 on POSIX), never onto the diary's own files.
    """
    path = check_output(path, "diary.csv")
    vocabulary = service.settings.vocabulary
    unit = service.settings.temperature_unit
    entries = service.log.entries()
    with (
        written_atomically(path) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv_writer(handle, dialect)
        writer.writerow([_(heading) for heading in HEADER])
        for entry in entries:
            value, value_unit = "", ""
            if entry.kind is EntryKind.TEMPERATURE and entry.value is not None:
                value, value_unit = dialect.number(unit.from_celsius(entry.value)), unit.symbol
            elif entry.kind is EntryKind.WEIGHT and entry.value is not None:
                value, value_unit = dialect.number(entry.value), "kg"
            elif entry.kind is EntryKind.STOOLS and entry.value is not None:
                value, value_unit = f"{int(entry.value)}", _("per day")
            writer.writerow(
                (
                    entry.at.isoformat(timespec="minutes"),
                    local_time(entry.at),
                    text_cell(entry.kind.title),
                    text_cell(vocabulary.label(entry.kind, entry.term)),
                    value,
                    value_unit,
                    "" if entry.severity is None else SEVERITIES[entry.severity],
                    text_cell(entry.detail),
                    text_cell(entry.note),
                )
            )
    return len(entries)
