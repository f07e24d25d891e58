"""The Settings page follows the diary (issue 19): a change made elsewhere (the command
line, another window) while it is open is shown at once and never written back with its
old value; only the fields the user changed are saved; the same field changed on both sides
is a conflict the user is asked about."""

from PySide6.QtCore import QDate

from companion.service.diary import DiaryService
from companion.ui.settings_dialog import SettingsPanel
from tests.ui.conftest import fixed_clock


def elsewhere(diary, **changes):
    """What ``companion settings`` would do: another connection, another service."""
    path = diary.service.db.conn.execute("PRAGMA database_list").fetchone()[2]
    other = DiaryService.open(path, fixed_clock())
    try:
        team = changes.pop("team", None)
        other.settings.save(team=team, **changes)
    finally:
        other.close()
    diary.check_for_changes_elsewhere()


def panel_for(qtbot, diary):
    panel = SettingsPanel(diary)
    qtbot.addWidget(panel)
    return panel


def renamed(diary, name):
    from dataclasses import replace

    return replace(diary.service.settings.team, name=name)


def test_the_lost_update_replayed_a_name_changed_elsewhere_is_not_put_back(
    qtbot, diary, confirmations
):
    panel = panel_for(qtbot, diary)
    old_name = panel.team_form.name_edit.text()
    elsewhere(diary, team=renamed(diary, "Ward 7 (from the CLI)"))
    # The page follows at once: the field the user did not touch shows the new name.
    assert panel.team_form.name_edit.text() == "Ward 7 (from the CLI)" != old_name
    panel.team_form.after_edit.setText("020 7946 0999")
    panel.save_button.click()
    team = diary.service.settings.team
    assert team.name == "Ward 7 (from the CLI)"  # not the old name written back
    assert team.after_hours_phone == "020 7946 0999"
    assert confirmations == []  # no conflict to ask about


def test_only_the_fields_the_user_changed_are_saved(qtbot, diary):
    panel = panel_for(qtbot, diary)
    panel.numbers_form.spins["close_care_days"].setValue(90)  # edited here
    before = len(diary.service.history())
    # Meanwhile a number the user did not touch changes elsewhere; the page shows it.
    elsewhere(diary, numbers={"stools_per_day": 5})
    assert panel.numbers_form.spins["stools_per_day"].value() == 5
    assert "Updated with changes saved elsewhere" in panel.status.text()
    panel.save_button.click()
    numbers = diary.service.settings.numbers
    assert (numbers["close_care_days"], numbers["stools_per_day"]) == (90, 5)
    # Two changes recorded in all: the other program's and this one; nothing else rewritten.
    fields = [c.field for c in diary.service.history()[before:]]
    assert fields == ["setting.stools_per_day", "setting.close_care_days"]


def test_the_same_field_changed_on_both_sides_is_a_conflict_the_user_decides(
    qtbot, diary, confirmations
):
    panel = panel_for(qtbot, diary)
    panel.team_form.name_edit.setText("Mine")
    elsewhere(diary, team=renamed(diary, "Theirs"))
    assert panel.team_form.name_edit.text() == "Mine"  # the user's typing is kept
    assert "Changed elsewhere while you were editing: the team's name" in panel.status.text()
    confirmations.answer = False
    panel.save_button.click()
    assert diary.service.settings.team.name == "Theirs"  # not overwritten without asking
    title, text, _ = confirmations[-1]
    assert title == "Changed elsewhere" and "“Theirs”" in text
    confirmations.answer = True
    panel.save_button.click()
    assert diary.service.settings.team.name == "Mine"


def test_day0_moved_elsewhere_follows_an_untouched_transplant_tab(qtbot, diary):
    panel = panel_for(qtbot, diary)
    from dataclasses import replace

    moved = replace(
        diary.service.transplants.active, day0=diary.service.transplants.active.day0.replace(day=22)
    )
    elsewhere(diary, transplant=moved)
    assert panel.transplant_form.day0_edit.date() == QDate(2026, 5, 22)
    panel.team_form.office_edit.setText("020 7946 0111")
    panel.save_button.click()
    assert diary.service.transplants.active.day0 == moved.day0
    assert diary.service.settings.team.office_phone == "020 7946 0111"
