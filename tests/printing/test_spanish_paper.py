"""Issue 23: the printed paper in Spanish. The visit report and a checklist sheet read back
with pdftotext say Spanish headings, Spanish dates and "Día +", and the PDF says /Lang es
with a Spanish title and Spanish bookmarks; nothing comes out German under a German
LC_TIME, and the compact report still fits on two pages."""

import locale
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, time

import pytest

from companion import i18n
from companion.domain.journey import Phase
from companion.printing.checklist_data import build_sheet
from companion.printing.pdf import write_sheet_pdf
from companion.printing.report_pdf import write_report_pdf
from companion.printing.visit_report import report_outline
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.report import gather_report

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
TODAY = date(2026, 6, 1)
SPANISH_MONTHS = ("mayo", "junio")
# Words of the English report and sheet that must not be left in the Spanish ones.
ENGLISH = (
    "Visit report",
    "At a glance",
    "Alerts and contacts",
    "Latest counts",
    "Symptoms at their",
    "Questions for this visit",
    "Printed",
    "Page ",
    "Day +",
    "Day 0",
    "Monday",
    "Sunday",
    "does not replace",
    "Office hours",
    "After hours",
    "Checklist",
    "Sources:",
    "Highest",
    "(call your team)",
    "scale to",
)
GERMAN = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
GERMAN += ("Januar", "Februar", "März", "Mai", "Juni", "Juli", "Dezember")


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture
def service(tmp_path, spanish):
    folder = tmp_path / "demo"
    folder.mkdir()
    now = datetime.combine(TODAY, time(20)).astimezone()
    # The demo's own clock too (it takes the wall clock's time of day otherwise, and a
    # report made after 06:00 has one more blood count).
    path = create_demo(folder, TODAY, now=now)
    service = DiaryService.open(path, lambda: now)
    yield service
    service.close()


def _pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # NFKC folds ligatures ("ﬁ") back into letters; spaces folded.
    text = unicodedata.normalize("NFKC", text)
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def _words(text: str, words) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w.strip())}(?!\w)", text)]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_visit_report_in_spanish(service, tmp_path, qapp, paper):
    from PySide6.QtGui import QPageSize

    out = tmp_path / "informe.pdf"
    data = gather_report(service)
    pages = write_report_pdf(data, out, QPageSize(getattr(QPageSize.PageSizeId, paper)))
    assert pages <= 2  # the longer Spanish still fits the compact report
    text = _pages(out)
    first, everything = text[0], " ".join(text)
    for words in (
        "Informe para la consulta",
        "Riverside Hospital",
        "De un vistazo",
        "Avisos y contactos",
        "Últimos recuentos",
        "Peso",
        "Síntomas en su",  # "peor momento" wraps in its cell
        "Preguntas para",
        "Impreso el lunes, 1 de junio de 2026",
        "Día +",
        "Temperatura (°C)",
        "escala hasta 40",
        "38,0 (llame a su equipo)",
    ):
        assert words in first, words
    assert "Página 1 de" in everything
    assert "no sustituye los consejos de su equipo de trasplante" in everything
    assert any(month in first for month in SPANISH_MONTHS)
    # The immune system section is worded by companion.domain.immunity_wording (its own
    # catalogue part): checked in its tests, left out here.
    start = everything.index("Sistema inmunitario y vacunas")
    mine = everything[:start] + everything[everything.index("Preguntas para esta visita", start) :]
    assert not _words(mine, ENGLISH)
    reader = pypdf.PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.metadata.title.startswith("Informe para la consulta - del ")
    assert "visita" not in reader.metadata.title.lower()
    assert "junio de 2026" in reader.metadata.title
    marks = [item.title for item in reader.outline]
    assert marks[0] == "Informe para la consulta"
    assert marks[1:] == report_outline(data)
    assert "De un vistazo" in marks and "Recuentos sanguíneos" in marks


def test_mexican_spanish_says_es_mx(tmp_path, qapp):
    folder = tmp_path / "demo"
    folder.mkdir()
    now = datetime.combine(TODAY, time(20)).astimezone()
    path = create_demo(folder, TODAY, now=now)
    i18n.set_language("es_MX")
    try:
        service = DiaryService.open(path, lambda: now)
        try:
            out = tmp_path / "mx.pdf"
            write_report_pdf(gather_report(service), out)
        finally:
            service.close()
    finally:
        i18n.set_language("en")
    assert pypdf.PdfReader(out).trailer["/Root"]["/Lang"] == "es-MX"
    assert "38.0 (llame a su equipo)" in _pages(out)[0]  # Mexico writes a decimal point


def test_a_checklist_sheet_in_spanish(service, tmp_path, qapp):
    out = tmp_path / "lista.pdf"
    sheet = build_sheet(service, [Phase.ENGRAFTMENT], TODAY, blank=False)
    pages = write_sheet_pdf(sheet, out)
    text = _pages(out)
    assert len(text) == pages
    first, everything = text[0], " ".join(text)
    assert "A la espera del injerto" in first
    assert re.search(r"Desde el Día \+1 \(\w+, \d+ de \w+ de 2026\)", first), first
    assert "Un trasplante de donante (alogénico)." in first
    assert "Horario de oficina" in everything and "020 7946 0123" in everything
    assert "Fuera de horario: 020 7946 0999" in everything
    assert f"Página {pages} de {pages}." in text[-1]
    assert "contacte con su equipo de trasplante" in text[-1]
    assert not _words(everything, ENGLISH)
    reader = pypdf.PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert reader.metadata.title == "Lista de tareas - A la espera del injerto"


def test_no_german_in_the_spanish_report_under_a_german_lc_time(service, tmp_path, qapp):
    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no de_DE.UTF-8 locale here (localedef -i de_DE -f UTF-8 de_DE.UTF-8)")
    try:
        out = tmp_path / "de.pdf"
        write_report_pdf(gather_report(service), out)
        sheet = tmp_path / "de-sheet.pdf"
        write_sheet_pdf(build_sheet(service, [Phase.RECOVERY], TODAY, blank=True), sheet)
    finally:
        locale.setlocale(locale.LC_TIME, old)
    text = " ".join(_pages(out) + _pages(sheet))
    assert not _words(text, GERMAN)
    assert "junio" in text and "lunes" in text


def test_the_pseudo_locale_leaves_no_english_in_the_paper_s_own_words(tmp_path, qapp):
    """Under the pseudo-locale every message is accented and bracketed: the report's and
    the sheet's own words (headings, labels, sentences) must all be, so none was missed."""
    import html
    from dataclasses import replace

    from companion.printing.checklist_sheet import render_checklist_html
    from companion.printing.visit_report import render_report_html

    folder = tmp_path / "demo"
    folder.mkdir()
    now = datetime.combine(TODAY, time(20)).astimezone()
    path = create_demo(folder, TODAY, now=now)
    i18n.set_language("qps")
    try:
        service = DiaryService.open(path, lambda: now)
        try:
            # Without the immune system section: companion.domain.immunity_wording has its
            # own catalogue part and tests.
            report = render_report_html(replace(gather_report(service), immunity=None))
            sheet = render_checklist_html(build_sheet(service, [Phase.RECOVERY], TODAY, False))
        finally:
            service.close()
    finally:
        i18n.set_language("en")
    for page in (report, sheet):
        text = html.unescape(re.sub(r"<[^>]+>", " ", page))
        assert "[" in text
        assert not _words(text, ENGLISH), _words(text, ENGLISH)
