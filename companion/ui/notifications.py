"""Desktop notifications through the freedesktop Notifications service (D-Bus
``org.freedesktop.Notifications``, Desktop Notifications Specification 1.2), with actions.

``Notifications`` is the seam: the reminder notifier talks only to it, and tests replace it
with a fake. ``FreedesktopNotifications`` speaks D-Bus with jeepney (pure Python): its
router thread and one listener thread sleep in ``select`` until the server sends something,
so nothing wakes the app while it waits. An action the user chooses comes back to the Qt
thread as a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading

from PySide6.QtCore import QObject, Signal

from companion.dbus_notify import APP_NAME, BUS_NAME, ICON, INTERFACE, OBJECT_PATH, TIMEOUT_S

log = logging.getLogger(__name__)


class Notifications(QObject):
    """Show, replace and withdraw notifications by a key of our own.

    Signals:
        action_invoked(str, str): the notification ``key``'s action (``taken``,
            ``snooze``, ``default`` for a click on it) was chosen.
        dismissed(str): the user closed the notification ``key`` without an action.
    """

    action_invoked = Signal(str, str)
    dismissed = Signal(str)
    real = False  # a way to the desktop (the Today page then says when it is missing)

    def available(self) -> bool:
        return False

    def inhibited(self) -> bool:
        """Notifications paused ("do not disturb"), where the server says so."""
        return False

    def show(self, key: str, title: str, body: str, actions: tuple[tuple[str, str], ...]) -> bool:
        """Show (or replace) the notification ``key``; False when it could not be shown."""
        return False

    def withdraw(self, key: str) -> None:
        """Take the notification ``key`` down (it was answered elsewhere)."""

    def close(self) -> None:
        """Let go of the session bus."""


class FreedesktopNotifications(Notifications):
    """The real one, over the D-Bus session bus."""

    _received = Signal(str, int, str)  # member, notification id, action (listener thread)
    real = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._router = None
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}
        self._lock = threading.Lock()
        self._received.connect(self._on_received)
        self._queue: queue.Queue = queue.Queue()
        self._filter = None

    # The connection ----------------------------------------------------------------------

    def _connect(self):
        if self._router is not None:
            return self._router
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and os.name != "posix":
            return None
        try:
            from jeepney import MatchRule
            from jeepney.bus_messages import message_bus
            from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection

            router = DBusRouter(open_dbus_connection(bus="SESSION"))
            rule = MatchRule(type="signal", interface=INTERFACE, path=OBJECT_PATH)
            Proxy(message_bus, router, timeout=TIMEOUT_S).AddMatch(rule)
            self._filter = router.filter(rule, queue=self._queue)
        except Exception as error:  # no session bus, a refused connection, no jeepney
            log.info("no D-Bus session bus: %s", error)
            return None
        self._router = router
        threading.Thread(target=self._listen, name="notifications", daemon=True).start()
        return router

    def _listen(self) -> None:
        """Listener thread: blocks until the server sends a signal; hands it to Qt."""
        while True:
            message = self._queue.get()
            if message is None:
                return
            from jeepney import HeaderFields

            member = message.header.fields.get(HeaderFields.member, "")
            body = message.body
            if member == "ActionInvoked" and len(body) >= 2:
                self._received.emit(member, int(body[0]), str(body[1]))
            elif member == "NotificationClosed" and body:
                self._received.emit(member, int(body[0]), str(body[1]) if len(body) > 1 else "")

    def _call(self, method: str, signature: str = "", body: tuple = ()):
        router = self._connect()
        if router is None:
            return None
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
        try:
            reply = router.send_and_get_reply(
                new_method_call(address, method, signature, body), timeout=TIMEOUT_S
            )
        except Exception as error:  # the server went away, a timeout
            log.info("notification call %s failed: %s", method, error)
            return None
        from jeepney import MessageType

        if reply.header.message_type == MessageType.error:
            return None
        return reply.body

    # Notifications -----------------------------------------------------------------------

    def available(self) -> bool:
        """A notification server runs, or the bus can start one."""
        router = self._connect()
        if router is None:
            return False
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import Proxy

        try:
            bus = Proxy(message_bus, router, timeout=TIMEOUT_S)
            if bus.NameHasOwner(BUS_NAME)[0]:
                return True
            return BUS_NAME in bus.ListActivatableNames()[0]
        except Exception:
            return False

    def inhibited(self) -> bool:
        """The spec's ``Inhibited`` property (servers from spec 1.3), or dunst's pause."""
        from jeepney import DBusAddress, Properties

        router = self._connect()
        if router is None:
            return False
        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)
        try:
            reply = router.send_and_get_reply(
                Properties(address).get("Inhibited"), timeout=TIMEOUT_S
            )
            value = reply.body[0][1] if reply.body else False
            return bool(value) if isinstance(value, bool) else False
        except Exception:
            return False

    def show(self, key: str, title: str, body: str, actions: tuple[tuple[str, str], ...]) -> bool:
        flat: list[str] = []
        for action, label in actions:
            flat += [action, label]
        hints = {
            "urgency": ("y", 1),
            "category": ("s", "x-transplant-companion.reminder"),
            "desktop-entry": ("s", ICON),
            "resident": ("b", True),
        }
        with self._lock:
            replaces = self._ids.get(key, 0)
        reply = self._call(
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, replaces, ICON, title, body, flat, hints, 0),  # 0: until answered
        )
        if not reply:
            return False
        with self._lock:
            notification = int(reply[0])
            self._ids[key] = notification
            self._keys[notification] = key
        return True

    def withdraw(self, key: str) -> None:
        with self._lock:
            notification = self._ids.pop(key, None)
            if notification is not None:
                self._keys.pop(notification, None)
        if notification is not None:
            self._call("CloseNotification", "u", (notification,))

    def close(self) -> None:
        if self._router is not None:
            self._queue.put(None)
            with contextlib.suppress(Exception):
                if self._filter is not None:
                    self._filter.close()
                self._router.close()
                self._router._conn.close()
            self._router = None

    def _on_received(self, member: str, notification: int, action: str) -> None:
        with self._lock:
            key = self._keys.get(notification)
            if key is not None and member == "NotificationClosed":
                self._keys.pop(notification, None)
                self._ids.pop(key, None)
        if key is None:
            return
        if member == "ActionInvoked":
            self.action_invoked.emit(key, action)
        elif action == "2":  # reason 2: dismissed by the user
            self.dismissed.emit(key)
