"""``companion report``: the visit report as a PDF, without a screen."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

from companion.cli.access import open_diary
from companion.cli.common import CommandError, iso_date
from companion.i18n import _, ngettext

SECTIONS = (
    "summary",
    "alerts",
    "temperature",
    "counts",
    "symptoms",
    "medicines",  # issue 20
    "questions",
    "notes",
)


def add_parser(commands) -> None:
    """``report``."""
    report = commands.add_parser(
        "report",
        help=_("save the visit report for the clinic as a PDF (works without a screen)"),
        description=_(
            "Save the visit report: what the diary holds for a period, with charts, "
            "and the questions for the next visit. Default period: since the last clinic "
            "visit, or the last 14 days."
        ),
    )
    report.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--from", dest="first", type=iso_date, metavar="DATE")
    report.add_argument("--to", dest="last", type=iso_date, metavar="DATE")
    report.add_argument(
        "--sections",
        metavar="LIST",
        help=_("which sections, separated by commas (default: all): {sections}").format(
            sections=", ".join(SECTIONS)
        ),
    )


def _report(args, data_dir: Path, clock) -> int:
    """``report --output FILE.pdf [--from DATE] [--to DATE] [--sections LIST]``."""
    from companion.service.report import Period, default_period, parse_sections

    sections = None
    if args.sections is not None:
        try:
            sections = parse_sections(args.sections)
        except ValueError as error:
            raise CommandError(_("--sections: {error}.").format(error=error)) from None
    if args.first and args.last and args.first > args.last:
        raise CommandError(_("--from must not be after --to."))
    today = clock().date()
    if args.first and args.first > today:
        raise CommandError(_("--from is in the future: the report covers days already lived."))
    from companion.service.files import check_output

    output = check_output(args.output, "visit-report.pdf")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.report_pdf import write_report_pdf
    from companion.service.report import gather_report

    service = open_diary(data_dir, clock)
    try:
        if args.first or args.last:
            last = args.last or today
            first = args.first or last - timedelta(days=13)
            if first > last:
                raise CommandError(_("--from must not be after --to."))
            period = Period(first, last, _("the dates chosen"))
        else:
            period = default_period(service)
        _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        data = gather_report(service, period, sections)
        pages = write_report_pdf(data, output)
    finally:
        service.close()
    from companion.domain.days import format_date

    print(
        ngettext(
            "Saved the visit report ({count} page) to {file}: {first} to {last}, {reason}.",
            "Saved the visit report ({count} pages) to {file}: {first} to {last}, {reason}.",
            pages,
        ).format(
            count=pages,
            file=output,
            first=format_date(period.first),
            last=format_date(period.last),
            reason=_(period.reason),
        )
    )
    return 0


COMMANDS = {"report": _report}
