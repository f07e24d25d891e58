"""Issue 23: the command line speaks the language the user chose in the app.

The order (companion.i18n.choose_language): ``--lang``, then the language saved in the app
(the window's ``window.ini``, read without Qt by companion.window_settings), then the
system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), then English. The first
launch asks, with the system's language as the default; once the user has chosen, the
command line follows that choice.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion import i18n
from companion.window_settings import saved_language, settings_path
from tests.cli_setup import call, command, setup_args

TODAY = "2026-06-01"


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.fixture
def no_system_language(monkeypatch):
    for variable in i18n.ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="module")
def diary(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saved-language") / "diary"
    assert command(folder, *setup_args(date(2026, 5, 20), date(2026, 5, 14)), today=TODAY) == 0
    i18n.set_language("en")
    return folder


def _save(language: str) -> Path:
    """The window.ini Qt writes when the user chooses a language in the app."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"[General]\ngeometry=@ByteArray(\\x1\\xd9\\xd0\\xcb)\nlanguage={language}\n"
        "text_size=125\n",
        encoding="utf-8",
    )
    return path


def _today(diary: Path, *extra: str) -> str:
    code, out, err = call(*extra, "--data-dir", str(diary), "--today", TODAY, "today")
    assert code == 0, err
    return out


def test_the_language_saved_in_the_app_is_the_command_lines(diary, no_system_language):
    _save("es")
    out = _today(diary)
    assert out.startswith("Hoy es Día +12"), out
    assert "lunes, 1 de junio de 2026" in out
    assert "Today" not in out and "Day +12" not in out


def test_lang_wins_over_the_saved_language(diary, no_system_language):
    _save("es")
    out = _today(diary, "--lang", "en")
    assert out.startswith("Today is Day +12"), out
    assert "Monday 1 June 2026" in out


def test_the_saved_language_wins_over_the_systems(diary, monkeypatch):
    """The user chose English in the app on a Spanish system: English."""
    _save("en")
    monkeypatch.setenv("LANGUAGE", "es")
    monkeypatch.setenv("LC_MESSAGES", "es_ES.UTF-8")
    assert _today(diary).startswith("Today is Day +12")


@pytest.mark.parametrize("variable", ["LANGUAGE", "LC_MESSAGES"])
def test_the_system_is_consulted_when_nothing_was_saved(diary, monkeypatch, variable):
    for name in i18n.ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert not settings_path().exists()
    monkeypatch.setenv(variable, "es_MX.UTF-8")
    assert _today(diary).startswith("Hoy es Día +12")


def test_a_damaged_or_empty_file_means_nothing_was_saved(diary, monkeypatch):
    path = _save("es")
    path.write_bytes(b"\xff\xfe[General\nlanguage")
    assert saved_language() is None
    path.write_text("[General]\ntext_size=150\n", encoding="utf-8")
    assert saved_language() is None
    monkeypatch.setenv("LANGUAGE", "es")
    assert _today(diary).startswith("Hoy es Día +12")


def test_the_file_qt_writes_is_the_file_read(window_settings):
    """What the window saves through QSettings (companion/ui/preferences.py) is read back
    without Qt: the same path (tests point both at a throwaway folder) and the same format."""
    from companion.ui import preferences

    preferences.set_text_size(150)
    preferences.set_language("es")
    assert settings_path().is_relative_to(window_settings)
    assert settings_path().is_file()
    assert saved_language() == "es"
    preferences.set_language("en")
    assert saved_language() == "en"


def test_the_path_is_the_one_qt_uses(tmp_path):
    """Qt's own answer, in a fresh process (no test folder set): XDG_CONFIG_HOME when it is
    an absolute path, else ~/.config."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from companion.window_settings import NAME, ORGANISATION\n"
        "s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, NAME)\n"
        "print(s.fileName())\n"
    )
    home = tmp_path / "home"
    home.mkdir()
    cases = [
        {"HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "config")},
        {"HOME": str(home)},
        {"HOME": str(home), "XDG_CONFIG_HOME": "relative/config"},
    ]
    for environ in cases:
        qt = subprocess.run(
            [sys.executable, "-c", script],
            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", **environ},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        ).stdout.strip()
        assert Path(qt) == settings_path(environ, platform="linux"), environ


def test_windows_keeps_it_in_the_roaming_folder():
    environ = {"APPDATA": r"C:\Users\ana\AppData\Roaming"}
    path = settings_path(environ, platform="win32")
    assert path.parts[-2:] == ("TransplantCompanion", "window.ini")
    assert str(path).startswith(r"C:\Users\ana\AppData\Roaming")
