"""Nothing cut at large text on small screens (issue 23, try-out in Spanish items 3 and 10).

The diary log's details showed "1 deposición blanda desde medianoc…" while the often empty
How bad and Note columns kept 150 and 110 pixels; the Medicines page was 714 pixels wide
in a 655-pixel view at 200 % text, cutting its intro, its date field and a button. Each
test looks at what a user would see: the words of every label and button inside its box,
every page inside its window, every detail of the rows on screen whole.
"""

from __future__ import annotations

import contextlib
from datetime import time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError

from companion import i18n
from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.medicines import Medicine
from companion.ui.entry_dialog import severity_name
from companion.ui.log_view import DETAILS, HOW_BAD, NOTE, WHAT, WHEN
from companion.ui.wrapping import WrapButton, WrapLabel
from tests.ui.conftest import TODAY

FRAME = 60  # a panel and a title bar: the window gets the screen less this
CEILING_MS = 30_000  # for a real fault only: layouts settle over a few event-loop passes
PAGES = (
    "today",
    "journey",
    "log",
    "counts",
    "checklists",
    "appointments",
    "medicines",
    "immunity",
    "settings",
)


@pytest.fixture(autouse=True)
def screen_as_tested(monkeypatch):
    """The window keeps the size under test (its fit to the 800-pixel offscreen screen
    would shrink it)."""
    from companion.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


@pytest.fixture(params=["en", "es"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def open_window(qtbot, diary, width: int, height: int, size: int):
    from companion.ui.main_window import MainWindow

    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_size(size)
    window.resize(width, height - FRAME)
    qtbot.waitUntil(lambda: window.size().width() == width)
    qtbot.waitUntil(lambda: has_the_text_size(window))
    return window


def has_the_text_size(widget: QWidget) -> bool:
    """The text size reaches widgets through the event loop: measured before, a test would
    see the old font's widths and pass for nothing."""
    return widget.font().pointSizeF() == QApplication.font().pointSizeF()


def _plain(text: str) -> str:
    """A widget's text as drawn: "&&" is "&", a single "&" marks the mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _inside(widget: QWidget, area: QScrollArea) -> bool:
    box = QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())
    return box.left() >= 0 and box.right() < area.viewport().width() + 1


def _scrolling_pages(window) -> list[QScrollArea]:
    """The areas shown that scroll up and down only (never sideways)."""
    return [
        area
        for area in window.findChildren(QScrollArea)
        if area.isVisible()
        and area.widget() is not None
        and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    ]


def wider_than_the_window(window) -> list[str]:
    """Pages whose content is (or would have to be) wider than the view that shows it."""
    found = []
    for area in _scrolling_pages(window):
        content, room = area.widget(), area.viewport().width()
        if content.width() > room or content.minimumSizeHint().width() > room:
            found.append(
                f"{area.objectName() or content.objectName()}: {content.width()} "
                f"(at least {content.minimumSizeHint().width()}) in {room}"
            )
    return found


def cut_words(page: QWidget, area: QScrollArea) -> list[str]:
    """Labels and buttons on ``page`` whose words do not fit their box, or that stick out
    of the page's side."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        text = _plain(widget.text())
        if not text:
            continue
        what = f"{type(widget).__name__} {text!r}"
        if not _inside(widget, area):
            found.append(f"{what}: out of the page at the side")
        room = widget.contentsRect().width()
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() + 1 < widget.heightForWidth(widget.width()):
                found.append(f"{what}: wrapped words cut at the bottom")
            longest = max(text.split(), key=widget.fontMetrics().horizontalAdvance)
            if widget.fontMetrics().horizontalAdvance(longest) > room:
                found.append(f"{what}: a word wider than the label")
        elif isinstance(widget, WrapButton):
            continue  # its words are in a wrapping label, checked as one
        elif QFontMetrics(widget.font()).horizontalAdvance(text) > room:
            found.append(f"{what}: {widget.fontMetrics().horizontalAdvance(text)} > {room}")
    return found


def _settle(qtbot, problems) -> None:
    with contextlib.suppress(TimeoutError):  # the assertion after it says what is wrong
        qtbot.waitUntil(lambda: problems() == [], timeout=CEILING_MS)


# The Medicines page ----------------------------------------------------------------------


def test_the_medicines_page_fits_1024_by_600_at_200_percent(qtbot, diary, language, tmp_path):
    for name, purpose in (("Ciclosporina", "prevenir la EICH"), ("Aciclovir", "herpes")):
        diary.service.medicines.add(
            Medicine(
                name=name,
                dose="100 mg",
                times=(time(8), time(20)),
                start=TODAY - timedelta(days=3),
                purpose=purpose,
            )
        )
    window = open_window(qtbot, diary, 1024, 600, 200)
    page = window.show_page("medicines")
    area = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.isVisible() and has_the_text_size(page))
    window.grab().save(str(tmp_path / f"medicines-{language}.png"))

    def problems() -> list[str]:
        return wider_than_the_window(window) + cut_words(page, area)

    _settle(qtbot, problems)
    assert problems() == []
    assert page.width() <= area.viewport().width()
    # The date field and its calendar button, and the dated-change button, in full view.
    for widget in (
        page.on_field,
        page.on_field.calendar_button,
        page.dose_button,
        page.chart_button,
    ):
        assert _inside(widget, area), widget
    # Reminders' labels wrap onto two lines rather than widen the page.
    label = next(w for w in page.findChildren(WrapLabel) if w.buddy() is page.temperature_edit)
    assert label.height() >= label.heightForWidth(label.width())


def test_every_page_is_no_wider_than_its_window_at_200_percent(qtbot, diary, language):
    """The same fault on the other pages: Today (the "More: …" button at 200 % in English),
    Settings → Team (two long form labels in Spanish)."""
    window = open_window(qtbot, diary, 1024, 600, 200)
    for key in PAGES:
        shown = window.show_page(key)
        qtbot.waitUntil(lambda shown=shown: shown.isVisible() and has_the_text_size(shown))
        sections = [None]
        if key == "settings":
            sections = range(shown.tabs.count())
        for section in sections:
            if section is not None:
                shown.tabs.setCurrentIndex(section)
            _settle(qtbot, lambda: wider_than_the_window(window))
            assert wider_than_the_window(window) == [], (key, section)
    more = window.quick_entry.more_button
    window.show_page("today")
    qtbot.waitUntil(lambda: more.isVisible())
    assert more.width() <= window.stack.currentWidget().viewport().width()


# The diary log ---------------------------------------------------------------------------


@pytest.fixture
def with_a_note(diary):
    """A symptom with a note, just logged: the first row, with How bad and Note filled."""
    now = diary.service.now()
    diary.service.log.add(
        Entry(
            at=now - timedelta(minutes=20),
            kind=EntryKind.SYMPTOM,
            term="tiredness",
            severity=2,
            note="Mareo al levantarme",
        )
    )
    return diary


def rows_on_screen(table) -> range:
    """The rows the user sees, whole or in part."""
    first, last = table.rowAt(0), table.rowAt(0)
    while last + 1 < table.model().rowCount():
        if table.rowViewportPosition(last + 1) >= table.viewport().height():
            break
        last += 1
    return range(first, last + 1)


def details_cut(table) -> list[str]:
    """The details of rows on screen that do not show whole: wider than the column on one
    line, and not wrapped into a row tall enough for them."""
    model, metrics = table.model(), table.fontMetrics()
    width = table.columnWidth(DETAILS)
    found = []
    for row in rows_on_screen(table):
        text = model.index(row, DETAILS).data()
        if metrics.horizontalAdvance(text) + 8 <= width:
            continue  # whole on one line
        needed = metrics.boundingRect(
            QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, text
        ).height()
        if not table.wordWrap() or table.rowHeight(row) < needed:
            found.append(f"{text!r}: {width} px wide, row {table.rowHeight(row)} < {needed}")
    return found


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [(1024, 600, 100), (1024, 600, 150), (1024, 600, 200), (1366, 768, 100), (1366, 768, 200)],
    ids=str,
)
def test_the_log_shows_the_details_whole(
    qtbot, with_a_note, language, width, height, size, tmp_path
):
    window = open_window(qtbot, with_a_note, width, height, size)
    view = window.show_page("log")
    table, model = view.table, view.model
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: table.isVisible() and model.rowCount() > 0)
    qtbot.waitUntil(lambda: has_the_text_size(table))
    page.ensureWidgetVisible(table)
    _settle(qtbot, lambda: details_cut(table))
    table.grab().save(str(tmp_path / f"log-{language}-{width}-{size}.png"))
    assert details_cut(table) == []
    room = table.viewport().width()
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    right = max(table.columnViewportPosition(c) + table.columnWidth(c) for c in shown)
    assert right <= room + 1  # never sideways
    # The details get the most room; How bad and Note no more than their words need.
    assert all(table.columnWidth(DETAILS) >= table.columnWidth(c) for c in shown)
    heading = table.horizontalHeader().fontMetrics()
    if not table.isColumnHidden(HOW_BAD):
        words = [severity_name(level) for level in range(len(SEVERITIES))]
        title = model.headerData(HOW_BAD, Qt.Orientation.Horizontal)
        widest = max(
            [heading.horizontalAdvance(title)]
            + [table.fontMetrics().horizontalAdvance(w) for w in words]
        )
        assert table.columnWidth(HOW_BAD) <= widest + 40
    # A column hidden for room: its words are in the details, on screen (not in a tooltip).
    first = model.index(0, DETAILS).data()
    if table.isColumnHidden(NOTE):
        assert "Mareo al levantarme" in first
    else:
        assert model.index(0, NOTE).data() == "Mareo al levantarme"
    if table.isColumnHidden(HOW_BAD):
        assert model.index(0, HOW_BAD).data().lower() in first.lower()
    # Headings whole: every column shown is at least as wide as its heading.
    for column in shown:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert heading.horizontalAdvance(title) <= table.columnWidth(column), title
    if size == 100:  # at 100 % the details need no second line: the column is wide enough
        longest = max(
            table.fontMetrics().horizontalAdvance(model.index(r, DETAILS).data())
            for r in rows_on_screen(table)
        )
        assert table.columnWidth(DETAILS) >= longest
        assert all(table.rowHeight(r) == table.rowHeight(0) for r in rows_on_screen(table))
        if width == 1024:
            assert len(model.index(0, WHEN).data().split()) == 5  # the date in full
    assert model.index(0, WHAT).data() == model.index(0, WHAT).data(Qt.ItemDataRole.ToolTipRole)


def test_rows_scrolled_into_view_show_whole_and_rows_out_of_view_are_not_measured(
    qtbot, diary, language
):
    """Only the rows on screen are measured (the log may hold 100,000 entries): a row far
    below keeps the table's default height until it is scrolled to, then it grows too."""
    old = diary.service.now() - timedelta(days=60)  # the last row of the log
    diary.service.log.add(Entry(at=old, kind=EntryKind.STOOLS, value=2.0))
    window = open_window(qtbot, diary, 1024, 600, 200)
    view = window.show_page("log")
    table, model = view.table, view.model
    window.stack.currentWidget().ensureWidgetVisible(table)
    qtbot.waitUntil(lambda: table.isVisible() and model.rowCount() > 20)
    qtbot.waitUntil(lambda: has_the_text_size(table))
    _settle(qtbot, lambda: details_cut(table))
    assert details_cut(table) == []
    default = table.verticalHeader().defaultSectionSize()
    last = model.rowCount() - 1
    assert model.entry_at(last).at == old
    metrics = table.fontMetrics()
    assert metrics.horizontalAdvance(model.index(last, DETAILS).data()) > table.columnWidth(DETAILS)
    assert last not in rows_on_screen(table)
    assert table.rowHeight(last) == default  # not measured while out of view
    table.scrollToBottom()

    def last_row_whole() -> bool:
        bottom = table.rowViewportPosition(last) + table.rowHeight(last)
        return table.rowViewportPosition(last) >= 0 and bottom <= table.viewport().height()

    qtbot.waitUntil(lambda: last_row_whole() and details_cut(table) == [])
    assert table.rowHeight(last) > default


# The wrapping button and label -----------------------------------------------------------


def test_a_wrap_button_wraps_its_words_and_is_still_a_button(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    button = WrapButton("More: infection signs, weight, rash, notes… (Ctrl+E)")
    layout.addWidget(button)
    layout.addStretch(1)
    holder.resize(900, 200)
    holder.show()
    qtbot.waitExposed(holder)
    one_line = button.height()
    assert button.text() == "More: infection signs, weight, rash, notes… (Ctrl+E)"
    assert button.minimumSizeHint().width() < button.sizeHint().width()
    holder.resize(button.minimumSizeHint().width() + 30, 400)
    qtbot.waitUntil(lambda: button.height() > one_line)
    label = button.findChild(QLabel)
    assert label.height() >= label.heightForWidth(label.width())
    with qtbot.waitSignal(button.clicked):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)  # the words pass the click on


def test_a_wrap_label_keeps_one_line_where_there_is_room(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLineEdit

    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    field = QLineEdit()
    label = WrapLabel("Your team's limits are for a reading in the:", field)
    form.addRow(label, field)
    page.resize(800, 200)
    page.show()
    qtbot.waitExposed(page)
    line = label.fontMetrics().height()
    qtbot.waitUntil(lambda: label.height() < 2 * line)  # one line: room enough
    assert label.buddy() is field
    page.resize(label.minimumSizeHint().width() + 40, 300)
    qtbot.waitUntil(lambda: label.width() <= page.width())
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.height() >= 2 * line
