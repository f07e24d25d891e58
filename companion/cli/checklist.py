"""``companion checklist``: a phase checklist as a PDF, without a screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.cli.common import CommandError
from companion.domain.journey import Phase
from companion.i18n import _, ngettext

PHASE_CHOICES = (*(phase.value for phase in Phase), "all")


def add_parser(commands) -> None:
    """``checklist``."""
    checklist = commands.add_parser(
        "checklist",
        help=_("save a phase checklist as a PDF to print (works without a screen)"),
        description=_("Save a phase checklist, or all of them, as a PDF for printing."),
    )
    checklist.add_argument(
        "--phase",
        required=True,
        metavar="PHASE",
        help=_("one of: {phases} (all = every phase, each on new pages)").format(
            phases=", ".join(PHASE_CHOICES)
        ),
    )
    checklist.add_argument("--output", required=True, type=Path, metavar="FILE.pdf")
    checklist.add_argument(
        "--blank",
        action="store_true",
        help=_("empty boxes, for a fresh sheet (default: your ticks)"),
    )


def _checklist(args, data_dir: Path, clock) -> int:
    """``checklist --phase PHASE --output FILE.pdf [--blank]``: no screen needed."""
    if args.phase not in PHASE_CHOICES:
        raise CommandError(
            _("unknown phase {phase}. Choose one of: {phases}.").format(
                phase=repr(args.phase), phases=", ".join(PHASE_CHOICES)
            )
        )

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from companion.printing.checklist_data import build_sheet
    from companion.printing.pdf import check_output, write_sheet_pdf
    from companion.service.diary import DiaryService
    from companion.service.files import db_path

    output = check_output(args.output)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    phases = list(Phase) if args.phase == "all" else [Phase(args.phase)]
    path = db_path(data_dir)
    service = DiaryService.open(path, clock) if path.exists() else None
    try:
        today = clock().date()
        sheet = build_sheet(service, phases, today, blank=args.blank)
        pages = write_sheet_pdf(sheet, output)
    finally:
        if service is not None:
            service.close()
    if sheet.kind:
        said = ngettext("Saved {count} page to {file}.", "Saved {count} pages to {file}.", pages)
    else:
        said = ngettext(
            "Saved {count} page to {file} (a general sheet: no diary is set up here).",
            "Saved {count} pages to {file} (a general sheet: no diary is set up here).",
            pages,
        )
    print(said.format(count=pages, file=output))
    return 0


COMMANDS = {"checklist": _checklist}
