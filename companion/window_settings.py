"""What the window saved on this computer, read without Qt: the language chosen in the app,
for the command line, which must choose its language before any text is made and never
imports Qt (the import-linter contracts).

The window keeps its settings with ``QSettings`` in INI format, user scope, organisation
``ORGANISATION`` and application ``NAME`` (companion/ui/preferences.py). Qt puts that file
at ``<config>/TransplantCompanion/window.ini``, where ``<config>`` is:

- Linux and other Unix systems, macOS: ``$XDG_CONFIG_HOME`` when it is an absolute path,
  else ``~/.config``;
- Windows: ``%APPDATA%`` (the roaming application data folder).

Keys outside a group are in the file's ``[General]`` section. A file that is missing,
unreadable or damaged means nothing was saved: the command line then follows the system.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

ORGANISATION = "TransplantCompanion"
NAME = "window"
_SECTION = "General"  # Qt's section for keys outside a group


def settings_path(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    """The file Qt writes the window's settings to (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        folder = environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(folder) / ORGANISATION / f"{NAME}.ini"
    configured = environ.get("XDG_CONFIG_HOME", "")
    folder = Path(configured) if configured and os.path.isabs(configured) else None
    if folder is None:
        home = environ.get("HOME") or str(Path.home())
        folder = Path(home) / ".config"
    return folder / ORGANISATION / f"{NAME}.ini"


def saved_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the user chose in the app (``"es"``), or None if none was saved."""
    # Read by hand, not with configparser: this runs at every start of the window too, and
    # configparser costs about 5 ms to import (start-up is measured).
    try:
        text = settings_path(environ).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    section, value = None, ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == _SECTION and "=" in line:
            key, _, found = line.partition("=")
            if key.strip() == "language":
                value = found.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]  # Qt quotes a string only when it needs to
    return value or None


__all__ = ["NAME", "ORGANISATION", "saved_language", "settings_path"]
