"""One print job for a dialog: the preview and the printer share one QPrinter, so the
preview shows the pages the printer will print; the job has a title; the status counts
the pages actually printed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from companion.i18n import N_, _, ngettext
from companion.printing.paged import prepare_device

# (label, page size id or None for the printer's own paper); the labels are translated
# where they are shown.
PAPER_CHOICES = (
    (N_("The printer's paper"), None),
    (N_("A4"), QPageSize.PageSizeId.A4),
    (N_("Letter (US)"), QPageSize.PageSizeId.Letter),
)


class PrintSeams:
    """The blocking dialogs, behind one seam: tests replace these static methods."""

    @staticmethod
    def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            parent, _("Save as PDF"), suggested, _("PDF files (*.pdf)")
        )
        return path or None

    @staticmethod
    def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, parent)
        # Pages are what a range can choose; "selection" and "current page" mean nothing here.
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @staticmethod
    def preview(dialog: QPrintPreviewDialog) -> None:
        dialog.exec()


class PrintJob:
    """A document printed by ``paint(printer, first_page, last_page) -> pages printed``.

    One QPrinter serves the preview and the printer: its paper is the printer's own unless
    the user picks one (``set_paper``), so page breaks in the preview are the paper's.
    """

    def __init__(
        self, paint: Callable[[QPrinter, int, int | None], int], title: Callable[[], str]
    ) -> None:
        self._paint = paint
        self._title = title
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._paper: QPageSize.PageSizeId | None = None
        prepare_device(self.printer, keep_size=True)
        self.last_preview: QPrintPreviewDialog | None = None

    def set_paper(self, size: QPageSize.PageSizeId | None) -> None:
        """Pick the paper (None: the printer's own)."""
        self._paper = size
        self._apply_paper()

    def _apply_paper(self) -> None:
        if self._paper is None:
            prepare_device(self.printer, keep_size=True)
        else:
            prepare_device(self.printer, page_size=QPageSize(self._paper))

    @property
    def page_size(self) -> QPageSize:
        return self.printer.pageLayout().pageSize()

    def _ready(self) -> QPrinter:
        self.printer.setDocName(self._title())
        return self.printer

    @Slot(QPrinter)
    def _on_preview_paint_requested(self, printer: QPrinter) -> None:
        self._paint(printer, 1, None)

    def preview(self, parent: QWidget) -> QPrintPreviewDialog:
        dialog = QPrintPreviewDialog(self._ready(), parent)
        dialog.setWindowTitle(_("Preview: {title}").format(title=self._title()))
        dialog.paintRequested.connect(self._on_preview_paint_requested)
        name_preview_controls(dialog)
        # As large as the screen's free area: Qt's own size showed the page at 29 % in a
        # box a third of a 1024×600 screen, its toolbar's Print behind "»".
        dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
        self.last_preview = dialog
        PrintSeams.preview(dialog)
        return dialog

    def print_(self, parent: QWidget) -> int | None:
        """Ask for the printer and the pages; print. Returns the pages printed (None when
        the user cancelled)."""
        printer = self._ready()
        if not PrintSeams.ask_printer(parent, printer):
            return None
        first, last = 1, None
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), printer.toPage() or None
        return self._paint(printer, first, last)


def sent_text(pages: int) -> str:
    """ "Sent 3 pages to the printer." """
    return ngettext(
        "Sent {count} page to the printer.", "Sent {count} pages to the printer.", pages
    ).format(count=pages)


def saved_text(pages: int, path: object) -> str:
    """ "Saved 3 pages to /home/…/checklist.pdf." """
    return ngettext(
        "Saved {count} page to {file}.", "Saved {count} pages to {file}.", pages
    ).format(count=pages, file=path)


def name_preview_controls(dialog: QPrintPreviewDialog) -> None:
    """Names for what Qt's preview leaves unnamed, so a screen reader says what each is: the
    zoom box (Qt's name is its value, "100.0%"), the page number, the toolbar's "more"
    button on a narrow window, and the pages themselves."""
    zoom = dialog.findChild(QComboBox)
    if zoom is not None:
        zoom.setAccessibleName(_("Zoom"))
        if zoom.lineEdit() is not None:
            zoom.lineEdit().setAccessibleName(_("Zoom"))
        # Where a combo box's name is its value (Linux), a screen reader names it by its
        # label: one beside it, which also tells a sighted reader what the percentage is.
        toolbar = zoom.parentWidget()
        if isinstance(toolbar, QToolBar):
            for action in toolbar.actions():
                if toolbar.widgetForAction(action) is zoom:
                    label = QLabel(_("Zoom:"))
                    label.setBuddy(zoom)
                    toolbar.insertWidget(action, label)
                    break
    for edit in dialog.findChildren(QLineEdit):
        if zoom is None or edit is not zoom.lineEdit():
            edit.setAccessibleName(_("Page number"))
    for button in dialog.findChildren(QToolButton):
        if button.objectName() == "qt_toolbar_ext_button":
            button.setAccessibleName(_("More tools"))
    for view in dialog.findChildren(QGraphicsView):
        view.setAccessibleName(_("The pages as they will print"))
