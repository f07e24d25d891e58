"""For screen readers and keyboard users: roles Qt cannot guess, announcements, and a focus
ring that is easy to see.

* A widget class that sets ``accessible_role`` (the name of a ``QAccessible.Role``) is
  exposed with that role through an accessibility factory: the alert card as an alert
  (``AlertMessage``), the charts and the timeline as charts. Its name and description are
  its ``accessibleName()`` and ``accessibleDescription()`` (plain text).
* ``announce()`` asks the screen reader to say a message now (Qt 6.8's
  QAccessibleAnnouncementEvent): "Saved…", a problem, a new alert card.
* ``FocusRing`` draws a ring around whichever control has the keyboard focus: a dark
  outer ring and a yellow inner ring (after the NHS focus style), 3 and 2 pixels or more,
  so it shows on light and dark backgrounds alike (3:1 or more against either).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QRegion,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QButtonGroup, QWidget

_ROLE_CLASS: list = []


def _accessible():
    """QAccessible, loaded when first needed (its many enums are slow to make)."""
    from PySide6.QtGui import QAccessible

    return QAccessible


def _role_accessible_class():
    """The interface class, made when a screen reader first asks (not at start-up: Qt's
    accessibility classes are slow to load)."""
    if not _ROLE_CLASS:
        from PySide6.QtWidgets import QAccessibleWidget

        class RoleAccessible(QAccessibleWidget):
            """A widget exposed with the role its class asks for; its name and description
            are its accessible name and description."""

            def __init__(self, widget: QWidget, role) -> None:
                super().__init__(widget, role, "")

            def text(self, kind) -> str:
                widget = self.widget()
                accessible = _accessible()
                if kind == accessible.Text.Name:
                    return widget.accessibleName()
                if kind == accessible.Text.Description:
                    return widget.accessibleDescription()
                return super().text(kind)

        _ROLE_CLASS.append(RoleAccessible)
    return _ROLE_CLASS[0]


def _factory(key: str, obj: QObject):
    """A widget class names its role with ``accessible_role = "AlertMessage"`` (a
    ``QAccessible.Role`` name)."""
    name = getattr(type(obj), "accessible_role", None)
    if name is None or not isinstance(obj, QWidget):
        return None
    return _role_accessible_class()(obj, getattr(_accessible().Role, name))


class Announcer(QObject):
    """Says messages to the screen reader; tests listen to ``announced``.

    Signals:
        announced(str): a message was announced (its text).
    """

    announced = Signal(str)


_ANNOUNCER: Announcer | None = None
_INSTALLED = False


def announcer() -> Announcer:
    global _ANNOUNCER
    if _ANNOUNCER is None:
        _ANNOUNCER = Announcer()
    return _ANNOUNCER


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` now (politely, after what it is saying, unless
    ``assertive``: an alert card, a refused entry)."""
    if not text:
        return
    if _INSTALLED and _accessible().isActive():  # a screen reader (or other tool) listens
        from PySide6.QtGui import QAccessibleAnnouncementEvent

        accessible = _accessible()
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(
            accessible.AnnouncementPoliteness.Assertive
            if assertive
            else accessible.AnnouncementPoliteness.Polite
        )
        accessible.updateAccessibility(event)
    announcer().announced.emit(text)


class _TabStop(QObject):
    """Keeps a radio group's one Tab stop on its chosen button (see ``one_tab_stop``)."""

    def __init__(self, group: QButtonGroup) -> None:
        super().__init__(group)
        self._group = group
        group.buttonToggled.connect(self._on_group_button_toggled)
        self._on_group_button_toggled()

    @Slot()
    def _on_group_button_toggled(self, *_args) -> None:
        buttons = self._group.buttons()
        chosen = self._group.checkedButton() or (buttons[0] if buttons else None)
        for button in buttons:
            strong = button is chosen
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if strong else Qt.FocusPolicy.ClickFocus
            )


def one_tab_stop(group: QButtonGroup) -> None:
    """Tab enters a group of radio buttons on the chosen one, as in any desktop app; the
    arrows move between them. Qt sets this up only once a button has had the focus: the
    first Tab into Settings landed on the unchosen "From my own stem cells", where Space
    would have changed the transplant's kind."""
    _TabStop(group)


def install(*widgets: QWidget) -> None:
    """Once per process: the role factory. Done just after the first frame (QAccessible
    is slow to load); an interface a screen reader already asked for, for one of
    ``widgets``, is dropped so that the next question gets the role."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    accessible = _accessible()
    accessible.installFactory(_factory)
    if accessible.isActive():
        for widget in widgets:
            cached = accessible.queryAccessibleInterface(widget)
            if cached is not None and cached.role() != getattr(
                accessible.Role, getattr(type(widget), "accessible_role", ""), None
            ):
                accessible.deleteAccessibleInterface(accessible.uniqueId(cached))


class _RingKeeper(QObject):
    """Follows the application's focus with a ring. The ring is a child of the page it is
    drawn on, so it goes when that page goes; the keeper makes a new one when needed."""

    def __init__(self) -> None:
        super().__init__()
        self.ring: FocusRing | None = None

    def follow(self, old: QWidget | None, new: QWidget | None) -> None:
        import shiboken6

        if self.ring is None or not shiboken6.isValid(self.ring):
            self.ring = FocusRing()
        self.ring.follow(old, new)
        _ENTER.press_with_enter(new)


class _EnterPresses(QObject):
    """Enter presses the focused button in the window, as Space does: Qt presses a focused
    button with Enter only in dialogs, and a keyboard try-out found "Add an appointment…"
    deaf to it. Set on each button as it first gets the focus (not on the whole
    application: that would run for every event of every widget)."""

    def press_with_enter(self, widget: QWidget | None) -> None:
        from PySide6.QtWidgets import QDialog, QPushButton

        if (
            isinstance(widget, QPushButton)
            and not widget.property("tcEnterPresses")
            and not isinstance(widget.window(), QDialog)
        ):
            widget.setProperty("tcEnterPresses", True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtWidgets import QPushButton

        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
            and isinstance(watched, QPushButton)
            and watched.isEnabled()
        ):
            watched.animateClick()
            return True
        return False


_ENTER = _EnterPresses()


_KEEPER: list[_RingKeeper | None] = [None]


def install_focus_ring(app: QApplication | None = None) -> None:
    """Once per process: a ring follows the keyboard focus from now on."""
    if _KEEPER[0] is not None:
        return
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return
    keeper = _KEEPER[0] = _RingKeeper()
    app.focusChanged.connect(keeper.follow)
    focused = QApplication.focusWidget()
    if focused is not None:
        keeper.follow(None, focused)


def focus_ring() -> FocusRing | None:
    """The ring as it is now (None before the first window has been shown)."""
    return _KEEPER[0].ring if _KEEPER[0] is not None else None


# Colours of the ring: a dark outer ring and a yellow inner one (NHS digital service
# manual, "Focus state": #ffeb3b with #212b32). Dark shows on light backgrounds, yellow on
# dark ones: benchmarks/contrast.py measures both against the palettes.
RING_DARK = QColor("#0b0c0c")
RING_LIGHT = QColor("#ffdd00")


class FocusRing(QWidget):
    """A ring drawn around the widget that has the keyboard focus, outside its edges."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("focus-ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._widget: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()

    @property
    def target(self) -> QWidget | None:
        return self._widget

    def thickness(self) -> int:
        """The whole ring's width: 5 px at normal text size, more with larger text."""
        target = self._widget or self
        return max(5, round(target.fontMetrics().height() / 3.5))

    def follow(self, old: QWidget | None, new: QWidget | None) -> None:
        for watched in self._watched:
            with contextlib.suppress(RuntimeError):  # already deleted
                watched.removeEventFilter(self)
        self._watched = []
        self._widget = None
        if new is None or not self._suits(new):
            self.hide()
            return
        self._widget = new
        host = self._host(new)
        # Follow the widget, and every parent between it and the ring's host: a row that
        # moves in its layout moves the widget without the widget moving in its row.
        chain = new
        while chain is not None and chain is not host:
            chain.installEventFilter(self)
            self._watched.append(chain)
            chain = chain.parentWidget()
        if self.parentWidget() is not host:
            self.setParent(host)
        self._place()

    @staticmethod
    def _host(widget: QWidget) -> QWidget:
        """Where the ring lives: the page a widget scrolls with (so the ring is clipped with
        it), or else its window (so no neighbour cuts the ring off)."""
        parent = widget.parentWidget()
        while parent is not None and not parent.isWindow():
            above = parent.parentWidget()
            if above is not None and above.objectName() == "qt_scrollarea_viewport":
                return parent
            parent = above
        return parent or widget.window()

    @staticmethod
    def _suits(widget: QWidget) -> bool:
        if widget.isWindow() or widget.parentWidget() is None:
            return False
        if widget.window().windowFlags() & Qt.WindowType.Popup == Qt.WindowType.Popup:
            return False  # a combo's open list shows its own current item
        parent = widget.parentWidget()
        # A canvas wider than its scroll area (the timeline) draws its own focus.
        return not (
            parent is not None
            and isinstance(parent.parentWidget(), QAbstractScrollArea)
            and parent.objectName() == "qt_scrollarea_viewport"
            and widget.width() > parent.width()
        )

    def _place(self) -> None:
        widget = self._widget
        host = self.parentWidget()
        if widget is None or host is None or not widget.isVisible():
            self.hide()
            return
        margin = self.thickness()
        corner = widget.mapTo(host, QPoint(0, 0))
        area = QRect(corner, widget.size())
        self.setGeometry(area.adjusted(-margin, -margin, margin, margin))
        outer = QRegion(self.rect())
        inner = QRegion(self.rect().adjusted(margin, margin, -margin, -margin))
        self.setMask(outer.subtracted(inner))
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.FontChange,
        ):
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        width = self.thickness()
        outer = (width * 3 + 4) // 5  # 3 of 5 px dark, the rest yellow, inside it
        rect = QRect(self.rect())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RING_DARK)
        painter.drawRect(rect)
        painter.setBrush(RING_LIGHT)
        painter.drawRect(rect.adjusted(outer, outer, -outer, -outer))
        # The mask leaves only the ring; the widget itself shows through the middle.
        painter.end()


__all__ = [
    "Announcer",
    "FocusRing",
    "announce",
    "announcer",
    "focus_ring",
    "install",
    "install_focus_ring",
]
