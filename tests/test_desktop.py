"""The desktop entry and icons a user installs, and the plain message when no window can open."""

import configparser
import shutil
import subprocess
import sys
from importlib import resources

import pytest

from companion import desktop
from companion.app import APP_ID, main
from tests.conftest import run_main

linux_only = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="XDG desktop entries are for Linux desktops"
)


def read_entry(path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def exec_argv(value: str) -> list[str]:
    """The Exec value as the Desktop Entry spec has a desktop split it: undo the string
    escape (a doubled backslash), then split on spaces outside double quotes, where a
    backslash escapes ", `, $ and itself; "%%" is a literal "%"."""
    text = value.replace("\\\\", "\\")
    words, word, quoted, i, started = [], "", False, 0, False
    while i < len(text):
        char = text[i]
        if quoted and char == "\\" and text[i + 1] in '"`$\\':
            word, i = word + text[i + 1], i + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                words.append(word)
            word, started = "", False
        else:
            word, started = word + char, True
        i += 1
    assert not quoted, value
    if started:
        words.append(word)
    return [w.replace("%%", "%") for w in words]


def test_every_icon_size_is_package_data_and_a_png():
    folder = resources.files("resources").joinpath("icons")
    for size in desktop.ICON_SIZES:
        data = folder.joinpath(f"transplant-companion-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (size, size)
    assert b"<svg" in folder.joinpath("transplant-companion.svg").read_bytes()
    assert folder.joinpath("transplant-companion.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert folder.joinpath("transplant-companion.icns").read_bytes()[:4] == b"icns"


def test_the_entry_names_what_the_window_and_docks_use():
    text = desktop.desktop_entry(["/opt/x/transplant-companion"])
    path_entry = configparser.ConfigParser(interpolation=None)
    path_entry.optionxform = str
    path_entry.read_string(text)
    entry = path_entry["Desktop Entry"]
    assert entry["Name"] == "Transplant Companion"
    assert entry["GenericName"] == "Transplant diary"
    assert entry["Icon"] == "transplant-companion"
    assert entry["Categories"] == "Science;MedicalSoftware;"
    assert entry["Version"] == "1.0"
    assert "stem cell" in entry["Keywords"]
    assert entry["StartupWMClass"] == APP_ID  # Qt's X11 window class is the app's name
    assert entry["Exec"] == "/opt/x/transplant-companion"


@pytest.mark.parametrize(
    "argv",
    [
        ["/home/ann/My Apps/.venv/bin/companion"],
        ["/tmp/a$b/python", "-m", "companion"],
        ['/tmp/quote"d\\dir/100%/companion'],
    ],
)
def test_exec_quoting_round_trips(argv):
    assert exec_argv(desktop.exec_line(argv)) == argv


def test_a_line_break_cannot_go_into_exec():
    with pytest.raises(ValueError, match="line break"):
        desktop.exec_line(["/tmp/a\nb"])


@pytest.mark.parametrize(
    ("environ", "platform", "blocked"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ""}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_no_display_reason(environ, platform, blocked):
    reason = desktop.no_display_reason(environ, platform)
    assert (reason is not None) is blocked


@linux_only
@pytest.mark.parametrize("args", [(), ("open",), ("--demo",)])
def test_without_a_display_the_window_says_so_in_one_line(args):
    result = run_main(*args, headless=True)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "needs a desktop session" in lines[0]
    assert "command-line commands" in lines[0]
    assert "xcb" not in result.stderr


@linux_only
def test_without_a_display_commands_still_work():
    result = run_main("--demo", "--today", "2026-06-01", "today", headless=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Today is Day +12")


@linux_only
def test_install_then_remove_the_desktop_entry(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    neighbour = tmp_path / "applications" / "someone-else.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")

    assert main(["install-desktop-entry"]) == 0
    said = capsys.readouterr().out
    assert "applications menu" in said
    assert f"{' '.join(desktop.launcher_argv())} remove-desktop-entry" in said
    entry_path = tmp_path / "applications" / f"{desktop.DESKTOP_ID}.desktop"
    entry = read_entry(entry_path)
    assert entry["Icon"] == "transplant-companion"
    for size in desktop.ICON_SIZES:
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        assert (icon / "transplant-companion.png").read_bytes() == desktop.icon_bytes(size)
    scalable = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "transplant-companion.svg"
    assert scalable.read_bytes() == desktop.icon_bytes(None)

    # The entry starts this installation: run its Exec as a menu would.
    argv = exec_argv(entry["Exec"])
    version = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("Transplant Companion ")

    assert main(["remove-desktop-entry"]) == 0
    assert "Removed the menu entry" in capsys.readouterr().out
    assert not entry_path.exists()
    assert not scalable.exists()
    assert not list((tmp_path / "icons").rglob("transplant-companion*"))
    assert neighbour.exists()

    assert main(["remove-desktop-entry"]) == 0
    assert "There was no" in capsys.readouterr().out


@linux_only
def test_install_twice_keeps_one_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop-entry"]) == 0
    assert main(["install-desktop-entry"]) == 0
    assert [p.name for p in (tmp_path / "applications").iterdir()] == [
        f"{desktop.DESKTOP_ID}.desktop"
    ]


@linux_only
def test_the_entry_under_its_old_name_goes_when_installing_or_removing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    applications = tmp_path / "applications"
    old = applications / "transplant-companion.desktop"
    applications.mkdir()
    old.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert main(["install-desktop-entry"]) == 0
    assert [p.name for p in applications.iterdir()] == [f"{desktop.DESKTOP_ID}.desktop"]

    old.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert main(["remove-desktop-entry"]) == 0
    assert list(applications.iterdir()) == []


@linux_only
def test_without_the_launcher_the_entry_runs_python_m_companion(tmp_path, monkeypatch):
    monkeypatch.setattr(desktop.sys, "executable", str(tmp_path / "no-launcher" / "python"))
    assert desktop.launcher_argv()[1:] == ["-m", "companion"]
    monkeypatch.undo()
    # And that command works with this Python.
    argv = [sys.executable, "-m", "companion", "--version"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("Transplant Companion ")


@linux_only
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_the_written_entry_passes_desktop_file_validate(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "with space"))
    assert main(["install-desktop-entry"]) == 0
    entry = tmp_path / "with space" / "applications" / f"{desktop.DESKTOP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # no error, warning nor hint


def test_elsewhere_the_commands_say_they_are_for_linux(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(desktop.sys, "platform", "win32")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop-entry"]) == 1
    assert "for Linux desktops" in capsys.readouterr().err
    assert not (tmp_path / "applications").exists()


def test_the_window_gets_the_icon_and_the_desktop_file_name(qapp):
    from PySide6.QtGui import QGuiApplication

    desktop.prepare_application(qapp)
    assert QGuiApplication.desktopFileName() == desktop.DESKTOP_ID
    sizes = {(s.width(), s.height()) for s in qapp.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
