"""The diary log: a table of entries, filterable by kind, dates and severity."""

from __future__ import annotations

import bisect
from datetime import date, datetime

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
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

from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.log_filter import LogFilter
from companion.domain.wording import describe_entry, severity_word
from companion.i18n import N_, _, ngettext, pgettext
from companion.service.changes import Changes
from companion.ui import access, theme, typography
from companion.ui.dates import DateField, compact_moment, day_and_month, diary_day0, short_moment
from companion.ui.diary import Diary
from companion.ui.entry_dialog import kind_title, severity_name
from companion.ui.flow import FlowLayout
from companion.ui.forms import from_qdate, guard_wheel, to_qdate
from companion.ui.table_model import RowsModel
from companion.ui.text import tooltip

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 10
COLUMNS = (N_("When"), N_("What"), N_("Details"), N_("How bad"), N_("Note"))
WHEN, WHAT, DETAILS, HOW_BAD, NOTE = range(len(COLUMNS))
# A row grows to show its wrapped text up to this many lines; longer text ends in "…" and is
# in full in the tooltip and to a screen reader.
MOST_LINES = 4
_Index = QModelIndex | QPersistentModelIndex


# Moments whose words are long in some language (for the When column's width).
_SAMPLES = [datetime(2026, 9, 30, 20, 0), datetime(2026, 12, 30, 20, 0), datetime(2026, 2, 25, 20)]


def _key(entry: Entry) -> tuple[float, int]:
    """Sorts newest first (and, at the same second, the later-saved first), as SQLite does
    for the page (``ORDER BY at_utc DESC, id DESC``)."""
    return (-entry.at.timestamp(), -(entry.id or 0))


class EntryTableModel(RowsModel):
    """The diary log, newest first, filtered and fetched by SQLite a batch at a time.

    The service runs the filter and the order in SQL along the diary's indexes
    (``service.log.page``); the view asks for more rows only as it scrolls down
    (``canFetchMore``/``fetchMore``). Opening the page or changing a filter costs one query
    for the first rows and one count, whether the diary holds 1,000 entries or 100,000.
    An entry added, edited or deleted is placed (or taken out) where it belongs among the
    rows fetched, without asking SQLite again.
    """

    HEADERS = COLUMNS
    BATCH = 256

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._entries: list[Entry] = []
        self._keys: list[tuple[float, int]] = []
        self._filter = LogFilter()
        self._complete = True  # every row the filter accepts is fetched
        self.total: int | None = None  # entries in the log (None: not counted yet)
        self.matching = 0  # of those, the ones the filter accepts
        self._few = False
        self._vocabulary = self._service.settings.vocabulary
        self._unit = self._service.settings.temperature_unit
        self._compact = False  # the When column without weekday and year (narrow window)
        self._notes_in_details = False  # the Note column hidden (a very narrow window)
        self._severity_in_details = False  # the How bad column hidden (narrower still)
        self._words: dict[Entry, str] = {}  # plain_details, for these words and unit
        self._words_for: tuple = (None, None)
        self._moments: dict[tuple, str] = {}  # the When cells' words, by moment
        diary.changed.connect(self._on_diary_changed)

    def set_compact_dates(self, compact: bool) -> None:
        """Show "1 Jun  08:00" rather than "Mon 01 Jun 2026  08:00" (the date in full stays
        in the tooltip and for a screen reader), where the window is narrow."""
        if compact != self._compact:
            self._compact = compact
            if self._entries:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(len(self._entries) - 1, 0),
                    [Qt.ItemDataRole.DisplayRole],
                )

    def set_folded(self, notes: bool, severity: bool) -> None:
        """The note (``notes``) and how bad (``severity``) shown with the details while
        their columns are hidden (a narrow window or a large text size), so that what the
        patient wrote is still on screen, not only in a tooltip."""
        if (notes, severity) != (self._notes_in_details, self._severity_in_details):
            self._notes_in_details, self._severity_in_details = notes, severity
            if self._entries:
                self.dataChanged.emit(
                    self.index(0, DETAILS), self.index(len(self._entries) - 1, DETAILS)
                )

    @property
    def wording(self) -> tuple:
        """What the rows' words depend on besides their entries: the note and how bad shown
        with the details or not, the dates in full or not, the temperature unit."""
        return self._notes_in_details, self._severity_in_details, self._compact, self._unit

    def plain_details(self, entry: Entry) -> str:
        """The entry in words, in the user's units (remembered for the rows asked about:
        a table asks for a cell many times over, each paint and each measure of a row)."""
        vocabulary, unit = self._words_for
        if vocabulary is not self._vocabulary or unit != self._unit:
            self._words_for, self._words = (self._vocabulary, self._unit), {}
        found = self._words.get(entry)
        if found is None:
            if len(self._words) >= 4096:  # a long scroll: start again
                self._words.clear()
            found = self._words[entry] = describe_entry(entry, self._vocabulary, self._unit)
        return found

    def _moment(self, at, compact: bool) -> str:
        """The When cell's words (remembered, as the details are)."""
        key = (at, compact)
        found = self._moments.get(key)
        if found is None:
            if len(self._moments) >= 4096:
                self._moments.clear()
            found = self._moments[key] = compact_moment(at) if compact else short_moment(at)
        return found

    def details_text(self, entry: Entry, with_note: bool = True) -> str:
        """The Details cell as shown: the entry in words, with how bad and the note where
        their columns are hidden."""
        details = self.plain_details(entry)
        if self._severity_in_details and entry.severity is not None:
            # Translators: a diary entry in words and how bad it was: "Tiredness (mild)".
            details = _("{details} ({severity})").format(
                details=details, severity=severity_word(entry.severity)
            )
        if with_note and self._notes_in_details and entry.note:
            details = _("{details}. Note: {note}").format(
                details=details, note=entry.note.replace("\n", " ")
            )
        return details

    @property
    def log_filter(self) -> LogFilter:
        return self._filter

    def load(self, wanted: LogFilter | None = None) -> None:
        """Show the first rows ``wanted`` (default: the filter in force) accepts."""
        if wanted is not None:
            self._filter = wanted
        if wanted is None or self.total is None:  # a filter alone leaves the total as it is
            self.total = self._service.log.count()
        self.matching = (
            self._service.log.count(self._filter) if self._filter.is_filtering else self.total
        )
        self._few = self.matching * 20 < self.total  # under 5 %: see service.log.page
        self.beginResetModel()
        self._entries = self._service.log.page(self._filter, None, self.BATCH, self._few)
        self._keys = [_key(e) for e in self._entries]
        self._complete = len(self._entries) < self.BATCH
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._complete:
            return
        after = self._entries[-1] if self._entries else None
        more = self._service.log.page(self._filter, after, self.BATCH, self._few)
        self._complete = len(more) < self.BATCH
        if not more:
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._entries.extend(more)
        self._keys.extend(_key(e) for e in more)
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Every row the filter accepts (for a test, or a caller that needs them all)."""
        while self.canFetchMore():
            self.fetchMore()

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
            if column == WHEN:
                return self._moment(entry.at, self._compact and role == Qt.ItemDataRole.DisplayRole)
            if column == WHAT:
                return kind_title(entry.kind)
            if column == DETAILS:
                return self.details_text(entry)
            if column == HOW_BAD:
                return "" if entry.severity is None else severity_name(entry.severity)
            return entry.note.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and entry.note:
            return tooltip(entry.note)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:  # in full, if cut short
            details = self.details_text(entry, with_note=False)
            if entry.note:
                details += "\n" + _("Note: {note}").format(note=entry.note)
            return tooltip(details)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHEN:
            return self._moment(entry.at, False)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHAT:
            return kind_title(entry.kind)
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
        self.total += 1
        if not self._filter.accepts(entry):
            return
        self.matching += 1
        row = bisect.bisect_right(self._keys, _key(entry))
        if row == len(self._entries) and not self._complete:
            return  # beyond the rows fetched: it comes with the next batch
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._keys.insert(row, _key(entry))
        self.endInsertRows()

    def _row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), None)

    def _remove(self, entry: Entry) -> None:
        self.total -= 1
        if not self._filter.accepts(entry):
            return
        self.matching -= 1
        row = self._row_of(entry.id or 0)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[row]
        del self._keys[row]
        self.endRemoveRows()

    def _on_diary_changed(self, changes: Changes) -> None:
        if self.total is None:
            return  # not loaded yet: the first load reads it all
        if changes.everything:
            self.total = None
            self.load()
            return
        for entry in changes.entries_removed:
            self._remove(entry)
        recount = False
        for entry in changes.entries_updated:
            row = self._row_of(entry.id or 0)
            if row is not None:  # as it was shown, so the counts follow it out
                self._remove(self._entries[row])
            else:  # not fetched: whether it matched before is SQLite's to say
                self.total -= 1
                recount = self._filter.is_filtering
            self._insert(entry)
        for entry in changes.entries_added:
            self._insert(entry)
        if recount:
            self.matching = self._service.log.count(self._filter)
        if changes.settings:  # the temperature unit may have changed
            self._unit = self._service.settings.temperature_unit
            if self._entries:
                self.dataChanged.emit(self.index(0, 2), self.index(len(self._entries) - 1, 2))


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
        # One model, filtered in SQL; "proxy" is the name the view's model has always had.
        self.model = self.proxy = EntryTableModel(diary, self)

        self.kind_combo = guard_wheel(typography.role(QComboBox(), min_lines=2))
        self.kind_combo.setAccessibleName(_("Show kind"))
        self.kind_combo.addItem(pgettext("kinds to show", "Everything"), None)
        for kind in EntryKind:
            self.kind_combo.addItem(kind_title(kind), kind.value)
        self.all_dates = typography.role(QCheckBox(_("All dates")), min_lines=2, indicator=True)
        self.all_dates.setChecked(True)
        today = self._service.today
        day0 = diary_day0(self._service)
        self.first_edit = typography.role(DateField(today(), today=today, day0=day0), min_lines=2)
        self.first_edit.setAccessibleName(_("From date"))
        self.last_edit = typography.role(DateField(today(), today=today, day0=day0), min_lines=2)
        self.last_edit.setAccessibleName(_("To date"))
        for edit in (self.first_edit, self.last_edit):
            edit.setEnabled(False)
        self.severity_combo = guard_wheel(typography.role(QComboBox(), min_lines=2))
        self.severity_combo.setAccessibleName(_("How bad, at least"))
        self.severity_combo.addItem(pgettext("how bad", "Any"), 0)
        for level in range(1, len(SEVERITIES)):
            self.severity_combo.addItem(or_worse(level), level)

        self.table = QTableView()
        self.table.setObjectName("log-table")
        self.table.setAccessibleName(_("Diary log"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(False)  # newest first, always
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setAlternatingRowColors(True)
        # As wide as the page, never wider: what does not fit on one line wraps, and the
        # rows on screen grow to show it (up to MOST_LINES lines; longer text ends in "…",
        # in full in its tooltip and to a screen reader).
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        self._measured_for: tuple = ()
        self._heights: dict[Entry, int] = {}  # rows measured for that layout, by entry
        self._bottom_rows = -1  # scrolled to the bottom with this many rows (-1: not there)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scroll_bar_value_changed)
        self.table.verticalScrollBar().rangeChanged.connect(self._on_scroll_bar_range_changed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        # The viewport, not the table: a vertical scroll bar that comes or goes changes the
        # room for the columns without resizing the table.
        self.table.viewport().installEventFilter(self)

        self.add_button = QPushButton(_("Add…"))
        theme.make_primary(self.add_button)
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.export_button = QPushButton(_("Export CSV…"))
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
        self.add_button.setAccessibleName(_("Add to the diary"))
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("log-count")
        self.message = QLabel()
        self.message.setObjectName("log-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = typography.role(QPushButton(_("Undo")), min_lines=2.2)
        self.undo_button.setAccessibleName(_("Undo the delete"))
        self.undo_button.clicked.connect(self.undo_requested)
        message_row = QHBoxLayout()
        typography.spacing(message_row, 0.6)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        self._message_row = message_row
        self.message.hide()
        self.undo_button.hide()

        filters = FlowLayout(spacing_lines=0.5)
        filters.addWidget(_labelled(_("Show:"), self.kind_combo))
        filters.addWidget(self.all_dates)
        filters.addWidget(_labelled(pgettext("dates", "from"), self.first_edit))
        filters.addWidget(_labelled(pgettext("dates", "to"), self.last_edit))
        filters.addWidget(_labelled(_("How bad, at least:"), self.severity_combo))
        buttons = FlowLayout(spacing_lines=0.5)
        for button in (self.add_button, self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.6, margins=0.8)
        title = typography.heading(QLabel(_("Diary log")), 1)
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
        self.model.load(self._chosen_filter())
        self._size_columns()
        for signal in (
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.dataChanged,
            self.model.layoutChanged,
        ):
            signal.connect(self._rows_to_fit)
        self.model.modelReset.connect(self._size_columns)  # other rows in view: measure again
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self._diary.changed.connect(self._on_diary_changed)
        self._update_count()

    def _rows_in_view(self) -> range:
        """The rows on screen now (before the first paint: as many as would fit)."""
        count = self.model.rowCount()
        first = max(0, self.table.rowAt(0))
        height = max(self.table.viewport().height(), typography.line() * 10)
        line = max(1, self.table.verticalHeader().defaultSectionSize())
        return range(first, min(count, first + height // line + 1))

    def _size_columns(self) -> None:
        """Share the table's width so that the details show whole.

        When, What and How bad are as wide as their words (and headings) need; the note
        column as its heading where no note is in view. The details get the rest, and where
        a detail in view needs more, things give way in this order: the dates drop their
        weekday and year, What keeps only its longest word's width, then the note and then
        how bad are shown inside the details (their columns hidden). What is still longer
        wraps: the rows on screen grow to show it (``_fit_rows``). Only the rows in view
        are measured, never the whole log.
        """
        metrics = self.table.fontMetrics()
        heading_metrics = self.table.horizontalHeader().fontMetrics()
        header = self.table.horizontalHeader()
        model = self.model
        pad = 16  # a cell's margins and a little air

        def wide(texts) -> int:
            return max((metrics.horizontalAdvance(text) for text in texts), default=0) + pad

        def heading(column: int) -> int:  # a heading is never cut short
            return heading_metrics.horizontalAdvance(_(COLUMNS[column])) + pad + 8

        rows = [model.entry_at(row) for row in self._rows_in_view()]
        kinds = {kind_title(entry.kind) for entry in rows}
        full_when = max(wide(short_moment(sample) for sample in _SAMPLES), heading(WHEN))
        compact_when = max(wide(compact_moment(sample) for sample in _SAMPLES), heading(WHEN))
        what_whole = max(wide(kinds), heading(WHAT))
        what_words = max(wide(word for kind in kinds for word in kind.split()), heading(WHAT))
        bad = max(wide(severity_name(level) for level in range(len(SEVERITIES))), heading(HOW_BAD))
        note_least = heading(NOTE)
        note_whole = max(wide(entry.note.replace("\n", " ") for entry in rows if entry.note), 0)
        details_whole = max(wide(model.plain_details(entry) for entry in rows), heading(DETAILS))
        room = self.table.viewport().width()
        # The details want their longest text in view; short of that, never less than
        # 40 % of the table (the rest then wraps onto a second line).
        wanted = min(details_whole, int(room * 0.4))

        when, what, fold_note, fold_bad = full_when, what_whole, False, False

        def left() -> int:
            return room - when - what - (0 if fold_bad else bad) - (0 if fold_note else note_least)

        if left() < details_whole:
            when = compact_when
        if left() < wanted:
            what = min(what, max(what_words, left() + what - wanted))
        if left() < wanted:
            fold_note = True
        if left() < wanted:
            fold_bad = True
        self.model.set_compact_dates(when == compact_when)
        model.set_folded(fold_note, fold_bad)
        if fold_note:
            details = left()
            note = 0
        else:  # what is spare goes to the notes in view first, then to the details
            spare = max(0, left() - details_whole)
            note = note_least + min(spare, max(0, note_whole - note_least))
            details = left() - (note - note_least)
        self.table.setColumnHidden(NOTE, fold_note)
        self.table.setColumnHidden(HOW_BAD, fold_bad)
        # The last section shown stretches to the edge, but never below the width it had when
        # stretching was turned on: off while the widths are set, then on again.
        header.setStretchLastSection(False)
        for column, width in enumerate((when, what, details, bad, note)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, max(width, header.minimumSectionSize()))
        header.setStretchLastSection(True)
        self._rows_to_fit()

    def _rows_to_fit(self) -> None:
        """Fit the rows on screen once the event loop is back (many changes, one pass)."""
        self._fit_timer.start()

    @Slot()
    def _fit_rows(self) -> None:
        """The rows on screen as tall as their wrapped text (up to MOST_LINES lines). Only
        these: the table scrolls a row at a time, so a row out of view is measured when it
        comes into view."""
        table, model = self.table, self.model
        count = model.rowCount()
        row = table.rowAt(0)
        if row < 0:
            return
        line = table.fontMetrics().lineSpacing()
        one_line = table.verticalHeader().defaultSectionSize()
        tallest = one_line + line * (MOST_LINES - 1)
        # A row measured once keeps its height while the columns, the font and the row's
        # entry stay as they were (scrolling back, a new entry above it).
        layout = (
            table.font().key(),
            one_line,
            model.wording,
            tuple(0 if table.isColumnHidden(c) else table.columnWidth(c) for c in range(5)),
        )
        if layout != self._measured_for:
            self._measured_for, self._heights = layout, {}
        bottom = table.viewport().height()
        y = table.rowViewportPosition(row)
        while row < count and y < bottom:
            entry = model.entry_at(row)
            height = self._heights.get(entry)
            if height is None:
                height = min(max(table.sizeHintForRow(row), one_line), tallest)
                self._heights[entry] = height
            if table.rowHeight(row) != height:
                table.setRowHeight(row, height)
            y += height
            row += 1

    @Slot(int)
    def _on_scroll_bar_value_changed(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        at_bottom = 0 < bar.maximum() == value
        self._bottom_rows = self.model.rowCount() if at_bottom else -1
        self._rows_to_fit()

    @Slot(int, int)
    def _on_scroll_bar_range_changed(self, _low: int, high: int) -> None:
        # Scrolled to the bottom, the last rows grew when measured: they stay in view. Not
        # when rows came in (a batch fetched at the bottom): that is for the user to scroll.
        bar = self.table.verticalScrollBar()
        if self._bottom_rows == self.model.rowCount() and high > bar.value():
            bar.setValue(high)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self._loaded:
            self._size_columns()  # the columns follow the window's width
        return super().eventFilter(watched, event)

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
        text = _("Deleted: {what} of {day} {time}. Undo (Ctrl+Z) brings it back.").format(
            what=kind_title(entry.kind).lower(),
            day=day_and_month(entry.at),
            time=f"{entry.at:%H:%M}",
        )
        self.message.setText(text)
        self.message.show()
        self.undo_button.show()
        self._deleted_id = entry.id
        # Nothing chosen after a delete, and the focus on Undo: a second Space (or Enter)
        # brings it back instead of deleting the next row without a word.
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)
        access.announce(self.message, text)

    def say_restored(self) -> None:
        self._deleted_id = None
        self.message.setText(_("Brought back."))
        self.undo_button.hide()
        access.announce(self.message, _("Brought back."))

    @Slot()
    def _update_count(self) -> None:
        shown, total = self.model.matching, self.model.total
        if self.model.log_filter.is_filtering:
            self.count_label.setText(
                ngettext(
                    "Showing {shown} of {total} entry", "Showing {shown} of {total} entries", total
                ).format(shown=shown, total=total)
            )
        else:
            self.count_label.setText(
                ngettext("All {count} entry", "All {count} entries", total).format(count=total)
            )

    def _on_diary_changed(self, changes: Changes) -> None:
        self._update_count()  # an entry outside the rows fetched still counts
        deleted = getattr(self, "_deleted_id", None)
        if deleted is not None and any(e.id == deleted for e in changes.entries_added):
            # Back by Edit → Undo (or Ctrl+Z): the message must not go on saying "Deleted".
            self._deleted_id = None
            self.say_restored()

    def _chosen_filter(self) -> LogFilter:
        dated = not self.all_dates.isChecked()
        kind = self.kind_combo.currentData()
        return LogFilter(
            EntryKind(kind) if kind else None,
            from_qdate(self.first_edit.date()) if dated else None,
            from_qdate(self.last_edit.date()) if dated else None,
            self.severity_combo.currentData() or 0,
        )

    @Slot()
    def _on_filter_changed(self) -> None:
        dated = not self.all_dates.isChecked()
        self.first_edit.setEnabled(dated)
        self.last_edit.setEnabled(dated)
        wanted = self._chosen_filter()
        if self._loaded and wanted != self.model.log_filter:
            self.model.load(wanted)
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


def or_worse(level: int) -> str:
    """ "Moderate or worse": the severity filter's choice for ``level``."""
    return _("{severity} or worse").format(severity=severity_name(level))


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
