"""The Today page's header: today's day and phase, what comes next, and the team's numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from companion.domain.days import format_date, format_day
from companion.domain.wording import contacted_line, team_lines
from companion.i18n import _, ngettext
from companion.service.changes import Changes
from companion.ui import typography
from companion.ui.diary import Diary
from companion.ui.flow import Columns
from companion.ui.text import plain_label, set_plain


def _wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class HeaderWidget(Columns):
    """Always says where the patient is today, and whom to call (every line plain text, so
    a screen reader reads the numbers themselves)."""

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(wide=40, parent=parent)
        self._service = diary.service
        self.setObjectName("header")

        self.today_label = typography.heading(_wrapped(plain_label()), 1)
        self.today_label.setObjectName("today")
        self.detail_label = _wrapped(plain_label())
        self.next_label = _wrapped(plain_label())
        self.contacted_label = _wrapped(plain_label())
        self.contacted_label.setObjectName("contacted")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(left_layout, 0.3)
        for label in (self.today_label, self.detail_label, self.next_label):
            left_layout.addWidget(label)
        left_layout.addWidget(self.contacted_label)
        left_layout.addStretch(1)

        self.team_box = QFrame()
        self.team_box.setObjectName("team-box")
        self.team_box.setFrameShape(QFrame.Shape.Box)
        self.team_title = typography.heading(_wrapped(plain_label()), 3)
        self.team_title.setObjectName("team-name")
        self._team_layout = QVBoxLayout(self.team_box)
        typography.spacing(self._team_layout, 0.2, margins=0.6)
        self._team_layout.addWidget(self.team_title)
        self.team_lines: list[QLabel] = []
        self.add(left, 3)
        self.add(self.team_box, 2)
        diary.changed.connect(self._on_diary_changed)
        self.refresh()

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("journey", "team", "settings", "labs"):
            self.refresh()
        elif changes.touches("alerts", "entries_added"):  # each entry logged: the contact line
            self._show_contact()

    def team_text(self) -> str:
        """The team box as shown, line by line."""
        shown = [label for label in self.team_lines if not label.isHidden()]
        return "\n".join(label.text() for label in (self.team_title, *shown))

    def refresh(self) -> None:
        service = self._service
        status = service.transplants.status()
        transplant = status.transplant
        set_plain(
            self.today_label,
            _("Today is {day} · {phase}").format(
                day=format_day(status.day), phase=status.phase.title
            ),
        )
        which = (
            _("Transplant {number} of {count}").format(
                number=transplant.number, count=status.transplant_count
            )
            + " · "
            if status.transplant_count > 1
            else ""
        )
        day0 = format_date(transplant.day0)
        if status.day <= 0:
            when = (
                _("Day 0 is {date}")
                if transplant.day0_confirmed
                else _("Day 0 is {date} (planned)")
            )
        else:
            when = (
                _("Day 0 was {date}")
                if transplant.day0_confirmed
                else _("Day 0 was {date} (planned)")
            )
        set_plain(
            self.detail_label,
            f"{format_date(status.date)} · {which}{transplant.kind.title}, "
            f"{transplant.source.short} · {when.format(date=day0)}",
        )
        text = ""
        nxt = status.next_milestone
        if nxt is not None:
            days = nxt.day - status.day
            values = {
                "milestone": nxt.title,
                "day": format_day(nxt.day),
                "date": format_date(transplant.date_of(nxt.day)),
                "count": days,
            }
            if nxt.names_its_day:
                text = ngettext(
                    "Next: {milestone}, {date} (in {count} day)",
                    "Next: {milestone}, {date} (in {count} days)",
                    days,
                ).format(**values)
            else:
                text = ngettext(
                    "Next: {milestone} on {day}, {date} (in {count} day)",
                    "Next: {milestone} on {day}, {date} (in {count} days)",
                    days,
                ).format(**values)
        if service.labs.counts_check_in_due():
            text += "\n" + _(
                "No count recovery is recorded in the app yet: a good time to ask your team "
                "about your counts."
            )
        set_plain(self.next_label, text)
        self._show_contact()
        self._show_team()

    def _show_contact(self) -> None:
        """The line saying when the team was last contacted, while no card is open."""
        service = self._service
        contact = service.log.last_contact()
        if contact is not None and service.log.card_level() is None:
            set_plain(
                self.contacted_label,
                contacted_line(
                    contact.entry.at,
                    contact.alerts,
                    service.settings.temperature_unit,
                    service.today(),
                    contact.who.value,
                    contact.worst.value if contact.worst is not None else None,
                    service.settings.vocabulary,
                ),
            )
            self.contacted_label.show()
        else:
            self.contacted_label.hide()

    def _show_team(self) -> None:
        team = self._service.settings.team
        if team is None:
            set_plain(self.team_title, _("Your transplant team"))
            lines = [(_("No numbers yet: add them in Settings."), False)]
        else:
            set_plain(self.team_title, team.name or _("Your transplant team"))
            lines = []
            for line in team_lines(team, self._service.now()):
                said = (
                    _("{label}: {phone} ◀ call this one now") if line.now else _("{label}: {phone}")
                )
                lines.append((said.format(label=line.label, phone=line.phone), line.now))
                lines.append((line.detail, False))
        while len(self.team_lines) < len(lines):
            label = _wrapped(plain_label())
            self._team_layout.addWidget(label)
            self.team_lines.append(label)
        for label, (text, now) in zip(self.team_lines, lines, strict=False):
            set_plain(label, text)
            # The number to call at this hour: larger and bold.
            typography.role(label, scale=typography.HEADINGS[2] if now else 1.0, bold=now)
            label.setObjectName("team-number-now" if now else "team-line")
            label.show()
        for label in self.team_lines[len(lines) :]:
            label.hide()
