"""Appointments, the questions notebook and the visit report dialog, driven as a user would
over a real diary (the sample journey, today Monday 1 June 2026, Day +12)."""

import shutil
import subprocess
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from companion.domain.visits import Appointment, AppointmentKind
from companion.ui.appointments_view import AppointmentDialog
from companion.ui.print_job import PrintSeams
from companion.ui.questions_notebook import QuestionSeams, QuickQuestionDialog
from companion.ui.report_dialog import VisitReportDialog
from tests.ui.conftest import TODAY

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def at(days: int, hour: int = 10, minute: int = 30) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour, minute)).astimezone()


@pytest.fixture
def visits(diary):
    service = diary.service
    past = service.visits.add_appointment(Appointment(at(-6), AppointmentKind.CLINIC_VISIT)).value
    visit = service.visits.add_appointment(
        Appointment(at(1), AppointmentKind.CLINIC_VISIT, place="Day unit", with_whom="Dr Shah")
    ).value
    return past, visit


def all_text(model):
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_appointments_add_edit_delete_and_undo(
    qtbot, window, diary, visits, monkeypatch, qtmodeltester, confirmations
):
    view = window.appointments_view
    qtmodeltester.check(view.model)
    assert view.next_label.text() == ("Next: clinic visit tomorrow 10:30 · Day +13")
    assert [row[2] for row in all_text(view.model)] == ["Clinic visit", "Clinic visit"]
    assert "(past)" in all_text(view.model)[1][0]
    # The timeline marks both, with their labels.
    assert [label for _, label in window.timeline.canvas.appointment_marks] == [
        "Clinic visit 10:30",
        "Clinic visit 10:30",
    ]
    new = Appointment(at(3, 9, 0), AppointmentKind.BLOOD_TEST, note="Fasting")
    monkeypatch.setattr(AppointmentDialog, "ask", staticmethod(lambda *a: new))
    view.add_button.click()
    rows = all_text(view.model)
    assert rows[1][2] == "Blood test" and rows[1][5] == "Fasting"
    assert (12 + 3, "Blood test 09:00") in window.timeline.canvas.appointment_marks
    window.undo_action.trigger()  # Ctrl+Z
    assert [row[2] for row in all_text(view.model)] == ["Clinic visit", "Clinic visit"]
    view.table.selectRow(0)
    view.delete_button.click()
    assert confirmations[-1][0] == "Delete appointment"
    assert view.next_label.text() == "No appointment booked in the app."
    window.undo_action.trigger()
    assert view.next_label.text().startswith("Next: clinic visit tomorrow 10:30")


def test_the_appointment_dialog_checks_what_it_saves(qtbot, diary):
    dialog = AppointmentDialog(diary)
    qtbot.addWidget(dialog)
    dialog.when_edit.setDateTime(QDateTime(QDate(2026, 6, 9), QTime(14, 15)))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(AppointmentKind.OTHER))
    dialog.save_button.click()
    assert dialog.error_label.text() == "⚠ Please type what it is first."
    dialog.title_edit.setText("Eye clinic")
    dialog.place_edit.setText("<b>Ward 4</b>")
    dialog.save_button.click()
    saved = dialog.result_value
    assert (saved.kind, saved.title, saved.place) == (
        AppointmentKind.OTHER,
        "Eye clinic",
        "<b>Ward 4</b>",
    )
    assert saved.at.replace(tzinfo=None) == datetime(2026, 6, 9, 14, 15)
    assert saved.at.utcoffset() is not None
    # Every field has a name for screen readers that is not its value.
    fields = [
        dialog.when_edit,
        dialog.kind_combo,
        dialog.title_edit,
        dialog.place_edit,
        dialog.with_edit,
        dialog.note_edit,
    ]
    assert [f.accessibleName() for f in fields] == [
        "Date and time",
        "What it is",
        "In your own words",
        "Where",
        "With whom",
        "Note",
    ]
    assert all(f.minimumHeight() >= dialog.fontMetrics().height() * 2 for f in fields)


def test_the_notebook_adds_with_enter_answers_moves_searches(
    qtbot, window, diary, visits, monkeypatch, qtmodeltester
):
    _past, visit = visits
    notebook = window.questions_view
    qtmodeltester.check(notebook.model)
    notebook.add_edit.setText("Can I go to the shops?")
    qtbot.keyClick(notebook.add_edit, Qt.Key.Key_Return)
    assert notebook.add_edit.text() == ""
    assert notebook.message.text() == "Saved for clinic visit tomorrow 10:30."
    notebook.add_edit.setText("<i>Sushi</i>?")
    notebook.add_button.click()
    rows = all_text(notebook.model)
    assert [r[0] for r in rows] == ["? Can I go to the shops?", "? <i>Sushi</i>?"]
    assert rows[0][1] == "Clinic visit tomorrow 10:30"
    # Search.
    notebook.search_edit.setText("SHOPS")
    assert [r[0] for r in all_text(notebook.model)] == ["? Can I go to the shops?"]
    notebook.search_edit.clear()
    # Answer, with the answer typed in.
    monkeypatch.setattr(QuestionSeams, "ask_answer", staticmethod(lambda p, q: "Yes, early."))
    notebook.table.selectRow(0)
    notebook.answer_button.click()
    rows = all_text(notebook.model)
    assert rows[-1][0] == "✓ Can I go to the shops?" and rows[-1][2] == "Yes, early."
    window.undo_action.trigger()
    assert "? Can I go to the shops?" in [r[0] for r in all_text(notebook.model)]
    # Move the other to a later appointment.
    later = diary.service.visits.add_appointment(
        Appointment(at(8), AppointmentKind.OTHER, "Eye clinic")
    ).value
    monkeypatch.setattr(QuestionSeams, "ask_appointment", staticmethod(lambda p, c: 2))
    row = [r[0] for r in all_text(notebook.model)].index("? <i>Sushi</i>?")
    notebook.table.selectRow(row)
    notebook.move_button.click()
    assert notebook.message.text().startswith("Moved to eye clinic")
    # Per appointment.
    notebook.scope_combo.setCurrentIndex(notebook.scope_combo.findData(later.id))
    notebook.scope_combo.activated.emit(notebook.scope_combo.currentIndex())
    assert [r[0] for r in all_text(notebook.model)] == ["? <i>Sushi</i>?"]
    notebook.scope_combo.setCurrentIndex(notebook.scope_combo.findData(visit.id))
    notebook.scope_combo.activated.emit(notebook.scope_combo.currentIndex())
    assert [r[0] for r in all_text(notebook.model)] == ["? Can I go to the shops?"]
    # Delete, and back.
    notebook.table.selectRow(0)
    notebook.delete_button.click()
    assert notebook.model.rowCount() == 0
    window.undo_action.trigger()
    assert notebook.model.rowCount() == 1
    assert notebook.add_edit.accessibleName() == "New question"


def test_ctrl_k_box_saves_on_enter(qtbot, window, diary, visits, monkeypatch):
    shown = []
    monkeypatch.setattr(QuickQuestionDialog, "exec", lambda self: shown.append(self) or 0)
    action = next(
        a
        for a in window.findChildren(type(window.report_action))
        if a.shortcut().toString() == "Ctrl+K"
    )
    action.trigger()
    box = shown[0]
    assert box.for_label.text() == "For clinic visit tomorrow 10:30. You can move it later."
    box.edit.setText("   ")
    box.edit.returnPressed.emit()
    assert box.error_label.text() == "⚠ Please type the question first."
    box.edit.setText("Flu jab this year?")
    box.edit.returnPressed.emit()
    assert box.result() == QuickQuestionDialog.DialogCode.Accepted
    assert [p.question.text for p in diary.service.visits.questions_for_next_visit()] == [
        "Flu jab this year?"
    ]
    box.deleteLater()


@pytest.fixture
def report_dialog(qtbot, window, diary, visits):
    diary.service.visits.add_question("When will the line come out?")
    dialog = VisitReportDialog(diary, window)
    qtbot.addWidget(dialog)
    return dialog


@needs_poppler
def test_the_report_dialog_previews_and_prints_the_same_pages(report_dialog, tmp_path, monkeypatch):
    dialog = report_dialog
    assert dialog.from_edit.date() == QDate(2026, 5, 26)  # since the last clinic visit
    assert dialog.period_note.text() == "That is since the clinic visit on Tuesday 26 May 2026."
    # Dates of one's own: how many days they hold ("That is the dates chosen." said nothing).
    dialog.from_edit.setDate(QDate(2026, 5, 20))
    assert dialog.period_note.text() == "Your own dates: 13 days."
    dialog.from_edit.setDate(QDate(2026, 5, 26))
    assert dialog.period_note.text() == "That is since the clinic visit on Tuesday 26 May 2026."
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findText("Letter (US)"))
    previewed = {}

    def fake_preview(preview):
        printer = dialog.job.printer
        previewed["size"] = printer.pageLayout().pageSize().id()
        previewed["name"] = printer.docName()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        preview.paintRequested.emit(printer)

    monkeypatch.setattr(PrintSeams, "preview", staticmethod(fake_preview))
    dialog.preview_button.click()
    assert previewed["size"] == QPageSize.PageSizeId.Letter
    assert previewed["name"] == "Visit report - 26 May to 1 June 2026"
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "preview.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Visit report" in text and "When will the line come out?" in text
    pages = text.count("\f")

    def fake_printer(parent, printer):
        assert printer is dialog.job.printer  # the same printer as the preview
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 2)
        return True

    monkeypatch.setattr(PrintSeams, "ask_printer", staticmethod(fake_printer))
    dialog.print_button.click()
    assert pages == 2  # a fortnight on two pages
    assert dialog.status.text() == "Sent 1 page to the printer."
    printed = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert printed.count("\f") == 1 and f"Page 2 of {pages}" in printed


@needs_poppler
def test_the_report_dialog_sections_and_pdf(report_dialog, tmp_path, monkeypatch):
    dialog = report_dialog
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    assert not dialog.pdf_button.isEnabled()
    assert dialog.period_note.text() == "Please tick at least one section to print."
    from companion.service.report import Section

    dialog.section_boxes[Section.QUESTIONS].setChecked(True)
    dialog.from_edit.setDate(QDate(2026, 6, 2))
    assert not dialog.preview_button.isEnabled()
    dialog.from_edit.setDate(QDate(2026, 5, 30))
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(PrintSeams, "ask_pdf_path", staticmethod(lambda p, s: str(target)))
    dialog.pdf_button.click()
    assert dialog.status.text() == f"Saved 1 page to {target}."
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Questions for this visit" in text and "Temperature" not in text
    assert "Sat 30 May to Mon 1 Jun" in text
    for box in dialog.section_boxes.values():
        assert box.accessibleName().startswith("Print the section: ")


def test_the_checklist_print_job_has_a_title_and_one_printer(qtbot, window, diary, monkeypatch):
    from companion.domain.journey import Phase
    from companion.ui.print_dialog import PrintChecklistDialog

    dialog = PrintChecklistDialog(diary, Phase.ENGRAFTMENT, window)
    qtbot.addWidget(dialog)
    seen = []
    monkeypatch.setattr(PrintSeams, "preview", staticmethod(lambda p: seen.append(p.printer())))
    monkeypatch.setattr(
        PrintSeams, "ask_printer", staticmethod(lambda parent, p: seen.append(p) or False)
    )
    dialog.preview_button.click()
    dialog.print_button.click()
    assert seen[0] is seen[1] is dialog.job.printer
    assert dialog.job.printer.docName() == "Checklist - Waiting for engraftment"


def test_the_appointment_and_report_dates_are_the_typed_fields(qtbot, diary, window, monkeypatch):
    """Typing "15" and "1030" gave "17 December 03:00" in the sectioned QDateTimeEdit."""
    from companion.ui.dates import DateField, DateTimeField

    dialog = AppointmentDialog(diary)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.when_edit, DateTimeField)
    dialog.when_edit.date_field.setText("15")  # not a date on its own: said, not guessed
    dialog.when_edit.time_field.setText("1030")
    dialog.save_button.click()
    assert dialog.result_value is None and "“15” is not a date" in dialog.error_label.text()
    dialog.when_edit.date_field.setText("15 June 2026")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(AppointmentKind.CLINIC_VISIT))
    dialog.save_button.click()
    saved = dialog.result_value
    assert saved is not None, dialog.error_label.text()
    assert (saved.at.day, saved.at.hour, saved.at.minute) == (15, 10, 30)
    assert saved.at.month == 6
    # Two Tab stops for the moment (date, then time), not six sections.
    dialog.when_edit.date_field.edit.setFocus()
    assert dialog.focusNextChild()
    assert dialog.focusWidget() is dialog.when_edit.time_field
    report = VisitReportDialog(diary, window)
    qtbot.addWidget(report)
    assert isinstance(report.from_edit, DateField) and isinstance(report.to_edit, DateField)
    report.from_edit.setText("not a date")
    assert report.problem()  # said, and nothing is printed
    assert not report.pdf_button.isEnabled() or report.problem()


def test_a_time_the_clocks_skip_is_refused_in_the_dialog(qtbot, diary, monkeypatch):
    import time as time_module

    monkeypatch.setenv("TZ", "Europe/London")
    time_module.tzset()
    try:
        dialog = AppointmentDialog(diary)
        qtbot.addWidget(dialog)
        dialog.when_edit.setDateTime(datetime(2027, 3, 28, 0, 0).astimezone())
        dialog.when_edit.time_field.setText("01:30")
        dialog.save_button.click()
        assert dialog.result_value is None
        assert "does not exist here" in dialog.error_label.text()
    finally:
        monkeypatch.undo()
        time_module.tzset()
