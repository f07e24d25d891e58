"""The app on the desktop: its menu entry and icons, and whether a window can open here.

One place for what the Debian package, ``companion install-desktop-entry`` and the window
itself must agree on: the entry's name (also the icon's name and the Wayland app id), the
window class that docks match against ``StartupWMClass``, and the icon files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import companion
from companion import i18n
from companion.i18n import N_, _, ngettext

DESKTOP_ID = "io.github.transplant_companion.TransplantCompanion"
"""The entry's file name without ``.desktop``, the Wayland app id and the AppStream id (a
reverse-DNS name, as the AppStream and Desktop Entry specifications ask)."""

COMMAND = "transplant-companion"
"""The command, the bundle's executable and the Debian package's name."""

ICON_NAME = "transplant-companion"
"""The icon's theme name, and the stem of its files in resources/icons."""

OLD_DESKTOP_IDS = ("transplant-companion",)
"""Names the entry had before: installing or removing the entry also removes these."""

WINDOW_CLASS = "TransplantCompanion"
"""Qt's X11 window class is the application name (app.APP_ID); docks match it."""

APP_NAME = "Transplant Companion"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

NO_DISPLAY = N_(
    "Transplant Companion needs a desktop session to open its window, and none was found "
    "(no DISPLAY or WAYLAND_DISPLAY); the command-line commands (today, checklist, export, "
    "backup, restore) work without one: see --help."
)

# Characters that make an Exec argument need quotes (freedesktop Desktop Entry spec,
# "The Exec key"), and those that must be escaped inside the quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def no_display_reason(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why no window can open here, or None when one can (or Qt was told where to draw).

    Without a display Qt's xcb plugin aborts with a misleading message about a missing
    xcb-cursor library; this says what is really wrong, in one line.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "cygwin", "darwin"):
        return None
    if environ.get("QT_QPA_PLATFORM"):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET")):
        return None
    return _(NO_DISPLAY)


GENERIC_NAME = N_("Transplant diary")
COMMENT = N_("A private diary and organiser for a stem cell transplant, for patients and carers")
# Translators: the words a desktop's menu search finds the app by, separated by ";" and
# ending with ";" (freedesktop Keywords).
KEYWORDS = N_("transplant;stem cell;bone marrow;diary;journal;checklist;fever;blood counts;")


def _localised(key: str, message: str) -> list[str]:
    """``Key[es]=…`` for each language the app is translated into (the menu shows the
    user's own); the English stands alone, as ``Key=…``."""
    lines = [f"{key}={message}"]
    saved = i18n.locale_tag()
    try:
        for language in i18n.TRANSLATED:
            if language == i18n.SOURCE_LANGUAGE or not i18n.is_available(language):
                continue
            i18n.set_language(language)
            translated = _(message)
            if translated != message:
                lines.append(f"{key}[{language}]={translated}")
    finally:
        i18n.set_language(saved)
    return lines


def desktop_entry(exec_argv: Sequence[str]) -> str:
    """The ``.desktop`` file's text, starting the app with ``exec_argv``."""
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            f"Name={APP_NAME}",
            *_localised("GenericName", GENERIC_NAME),
            *_localised("Comment", COMMENT),
            f"Icon={ICON_NAME}",
            f"Exec={exec_line(exec_argv)}",
            "Terminal=false",
            # One main category (two would list the app twice); MedicalSoftware goes with
            # Science in the freedesktop menu specification's table of related categories.
            "Categories=Science;MedicalSoftware;",
            *_localised("Keywords", KEYWORDS),
            f"StartupWMClass={WINDOW_CLASS}",
            "StartupNotify=true",
            "",
        )
    )


def exec_line(argv: Sequence[str]) -> str:
    """``argv`` as the value of an Exec key: quoted where needed, ``%`` doubled, and then
    escaped as a desktop-entry string value (where a backslash is written twice)."""
    words = []
    for arg in argv:
        if "\n" in arg or "\r" in arg:
            raise ValueError(f"an Exec argument cannot hold a line break: {arg!r}")
        if any(char in _RESERVED for char in arg) or not arg:
            arg = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in arg) + '"'
        words.append(arg.replace("%", "%%"))
    return " ".join(words).replace("\\", "\\\\")


def launcher_argv() -> list[str]:
    """The command that starts this installation of the app, for the entry's Exec."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its own executable
        return [str(Path(sys.executable).resolve())]
    # pip puts the `companion` launcher beside the environment's Python.
    scripts = Path(sys.executable).parent
    for name in ("companion", "companion.exe"):
        script = scripts / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "companion"]


def icon_bytes(size: int | None) -> bytes:
    """The icon as PNG at ``size`` pixels, or the SVG source for None."""
    from importlib import resources

    name = f"{ICON_NAME}.svg" if size is None else f"{ICON_NAME}-{size}.png"
    return resources.files("resources").joinpath("icons", name).read_bytes()


def installed_files(data_home: Path) -> dict[Path, int | None]:
    """Where the entry and each icon go under an XDG data folder, and which icon size."""
    hicolor = data_home / "icons" / "hicolor"
    files: dict[Path, int | None] = {data_home / "applications" / f"{DESKTOP_ID}.desktop": 0}
    for size in ICON_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"] = size
    files[hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"] = None
    return files


def xdg_data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def old_entries(data_home: Path) -> list[Path]:
    """Entries this app wrote under names it no longer uses, that exist under ``data_home``."""
    folder = data_home / "applications"
    return [
        folder / f"{name}.desktop"
        for name in OLD_DESKTOP_IDS
        if (folder / f"{name}.desktop").is_file()
    ]


def install_desktop_entry(data_home: Path, exec_argv: Sequence[str]) -> Path:
    """Write the entry and the icons under ``data_home``; return the entry's path.

    An entry under an old name is removed, so the menu does not list the app twice."""
    entry = None
    for path, size in installed_files(data_home).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if size == 0:
            entry = path
            data = desktop_entry(exec_argv).encode("utf-8")
        else:
            data = icon_bytes(size)
        temporary = path.with_name(f".{path.name}.new")
        temporary.write_bytes(data)
        temporary.replace(path)  # a menu never reads half a file
    for old in old_entries(data_home):
        old.unlink()
    assert entry is not None
    return entry


def remove_desktop_entry(data_home: Path) -> list[Path]:
    """Remove the entry and the icons from ``data_home``; return what was removed."""
    removed = old_entries(data_home)
    for path in removed:
        path.unlink()
    for path in installed_files(data_home):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _freedesktop(command: str) -> bool:
    if sys.platform in ("win32", "cygwin", "darwin"):
        print(
            _(
                "{command} is for Linux desktops. On Windows and macOS, install the app from "
                "its download, which adds it to the Start menu or the Applications folder."
            ).format(command=command),
            file=sys.stderr,
        )
        return False
    return True


def install_command(_args: object, _data_dir: Path, _clock: object = None) -> int:
    """``install-desktop-entry``: the app in the user's applications menu, with its icon."""
    if not _freedesktop("install-desktop-entry"):
        return 1
    data_home, argv = xdg_data_home(), launcher_argv()
    try:
        entry = install_desktop_entry(data_home, argv)
    except OSError as error:
        print(
            _("Could not add the menu entry: {reason}.").format(reason=error.strerror or error),
            file=sys.stderr,
        )
        return 1
    print(
        _(
            "Added {app} {version} to your applications menu ({entry}). To take it out "
            "again: {command} remove-desktop-entry"
        ).format(app=APP_NAME, version=companion.__version__, entry=entry, command=" ".join(argv))
    )
    return 0


def remove_command(_args: object, _data_dir: Path, _clock: object = None) -> int:
    """``remove-desktop-entry``: take the entry and the icons out again (the diary stays)."""
    if not _freedesktop("remove-desktop-entry"):
        return 1
    data_home = xdg_data_home()
    try:
        removed = remove_desktop_entry(data_home)
    except OSError as error:
        print(
            _("Could not remove the menu entry: {reason}.").format(reason=error.strerror or error),
            file=sys.stderr,
        )
        return 1
    if not removed:
        print(
            _("There was no {app} menu entry in {folder}.").format(
                app=APP_NAME, folder=data_home / "applications"
            )
        )
    else:
        print(
            ngettext(
                "Removed the menu entry and its icons ({count} file). Your diary is kept.",
                "Removed the menu entry and its icons ({count} files). Your diary is kept.",
                len(removed),
            ).format(count=len(removed))
        )
    return 0


def add_commands(commands) -> None:
    """Add ``install-desktop-entry`` and ``remove-desktop-entry`` to the parser's commands."""
    commands.add_parser(
        "install-desktop-entry",
        help=_("add the app, with its icon, to your desktop's applications menu (Linux)"),
    )
    commands.add_parser(
        "remove-desktop-entry", help=_("take the app out of the applications menu again (Linux)")
    )


COMMANDS = {"install-desktop-entry": install_command, "remove-desktop-entry": remove_command}


def prepare_application(app) -> None:
    """Give the application our icon, and name its desktop entry so docks find that icon."""
    from importlib import resources

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

    icon = QIcon()
    folder = resources.files("resources").joinpath("icons")
    for size in ICON_SIZES:
        node = folder.joinpath(f"{ICON_NAME}-{size}.png")
        if isinstance(node, Path):  # a real file (pip, the bundle): Qt reads it when needed
            icon.addFile(str(node), QSize(size, size))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(node.read_bytes(), "PNG")
            icon.addPixmap(pixmap)
    app.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
