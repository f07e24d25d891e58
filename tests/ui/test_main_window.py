"""The main window over the sample journey: what the user sees and can do."""

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from companion.domain.journey import Phase
from companion.service.diary import DiaryService
from companion.storage.db import open_db
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow
from tests.conftest import make_transplant
from tests.ui.conftest import TODAY, fixed_clock


def test_header_says_today_day_and_phase(window):
    assert window.header.today_label.text() == "Today is Day +12 · Waiting for engraftment"
    assert "Monday 1 June 2026" in window.header.detail_label.text()
    assert "Next: Counts check-in on Day +30" in window.header.next_label.text()


def test_team_numbers_are_in_the_header_with_the_one_to_call_now(window):
    text = window.header.team_text()
    assert "020 7946 0123" in text and "020 7946 0999" in text
    # Monday 10:00 is office hours in the demo.
    assert "020 7946 0123 ◀ call this one now" in text


def test_opening_selects_today_and_shows_its_guide(window):
    canvas = window.timeline.canvas
    assert canvas.selected_day == canvas.today_day == 12
    assert window.guide.phase is Phase.ENGRAFTMENT
    assert window.guide.buttons[Phase.ENGRAFTMENT].isChecked()
    assert "Waiting for engraftment" in window.guide.browser.toPlainText()
    assert "(today)" in window.guide.day_label.text()
    assert "does not replace your transplant team's advice" in window.guide.disclaimer.text()


def test_arrow_keys_move_the_day_and_home_returns_to_today(qtbot, window):
    window.show_page("journey")
    canvas = window.timeline.canvas
    canvas.setFocus()
    for _ in range(13):
        qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.selected_day == -1
    assert window.guide.phase is Phase.CONDITIONING
    assert window.guide.day_label.text().startswith("Day −1 · Tuesday 19 May 2026")
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.selected_day == 6
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.selected_day == 12
    assert window.guide.phase is Phase.ENGRAFTMENT


def test_clicking_a_day_on_the_timeline_selects_it(qtbot, window):
    canvas = window.timeline.canvas
    x = int(canvas.axis.center_of(0))
    with qtbot.waitSignal(canvas.day_selected) as blocker:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, 40))
    assert blocker.args == [0]
    assert window.guide.phase is Phase.INFUSION
    assert "Day 0 — transplant day" in window.guide.milestone_label.text()


def test_phase_buttons_show_that_phase_and_select_its_first_day(window):
    window.guide.buttons[Phase.FOLLOW_UP].click()
    assert window.timeline.canvas.selected_day == 101
    assert window.guide.phase is Phase.FOLLOW_UP
    assert "Long-term follow-up" in window.guide.browser.toPlainText()
    window.guide.buttons[Phase.PREPARATION].click()
    assert window.timeline.canvas.selected_day == -7
    assert "Getting ready" in window.guide.browser.toPlainText()
    window.guide.buttons[Phase.ENGRAFTMENT].click()
    assert window.timeline.canvas.selected_day == 12  # today is in it


def test_zoom_buttons_change_the_scale_and_keep_the_day(window):
    canvas = window.timeline.canvas
    before = canvas.px_per_day
    window.timeline.zoom_in_button.click()
    assert canvas.px_per_day > before
    window.timeline.zoom_out_button.click()
    window.timeline.zoom_out_button.click()
    assert canvas.px_per_day < before
    window.timeline.year_button.click()
    assert canvas.width() >= window.timeline.scroll.viewport().width()
    assert canvas.selected_day == 12


def test_every_control_has_an_accessible_name_or_label(window):
    kinds = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QTextBrowser)
    controls = [w for w in window.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]
    controls.append(window.timeline.canvas)
    assert len(controls) > 10
    for control in controls:
        name = control.accessibleName() or getattr(control, "text", lambda: "")()
        assert name, control
    assert "Selected Day plus 12" in window.timeline.canvas.accessibleDescription()


def test_the_timeline_shows_phases_and_milestones_for_the_journey(window):
    canvas = window.timeline.canvas
    assert [s.phase for s in canvas.spans] == list(Phase)
    titles = [m.title for m in canvas.milestones]
    assert "Day 0 — transplant day" in titles and "Day +100" in titles
    assert canvas.axis.first_day <= -13 and canvas.axis.last_day >= 365


def test_before_conditioning_and_long_after(qtbot, tmp_path, team):
    db = open_db(tmp_path / "companion.db")
    service = DiaryService(db, fixed_clock(date(2026, 6, 10)))
    service.transplants.start(make_transplant(day0=date(2026, 7, 1), conditioning_days=4), team)
    early = MainWindow(Diary(service))
    qtbot.addWidget(early)
    assert early.header.today_label.text() == "Today is Day −21 · Getting ready"
    assert "Conditioning starts on Day −4" in early.header.next_label.text()
    assert "(planned)" in early.header.detail_label.text()
    late = MainWindow(Diary(DiaryService(db, fixed_clock(date(2026, 7, 1) + timedelta(days=150)))))
    qtbot.addWidget(late)
    assert late.header.today_label.text() == "Today is Day +150 · Long-term follow-up"
    assert late.timeline.canvas.axis.last_day >= 150
    db.close()


def test_the_header_moves_on_at_midnight(qtbot, demo_db):
    days = [TODAY]
    diary = Diary(DiaryService(demo_db, lambda: fixed_clock(days[0])()))
    win = MainWindow(diary)
    qtbot.addWidget(win)
    days[0] = TODAY + timedelta(days=1)
    assert diary.check_clock()  # the diary's one clock signal
    assert win.header.today_label.text() == "Today is Day +13 · Waiting for engraftment"


def tab(qtbot, window, back=False):
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
    return window.focusWidget()


def test_tab_order_follows_the_screen(qtbot, window, diary):
    from companion.domain.entries import Entry, EntryKind

    panel = window.quick_entry
    assert window.focusWidget() is panel.temp_edit  # Ctrl+T's place, ready to type
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    )
    card = window.alert_card.contact_button
    # The card is first on screen and first to Tab to; then the page list; then the page.
    card.setFocus()
    assert tab(qtbot, window) is window.nav
    order = [
        panel.temp_edit,
        panel.site_combo,
        panel.temp_button,
        panel.symptom_combo,
        panel.severity_combo,
        panel.symptom_button,
        panel.more_button,
    ]
    for expected in order:
        assert tab(qtbot, window) is expected
    window.nav.setFocus()
    assert tab(qtbot, window, back=True) is card
    # The journey: the timeline's buttons, the timeline, the day, the phases, the guide.
    window.show_page("journey")
    timeline, guide = window.timeline, window.guide
    timeline.zoom_in_button.setFocus()
    assert tab(qtbot, window) is timeline.canvas
    assert tab(qtbot, window) is guide.entries_button
    assert tab(qtbot, window) is guide.buttons[Phase.ENGRAFTMENT]  # the chosen phase
    assert tab(qtbot, window) is guide.browser
    # In the phases, the arrow keys choose (as in any group of radio buttons).
    guide.buttons[Phase.ENGRAFTMENT].setFocus()
    qtbot.keyClick(guide.buttons[Phase.ENGRAFTMENT], Qt.Key.Key_Right)
    assert window.focusWidget() is guide.buttons[Phase.RECOVERY]
    assert guide.phase is Phase.RECOVERY


def test_leaving_the_timeline_does_not_scroll_it(qtbot, window):
    window.show_page("journey")
    canvas = window.timeline.canvas
    qtbot.waitUntil(lambda: window.timeline.scroll.viewport().width() > 300)
    window.timeline.zoom_in_button.click()
    window.timeline.zoom_in_button.click()
    window.timeline.today_button.click()  # the focus on the timeline
    for _ in range(10):
        qtbot.keyClick(canvas, Qt.Key.Key_PageDown)  # ten weeks on: far from the start
    bar = window.timeline.scroll.horizontalScrollBar()
    before = bar.value()
    assert before > 0
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert window.focusWidget() is not canvas
    assert bar.value() == before
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)
    assert window.focusWidget() is canvas
    assert bar.value() == before
