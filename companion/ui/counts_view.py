"""Blood counts: the charts on the timeline's day axis, the results, and engraftment."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.domain.days import format_day
from companion.domain.labs import (
    CountUnit,
    HbUnit,
    LabError,
    LabResult,
    Product,
    Transfusion,
    count_text,
    hb_text,
    lab_result,
    parse_count,
    parse_hb,
    parse_percent,
)
from companion.domain.wording import engraftment_summary
from companion.drawing.charts import build_rows
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.ui.chart_canvas import CountsChartCanvas
from companion.ui.diary import Diary
from companion.ui.forms import from_qdate, from_qdatetime, save_cancel, to_qdate, to_qdatetime
from companion.ui.setup_dialog import ErrorLabel

_Index = QModelIndex | QPersistentModelIndex
LAB_COLUMNS = ("When", "Day", "ANC", "WBC", "Platelets", "Haemoglobin")


class LabTableModel(QAbstractTableModel):
    """The results, newest first."""

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._labs: list[LabResult] = []

    def load(self) -> None:
        self.beginResetModel()
        self._labs = self._service.labs()[::-1]
        self.endResetModel()

    def lab_at(self, row: int) -> LabResult:
        return self._labs[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LAB_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return LAB_COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        lab = self._labs[index.row()]
        column = index.column()
        unit, hb_unit = self._service.count_unit, self._service.hb_unit
        if column == 0:
            return f"{lab.at:%a %d %b %Y %H:%M}"
        if column == 1:
            return format_day(self._service.active.day_number(lab.day))
        if column == 2:
            return lab.anc_text(unit)
        if column == 3:
            pct = f", neutrophils {lab.neutrophil_percent:g} %" if lab.neutrophil_percent else ""
            return "" if lab.wbc is None else f"{count_text(lab.wbc, unit)}{pct}"
        if column == 4:
            return "" if lab.platelets is None else count_text(lab.platelets, unit)
        return "" if lab.hb is None else hb_text(lab.hb, hb_unit)


class CountsView(QWidget):
    """The charts (scrolling with the timeline) above, the results and buttons below.

    Signals:
        day_selected(int): a day clicked on a chart.
    """

    day_selected = Signal(int)

    def __init__(self, diary: Diary, timeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
        self._service = diary.service
        self._timeline = timeline
        self._loaded = False
        self.chart = CountsChartCanvas(timeline.canvas)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("counts-scroll")
        self.scroll.setWidget(self.chart)
        self.scroll.setWidgetResizable(False)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The charts scroll with the timeline: one day axis for both.
        timeline.scroll.horizontalScrollBar().valueChanged.connect(
            self.scroll.horizontalScrollBar().setValue
        )
        timeline.scroll.horizontalScrollBar().valueChanged.connect(self.chart.update)
        self.chart.day_selected.connect(self.day_selected)

        self.model = LabTableModel(diary, self)
        self.table = QTableView()
        self.table.setObjectName("lab-table")
        self.table.setAccessibleName("Blood count results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("engraftment-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton("Add blood counts…")
        self.transfusion_button = QPushButton("Add a transfusion…")
        self.team_button = QPushButton("My team told me my counts recovered…")
        self.delete_button = QPushButton("Delete result")
        for button in (
            self.add_button,
            self.transfusion_button,
            self.team_button,
            self.delete_button,
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.2))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.transfusion_button, self.team_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.scroll)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.transfusion_button.clicked.connect(self._on_transfusion_button_clicked)
        self.team_button.clicked.connect(self._on_team_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        diary.changed.connect(self._on_diary_changed)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        rows, recovery = build_rows(self._service)
        self.chart.set_rows(rows, recovery)
        self.scroll.setMinimumHeight(min(self.chart.height(), int(self.chart.row_height() * 2)))
        self.splitter.setSizes([self.chart.height() + 4, int(self.chart.row_height() * 1.5)])
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(
            ("Wed 28 May 2026 20:00 ", "Day +100 ", "0.50 ×10⁹/L (worked out: WBC 0.83 × 60 %) ")
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.scroll.horizontalScrollBar().setValue(
            self._timeline.scroll.horizontalScrollBar().value()
        )
        self.model.load()
        service = self._service
        self.summary.setText(
            engraftment_summary(
                service.active,
                service.labs(),
                service.transfusions(),
                service.counts_check_in_due(),
                service.today(),
            )
        )

    def axis_changed(self) -> None:
        """The timeline zoomed: follow it."""
        self.chart.sync_size()
        self.chart.update()

    def _on_diary_changed(self, changes: Changes) -> None:
        if not self._loaded:
            return
        if changes.touches("labs", "journey", "settings"):
            self.refresh()
            return
        changed = (*changes.entries_added, *changes.entries_updated, *changes.entries_removed)
        if any(entry.kind.value == "temperature" for entry in changed):
            rows, recovery = build_rows(self._service)
            self.chart.set_rows(rows, recovery)

    @Slot()
    def _on_add_button_clicked(self) -> None:
        LabDialog(self._diary, self).exec()

    @Slot()
    def _on_transfusion_button_clicked(self) -> None:
        TransfusionDialog(self._diary, self).exec()

    @Slot()
    def _on_team_button_clicked(self) -> None:
        TeamEngraftmentDialog(self._diary, self).exec()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            lab = self.model.lab_at(index.row())
            assert lab.id is not None
            self._service.delete_lab(lab.id)


def _unit_combo(name: str, units) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for unit in units:
        combo.addItem(getattr(unit, "label", unit.value), unit.value)
    return combo


class LabDialog(QDialog):
    """Type the counts as printed on the results, in the units printed there."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle("Add blood counts")
        self.when = QDateTimeEdit(to_qdatetime(self._service.now()))
        self.when.setDisplayFormat("dddd d MMMM yyyy  HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName("When the blood was taken")
        self.anc_edit = QLineEdit()
        self.anc_edit.setAccessibleName("ANC (neutrophils)")
        self.anc_unit = _unit_combo("ANC unit", CountUnit)
        self.wbc_edit = QLineEdit()
        self.wbc_edit.setAccessibleName("WBC (white cells)")
        self.wbc_unit = _unit_combo("WBC unit", CountUnit)
        self.percent_edit = QLineEdit()
        self.percent_edit.setAccessibleName("Neutrophils percent (segmented plus bands)")
        self.platelet_edit = QLineEdit()
        self.platelet_edit.setAccessibleName("Platelets")
        self.platelet_unit = _unit_combo("Platelet unit", CountUnit)
        self.hb_edit = QLineEdit()
        self.hb_edit.setAccessibleName("Haemoglobin")
        self.hb_unit = _unit_combo("Haemoglobin unit", HbUnit)
        for combo in (self.anc_unit, self.wbc_unit, self.platelet_unit):
            combo.setCurrentIndex(combo.findData(self._service.count_unit.value))
        self.hb_unit.setCurrentIndex(self.hb_unit.findData(self._service.hb_unit.value))
        self.error_label = ErrorLabel()
        form = QFormLayout()
        form.addRow("Blood taken on:", self.when)
        form.addRow("ANC (neutrophils):", _pair(self.anc_edit, self.anc_unit))
        form.addRow(
            QLabel(
                "No ANC on the results? Type the WBC and the neutrophil % "
                "(segmented + bands): the app works it out and marks it."
            )
        )
        form.addRow("WBC (white cells):", _pair(self.wbc_edit, self.wbc_unit))
        form.addRow("Neutrophils %:", self.percent_edit)
        form.addRow("Platelets:", _pair(self.platelet_edit, self.platelet_unit))
        form.addRow("Haemoglobin:", _pair(self.hb_edit, self.hb_unit))
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.saved: LabResult | None = None

    def result_entered(self) -> LabResult:
        at = from_qdatetime(self.when.dateTime())

        def count(edit: QLineEdit, combo: QComboBox, what: str) -> float | None:
            if not edit.text().strip():
                return None
            return parse_count(edit.text(), CountUnit(combo.currentData()), what)

        anc = count(self.anc_edit, self.anc_unit, "ANC")
        wbc = count(self.wbc_edit, self.wbc_unit, "WBC")
        percent = (
            parse_percent(self.percent_edit.text()) if self.percent_edit.text().strip() else None
        )
        platelets = count(self.platelet_edit, self.platelet_unit, "Platelets")
        hb = (
            parse_hb(self.hb_edit.text(), HbUnit(self.hb_unit.currentData()))
            if self.hb_edit.text().strip()
            else None
        )
        return lab_result(at, anc, wbc, percent, platelets, hb)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self.saved = self._service.add_lab(self.result_entered())
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


class TransfusionDialog(QDialog):
    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle("Add a transfusion")
        self.on_edit = QDateEdit(to_qdate(self._service.today()))
        self.on_edit.setCalendarPopup(True)
        self.on_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.on_edit.setAccessibleName("Date of the transfusion")
        self.platelets_radio = QRadioButton("Platelets")
        self.red_radio = QRadioButton("Red cells (blood)")
        group = QButtonGroup(self)
        group.addButton(self.platelets_radio)
        group.addButton(self.red_radio)
        self.platelets_radio.setChecked(True)
        self.error_label = ErrorLabel()
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        form = QFormLayout(self)
        form.addRow("Date:", self.on_edit)
        form.addRow("What:", self.platelets_radio)
        form.addRow("", self.red_radio)
        form.addRow(self.error_label)
        form.addRow(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        product = Product.PLATELETS if self.platelets_radio.isChecked() else Product.RED_CELLS
        try:
            self._service.add_transfusion(Transfusion(from_qdate(self.on_edit.date()), product))
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


class TeamEngraftmentDialog(QDialog):
    """'My team told me my counts recovered' on a date. It takes precedence over the counts."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle("My team told me my counts recovered")
        transplant = self._service.active
        start = (
            transplant.neutrophil_recovery
            if transplant.recovery_source == "team" and transplant.neutrophil_recovery
            else self._service.today()
        )
        self.on_edit = QDateEdit(to_qdate(start))
        self.on_edit.setCalendarPopup(True)
        self.on_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.on_edit.setAccessibleName("The date your team gave")
        self.clear_check = QCheckBox("Remove the date my team gave (use my counts instead)")
        self.error_label = ErrorLabel()
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Your team decides when your counts have recovered "
                "(engraftment). The date they give is shown instead of the "
                "one worked out from your counts."
            )
        )
        form = QFormLayout()
        form.addRow("Recovered on:", self.on_edit)
        form.addRow("", self.clear_check)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        on: date | None = None if self.clear_check.isChecked() else from_qdate(self.on_edit.date())
        try:
            self._service.set_team_engraftment(on)
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


def _pair(edit: QWidget, combo: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(combo)
    return box
