"""Save a checklist sheet as a PDF file, atomically and privately."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPdfWriter

from companion.i18n import _
from companion.printing.checklist_layout import layout_checklist
from companion.printing.checklist_sheet import Sheet
from companion.printing.paged import prepare_device, print_document
from companion.printing.pdf_tags import add_tags, document_language
from companion.service.errors import OutputError
from companion.service.files import check_output as check_output_path
from companion.service.files import written_atomically

PDF_DPI = 300


def check_output(path: Path) -> Path:
    """Refuse a path where the PDF cannot be written, before any work is done."""
    return check_output_path(path, "checklist.pdf")


def sheet_title(sheet: Sheet) -> str:
    """ "Checklist - Waiting for engraftment", or "Checklist - all phases" (a plain hyphen:
    cups-pdf mangles an em dash)."""
    if len(sheet.phases) == 1:
        return _("Checklist - {phase}").format(phase=sheet.phases[0].phase.title)
    return _("Checklist - all phases")


def write_sheet_pdf(sheet: Sheet, path: Path) -> int:
    """Write ``sheet`` to ``path`` and return its page count.

    The PDF is written to a temporary file beside ``path`` and moved into place only
    when complete, so a failure leaves no file behind. POSIX mode 0600: it holds health
    information.
    """
    path = check_output(path)
    with written_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setTitle(sheet_title(sheet))
        writer.setCreator("Transplant Companion")
        writer.setAuthor("Transplant Companion")
        prepare_device(writer)
        doc = layout_checklist(sheet, writer, PDF_DPI)
        pages = print_document(doc, writer, sheet.footer, PDF_DPI)
        del writer  # the file is complete once the writer is gone
        if temp.stat().st_size == 0:
            raise OutputError(_("Could not write {path}.").format(path=path))
        add_tags(
            temp,
            language=document_language(),
            subject=_("Checklist from Transplant Companion"),
        )
    return pages
