"""Save a checklist sheet as a PDF file, atomically and privately."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QPdfWriter

from companion.printing.checklist_sheet import Sheet, render_checklist_html
from companion.printing.paged import prepare_device, print_html

PDF_DPI = 300


class OutputError(Exception):
    """The PDF cannot be written where asked; ``str()`` says why, for the user."""


def check_output(path: Path) -> Path:
    """Refuse a folder that does not exist or cannot be written, before any work is done."""
    path = Path(path).expanduser()
    folder = path.parent.resolve() if str(path.parent) else Path.cwd()
    if path.is_dir():
        raise OutputError(f"{path} is a folder. Please give a file name, like checklist.pdf.")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder. Please choose a folder.")
    if not folder.is_dir():
        raise OutputError(f"The folder {folder} does not exist. Please create it first.")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"Cannot write in {folder}: permission denied.")
    return path


def write_sheet_pdf(sheet: Sheet, path: Path) -> int:
    """Write ``sheet`` to ``path`` and return its page count.

    The PDF is written to a temporary file beside ``path`` and moved into place only
    when complete, so a failure leaves no file behind. POSIX mode 0600: it holds health
    information.
    """
    path = check_output(path)
    fd, temp_name = tempfile.mkstemp(prefix=".checklist-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setTitle("Transplant Companion checklist")
        writer.setCreator("Transplant Companion")
        prepare_device(writer)
        pages = print_html(render_checklist_html(sheet), writer, sheet.footer, PDF_DPI)
        del writer  # the file is complete once the writer is gone
        if temp.stat().st_size == 0:
            raise OutputError(f"Could not write {path}.")
        if os.name == "posix":
            temp.chmod(0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return pages
