"""The journey page's explanations: pick a phase, see the selected day, read its guide."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from companion.domain.journey import Phase
from companion.domain.wording import alert_reason, entry_summary, lab_summary
from companion.i18n import _, format_day_number, ngettext
from companion.service.changes import Changes
from companion.ui import access, typography
from companion.ui.dates import date_in_words
from companion.ui.diary import Diary
from companion.ui.phases import PhaseChooser
from companion.ui.text import plain_label, set_plain
from companion.ui.today_page import disclaimer_label


class GuideBrowser(QTextBrowser):
    """The guide, as tall as its text: the page around it scrolls, not a box inside it.

    Links: a web address opens the web browser; a glossary word (``glossary:`` link) shows
    its meaning beside the pointer, or, from the keyboard (Tab to the word), beside the
    word and said by the screen reader; Enter on it does the same.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setAccessibleName(_("Guide for the selected phase"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_highlighted)
        self.cursorPositionChanged.connect(self._on_cursor_position_changed)
        self.document().contentsChanged.connect(self._fit)
        self.shown_definition = ""

    def _fit(self) -> None:
        width = self.viewport().width()
        if width <= 0:
            return
        self.document().setTextWidth(width)
        frame = self.frameWidth() * 2
        height = int(self.document().size().height()) + frame + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.document().setDefaultFont(self.font())
            self._fit()

    def wheelEvent(self, event) -> None:
        event.ignore()  # nothing to scroll inside: the page scrolls

    def _page(self) -> QScrollArea | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab from link to link: each comes into view (Qt moves the text cursor to it
        without saying so: ten Tabs went below the window's edge)."""
        moved = super().focusNextPrevChild(next)
        if moved and self.hasFocus():
            self._on_cursor_position_changed()
        return moved

    @Slot()
    def _on_cursor_position_changed(self) -> None:
        """Tab to a link: bring it into view in the page (the browser itself never scrolls)."""
        page = self._page()
        if page is None or page.widget() is None:
            return
        rect = self.cursorRect()
        spot = self.viewport().mapTo(page.widget(), rect.center())
        page.ensureVisible(spot.x(), spot.y(), 20, rect.height() * 2)

    def definition(self, url: QUrl) -> str | None:
        if url.scheme() != "glossary":
            return None
        from companion.content.glossary import load_glossary

        entry = load_glossary().get(url.toString())
        return f"{entry.word}: {entry.definition}" if entry else None

    def show_definition(self, url: QUrl, at: QPoint | None = None) -> None:
        text = self.definition(url)
        if text is None:
            return
        self.shown_definition = text
        if at is None:
            rect = self.cursorRect()
            at = self.viewport().mapToGlobal(rect.bottomLeft())
        QToolTip.showText(at, text, self)
        access.announce(self, text)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "glossary":
            self.show_definition(url)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    @Slot(QUrl)
    def _on_highlighted(self, url: QUrl) -> None:
        if url.isEmpty():
            return
        from PySide6.QtGui import QCursor

        under_mouse = self.viewport().underMouse()
        self.show_definition(url, QCursor.pos() if under_mouse else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            anchor = self.textCursor().charFormat().anchorHref()
            if anchor.startswith("glossary:"):
                self.show_definition(QUrl(anchor))
                event.accept()
                return
        super().keyPressEvent(event)


class GuidePanel(QWidget):
    """Phase choices, what the selected day holds, and the phase's guide.

    Signals:
        phase_chosen(str): the user chose a phase (the phase id).
        day_entries_requested(object): "Show in the log" for the selected day (a date).
    """

    phase_chosen = Signal(str)
    day_entries_requested = Signal(object)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self._phase: Phase | None = None
        self._shown: tuple | None = None
        self.chooser = PhaseChooser(_("Show the guide for"))
        self.buttons = self.chooser.buttons
        self.chooser.chosen.connect(self.phase_chosen)

        self.day_label = typography.heading(plain_label(), 2)
        self.day_label.setObjectName("selected-day")
        self.day_label.setWordWrap(True)
        self.milestone_label = plain_label()
        self.milestone_label.setWordWrap(True)
        self.entries_label = plain_label()
        self.entries_label.setObjectName("day-entries")
        self.entries_label.setWordWrap(True)
        self.entries_button = typography.role(QPushButton(_("Show in the diary log")), min_lines=2)
        self.entries_button.setAccessibleName(_("Show this day's entries in the diary log"))
        self.entries_button.clicked.connect(self._on_entries_button_clicked)
        self._entries_loaded = False
        self._day = None

        self.browser = GuideBrowser()
        self.disclaimer = disclaimer_label()

        entries_row = QHBoxLayout()
        typography.spacing(entries_row, 0.6)
        entries_row.addWidget(self.entries_label, 1)
        entries_row.addWidget(self.entries_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(layout, 0.7)
        layout.addWidget(self.day_label)
        layout.addWidget(self.milestone_label)
        layout.addLayout(entries_row)
        layout.addWidget(self.chooser)
        layout.addWidget(self.browser)
        layout.addWidget(self.disclaimer)
        diary.changed.connect(self._on_diary_changed)

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("entries", "labs", "alerts", "settings"):
            self._show_entries()
        if changes.touches("settings", "team", "journey"):
            self._shown = None  # the limits, the country or the kind may have changed
            if self._phase is not None:
                self.show_phase(self._phase)

    @property
    def phase(self) -> Phase | None:
        return self._phase

    def show_day(self, day: int) -> None:
        """Show the selected day's date, phase and milestones, and that phase's guide."""
        diary = self._service
        transplant = diary.transplants.active
        today = diary.today()
        phase = transplant.phase_on(transplant.date_of(day), today, diary.settings.numbers)
        when = day == transplant.day_number(today)
        parts = {
            "day": format_day_number(day),
            "date": date_in_words(transplant.date_of(day)),
            "phase": _(phase.title),
        }
        if when:
            set_plain(self.day_label, _("{day} · {date} (today) · {phase}").format(**parts))
        else:
            set_plain(self.day_label, "{day} · {date} · {phase}".format(**parts))
        notes = [
            f"◆ {m.title}: {m.detail}"
            for m in transplant.milestones(diary.settings.numbers)
            if m.day == day or (m.last_day is not None and m.day <= day <= m.last_day)
        ]
        set_plain(self.milestone_label, "\n".join(notes))
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
        entries = service.log.on(self._day)
        counts = service.labs.on(self._day)
        unit = service.settings.temperature_unit
        vocabulary = service.settings.vocabulary
        raised = {a.entry_id: a for a in service.log.alerts_of(e.id for e in entries if e.id)}

        def line(entry) -> str:
            text = f"{entry.at:%H:%M} {entry_summary(entry, vocabulary, unit)}"
            if entry.id in raised:
                text = f"⚠ {text} ({alert_reason(raised[entry.id], vocabulary, unit)})"
            return text.strip()

        flagged = [e for e in entries if e.id in raised]
        others = [e for e in entries if e.id not in raised]
        shown = [line(e) for e in flagged] + [line(e) for e in others[-4:]]
        text = ngettext(
            "Diary on this day: {count} entry", "Diary on this day: {count} entries", len(entries)
        ).format(count=len(entries))
        if shown:
            listed = " · ".join(shown)
            if len(others) > 4:
                more = len(others) - 4
                listed = ngettext(
                    "{entries} and {count} more", "{entries} and {count} more", more
                ).format(entries=listed, count=more)
            text += f" — {listed}"
        for lab in counts:
            summary = lab_summary(lab, service.settings.count_unit, service.settings.hb_unit)
            text += ". " + _("Blood counts at {time}: {summary}").format(
                time=f"{lab.at:%H:%M}", summary=summary
            )
        set_plain(self.entries_label, text)
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
        from companion.ui.guide_html import guide_html

        self._phase = phase
        self.chooser.choose(phase)
        service = self._service
        kind = service.transplants.active.kind
        team = service.settings.team  # issue 21: the call-now card gives the team's numbers
        key = (phase, kind, self.palette().color(self.palette().ColorRole.Base).rgb(), team)
        if key != self._shown:  # re-rendering the same guide would lose the reader's place
            self._shown = key
            self.browser.setHtml(
                guide_html(
                    phase,
                    kind,
                    service.settings.numbers,
                    service.settings.country,
                    self.palette(),
                    team=team,
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._phase is not None:
            self.show_phase(self._phase)  # the care cards' colours follow light and dark


__all__ = ["GuideBrowser", "GuidePanel", "PhaseChooser"]
