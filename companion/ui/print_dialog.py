"""File → Print checklist…: one phase or the packet, blank or with ticks; preview, print, PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.domain.journey import Phase
from companion.i18n import _
from companion.printing.checklist_data import build_sheet
from companion.printing.checklist_layout import layout_checklist
from companion.printing.checklist_sheet import Sheet
from companion.printing.paged import print_document
from companion.printing.pdf import OutputError, write_sheet_pdf
from companion.ui import access, typography
from companion.ui.diary import Diary
from companion.ui.folders import documents_folder, file_name
from companion.ui.messages import Messages
from companion.ui.print_job import PrintJob, PrintSeams, saved_text, sent_text

__all__ = ["PrintChecklistDialog", "PrintSeams"]

ALL = "all"


class PrintChecklistDialog(QDialog):
    """Choose what to print, then preview it, print it, or save it as a PDF."""

    def __init__(self, diary: Diary, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle(_("Print checklist"))
        self.phase_combo = QComboBox()
        self.phase_combo.setAccessibleName(_("Which checklist"))
        for each in Phase:
            self.phase_combo.addItem(each.title, each.value)
        self.phase_combo.addItem(_("All phases (the whole packet)"), ALL)
        self.phase_combo.setCurrentIndex(list(Phase).index(phase))
        self.ticks_radio = typography.role(
            QRadioButton(_("Show what I have ticked")), indicator=True
        )
        self.blank_radio = typography.role(
            QRadioButton(_("Empty boxes, for a fresh sheet")), indicator=True
        )
        group = QButtonGroup(self)
        group.addButton(self.ticks_radio)
        group.addButton(self.blank_radio)
        self.ticks_radio.setChecked(True)
        access.one_tab_stop(group)
        self.preview_button = QPushButton(_("Preview…"))
        self.print_button = QPushButton(_("Print…"))
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.close_button = QPushButton(_("Close"))
        for button in (self.preview_button, self.print_button, self.pdf_button, self.close_button):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names the chosen path
        self.status.setWordWrap(True)
        self.status.setObjectName("print-status")

        form = QFormLayout()
        form.addRow(_("Checklist:"), self.phase_combo)
        form.addRow(_("Boxes:"), self.ticks_radio)
        form.addRow("", self.blank_radio)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(_("Large type, one phase per page, with your team's numbers on every sheet."))
        )
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.close_button.clicked.connect(self.accept)
        # One printer for the preview and the print: the preview shows the printer's pages.
        self.job = PrintJob(self.paint_to, self.job_title)

    def sheet(self) -> Sheet:
        choice = self.phase_combo.currentData()
        phases = list(Phase) if choice == ALL else [Phase(choice)]
        return build_sheet(
            self._service, phases, self._service.today(), blank=self.blank_radio.isChecked()
        )

    def paint_to(self, printer: QPrinter, first_page: int = 1, last_page: int | None = None) -> int:
        """Render the chosen sheet onto ``printer``: the preview and the printer use this.
        Returns the pages printed (of the range asked for)."""
        sheet = self.sheet()
        dpi = printer.resolution()
        doc = layout_checklist(sheet, printer, dpi)
        return print_document(doc, printer, sheet.footer, dpi, first_page, last_page)

    def job_title(self) -> str:
        """ "Checklist - Waiting for engraftment": the print queue's and a PDF's name (a plain
        hyphen: cups-pdf mangles an em dash in file names)."""
        choice = self.phase_combo.currentData()
        what = _("all phases") if choice == ALL else Phase(choice).title
        return _("Checklist - {phase}").format(phase=what)

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.job.preview(self)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        pages = self.job.print_(self)
        if pages is not None:
            self.status.setText(sent_text(pages))

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        choice = self.phase_combo.currentData()
        phase = _("all phases") if choice == ALL else Phase(choice).title
        # Translators: the file name offered for a printed checklist; {phase} is the phase's
        # name ("checklist-waiting-for-engraftment.pdf").
        name = _("checklist-{phase}.pdf").format(phase=phase)
        suggested = str(documents_folder() / file_name(name))
        path = PrintSeams.ask_pdf_path(self, suggested)
        if not path:
            return
        try:
            pages = write_sheet_pdf(self.sheet(), Path(path))
        except (OutputError, OSError) as error:
            Messages.error(self, _("The PDF could not be saved"), str(error))
            return
        self.status.setText(saved_text(pages, path))
