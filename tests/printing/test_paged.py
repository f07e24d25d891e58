"""Pagination: an item never splits across pages; paper size follows the locale."""

from datetime import date

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize, QPdfWriter

from companion.domain.journey import Phase
from companion.printing.checklist_data import build_sheet
from companion.printing.checklist_sheet import BOX_EMPTY, BOX_TICKED, render_checklist_html
from companion.printing.paged import layout_document, page_size_for, prepare_device
from companion.service.demo import create_demo
from companion.service.diary import DiaryService


@pytest.fixture
def packet_html(tmp_path):
    service = DiaryService.open(create_demo(tmp_path, date(2026, 6, 1)))
    html = render_checklist_html(build_sheet(service, list(Phase), date(2026, 6, 1), blank=False))
    service.close()
    return html


def blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


@pytest.mark.parametrize("points", [13, 22])  # normal, and a reader who enlarges print
def test_no_item_is_split_across_pages(qapp, tmp_path, packet_html, points):
    html = packet_html.replace("font-size: 13pt", f"font-size: {points}pt")
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(150)
    prepare_device(writer, QLocale("en_GB"))
    doc = layout_document(html, writer, 150)
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    items = [b for b in blocks(doc) if b.text().startswith((BOX_EMPTY, BOX_TICKED))]
    assert len(items) > 40
    for block in items:
        rect = layout.blockBoundingRect(block)
        assert rect.height() > 0
        assert int(rect.top() // height) == int((rect.bottom() - 1) // height), block.text()
    for block in blocks(doc):
        if block.blockFormat().headingLevel() == 2:
            here = layout.blockBoundingRect(block)
            after = layout.blockBoundingRect(block.next())
            assert int(here.top() // height) == int((after.bottom() - 1) // height)
    assert doc.pageCount() >= len(Phase)


def test_paper_size_follows_the_locale():
    us = page_size_for(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    uk = page_size_for(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    de = page_size_for(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert us.id() == QPageSize.PageSizeId.Letter
    assert uk.id() == de.id() == QPageSize.PageSizeId.A4
