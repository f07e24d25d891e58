"""The visit report's medicines section (issue 20): the last 7 days, each dose in words."""

from datetime import date, datetime, time, timedelta

from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.medicines import Medicine
from companion.domain.team import Team
from companion.printing.visit_report import render_report_html
from companion.service.diary import DiaryService
from companion.service.report import Period, Section, gather_report

TODAY = date(2026, 6, 3)


def test_the_report_section_says_taken_skipped_and_missed_in_words(tmp_path):
    service = DiaryService.open(
        tmp_path / "companion.db", lambda: datetime.combine(TODAY, time(12)).astimezone()
    )
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, date(2026, 5, 10), 6),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
    )
    book = service.medicines
    medicine = book.add(
        Medicine("Tacrolimus", "2 mg", (time(8),), TODAY - timedelta(days=20), purpose="GVHD")
    ).value
    book.change_dose(medicine.id, "1.5 mg", TODAY - timedelta(days=1))
    first = TODAY - timedelta(days=2)
    book.take(medicine.id, at=datetime.combine(first, time(8, 10)).astimezone())
    book.skip(medicine.id, "vomited", due=datetime.combine(TODAY, time(8)).astimezone())
    period = Period(TODAY - timedelta(days=13), TODAY, "the dates chosen")
    html = render_report_html(gather_report(service, period, [Section.MEDICINES]))
    assert "Medicines: the last 7 days" in html
    assert "1 taken, 1 skipped, 5 missed" in html
    assert "08:00 taken 08:10" in html and "08:00 skipped (vomited)" in html
    assert "from Tuesday 2 June 2026: 1.5 mg" in html
    assert html.count("<th align='left' bgcolor='#e6e6e6' width=") == 8  # medicine + 7 days
    service.close()
