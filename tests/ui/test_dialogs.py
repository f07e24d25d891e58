"""The setup and settings dialogs, driven like a user would, over a real store."""

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QLabel

from companion.domain.kinds import GraftSource, TransplantKind
from companion.storage.db import open_db
from companion.ui.settings_dialog import AddTransplantDialog, SettingsDialog
from companion.ui.setup_dialog import SetupDialog
from tests.ui.conftest import TODAY


@pytest.fixture
def setup_dialog(qtbot):
    dialog = SetupDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog, office="020 7946 0100", after="020 7946 0200"):
    form = dialog.transplant_form
    form.kind_buttons[TransplantKind.AUTOLOGOUS].click()
    form.source_buttons[GraftSource.BLOOD].click()
    form.day0_edit.setDate(QDate(2026, 6, 20))
    form.conditioning_spin.setValue(2)
    dialog.team_form.office_edit.setText(office)
    dialog.team_form.after_edit.setText(after)


def test_setup_collects_the_transplant_and_team(setup_dialog):
    fill(setup_dialog)
    assert setup_dialog.transplant_form.conditioning_date.text() == (
        "Day −2 is Thursday 18 June 2026."
    )
    setup_dialog.start_button.click()
    assert setup_dialog.result() == SetupDialog.DialogCode.Accepted
    transplant, team, country = setup_dialog.result_value
    assert country == ""  # not chosen: the app names 999, 911 or 112
    assert (transplant.kind, transplant.day0, transplant.conditioning_days) == (
        TransplantKind.AUTOLOGOUS,
        date(2026, 6, 20),
        2,
    )
    assert (team.office_phone, team.after_hours_phone) == ("020 7946 0100", "020 7946 0200")


def test_setup_says_what_is_missing_and_stays_open(setup_dialog):
    setup_dialog.start_button.click()
    assert setup_dialog.isVisible()
    assert "whose stem cells" in setup_dialog.error_label.text()
    fill(setup_dialog, office="", after="")
    setup_dialog.start_button.click()
    assert setup_dialog.isVisible()
    assert "at least one phone number" in setup_dialog.error_label.text()
    assert setup_dialog.error_label.text().startswith("⚠")
    setup_dialog.team_form.after_edit.setText("call the ward")
    setup_dialog.start_button.click()
    assert "can only hold digits" in setup_dialog.error_label.text()
    assert setup_dialog.result_value is None


def test_settings_move_day0_and_record_it(qtbot, diary, window):
    dialog = SettingsDialog(diary, window)
    qtbot.addWidget(dialog)
    dialog.transplant_form.day0_edit.setDate(QDate(2026, 5, 22))  # two days later
    dialog.team_form.after_edit.setText("020 7946 0888")
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert window.header.today_label.text() == "Today is Day +10 · Waiting for engraftment"
    assert "020 7946 0888" in window.header.team_text()
    fields = [c.field for c in diary.service.history()]
    assert fields[-2:] == ["transplant.day0", "team.after_hours_phone"]


def test_settings_change_a_clinical_number_with_its_source_shown(qtbot, diary, window):
    dialog = SettingsDialog(diary, window)
    qtbot.addWidget(dialog)
    spin = dialog.numbers_form.spins["close_care_days"]
    assert spin.value() == 100
    labels = " ".join(w.text() for w in dialog.numbers_form.findChildren(QLabel))
    assert "Memorial Sloan Kettering" in labels
    spin.setValue(90)
    dialog.save_button.click()
    assert diary.service.settings.numbers.close_care_days == 90
    assert "Day +90" in [m.title for m in window.timeline.canvas.milestones]
    history = SettingsDialog(diary, window)
    qtbot.addWidget(history)
    newest = history.history_list.item(0).text()
    assert "changed from 100 days after Day 0 to 90 days after Day 0" in newest


def test_settings_refuse_contradictory_numbers_and_save_nothing(qtbot, diary, window):
    dialog = SettingsDialog(diary, window)
    qtbot.addWidget(dialog)
    dialog.transplant_form.day0_edit.setDate(QDate(2026, 5, 25))
    dialog.numbers_form.spins["engraftment_window_start"].setValue(50)
    dialog.save_button.click()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "must not be before" in dialog.error_label.text()
    assert dialog.tabs.currentIndex() == 2
    assert diary.service.transplants.active.day0 == date(2026, 5, 20)
    assert window.header.today_label.text() == "Today is Day +12 · Waiting for engraftment"


def test_settings_office_hours_round_trip(qtbot, diary):
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.team_form.days_combo.setCurrentText("Every day")
    dialog.team_form.opens_edit.setTime(QTime(7, 30))
    dialog.save_button.click()
    team = diary.service.settings.team
    assert team.office_opens == time(7, 30)
    assert team.office_days == frozenset(range(7))


def test_a_second_transplant_gets_its_own_count(qtbot, diary, window):
    dialog = AddTransplantDialog(diary, window)
    qtbot.addWidget(dialog)
    dialog.form.day0_edit.setDate(QDate(2026, 5, 1))
    dialog.add_button.click()
    assert "must come after" in dialog.error_label.text()
    dialog.form.day0_edit.setDate(QDate(2026, 6, 3))
    dialog.form.conditioning_spin.setValue(2)
    dialog.add_button.click()
    assert dialog.result() == AddTransplantDialog.DialogCode.Accepted
    assert [t.number for t in diary.service.transplants.journey.transplants] == [1, 2]
    # Today (1 June) is Day −2 of the second transplant: its conditioning has started.
    assert window.header.today_label.text() == "Today is Day −2 · Conditioning treatment"
    assert "Transplant 2 of 2" in window.header.detail_label.text()
    assert (-14, "Transplant 1: Day 0") in window.timeline.canvas.other_transplants
    db = open_db(diary.service.db.conn.execute("PRAGMA database_list").fetchone()[2])
    assert db["transplants"].count == 2
    db.close()


def test_fever_preset_and_unit_are_saved_and_recorded(qtbot, diary, window, confirmations):
    dialog = SettingsDialog(diary, window)
    qtbot.addWidget(dialog)
    numbers = dialog.numbers_form
    numbers.preset_combo.setCurrentIndex(
        numbers.preset_combo.findText("IDSA: 38.3 °C once, or 38.0 °C for an hour")
    )
    numbers.preset_combo.activated.emit(numbers.preset_combo.currentIndex())
    dialog.unit_combo.setCurrentIndex(1)
    dialog.save_button.click()
    assert diary.service.settings.rule_settings().fever.single_c == 38.3
    assert diary.service.settings.rule_settings().fever.sustained_c == 38.0
    assert window.quick_entry.unit_label.text() == "°F"
    # The change to an alert limit was confirmed first, naming the old and new values.
    [(_title, text, _)] = confirmations
    assert "Call your team at one temperature of: 38.0 °C → 38.3 °C" in text
    change = next(c for c in diary.service.history() if c.field == "setting.fever_single_c")
    assert change.sentence.endswith("changed from 38.0 °C to 38.3 °C")


def _wheel(widget, steps: int = 1) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_item_3_the_wheel_never_moves_a_number_it_merely_passes_over(qtbot, diary):
    """Issue 9, item 3: scrolling the Settings page over the fever spin box changed 38.0 to
    38.4. A spin box or combo takes the wheel only once it has focus."""
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    spin = dialog.numbers_form.spins["fever_single_c"]
    dialog.save_button.setFocus()
    _wheel(spin, 4)
    assert spin.value() == 38.0
    _wheel(dialog.numbers_form.preset_combo, -2)
    assert dialog.numbers_form.preset_combo.currentIndex() == 0
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    _wheel(spin, 1)
    assert spin.value() == pytest.approx(38.1)  # on purpose, once focused


def test_item_3_cancelling_the_confirmation_saves_nothing(qtbot, diary, confirmations):
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.numbers_form.spins["fever_single_c"].setValue(38.9)
    confirmations.answer = False
    dialog.save_button.click()
    [(_title, text, _)] = confirmations
    assert "38.0 °C → 38.9 °C" in text and "outside what the published sources give" in text
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert diary.service.settings.numbers["fever_single_c"] == 38.0
    assert not any(c.field == "setting.fever_single_c" for c in diary.service.history())


def test_changes_that_are_not_alert_limits_are_not_asked_about(qtbot, diary, confirmations):
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.numbers_form.spins["close_care_days"].setValue(90)
    dialog.save_button.click()
    assert confirmations == []
    assert diary.service.settings.numbers.close_care_days == 90


def test_date_fields_take_a_typed_date_and_tab_leaves_them(qtbot, setup_dialog):
    """Tab used to walk through the day, month and year of a date field: a phone number
    typed after Tab changed "Conditioning starts" from Day −6 to Day −13."""
    from PySide6.QtCore import Qt

    form = setup_dialog.transplant_form
    field = form.day0_edit
    setup_dialog.activateWindow()
    field.setFocus()
    # Tab moves the focus only in the active window: wait for it (the suite runs on every
    # core, and another test's window may still be active for a moment).
    qtbot.waitUntil(lambda: setup_dialog.isActiveWindow() and field.edit.hasFocus())
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "28/6/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert setup_dialog.focusWidget() is not field.edit  # Tab left the field
    assert field.value() == date(2026, 6, 28)
    assert field.text() == "Sunday 28 June 2026"  # shown back in words
    before = form.conditioning_spin.value()
    qtbot.keyClicks(setup_dialog.focusWidget(), "020 7946 0100")
    assert form.conditioning_spin.value() == before
    assert field.value() == date(2026, 6, 28)


def test_a_date_that_is_not_one_is_refused_and_nothing_is_saved(qtbot, setup_dialog):
    fill(setup_dialog)
    field = setup_dialog.transplant_form.day0_edit
    field.setText("31/2/2026")
    setup_dialog.start_button.click()
    assert setup_dialog.result_value is None
    assert "There is no such date as “31/2/2026”" in setup_dialog.error_label.text()
    field.setText("Day 0 is next week")
    setup_dialog.start_button.click()
    assert "is not a date" in setup_dialog.error_label.text()
    field.setText("20 June 2026")
    setup_dialog.start_button.click()
    assert setup_dialog.result_value[0].day0 == date(2026, 6, 20)


def test_office_hours_take_typed_times(qtbot, diary):
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.team_form.opens_edit.setText("7.30am")
    dialog.team_form.closes_edit.setText("6pm")
    dialog.save_button.click()
    team = diary.service.settings.team
    assert (team.office_opens, team.office_closes) == (time(7, 30), time(18, 0))
    dialog = SettingsDialog(diary)
    qtbot.addWidget(dialog)
    dialog.team_form.opens_edit.setText("half past")
    dialog.save_button.click()
    assert "is not a time" in dialog.error_label.text()


def test_the_full_form_opens_tall_enough_for_its_note_box_where_the_screen_has_room(qtbot, diary):
    from PySide6.QtWidgets import QScrollArea

    from companion.ui.entry_dialog import EntryDialog

    dialog = EntryDialog(diary)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height()
    scroll = dialog.findChild(QScrollArea)
    # The screen (800×600 offscreen) has room for the whole form: nothing hides below.
    qtbot.waitUntil(lambda: scroll.widget().height() <= scroll.viewport().height())
    assert scroll.verticalScrollBar().maximum() == 0
    note = dialog.note_edit
    assert note.mapTo(scroll.viewport(), note.rect().bottomLeft()).y() <= scroll.viewport().height()
