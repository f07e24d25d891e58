"""``companion export``: the diary as CSV, a spreadsheet or a FHIR bundle."""

from __future__ import annotations

from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError
from companion.i18n import _, ngettext


def add_parser(commands) -> None:
    """``export``."""
    export = commands.add_parser(
        "export",
        help=_("write the diary to files: the log as CSV, the counts as CSV, everything as .xlsx"),
        description=_("Write the diary for your team or your own charts. Give one or more."),
    )
    export.add_argument(
        "--csv", type=Path, metavar="FILE.csv", help=_("the diary log, one row per entry")
    )
    export.add_argument(
        "--counts-csv",
        type=Path,
        metavar="FILE.csv",
        help=_("blood counts and transfusions, one row each"),
    )
    export.add_argument(
        "--fhir",
        type=Path,
        metavar="FILE.json",
        help=_(
            "a FHIR R4 Bundle for a clinic's systems: readings, counts, symptoms and "
            "appointments with LOINC codes"
        ),
    )
    export.add_argument(
        "--csv-dialect",
        choices=("excel", "excel-eu"),
        default="excel",
        help=_(
            "excel (default): commas and decimal points; excel-eu: semicolons and decimal "
            "commas, for spreadsheets in German, French and other decimal-comma languages"
        ),
    )
    export.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE.xlsx",
        help=_(
            "a spreadsheet with one sheet per kind (log entries by kind, counts, "
            "transfusions, alerts, appointments, questions)"
        ),
    )


def _export(args, data_dir: Path, clock) -> int:
    """``export [--csv FILE] [--counts-csv FILE] [--xlsx FILE] [--fhir FILE]``."""
    from companion.service.files import check_output

    if not (args.csv or args.counts_csv or args.xlsx or args.fhir):
        raise CommandError(
            _("say what to write: --csv FILE, --counts-csv FILE, --xlsx FILE or --fhir FILE.")
        )
    for path, example in (
        (args.csv, "diary.csv"),
        (args.counts_csv, "counts.csv"),
        (args.xlsx, "diary.xlsx"),
        (args.fhir, "diary-fhir.json"),
    ):
        if path is not None:
            check_output(path, example)  # every path refused before any file is written
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CommandError(
            _("{file} should end in .xlsx, for example diary.xlsx.").format(file=args.xlsx)
        )
    from companion.service.spreadsheet import DIALECTS

    dialect = DIALECTS[args.csv_dialect]
    service = open_diary(data_dir, clock, need_setup=False)
    try:
        if args.csv:
            from companion.service.exports import export_csv

            rows = export_csv(service, args.csv, dialect)
            print(
                ngettext(
                    "Wrote {count} entry to {file}.", "Wrote {count} entries to {file}.", rows
                ).format(count=rows, file=args.csv)
            )
        if args.counts_csv:
            from companion.service.counts_export import export_counts_csv

            rows = export_counts_csv(service, args.counts_csv, dialect)
            print(
                ngettext(
                    "Wrote {count} blood count and transfusion rows to {file}.",
                    "Wrote {count} blood count and transfusion rows to {file}.",
                    rows,
                ).format(count=rows, file=args.counts_csv)
            )
        if args.xlsx:
            from companion.service.workbook import export_xlsx

            sheets = export_xlsx(service, args.xlsx)
            print(
                _("Wrote {sheets} sheets ({rows} rows) to {file}: {names}.").format(
                    sheets=len(sheets),
                    rows=sum(sheets.values()),
                    file=args.xlsx,
                    names=", ".join(sheets),
                )
            )
        if args.fhir:
            from companion.service.fhir import export_fhir

            count = export_fhir(service, args.fhir)
            print(
                ngettext(
                    "Wrote a FHIR R4 bundle of {count} resources to {file}.",
                    "Wrote a FHIR R4 bundle of {count} resources to {file}.",
                    count,
                ).format(count=count, file=args.fhir)
            )
    finally:
        service.close()
    return 0


COMMANDS = {"export": _export}
