"""The visit report on paper: a pure renderer, charts drawn as vectors into the room the
document keeps for them, keep-together rules kept, only the sections asked for."""

import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPdfWriter

from companion.domain.visits import Appointment, AppointmentKind
from companion.printing.keep import KEEP_TOGETHER, KEEP_WITH_NEXT
from companion.printing.paged import block_extent, prepare_device
from companion.printing.report_pdf import layout_report, write_report_pdf
from companion.printing.visit_report import CHARTS, render_report_html, report_title
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.report import Period, Section, default_period, gather_report

TODAY = date(2026, 6, 1)


@pytest.fixture
def service(tmp_path):
    path = create_demo(tmp_path, TODAY, day=24)
    now = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=20)
    service = DiaryService.open(path, lambda: now)
    for number in range(4):
        service.visits.add_question(f"Question number {number + 1}: " + "a long one, " * 12)
    yield service
    service.close()


def blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_the_default_period_is_since_the_last_clinic_visit(service):
    assert default_period(service) == Period(TODAY - timedelta(days=13), TODAY, "the last 14 days")
    service.visits.add_appointment(
        Appointment(datetime(2026, 5, 26, 10, 0).astimezone(), AppointmentKind.CLINIC_VISIT)
    )
    period = default_period(service)
    assert (period.first, period.last) == (date(2026, 5, 26), TODAY)
    assert period.reason == "since the clinic visit on Tuesday 26 May 2026"


def test_the_html_has_only_the_sections_asked_for_and_a_placeholder_per_chart(service):
    period = Period(date(2026, 5, 20), TODAY, "the dates chosen")
    html = render_report_html(gather_report(service, period, [Section.COUNTS]))
    assert "Blood counts" in html and "Temperature" not in html and "At a glance" not in html
    assert [name for name in CHARTS if f"chart:{name}" in html] == ["strip"]
    full = gather_report(service, period)
    assert report_title(full) == "Visit report - 20 May to 1 June 2026"
    assert "meets the registry definition" in render_report_html(full)


@pytest.mark.parametrize("points", [13, 20])  # normal, and a reader who enlarges print
def test_nothing_kept_together_splits_and_every_chart_fits_one_page(
    service, tmp_path, points, qapp
):
    data = gather_report(service, Period(date(2026, 5, 4), TODAY, "the dates chosen"))
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(150)
    prepare_device(writer, QLocale("en_GB"))
    import companion.printing.paged as paged

    original = paged.BODY_POINTS
    paged.BODY_POINTS = points
    try:
        doc, charts = layout_report(data, writer, 150)
    finally:
        paged.BODY_POINTS = original
    height = doc.pageSize().height()
    margin = doc.documentMargin()

    def page(y):
        return int(y // height)

    kept = 0
    for block in blocks(doc):
        state = block.userState()
        if state > 0 and state & KEEP_TOGETHER:
            kept += 1
            rect = block_extent(doc, block)
            assert page(rect.top()) == page(rect.bottom() - 1 + margin), block.text()[:40]
        if state > 0 and state & KEEP_WITH_NEXT:
            here, after = block_extent(doc, block), block_extent(doc, block.next())
            assert page(here.top()) == page(after.top()), block.text()[:40]
    assert kept >= 3  # the chart, the notes, the other-questions lines
    placed = charts.rects(doc)
    assert [name for name, _ in placed] == ["strip"]
    for name, rect in placed:
        assert page(rect.top()) == page(rect.bottom() - 1), name
        assert rect.width() > doc.pageSize().width() * 0.9


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="needs poppler-utils")
def test_the_charts_are_vectors_drawn_by_the_screen_painter(service, tmp_path, qapp):
    out = tmp_path / "report.pdf"
    pages = write_report_pdf(gather_report(service), out)
    listed = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # No raster chart: the only images are the 1×1 transparent pixels that keep the charts'
    # room in the text (Qt draws them; the charts are painted over them as vectors).
    sizes = {tuple(line.split()[3:5]) for line in listed[2:]}
    assert sizes <= {("1", "1")}
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Drawn text of the charts: titles, the limit line, day numbers on the axis.
    assert "Temperature (°C)" in text and "38.0 (call your team)" in text
    assert "Platelets (×10" in text and "+20" in text
    assert text.count("\f") == pages


def test_issue18_the_alerts_table_names_whom_each_contact_reached(service):
    """Issue 18 point 3: a call to emergency services is never printed as "Team contacted"."""
    from companion.domain.entries import Entry, EntryKind

    while service.log.open_alerts():  # the sample diary's own cards, out of the way
        service.log.acknowledge()
    service.log.add(Entry(service.now(), EntryKind.TEMPERATURE, value=38.9))
    service.log.add(Entry(service.now(), EntryKind.SYMPTOM, term="chest-pain", severity=2))
    service.log.acknowledge(who="emergency")
    period = Period(TODAY - timedelta(days=1), TODAY, "the dates chosen")
    html = render_report_html(gather_report(service, period, [Section.ALERTS]))
    assert "Team contacted" not in html
    assert "Emergency services Mon 1 Jun 20:00" in html  # the chest pain: closed by the 999 call
    assert "not recorded" in html  # the fever waits for the team
    service.log.acknowledge()
    html = render_report_html(gather_report(service, period, [Section.ALERTS]))
    assert "Team Mon 1 Jun 20:00" in html
