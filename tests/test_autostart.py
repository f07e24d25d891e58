"""Starting at login, in the tray (issue 20): the XDG autostart entry and ``--tray``."""

from companion import autostart
from companion.cli import parse


def test_the_autostart_entry_starts_the_app_in_the_tray_and_can_be_switched_off(tmp_path):
    environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert not autostart.is_enabled(environ, "linux")
    path = autostart.set_enabled(
        True, ["/opt/tc/companion", "--data-dir", "/home/p/My diary"], environ, "linux"
    )
    assert (
        path
        == tmp_path / "autostart" / "io.github.transplant_companion.TransplantCompanion.desktop"
    )
    text = path.read_text(encoding="utf-8")
    assert 'Exec=/opt/tc/companion --data-dir "/home/p/My diary" --tray' in text
    assert "StartupNotify=false" in text and "Type=Application" in text
    assert autostart.is_enabled(environ, "linux")
    # Switched off by the desktop's own settings (Hidden=true): the app sees it as off.
    path.write_text(text + "Hidden=true\n", encoding="utf-8")
    assert not autostart.is_enabled(environ, "linux")
    assert autostart.set_enabled(False, [], environ, "linux") is None
    assert not path.exists()


def test_tray_is_a_window_option_that_needs_no_full_parser():
    args = parse(["--tray"])
    assert args.tray and args.command is None
    assert parse(["--data-dir", "/tmp/x", "--tray"]).tray
