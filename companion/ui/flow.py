"""Layouts that fit a narrow window: a row that wraps like words (Qt's "flow layout"
example), and a pair of columns that stack when there is no room side by side."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget

from companion.ui import typography


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the row is full."""

    def __init__(self, parent: QWidget | None = None, spacing_lines: float = 0.5) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))
        typography.spacing(self, spacing_lines)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        gap = self.spacing()
        row: list[tuple[QLayoutItem, QSize]] = []

        def place_row() -> None:
            # Items in a row share its height and sit on its middle line.
            for item, hint in row:
                if move:
                    offset = (row_height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(item._x, y + offset), hint))  # type: ignore[attr-defined]

        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if hint.width() > area.width():
                hint.setWidth(max(item.minimumSize().width(), area.width()))
            if item.hasHeightForWidth():
                hint.setHeight(item.heightForWidth(hint.width()))
            if x > area.x() and x + hint.width() > area.right() + 1:
                place_row()
                row = []
                x = area.x()
                y += row_height + gap
                row_height = 0
            item._x = x  # type: ignore[attr-defined]
            row.append((item, hint))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        place_row()
        return y + row_height - rect.y() + margins.bottom()


class Columns(QWidget):
    """Two or more parts side by side when there is room (``wide`` lines of text wide, or
    more), one under the other when there is not."""

    def __init__(self, wide: float = 44.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wide = wide
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        typography.spacing(self.box, 0.8)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def add(self, widget: QWidget, stretch: int = 1) -> QWidget:
        self.box.addWidget(widget, stretch)
        return widget

    def _parts(self) -> list[QWidget]:
        parts = []
        for index in range(self.box.count()):
            widget = self.box.itemAt(index).widget()
            if widget is not None and not widget.isHidden():
                parts.append(widget)
        return parts

    def resizeEvent(self, event) -> None:
        # Side by side only where there is room for each part's own minimum, too.
        parts = self._parts()
        needed = sum(part.minimumSizeHint().width() for part in parts)
        needed += self.box.spacing() * max(0, len(parts) - 1)
        wide = event.size().width() >= max(typography.line() * self._wide, needed)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        # Stacked, the minimum width is the widest part's, not their sum: the layout must
        # not hold the window wider than that (its own constraint is off, see __init__).
        width = max((part.minimumSizeHint().width() for part in self._parts()), default=0)
        return QSize(width, self.box.minimumSize().height())
