"""Tab goes round every page and comes back to the page list: no keyboard trap. A walk with
xdotool under Xvfb found three: Tab from the Settings section buttons stayed put (see
test_settings_one_scroll.py), Tab inside the questions, appointments and medicines tables
moved from cell to cell for ever, and Tab in the full log form's note typed a tab
character instead of going on to Save."""

import itertools
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit

from companion.domain.medicines import Medicine
from companion.domain.visits import Appointment, AppointmentKind
from companion.ui.entry_dialog import EntryDialog
from companion.ui.main_window import MainWindow
from companion.ui.page_builders import BUILDERS
from tests.ui.conftest import TODAY

# The guide's links take a Tab each (about 50 on the longest page): then Tab goes on.
MOST_TABS = 160


def open_window(qtbot, diary, text: int = 200, size=(1024, 581)) -> MainWindow:
    """The window at ``text`` % on a screen leaving it ``size`` (a 1024×600 one by default),
    shown and active (the offscreen screen's own fit is off: the ``no_fit`` fixture)."""
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.set_text_size(text)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def no_fit(monkeypatch):
    """The offscreen screen is 800 pixels wide: its fit would shrink the window under test."""
    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


@pytest.fixture
def full_window(qtbot, diary, no_fit):
    """The sample diary with a row in every table: a question, an appointment, a medicine."""
    service = diary.service
    service.visits.add_question("Can I shower with my line in?")
    at = datetime.combine(TODAY + timedelta(days=3), time(10)).astimezone()
    service.visits.add_appointment(Appointment(at, AppointmentKind.CLINIC_VISIT))
    service.medicines.add(Medicine("Aciclovir", "1 tablet", (time(9),), TODAY))
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.parametrize("key", list(BUILDERS))
def test_tab_goes_round_the_page_and_back_to_the_page_list(qtbot, full_window, key):
    window = full_window
    window.show_page(key)
    navigation = window.nav
    start = QApplication.focusWidget()
    seen = set()
    for _press in range(MOST_TABS):
        before = QApplication.focusWidget()
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        seen.add(id(now))
        if isinstance(now, QAbstractItemView) and now.tabKeyNavigation():
            pytest.fail(f"{key}: Tab moves between the cells of {now.accessibleName()!r}")
        if now is navigation:
            break
        if now is start and len(seen) > 1:
            break
    else:
        pytest.fail(f"{key}: {MOST_TABS} Tabs did not come back round ({len(seen)} stops)")
    assert len(seen) > 2, key


def test_every_table_and_note_lets_tab_go_on(qtbot, full_window):
    window = full_window
    for key in BUILDERS:
        window.show_page(key)
        for view in window.findChildren(QAbstractItemView):
            if view.isVisible() and view.focusPolicy() & Qt.FocusPolicy.TabFocus:
                assert not view.tabKeyNavigation(), (key, view.accessibleName())
    dialog = EntryDialog(window.diary)
    qtbot.addWidget(dialog)
    for box in (*dialog.findChildren(QPlainTextEdit), *dialog.findChildren(QTextEdit)):
        if not box.isReadOnly():
            assert box.tabChangesFocus(), box.accessibleName()


def test_the_keyboard_starts_where_the_eye_is_on_a_small_screen(qtbot, diary, no_fit):
    """At 200 % text on a 1024×600 screen the temperature field had the keyboard at the
    start but sat below the page's edge: "37" typed at once went where nobody could see.
    The page stays at its top (the day, the number to call); the page list has the focus.
    With room, the temperature field has it, as before."""
    from companion.ui.scrolling import page_of

    for text, size, first in ((200, (1024, 581), "nav"), (100, (1366, 749), "field")):
        window = open_window(qtbot, diary, text, size)
        field = window.quick_entry.temp_edit
        page = page_of(field)
        wanted = window.nav if first == "nav" else field
        qtbot.waitUntil(lambda window=window, wanted=wanted: window.focusWidget() is wanted)
        assert page.verticalScrollBar().value() == 0, text
        if first == "nav":
            below = field.mapTo(page.viewport(), field.rect().bottomLeft()).y()
            assert below > page.viewport().height()  # the field out of sight, as seen


def test_every_tick_box_and_radio_button_grows_with_the_text(qtbot, full_window):
    """Tick boxes stayed small at 200 % under Reminders (Medicines page, Settings) and in the
    medicine form: every one on every page, and in the medicine form, is marked to grow."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    from companion.ui.medicines_page import MedicineDialog

    window = full_window
    small = []
    for key in BUILDERS:
        window.show_page(key)
        for box in (*window.findChildren(QCheckBox), *window.findChildren(QRadioButton)):
            if box.isVisible() and not box.property("tcIndicator"):
                small.append((key, box.text()))
    dialog = MedicineDialog(TODAY)
    qtbot.addWidget(dialog)
    small += [
        ("medicine form", b.text())
        for b in dialog.findChildren(QCheckBox)
        if not b.property("tcIndicator")
    ]
    assert small == []


def test_enter_presses_the_focused_button_as_space_does(qtbot, full_window, monkeypatch):
    """Qt presses a focused button with Enter only in dialogs: "Add an appointment…" was
    deaf to it in the window (a keyboard try-out)."""
    from companion.ui.appointments_view import AppointmentDialog

    opened = []
    monkeypatch.setattr(AppointmentDialog, "ask", staticmethod(lambda *a, **k: opened.append(a)))
    window = full_window
    window.show_page("appointments")
    button = window.appointments_view.add_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.keyClick(button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: len(opened) == 2)


def test_tab_through_the_guides_links_keeps_each_in_view(qtbot, diary, no_fit):
    """Qt moves the guide's text cursor from link to link without a signal: ten Tabs went
    below the window's edge at 200 % text (a keyboard try-out)."""
    from companion.ui.guide_panel import GuideBrowser

    window = open_window(qtbot, diary)
    window.show_page("journey")
    guide = window.findChild(GuideBrowser)
    page = guide._page()
    guide.setFocus(Qt.FocusReason.TabFocusReason)
    for _press in range(15):
        qtbot.keyClick(guide, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not guide:
            break
        link = guide.cursorRect()
        top = guide.viewport().mapTo(page.viewport(), link.topLeft()).y()
        assert 0 <= top <= page.viewport().height() - link.height(), (
            guide.textCursor().selectedText()
        )


def test_the_question_filter_shows_its_choice_whole_in_spanish_at_200(qtbot, diary, no_fit):
    """ "Todas las preguntas" was cut to "Todas las pregunt…" beside the search field."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from companion.ui import language

    language.apply("es")
    try:
        window = open_window(qtbot, diary)
        window.show_page("appointments")
        combo = window.questions_view.scope_combo
        qtbot.waitUntil(combo.isVisible)
        assert combo.currentText() == "Todas las preguntas"
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        assert room.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())
    finally:
        language.apply("en")


@pytest.mark.parametrize("key", list(BUILDERS))
def test_tab_goes_down_the_page_as_it_is_read(qtbot, full_window, key):
    """Tab follows the page from top to bottom: on Today the daily boxes, made after the
    first frame, came after the vaccine plan's button further down (a keyboard try-out)."""
    from PySide6.QtWidgets import QScrollArea

    window = full_window
    qtbot.waitUntil(lambda: window.today_page.daily.items != [])
    window.show_page(key)
    window.nav.setFocus()
    tops = []
    for _press in range(MOST_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is window.nav:
            break
        holder = window.stack.currentWidget()
        content = holder.widget() if isinstance(holder, QScrollArea) else holder
        if content is None or not content.isAncestorOf(now):
            continue
        corner = now.mapTo(content, now.rect().topLeft())
        tops.append((corner.y(), corner.x(), now.accessibleName()))
    # Up the page only into a column to the right (Settings' two groups side by side).
    climbs = [(a, b) for a, b in itertools.pairwise(tops) if b[0] < a[0] - 4 and b[1] <= a[1]]
    assert climbs == [], "\n".join(map(str, [key, *tops]))
