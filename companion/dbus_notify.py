"""Desktop notifications without Qt, for ``companion remind --due`` (a system timer runs it
with no window): the freedesktop Notifications service over the D-Bus session bus, with
jeepney. The tray's notifications, with actions, are in ``companion.ui.notifications``."""

from __future__ import annotations

APP_NAME = "Transplant Companion"
ICON = "transplant-companion"
BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
TIMEOUT_S = 5


def send_once(texts: list[tuple[str, str]]) -> bool:
    """For ``companion remind --due``: show each (title, body) once, without actions (the
    command does not stay to hear them). False when no notification could be shown."""
    try:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:  # pragma: no cover - jeepney is a dependency on Linux
        return False
    try:
        connection = open_dbus_connection(bus="SESSION")
    except Exception:
        return False
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
    shown = False
    with connection:
        for title, body in texts:
            hints = {"urgency": ("y", 1), "desktop-entry": ("s", ICON)}
            message = new_method_call(
                address,
                "Notify",
                "susssasa{sv}i",
                (APP_NAME, 0, ICON, title, body, [], hints, -1),
            )
            try:
                reply = connection.send_and_get_reply(message, timeout=TIMEOUT_S)
            except Exception:
                return shown
            shown = shown or reply.header.message_type == MessageType.method_return
    return shown
