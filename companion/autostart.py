"""Start at login, in the tray, so reminders come with the window closed (issue 20).

Linux: an XDG autostart entry (``$XDG_CONFIG_HOME/autostart/<DESKTOP_ID>.desktop``,
freedesktop "Desktop Application Autostart Specification") that runs ``companion --tray``.
macOS and Windows are prepared the same way as the bundle: a LaunchAgent property list, and
the per-user ``Run`` key; both run the bundle's own executable with ``--tray``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from companion import desktop

TRAY_FLAG = "--tray"
LAUNCH_AGENT = "org.transplantcompanion.app"


def xdg_config_home(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_CONFIG_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".config"


def autostart_path(environ: Mapping[str, str] | None = None) -> Path:
    return xdg_config_home(environ) / "autostart" / f"{desktop.DESKTOP_ID}.desktop"


def autostart_entry(exec_argv: Sequence[str]) -> str:
    """The entry's text: the menu entry's, starting in the tray, without a splash."""
    text = desktop.desktop_entry([*exec_argv, TRAY_FLAG])
    text = text.replace("StartupNotify=true", "StartupNotify=false")
    return text + "X-GNOME-Autostart-enabled=true\n"


def launcher(data_dir: Path | None = None) -> list[str]:
    argv = desktop.launcher_argv()
    return [*argv, "--data-dir", str(data_dir)] if data_dir is not None else argv


def is_enabled(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when the app starts at login (an entry that is not hidden or disabled)."""
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return _plist_path().exists()
    if platform == "win32":  # pragma: no cover - Windows only
        return _windows_run_value() is not None
    path = autostart_path(environ)
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = {line.strip().lower() for line in text.splitlines()}
    return "hidden=true" not in lines and "x-gnome-autostart-enabled=false" not in lines


def set_enabled(
    on: bool,
    exec_argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Path | None:
    """Switch starting at login on or off; returns the file written (or None)."""
    platform = sys.platform if platform is None else platform
    argv = list(exec_argv) if exec_argv is not None else launcher()
    if platform == "darwin":
        path = _plist_path()
        if not on:
            path.unlink(missing_ok=True)
            return None
        _write(path, _plist([*argv, TRAY_FLAG]))
        return path
    if platform == "win32":  # pragma: no cover - Windows only
        _windows_set_run(desktop.exec_line([*argv, TRAY_FLAG]) if on else None)
        return None
    path = autostart_path(environ)
    if not on:
        path.unlink(missing_ok=True)
        return None
    _write(path, autostart_entry(argv))
    return path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _plist_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT}.plist"


def _plist(argv: Sequence[str]) -> str:
    from xml.sax.saxutils import escape

    args = "".join(f"<string>{escape(a)}</string>" for a in argv)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        f'<plist version="1.0"><dict><key>Label</key><string>{LAUNCH_AGENT}</string>'
        f"<key>ProgramArguments</key><array>{args}</array>"
        "<key>RunAtLoad</key><true/></dict></plist>\n"
    )


_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def _windows_run_value() -> str | None:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found]

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
            return winreg.QueryValueEx(key, desktop.APP_NAME)[0]
    except OSError:
        return None


def _windows_set_run(command: str | None) -> None:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found]

    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
        if command is None:
            with contextlib.suppress(OSError):
                winreg.DeleteValue(key, desktop.APP_NAME)
        else:
            winreg.SetValueEx(key, desktop.APP_NAME, 0, winreg.REG_SZ, command)
