"""File → Print checklist…: one phase or the packet, blank or with ticks; preview, print, PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain.journey import Phase
from companion.printing.checklist_data import build_sheet
from companion.printing.checklist_sheet import Sheet, render_checklist_html
from companion.printing.paged import prepare_device, print_html
from companion.printing.pdf import OutputError, write_sheet_pdf
from companion.ui import typography
from companion.ui.diary import Diary
from companion.ui.folders import documents_folder
from companion.ui.messages import Messages

ALL = "all"


class PrintSeams:
    """The blocking dialogs, behind one seam: tests replace these static methods."""

    @staticmethod
    def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, "Save checklist as PDF", suggested, "PDF files (*.pdf)"
        )
        return path or None

    @staticmethod
    def ask_printer(parent: QWidget, printer: QPrinter) -> bool:
        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted

    @staticmethod
    def preview(dialog: QPrintPreviewDialog) -> None:
        dialog.exec()


class PrintChecklistDialog(QDialog):
    """Choose what to print, then preview it, print it, or save it as a PDF."""

    def __init__(self, diary: Diary, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle("Print checklist")
        self.phase_combo = QComboBox()
        self.phase_combo.setAccessibleName("Which checklist")
        for each in Phase:
            self.phase_combo.addItem(each.title, each.value)
        self.phase_combo.addItem("All phases (the whole packet)", ALL)
        self.phase_combo.setCurrentIndex(list(Phase).index(phase))
        self.ticks_radio = typography.role(QRadioButton("Show what I have ticked"), indicator=True)
        self.blank_radio = typography.role(
            QRadioButton("Empty boxes, for a fresh sheet"), indicator=True
        )
        group = QButtonGroup(self)
        group.addButton(self.ticks_radio)
        group.addButton(self.blank_radio)
        self.ticks_radio.setChecked(True)
        self.preview_button = QPushButton("Preview…")
        self.print_button = QPushButton("Print…")
        self.pdf_button = QPushButton("Save as PDF…")
        self.close_button = QPushButton("Close")
        for button in (self.preview_button, self.print_button, self.pdf_button, self.close_button):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("print-status")

        form = QFormLayout()
        form.addRow("Checklist:", self.phase_combo)
        form.addRow("Boxes:", self.ticks_radio)
        form.addRow("", self.blank_radio)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel("Large type, one phase per page, with your team's numbers on every sheet.")
        )
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.close_button.clicked.connect(self.accept)

    def sheet(self) -> Sheet:
        choice = self.phase_combo.currentData()
        phases = list(Phase) if choice == ALL else [Phase(choice)]
        return build_sheet(
            self._service, phases, self._service.today(), blank=self.blank_radio.isChecked()
        )

    def paint_to(self, printer: QPrinter) -> int:
        """Render the chosen sheet onto ``printer``: the preview and the printer use this."""
        sheet = self.sheet()
        return print_html(render_checklist_html(sheet), printer, sheet.footer, printer.resolution())

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_device(printer)
        return printer

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        printer = self._printer()
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle("Print preview")
        preview.paintRequested.connect(self.paint_to)
        PrintSeams.preview(preview)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = self._printer()
        if PrintSeams.ask_printer(self, printer):
            pages = self.paint_to(printer)
            self.status.setText(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        choice = self.phase_combo.currentData()
        suggested = str(documents_folder() / f"checklist-{choice}.pdf")
        path = PrintSeams.ask_pdf_path(self, suggested)
        if not path:
            return
        try:
            pages = write_sheet_pdf(self.sheet(), Path(path))
        except (OutputError, OSError) as error:
            Messages.error(self, "The PDF could not be saved", str(error))
            return
        self.status.setText(f"Saved {pages} page{'s' if pages != 1 else ''} to {path}.")
