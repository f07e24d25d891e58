"""Issue 18 in the window: the card follows every reading, the number to call follows the
clock, a call to emergency services is not a call to the team, the status line forgets a
card that is gone, the symptom box opens on nothing, and Settings → Numbers and sources
fits every size the window supports."""

import contextlib
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QPushButton, QWidget
from pytestqt.exceptions import TimeoutError

from companion.domain.entries import Entry, EntryKind
from companion.domain.team import Team
from companion.service.diary import DiaryService
from companion.storage.db import open_db
from companion.ui import access
from companion.ui.diary import CLOCK_CHECK_MS, Diary
from companion.ui.main_window import MainWindow
from tests.conftest import make_transplant

MONDAY = date(2026, 6, 1)
TEAM = Team("Riverside", "020 7946 0123", "020 7946 0999")


class Clock:
    """A clock a test moves by hand (the app reads no other)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, hour: int, minute: int = 0, day: date = MONDAY) -> None:
        self.moment = datetime.combine(day, time(hour, minute)).astimezone()


@pytest.fixture
def clock():
    return Clock(datetime.combine(MONDAY, time(7, 59)).astimezone())


@pytest.fixture
def own(tmp_path, clock):
    db = open_db(tmp_path / "diary.db")
    service = DiaryService(db, clock)
    service.transplants.start(make_transplant(day0=MONDAY - timedelta(days=10)), TEAM, "GB")
    yield service
    db.close()


@pytest.fixture
def win(qtbot, own):
    diary = Diary(own)
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def marked(window) -> str:
    return window.today_page.header.findChild(QLabel, "team-number-now").text()


def log_temperature(service, value, minutes_ago=0):
    at = service.now() - timedelta(minutes=minutes_ago)
    return service.log.add(Entry(at=at, kind=EntryKind.TEMPERATURE, value=value)).value


# Point 2: the number to call follows the clock -------------------------------------------


def test_the_marked_number_follows_the_office_hours_on_the_header_and_the_card(win, own, clock):
    log_temperature(own, 38.6)
    assert marked(win) == "After hours: 020 7946 0999 ◀ call this one now"
    assert "(after hours number)" in win.alert_card.body.text()
    assert "Your team now: 020 7946 0999" in win.top_line.text()
    clock.set(8, 0)
    assert win.alert_card.isVisible()
    assert Diary_of(win).check_clock()
    assert marked(win) == "Office hours: 020 7946 0123 ◀ call this one now"
    assert "020 7946 0123 (office hours number)" in win.alert_card.body.text()
    assert "Your team now: 020 7946 0123" in win.top_line.text()
    clock.set(12, 0)
    assert not Diary_of(win).check_clock()  # nothing to redo inside the office hours
    clock.set(17, 0)
    assert Diary_of(win).check_clock()
    assert marked(win) == "After hours: 020 7946 0999 ◀ call this one now"
    assert "(after hours number)" in win.alert_card.body.text()


def Diary_of(window) -> Diary:
    return window.diary


def test_the_clock_is_looked_at_well_within_a_minute_by_one_timer(win):
    diary = Diary_of(win)
    assert diary.clock_timer.isActive() and CLOCK_CHECK_MS <= 30_000
    assert not hasattr(win, "_clock_timer")  # the window's own midnight timer is gone


def test_the_clock_signal_fires_by_its_timer_too(qtbot, win, clock):
    diary = Diary_of(win)
    clock.set(8, 1)
    with qtbot.waitSignal(diary.clock_moved, timeout=5000):
        diary.clock_timer.timeout.emit()
    assert marked(win).startswith("Office hours")


# Point 1: a higher reading reaches the open card ------------------------------------------


def test_a_higher_reading_changes_the_open_card_and_is_announced(win, own, monkeypatch):
    said = []
    monkeypatch.setattr(access, "announce", lambda widget, text, assertive=False: said.append(text))
    log_temperature(own, 38.3, minutes_ago=20)
    assert "38.3 °C" in win.alert_card.body.text()
    said.clear()
    log_temperature(own, 39.6)
    text = win.alert_card.body.text()
    assert "Readings in this episode, highest first: 39.6 °C (103.3 °F) at 07:59, 38.3 °C" in text
    assert any("39.6 °C" in words for words in said)  # a screen reader hears it


def test_a_contact_covers_what_was_logged_before_it_and_names_the_highest(win, own, clock):
    log_temperature(own, 38.3, minutes_ago=20)
    log_temperature(own, 39.6)
    win.alert_card.contact_button.click()  # the confirmation answers yes
    assert not win.alert_card.isVisible()
    header = win.today_page.header
    assert "about a temperature of 39.6 °C" in header.contacted_label.text()
    clock.set(8, 30)
    logged = log_temperature(own, 37.0)
    assert logged.alerts == () and own.log.open_alerts() == []
    assert not win.alert_card.isVisible()


# Point 3: whom the contact reached ---------------------------------------------------------


def test_an_emergency_call_closes_only_the_emergency_items(win, own, confirmations):
    log_temperature(own, 38.9)
    own.log.add(Entry(at=own.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=2))
    assert win.alert_card.contact_button.text() == "I called emergency services"
    win.alert_card.contact_button.click()
    assert "The emergency items close" in confirmations[-1][1]
    assert win.alert_card.isVisible()
    assert win.alert_card.headline.text() == "Now tell your transplant team"
    assert "You called emergency services at 07:59" in win.alert_card.body.text()
    assert win.alert_card.contact_button.text() == "I contacted my team"
    [fever] = own.log.open_alerts()
    assert fever.kind.value == "fever"
    win.alert_card.contact_button.click()
    assert not win.alert_card.isVisible()
    assert "You contacted your team at 07:59" in win.today_page.header.contacted_label.text()


# Point 8: the status line and the symptom box -------------------------------------------


def test_the_status_line_forgets_the_card_once_it_is_gone(qtbot, win):
    panel = win.quick_entry
    panel.temp_edit.setText("38.5")
    panel.temp_button.click()
    assert "See the alert above." in panel.status.text()
    win.alert_card.contact_button.click()
    assert "See the alert above" not in panel.status.text()
    assert panel.status.text().startswith("⚠ Saved 38.5")


def test_the_symptom_box_opens_on_nothing_and_saves_nothing_until_chosen(qtbot, win, own):
    panel = win.quick_entry
    panel.load_vocabulary(own.settings.vocabulary)
    assert panel.symptom_combo.currentIndex() == -1
    assert panel.severity_combo.currentIndex() == -1
    before = own.log.entries()
    panel.symptom_button.click()
    assert own.log.entries() == before
    assert "Please choose the symptom" in panel.status.text()


# Point 9: Numbers and sources at every size ------------------------------------------------

SIZES = [
    (1024, 600, 100),
    (1024, 600, 150),
    (1024, 600, 200),
    (1366, 768, 100),
    (1366, 768, 150),
    (1366, 768, 200),
    # 1366×768 with QT_SCALE_FACTOR=1.5: the window gets 911×512 logical pixels.
    (911, 512, 100),
    (911, 512, 150),
]


def numbers_problems(panel) -> list[str]:
    """What is cut in the Numbers tab: nothing is wider than the page's view (it scrolls up
    and down only), every field is no smaller than its text and no taller than the view,
    and the view scrolls far enough to show the last one whole."""
    area = panel.tabs.currentWidget()
    view = area.viewport()
    form = panel.numbers_form
    found = []
    if form.width() > view.width() + 1:
        found.append(f"the form is wider than its page ({form.width()} > {view.width()})")
    if area.verticalScrollBar().maximum() < form.height() - view.height():
        found.append("the page does not scroll to its end")
    for widget in form.findChildren(QWidget):
        if not isinstance(widget, (QAbstractSpinBox, QComboBox, QPushButton, QLabel)):
            continue
        if not widget.isVisible():
            found.append(f"{widget.accessibleName()!r}: hidden")
            continue
        box = QRect(widget.mapTo(form, QPoint(0, 0)), widget.size())
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()[:40]
        if box.left() < 0 or box.right() > view.width():
            found.append(f"{name!r}: cut at the side")
        if box.top() < 0 or box.bottom() > form.height() or box.height() > view.height():
            found.append(f"{name!r}: cannot be brought whole into view")
        if not isinstance(widget, QLabel):
            hint = widget.minimumSizeHint()
            if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
                found.append(f"{name!r}: smaller than its text")
        elif widget.wordWrap() and widget.height() + 1 < widget.heightForWidth(widget.width()):
            found.append(f"{name!r}: wrapped text cut")
    return found


@pytest.mark.parametrize(("width", "height", "size"), SIZES, ids=lambda v: str(v))
@pytest.mark.parametrize("card", [False, True], ids=["no card", "a card"])
def test_numbers_and_sources_fit_every_size(qtbot, win, own, card, width, height, size, tmp_path):
    if card:
        log_temperature(own, 38.6)
    win.set_text_size(size)
    room = QRect(0, 0, width, height - 60)
    win.resize(room.size())
    qtbot.waitUntil(lambda: win.size() == room.size())
    panel = win.show_page("settings")
    panel.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: panel.numbers_form.isVisible())
    with contextlib.suppress(TimeoutError):  # the assertion below says what is wrong
        qtbot.waitUntil(lambda: numbers_problems(panel) == [], timeout=3000)
    assert numbers_problems(panel) == []
    spin = panel.numbers_form.spins["fever_single_c"]
    panel.tabs.currentWidget().ensureWidgetVisible(spin)
    win.grab().save(str(tmp_path / f"numbers-{width}-{height}-{size}.png"))
    # Changeable: the fever limit can be read and typed into.
    spin.setFocus()
    spin.setValue(38.3)
    assert spin.text() == "38.3 °C"
