"""Blood counts and transfusions as CSV, beside the log's export."""

from __future__ import annotations

from pathlib import Path

from companion.i18n import N_, _
from companion.service.diary import DiaryService
from companion.service.exports import local_time
from companion.service.spreadsheet import EXCEL, CsvDialect, csv_writer
from companion.storage.files import check_output, written_atomically

COUNTS_HEADER = (
    N_("time"),
    N_("local time"),
    N_("kind"),
    N_("ANC (x10^9/L)"),
    N_("ANC worked out"),
    N_("WBC (x10^9/L)"),
    N_("neutrophils (%)"),
    N_("platelets (x10^9/L)"),
    N_("haemoglobin (g/L)"),
    N_("transfusion"),
    # Issue 21: immune counts, as stored.
    N_("lymphocytes (x10^9/L)"),
    N_("CD4 (cells/uL)"),
    N_("IgG (g/L)"),
)


def export_counts_csv(service: DiaryService, path: Path, dialect: CsvDialect = EXCEL) -> int:
    """Write every blood count and transfusion (oldest first) to ``path``; return the rows.

    Counts in ×10⁹/L and haemoglobin in g/L, as stored (the header names the units); a
    transfusion has its date only (it is logged by date). Written atomically, mode 0600.
    """
    path = check_output(path, "counts.csv")
    rows: list[tuple[tuple[str, str], tuple[str, ...]]] = []
    for lab in service.labs.all():
        rows.append(
            (
                (lab.at.date().isoformat(), lab.at.strftime("%H:%M:%S")),
                (
                    lab.at.isoformat(timespec="minutes"),
                    local_time(lab.at),
                    _("blood counts"),
                    dialect.number(lab.anc),
                    _("yes") if lab.anc_computed else "",
                    dialect.number(lab.wbc),
                    dialect.number(lab.neutrophil_percent),
                    dialect.number(lab.platelets),
                    dialect.number(lab.hb),
                    "",
                    dialect.number(lab.lymphocytes),
                    dialect.number(lab.cd4),
                    dialect.number(lab.igg),
                ),
            )
        )
    for transfusion in service.labs.transfusions():
        day = transfusion.on.isoformat()
        rows.append(
            (
                (day, ""),
                (
                    day,
                    day,
                    _("transfusion"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    transfusion.product,
                    "",
                    "",
                    "",
                ),
            )
        )
    for at in service.immunity.ivig():  # IVIG infusions as events
        empty = ("",) * (len(COUNTS_HEADER) - 3)
        rows.append(
            (
                (at.date().isoformat(), at.strftime("%H:%M:%S")),
                (at.isoformat(timespec="minutes"), local_time(at), _("IVIG infusion"), *empty),
            )
        )
    # Sorted by local date and time (a transfusion's date before that day's counts).
    rows.sort(key=lambda row: row[0])
    with (
        written_atomically(path) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv_writer(handle, dialect)  # every field quoted, as the log's export
        writer.writerow([_(heading) for heading in COUNTS_HEADER])
        writer.writerows(row for _key, row in rows)
    return len(rows)
