"""Where the window goes on the screen: where it was last time, if that still fits the
screen, else the screen's free area; and its frame (title bar and all) kept on screen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from companion.ui import preferences


def screen_room(widget: QWidget) -> QRect | None:
    """The free area of the screen ``widget`` is on (None: no screen). One place to ask, so
    that tests can stand in a 1024×600 screen for the 800×800 offscreen one."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def place_on_screen(window: QWidget) -> bool:
    """Where it was last time, if that still fits this screen (True); else the whole of
    the screen's free area (False)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    saved = preferences.geometry()
    restored = saved is not None and window.restoreGeometry(saved)
    if restored and (room is None or room.contains(window.geometry())):
        return True
    if room is not None:
        window.setGeometry(room)
    return False


def remember_place(window: QWidget) -> None:
    preferences.set_geometry(window.saveGeometry())


def fit_frame(window: QWidget) -> None:
    """With a window manager's title bar, the frame must fit the screen too."""
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    if window.isMaximized() or window.isFullScreen():
        return
    if frame.height() > room.height() or frame.width() > room.width():
        window.resize(
            min(window.width(), room.width() - extra_w),
            min(window.height(), room.height() - extra_h),
        )
    if not room.contains(window.frameGeometry()):
        window.move(room.topLeft())
