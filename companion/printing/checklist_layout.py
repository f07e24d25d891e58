"""A checklist sheet laid out on its paper with both call boxes on each phase's first page.

A call box that does not fit below the phase's heading moves whole to the next page (a box
split over two pages loses its frame) and leaves the first page nearly empty: three of the
six Spanish phases did on A4. The sheet is laid out once at the largest sizes, which is
the layout printed when every box fits (English, always); only a phase whose team box
ends on a later page than its heading gets smaller sizes, and the sheet is laid out again.
"""

from __future__ import annotations

from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from companion.printing.checklist_sheet import (
    Sheet,
    phase_anchor,
    render_checklist_html,
    smaller_box_sizes,
    team_box_end_anchor,
)
from companion.printing.paged import block_extent, layout_document, page_counter


def layout_checklist(sheet: Sheet, device: QPagedPaintDevice, dpi: int) -> QTextDocument:
    """``sheet`` laid out in pages of ``device``, ready for ``paged.print_document``."""
    doc = layout_document(render_checklist_html(sheet), device, dpi)
    misfits = boxes_off_their_first_page(doc, len(sheet.phases))
    if not misfits:
        return doc
    count = page_counter(device, dpi)
    sizes = {index: smaller_box_sizes(sheet, index, count) for index in misfits}
    return layout_document(render_checklist_html(sheet, sizes), device, dpi)


def boxes_off_their_first_page(doc: QTextDocument, phases: int) -> list[int]:
    """The phases (by index) whose team box ends on a later page than their heading."""
    page_height = doc.pageSize().height()
    wanted = {phase_anchor(i): (i, "top") for i in range(phases)}
    wanted |= {team_box_end_anchor(i): (i, "end") for i in range(phases)}
    pages: dict[int, dict[str, int]] = {}
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            for name in fragments.fragment().charFormat().anchorNames():
                if name in wanted:
                    index, what = wanted[name]
                    extent = block_extent(doc, block)
                    y = extent.top() if what == "top" else extent.bottom() - 1
                    pages.setdefault(index, {})[what] = int(y // page_height)
            fragments += 1
        block = block.next()
    return [i for i, found in sorted(pages.items()) if found.get("end") != found.get("top")]
