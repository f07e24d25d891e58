"""View → Text size reaches the Medicines and Immune tables at once, without a restart."""

from companion.domain.medicines import Medicine, parse_times


def _rows_fit(table) -> bool:
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    return (
        all(table.rowHeight(row) >= metrics.height() for row in range(table.model().rowCount()))
        and header.height() >= header.fontMetrics().height()
    )


def test_medicine_tables_grow_with_the_text_size_live(qtbot, window, diary):
    today = diary.service.today()
    diary.service.medicines.add(
        Medicine(name="Ciclosporin", dose="100 mg", times=parse_times("04:00, 16:00"), start=today)
    )
    page = window.show_page("medicines")
    qtbot.waitUntil(lambda: page.list_table.rowCount() > 0 and page.grid.rowCount() > 0)
    before = page.list_table.rowHeight(0)
    window.set_text_size(200)
    qtbot.waitUntil(lambda: page.list_table.rowHeight(0) > before)
    assert _rows_fit(page.list_table) and _rows_fit(page.grid)
    # The table is as tall as its rows: the last row is not hidden under the page.
    grid = page.grid
    rows = sum(grid.rowHeight(r) for r in range(grid.rowCount()))
    assert grid.height() >= rows + grid.horizontalHeader().height()


def test_vaccine_table_rows_grow_with_the_text_size_live(qtbot, window):
    page = window.show_page("immunity")
    view = page.plan_view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    before = view.rowHeight(0)
    window.set_text_size(200)
    qtbot.waitUntil(lambda: view.rowHeight(0) > before)
    assert _rows_fit(view)


def test_checklist_items_grow_with_the_text_size_live(qtbot, window):
    window.show_page("checklists")
    view = window.page("checklists").view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    first = view.model().index(0, 0)
    before = view.visualRect(first).height()
    window.show_page("today")  # the change comes while the list is out of sight
    window.set_text_size(200)
    window.show_page("checklists")
    # The rows are laid out again at the new size: each is at least a line of the new text.
    qtbot.waitUntil(lambda: view.visualRect(first).height() > before)
    assert view.visualRect(first).height() >= view.fontMetrics().height()
