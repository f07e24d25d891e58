"""Blood counts and transfusions as CSV, beside the log's export."""

from __future__ import annotations

from pathlib import Path

from companion.service.diary import DiaryService
from companion.service.exports import local_time
from companion.service.spreadsheet import csv_writer
from companion.storage.files import check_output, written_atomically

COUNTS_HEADER = (
    "time",
    "local time",
    "kind",
    "ANC (x10^9/L)",
    "ANC worked out",
    "WBC (x10^9/L)",
    "neutrophils (%)",
    "platelets (x10^9/L)",
    "haemoglobin (g/L)",
    "transfusion",
    # Issue 21: immune counts, as stored.
    "lymphocytes (x10^9/L)",
    "CD4 (cells/uL)",
    "IgG (g/L)",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def export_counts_csv(service: DiaryService, path: Path) -> int:
    """Write every blood count and transfusion (oldest first) to ``path``; return the rows.

    Counts in ×10⁹/L and haemoglobin in g/L, as stored (the header names the units); a
    transfusion has its date only (it is logged by date). Written atomically, mode 0600.
    """
    path = check_output(path, "counts.csv")
    rows: list[tuple[str, tuple[str, ...]]] = []
    for lab in service.labs():
        rows.append(
            (
                lab.at.isoformat(),
                (
                    lab.at.isoformat(timespec="minutes"),
                    local_time(lab.at),
                    "blood counts",
                    _number(lab.anc),
                    "yes" if lab.anc_computed else "",
                    _number(lab.wbc),
                    _number(lab.neutrophil_percent),
                    _number(lab.platelets),
                    _number(lab.hb),
                    "",
                    _number(lab.lymphocytes),
                    _number(lab.cd4),
                    _number(lab.igg),
                ),
            )
        )
    for transfusion in service.transfusions():
        day = transfusion.on.isoformat()
        rows.append(
            (
                day,
                (day, day, "transfusion", "", "", "", "", "", "", transfusion.product, "", "", ""),
            )
        )
    for at in service.immunity.ivig():  # issue 21: IVIG infusions as events
        empty = ("",) * (len(COUNTS_HEADER) - 3)
        rows.append(
            (
                at.isoformat(),
                (at.isoformat(timespec="minutes"), local_time(at), "IVIG infusion", *empty),
            )
        )
    # Sorted by local date and time (a transfusion's date before that day's counts).
    rows.sort(key=lambda row: row[0])
    with (
        written_atomically(path) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv_writer(handle)  # every field quoted, as the log's export
        writer.writerow(COUNTS_HEADER)
        writer.writerows(row for _, row in rows)
    return len(rows)
