"""The header: today's day and phase, what comes next, and the team's numbers at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.domain.days import format_date, format_day
from companion.domain.wording import contacted_line, plural, team_lines, team_text
from companion.service.changes import Changes
from companion.ui.diary import Diary
from companion.ui.text import escape, set_plain


class HeaderWidget(QFrame):
    """Always says where the patient is today, and whom to call."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        self.setObjectName("header")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.today_label = QLabel()
        self.today_label.setObjectName("today")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.7)
        big.setBold(True)
        self.today_label.setFont(big)
        self.today_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.contacted_label = QLabel()
        self.contacted_label.setObjectName("contacted")
        self.contacted_label.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.today_label)
        left.addWidget(self.detail_label)
        left.addWidget(self.next_label)
        left.addWidget(self.contacted_label)
        left.addStretch(1)

        self.team_label = QLabel()
        self.team_label.setObjectName("team-numbers")
        self.team_label.setTextFormat(Qt.TextFormat.RichText)
        self.team_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.team_label.setWordWrap(True)
        team_box = QFrame()
        team_box.setObjectName("team-box")
        team_box.setFrameShape(QFrame.Shape.Box)
        team_layout = QVBoxLayout(team_box)
        team_layout.addWidget(self.team_label)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(team_box, 2)
        for label in (self.today_label, self.detail_label, self.next_label, self.contacted_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)
        diary.changed.connect(self._on_diary_changed)
        self.refresh()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("journey", "team", "settings", "labs", "alerts", "entries_added"):
            self.refresh()

    def refresh(self) -> None:
        service = self._service
        status = service.status()
        transplant = status.transplant
        set_plain(self.today_label, f"Today is {format_day(status.day)} · {status.phase.title}")
        self.today_label.setAccessibleName(self.today_label.text())

        which = (
            f"Transplant {transplant.number} of {status.transplant_count} · "
            if status.transplant_count > 1
            else ""
        )
        planned = "" if transplant.day0_confirmed else " (planned)"
        tense = "is" if status.day <= 0 else "was"
        set_plain(
            self.detail_label,
            f"{format_date(status.date)} · {which}{transplant.kind.title}, "
            f"{transplant.source.short} · Day 0 {tense} {format_date(transplant.day0)}{planned}",
        )
        text = ""
        nxt = status.next_milestone
        if nxt is not None:
            days = nxt.day - status.day
            when = "" if nxt.names_its_day else f" on {format_day(nxt.day)}"
            text = (
                f"Next: {nxt.title}{when}, "
                f"{format_date(transplant.date_of(nxt.day))} (in {plural(days, 'day')})"
            )
        if service.counts_check_in_due():
            text += (
                "\nNo count recovery is recorded in the app yet: a good time to ask your team "
                "about your counts."
            )
        set_plain(self.next_label, text)
        contact = service.last_contact()
        if contact is not None and service.card_level() is None:
            entry, alerts = contact
            set_plain(
                self.contacted_label,
                contacted_line(entry.at, alerts, service.temperature_unit, service.today()),
            )
            self.contacted_label.show()
        else:
            self.contacted_label.hide()
        self.team_label.setText(self._team_html())
        plain = team_text(service.team, service.now())
        self.team_label.setAccessibleName("Your transplant team's numbers")
        self.team_label.setAccessibleDescription(plain)
        self.team_label.setToolTip("")

    def _team_html(self) -> str:
        team = self._service.team
        if team is None:
            return "<b>Your transplant team</b><br>No numbers yet: add them in Settings."
        rows = []
        for line in team_lines(team, self._service.now()):
            now = " ◀ call this one now" if line.now else ""
            style = "font-size: large; font-weight: bold;" if line.now else ""
            rows.append(
                f"<div style='{style}'>{line.label}: {escape(line.phone)}{now}</div>"
                f"<div>{escape(line.detail)}</div>"
            )
        name = escape(team.name) if team.name else "Your transplant team"
        return f"<div><b>{name}</b></div>" + "".join(rows)
