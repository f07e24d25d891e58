"""Issue 22: a visit report a clinician reads in a minute. Page one is the visit (header
band, at a glance, one chart strip); a fortnight fits on two pages; every table in the
time things happened, back-dated entries marked; the PDF says its language, subject and
author and has a bookmark per section; a long period is summarised and its tables capped.
"""

import random
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import LabResult
from companion.printing.report_pdf import write_report_pdf
from companion.printing.visit_report import MAX_ROWS, render_report_html, report_outline
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.report import Period, Section, gather_report

pypdf = pytest.importorskip("pypdf")
TODAY = date(2026, 6, 1)


def _service(folder, today=TODAY, hour=20):
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.combine(today, time(hour)).astimezone()
    # The demo's clock too: it takes the wall clock's time of day otherwise, and the sample
    # had one more blood count when the tests ran after 06:00.
    path = create_demo(folder, today, now=now)
    return DiaryService.open(path, lambda: now)


@pytest.fixture
def service(tmp_path):
    service = _service(tmp_path / "demo")
    yield service
    service.close()


def _pages(path) -> list[str]:
    """The text of each page as poppler reads it (spaces folded)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_sample_fortnight_fits_on_two_pages_and_page_one_is_the_visit(
    service, tmp_path, qapp, paper
):
    from PySide6.QtGui import QPageSize

    out = tmp_path / "report.pdf"
    size = QPageSize(getattr(QPageSize.PageSizeId, paper))
    pages = write_report_pdf(gather_report(service), out, size)
    assert pages <= 2
    text = _pages(out)
    assert len(text) == pages
    first = text[0]
    for words in (
        "Visit report",
        "Riverside Hospital",  # the team, in the header band
        "At a glance",
        "Alerts and contacts",
        "Latest counts",
        "Weight",
        "Symptoms at their",
        "Medicines missed",
        "No questions are waiting",
        "Temperature (°C)",  # the chart strip, drawn on page one
        "scale to 40",  # three numbers on the temperature axis: the top, a grid value,
        "38.0 (call your team)",  # and the limit, drawn over the points on a halo
        "Haemoglobin",
    ):
        assert words in first, words


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_an_ordinary_fortnight_fits_on_two_pages(tmp_path, qapp, paper):
    """30 readings, 6 counts, 5 symptoms and 4 questions in 14 days."""
    from PySide6.QtGui import QPageSize

    service = _service(tmp_path / "d", today=date(2027, 3, 1), hour=9)
    try:
        rng = random.Random(3)
        start = date(2027, 3, 1) + timedelta(days=1)
        moment = [datetime.combine(start, time(8)).astimezone()]
        service.now = lambda: moment[0]  # the diary's clock moves with the entries
        terms = [s.id for s in service.settings.vocabulary.symptoms][:5]
        for number in range(30):
            moment[0] = datetime.combine(
                start + timedelta(days=number // 2), time(8 + 10 * (number % 2))
            ).astimezone()
            service.log.add(
                Entry(moment[0], EntryKind.TEMPERATURE, value=round(rng.gauss(36.9, 0.3), 1))
            )
        for number, term in enumerate(terms):
            at = datetime.combine(start + timedelta(days=2 * number), time(12)).astimezone()
            moment[0] = at
            service.log.add(Entry(at, EntryKind.SYMPTOM, term=term, severity=1 + number % 3))
        for number in range(6):
            at = datetime.combine(start + timedelta(days=2 * number), time(7)).astimezone()
            moment[0] = at
            service.labs.add(LabResult(at, anc=1.0 + number / 10, platelets=60 + number, hb=95))
        for number in range(4):
            service.visits.add_question(f"Question {number + 1}: how long before I can swim again?")
        moment[0] = datetime.combine(start + timedelta(days=14), time(9)).astimezone()
        period = Period(start, start + timedelta(days=13), "the dates chosen")
        out = tmp_path / "ordinary.pdf"
        size = QPageSize(getattr(QPageSize.PageSizeId, paper))
        assert write_report_pdf(gather_report(service, period), out, size) <= 2
        assert "Question 4: how long" in _pages(out)[0]
    finally:
        service.close()


def test_alerts_are_in_time_order_and_a_back_dated_reading_is_marked(service, tmp_path, qapp):
    now = service.now()
    service.log.add(Entry(now - timedelta(hours=30), EntryKind.TEMPERATURE, value=38.9))
    data = gather_report(service, Period(TODAY - timedelta(days=13), TODAY, "the dates chosen"))
    raised = [alert.raised_at for alert in data.alerts]
    assert raised == sorted(raised) and len(raised) >= 2
    html = render_report_html(data)
    assert "entered later" in html
    # The back-dated alert's row comes before a later one in the table.
    out = tmp_path / "r.pdf"
    write_report_pdf(data, out)
    text = "\n".join(_pages(out))
    assert "entered later" in text


def test_an_empty_section_is_one_line(tmp_path, qapp):
    service = _service(tmp_path / "e")
    try:
        period = Period(date(2027, 1, 1), date(2027, 1, 14), "the dates chosen")
        html = render_report_html(gather_report(service, period, [Section.NOTES]))
    finally:
        service.close()
    assert "No notes were written in this period." in html
    assert html.count("<table") == 1  # the header band only


def test_the_pdf_has_language_subject_author_and_a_bookmark_per_section(service, tmp_path, qapp):
    data = gather_report(service)
    out = tmp_path / "report.pdf"
    write_report_pdf(data, out)
    reader = pypdf.PdfReader(out, strict=True)
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    meta = reader.metadata
    assert meta.author == "Transplant Companion" and meta.subject
    assert meta.title.startswith("Visit report - ") and "—" not in meta.title
    titles = [item.title for item in reader.outline]
    assert titles == ["Visit report", *report_outline(data)]
    assert "Blood counts" in titles and "Questions for this visit" in titles
    pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert pages == sorted(pages)
    text = _pages(out)
    counts = titles.index("Blood counts")
    assert "Blood counts" in text[pages[counts]]


def test_a_long_period_is_summarised_by_month_and_its_tables_capped(service, tmp_path, qapp):
    first = TODAY - timedelta(days=200)
    day = first
    while day < TODAY - timedelta(days=20):  # two readings a day for months
        for hour in (8, 20):
            at = datetime.combine(day, time(hour)).astimezone()
            service.log.add(Entry(at, EntryKind.NOTE, note=f"note {day}"))
        day += timedelta(days=1)
    data = gather_report(service, Period(first, TODAY, "the dates chosen"))
    assert data.long and len(data.months) >= 6
    html = render_report_html(data)
    assert "Month by month" in html
    assert f"The latest {MAX_ROWS} notes" in html
    out = tmp_path / "long.pdf"
    assert write_report_pdf(data, out) <= 8


def test_one_language_under_a_german_locale(tmp_path):
    """Under de_DE the report said "Dienstag … to Montag 7 Dezember"."""
    import locale
    import os
    import sys

    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
        locale.setlocale(locale.LC_TIME, old)
    except locale.Error:
        pytest.skip("no de_DE.UTF-8 locale here (localedef -i de_DE -f UTF-8 de_DE.UTF-8)")
    out = tmp_path / "de.pdf"
    env = dict(os.environ, LANG="de_DE.UTF-8", LC_ALL="de_DE.UTF-8")
    result = subprocess.run(
        [sys.executable, "main.py", "--demo", "report", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    german = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    german += ("Dezember", "Januar", "Februar", "März", "Mai", "Juni", "Juli", "Oktober")
    german += (" Mo ", " Di ", " Mi ", " Do ", " Fr ", " Sa ", " So ", " Dez ")
    text = " ".join(_pages(out))

    def found(words: str) -> list[str]:  # whole words: "February" holds "Februar"
        return [w for w in german if re.search(rf"(?<!\w){re.escape(w.strip())}(?!\w)", words)]

    assert not found(text)
    assert not found(result.stdout)
    assert pypdf.PdfReader(out).metadata.title.startswith("Visit report - ")
    assert " Dec" in text or " Nov" in text


def test_no_table_starts_with_its_first_row_split(service, qapp, tmp_path):
    """Qt splits a row of wrapped cells at a page's end; a table whose first row would be
    split starts on the next page, with its heading. (This diary split the alerts table's
    first row before the rule.)"""
    from PySide6.QtGui import QPageSize, QPdfWriter

    from companion.printing.paged import _tables, block_extent, prepare_device
    from companion.printing.report_pdf import layout_report

    now = service.now()
    for number in range(5):
        term = service.settings.vocabulary.symptoms[number].id
        at = now - timedelta(days=1 + number)
        service.log.add(Entry(at, EntryKind.SYMPTOM, term=term, severity=3))
        if number < 4:
            service.visits.add_question(f"Question {number}: " + "a long one, " * 8)
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(300)
    prepare_device(writer, page_size=QPageSize(QPageSize.PageSizeId.A4))
    doc, _ = layout_report(gather_report(service), writer, 300)
    height, margin = doc.pageSize().height(), doc.documentMargin()
    checked = 0
    for table in _tables(doc.rootFrame()):
        row = table.format().headerRowCount()
        if row >= table.rows():
            continue
        tops, bottoms = [], []
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            block = doc.findBlock(cell.firstPosition())
            while block.isValid() and block.position() <= cell.lastPosition():
                rect = block_extent(doc, block)
                tops.append(rect.top())
                bottoms.append(rect.bottom())
                block = block.next()
        assert int(min(tops) // height) == int((max(bottoms) - 1 + margin) // height)
        checked += 1
    assert checked >= 3
