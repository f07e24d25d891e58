"""The window on the screens people have at home, with and without an emergency card: on
every page every control is in the window or in a page that scrolls up and down (never
sideways), no label or button is cut, and the card's button is always in view."""

import contextlib

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.exceptions import TimeoutError

from companion.domain.entries import Entry, EntryKind

# (screen width, screen height, text size %). The window gets the screen less a panel and a
# title bar (60 pixels), as on a desktop.
SCREENS = [
    (1024, 600, 100),
    (1024, 600, 150),
    (1366, 768, 100),
    (1366, 768, 150),
    (1920, 1080, 200),
    (1024, 600, 200),
]
PAGES = (
    "today",
    "journey",
    "log",
    "counts",
    "checklists",
    "medicines",
    "immunity",
    "settings",
)
FRAME = 60


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _scroller(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area ``widget`` is inside (its content, not its frame)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def layout_problems(window) -> list[str]:
    """What a user would find cut off or out of reach on the page shown now."""
    found = []
    frame = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or widget.objectName() == "focus-ring":
            continue
        if not isinstance(widget, (QAbstractButton, QComboBox, QLineEdit, QLabel)):
            continue
        text = widget.text() if hasattr(widget, "text") else ""
        what = f"{type(widget).__name__} {widget.objectName()!r} {text!r}"
        area = _scroller(widget)
        if area is None:
            if not frame.contains(_rect_in(widget, window)):
                found.append(f"{what}: outside the window")
        elif isinstance(area, QScrollArea):
            if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                continue  # the timeline and the charts scroll sideways, by design
            # A page scrolls up and down only: nothing may be wider than its view.
            box = _rect_in(widget, area.viewport())
            if box.left() < 0 or box.right() >= area.viewport().width() + 1:
                found.append(f"{what}: cut at the side of its page")
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() + 1 < widget.heightForWidth(widget.width()):
                    found.append(f"{what}: wrapped text cut at the bottom")
            elif widget.width() + 1 < widget.minimumSizeHint().width():
                found.append(f"{what}: text cut at the side")
        elif isinstance(widget, (QAbstractButton, QComboBox)):
            hint = widget.minimumSizeHint()
            if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
                found.append(f"{what}: smaller than its text ({widget.size()} < {hint})")
    return found


SETTLE_CEILING_MS = 30_000


@pytest.fixture(autouse=True)
def screen_as_tested(monkeypatch):
    """The offscreen screen is 800 pixels wide: the window's fit to its screen (a timer
    after it shows) shrank a 1024-pixel window mid-test. Here the screen is the one under
    test, so that fit has nothing to do."""
    from companion.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


@pytest.fixture(params=[False, True], ids=["no card", "emergency card"])
def card(request):
    return request.param


@pytest.mark.parametrize(("width", "height", "size"), SCREENS, ids=lambda v: str(v))
def test_every_page_fits_the_screen(qtbot, window, diary, card, width, height, size, tmp_path):
    if card:
        diary.service.log.add(
            Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
        )
    window.set_text_size(size)
    room = QRect(0, 0, width, height - FRAME)
    # The window manager may make the window as small as the screen: it asks no more.
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= room.width() and minimum.height() <= room.height()
    window.resize(room.size())
    qtbot.waitUntil(lambda: window.size() == room.size())
    for page in PAGES:
        window.show_page(page)
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        # Layouts settle over a few passes of the event loop after a change of size or font:
        # wait for the condition. The ceiling is for a real fault only, not a budget a
        # layout must meet: a loaded 2-core machine failed good layouts at 2 s (issue 19).
        with contextlib.suppress(TimeoutError):  # the assertion below says what is wrong
            qtbot.waitUntil(lambda: layout_problems(window) == [], timeout=SETTLE_CEILING_MS)
        problems = layout_problems(window)
        assert problems == [], (page, width, height, size, window.size(), problems)
        if card:
            button = window.alert_card.contact_button
            assert button.isVisible()
            box = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert window.rect().contains(box), page
            # An emergency card may take more than half the window, never much more.
            assert window.alert_card.height() <= room.height() * 0.58 + 2
        window.grab().save(str(tmp_path / f"{page}.png"))


def test_the_check_finds_a_cut_label_and_a_squeezed_button(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QPushButton

    window = QMainWindow()
    qtbot.addWidget(window)
    holder = QWidget()
    row = QHBoxLayout(holder)
    label = QLabel("A label much longer than the window it sits in, and so cut off")
    button = QPushButton("A button with long words on it")
    row.addWidget(label)
    row.addWidget(button)
    window.setCentralWidget(holder)
    label.setMinimumWidth(10)
    button.setMinimumWidth(10)
    window.resize(200, 80)
    window.show()
    qtbot.waitExposed(window)
    found = layout_problems(window)
    assert any("text cut at the side" in p for p in found)
    assert any("smaller than its text" in p for p in found)


@pytest.mark.parametrize(("width", "height"), [(1024, 600), (1366, 768)])
def test_the_emergency_card_shows_whole_lines_and_ctrl_t_brings_the_field_into_view(
    qtbot, window, diary, width, height
):
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    )
    window.set_text_size(150)
    window.resize(width, height - FRAME)
    window.show_page("today")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    card = window.alert_card
    body, scroll = card.body, card.body_scroll
    qtbot.waitUntil(lambda: scroll.height() > 0 and card.isVisible())
    # Never half a line: the text shows whole, or a whole number of lines and scrolls (and
    # not a few pixels of the next line either: issue 23).
    shown = scroll.viewport().height()
    if shown < body.heightForWidth(scroll.viewport().width()):
        assert shown % body.fontMetrics().lineSpacing() == 0, shown

    page = window.stack.currentWidget()
    # Opening leaves the page at its top (the day and the team's numbers), whatever has the focus.
    assert page.verticalScrollBar().value() == 0
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
    field = window.quick_entry.temp_edit

    def in_view(widget) -> bool:
        return page.viewport().rect().contains(_rect_in(widget, page.viewport()))

    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: field.hasFocus() and in_view(field))
    qtbot.keyClicks(field, "37.2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    status = window.quick_entry.status
    qtbot.waitUntil(lambda: status.isVisible() and in_view(status))
    assert "Saved 37.2" in status.text()


def test_opening_with_a_card_on_a_small_screen_leaves_the_page_at_its_top(qtbot, diary):
    from companion.ui import typography
    from companion.ui.main_window import MainWindow

    typography.set_text_size(150)
    window = MainWindow(diary)
    qtbot.addWidget(window)
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    )
    window.resize(1024, 600 - FRAME)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today_page.daily.items != [])
    window.show_page("today")
    page = window.stack.currentWidget()
    # Whatever took the focus on opening, the day and the team's numbers are what shows.
    qtbot.waitUntil(lambda: window.focusWidget() is not None)
    assert page.verticalScrollBar().value() == 0
    heading = window.today_page.findChild(QLabel)
    assert page.viewport().rect().contains(_rect_in(heading, page.viewport()))
