"""Export the log as CSV: one row per entry, written atomically and privately."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlite_utils import Database

from companion.content.vocabulary import load_vocabulary
from companion.domain.entries import SEVERITIES, EntryKind, TemperatureUnit
from companion.storage.files import check_output, written_atomically
from companion.storage.log_repository import LogRepository

HEADER = ("time", "kind", "term", "value", "unit", "severity", "where or extent", "note")


def export_csv(db: Database, path: Path, unit: TemperatureUnit = TemperatureUnit.CELSIUS) -> int:
    """Write every entry (oldest first) to ``path``; return the number of rows.

    Temperatures are in ``unit``, weights in kg, times ISO-8601 with their offset. The file
    is written beside ``path`` and moved into place when complete (mode 0600 on POSIX).
    """
    path = check_output(path, "diary.csv")
    vocabulary = load_vocabulary()
    entries = LogRepository(db, vocabulary).entries()
    with (
        written_atomically(path) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for entry in entries:
            value, value_unit = "", ""
            if entry.kind is EntryKind.TEMPERATURE and entry.value is not None:
                value, value_unit = f"{unit.from_celsius(entry.value):.1f}", unit.symbol
            elif entry.kind is EntryKind.WEIGHT and entry.value is not None:
                value, value_unit = f"{entry.value:.1f}", "kg"
            elif entry.kind is EntryKind.STOOLS and entry.value is not None:
                value, value_unit = f"{int(entry.value)}", "per day"
            writer.writerow(
                (
                    entry.at.isoformat(timespec="minutes"),
                    entry.kind.title,
                    vocabulary.label(entry.kind, entry.term),
                    value,
                    value_unit,
                    "" if entry.severity is None else SEVERITIES[entry.severity],
                    entry.detail,
                    entry.note,
                )
            )
    return len(entries)
