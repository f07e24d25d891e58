"""A label and a push button whose words wrap onto more lines where their row is too narrow
(Qt's form labels and buttons never wrap: at 200 % text they made pages wider than the
window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget


class WrapButton(QPushButton):
    """A QPushButton never wraps its text: at 200 % text a long one ("More: infection signs,
    weight, rash, notes… (Ctrl+E)") made the Today page wider than the window, and the
    page's right edge was cut. Here the words sit in a wrapping label inside the button;
    the button is as narrow as its longest word allows and grows a line taller instead.
    ``text()`` gives the words, as for any button; set an accessible name."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = QLabel(self)
        self._label.setObjectName("wrap-button-text")
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setForegroundRole(QPalette.ColorRole.ButtonText)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)  # a button's Fixed keeps one line
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text)

    def setText(self, text: str) -> None:  # Qt's spelling
        self._label.setText(text)
        self.updateGeometry()

    def text(self) -> str:  # Qt's spelling
        return self._label.text()

    def _margin(self) -> QSize:
        """What the style puts around a button's text (frame and padding)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = "x"
        inner = QSize(200, 20)
        outer = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, inner, self
        )
        return QSize(max(0, outer.width() - 200), max(0, outer.height() - 20))

    def sizeHint(self) -> QSize:
        metrics = self._label.fontMetrics()
        one_line = QSize(metrics.horizontalAdvance(self.text()) + 2, metrics.height())
        return (one_line + self._margin()).expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:
        metrics = self._label.fontMetrics()
        widest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        # The height of one line, as a wrapping label gives: the layout asks heightForWidth.
        return QSize(widest + 2 + self._margin().width(), self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margin = self._margin()
        text = self._label.heightForWidth(max(1, width - margin.width()))
        return max(text + margin.height(), self.minimumHeight())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        self._label.setGeometry(
            self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        )


class WrapLabel(QLabel):
    """A label on one line where there is room, its words wrapping where there is not: for a
    form's labels. A QFormLayout gives a label its size hint's width, even past the page's
    edge, and a QLabel that wraps words guesses a narrow hint (short labels wrapped for no
    reason). Here the hint is one line, never wider than the page the label is on; narrower,
    the words wrap and the hint is as tall as they need. Plain text; ``buddy``: the field it
    names (for a screen reader and its mnemonic)."""

    def __init__(self, text: str = "", buddy: QWidget | None = None) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)
        if buddy is not None:
            self.setBuddy(buddy)
        self._room = -1

    def _frame(self) -> QSize:
        margins = self.contentsMargins()
        extra = 2 * self.margin()
        return QSize(
            margins.left() + margins.right() + extra, margins.top() + margins.bottom() + extra
        )

    def _page_room(self) -> int:
        """The width of the page the label is on, inside its margins (-1: not known yet)."""
        page = self.parentWidget()
        if page is None or page.width() <= 0:
            return -1
        room = page.contentsRect().width()
        if page.layout() is not None:
            margins = page.layout().contentsMargins()
            room -= margins.left() + margins.right()
        return room

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.text()) + 1 + self._frame().width()
        room = self._page_room()
        if room > 0:
            width = max(self.minimumSizeHint().width(), min(width, room))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(word) for word in self.text().split()), default=0)
        return QSize(widest + 1, metrics.height()) + self._frame()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.parentWidget().installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:
        # The page's width changed: the hint may too (the form asks again).
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            room = self._page_room()
            if room != self._room:
                self._room = room
                self.updateGeometry()
        return super().eventFilter(watched, event)
