"""The header: today's day and phase, what comes next, and the team's numbers at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.domain.days import format_date, format_day
from companion.ui.diary import Diary


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class HeaderWidget(QFrame):
    """Always says where the patient is today, and whom to call."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diary = diary
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
        left = QVBoxLayout()
        left.addWidget(self.today_label)
        left.addWidget(self.detail_label)
        left.addWidget(self.next_label)
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
        for label in (self.today_label, self.detail_label, self.next_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh()

    def refresh(self) -> None:
        diary = self._diary
        today = diary.today()
        transplant = diary.active
        number = transplant.day_number(today)
        phase = transplant.phase_on(today, today, diary.numbers)
        self.today_label.setText(f"Today is {format_day(number)} · {phase.title}")
        self.today_label.setAccessibleName(self.today_label.text())

        assert diary.journey is not None
        count = len(diary.journey.transplants)
        which = f"Transplant {transplant.number} of {count} · " if count > 1 else ""
        planned = "" if transplant.day0_confirmed else " (planned)"
        tense = "is" if number <= 0 else "was"
        self.detail_label.setText(
            f"{format_date(today)} · {which}{transplant.kind.title}, "
            f"{transplant.source.short} · Day 0 {tense} {format_date(transplant.day0)}{planned}"
        )
        upcoming = [m for m in transplant.milestones(diary.numbers) if m.day > number]
        if upcoming:
            nxt = upcoming[0]
            days = nxt.day - number
            when = "" if nxt.title.startswith(format_day(nxt.day)) else f" on {format_day(nxt.day)}"
            self.next_label.setText(
                f"Next: {nxt.title}{when}, "
                f"{format_date(transplant.date_of(nxt.day))} (in {_plural(days, 'day')})"
            )
        else:
            self.next_label.setText("")
        if diary.counts_check_in_due():
            self.next_label.setText(
                self.next_label.text()
                + "\nNo count recovery is recorded in the app yet: a good time to ask your team "
                "about your counts."
            )
        self.team_label.setText(self._team_html())
        self.team_label.setAccessibleName("Your transplant team's numbers")
        self.team_label.setAccessibleDescription(self.team_label.text())

    def _team_html(self) -> str:
        team = self._diary.team
        if team is None:
            return "<b>Your transplant team</b><br>No numbers yet: add them in Settings."
        label_now, _ = team.number_now(self._diary.now())
        rows = []
        for label, phone, detail in (
            ("Office hours", team.office_phone, team.hours_label),
            ("After hours", team.after_hours_phone, "evenings, nights, weekends"),
        ):
            if not phone:
                continue
            now = " ◀ call this one now" if label == label_now else ""
            style = "font-size: large; font-weight: bold;" if label == label_now else ""
            rows.append(
                f"<div style='{style}'>{label}: {_escape(phone)}{now}</div>"
                f"<div>{_escape(detail)}</div>"
            )
        name = _escape(team.name) if team.name else "Your transplant team"
        return f"<div><b>{name}</b></div>" + "".join(rows)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
