"""Blood counts: the charts on the timeline's day axis, the results, and engraftment."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion import i18n
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
from companion.i18n import N_, _, format_day_number, format_number
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.ui import access, theme, typography
from companion.ui.chart_canvas import ChartAxis, CountsChartCanvas
from companion.ui.confirm import ConfirmDialog
from companion.ui.dates import (
    DateField,
    DateTimeField,
    diary_day0,
    first_problem,
    short_date,
    short_moment,
)
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.forms import KeepsWhatIsTyped, guard_wheel, save_cancel, scrolling_dialog
from companion.ui.setup_dialog import ErrorLabel
from companion.ui.table_model import RowsModel
from companion.ui.text import plain_label
from companion.ui.zoom_buttons import add_zoom_buttons

_Index = QModelIndex | QPersistentModelIndex
LAB_COLUMNS = (N_("When"), N_("Day"), N_("ANC"), N_("WBC"), N_("Platelets"), N_("Haemoglobin"))


class LabTableModel(RowsModel):
    """The results, newest first."""

    HEADERS = LAB_COLUMNS

    def __init__(self, diary: Diary, parent=None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._labs: list[LabResult] = []

    def load(self) -> None:
        self.beginResetModel()
        self._labs = self._service.labs.all()[::-1]
        self.endResetModel()

    def lab_at(self, row: int) -> LabResult:
        return self._labs[row]

    def rows(self) -> list:
        return self._labs

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        lab = self._labs[index.row()]
        column = index.column()
        unit, hb_unit = self._service.settings.count_unit, self._service.settings.hb_unit
        if column == 0:
            return short_moment(lab.at)
        if column == 1:
            return format_day_number(self._service.transplants.active.day_number(lab.day))
        if column == 2:
            if lab.anc is None or not lab.anc_computed or role == Qt.ItemDataRole.ToolTipRole:
                return lab.anc_text(unit)
            # Short in the table (the WBC and % are in the next column); whole in its tip.
            # The whole sentence made the column most of the width at 200 % text.
            return _("{count} (worked out)").format(count=count_text(lab.anc, unit))
        if column == 3:
            if lab.wbc is None:
                return ""
            if not lab.neutrophil_percent:
                return count_text(lab.wbc, unit)
            return _("{count}, neutrophils {percent} %").format(
                count=count_text(lab.wbc, unit), percent=format_number(lab.neutrophil_percent)
            )
        if column == 4:
            return "" if lab.platelets is None else count_text(lab.platelets, unit)
        return "" if lab.hb is None else hb_text(lab.hb, hb_unit)


class ChartScroll(QScrollArea):
    """The charts' horizontal scroller: the charts fill its height; Tab out of the charts
    does not scroll them (Qt would bring the whole wide canvas into view)."""

    def __init__(self, chart: CountsChartCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart = chart
        self.setObjectName("counts-scroll")
        self.setWidget(chart)
        self.setWidgetResizable(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def minimumSizeHint(self) -> QSize:
        bar = self.horizontalScrollBar().sizeHint().height()
        return QSize(typography.line() * 10, self._chart.min_height() + bar + 2 * self.frameWidth())

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._chart.set_room(self.viewport().height())


class CountsView(QWidget):
    """The charts, on a day axis of their own, then the engraftment summary, the results
    table and the buttons. The charts take the height the window gives.

    Signals:
        day_selected(int): a day selected on the charts.
    """

    day_selected = Signal(int)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
        self._service = diary.service
        self._loaded = False
        self.axis = ChartAxis(self._service, self)
        self.chart = CountsChartCanvas(self.axis)
        self.scroll = ChartScroll(self.chart)
        self.chart.day_selected.connect(self._on_chart_day_selected)

        zoom = add_zoom_buttons(self, "charts")

        self.model = LabTableModel(diary, self)
        self.model.modelReset.connect(self._size_columns)
        self.table = QTableView()
        self.table.setObjectName("lab-table")
        self.table.setAccessibleName(_("Blood count results"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("engraftment-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(_("Add blood counts…"))
        theme.make_primary(self.add_button)
        self.transfusion_button = QPushButton(_("Add a transfusion…"))
        self.team_button = QPushButton(_("My team told me my counts recovered…"))
        self.delete_button = QPushButton(_("Delete result"))
        self.delete_transfusion_button = QPushButton(_("Delete a transfusion…"))
        for button in (
            self.add_button,
            self.transfusion_button,
            self.team_button,
            self.delete_button,
            self.delete_transfusion_button,
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            typography.role(button, min_lines=2.2)
        buttons = FlowLayout(spacing_lines=0.5)
        for button in (
            self.add_button,
            self.transfusion_button,
            self.team_button,
            self.delete_button,
            self.delete_transfusion_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.6, margins=0.8)
        title = typography.heading(plain_label(_("Blood counts and temperature")), 1)
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addLayout(zoom)
        layout.addWidget(self.scroll, 3)
        layout.addWidget(self.summary)
        table_title = typography.heading(plain_label(_("Your results, newest first")), 2)
        layout.addWidget(table_title)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        self.table.setMinimumHeight(typography.line() * 8)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.transfusion_button.clicked.connect(self._on_transfusion_button_clicked)
        self.team_button.clicked.connect(self._on_team_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.delete_transfusion_button.clicked.connect(self._on_delete_transfusion_button_clicked)
        diary.changed.connect(self._on_diary_changed)
        self._fit_pending = True

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        self.axis.refresh()
        rows, recovery = build_rows(self._service)
        self.chart.set_rows(rows, recovery)
        self.model.load()  # the columns fit what it holds (modelReset)
        service = self._service
        self.summary.setText(
            engraftment_summary(
                service.transplants.active,
                service.labs.all(),
                service.labs.transfusions(),
                service.labs.counts_check_in_due(),
                service.today(),
                service.settings.count_unit,
            )
        )

    @Slot()
    def _size_columns(self) -> None:
        """Each column as wide as what it holds (its heading too), in this language and
        unit: a column sized for a worked-out ANC the diary did not have was most of the
        width at 200 %, while the platelet and haemoglobin columns kept Qt's 100 pixels
        and were cut ("35 ×…", "eucocit")."""
        metrics = self.table.fontMetrics()
        model = self.model
        rows = min(model.rowCount(), 200)  # the newest: enough to see every kind of value
        for column in range(model.columnCount()):
            heading = model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = metrics.horizontalAdvance(heading) + 8
            for row in range(rows):
                text = model.data(model.index(row, column)) or ""
                width = max(width, metrics.horizontalAdvance(f"{text} "))
            self.table.setColumnWidth(column, width + 16)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_columns()
            self.table.setMinimumHeight(typography.line() * 8)
            self.scroll.updateGeometry()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            self.fit_days(
                self.axis.axis.first_day, self._service.settings.numbers.close_care_days + 5
            )
            self.scroll_to_day(self.axis.selected_day)

    # The day axis --------------------------------------------------------------------------

    def fit_days(self, first: int, last: int) -> None:
        """Zoom so days ``first`` to ``last`` fill the visible width, and show them."""
        width = max(200, self.scroll.viewport().width() - 16)
        self.axis.set_px_per_day(width / max(1, last - first + 1))
        self.scroll.horizontalScrollBar().setValue(int(self.axis.axis.x_of(first)))

    def scroll_to_day(self, day: int) -> None:
        x = int(self.axis.axis.center_of(day))
        margin = min(200, self.scroll.viewport().width() // 3)
        self.scroll.ensureVisible(x, 0, margin, 0)

    def select_day(self, day: int) -> None:
        """Select ``day`` on the charts (a day chosen here or on the timeline)."""
        self.axis.select(day)
        self.scroll_to_day(self.axis.selected_day)

    def _zoom(self, factor: float) -> None:
        self.axis.set_px_per_day(self.axis.px_per_day * factor)
        self.scroll_to_day(self.axis.selected_day)

    @Slot()
    def _on_today_button_clicked(self) -> None:
        self._on_chart_day_selected(self.axis.today_day)
        self.chart.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_fit_button_clicked(self) -> None:
        self.fit_days(self.axis.axis.first_day, self._service.settings.numbers.close_care_days + 5)

    @Slot()
    def _on_year_button_clicked(self) -> None:
        self.fit_days(self.axis.axis.first_day, 370)

    @Slot()
    def _on_zoom_in_button_clicked(self) -> None:
        self._zoom(1.5)

    @Slot()
    def _on_zoom_out_button_clicked(self) -> None:
        self._zoom(1 / 1.5)

    @Slot(int)
    def _on_chart_day_selected(self, day: int) -> None:
        self.select_day(day)
        self.day_selected.emit(self.axis.selected_day)

    def axis_changed(self) -> None:
        """Kept for callers of the old shared axis: the charts follow their own."""
        self.chart.sync_size()

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
            if not ConfirmDialog.ask(
                self,
                _("Delete blood counts"),
                _("Delete the results of {date} {time}? Edit → Undo brings them back.").format(
                    date=short_date(lab.at.date()), time=f"{lab.at:%H:%M}"
                ),
                _("Delete"),
            ):
                return
            self._service.labs.delete(lab.id)
            access.announce(self, _("Result deleted. Edit, Undo brings it back."))

    @Slot()
    def _on_delete_transfusion_button_clicked(self) -> None:
        given = list(reversed(self._service.labs.transfusions()))
        if not given:
            access.announce(self, _("No transfusion is recorded."))
            return
        labels = [
            _("{product}, {date}").format(
                product=_("Platelets") if t.product is Product.PLATELETS else _("Red cells"),
                date=i18n.format_date(t.on, "dd MMM y"),
            )
            for t in given
        ]
        index = CountsSeams.choose_transfusion(self, labels)
        if index is None:
            return
        assert given[index].id is not None
        self._service.labs.delete_transfusion(given[index].id)
        access.announce(self, _("Transfusion deleted. Edit, Undo brings it back."))


class CountsSeams:
    """The blocking question the counts page asks, behind a seam tests replace."""

    @staticmethod
    def choose_transfusion(parent: QWidget, choices: list[str]) -> int | None:
        """The index of the transfusion to delete in ``choices`` (newest first), or None."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getItem(
            parent, _("Delete a transfusion"), _("Which transfusion?"), choices, 0, False
        )
        return choices.index(text) if ok else None


def product_name(product: Product) -> str:
    """ "Platelets", "Red cells (blood)": what was given, in the app's language."""
    if product is Product.PLATELETS:
        return _("Platelets")
    return _("Red cells (blood)")


def _unit_combo(name: str, units) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for unit in units:
        combo.addItem(getattr(unit, "label", unit.value), unit.value)
    return combo


class LabDialog(KeepsWhatIsTyped, QDialog):
    """Type the counts as printed on the results, in the units printed there."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle(_("Add blood counts"))
        self.when = DateTimeField(
            self._service.now(), today=self._service.today, day0=diary_day0(self._service)
        )
        self.when.setAccessibleName(_("When the blood was taken"))
        self.anc_edit = QLineEdit()
        self.anc_edit.setAccessibleName(_("ANC (neutrophils)"))
        self.anc_unit = _unit_combo(_("ANC unit"), CountUnit)
        self.wbc_edit = QLineEdit()
        self.wbc_edit.setAccessibleName(_("WBC (white cells)"))
        self.wbc_unit = _unit_combo(_("WBC unit"), CountUnit)
        self.percent_edit = QLineEdit()
        self.percent_edit.setAccessibleName(_("Neutrophils percent (segmented plus bands)"))
        self.platelet_edit = QLineEdit()
        self.platelet_edit.setAccessibleName(_("Platelets"))
        self.platelet_unit = _unit_combo(_("Platelet unit"), CountUnit)
        self.hb_edit = QLineEdit()
        self.hb_edit.setAccessibleName(_("Haemoglobin"))
        self.hb_unit = _unit_combo(_("Haemoglobin unit"), HbUnit)
        for combo in (self.anc_unit, self.wbc_unit, self.platelet_unit):
            combo.setCurrentIndex(combo.findData(self._service.settings.count_unit.value))
        self.hb_unit.setCurrentIndex(self.hb_unit.findData(self._service.settings.hb_unit.value))
        self.error_label = ErrorLabel()
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Blood taken on:"), self.when)
        form.addRow(_("ANC (neutrophils):"), _pair(self.anc_edit, self.anc_unit))
        hint = QLabel(
            _(
                "No ANC on the results? Type the WBC and the neutrophil % "
                "(segmented + bands): the app works it out and marks it."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(_("WBC (white cells):"), _pair(self.wbc_edit, self.wbc_unit))
        form.addRow(_("Neutrophils %:"), self.percent_edit)
        form.addRow(_("Platelets:"), _pair(self.platelet_edit, self.platelet_unit))
        form.addRow(_("Haemoglobin:"), _pair(self.hb_edit, self.hb_unit))
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        scrolling_dialog(self, body, [self.error_label, buttons])
        self.saved: LabResult | None = None

    def result_entered(self) -> LabResult:
        problem = first_problem(self.when)
        if problem:
            raise LabError(problem)
        at = self.when.value()

        def count(edit: QLineEdit, combo: QComboBox, what: str) -> float | None:
            if not edit.text().strip():
                return None
            return parse_count(edit.text(), CountUnit(combo.currentData()), what)

        anc = count(self.anc_edit, self.anc_unit, _("ANC"))
        wbc = count(self.wbc_edit, self.wbc_unit, _("WBC"))
        percent = (
            parse_percent(self.percent_edit.text()) if self.percent_edit.text().strip() else None
        )
        platelets = count(self.platelet_edit, self.platelet_unit, _("Platelets"))
        hb = (
            parse_hb(self.hb_edit.text(), HbUnit(self.hb_unit.currentData()))
            if self.hb_edit.text().strip()
            else None
        )
        return lab_result(at, anc, wbc, percent, platelets, hb)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self.saved = self._service.labs.add(self.result_entered()).value
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


class TransfusionDialog(QDialog):
    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle(_("Add a transfusion"))
        self.on_edit = DateField(
            self._service.today(), today=self._service.today, day0=diary_day0(self._service)
        )
        self.on_edit.setAccessibleName(_("Date of the transfusion"))
        self.platelets_radio = typography.role(
            QRadioButton(product_name(Product.PLATELETS)), indicator=True
        )
        self.red_radio = typography.role(
            QRadioButton(product_name(Product.RED_CELLS)), indicator=True
        )
        group = QButtonGroup(self)
        group.addButton(self.platelets_radio)
        group.addButton(self.red_radio)
        self.platelets_radio.setChecked(True)
        access.one_tab_stop(group)
        self.error_label = ErrorLabel()
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        form = QFormLayout(self)
        form.addRow(_("Date:"), self.on_edit)
        form.addRow(_("What:"), self.platelets_radio)
        form.addRow("", self.red_radio)
        form.addRow(self.error_label)
        form.addRow(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        product = Product.PLATELETS if self.platelets_radio.isChecked() else Product.RED_CELLS
        problem = first_problem(self.on_edit)
        if problem:
            self.error_label.show_problem(problem)
            return
        try:
            self._service.labs.add_transfusion(Transfusion(self.on_edit.value(), product))
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


class TeamEngraftmentDialog(QDialog):
    """'My team told me my counts recovered' on a date. It takes precedence over the counts."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setWindowTitle(_("My team told me my counts recovered"))
        transplant = self._service.transplants.active
        start = (
            transplant.neutrophil_recovery
            if transplant.recovery_source == "team" and transplant.neutrophil_recovery
            else self._service.today()
        )
        self.on_edit = DateField(start, today=self._service.today, day0=diary_day0(self._service))
        self.on_edit.setAccessibleName(_("The date your team gave"))
        self.clear_check = typography.role(
            QCheckBox(_("Remove the date my team gave (use my counts instead)")), indicator=True
        )
        self.error_label = ErrorLabel()
        buttons, self.save_button = save_cancel(self, self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _wrapping(
                _(
                    "Your team decides when your counts have recovered "
                    "(engraftment). The date they give is shown instead of the "
                    "one worked out from your counts."
                )
            )
        )
        form = QFormLayout()
        form.addRow(_("Recovered on:"), self.on_edit)
        form.addRow("", self.clear_check)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        problem = None if self.clear_check.isChecked() else first_problem(self.on_edit)
        if problem:
            self.error_label.show_problem(problem)
            return
        on: date | None = None if self.clear_check.isChecked() else self.on_edit.value()
        try:
            self._service.labs.set_team_engraftment(on)
        except (LabError, WriteError) as error:
            self.error_label.show_problem(str(error))
            return
        self.accept()


def _wrapping(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _pair(edit: QWidget, combo: QComboBox) -> QWidget:
    """A value and its unit: the unit's combo has a visible "unit" label as its buddy, so a
    screen reader names it "unit", not by the unit it shows."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    unit = QLabel(_("unit:"))
    unit.setBuddy(combo)
    guard_wheel(combo)
    row.addWidget(edit, 1)
    row.addWidget(unit)
    row.addWidget(combo)
    return box
