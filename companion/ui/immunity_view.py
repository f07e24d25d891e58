"""The "Immune system and vaccines" page (issue 21): infection risk now, the vaccine plan
with the live-vaccine check, the household advice, immune counts and IVIG, the chronic GVHD
check by body area, and the yearly check-ups. Every write goes through ``diary.immunity``
(or the diary's own log); the page refreshes from the one change notification."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.content.immunity import load_gvhd_check, load_screening
from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.immunity import DoseStatus, LiveCondition
from companion.domain.immunity_wording import (
    HOUSEHOLD_SOURCE,
    MARKERS_SOURCE,
    VACCINE_SOURCE,
    condition_line,
    condition_title,
    dose_label,
    gvhd_next_visit,
    household_advice,
    immune_markers,
    live_lock_line,
    long_date,
    period_text,
    short_status_words,
    status_words,
)
from companion.domain.labs import IggUnit, LabError, LabResult, parse_cd4, parse_count, parse_igg
from companion.domain.wording import severity_word
from companion.i18n import N_, _, format_date, ngettext
from companion.service.changes import Changes
from companion.service.errors import EntryError, VisitError, WriteError
from companion.service.immunity import PlannedDose, VaccineError
from companion.ui import access, typography
from companion.ui.dates import DateField, DayZero, diary_day0
from companion.ui.diary import Diary
from companion.ui.flow import FlowLayout
from companion.ui.table_model import RowsModel
from companion.ui.text import plain_label, set_plain
from companion.ui.wheel import guard_wheel

REFUSED = (VaccineError, LabError, EntryError, VisitError, WriteError)


class VaccineSeams:
    """The blocking dialogs of this page, behind one seam: tests replace these."""

    @staticmethod
    def ask_given(
        parent: QWidget, title: str, today: date, *, day0: DayZero = None
    ) -> tuple[date, str, str] | None:
        dialog = GivenDialog(title, today, parent, day0=day0)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    @staticmethod
    def ask_date(
        parent: QWidget, title: str, current: date, *, day0: DayZero = None
    ) -> date | None:
        dialog = GivenDialog(title, current, parent, where=False, day0=day0)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()[0]

    @staticmethod
    def ask_pdf_path(parent: QWidget, suggested: str) -> str | None:
        from companion.ui.print_job import PrintSeams

        return PrintSeams.ask_pdf_path(parent, suggested)


class GivenDialog(QDialog):
    """A date (and where, and batch) for a dose."""

    def __init__(
        self,
        title: str,
        value: date,
        parent: QWidget | None,
        where: bool = True,
        *,
        day0: DayZero = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date_field = DateField(value, day0=day0)
        self.date_field.setAccessibleName(_("Date"))
        self.where_edit = QLineEdit()
        self.where_edit.setAccessibleName(_("Where it was given"))
        self.batch_edit = QLineEdit()
        self.batch_edit.setAccessibleName(_("Batch number (optional)"))
        form = QFormLayout(self)
        form.addRow(plain_label(title))
        form.addRow(_("Date:"), self.date_field)
        if where:
            form.addRow(_("Where (optional):"), self.where_edit)
            form.addRow(_("Batch (optional):"), self.batch_edit)
        buttons = QHBoxLayout()
        save = QPushButton(_("Save"))
        cancel = QPushButton(_("Cancel"))
        save.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        form.addRow(buttons)

    def values(self) -> tuple[date, str, str]:
        return self.date_field.value(), self.where_edit.text(), self.batch_edit.text()


class VaccinePlanModel(RowsModel):
    """The plan's doses: vaccine, dose, earliest date, status, given on."""

    HEADERS = (N_("Vaccine"), N_("Dose"), N_("From"), N_("Status"), N_("Given"))
    DoseRole = Qt.ItemDataRole.UserRole + 1

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        found = super().headerData(section, orientation, role)
        return _(found) if isinstance(found, str) else found

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedDose] = []

    def rows(self) -> Sequence[PlannedDose]:
        return self._rows

    def set_plan(self, plan: list[PlannedDose]) -> None:
        self.beginResetModel()
        self._rows = list(plan)
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        planned = self._rows[index.row()]
        dose = planned.dose
        if role == VaccinePlanModel.DoseRole:
            return dose.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{dose}: {status}").format(
                dose=dose_label(dose), status=status_words(planned.status)
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = index.column()
            if column == 0:
                return dose.name
            if column == 1:
                return str(dose.dose)
            if column == 2:
                return _short(dose.earliest)
            if column == 3:
                return short_status_words(planned.status)
            if column == 4:
                if dose.given_on is None:
                    return ""
                if dose.given_where:
                    return f"{_short(dose.given_on)} · {dose.given_where}"
                return _short(dose.given_on)
        if role == Qt.ItemDataRole.FontRole and planned.status is DoseStatus.OVERDUE:
            font = typography.font_for(QLabel())
            font.setBold(True)
            return font
        return None


class ScreeningModel(RowsModel):
    HEADERS = (N_("Due"), N_("Check-up"), N_("State"))

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        found = super().headerData(section, orientation, role)
        return _(found) if isinstance(found, str) else found

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rows(self):
        return self._rows

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole + 1:
            return item.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == 0:
            return _short(item.due_on)
        if column == 1:
            check = load_screening().check(item.item)
            return check.title if check else item.item
        if item.done_on:
            return _("done {date}").format(date=_short(item.done_on))
        return _("in your calendar") if item.appointment_id else _("not booked yet")


def _short(day: date) -> str:
    """ "10 Aug 2026" / "10 ago 2026": keeps the table narrow enough for a small screen."""
    return format_date(day, "d MMM y")


class FittedTable(QTableView):
    """A table whose columns share the width it has: each column as wide as its text when
    there is room (the ``stretch`` columns take what is left), else each at least as wide
    as its longest word, the rest shared by how much more each needs. Nothing is cut off
    in a long language (Spanish runs 20-35 % longer) or at a large text size; the cells
    wrap onto more lines instead."""

    def __init__(self, stretch: tuple[int, ...]) -> None:
        super().__init__()
        self._stretch = stretch
        self._fitting = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _texts(self, column: int) -> list[str]:
        model = self.model()
        return [str(model.data(model.index(row, column)) or "") for row in range(model.rowCount())]

    def fit_columns(self) -> None:
        model = self.model()
        available = self.viewport().width()
        if model is None or self._fitting or available <= 0:
            return
        self._fitting = True
        try:
            header = self.horizontalHeader()
            bold = QFont(self.font())
            bold.setBold(True)  # rows past their usual start are bold: measure the wider
            cells, heads = QFontMetrics(bold), QFontMetrics(header.font())
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
            pad = 2 * (margin + 1) + 2 + cells.horizontalAdvance(" ")
            head_pad = 2 * (margin + 1) + 2 + heads.horizontalAdvance("  ")
            natural, least = [], []
            for column in range(model.columnCount()):
                texts = self._texts(column)
                head = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                words = [word for text in texts for word in text.split()]
                natural.append(
                    max(
                        max((cells.horizontalAdvance(t) for t in texts), default=0) + pad,
                        heads.horizontalAdvance(head) + head_pad,
                    )
                )
                least.append(
                    max(
                        max((cells.horizontalAdvance(w) for w in words), default=0) + pad,
                        max((heads.horizontalAdvance(w) for w in head.split()), default=0)
                        + head_pad,
                    )
                )
            if sum(natural) <= available:
                widths = list(natural)
                extra = available - sum(natural)
                stretch = [c for c in self._stretch if c < len(widths)] or [0]
                for index, column in enumerate(stretch):
                    widths[column] += extra // len(stretch) + (
                        extra % len(stretch) if index == 0 else 0
                    )
            elif sum(least) <= available:
                spare = available - sum(least)
                wants = [n - m for n, m in zip(natural, least, strict=True)]
                total = sum(wants) or 1
                widths = [m + spare * w // total for m, w in zip(least, wants, strict=True)]
            else:
                widths = [max(1, m * available // sum(least)) for m in least]
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
            self.resizeRowsToContents()
        finally:
            self._fitting = False


def _table(model, stretch: tuple[int, ...] = (0,)) -> FittedTable:
    view = FittedTable(stretch)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTabKeyNavigation(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(1)
    for column in range(model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    view.setMinimumHeight(typography.line() * 10)
    return view


def _button(text: str) -> QPushButton:
    button = typography.role(QPushButton(text), min_lines=2.2)
    button.setAccessibleName(text)
    return button


class ImmunityView(QWidget):
    """The page. Signals:
    status_changed(str): a message for the user after an action (also announced)."""

    status_changed = Signal(str)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
        self._service = diary.service
        self.setObjectName("immunity-page")
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.7, margins=0.8)
        layout.addWidget(typography.heading(plain_label(_("Immune system and vaccines")), 1))
        self.status = plain_label()
        self.status.setObjectName("immunity-status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # Infection risk now
        self.period_label = plain_label()
        self.period_label.setObjectName("infection-period")
        self.period_label.setWordWrap(True)
        layout.addWidget(self._section(_("Infection risk now"), [self.period_label]))
        # The vaccine plan
        self.plan_model = VaccinePlanModel(self)
        self.plan_view = _table(self.plan_model, (0, 4))
        self.plan_view.setAccessibleName(_("Your vaccine plan"))
        self.plan_note = plain_label(
            _(
                "Counted from your Day 0. The dates are published defaults until you change "
                "them to your team's plan (each change is recorded). Sources: {sources}."
            ).format(sources=_(VACCINE_SOURCE))
        )
        self.plan_note.setWordWrap(True)
        self.given_button = _button(_("Mark as given…"))
        self.date_button = _button(_("Change the date…"))
        self.card_button = _button(_("Save the vaccination record (PDF)…"))
        self.given_button.clicked.connect(self._on_given_button_clicked)
        self.date_button.clicked.connect(self._on_date_button_clicked)
        self.card_button.clicked.connect(self._on_card_button_clicked)
        buttons = QVBoxLayout()
        for button in (self.given_button, self.date_button, self.card_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        plan_box = self._section(_("Your vaccine plan"), [self.plan_view, self.plan_note])
        plan_box.layout().addLayout(buttons)
        layout.addWidget(plan_box)
        # The live-vaccine check
        self.live_label = plain_label()
        self.live_label.setObjectName("live-lock")
        self.live_label.setWordWrap(True)
        self.conditions_label = plain_label()
        self.conditions_label.setObjectName("live-conditions")
        self.conditions_label.setWordWrap(True)
        self.confirm_combos: dict[LiveCondition, QComboBox] = {}
        self.stopped_field = DateField(self._service.today(), day0=diary_day0(self._service))
        self.stopped_field.setAccessibleName(_("Date the immune-damping medicines stopped"))
        self.stopped_button = _button(_("Save the date they stopped"))
        self.stopped_button.clicked.connect(self._on_stopped_button_clicked)
        self._confirm_grid = QGridLayout()
        live_box = self._section(_("Live vaccines"), [self.live_label, self.conditions_label])
        live_box.layout().addLayout(self._confirm_grid)
        layout.addWidget(live_box)
        if self._service.transplants.is_set_up:
            # Its questions made now, in the order of the page: made at the first refresh,
            # after the sections below, Tab reached them after the check-ups at the foot.
            self._fill_confirmations(self._service.immunity.live_status())
        household = plain_label("\n".join(f"• {line}" for line in household_advice()))
        household.setWordWrap(True)
        source = plain_label(_("Source: {source}.").format(source=_(HOUSEHOLD_SOURCE)))
        source.setWordWrap(True)
        layout.addWidget(self._section(_("For the people you live with"), [household, source]))
        # Immune counts
        layout.addWidget(self._counts_section())
        # Chronic GVHD check (donor transplants)
        self.gvhd_box = self._gvhd_section()
        layout.addWidget(self.gvhd_box)
        # Yearly check-ups
        self.screening_model = ScreeningModel(self)
        self.screening_view = _table(self.screening_model, (1,))
        self.screening_view.setAccessibleName(_("Yearly check-ups"))
        self.accept_button = _button(_("Put in my calendar"))
        self.done_button = _button(_("Tick as done"))
        self.accept_button.clicked.connect(self._on_accept_button_clicked)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        note = plain_label(
            _("From published guidance: {source}").format(source=load_screening().source)
        )
        note.setWordWrap(True)
        screening_box = self._section(
            _("Yearly check-ups for late effects"), [self.screening_view, note]
        )
        for button in (self.accept_button, self.done_button):
            screening_box.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(screening_box)
        layout.addStretch(1)
        diary.changed.connect(self._on_diary_changed)
        self.refresh()

    # Building ----------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            # View → Text size, live: rows measured at the old size overlapped.
            for view in (self.plan_view, self.screening_view):
                view.fit_columns()

    def _section(self, title: str, widgets: list[QWidget]) -> QWidget:
        """A part of the page under a plain heading (as the Today page's parts)."""
        from companion.ui.today_page import section_title

        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        typography.spacing(inner, 0.4)
        inner.addWidget(section_title(title))
        for widget in widgets:
            inner.addWidget(widget)
        return box

    def _counts_section(self) -> QWidget:
        lines = [f"{m.title} ({m.unit}): {m.what}" for m in immune_markers()]
        lines.append(
            _("The app shows what you enter; your team says what it means. ({source})").format(
                source=_(MARKERS_SOURCE)
            )
        )
        explain = plain_label("\n".join(lines))
        explain.setWordWrap(True)
        self.lymph_edit = QLineEdit()
        self.lymph_edit.setAccessibleName(_("Lymphocytes"))
        self.cd4_edit = QLineEdit()
        self.cd4_edit.setAccessibleName(_("CD4 T cells, cells per microlitre"))
        self.igg_edit = QLineEdit()
        self.igg_edit.setAccessibleName(_("IgG"))
        self.igg_unit = guard_wheel(QComboBox())
        for unit in IggUnit:
            self.igg_unit.addItem(unit.value, unit.value)
        self.igg_unit.setAccessibleName(_("IgG unit"))
        self.counts_button = _button(_("Save these counts"))
        self.counts_button.clicked.connect(self._on_counts_button_clicked)
        self.ivig_button = _button(_("Log an IVIG infusion now"))
        self.ivig_button.clicked.connect(self._on_ivig_button_clicked)
        self.latest_counts = plain_label()
        self.latest_counts.setObjectName("latest-immune-counts")
        self.latest_counts.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(
            _("Lymphocytes ({unit}):").format(unit=self._service.settings.count_unit.label),
            self.lymph_edit,
        )
        form.addRow(_("CD4 (cells/µL):"), self.cd4_edit)
        igg_row = QHBoxLayout()
        igg_row.addWidget(self.igg_edit, 1)
        # The unit's drop-down has a visible name of its own, not only its value ("g/L").
        self.igg_unit_label = plain_label(_("unit:"))
        self.igg_unit_label.setBuddy(self.igg_unit)
        igg_row.addWidget(self.igg_unit_label)
        igg_row.addWidget(self.igg_unit)
        form.addRow(_("IgG:"), igg_row)
        box = self._section(_("Immune counts"), [explain])
        box.layout().addLayout(form)
        for button in (self.counts_button, self.ivig_button):
            box.layout().addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        box.layout().addWidget(self.latest_counts)
        self.range_marker = guard_wheel(QComboBox())
        for marker in immune_markers():
            self.range_marker.addItem(marker.title, marker.key)
        self.range_marker.setAccessibleName(_("Which count the range is for"))
        self.range_edit = QLineEdit()
        self.range_edit.setAccessibleName(_("The range printed on your results, like 7-16"))
        self.range_edit.setPlaceholderText(_("e.g. 7-16"))
        self.range_button = _button(_("Keep this range"))
        self.range_button.clicked.connect(self._on_range_button_clicked)
        range_row = QFormLayout()
        range_row.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        range_row.addRow(_("The range on your results, for:"), self.range_marker)
        range_row.addRow(_("Range (in the unit above):"), self.range_edit)
        box.layout().addLayout(range_row)
        box.layout().addWidget(self.range_button, 0, Qt.AlignmentFlag.AlignLeft)
        hint = plain_label(_("They are charted under the blood counts, on the same Day line."))
        hint.setWordWrap(True)
        box.layout().addWidget(hint)
        return box

    def _gvhd_section(self) -> QWidget:
        check = load_gvhd_check()
        vocabulary = self._service.settings.vocabulary
        intro = plain_label(
            _(
                "Check each part of your body regularly, as your team suggests. Choose how bad "
                "each sign is, then save. {what_to_do}"
            ).format(what_to_do=gvhd_next_visit())
        )
        intro.setWordWrap(True)
        box = self._section(_("Chronic GVHD check"), [intro])
        grid = QGridLayout()
        self.gvhd_combos: dict[str, QComboBox] = {}
        row = 0
        for area in check.areas:
            grid.addWidget(typography.role(plain_label(area.title), bold=True), row, 0, 1, 2)
            row += 1
            for term in area.signs:
                symptom = vocabulary.symptom(term)
                label = plain_label(symptom.label if symptom else term)
                label.setWordWrap(True)
                combo = guard_wheel(QComboBox())
                combo.addItem(_("not checked"), -1)
                for severity in range(len(SEVERITIES)):
                    combo.addItem(severity_word(severity), severity)
                combo.setAccessibleName(symptom.label if symptom else term)
                label.setBuddy(combo)
                self.gvhd_combos[term] = combo
                grid.addWidget(label, row, 0)
                grid.addWidget(combo, row, 1)
                row += 1
        grid.setColumnStretch(0, 1)
        box.layout().addLayout(grid)
        self.gvhd_button = _button(_("Save the check"))
        self.gvhd_button.clicked.connect(self._on_gvhd_button_clicked)
        box.layout().addWidget(self.gvhd_button, 0, Qt.AlignmentFlag.AlignLeft)
        source = plain_label(_("Source: {source}").format(source=check.source))
        source.setWordWrap(True)
        box.layout().addWidget(source)
        return box

    # Showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        service = self._service
        if not service.transplants.is_set_up:
            return
        immunity = service.immunity
        kind = service.transplants.active.kind
        from companion.domain.wording import temperature

        low = temperature(
            float(service.settings.numbers["low_temp_c"]), service.settings.temperature_unit
        )
        text = period_text(immunity.period(), kind, low)
        set_plain(
            self.period_label,
            _(
                "{period}.\nWhat threatens now: {germs}\nWhat protects you: {protect}\n"
                "When to call: {call}"
            ).format(period=text.title, germs=text.germs, protect=text.protect, call=text.call),
        )
        self.plan_model.set_plan(immunity.plan())
        self.plan_view.fit_columns()  # long names wrap onto two lines
        status = immunity.live_status()
        set_plain(self.live_label, live_lock_line(status.allowed))
        set_plain(
            self.conditions_label,
            "\n".join(
                f"{'✓' if c.met else ('?' if c.met is None else '✗')} {condition_line(c, kind)}"
                for c in status.conditions
            ),
        )
        self._fill_confirmations(status)
        self.gvhd_box.setVisible(immunity.gvhd_check_open())  # donor, from Day +30
        self.screening_model.set_items(immunity.screening())
        self.screening_view.fit_columns()
        labs = [lab for lab in service.labs.all() if lab.has_immune_counts]
        ivig = immunity.ivig()
        parts = []
        if labs:
            from companion.drawing.immune_charts import immune_rows
            from companion.service.immunity import immune_igg_unit

            rows = immune_rows(
                service.transplants.active.day0,
                labs,
                ivig,
                service.settings.count_unit,
                immune_igg_unit(service),
            )
            parts += [
                _("{count}, latest: {value}").format(count=r.title, value=r.labels[-1])
                for r in rows
                if r.labels
            ]
        from companion.domain.immunity_wording import range_text
        from companion.service.immunity import immune_igg_unit

        for key, value in immunity.reference_ranges().items():
            title = next(m.title for m in immune_markers() if m.key == key)
            unit = immune_igg_unit(service)
            parts.append(
                _("{count}: {range}").format(
                    count=title, range=range_text(key, value, service.settings.count_unit, unit)
                )
            )
        if ivig:
            parts.append(_("Last IVIG infusion: {date}").format(date=long_date(ivig[-1].date())))
        set_plain(self.latest_counts, "\n".join(parts) or _("No immune counts entered yet."))

    def _fill_confirmations(self, status) -> None:
        grid = self._confirm_grid
        if not self.confirm_combos:
            row = 0
            # The questions above the date they stopped come before it in the Tab order
            # (the date and its button were made with the page, before them).
            above_the_date: list[QWidget] = [self.card_button]
            for state in status.conditions:
                if not state.name.confirmed_by_team:
                    continue
                combo = guard_wheel(QComboBox())
                for label, value in (
                    (_("Not confirmed yet"), None),
                    (_("Team says: yes"), True),
                    (_("Team says: no"), False),
                ):
                    combo.addItem(label, value)
                title = plain_label(condition_title(state, self._service.transplants.active.kind))
                title.setWordWrap(True)
                combo.setAccessibleName(title.text())
                title.setBuddy(combo)
                combo.activated.connect(self._on_confirm_combo_activated)
                combo.setProperty("condition", state.name.value)
                self.confirm_combos[state.name] = combo
                if above_the_date[-1] is not self.stopped_button:
                    above_the_date.append(combo)
                grid.addWidget(title, row, 0)
                grid.addWidget(combo, row, 1)
                row += 1
                if state.name is LiveCondition.OFF_IMMUNOSUPPRESSION:
                    # A visible name for the date, and the row wraps on a narrow window.
                    holder = QWidget()
                    column = QVBoxLayout(holder)
                    column.setContentsMargins(0, 0, 0, 0)
                    self.stopped_label = plain_label(_("The date they stopped:"))
                    self.stopped_label.setWordWrap(True)
                    self.stopped_label.setBuddy(self.stopped_field)
                    column.addWidget(self.stopped_label)
                    flow = FlowLayout()
                    flow.addWidget(self.stopped_field)
                    flow.addWidget(self.stopped_button)
                    column.addLayout(flow)
                    grid.addWidget(holder, row, 0, 1, 2)
                    above_the_date.append(self.stopped_button)
                    row += 1
            grid.setColumnStretch(0, 1)
            if above_the_date[-1] is self.stopped_button:
                for first, second in itertools.pairwise(above_the_date[:-1]):
                    QWidget.setTabOrder(first, second)
        for state in status.conditions:
            combo = self.confirm_combos.get(state.name)
            if combo is None:
                continue
            wanted = {None: 0, True: 1, False: 2}[state.met if state.until is None else True]
            if state.name is LiveCondition.OFF_IMMUNOSUPPRESSION and state.since is not None:
                wanted = 1
            combo.blockSignals(True)
            combo.setCurrentIndex(wanted)
            combo.blockSignals(False)

    def _say(self, text: str, assertive: bool = False) -> None:
        set_plain(self.status, text)
        self._place_status_near(QApplication.focusWidget() or self.sender())
        access.announce(self, text, assertive=assertive)
        self.status_changed.emit(text)

    def _place_status_near(self, used: QObject | None) -> None:
        """The message under the part of the page where the user acted, in view: at the
        page's top it was out of sight of a button further down (a keyboard-only try-out
        at 200 % text pressed "Mark as given…" and saw nothing happen)."""
        part = used if isinstance(used, QWidget) else None
        while part is not None and part.parentWidget() is not self:
            part = part.parentWidget()
        if part is None or part is self.status or part.layout() is None:
            return
        if self.status.parentWidget() is not part:
            self.status.parentWidget().layout().removeWidget(self.status)
            part.layout().addWidget(self.status)
        QTimer.singleShot(0, self.status, self._reveal_status)

    @Slot()
    def _reveal_status(self) -> None:
        from companion.ui.scrolling import reveal

        reveal(self.status, typography.line() // 2)

    def _selected(self, view: QTableView, role: int) -> int | None:
        rows = view.selectionModel().selectedRows()
        if not rows:
            self._say(_("Please choose a row in the list first."))
            return None
        return view.model().data(rows[0], role)

    # Actions -----------------------------------------------------------------------------

    @Slot()
    def _on_given_button_clicked(self) -> None:
        dose_id = self._selected(self.plan_view, VaccinePlanModel.DoseRole)
        if dose_id is None:
            return
        dose = self._service.immunity.dose(dose_id)
        answer = VaccineSeams.ask_given(
            self,
            _("{dose}: the day it was given").format(dose=dose_label(dose)),
            self._service.today(),
            day0=diary_day0(self._service),
        )
        if answer is None:
            return
        on, where, batch = answer
        if (
            dose.earliest is not None
            and self._service.transplants.active.day0 <= on < dose.earliest
        ):
            # Before Day 0 the service refuses, with its reason; before the plan's earliest
            # date it may be the team's own plan: ask, naming the date.
            from companion.ui.confirm import ConfirmDialog

            if not ConfirmDialog.ask(
                self,
                _("Before the plan's earliest date"),
                _(
                    "This is before the plan's earliest date, {date}. Record it anyway? Check "
                    "with your team."
                ).format(date=long_date(dose.earliest)),
                _("Record it anyway"),
            ):
                self._say(_("Not saved: the dose was not marked as given."))
                return
        try:
            self._service.immunity.mark_given(dose_id, on, where, batch)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(
            _("Saved: {dose}, given on {date}.").format(dose=dose_label(dose), date=long_date(on))
        )

    @Slot()
    def _on_date_button_clicked(self) -> None:
        dose_id = self._selected(self.plan_view, VaccinePlanModel.DoseRole)
        if dose_id is None:
            return
        dose = self._service.immunity.dose(dose_id)
        new = VaccineSeams.ask_date(
            self,
            _("{dose}: your team's earliest date").format(dose=dose_label(dose)),
            dose.earliest,
            day0=diary_day0(self._service),
        )
        if new is None or new == dose.earliest:
            return
        try:
            self._service.immunity.edit_dose(dose_id, earliest=new)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(
            _("Changed: {dose}: {before} → {after}. The change is recorded.").format(
                dose=dose_label(dose), before=long_date(dose.earliest), after=long_date(new)
            )
        )

    @Slot()
    def _on_card_button_clicked(self) -> None:
        from pathlib import Path

        from companion.printing.immunity_report import write_vaccination_card_pdf
        from companion.service.errors import OutputError
        from companion.service.immunity import gather_card
        from companion.ui.folders import documents_folder, file_name

        suggested = documents_folder() / file_name(_("vaccination-record.pdf"))
        path = VaccineSeams.ask_pdf_path(self, str(suggested))
        if not path:
            return
        try:
            pages = write_vaccination_card_pdf(gather_card(self._service), Path(path))
        except (OutputError, OSError) as error:
            self._say(str(error), assertive=True)
            return
        self._say(
            ngettext(
                "Saved the vaccination record ({count} page) to {path}.",
                "Saved the vaccination record ({count} pages) to {path}.",
                pages,
            ).format(count=pages, path=path)
        )

    @Slot(int)
    def _on_confirm_combo_activated(self, index: int) -> None:
        combo = self.sender()
        if not isinstance(combo, QComboBox):
            return
        condition = LiveCondition(combo.property("condition"))
        met = combo.itemData(index)
        try:
            self._service.immunity.confirm_condition(condition, met)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(_("Recorded what your team told you. The change is in the change history."))

    @Slot()
    def _on_stopped_button_clicked(self) -> None:
        problem = self.stopped_field.problem()
        if problem:
            self._say(problem, assertive=True)
            return
        try:
            self._service.immunity.confirm_condition(
                LiveCondition.OFF_IMMUNOSUPPRESSION, True, self.stopped_field.value()
            )
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(
            _("Recorded: the medicines stopped on {date}.").format(
                date=long_date(self.stopped_field.value())
            )
        )

    @Slot()
    def _on_counts_button_clicked(self) -> None:
        service = self._service
        try:
            lymph = self.lymph_edit.text().strip()
            cd4 = self.cd4_edit.text().strip()
            igg = self.igg_edit.text().strip()
            result = LabResult(
                at=service.now(),
                lymphocytes=parse_count(lymph, service.settings.count_unit, _("Lymphocytes"))
                if lymph
                else None,
                cd4=parse_cd4(cd4) if cd4 else None,
                igg=parse_igg(igg, IggUnit(self.igg_unit.currentData())) if igg else None,
            )
            service.labs.add(result)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        for edit in (self.lymph_edit, self.cd4_edit, self.igg_edit):
            edit.clear()
        self._say(_("Saved the immune counts."))

    @Slot()
    def _on_range_button_clicked(self) -> None:
        from companion.domain.immunity import parse_range

        service = self._service
        key = self.range_marker.currentData()
        factor = {
            "lymphocytes": service.settings.count_unit.factor,
            "cd4": 1.0,
            "igg": IggUnit(self.igg_unit.currentData()).factor,
        }[key]
        text = self.range_edit.text().strip()
        try:
            value = parse_range(text, factor, self.range_marker.currentText()) if text else None
            service.immunity.set_reference_range(key, value)
        except (ValueError, *REFUSED) as error:
            self._say(str(error), assertive=True)
            return
        self.range_edit.clear()
        self._say(_("Kept. It is shown beside your values; the change is recorded."))

    @Slot()
    def _on_ivig_button_clicked(self) -> None:
        try:
            at = self._service.immunity.add_ivig(self._service.now()).value
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(
            _("Saved an IVIG infusion at {time} on {date}.").format(
                time=f"{at:%H:%M}", date=long_date(at.date())
            )
        )

    @Slot()
    def _on_gvhd_button_clicked(self) -> None:
        service = self._service
        chosen = [
            (term, combo.currentData())
            for term, combo in self.gvhd_combos.items()
            if combo.currentData() is not None and combo.currentData() >= 0
        ]
        if not chosen:
            self._say(_("Choose how bad at least one sign is, then save."))
            return
        now: datetime = service.now()
        raised = 0
        try:
            for term, severity in chosen:
                logged = service.log.add(
                    Entry(now, EntryKind.SYMPTOM, term=term, severity=severity)
                )
                raised += len(logged.value.alerts)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        for combo in self.gvhd_combos.values():
            combo.setCurrentIndex(0)
        if raised:
            self._say(
                _(
                    "Saved. A sign you logged means: call your transplant team now (see the "
                    "card at the top)."
                ),
                assertive=True,
            )
        else:
            self._say(
                ngettext(
                    "Saved {count} sign. {what_to_do}",
                    "Saved {count} signs. {what_to_do}",
                    len(chosen),
                ).format(count=len(chosen), what_to_do=gvhd_next_visit())
            )

    @Slot()
    def _on_accept_button_clicked(self) -> None:
        item_id = self._selected(self.screening_view, Qt.ItemDataRole.UserRole + 1)
        if item_id is None:
            return
        try:
            self._service.immunity.accept_screening(item_id)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(_("It is in your calendar, on the Appointments page. Change the time there."))

    @Slot()
    def _on_done_button_clicked(self) -> None:
        item_id = self._selected(self.screening_view, Qt.ItemDataRole.UserRole + 1)
        if item_id is None:
            return
        try:
            self._service.immunity.tick_screening(item_id, True)
        except REFUSED as error:
            self._say(str(error), assertive=True)
            return
        self._say(_("Ticked as done today."))

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("immunity", "labs", "journey", "settings", "appointments"):
            self.refresh()


__all__ = ["ImmunityView", "VaccinePlanModel", "VaccineSeams"]
