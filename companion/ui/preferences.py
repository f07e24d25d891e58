"""What this computer remembers about the window (not the diary): the text size, the
language and where the window was. Kept with QSettings in an INI file in the user's settings folder
(``~/.config/TransplantCompanion/window.ini`` on Linux); tests point it at a temporary
folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from companion.window_settings import NAME, ORGANISATION  # the command line reads it too

TEXT_SIZES = (100, 125, 150, 175, 200)


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, NAME)


def text_size() -> int:
    """The text size in per cent of the system font (100 to 200)."""
    value = _settings().value("text_size", 100)
    try:
        size = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 100
    return min(max(size, TEXT_SIZES[0]), TEXT_SIZES[-1])


def set_text_size(percent: int) -> None:
    settings = _settings()
    settings.setValue("text_size", int(percent))
    settings.sync()


def geometry() -> QByteArray | None:
    value = _settings().value("geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_geometry(value: QByteArray) -> None:
    settings = _settings()
    settings.setValue("geometry", value)
    settings.sync()


def language() -> str | None:
    """The language chosen in the app (``"es"``), or None if none was chosen yet."""
    value = _settings().value("language", "")
    return value if isinstance(value, str) and value else None


def set_language(tag: str) -> None:
    settings = _settings()
    settings.setValue("language", tag)
    settings.sync()
