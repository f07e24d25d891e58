"""Both call boxes on each phase's first page of a printed checklist, in English and
Spanish, on A4 and Letter, for the sample diary and the sheet with no diary. A box that did
not fit moved whole to the next page and left the first nearly empty: three of the six
Spanish phases did on A4 (21 pages for the packet, 19 now). The boxes take the largest
sizes at which they fit (``BOX_SIZES``)."""

import shutil
import subprocess
import unicodedata
from datetime import date, datetime, time

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter

from companion import i18n
from companion.domain.journey import Phase
from companion.printing.checklist_data import build_sheet
from companion.printing.checklist_layout import boxes_off_their_first_page, layout_checklist
from companion.printing.checklist_sheet import BOX_SIZES, render_checklist_html
from companion.printing.paged import layout_document, prepare_device, print_document
from companion.service.demo import create_demo
from companion.service.diary import DiaryService

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date(2026, 6, 1)
DPI = 300
PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


@pytest.fixture(params=["en", "es"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    return create_demo(folder, TODAY, now=datetime.combine(TODAY, time(20)).astimezone())


def sample_sheet(demo_path):
    """Every phase of the sample diary's sheet, in the language set now."""
    service = DiaryService.open(demo_path)
    try:
        return build_sheet(service, list(Phase), TODAY, blank=False)
    finally:
        service.close()


def printed(sheet, paper: str, path, fitted=True) -> list[str]:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    prepare_device(writer, page_size=QPageSize(PAPERS[paper]))
    if fitted:
        doc = layout_checklist(sheet, writer, DPI)
    else:
        doc = layout_document(render_checklist_html(sheet), writer, DPI)
    print_document(doc, writer, sheet.footer, DPI)
    del writer
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]


def first_pages(pages: list[str]) -> dict[Phase, str]:
    found = {}
    for page in pages:
        for phase in Phase:
            if page.lstrip().startswith(phase.title):
                found[phase] = page
    return found


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("diary", ["sample", "none"])
def test_both_call_boxes_are_on_each_phases_first_page(tmp_path, demo_path, language, paper, diary):
    service = DiaryService.open(demo_path) if diary == "sample" else None
    try:
        sheet = build_sheet(service, list(Phase), TODAY, blank=False)
    finally:
        if service is not None:
            service.close()
    pages = printed(sheet, paper, tmp_path / "sheet.pdf")
    starts = first_pages(pages)
    assert set(starts) == set(Phase)
    for phase, page in starts.items():
        # The team box ends with its after-hours line; the emergency box comes before it.
        assert i18n._("After hours:") in page, (phase, paper)
        assert i18n._("Call your transplant team now") in page or "⚠" in page


def test_without_measuring_a_spanish_box_leaves_a_first_page_nearly_empty(tmp_path, demo_path):
    """The check above can fail: the sheet at one size for all (the largest) on A4."""
    i18n.set_language("es")
    try:
        sheet = sample_sheet(demo_path)
        pages = printed(sheet, "A4", tmp_path / "sheet.pdf", fitted=False)
        starts = first_pages(pages)
        missing = [p for p, page in starts.items() if i18n._("After hours:") not in page]
    finally:
        i18n.set_language("en")
    assert missing, BOX_SIZES[0]


def test_the_check_finds_the_phases_whose_team_box_moved(tmp_path, demo_path):
    """What ``layout_checklist`` looks at: the phases whose team box ends on a later page
    than their heading, at the largest sizes (Spanish, A4), and none once fitted."""
    i18n.set_language("es")
    try:
        sheet = sample_sheet(demo_path)
        writer = QPdfWriter(str(tmp_path / "x.pdf"))
        writer.setResolution(DPI)
        prepare_device(writer, page_size=QPageSize(PAPERS["A4"]))
        largest = layout_document(render_checklist_html(sheet), writer, DPI)
        moved = boxes_off_their_first_page(largest, len(Phase))
        fitted = boxes_off_their_first_page(layout_checklist(sheet, writer, DPI), len(Phase))
        del writer
    finally:
        i18n.set_language("en")
    phases = list(Phase)
    assert Phase.ENGRAFTMENT in [phases[i] for i in moved]
    assert fitted == []
