"""A patient's try-out (findings in the medicines, immune and log pages): the dose due now
first in the Tab order, and the fixes after it."""

from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from companion.domain.medicines import Medicine
from tests.ui.conftest import TODAY


def _add_due_now(diary):
    # The window's clock says 10:00.
    medicine = diary.service.medicines.add(
        Medicine(name="Ciclosporin", dose="100 mg", times=(time(10),), start=TODAY - timedelta(1))
    ).value
    return medicine


def test_tab_from_the_page_list_reaches_taken_and_skip_first(qtbot, window, diary):
    _add_due_now(diary)
    page = window.show_page("medicines")
    qtbot.waitUntil(
        lambda: any(b.accessibleName().startswith("Taken:") for b in page.findChildren(QPushButton))
    )

    def focused() -> str:
        widget = window.focusWidget()
        return widget.accessibleName() or widget.text() if widget else ""

    window.nav.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() == "Taken: Ciclosporin 100 mg, 10:00")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() == "Skip: Ciclosporin 100 mg, 10:00")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused().startswith("Why these medicines matter"))


def test_skipping_a_dose_says_to_tell_the_team_today(qtbot, window, diary, monkeypatch):
    from companion.ui.medicines_page import ReasonDialog

    _add_due_now(diary)
    page = window.show_page("medicines")
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda name, parent=None: "sick"))
    skip = next(b for b in page.findChildren(QPushButton) if b.accessibleName().startswith("Skip:"))
    skip.click()
    qtbot.waitUntil(page.due_status.isVisible)
    assert page.due_status.text() == (
        "Recorded: Ciclosporin 100 mg skipped. If you cannot take a medicine (for example you "
        "were sick), tell your transplant team today."
    )
    assert page.due_status.textFormat() == Qt.TextFormat.PlainText


def test_the_wheel_over_the_missed_after_box_scrolls_the_page_not_the_number(qtbot, window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    page = window.show_page("medicines")
    spin = page.missed_spin
    before = spin.value()
    window.nav.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: not spin.hasFocus())
    centre = QPointF(spin.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(spin.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(spin, event)
    assert spin.value() == before


def test_ctrl_and_a_number_follow_the_page_list(qtbot, window):
    from PySide6.QtGui import QKeySequence

    actions = window.menu_actions
    for row in range(window.nav.count()):
        key = window.nav.item(row).data(Qt.ItemDataRole.UserRole)
        shortcuts = actions[f"page:{key}"].shortcuts()
        assert QKeySequence(f"Ctrl+{row + 1}") in shortcuts, (row, key)


def test_the_alert_card_leads_with_the_highest_reading(qtbot, window, diary):
    from datetime import timedelta as delta

    from companion.domain.entries import Entry, EntryKind

    service = diary.service
    service.log.add(
        Entry(at=service.now() - delta(minutes=40), kind=EntryKind.TEMPERATURE, value=38.3)
    )
    service.log.add(Entry(at=service.now(), kind=EntryKind.TEMPERATURE, value=39.6))
    card = window.alert_card
    qtbot.waitUntil(lambda: "39.6" in card.body.text())
    bullets = [line for line in card.body.text().splitlines() if line.startswith("• ")]
    assert "39.6 °C" in bullets[0] and "38.3" not in bullets[0].split("39.6")[0]


def test_edit_undo_names_what_it_takes_back(qtbot, window):
    window.quick_entry.temp_edit.setText("37.4")
    window.quick_entry.temp_button.click()
    undo = window.undo_action
    qtbot.waitUntil(undo.isEnabled)
    assert undo.text().startswith("&Undo: Logged temperature")
    undo.trigger()
    qtbot.waitUntil(lambda: not undo.text().startswith("&Undo: Logged temperature"))
    redo = window.menu_actions["redo"]
    assert redo.text().startswith("&Redo: Logged temperature")


def test_the_first_launch_form_shows_where_the_keyboard_is(qtbot, monkeypatch):
    """Try-out finding 11: the setup form comes before the main window; the ring that
    shows the focus must be there too (a fresh process has none until a window starts it)."""
    from companion.ui import access
    from companion.ui.setup_dialog import SetupDialog

    monkeypatch.setattr(access, "_KEEPER", [None])  # as in a new process
    dialog = SetupDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    radio = next(iter(dialog.transplant_form.kind_buttons.values()))
    radio.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: access.focus_ring() is not None)
    ring = access.focus_ring()
    qtbot.waitUntil(lambda: ring.target is radio and ring.isVisible())
    # This test's keeper stops following the focus (the process's own comes back).
    from PySide6.QtWidgets import QApplication

    QApplication.instance().focusChanged.disconnect(access._KEEPER[0].follow)
