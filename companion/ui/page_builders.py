"""How each page of the window is built: one callable per page key, given a ``PageContext``.

``companion/ui/pages.py`` lists the pages (key, name, shortcuts) without Qt; this module
says how each is made. A page's own signals that concern another page (a day chosen on
the timeline shows on the counts chart) are connected to the window here; everything a
page does within itself (the journey's guide following its timeline) lives in the page.
Each page listens to ``Diary.changed`` for itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from companion.domain.journey import Phase
from companion.i18n import _
from companion.service.changes import Changes
from companion.ui import typography
from companion.ui.diary import Diary

if TYPE_CHECKING:
    from companion.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a page builder may use: the open diary, its folder ("" for the sample diary)
    and the window, whose slots receive what crosses from one page to another."""

    diary: Diary
    data_dir: str
    window: MainWindow


PageBuilder = Callable[[PageContext], QWidget]


class JourneyPage(QWidget):
    """The timeline with the guide below it: the guide shows the day chosen on the
    timeline, and choosing a phase in the guide selects a day in it.

    Signals:
        day_selected(int): a day was chosen on the timeline.
    """

    day_selected = Signal(int)

    def __init__(self, diary: Diary, day: int | None = None, parent: QWidget | None = None):
        from companion.ui.guide_panel import GuidePanel
        from companion.ui.timeline import TimelineView

        super().__init__(parent)
        self.setObjectName("journey-page")
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.7, margins=0.8)
        layout.addWidget(typography.heading(QLabel(_("Your journey")), 1))
        # The timeline subscribes to the diary's changes first, so it has refreshed by the
        # time this page follows the same change with the guide.
        self.timeline = TimelineView(diary)
        self.guide = GuidePanel(diary)
        layout.addWidget(self.timeline)
        layout.addWidget(self.guide)
        layout.addStretch(1)
        canvas = self.timeline.canvas
        self.timeline.day_selected.connect(self._on_timeline_day_selected)
        self.guide.phase_chosen.connect(self._on_guide_phase_chosen)
        diary.changed.connect(self._on_diary_changed)
        self.guide.enable_entries()
        day = canvas.today_day if day is None else day
        canvas.select_day(day, notify=False)
        self.guide.show_day(day)

    def refresh(self) -> None:
        """After the date changed: the timeline again, the same day chosen, its guide."""
        canvas = self.timeline.canvas
        selected = canvas.selected_day
        self.timeline.refresh()
        canvas.select_day(selected)
        self.guide.show_day(canvas.selected_day)

    def select_day(self, day: int) -> None:
        self.timeline.canvas.select_day(day)

    @Slot(object)
    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("journey", "settings", "team"):
            self.guide.show_day(self.timeline.canvas.selected_day)

    @Slot(int)
    def _on_timeline_day_selected(self, day: int) -> None:
        self.guide.show_day(day)
        self.day_selected.emit(day)

    @Slot(str)
    def _on_guide_phase_chosen(self, phase_id: str) -> None:
        """Select a day in that phase: today if it is in it, else the phase's first day."""
        phase = Phase(phase_id)
        canvas = self.timeline.canvas
        span = next((s for s in canvas.spans if s.phase is phase), None)
        if span is None:
            self.guide.show_phase(phase)
            return
        if span.contains(canvas.today_day):
            day = canvas.today_day
        elif span.first_day is None:
            day = span.last_day if span.last_day is not None else canvas.today_day
        else:
            day = span.first_day
        canvas.select_day(day)
        self.timeline.scroll_to_day(day)
        self.guide.show_day(day)


class AppointmentsPage(QWidget):
    """Appointments, with the questions for the team below them."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        from companion.ui.appointments_view import AppointmentsView
        from companion.ui.questions_notebook import QuestionsNotebook

        super().__init__(parent)
        self.setObjectName("appointments-page")
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.7, margins=0.8)
        layout.addWidget(typography.heading(QLabel(_("Appointments")), 1))
        self.appointments = AppointmentsView(diary)
        layout.addWidget(self.appointments)
        layout.addWidget(typography.heading(QLabel(_("Questions for your team")), 1))
        self.questions = QuestionsNotebook(diary)
        layout.addWidget(self.questions)
        layout.addStretch(1)


def build_today(context: PageContext) -> QWidget:
    from companion.ui.today_page import TodayPage

    window = context.window
    page = TodayPage(context.diary)
    page.checklist_requested.connect(window._on_today_page_checklist_requested)
    page.vaccines_requested.connect(window._on_today_page_vaccines_requested)
    return page


def build_journey(context: PageContext) -> QWidget:
    window = context.window
    page = JourneyPage(context.diary, window.take_pending_day())
    page.day_selected.connect(window._on_journey_day_selected)
    page.guide.day_entries_requested.connect(window._on_guide_day_entries_requested)
    return page


def build_log(context: PageContext) -> QWidget:
    from companion.ui.log_view import LogView

    window = context.window
    view = LogView(context.diary)
    view.add_requested.connect(window._on_quick_entry_more_requested)
    view.edit_requested.connect(window._on_log_view_edit_requested)
    view.delete_requested.connect(window._on_log_view_delete_requested)
    view.export_requested.connect(window._on_export_action_triggered)
    view.undo_requested.connect(window.undo_stack.undo)
    view.ensure_loaded()
    return view


def build_counts(context: PageContext) -> QWidget:
    from companion.ui.counts_view import CountsView

    view = CountsView(context.diary)
    view.day_selected.connect(context.window._on_counts_view_day_selected)
    view.ensure_loaded()
    return view


def build_checklists(context: PageContext) -> QWidget:
    from companion.ui.checklist_panel import ChecklistPanel

    panel = ChecklistPanel(context.diary)
    panel.print_requested.connect(context.window._on_checklist_print_requested)
    panel.enable()
    panel.show_phase(context.diary.service.transplants.status().phase)
    return panel


def build_appointments(context: PageContext) -> QWidget:
    page = AppointmentsPage(context.diary)
    page.appointments.export_requested.connect(context.window._on_appointments_export_requested)
    return page


def build_medicines(context: PageContext) -> QWidget:  # issue 20
    from companion.ui.medicines_page import MedicinesPage

    return MedicinesPage(context.diary, context.data_dir)


def build_immunity(context: PageContext) -> QWidget:  # issue 21
    from companion.ui.immunity_view import ImmunityView

    return ImmunityView(context.diary)


def build_settings(context: PageContext) -> QWidget:
    from companion.ui.settings_dialog import SettingsPanel

    folder = Path(context.data_dir) if context.data_dir else None
    panel = SettingsPanel(context.diary, data_dir=folder)
    # Its tabs scroll, with Save in view below them; the page scrolls as a whole only when
    # the window is shorter than that (an alert card open at 200 % text on a 600-pixel
    # screen): its title and section buttons are never squeezed out of sight (issue 23).
    panel.add_requested.connect(context.window._on_add_action_triggered)
    panel.language_changed.connect(context.window._on_settings_language_changed)
    return panel


# Every page in this build, by its key in pages.PAGES. A page listed there without a
# builder here is not in this build (it is left out of the list and the Go menu).
BUILDERS: dict[str, PageBuilder] = {
    "today": build_today,
    "journey": build_journey,
    "log": build_log,
    "counts": build_counts,
    "checklists": build_checklists,
    "appointments": build_appointments,
    "medicines": build_medicines,
    "immunity": build_immunity,
    "settings": build_settings,
}
