"""File → Visit report…: the period, the sections; preview, print, or save as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _, ngettext
from companion.printing.report_pdf import print_report, write_report_pdf
from companion.printing.visit_report import report_title
from companion.service.errors import OutputError
from companion.service.report import Period, ReportData, Section, default_period, gather_report
from companion.ui import typography
from companion.ui.dates import DateField, diary_day0
from companion.ui.diary import Diary
from companion.ui.folders import documents_folder, file_name
from companion.ui.forms import scrolling_dialog
from companion.ui.messages import Messages
from companion.ui.print_job import PAPER_CHOICES, PrintJob, PrintSeams, saved_text, sent_text
from companion.ui.text import plain_label, set_plain


class VisitReportDialog(QDialog):
    """Choose the period and sections, then preview, print or save the visit report.

    The preview, the printer and the PDF all print through ``print_report`` with one
    QPrinter for the preview and the print (the same paper, so the same page breaks).
    """

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle(_("Visit report"))
        self.setObjectName("visit-report-dialog")
        default = default_period(self._service)
        self._default = default
        height = int(self.fontMetrics().height() * 2.2)
        # The typed date fields the setup form uses (a sectioned QDateEdit took six Tab
        # stops, and typing "15" gave the wrong day).
        today = self._service.today
        day0 = diary_day0(self._service)
        self.from_edit = DateField(default.first, today=today, day0=day0)
        self.to_edit = DateField(default.last, today=today, day0=day0)
        for edit, name in ((self.from_edit, _("First day")), (self.to_edit, _("Last day"))):
            edit.setAccessibleName(name)
            edit.setMinimumHeight(height)
            edit.date_changed.connect(self._on_period_changed)
        self.period_note = plain_label()
        self.period_note.setWordWrap(True)
        self.section_boxes: dict[Section, QCheckBox] = {}
        sections = QGroupBox(_("What to print"))
        grid = QGridLayout(sections)
        for index, section in enumerate(Section):
            box = QCheckBox(section.title)
            box.setChecked(True)
            box.setAccessibleName(_("Print the section: {section}").format(section=section.title))
            box.setMinimumHeight(height)
            typography.role(box, indicator=True)  # a tick box as large as its words
            box.toggled.connect(self._on_period_changed)
            self.section_boxes[section] = box
            grid.addWidget(box, index // 2, index % 2)
        self.paper_combo = QComboBox()
        self.paper_combo.setAccessibleName(_("Paper size"))
        for label, size in PAPER_CHOICES:
            self.paper_combo.addItem(_(label), size)
        self.paper_combo.setMinimumHeight(height)
        self.paper_combo.currentIndexChanged.connect(self._on_paper_combo_changed)
        self.preview_button = QPushButton(_("Preview…"))
        self.print_button = QPushButton(_("Print…"))
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.close_button = QPushButton(_("Close"))
        for button in (self.preview_button, self.print_button, self.pdf_button, self.close_button):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setMinimumHeight(height)
        self.status = plain_label()
        self.status.setWordWrap(True)
        self.status.setObjectName("report-status")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("From:"), self.from_edit)
        form.addRow(_("To:"), self.to_edit)
        form.addRow("", self.period_note)
        form.addRow(_("Paper:"), self.paper_combo)
        intro = plain_label(
            _(
                "A report of your diary for your clinic visit: what you entered, with "
                "charts, and your questions with room for the answers."
            )
        )
        # Unwrapped, this line made the dialog 1438 pixels wide at 200 % text (issue 23).
        intro.setWordWrap(True)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addWidget(sections)
        inner.addStretch(1)
        footer = QWidget()
        buttons = QHBoxLayout(footer)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self._on_period_changed()  # the period in words, measured with the rest
        # The period, the sections and the paper scroll on a short screen; the status line
        # and the buttons stay in view (they were off a 1024×600 screen at 200 % text).
        scrolling_dialog(self, body, [self.status, footer])

        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.job = PrintJob(self.paint_to, self.job_title)

    # What to print ---------------------------------------------------------------------------

    def period(self) -> Period:
        first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if (first, last) == (self._default.first, self._default.last):
            return self._default
        return Period(first, last, _("the dates chosen"))

    def sections(self) -> list[Section]:
        return [s for s, box in self.section_boxes.items() if box.isChecked()]

    def problem(self) -> str:
        """Why nothing can be printed as chosen ("" when it can)."""
        typed = self.from_edit.problem() or self.to_edit.problem()
        if typed:
            return typed
        period = self.period()
        if period.first > period.last:
            return _("The first day is after the last day. Please check the dates.")
        if not self.sections():
            return _("Please tick at least one section to print.")
        return ""

    def data(self) -> ReportData:
        return gather_report(self._service, self.period(), self.sections())

    def paint_to(self, printer: QPrinter, first_page: int = 1, last_page: int | None = None) -> int:
        """The one function behind the preview, the printer and the page count."""
        return print_report(self.data(), printer, printer.resolution(), first_page, last_page)

    def job_title(self) -> str:
        return report_title(self.data())

    @Slot()
    def _on_period_changed(self) -> None:
        problem = self.problem()
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(not problem)
        period = self.period()
        if period is self._default:
            note = _("That is {period}.").format(period=period.reason)
        else:  # "That is the dates chosen." said nothing: how many days they hold does
            days = (period.last - period.first).days + 1
            note = ngettext(
                "Your own dates: {count} day.", "Your own dates: {count} days.", days
            ).format(count=days)
        set_plain(self.period_note, problem or note)

    @Slot(int)
    def _on_paper_combo_changed(self, _index: int) -> None:
        self.job.set_paper(self.paper_combo.currentData())

    # Actions -------------------------------------------------------------------------------

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        self.job.preview(self)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        pages = self.job.print_(self)
        if pages is not None:
            set_plain(self.status, sent_text(pages))

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        period = self.period()
        # Translators: the file name offered for the visit report (its last day).
        name = _("visit-report-{date}.pdf").format(date=f"{period.last:%Y-%m-%d}")
        suggested = str(documents_folder() / file_name(name))
        path = PrintSeams.ask_pdf_path(self, suggested)
        if not path:
            return
        try:
            pages = write_report_pdf(self.data(), Path(path), self.job.page_size)
        except (OutputError, OSError) as error:
            Messages.error(self, _("The PDF could not be saved"), str(error))
            return
        set_plain(self.status, saved_text(pages, path))
