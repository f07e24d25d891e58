"""The alert card: shown when a rule fires, until the user records contacting the team."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.domain.alerts import NEUTROPENIA_ANC, AlertLevel
from companion.domain.days import format_date
from companion.domain.labs import count_text
from companion.domain.rules import card_level
from companion.ui.diary import Diary

EMERGENCY_NUMBERS = "your emergency number (for example 999, 911 or 112)"


class AlertCard(QFrame):
    """Says why, whom to call at this hour, the latest ANC, and the team's advice.

    It is never cleared by a later normal reading and never goes down a level while open.

    Signals:
        contacted: the user pressed "I contacted my team".
    """

    contacted = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
        self.setObjectName("alert-card")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(3)
        self.setStyleSheet(
            "QFrame#alert-card { border: 4px solid #b00020; background: #fff4f4; }"
            "QFrame#alert-card QLabel { color: #1b1b1b; background: transparent; }"
        )
        self.setAccessibleName("Alert")
        self._level: AlertLevel | None = None
        self.icon = QLabel("⚠")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 3)
        self.icon.setFont(big)
        self.icon.setAccessibleName("Warning")
        self.headline = QLabel()
        self.headline.setObjectName("alert-headline")
        head = QFont(self.font())
        head.setPointSizeF(head.pointSizeF() * 1.7)
        head.setBold(True)
        self.headline.setFont(head)
        self.body = QLabel()
        self.body.setObjectName("alert-body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_button = QPushButton("I contacted my team")
        self.contact_button.setAccessibleName("I contacted my team")
        self.contact_button.setMinimumHeight(int(self.fontMetrics().height() * 2.6))
        self.contact_button.clicked.connect(self._on_contact_button_clicked)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.body)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self.contact_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.hide()

    @property
    def level(self) -> AlertLevel | None:
        return self._level

    def refresh(self) -> None:
        alerts = self._diary.open_alerts()
        self._level = card_level(alerts)
        if self._level is None:
            self.hide()
            return
        diary = self._diary
        self.headline.setText(self._level.headline)
        reasons = "".join(
            f"<li>{a.raised_at:%H:%M} {format_date(a.raised_at.date())}: {escape(a.reason)}</li>"
            for a in alerts
        )
        parts = [f"<ul>{reasons}</ul>"]
        if self._level is AlertLevel.EMERGENCY:
            parts.append(
                f"<p><b>Call {EMERGENCY_NUMBERS} now.</b> Then tell your transplant team.</p>"
            )
        if diary.team is not None:
            label, number = diary.team.number_now(diary.now())
            parts.append(
                f"<p style='font-size: large;'><b>Contact your transplant team: "
                f"{escape(number)}</b> ({label.lower()} number).</p>"
            )
        if any(a.kind == "fever" for a in alerts):
            latest = diary.latest_anc()
            if latest is None:
                parts.append("<p>Latest neutrophil count (ANC): none recorded in the app.</p>")
            else:
                day, anc = latest
                low = (
                    " <b>A fever with an ANC below 0.5 is an emergency for your team: "
                    "call them now.</b>"
                    if anc < NEUTROPENIA_ANC
                    else ""
                )
                parts.append(
                    f"<p>Latest neutrophil count (ANC): {count_text(anc, diary.count_unit)} on "
                    f"{format_date(day)}.{low}</p>"
                )
        parts.append(f"<p>{escape(diary.team_advice)}</p>")
        self.body.setText("".join(parts))
        self.setAccessibleDescription(self.headline.text() + ". " + self.body.text())
        self.show()

    @Slot()
    def _on_contact_button_clicked(self) -> None:
        self._diary.record_contact()
        self.contacted.emit()
