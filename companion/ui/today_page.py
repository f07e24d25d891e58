"""The Today page, shown at start: the day and phase, quick logging, today's checklist and
what comes next. It is the only page built before the window first appears."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.content.guides import disclaimer
from companion.domain.days import format_date, format_day
from companion.domain.journey import Phase
from companion.i18n import _, ngettext
from companion.service.changes import Changes
from companion.service.errors import WriteError
from companion.ui import access, typography
from companion.ui.diary import Diary
from companion.ui.header import HeaderWidget
from companion.ui.quick_entry import QuickEntryPanel
from companion.ui.text import plain_label, set_plain


def section_title(text: str) -> QLabel:
    """A plain heading for a part of a page (NHS: plain headings, generous space above)."""
    label = typography.heading(plain_label(text), 2)
    label.setWordWrap(True)
    return label


def disclaimer_label() -> QLabel:
    # The disclaimer is content, in the app's language (resources/<lang>/guide-text.toml).
    label = plain_label(_("Please note: {disclaimer}").format(disclaimer=disclaimer()))
    label.setObjectName("disclaimer")
    label.setWordWrap(True)
    label.setFrameShape(QFrame.Shape.Box)
    label.setMargin(typography.line() // 2)
    return label


class TickItem(QWidget):
    """A tick box whose words wrap (Qt's own check box never wraps its text). Clicking the
    words ticks it too; the box carries the words as its accessible name.

    Signals:
        toggled(bool): the box was ticked or unticked by the user.
    """

    toggled = Signal(bool)

    def __init__(self, text: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.box = typography.role(QCheckBox(), indicator=True)
        self.box.setAccessibleName(text)
        self.box.setObjectName(f"daily-{key}")
        self.label = plain_label(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        typography.spacing(row, 0.4)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.box.clicked.connect(self.toggled)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
            event.accept()
            return
        super().mousePressEvent(event)


class DailyChecklist(QWidget):
    """Today's daily items of the current phase ("take your temperature twice a day"),
    ticked for today only.

    Signals:
        open_requested: "Open the whole checklist" pressed.
    """

    open_requested = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._loaded = False
        self._phase: Phase | None = None
        self.items: list[TickItem] = []
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.open_button = typography.role(
            QPushButton(_("Open the whole checklist for this phase")), min_lines=2.2
        )
        self.open_button.setAccessibleName(_("Open the whole checklist for this phase"))
        self.open_button.clicked.connect(self.open_requested)
        self._list = QVBoxLayout()
        typography.spacing(self._list, 0.4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(layout, 0.5)
        layout.addWidget(self.summary)
        layout.addLayout(self._list)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        diary.changed.connect(self._on_diary_changed)

    def load(self) -> None:
        """Fill in (deferred until after the first frame: it reads the checklist files)."""
        self._loaded = True
        self.refresh()

    def refresh(self) -> None:
        if not self._loaded:
            return
        service = self._service
        phase = service.transplants.status().phase
        self._phase = phase
        daily = service.checklists.daily_items(phase)
        if [i.key for i in self.items] != [item.key for item, _state in daily]:
            for widget in self.items:
                self._list.removeWidget(widget)
                widget.deleteLater()
            self.items = []
            for item, _state in daily:
                widget = TickItem(item.text, item.key)
                widget.toggled.connect(self._on_item_toggled)
                self._list.addWidget(widget)
                self.items.append(widget)
            self._keep_tab_order()
        for widget, (_item, state) in zip(self.items, daily, strict=True):
            widget.box.setChecked(state.ticked)
        done, total = service.checklists.progress(phase)
        ticked = sum(1 for _item, state in daily if state.ticked)
        if daily:
            text = _(
                "Every day while “{phase}”: {ticked} of {count} done today. "
                "The boxes start empty again tomorrow."
            ).format(phase=phase.title, ticked=ticked, count=len(daily))
        else:
            text = _("No daily items in “{phase}”.").format(phase=phase.title)
        text += " " + ngettext(
            "The whole checklist for this phase: {done} of {count} item done.",
            "The whole checklist for this phase: {done} of {count} items done.",
            total,
        ).format(done=done, count=total)
        set_plain(self.summary, text)

    def _keep_tab_order(self) -> None:
        """Tab goes through the boxes where they are seen, before "Open the whole
        checklist": made after the first frame, Qt had put them at the end of the window's
        order, after the vaccine plan's button and the menus (a keyboard try-out)."""
        if not self.items:
            return
        before = self.open_button.previousInFocusChain()
        while before is not self.open_button and not (
            before.focusPolicy() & Qt.FocusPolicy.TabFocus and before.isVisibleTo(self.window())
        ):
            before = before.previousInFocusChain()
        chain = [before, *(item.box for item in self.items), self.open_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    @Slot(bool)
    def _on_item_toggled(self, ticked: bool) -> None:
        item = self.sender()
        if self._phase is None or not isinstance(item, TickItem):
            return
        try:
            self._service.checklists.set_ticked(self._phase, item.key, ticked)
        except WriteError as error:
            item.box.setChecked(not ticked)
            access.announce(self, str(error), assertive=True)
            return
        access.announce(self, _("Ticked for today.") if ticked else _("Unticked for today."))

    def _on_diary_changed(self, changes: Changes) -> None:
        if self._phase is None:
            return
        if self._phase.value in changes.checklist or changes.touches("journey"):
            self.refresh()


class TodayPage(QWidget):
    """Where the patient is today, logging, today's checklist, and what comes next.

    Signals:
        checklist_requested: the user wants the whole checklist (the Checklists page).
        painted: the page was painted (the window's first frame is the first of these).
    """

    checklist_requested = Signal()
    painted = Signal()
    vaccines_requested = Signal()  # issue 21

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("today-page")
        self.header = HeaderWidget(diary)
        self.quick_entry = QuickEntryPanel(diary)
        self.daily = DailyChecklist(diary)
        self.daily.open_requested.connect(self.checklist_requested)
        self.coming_up = plain_label()
        self.coming_up.setObjectName("coming-up")
        self.coming_up.setWordWrap(True)
        self.disclaimer = disclaimer_label()
        # Issue 20: when reminders cannot reach the patient, say so and how to fix it.
        self.reach_box = QFrame()  # holds the label: the page's own labels stay its first
        self.reach_box.setFrameShape(QFrame.Shape.Box)
        self.reach = plain_label()
        self.reach.setObjectName("reminders-cannot-reach")
        self.reach.setWordWrap(True)
        self.reach.setMargin(typography.line() // 2)
        box = QVBoxLayout(self.reach_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.reach)
        self.reach_box.hide()
        layout = QVBoxLayout(self)
        typography.spacing(layout, 0.8, margins=0.8)
        layout.addWidget(self.header)
        layout.addWidget(self.reach_box)
        layout.addWidget(section_title(_("Log how you are now")))
        layout.addWidget(self.quick_entry)
        layout.addWidget(section_title(_("Today's checklist")))
        layout.addWidget(self.daily)
        layout.addWidget(section_title(_("Coming up")))
        layout.addWidget(self.coming_up)
        # Issue 21: infection risk now, vaccines due (the lead may move this block).
        from companion.ui.immunity_today import ImmunityTodayPanel

        self.immunity = ImmunityTodayPanel(diary)
        self.immunity.open_requested.connect(self.vaccines_requested)
        layout.addWidget(section_title(_("Infection risk and vaccines")))
        layout.addWidget(self.immunity)
        layout.addWidget(self.disclaimer)
        layout.addStretch(1)
        diary.changed.connect(self._on_diary_changed)
        self.refresh()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def load_deferred(self) -> None:
        """What waits for the first frame: the checklist files and the symptom list."""
        self.daily.load()
        self.quick_entry.load_vocabulary(self._service.settings.vocabulary)
        self.immunity.load()  # issue 21

    def refresh(self) -> None:
        """After a day change or a change of dates: every part again."""
        self.header.refresh()
        self.quick_entry.refresh()
        self.daily.refresh()
        self._show_coming_up()
        self.immunity.refresh()  # issue 21

    def show_reach(self, sentence: str) -> None:
        """Issue 20: "Reminders cannot pop up on this computer: …" (hidden when empty)."""
        set_plain(self.reach, sentence)
        self.reach_box.setVisible(bool(sentence))
        self.reach.setAccessibleName(sentence)

    def _show_coming_up(self) -> None:
        service = self._service
        status = service.transplants.status()
        transplant = status.transplant
        upcoming = [m for m in service.transplants.milestones() if m.day > status.day][:3]
        lines = []
        for milestone in upcoming:
            days = milestone.day - status.day
            title = milestone.title
            if not title.startswith(format_day(milestone.day)):
                title = _("{day}: {milestone}").format(
                    day=format_day(milestone.day), milestone=title
                )
            line = ngettext(
                "• {milestone}, {date} (in {count} day)",
                "• {milestone}, {date} (in {count} days)",
                days,
            )
            lines.append(
                line.format(
                    milestone=title,
                    date=format_date(transplant.date_of(milestone.day)),
                    count=days,
                )
            )
        set_plain(self.coming_up, "\n".join(lines) or _("Nothing more is planned in the app."))

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("journey", "settings"):
            self._show_coming_up()
