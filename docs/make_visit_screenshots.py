"""Screenshots and page images of the clinic features (issue 14), no display needed:
``python docs/make_visit_screenshots.py`` (pdftoppm from poppler-utils for the pages)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from companion.domain.visits import Appointment, AppointmentKind
from companion.printing.report_pdf import write_report_pdf
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.report import gather_report
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow
from companion.ui.print_job import PrintSeams
from companion.ui.report_dialog import VisitReportDialog

OUT = Path(__file__).resolve().parent / "screenshots"
TODAY = date(2026, 11, 27)  # a Friday; the sample journey on Day +24


def shoot(widget, name: str, app: QApplication) -> None:
    widget.show()
    for _ in range(4):
        app.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def at(days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour, minute)).astimezone()


def fill(service: DiaryService, now: list) -> None:
    """Appointments and questions as a family would keep them."""
    now[0] = at(-8, 9)
    service.visits.add_appointment(
        Appointment(
            at(-7, 10, 30),
            AppointmentKind.CLINIC_VISIT,
            place="Riverside Day Unit",
            with_whom="Dr Shah",
        )
    )
    old = service.visits.add_question("Can I have visitors at home?").value
    now[0] = at(-7, 11)
    service.visits.answer_question(old.id, "Yes, one or two at a time, if they are well.")
    service.visits.add_appointment(
        Appointment(
            at(1, 8, 15),
            AppointmentKind.BLOOD_TEST,
            place="Ward 4",
            note="Before the morning tablets",
        )
    )
    service.visits.add_appointment(
        Appointment(
            at(4, 10, 30),
            AppointmentKind.CLINIC_VISIT,
            place="Riverside Day Unit",
            with_whom="Dr Shah",
            note="Bring your medicines",
        )
    )
    service.visits.add_appointment(
        Appointment(at(6, 14, 0), AppointmentKind.LINE_CARE, place="Day unit, room 3")
    )
    service.visits.add_appointment(
        Appointment(at(19, 9, 0), AppointmentKind.OTHER, "Eye clinic", "City Eye Hospital")
    )
    now[0] = at(0, 18)
    for text in (
        "When can the central line come out?",
        "Is it all right to walk to the shops if it is quiet?",
        "Should I still rinse with the salt-water mix?",
    ):
        service.visits.add_question(text)


def main() -> None:
    app = QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = create_demo(folder, TODAY, day=24, now=at(0, 19))
        now = [at(0, 19)]
        service = DiaryService.open(path, lambda: now[0])
        fill(service, now)
        now[0] = at(0, 19)
        diary = Diary(service)
        window = MainWindow(diary)
        window.resize(1200, 900)
        window.tabs.setCurrentWidget(window.questions_view)
        window.questions_view.table.selectRow(0)
        shoot(window, "questions-notebook.png", app)
        window.tabs.setCurrentWidget(window.appointments_view)
        shoot(window, "appointments.png", app)

        dialog = VisitReportDialog(diary, window)
        shoot(dialog, "visit-report-dialog.png", app)
        shown = {}

        def keep_preview(preview: QPrintPreviewDialog) -> None:
            shown["dialog"] = preview

        PrintSeams.preview = staticmethod(keep_preview)
        dialog.preview_button.click()
        preview = shown["dialog"]
        preview.resize(1000, 900)
        preview.show()
        for _ in range(4):
            app.processEvents()
        widget = preview.findChild(QPrintPreviewWidget)
        widget.setViewMode(QPrintPreviewWidget.ViewMode.FacingPagesView)
        widget.fitInView()
        shoot(preview, "visit-report-preview.png", app)

        pdf = folder / "report.pdf"
        write_report_pdf(gather_report(service), pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "visit-report-page")], check=True
        )
        print(sorted(p.name for p in OUT.glob("visit-report-page-*.png")))
        preview.close()
        dialog.close()
        window.close()
        service.close()


if __name__ == "__main__":
    main()
