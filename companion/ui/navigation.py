"""Moving between the window's pages: the list on the left, the Go menu and Ctrl+1…9, and
the stack that holds each page once it is built (on first use, from ``page_builders``)."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QStyle, QWidget

from companion.i18n import _
from companion.ui import typography
from companion.ui.page_builders import BUILDERS, PageContext
from companion.ui.pages import PAGES
from companion.ui.scrolling import ScrollPage


class NavList(QListWidget):
    """The page list on the left: ↑ ↓ change the page at once; as wide as its longest name
    needs, at most about 16 letters' widths (longer names wrap)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName(_("Pages"))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        # Lay the names out again when the room changes (a scroll bar appears on a short
        # screen): by default the list keeps the widths it first gave them, and elides.
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(max(2, typography.line() // 5))

    def _width(self) -> int:
        """Room for the longest name (wrapped past about 16 letters, never inside a word),
        and for the scroll bar a short screen gives the list. A name within a few pixels of
        the room gets the room to fit: the list measures a row's height and paints its text
        with widths a fraction of a pixel apart, and "Recuentos sanguíneos" was measured as
        one line and painted as "Recuentos …" (at 150 % and 200 % on a 1024×600 screen)."""
        metrics = QFontMetricsF(self.font())
        names = [self.item(i).text() for i in range(self.count())]
        widths = [metrics.horizontalAdvance(name) for name in names]
        word = max((metrics.horizontalAdvance(w) for n in names for w in n.split()), default=0)
        cap = max(metrics.horizontalAdvance("0") * 16, word)
        style = self.style()
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        text_margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        chrome = 2 * self.frameWidth() + bar + 2 * self.spacing() + 2 * text_margin
        width = min(max(widths, default=0), cap) + metrics.height() * 2 + bar
        room = width - chrome
        close = [w for w in widths if abs(w - room) < 4]
        if close:
            width += max(close) - room + 4
        return math.ceil(width)

    def fit_width(self) -> None:
        self.setFixedWidth(self._width())

    def sizeHint(self) -> QSize:
        return QSize(self._width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(), typography.line() * 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.setSpacing(max(2, typography.line() // 5))
            self.fit_width()


class PageStack(QStackedWidget):
    """The pages, one shown at a time; only the shown page's least size holds the window
    up. (A QStackedWidget asks for the largest least size of every page it holds: once
    Settings was built, every page, and the window with an alert card, kept its height;
    issue 23.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._on_current_changed)

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    @Slot(int)
    def _on_current_changed(self, _index: int) -> None:
        self.updateGeometry()


class Navigation(QObject):
    """The pages of one window: which exist, which are built, which one shows.

    Signals:
        page_shown(str): a page was shown (its key).
    """

    page_shown = Signal(str)

    def __init__(self, context: PageContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.list = NavList()
        self.stack = PageStack()
        self.stack.setObjectName("pages")
        self.pages: dict[str, QWidget] = {}
        self._index: dict[str, int] = {}
        for spec in self.specs():
            item = QListWidgetItem(spec.name)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spec.name)
            self.list.addItem(item)
        self.list.fit_width()

    @staticmethod
    def specs():
        """The pages in this build, in the list's order."""
        return [spec for spec in PAGES if spec.key in BUILDERS]

    def connect_list(self) -> None:
        """Choosing in the list shows the page (connected once the first page shows)."""
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)

    def built(self, key: str) -> QWidget | None:
        """Page ``key``'s content if it was built, else None (nothing is built)."""
        return self.pages.get(key)

    def page(self, key: str) -> QWidget:
        """The page ``key``'s content, built the first time it is asked for."""
        if key not in self.pages:
            builder = BUILDERS.get(key)
            if builder is None:
                raise KeyError(key)
            content = builder(self._context)
            holder = content if getattr(content, "scrolls_itself", False) else ScrollPage(content)
            self.pages[key] = content
            self._index[key] = self.stack.addWidget(holder)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        """Build (if need be) and show page ``key``; select it in the list."""
        content = self.page(key)
        self.stack.setCurrentIndex(self._index[key])
        for row in range(self.list.count()):
            item_key = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if item_key == key and self.list.currentRow() != row:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
        self.page_shown.emit(key)
        return content

    def current_page(self) -> str:
        index = self.stack.currentIndex()
        return next((k for k, i in self._index.items() if i == index), "today")

    def go_to(self, key: str) -> None:
        """Go menu and Ctrl+1…9: show the page, with the focus on its first control."""
        self.show_page(key)
        holder = self.stack.currentWidget()
        widget = holder.nextInFocusChain()
        while widget is not None and widget is not holder:
            if (
                holder.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def make_actions(self, parent: QObject) -> dict[str, QAction]:
        """The Go menu's actions, one per page with its keys (Ctrl+1…9), by ``page:<key>``."""
        actions = {}
        for spec in self.specs():
            action = QAction(spec.name, parent)
            action.setObjectName(f"action-page-{spec.key}")
            action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            action.triggered.connect(lambda _checked=False, key=spec.key: self.go_to(key))
            actions[f"page:{spec.key}"] = action
        return actions

    @Slot(int)
    def _on_list_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.show_page(self.list.item(row).data(Qt.ItemDataRole.UserRole))
