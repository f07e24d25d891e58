"""The Settings page scrolls with one scroll bar at a time. On a 1024×600 screen at 200 %
text the section (Transplant, Team, …) was a slot of three or four lines that scrolled
inside a page that scrolled too; there the page now scrolls as a whole. Where the window has
room, the section scrolls inside the page with Save in view below it."""

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea

from companion.ui.main_window import MainWindow
from companion.ui.settings_dialog import SettingsPanel
from tests.ui.test_alert_card_fits import LAPTOP, SMALL, open_card


@pytest.fixture(autouse=True)
def screen_as_tested(monkeypatch):
    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


def settings(qtbot, diary, size, text, card=False):
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_size(text)
    window.resize(*size)
    if card:
        open_card(diary, "fever")
    window.show_page("settings")
    panel = window.findChild(SettingsPanel)
    page = panel.parentWidget().parentWidget()
    assert isinstance(page, QScrollArea)
    return window, panel, page


def scrolls(area: QScrollArea) -> bool:
    return area.verticalScrollBar().isVisible()


def section(panel) -> QScrollArea | None:
    area = panel.tabs.currentWidget()
    return area if isinstance(area, QScrollArea) else None


@pytest.mark.parametrize(
    ("size", "text", "card"),
    [(SMALL, 200, False), (SMALL, 200, True), (SMALL, 150, True), (SMALL, 100, False)]
    + [(LAPTOP, text, False) for text in (100, 150, 200)],
)
def test_one_scroll_bar_at_a_time_in_every_section(qtbot, diary, size, text, card):
    _window, panel, page = settings(qtbot, diary, size, text, card)
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        area = section(panel)
        if area is None:
            continue  # the change history: a list, in a page that fits it
        qtbot.waitUntil(lambda area=area: not (scrolls(page) and scrolls(area)))
        if scrolls(page):  # the page scrolls as a whole: the section shows all it holds
            assert area.viewport().height() >= area.widget().height()


def test_a_short_window_scrolls_the_page_and_a_roomy_one_keeps_save_in_view(qtbot, diary):
    window, panel, page = settings(qtbot, diary, SMALL, 200)
    panel.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: scrolls(page))
    assert not scrolls(section(panel))
    window.resize(*LAPTOP)
    window.set_text_size(100)
    qtbot.waitUntil(lambda: not scrolls(page))
    save = panel.save_button
    assert save.isVisible()
    assert save.mapTo(page.viewport(), save.rect().bottomLeft()).y() <= page.viewport().height()


def test_a_section_that_grows_on_a_short_window_still_has_no_scroll_bar_of_its_own(qtbot, diary):
    _window, panel, page = settings(qtbot, diary, SMALL, 200)
    panel.tabs.setCurrentIndex(3)  # Reminders: a short section
    area = section(panel)
    qtbot.waitUntil(lambda: scrolls(page) and not scrolls(area))
    before = area.widget().height()
    area.widget().layout().addWidget(QLabel("\n".join(["A line more"] * 30)))
    qtbot.waitUntil(lambda: area.widget().height() > before)
    qtbot.waitUntil(lambda: area.viewport().height() >= area.widget().height())
    assert not scrolls(area)


def test_tab_goes_from_the_section_buttons_into_the_section_and_back(qtbot, diary):
    """The tab widget behind the section buttons handed its focus to its hidden tab bar:
    Tab from "Transplant" stayed there for ever, and the form was out of the keyboard's
    reach (found driving the window with xdotool under Xvfb)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QRadioButton

    window, panel, page = settings(qtbot, diary, SMALL, 200)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel.sections.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.sections.current_button())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    now = QApplication.focusWidget()
    assert isinstance(now, QRadioButton), now
    assert panel.transplant_form.isAncestorOf(now)
    # On the chosen kind (the sample diary's donor transplant), not the first of the group,
    # where Space would change the transplant's kind; the next Tab goes to the chosen source.
    assert now.isChecked() and now.accessibleName() == "From a donor (allogeneic)"
    qtbot.keyClick(now, Qt.Key.Key_Tab)
    source = QApplication.focusWidget()
    assert source.isChecked() and source in panel.transplant_form.source_buttons.values()
    qtbot.keyClick(source, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is now
    # The page brought it into view.
    top = now.mapTo(page.viewport(), now.rect().topLeft()).y()
    assert top >= 0 and top + now.height() <= page.viewport().height()
    qtbot.keyClick(now, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is panel.sections.current_button()


def test_the_conditioning_date_sentence_wraps_instead_of_widening_the_section(qtbot):
    """Under X11's fonts "El Día −6 es el jueves, 19 de noviembre de 2026" at 200 % made the
    Transplant section 35 pixels wider than its frame: its right edge was cut off, and Tab
    scrolled the whole section sideways (seen with xdotool under Xvfb)."""
    from PySide6.QtGui import QFontMetrics

    from companion.ui import language
    from companion.ui.forms import TransplantForm
    from tests.ui.conftest import TODAY

    language.apply("es")
    try:
        form = TransplantForm(TODAY)
        qtbot.addWidget(form)
        form.show()
        sentence = form.conditioning_date
        qtbot.waitUntil(lambda: sentence.text() != "")
        assert "Día −6" in sentence.text()
        whole = QFontMetrics(sentence.font()).horizontalAdvance(sentence.text())
        assert sentence.minimumSizeHint().width() < whole
    finally:
        language.apply("en")
