"""Logging through the UI: quick entry, the alert card, the log table, undo, export."""

import csv
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence

from companion.domain.alerts import AlertLevel
from companion.domain.entries import Entry, EntryKind
from companion.ui.export_dialog import ExportSeams
from companion.ui.log_view import ENTRY_ROLE, EntryTableModel
from companion.ui.main_window import MainWindow
from companion.ui.messages import Messages
from tests.ui.conftest import TODAY, fixed_clock


def saved_entries(diary, kind):
    return [e for e in diary.service.log.entries() if e.kind is kind]


def test_a_temperature_in_three_actions(qtbot, window, diary):
    before = len(saved_entries(diary, EntryKind.TEMPERATURE))
    qtbot.keySequence(window, QKeySequence("Ctrl+T"))  # 1: the shortcut
    assert window.focusWidget() is window.quick_entry.temp_edit
    qtbot.keyClicks(window.focusWidget(), "37.4")  # 2: type the number
    with qtbot.waitSignal(diary.changed) as blocker:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # 3: Enter
    [saved] = blocker.args[0].entries_added
    assert saved.value == 37.4 and saved.detail == "mouth"
    assert len(saved_entries(diary, EntryKind.TEMPERATURE)) == before + 1
    assert window.quick_entry.status.text().startswith("✓ Saved 37.4 °C (99.3 °F) at 10:00")
    assert not window.alert_card.isVisible()


def test_a_wrong_unit_is_explained_and_nothing_is_saved(qtbot, window, diary):
    before = diary.service.log.entries()
    window.quick_entry.temp_edit.setText("101")
    window.quick_entry.temp_button.click()
    assert "101 with °C selected looks wrong — did you mean °F?" in (
        window.quick_entry.status.text()
    )
    assert diary.service.log.entries() == before
    assert window.quick_entry.temp_edit.text() == "101"  # kept, to correct


def test_a_fever_shows_the_card_until_the_team_is_contacted(qtbot, window, diary):
    window.quick_entry.temp_edit.setText("38.6")
    window.quick_entry.temp_button.click()
    card = window.alert_card
    assert card.isVisible()
    assert card.headline.text() == "Call your transplant team now"
    assert "38.6 °C" in card.body.text()
    assert "020 7946 0123" in card.body.text()  # Monday 10:00: office hours number
    assert "neutrophil count (ANC)" in card.body.text()
    assert "Do not take medicine to bring a fever down" in card.body.text()
    window.quick_entry.temp_edit.setText("36.8")
    window.quick_entry.temp_button.click()
    assert card.isVisible()  # a normal reading never clears it
    card.contact_button.click()
    assert not card.isVisible()
    contacted = saved_entries(diary, EntryKind.CONTACTED)[-1]
    assert contacted.at.date() == TODAY


def test_an_emergency_is_never_downgraded(qtbot, window, diary):
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=2)
    )
    assert window.alert_card.level is AlertLevel.EMERGENCY
    assert "Call 999 now" in window.alert_card.body.text()  # the sample diary is in the UK
    diary.service.log.add(Entry(at=diary.service.now(), kind=EntryKind.INFECTION, term="chills"))
    assert window.alert_card.level is AlertLevel.EMERGENCY
    assert window.alert_card.headline.text() == "Call emergency services now (999)"


def test_an_open_alert_shows_when_the_app_opens(qtbot, diary):
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.INFECTION, term="line-redness")
    )
    again = MainWindow(diary)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.alert_card.isVisible()
    assert "Central line: redness" in again.alert_card.body.text()


def test_symptom_quick_entry(qtbot, window, diary):
    panel = window.quick_entry
    panel.symptom_combo.setCurrentIndex(panel.symptom_combo.findData("tiredness"))
    panel.severity_combo.setCurrentIndex(2)
    panel.symptom_button.click()
    entry = saved_entries(diary, EntryKind.SYMPTOM)[-1]
    assert (entry.term, entry.severity) == ("tiredness", 2)
    assert not window.alert_card.isVisible()


def test_the_log_table_model_is_well_behaved(qtmodeltester, diary):
    model = EntryTableModel(diary)
    model.load()
    qtmodeltester.check(model)


def test_log_filters_by_kind_severity_and_day(qtbot, window, diary):
    window.show_page("log")
    view = window.log_view
    total = view.proxy.rowCount()
    assert total == len(diary.service.log.entries()) > 40
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("symptom"))
    kinds = {view.proxy.index(r, 0).data(ENTRY_ROLE).kind for r in range(view.proxy.rowCount())}
    assert kinds == {EntryKind.SYMPTOM}
    view.severity_combo.setCurrentIndex(2)  # moderate or worse
    severities = [
        view.proxy.index(r, 0).data(ENTRY_ROLE).severity for r in range(view.proxy.rowCount())
    ]
    assert severities and all(s >= 2 for s in severities)
    view.kind_combo.setCurrentIndex(0)
    view.severity_combo.setCurrentIndex(0)
    view.show_day(date(2026, 5, 28))  # Day +8: the sample's fever
    rows = [view.proxy.index(r, 0).data(ENTRY_ROLE) for r in range(view.proxy.rowCount())]
    assert rows and all(e.at.date() == date(2026, 5, 28) for e in rows)
    assert any(e.kind is EntryKind.CONTACTED for e in rows)
    assert view.count_label.text() == f"Showing {len(rows)} of {total} entries"


def test_delete_then_ctrl_z_brings_it_back(qtbot, window, diary):
    window.show_page("log")
    view = window.log_view
    view.table.selectRow(0)
    newest = view.selected_entry()
    view.delete_button.click()
    assert diary.service.log.entry(newest.id) is None
    assert view.proxy.rowCount() == len(diary.service.log.entries())
    window.undo_action.trigger()
    assert diary.service.log.entry(newest.id) == newest
    assert view.table.model().index(0, 0).data(ENTRY_ROLE) == newest


def test_edit_an_entry(qtbot, window, diary, monkeypatch):
    from companion.ui.entry_dialog import EntryDialog

    entry = saved_entries(diary, EntryKind.TEMPERATURE)[-1]
    dialog = EntryDialog(diary, entry, window)
    qtbot.addWidget(dialog)
    assert dialog.temp_edit.text() == f"{entry.value:.1f}"
    dialog.temp_edit.setText("37.9")
    dialog.save_button.click()
    assert diary.service.log.entry(entry.id).value == 37.9
    dialog2 = EntryDialog(diary, diary.service.log.entry(entry.id), window)
    qtbot.addWidget(dialog2)
    dialog2.when.setDateTime(dialog2.when.dateTime().addDays(3))  # in the future
    dialog2.save_button.click()
    assert "in the future" in dialog2.error_label.text()
    assert diary.service.log.entry(entry.id).at == entry.at


def test_the_full_form_logs_a_weight_in_pounds_and_a_rash(qtbot, window, diary):
    from companion.ui.entry_dialog import EntryDialog

    dialog = EntryDialog(diary, parent=window)
    qtbot.addWidget(dialog)
    dialog.select_kind(EntryKind.WEIGHT)
    dialog.weight_unit.setCurrentIndex(1)
    dialog.weight_edit.setText("150")
    dialog.save_button.click()
    assert saved_entries(diary, EntryKind.WEIGHT)[-1].value == 68.04
    rash = EntryDialog(diary, parent=window)
    qtbot.addWidget(rash)
    rash.select_kind(EntryKind.RASH)
    rash.rash_area.setCurrentIndex(0)
    rash.save_button.click()
    assert window.alert_card.isVisible()
    assert "A rash on the palms or soles (a small patch)." in window.alert_card.body.text()


def test_entries_mark_their_days_on_the_timeline(qtbot, window, diary):
    canvas = window.timeline.canvas
    fever_day = 8
    entries, alerts = canvas.marks_on(fever_day)
    assert entries >= 3 and alerts == 1
    canvas.select_day(fever_day)
    assert "Diary on this day" in window.guide.entries_label.text()
    window.guide.entries_button.click()
    assert window.current_page() == "log"
    assert not window.log_view.all_dates.isChecked()
    assert window.log_view.first_edit.date() == QDate(2026, 5, 28)


def test_export_from_the_file_menu(qtbot, window, diary, tmp_path, monkeypatch):
    target = tmp_path / "log.csv"
    monkeypatch.setattr(ExportSeams, "ask_csv_path", staticmethod(lambda parent, s: str(target)))
    told = []
    monkeypatch.setattr(Messages, "info", staticmethod(lambda p, title, text: told.append(text)))
    window.export_action.trigger()
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(diary.service.log.entries())
    assert told and told[0].startswith(f"Wrote {len(rows)} entries")
    fever = next(r for r in rows if r["value"] == "38.4")
    assert fever["kind"] == "Temperature" and fever["unit"] == "°C"
    assert any(r["term"] == "Feeling sick (nausea)" and r["severity"] == "moderate" for r in rows)


def test_the_clock_is_a_monday_at_ten():
    assert fixed_clock()().time() == time(10, 0)
    assert datetime.combine(TODAY, time()).weekday() == 0


def test_a_temperature_in_the_sustained_band_asks_to_check_again_and_reminds(
    qtbot, window, diary, confirmations
):
    """Issue 9, item 9: with the IDSA numbers, 38.1 °C raises no card, says "check again",
    and a reminder is scheduled for an hour later; when it falls due the window says so."""
    diary.service.settings.save(
        numbers={"fever_single_c": 38.3, "fever_sustained_c": 38.0, "fever_sustained_minutes": 60}
    )
    window.quick_entry.temp_edit.setText("38.1")
    window.quick_entry.temp_button.click()
    status = window.quick_entry.status.text()
    assert status.startswith("⚠ Saved 38.1 °C") and "Check your temperature again at 11:00" in (
        status
    )
    assert not window.alert_card.isVisible()
    # Issue 20: the reminder is stored in the core schedule (it outlives the window) and
    # the window's timer sleeps until it (at most a minute at a time).
    reminders = window.reminders
    now = diary.service.now()
    assert reminders.next_check == now.replace(second=0, microsecond=0) + timedelta(hours=1)
    assert 0 < reminders.sleep_ms <= 60_000
    with qtbot.waitSignal(window.reminder_shown) as blocker:
        reminders.check(now + timedelta(hours=1))  # an hour later
    assert "Time to check your temperature again: it was 38.1 °C" in blocker.args[0]
    assert "Ctrl+T" in window.quick_entry.status.text()
    window.quick_entry.temp_edit.setText("37.2")
    window.quick_entry.temp_button.click()
    later = [r.kind.value for r in diary.service.schedule.due(now + timedelta(hours=1))]
    assert "check-again" not in later  # a newer reading answers it


def test_item_8_the_emergency_card_fits_its_alert(qtbot, window, diary, confirmations):
    """Issue 9, item 8: an emergency card says "I called emergency services", carries no
    fever advice under chest pain, asks once before closing, and Edit → Undo brings it back."""
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    )
    card = window.alert_card
    assert card.contact_button.text() == "I called emergency services"
    assert "bring a fever down" not in card.body.text()
    assert "Tell them what you noticed" in card.body.text()
    confirmations.answer = False
    card.contact_button.click()
    assert card.isVisible() and len(confirmations) == 1  # asked, and "not yet" kept it
    confirmations.answer = True
    card.contact_button.click()
    assert not card.isVisible()
    contact = saved_entries(diary, EntryKind.CONTACTED)[-1]
    assert contact.detail == "emergency"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert card.isVisible() and card.level is AlertLevel.EMERGENCY


def test_a_reading_from_another_site_says_which_site_the_limits_are_for(window):
    window.quick_entry.site_combo.setCurrentIndex(2)  # armpit
    window.quick_entry.temp_edit.setText("37.6")
    window.quick_entry.temp_button.click()
    status = window.quick_entry.status.text()
    assert "Your team's limits are for a reading in the mouth" in status
    assert "armpit often run lower" in status


def test_what_the_command_line_logs_while_the_window_is_open_shows_up(
    qtbot, window, diary, demo_db
):
    """A carer logs a fever from a terminal while the app is open: within the poll, the
    window's card, log and header show it (another connection, as another process would)."""
    from companion.service.diary import DiaryService
    from companion.storage.db import open_db

    path = demo_db.execute("PRAGMA database_list").fetchone()[2]
    other = DiaryService(open_db(path), diary.service.now)
    other.log.add(Entry(at=other.now(), kind=EntryKind.TEMPERATURE, value=38.7))
    other.close()
    assert not window.alert_card.isVisible()
    diary.check_for_changes_elsewhere()  # what the application's poll timer calls
    assert window.alert_card.isVisible() and "38.7 °C" in window.alert_card.body.text()
    assert any("38.7" in e.note or e.value == 38.7 for e in diary.service.log.entries()[-3:])
    diary.check_for_changes_elsewhere()  # nothing new: nothing reloaded


def test_after_delete_a_second_press_cannot_delete_the_next_row_and_undo_clears_the_message(
    qtbot, window, diary
):
    """Try-out finding 7: a second Space deleted the next row without a word, and after
    Edit → Undo the message still said "Deleted"."""
    window.show_page("log")
    view = window.log_view
    view.table.selectRow(0)
    first = view.selected_entry()
    view.delete_button.setFocus()
    view.delete_button.click()
    count = len(diary.service.log.entries())
    qtbot.waitUntil(view.undo_button.hasFocus)
    assert view.selected_entry() is None
    view.delete_button.click()  # nothing chosen: nothing more goes
    assert len(diary.service.log.entries()) == count
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: view.message.text() == "Brought back.")
    assert view.undo_button.isHidden()
    assert diary.service.log.entry(first.id) == first
