"""The selected phase's checklist: tick items (saved at once), hide them, add the team's own."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from companion.domain.checklist import TEAM_ITEMS, ChecklistError, ChecklistItem, ItemState
from companion.domain.journey import Phase
from companion.i18n import _, ngettext, pgettext
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.ui import access, typography
from companion.ui.dates import date_in_words
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.phases import PhaseChooser
from companion.ui.text import tooltip

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 2
WHY_ROLE = Qt.ItemDataRole.UserRole + 3
TICKED_AT_ROLE = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


class ChecklistModel(QAbstractListModel):
    """All items of one phase's checklist with their saved state; writes go to the diary."""

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._phase: Phase | None = None
        self._items: list[ChecklistItem] = []
        self._states: dict[str, ItemState] = {}

    @property
    def phase(self) -> Phase | None:
        return self._phase

    def load(self, phase: Phase) -> None:
        self.beginResetModel()
        self._phase = phase
        self._items = list(self._service.checklists.get(phase).items)
        self._states = self._service.checklists.states(phase)
        self.endResetModel()

    def reload_states(self) -> None:
        """Saved state changed elsewhere (hide, add): refresh every row's data."""
        if self._phase is None:
            return
        items = list(self._service.checklists.get(self._phase).items)
        if len(items) != len(self._items):
            self.load(self._phase)
            return
        self._states = self._service.checklists.states(self._phase)
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def _state(self, item: ChecklistItem) -> ItemState:
        return self._states.get(item.key, ItemState())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        state = self._state(item)
        if role == Qt.ItemDataRole.DisplayRole:
            hidden = "  " + _("(hidden)") if state.hidden else ""
            daily = "  " + _("(every day: a tick lasts until midnight)") if item.daily else ""
            why = f"\n{item.why}" if item.why else ""
            return f"{item.text}{daily}{hidden}{why}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if state.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.text]
            if item.why:
                lines.append(_("Why: {why}").format(why=item.why))
            if item.source:
                lines.append(_("Source: {source}").format(source=item.source))
            if state.ticked_at is not None:
                lines.append(_("Ticked {date}").format(date=date_in_words(state.ticked_at.date())))
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = item.text.rstrip(".")  # "…shivery." + ". Done." read "shivery.. Done."
            if item.daily:
                if state.ticked:
                    return _("{item}. Done today (an every-day item).").format(item=text)
                return _("{item}. Not done today (an every-day item).").format(item=text)
            if state.ticked:
                return _("{item}. Done.").format(item=text)
            return _("{item}. Not done.").format(item=text)
        if role == KEY_ROLE:
            return item.key
        if role == HIDDEN_ROLE:
            return state.hidden
        if role == WHY_ROLE:
            return item.why
        if role == TICKED_AT_ROLE:
            return state.ticked_at
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self._phase is None:
            return False
        item = self._items[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        self._service.checklists.set_ticked(
            self._phase, item.key, ticked
        )  # the change reloads the row
        return True


class HiddenFilterModel(QSortFilterProxyModel):
    """Leaves hidden items out unless the user asks to see them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._show_hidden = False

    def set_show_hidden(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_hidden = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if self._show_hidden:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return not index.data(HIDDEN_ROLE)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text really is: Qt's own estimate forgets the (enlarged)
    tick box, and the last line of a long item was cut short. The text's width is the one
    the style paints it in (the item's padding, the tick box and its spacing, the text's
    margins taken off): a guess of it was a word too wide at 200 % text under X11's fonts,
    and a Spanish item lost its last line ("…que no …")."""

    def sizeHint(self, option, index) -> QSize:
        view = self.parent()
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        width = max(80, view.viewport().width() - 2 * view.spacing())
        tall = 100_000
        item.rect = QRect(0, 0, width, tall)
        style = view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        metrics = QFontMetrics(item.font)
        wrapped = metrics.boundingRect(
            QRect(0, 0, max(40, text_rect.width() - 2 * margin), tall),
            int(Qt.TextFlag.TextWordWrap),
            text,
        )
        around = tall - text_rect.height()  # the item's padding above and below its text
        content = max(wrapped.height(), view.indicator_size())
        return QSize(width, content + around + 4)


class ChecklistView(QListView):
    """The list, as tall as all its items: the page scrolls, not a box inside it. Its tick
    boxes are as large as a line of text, and follow the text size."""

    def indicator_size(self) -> int:
        return int(self.fontMetrics().height() * 1.3)

    def style_indicators(self) -> None:
        box = self.indicator_size()
        pad = max(4, self.fontMetrics().height() // 4)
        self.setStyleSheet(
            f"QListView#checklist::indicator {{ width: {box}px; height: {box}px; }}"
            f"QListView#checklist::item {{ padding: {pad}px; }}"
        )
        self.setSpacing(pad)

    def fit_height(self) -> None:
        model = self.model()
        if model is None:
            return
        total = 2 * self.frameWidth() + 2 * self.spacing()
        for row in range(model.rowCount()):
            total += self.sizeHintForRow(row) + 2 * self.spacing()
        total = max(total, self.fontMetrics().height() * 3)
        if self.height() != total:
            self.setFixedHeight(total)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()
            self.fit_height()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.style_indicators()
            self.fit_height()

    def wheelEvent(self, event) -> None:
        event.ignore()  # nothing to scroll inside: the page scrolls

    def currentChanged(self, current, previous) -> None:
        """↑ ↓ move through the items: the page scrolls to keep the current one in view."""
        super().currentChanged(current, previous)
        if not current.isValid():
            return
        page = self.parentWidget()
        while page is not None and not isinstance(page, QScrollArea):
            page = page.parentWidget()
        if page is None or page.widget() is None:
            return
        rect = self.visualRect(current)
        spot = self.viewport().mapTo(page.widget(), rect.center())
        page.ensureVisible(spot.x(), spot.y(), 10, rect.height() // 2 + 10)


class ChecklistPanel(QWidget):
    """The Checklists page: choose a phase, tick its items (saved at once; a daily item is
    ticked for today only), hide what does not apply, add the team's own items, print.

    Signals:
        print_requested(str): the user pressed "Print checklist…" (the phase id).
    """

    print_requested = Signal(str)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.model = ChecklistModel(diary, self)
        self.proxy = HiddenFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.chooser = PhaseChooser(_("Show the checklist for"))
        self.chooser.chosen.connect(self._on_chooser_chosen)
        self.title = typography.heading(QLabel(), 2)
        self.title.setObjectName("checklist-title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)

        self.view = ChecklistView()
        self.view.setObjectName("checklist")
        self.view.setAccessibleName(_("Checklist for the selected phase"))
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when resized
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)  # never cut an item short
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setToolTip(_("Space ticks or unticks the selected item. It is saved at once."))
        self.view.setItemDelegate(WrappingDelegate(self.view))
        self.view.style_indicators()

        self.hide_button = QPushButton(_("Hide this item"))
        self.hide_button.setAccessibleName(_("Hide or show the selected item"))
        self.show_hidden_check = typography.role(
            QCheckBox(_("Show hidden items")), min_lines=2, indicator=True
        )
        self.show_hidden_check.setAccessibleName(_("Show hidden items"))
        self.new_item_edit = QLineEdit()
        self.new_item_edit.setPlaceholderText(_("Add your team's own item…"))
        self.new_item_edit.setAccessibleName(_("New checklist item"))
        new_item_label = QLabel(_("Your team's own item:"))
        new_item_label.setBuddy(self.new_item_edit)
        self.add_button = QPushButton(pgettext("checklist item", "Add"))
        self.add_button.setAccessibleName(_("Add the new item"))
        self.print_button = QPushButton(_("Print checklist…"))
        self.print_button.setAccessibleName(_("Print checklist"))
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("checklist-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        for button in (self.hide_button, self.add_button, self.print_button):
            typography.role(button, min_lines=2.2)
        typography.role(self.new_item_edit, min_lines=2.2, min_chars=16)

        row = FlowLayout(spacing_lines=0.5)
        row.addWidget(self.hide_button)
        row.addWidget(self.show_hidden_check)
        row.addWidget(self.print_button)
        add_row = QHBoxLayout()
        typography.spacing(add_row, 0.4)
        add_row.addWidget(self.new_item_edit, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.6, margins=0.8)
        heading = typography.heading(QLabel(_("Checklists")), 1)
        layout.addWidget(heading)
        layout.addWidget(self.chooser)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(new_item_label)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addStretch(1)

        self.hide_button.clicked.connect(self._on_hide_button_clicked)
        self.show_hidden_check.toggled.connect(self._on_show_hidden_check_toggled)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.new_item_edit.returnPressed.connect(self._on_add_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        diary.changed.connect(self._on_diary_changed)
        self._enabled = False
        self._pending: Phase | None = None

    def enable(self) -> None:
        """Load the checklists (deferred until the window has first painted)."""
        if not self._enabled:
            self._enabled = True
            if self._pending is not None:
                self.show_phase(self._pending)

    def show_phase(self, phase: Phase) -> None:
        self._pending = phase
        self.chooser.choose(phase)
        if not self._enabled:
            return
        if phase is not self.model.phase:
            self.model.load(phase)
            self.message.hide()
        self._update_title()
        self._update_hide_button()
        self.view.fit_height()

    @Slot(str)
    def _on_chooser_chosen(self, phase_id: str) -> None:
        self.show_phase(Phase(phase_id))

    def _update_title(self) -> None:
        phase = self.model.phase
        if phase is None:
            return
        done, total = self._service.checklists.progress(phase)
        self.title.setText(
            ngettext(
                "Checklist: {phase} — {done} of {total} done",
                "Checklist: {phase} — {done} of {total} done",
                total,
            ).format(phase=_(phase.title), done=done, total=total)
        )
        self.title.setAccessibleName(self.title.text())

    def _selected(self) -> QModelIndex:
        return self.proxy.mapToSource(self.view.currentIndex())

    def _update_hide_button(self) -> None:
        index = self._selected()
        hidden = bool(index.data(HIDDEN_ROLE)) if index.isValid() else False
        self.hide_button.setText(_("Show this item again") if hidden else _("Hide this item"))
        self.hide_button.setEnabled(index.isValid())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        access.announce(self.message, text, assertive=text.startswith("⚠"))

    @Slot()
    def _on_hide_button_clicked(self) -> None:
        index = self._selected()
        phase = self.model.phase
        if not index.isValid() or phase is None:
            return
        hidden = not index.data(HIDDEN_ROLE)
        self._service.checklists.set_hidden(phase, index.data(KEY_ROLE), hidden)
        if hidden:
            self._say(_("Hidden. Tick “Show hidden items” to see it again."))

    @Slot(bool)
    def _on_show_hidden_check_toggled(self, show: bool) -> None:
        self.proxy.set_show_hidden(show)
        self._update_hide_button()
        self.view.fit_height()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        phase = self.model.phase
        if phase is None:
            return
        try:
            self._service.checklists.add_item(phase, self.new_item_edit.text())
        except (ChecklistError, WriteError) as error:
            self._say(f"⚠ {error}")
            self.new_item_edit.setFocus()
            return
        self.new_item_edit.clear()
        self._say(
            _("Added to this phase's checklist, under “{heading}”.").format(heading=_(TEAM_ITEMS))
        )

    @Slot()
    def _on_print_button_clicked(self) -> None:
        if self.model.phase is not None:
            self.print_requested.emit(self.model.phase.value)

    @Slot()
    def _on_view_current_changed(self) -> None:
        self._update_hide_button()

    def _on_diary_changed(self, changes: Changes) -> None:
        phase = self.model.phase
        if phase is None:
            return
        if phase.value in changes.checklist or changes.touches("journey"):
            self.model.reload_states()
            self.proxy.set_show_hidden(self.show_hidden_check.isChecked())
            self._update_title()
            self._update_hide_button()
            self.view.fit_height()
