"""The alert card: shown when a rule fires, until the user records contacting the team."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.domain.alerts import NEUTROPENIA_ANC, AlertKind, AlertLevel
from companion.domain.days import format_date
from companion.domain.wording import (
    advice_for,
    alert_reason,
    anc_line,
    call_team_line,
    contact_button_text,
    emergency_line,
    headline,
)
from companion.service.changes import Changes
from companion.ui.confirm import ConfirmDialog
from companion.ui.diary import Diary
from companion.ui.text import escape


class AlertCard(QFrame):
    """Says why, whom to call at this hour, the latest ANC, and advice that fits the alert.

    It is never cleared by a later normal reading and never goes down a level while open.
    "I contacted my team" ("I called emergency services" on an emergency card) asks once,
    then records the contact; Edit → Undo takes it back.

    Signals:
        contacted(object): the user recorded a contact (the service's ``Contact``).
    """

    contacted = Signal(object)

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("alert-card")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(3)
        self.setStyleSheet(
            "QFrame#alert-card { border: 4px solid #b00020; background: #fff4f4; }"
            "QFrame#alert-card QLabel { color: #1b1b1b; background: transparent; }"
        )
        self.setAccessibleName("Alert")
        self._level: AlertLevel | None = None
        self.plain_text = ""
        self.icon = QLabel("⚠")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 3)
        self.icon.setFont(big)
        self.icon.setAccessibleName("Warning")
        self.headline = QLabel()
        self.headline.setObjectName("alert-headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        head = QFont(self.font())
        head.setPointSizeF(head.pointSizeF() * 1.7)
        head.setBold(True)
        self.headline.setFont(head)
        self.body = QLabel()
        self.body.setObjectName("alert-body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_button = QPushButton()
        self.contact_button.setMinimumHeight(int(self.fontMetrics().height() * 2.6))
        self.contact_button.clicked.connect(self._on_contact_button_clicked)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.body)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self.contact_button, 0, Qt.AlignmentFlag.AlignBottom)
        diary.changed.connect(self._on_diary_changed)
        self.hide()

    @property
    def level(self) -> AlertLevel | None:
        return self._level

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("alerts", "team", "settings", "labs"):
            self.refresh()

    def refresh(self) -> None:
        service = self._service
        alerts = service.open_alerts()
        self._level = service.card_level()
        if self._level is None:
            self.hide()
            self.plain_text = ""
            return
        vocabulary = service.vocabulary
        unit = service.temperature_unit
        country = service.country
        now = service.now()
        self.headline.setText(headline(self._level, country))
        reasons = [
            f"{a.raised_at:%H:%M} {format_date(a.raised_at.date())}: "
            f"{alert_reason(a, vocabulary, unit)}"
            for a in alerts
        ]
        lines: list[str] = []
        if self._level is AlertLevel.EMERGENCY:
            lines.append(emergency_line(country))
        lines.append(call_team_line(service.team, now))
        if any(a.kind is AlertKind.FEVER for a in alerts):
            lines.append(anc_line(service.latest_anc(), service.count_unit, NEUTROPENIA_ANC))
        lines += advice_for(alerts, service.team_advice)
        items = "".join(f"<li>{escape(r)}</li>" for r in reasons)
        html = [f"<ul>{items}</ul>"]
        for index, line in enumerate(lines):
            style = " style='font-size: large;'" if index == 0 else ""
            bold = ("<b>", "</b>") if index == 0 else ("", "")
            html.append(f"<p{style}>{bold[0]}{escape(line)}{bold[1]}</p>")
        self.body.setText("".join(html))
        button = contact_button_text(self._level)
        self.contact_button.setText(button)
        self.contact_button.setAccessibleName(button)
        self.plain_text = "\n".join([self.headline.text(), *reasons, *lines])
        self.setAccessibleDescription(self.plain_text)
        self.show()

    @Slot()
    def _on_contact_button_clicked(self) -> None:
        emergency = self._level is AlertLevel.EMERGENCY
        question = (
            "Record that you called emergency services now? The card goes away; the call is "
            "kept in your diary log. Edit → Undo brings the card back."
            if emergency
            else "Record that you contacted your transplant team now? The card goes away; the "
            "contact is kept in your diary log. Edit → Undo brings the card back."
        )
        yes = contact_button_text(self._level)
        if not ConfirmDialog.ask(self, "Record the contact", question, yes, "Not yet"):
            return
        contact = self._service.acknowledge()
        if contact is not None:
            self.contacted.emit(contact)
