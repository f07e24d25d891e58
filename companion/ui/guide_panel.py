"""The explanatory panel: pick a phase, read its guide in plain words, with its sources."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.content.guides import DISCLAIMER, load_guide
from companion.domain.days import format_date, format_day
from companion.domain.journey import Phase
from companion.domain.wording import alert_reason, describe_entry, lab_summary, plural
from companion.service.changes import Changes
from companion.ui.checklist_panel import ChecklistPanel
from companion.ui.diary import Diary


class GuidePanel(QWidget):
    """Phase buttons, what the selected day holds, and the phase's guide.

    Signals:
        phase_chosen(str): the user pressed a phase button (the phase id).
        day_entries_requested(object): "Show in the log" for the selected day (a date).
    """

    phase_chosen = Signal(str)
    day_entries_requested = Signal(object)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._phase: Phase | None = None
        self._shown: tuple | None = None
        self.buttons: dict[Phase, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout()
        for phase in Phase:
            button = QPushButton(phase.title)
            button.setCheckable(True)
            button.setAccessibleName(f"Guide: {phase.title}")
            button.setToolTip(phase.summary)
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
            button.setObjectName(f"phase-{phase.value}")
            self._group.addButton(button)
            button.clicked.connect(self._on_phase_button_clicked)
            self.buttons[phase] = button
            row.addWidget(button)

        self.day_label = QLabel()
        self.day_label.setObjectName("selected-day")
        bold = QFont(self.font())
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        bold.setBold(True)
        self.day_label.setFont(bold)
        self.day_label.setWordWrap(True)
        self.milestone_label = QLabel()
        self.milestone_label.setWordWrap(True)
        self.milestone_label.setTextFormat(Qt.TextFormat.PlainText)
        self.entries_label = QLabel()
        self.entries_label.setObjectName("day-entries")
        self.entries_label.setWordWrap(True)
        self.entries_label.setTextFormat(Qt.TextFormat.PlainText)
        self.entries_button = QPushButton("Show in the diary log")
        self.entries_button.setAccessibleName("Show this day's entries in the diary log")
        self.entries_button.clicked.connect(self._on_entries_button_clicked)
        self._entries_loaded = False
        self._day = None

        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setAccessibleName("Guide for the selected phase")
        self.browser.setOpenExternalLinks(True)
        self.browser.setOpenLinks(True)

        self.disclaimer = QLabel(f"Please note: {DISCLAIMER}")
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setFrameShape(QFrame.Shape.Box)
        self.disclaimer.setMargin(6)

        # The day's details sit above the guide only, so the checklist beside them gets the
        # whole height: on a laptop screen every line counts.
        day_side = QWidget()
        day_layout = QVBoxLayout(day_side)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_label)
        day_layout.addWidget(self.milestone_label)
        entries_row = QHBoxLayout()
        entries_row.addWidget(self.entries_label, 1)
        entries_row.addWidget(self.entries_button, 0, Qt.AlignmentFlag.AlignTop)
        day_layout.addLayout(entries_row)
        day_layout.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.checklist = ChecklistPanel(diary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(day_side)
        splitter.addWidget(self.checklist)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.disclaimer)
        diary.changed.connect(self._on_diary_changed)

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("entries", "labs", "alerts", "settings"):
            self._show_entries()

    @property
    def phase(self) -> Phase | None:
        return self._phase

    def show_day(self, day: int) -> None:
        """Show the selected day's date, phase and milestones, and that phase's guide."""
        diary = self._service
        transplant = diary.active
        today = diary.today()
        phase = transplant.phase_on(transplant.date_of(day), today, diary.numbers)
        when = "today" if day == transplant.day_number(today) else ""
        self.day_label.setText(
            f"{format_day(day)} · {format_date(transplant.date_of(day))}"
            f"{' (today)' if when else ''} · {phase.title}"
        )
        notes = [
            f"◆ {m.title}: {m.detail}"
            for m in transplant.milestones(diary.numbers)
            if m.day == day or (m.last_day is not None and m.day <= day <= m.last_day)
        ]
        self.milestone_label.setText("\n".join(notes))
        self.milestone_label.setVisible(bool(notes))
        self._day = transplant.date_of(day)
        self._show_entries()
        self.show_phase(phase)

    def _show_entries(self) -> None:
        """The selected day's entries, briefly: the ones that raised an alert first, and
        never hidden behind "and N more"; then the latest others; then the day's counts."""
        if not self._entries_loaded or self._day is None:
            self.entries_label.hide()
            self.entries_button.hide()
            return
        service = self._service
        entries = service.entries_on(self._day)
        counts = service.labs_on(self._day)
        unit = service.temperature_unit
        vocabulary = service.vocabulary
        raised = {a.entry_id: a for a in service.alerts_of(e.id for e in entries if e.id)}

        def line(entry) -> str:
            text = f"{entry.at:%H:%M} {entry.kind.title.lower()} "
            text += describe_entry(entry, vocabulary, unit)
            if entry.id in raised:
                text = f"⚠ {text} ({alert_reason(raised[entry.id], vocabulary, unit)})"
            return text.strip()

        flagged = [e for e in entries if e.id in raised]
        others = [e for e in entries if e.id not in raised]
        shown = [line(e) for e in flagged] + [line(e) for e in others[-4:]]
        more = f" and {len(others) - 4} more" if len(others) > 4 else ""
        text = f"Diary on this day: {plural(len(entries), 'entry', 'entries')}"
        if shown:
            text += f" — {' · '.join(shown)}{more}"
        for lab in counts:
            summary = lab_summary(lab, service.count_unit, service.hb_unit)
            text += f". Blood counts at {lab.at:%H:%M}: {summary}"
        self.entries_label.setText(text)
        self.entries_label.show()
        self.entries_button.setVisible(bool(entries))

    def refresh_entries(self) -> None:
        self._show_entries()

    def enable_entries(self) -> None:
        self._entries_loaded = True
        self._show_entries()

    @Slot()
    def _on_entries_button_clicked(self) -> None:
        if self._day is not None:
            self.day_entries_requested.emit(self._day)

    def show_phase(self, phase: Phase) -> None:
        self._phase = phase
        self.buttons[phase].setChecked(True)
        kind = self._service.active.kind
        if (phase, kind) != self._shown:  # re-rendering the same guide would lose the scroll
            self._shown = (phase, kind)
            self.browser.setMarkdown(load_guide(phase, kind).markdown)
        self.checklist.show_phase(phase)

    @Slot()
    def _on_phase_button_clicked(self) -> None:
        for phase, button in self.buttons.items():
            if button is self.sender():
                self.phase_chosen.emit(phase.value)
                return
