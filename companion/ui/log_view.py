"""The diary log: a table of entries, filterable by kind, dates and severity."""

from __future__ import annotations

import bisect
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.domain.days import app_strftime
from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.wording import describe_entry, plural
from companion.service.changes import Changes
from companion.ui import access, theme, typography
from companion.ui.dates import DateField
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.forms import from_qdate, guard_wheel, to_qdate
from companion.ui.table_model import RowsModel
from companion.ui.text import tooltip

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 10
COLUMNS = ("When", "What", "Details", "How bad", "Note")
_Index = QModelIndex | QPersistentModelIndex


def _key(entry: Entry) -> tuple[float, int]:
    """Sorts newest first (and, at the same minute, the later-saved first)."""
    return (-entry.at.timestamp(), -(entry.id or 0))


class EntryTableModel(RowsModel):
    """All entries, newest first, kept in step with the diary's signals.

    The model keeps its rows in display order, so the view needs no sorting proxy: sorting
    20,000 rows through Python ``data()`` calls would take a second.
    """

    HEADERS = COLUMNS

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._entries: list[Entry] = []
        self._keys: list[tuple[float, int]] = []
        self._vocabulary = self._service.vocabulary
        self._unit = self._service.temperature_unit
        diary.changed.connect(self._on_diary_changed)

    def load(self) -> None:
        self.beginResetModel()
        self._entries = self._service.entries()[::-1]
        self._keys = [_key(e) for e in self._entries]
        self.endResetModel()

    def entry_at(self, row: int) -> Entry:
        return self._entries[row]

    def rows(self) -> list:
        return self._entries

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return app_strftime(entry.at, "%a %d %b %Y  %H:%M")
            if column == 1:
                return entry.kind.title
            if column == 2:
                return describe_entry(entry, self._vocabulary, self._unit)
            if column == 3:
                return "" if entry.severity is None else SEVERITIES[entry.severity].capitalize()
            return entry.note.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and entry.note:
            return tooltip(entry.note)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:  # in full, when it is cut short
            return tooltip(describe_entry(entry, self._vocabulary, self._unit))
        if role == ENTRY_ROLE:
            return entry
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def _insert(self, entry: Entry) -> None:
        row = bisect.bisect_right(self._keys, _key(entry))
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._keys.insert(row, _key(entry))
        self.endInsertRows()

    def _row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), None)

    def _remove(self, entry_id: int) -> None:
        row = self._row_of(entry_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[row]
        del self._keys[row]
        self.endRemoveRows()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.everything:
            self.load()
            return
        for entry in changes.entries_removed:
            self._remove(entry.id or 0)
        for entry in changes.entries_updated:
            self._remove(entry.id or 0)
            self._insert(entry)
        for entry in changes.entries_added:
            self._insert(entry)
        if changes.settings:  # the temperature unit may have changed
            self._unit = self._service.temperature_unit
            if self._entries:
                self.dataChanged.emit(self.index(0, 2), self.index(len(self._entries) - 1, 2))


class EntryFilterModel(QSortFilterProxyModel):
    """Filters by kind, a date range (inclusive, local dates) and a lowest severity."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kind: EntryKind | None = None
        self._first: date | None = None
        self._last: date | None = None
        self._min_severity = 0
        self.setDynamicSortFilter(False)  # the source is already in order

    def set_filter(
        self,
        kind: EntryKind | None = None,
        first: date | None = None,
        last: date | None = None,
        min_severity: int = 0,
    ) -> None:
        self.beginFilterChange()
        self._kind, self._first, self._last = kind, first, last
        self._min_severity = min_severity
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return bool(self._kind or self._first or self._last or self._min_severity)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        entry: Entry = self.sourceModel().entry_at(row)
        if self._kind is None and self._first is None and not self._min_severity:
            return True
        if self._kind is not None and entry.kind is not self._kind:
            return False
        day = entry.at.date()
        if self._first is not None and day < self._first:
            return False
        if self._last is not None and day > self._last:
            return False
        if self._min_severity:
            return entry.severity is not None and entry.severity >= self._min_severity
        return True


class LogView(QWidget):
    """Filters above, the table, and buttons to add, edit, delete and export.

    Signals:
        add_requested: "Add…" pressed.
        edit_requested(object): "Edit…" pressed or a row double-clicked (the Entry).
        delete_requested(object): "Delete" pressed (the Entry).
        export_requested: "Export…" pressed.
        undo_requested: "Undo" pressed on the message after a delete.
    """

    add_requested = Signal()
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    export_requested = Signal()
    undo_requested = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
        self._service = diary.service
        self._loaded = False
        self.model: EntryTableModel | None = None
        self.proxy = EntryFilterModel(self)

        self.kind_combo = guard_wheel(typography.role(QComboBox(), min_lines=2))
        self.kind_combo.setAccessibleName("Show kind")
        self.kind_combo.addItem("Everything", None)
        for kind in EntryKind:
            self.kind_combo.addItem(kind.title, kind.value)
        self.all_dates = typography.role(QCheckBox("All dates"), min_lines=2, indicator=True)
        self.all_dates.setChecked(True)
        today = self._service.today
        self.first_edit = typography.role(DateField(today(), today=today), min_lines=2)
        self.first_edit.setAccessibleName("From date")
        self.last_edit = typography.role(DateField(today(), today=today), min_lines=2)
        self.last_edit.setAccessibleName("To date")
        for edit in (self.first_edit, self.last_edit):
            edit.setEnabled(False)
        self.severity_combo = guard_wheel(typography.role(QComboBox(), min_lines=2))
        self.severity_combo.setAccessibleName("How bad, at least")
        self.severity_combo.addItem("Any", 0)
        for level in range(1, len(SEVERITIES)):
            self.severity_combo.addItem(f"{SEVERITIES[level].capitalize()} or worse", level)

        self.table = QTableView()
        self.table.setObjectName("log-table")
        self.table.setAccessibleName("Diary log")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(False)  # newest first, always
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # As wide as the page, never wider: the details and the note share what is left (a
        # long one is shortened with "…", in full in its tooltip and to a screen reader).
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._on_table_double_clicked)

        self.add_button = QPushButton("Add…")
        theme.make_primary(self.add_button)
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.export_button = QPushButton("Export CSV…")
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
        self.add_button.setAccessibleName("Add to the diary")
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("log-count")
        self.message = QLabel()
        self.message.setObjectName("log-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = typography.role(QPushButton("Undo"), min_lines=2.2)
        self.undo_button.setAccessibleName("Undo the delete")
        self.undo_button.clicked.connect(self.undo_requested)
        message_row = QHBoxLayout()
        typography.spacing(message_row, 0.6)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        self._message_row = message_row
        self.message.hide()
        self.undo_button.hide()

        filters = FlowLayout(spacing_lines=0.5)
        filters.addWidget(_labelled("Show:", self.kind_combo))
        filters.addWidget(self.all_dates)
        filters.addWidget(_labelled("from", self.first_edit))
        filters.addWidget(_labelled("to", self.last_edit))
        filters.addWidget(_labelled("How bad, at least:", self.severity_combo))
        buttons = FlowLayout(spacing_lines=0.5)
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.6, margins=0.8)
        title = typography.heading(QLabel("Diary log"), 1)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(message_row)
        layout.addLayout(buttons)
        self.table.setMinimumHeight(typography.line() * 10)

        self.kind_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.severity_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.all_dates.toggled.connect(self._on_filter_changed)
        self.first_edit.date_changed.connect(self._on_filter_changed)
        self.last_edit.date_changed.connect(self._on_filter_changed)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.export_button.clicked.connect(self.export_requested)

    def ensure_loaded(self) -> None:
        """Read the log the first time it is needed (not before the window shows)."""
        if self._loaded:
            return
        self._loaded = True
        self.model = EntryTableModel(self._diary, self)
        self.model.load()
        self.proxy.setSourceModel(self.model)
        self._size_columns()
        # The proxy removes its row before the source model has (Qt tells the proxy first),
        # so the total is counted again once the source has changed too: "Showing 5 of 6"
        # after deleting one of six was that.
        for model in (self.proxy, self.model):
            model.rowsInserted.connect(self._update_count)
            model.rowsRemoved.connect(self._update_count)
            model.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        widest = {
            0: metrics.horizontalAdvance("Wed 28 May 2026  20:00 "),
            1: max(metrics.horizontalAdvance(f"{kind.title} ") for kind in EntryKind),
            3: max(metrics.horizontalAdvance(f"{word.capitalize()} ") for word in SEVERITIES),
        }
        for column, width in widest.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_columns()
            self.table.setMinimumHeight(typography.line() * 10)

    def show_day(self, day: date) -> None:
        """Filter the log to one day (the day selected on the timeline)."""
        self.ensure_loaded()
        self.all_dates.setChecked(False)
        self.first_edit.setDate(to_qdate(day))
        self.last_edit.setDate(to_qdate(day))

    def selected_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def say_deleted(self, entry: Entry) -> None:
        """After a delete: what went, and that Undo brings it back (and a button for it)."""
        text = (
            f"Deleted: {entry.kind.title.lower()} of {app_strftime(entry.at, '%d %b %H:%M')}. "
            "Undo (Ctrl+Z) brings it back."
        )
        self.message.setText(text)
        self.message.show()
        self.undo_button.show()
        access.announce(self.message, text)

    def say_restored(self) -> None:
        self.message.setText("Brought back.")
        self.undo_button.hide()
        access.announce(self.message, "Brought back.")

    @Slot()
    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.rowCount() if self.model else 0
        if self.proxy.is_filtering():
            self.count_label.setText(f"Showing {shown} of {total} entries")
        else:
            self.count_label.setText(f"All {plural(total, 'entry', 'entries')}")

    @Slot()
    def _on_filter_changed(self) -> None:
        dated = not self.all_dates.isChecked()
        self.first_edit.setEnabled(dated)
        self.last_edit.setEnabled(dated)
        kind = self.kind_combo.currentData()
        self.proxy.set_filter(
            EntryKind(kind) if kind else None,
            from_qdate(self.first_edit.date()) if dated else None,
            from_qdate(self.last_edit.date()) if dated else None,
            self.severity_combo.currentData(),
        )
        self._update_count()

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.kind is not EntryKind.CONTACTED:
            self.edit_requested.emit(entry)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None and entry.kind is not EntryKind.CONTACTED:
            self.edit_requested.emit(entry)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.delete_requested.emit(entry)


def _labelled(text: str, field: QWidget) -> QWidget:
    """A label and its field, kept together when the row wraps; the label is the field's
    buddy, so a screen reader names the field by it (not by the value it shows)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    typography.spacing(row, 0.3)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return box
