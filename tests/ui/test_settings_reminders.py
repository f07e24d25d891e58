"""Settings → Reminders switches starting at login (issue 20): the desktop's autostart entry
is written or removed at once, and the choice is remembered so the app never turns it on by
itself again."""

from companion import autostart
from companion.service.medicines import AUTOSTART_KEY
from companion.ui.settings_dialog import SettingsPanel


def test_starting_at_login_is_switched_off_and_on_from_settings(
    qtbot, diary, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    panel = SettingsPanel(diary, data_dir=tmp_path / "data")
    qtbot.addWidget(panel)
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert "Reminders" in titles
    assert not panel.autostart_check.isChecked()

    panel.autostart_check.click()
    entry = autostart.autostart_path()
    assert entry.is_file()
    assert "--tray" in entry.read_text(encoding="utf-8")
    assert str(tmp_path / "data") in entry.read_text(encoding="utf-8")
    assert diary.service.settings.preference(AUTOSTART_KEY, "") == "on"
    assert "starts in the tray" in panel.autostart_status.text()

    panel.autostart_check.click()
    assert not entry.exists()
    assert diary.service.settings.preference(AUTOSTART_KEY, "") == "off"
    assert "does not start" in panel.autostart_status.text()
