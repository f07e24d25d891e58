"""The alert card: shown when a rule fires, until the user records contacting the team.

It is an NHS-style care card: a coloured heading that says its level in words ("Urgent",
"Immediate action required") and what to do, then why, whom to call at this hour, the
latest ANC and advice that fits the alert. It stays above every page, compact: its body
scrolls inside it when the window is short, so the card never pushes the window past the
screen and its button is always in view. Screen readers meet it as an alert, are told when
it appears, and read its text as plain text.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPalette, QPen, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from companion.domain.alerts import AlertLevel
from companion.domain.entries import EntryKind
from companion.domain.wording import (
    IMMEDIATE,
    care_level,
    contact_button_text,
)
from companion.i18n import _
from companion.service.changes import Changes
from companion.ui import access, theme, typography
from companion.ui.confirm import ConfirmDialog
from companion.ui.diary import Diary
from companion.ui.text import set_plain


class AlertCard(QFrame):
    """Says why, whom to call at this hour, the latest ANC, and advice that fits the alert.

    It is never cleared by a later normal reading and never goes down a level while open.
    "I contacted my team" ("I called emergency services" on an emergency card) asks once,
    then records the contact; Edit → Undo takes it back.

    Signals:
        contacted(object): the user recorded a contact (the service's ``Contact``).
        opening(): the card is about to show (the window gives it its room first).
    """

    contacted = Signal(object)
    opening = Signal()
    accessible_role = "AlertMessage"  # a QAccessible.Role

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("alert-card")
        self._level: AlertLevel | None = None
        self._alert_ids: frozenset = frozenset()
        self._room = 10_000
        self._most: int | None = None
        self._key = 1  # the body's paragraphs that always show: whom to call, the reading
        self._built = False
        self.plain_text = ""
        # The widget the card's button comes before when Tab moves on (the window's page
        # list): the card's parts are made when a first alert needs them, after the rest.
        self.focus_before: QWidget | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        diary.changed.connect(self._on_diary_changed)
        self.hide()

    def _build(self) -> None:
        """Make the card's parts (not at start-up when no alert is open: the window appears
        sooner without them)."""
        if self._built:
            return
        self._built = True
        self.heading = QWidget()
        self.heading.setObjectName("alert-heading")
        self.heading.setAutoFillBackground(True)
        self.level_label = typography.role(QLabel(), bold=True)
        self.level_label.setObjectName("alert-level")
        self.headline = typography.heading(QLabel(), 2)
        self.headline.setObjectName("alert-headline")
        for label in (self.level_label, self.headline):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.contact_button = typography.role(QPushButton(), min_lines=2.4, bold=True)
        self.contact_button.setObjectName("alert-contact")
        self.contact_button.clicked.connect(self._on_contact_button_clicked)
        # The button sits in the heading's band, beside the level ("Urgent:"), with what to
        # do across the whole width below them; the body gets the card's whole width too, so
        # the number to call and the reading take few lines (issue 23: beside the body, the
        # button left it half the width, and the reading scrolled out of sight).
        level_row = QHBoxLayout()
        typography.spacing(level_row, 0.6)
        level_row.addWidget(self.level_label, 1, Qt.AlignmentFlag.AlignBottom)
        level_row.addWidget(self.contact_button, 0, Qt.AlignmentFlag.AlignTop)
        heading_rows = QVBoxLayout(self.heading)
        typography.spacing(heading_rows, 0.1, margins=0.4)
        heading_rows.addLayout(level_row)
        heading_rows.addWidget(self.headline)

        self.content = QWidget()
        self.content.setObjectName("alert-content")
        self.content.setAutoFillBackground(True)
        self.body = QLabel()
        self.body.setObjectName("alert-body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("alert-body-scroll")
        self.body_scroll.setWidget(self.body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body_scroll.viewport().setAutoFillBackground(False)
        self.body.setAutoFillBackground(False)
        rows = QVBoxLayout(self.content)
        typography.spacing(rows, 0.6, margins=0.5)
        rows.addWidget(self.body_scroll, 1)

        layout = QVBoxLayout(self)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.content)
        self._apply_border()
        before = self.focus_before
        if before is not None:  # first on screen, first to Tab to
            QWidget.setTabOrder(before.previousInFocusChain(), self.contact_button)
            QWidget.setTabOrder(self.contact_button, before)

    @property
    def level(self) -> AlertLevel | None:
        return self._level

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("alerts", "team", "settings", "labs"):
            self.refresh()
        elif self._level is not None and any(
            entry.kind is EntryKind.TEMPERATURE
            for entry in (
                *changes.entries_added,
                *changes.entries_updated,
                *changes.entries_removed,
            )
        ):
            self.refresh()  # a reading of the open episode: the card lists it

    def refresh(self) -> None:
        """Show the open alerts' card as the diary has it now (or hide the card): also when
        only the clock moved, so the number to call follows the team's hours."""
        words = self._service.log.card()
        if words is None:
            self._level, self._alert_ids, self._readings = None, frozenset(), {}
            self.hide()
            self.plain_text = ""
            return
        self._build()
        level = words.level
        set_plain(self.level_label, f"{words.level_words}:")
        set_plain(self.headline, words.headline)
        body = words.body
        set_plain(self.body, "\n".join(body))
        self._key = 2 if words.reasons else 1
        button = contact_button_text(level)
        self.contact_button.setText(button)
        self.contact_button.setAccessibleName(button)
        self.plain_text = words.text
        self.setAccessibleName(words.title)
        self.setAccessibleDescription("\n".join(body))
        ids = frozenset(words.readings) | frozenset(
            i for i in self._service_alert_ids() if i is not None
        )
        old = getattr(self, "_readings", {})
        grown = any(not set(r) <= set(old.get(i, ())) for i, r in words.readings.items())
        news = level != self._level or not ids <= self._alert_ids or grown
        self._level, self._alert_ids, self._readings = level, ids, dict(words.readings)
        self._apply_colours()
        if self.isHidden():
            self.opening.emit()  # the window gives the card its room before it shows
        self.show()
        self._fit_body()
        latest = words.reasons[-1] if words.reasons else ""
        if grown and words.reasons:
            # A higher reading on the open card: say it first.
            latest = next(
                (r for r in words.reasons if r.startswith("Readings in this episode")), latest
            )
        self._spoken = f"{words.title}. {words.first} {latest}"
        if news:  # a new card, a new reason or a new reading on it: say so
            access.announce(self, self._spoken, assertive=True)

    def _service_alert_ids(self) -> list[int | None]:
        return [a.id for a in self._service.log.open_alerts()]

    def announce(self) -> None:
        """Say the open card again (the window does once its screen reader link is up)."""
        if self._level is not None:
            access.announce(self, self._spoken, assertive=True)

    # Size: compact, never taller than the room the window gives it -------------------------

    def set_room(self, height: int, most: int | None = None) -> None:
        """The window's height: the card takes about two fifths of it (more than half when
        it says to call emergency services), and room for the number to call and the reading
        whatever the share; but never more than ``most`` pixels, what the window has left
        once the page list and the page have their least (so the card never makes the
        window taller than its screen)."""
        self._room = max(height, 1)
        self._most = most
        self._fit_body()

    def _line_bottoms(self, width: int) -> list[tuple[int, int]]:
        """Where each line of the body ends at ``width`` (pixels from the top), with the
        paragraph it belongs to: laid out as the body label lays it out (a plain-text
        document with no margin, in the label's font)."""
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.body.font())
        document.setPlainText(self.body.text())
        document.setTextWidth(width)
        layout = document.documentLayout()
        bottoms = []
        block = document.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                bottoms.append((math.ceil(top + line.y() + line.height()), block.blockNumber()))
            block = block.next()
        return bottoms

    def _measures(self) -> tuple[int, int]:
        """The card's height without its body's lines (the heading, the margins and the
        border) and the body's width, at the card's width now."""
        frame = self.contentsMargins() + self.layout().contentsMargins()
        margins = self.content.layout().contentsMargins()
        inner = max(self.width() - frame.left() - frame.right(), typography.line() * 10)
        chrome = self.heading.heightForWidth(inner)
        if chrome < 0:
            chrome = self.heading.sizeHint().height()
        chrome += margins.top() + margins.bottom() + frame.top() + frame.bottom()
        width = max(inner - margins.left() - margins.right(), typography.line() * 5)
        return chrome, width

    def _scrolling_lines(self, width: int) -> list[tuple[int, int]]:
        """The body's lines when it scrolls: the scroll bar takes some of the width."""
        bar = self.body_scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self._line_bottoms(max(width - bar, typography.line() * 5))

    def _key_bottom(self, lines: list[tuple[int, int]]) -> int:
        """Where the lines that always show (whom to call, the reading) end."""
        return max(bottom for bottom, paragraph in lines if paragraph < self._key)

    def least_height(self) -> int:
        """The card's height with no more of its body than the number to call and the
        reading (0 when no card is open)."""
        if self._level is None or not self._built:
            return 0
        chrome, width = self._measures()
        lines = self._line_bottoms(width)
        if not lines:
            return chrome
        if lines[-1][0] > self._key_bottom(lines):  # the rest scrolls below them
            lines = self._scrolling_lines(width)
        return chrome + self._key_bottom(lines)

    def _fit_body(self) -> None:
        """Whole lines only, never one cut in half: the number to call and the reading
        show without scrolling; what does not fit (the counts, the advice) scrolls inside
        the card."""
        if self._level is None or not self._built:
            return
        chrome, width = self._measures()
        lines = self._line_bottoms(width)
        if not lines:
            return
        share = 0.55 if self._level is AlertLevel.EMERGENCY else 0.42
        # An emergency card may take more than half the window, never much more.
        ceiling = int(self._room * 0.58) - chrome
        if self._most is not None:
            ceiling = min(ceiling, self._most - chrome)
        whole = lines[-1][0]
        if whole <= self._want(lines, share, chrome, ceiling):
            height = whole
        else:  # it scrolls: the scroll bar takes some width, and the lines wrap again
            lines = self._scrolling_lines(width)
            want = self._want(lines, share, chrome, ceiling)
            height = lines[0][0]  # at least the first line, whatever the room
            for bottom, _paragraph in lines:
                if bottom <= want:
                    height = bottom
        self.body_scroll.setFixedHeight(height)
        # The heading's lines wrap at the card's width: the card is exactly as tall as its
        # parts, so the window's layout neither squeezes the heading nor counts it short.
        self.setFixedHeight(chrome + height)

    def _want(self, lines: list[tuple[int, int]], share: float, chrome: int, ceiling: int) -> int:
        """The body's height: its share of the window, or the number to call and the reading
        if they need more; within the ceiling."""
        return min(max(int(self._room * share) - chrome, self._key_bottom(lines)), ceiling)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_body()

    # Colours: the care card's level, in light and dark ---------------------------------------

    def _border(self) -> int:
        return max(3, round(typography.line() / 6))

    def _apply_border(self) -> None:
        width = self._border()
        self.setContentsMargins(width, width, width, width)

    def _apply_colours(self) -> None:
        scheme = theme.scheme(self.palette())
        immediate = self._level is not None and care_level(self._level) == IMMEDIATE
        heading = QPalette(self.palette())
        heading.setColor(QPalette.ColorRole.Window, scheme.urgent)
        heading.setColor(QPalette.ColorRole.WindowText, scheme.on_card)
        self.heading.setPalette(heading)
        content = QPalette(self.palette())
        if immediate:  # NHS "immediate": a black body with white words
            content.setColor(QPalette.ColorRole.Window, scheme.immediate_body)
            content.setColor(QPalette.ColorRole.WindowText, scheme.on_card)
        else:
            content.setColor(
                QPalette.ColorRole.Window, self.palette().color(QPalette.ColorRole.Base)
            )
            content.setColor(
                QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.Text)
            )
        self.content.setPalette(content)
        self.body.setPalette(content)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if not self._built:
            return
        if event.type() == QEvent.Type.PaletteChange and self._level is not None:
            self._apply_colours()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_border()
            self._fit_body()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        width = self._border()
        painter.setPen(QPen(theme.scheme(self.palette()).card_edge, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = width / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()

    # The contact ---------------------------------------------------------------------------

    @Slot()
    def _on_contact_button_clicked(self) -> None:
        emergency = self._level is AlertLevel.EMERGENCY
        rest = any(a.level is not AlertLevel.EMERGENCY for a in self._service.log.open_alerts())
        if emergency and rest:
            question = _(
                "Record that you called emergency services now? The emergency items close; the "
                "others stay on the card until you tell your transplant team. The call is kept "
                "in your diary log. Edit → Undo takes it back."
            )
        elif emergency:
            question = _(
                "Record that you called emergency services now? The card goes away; the call "
                "is kept in your diary log. Edit → Undo brings the card back."
            )
        else:
            question = _(
                "Record that you contacted your transplant team now? The card goes away; the "
                "contact is kept in your diary log. Edit → Undo brings the card back."
            )
        yes = contact_button_text(self._level)
        if not ConfirmDialog.ask(self, _("Record the contact"), question, yes, _("Not yet")):
            return
        contact = self._service.log.acknowledge()
        if contact is not None:
            self.contacted.emit(contact.value)
