"""The Today page's part of issue 21: the infection-risk line, and the vaccine doses
overdue or due with the next one. Light to import: the Today page is built before the
window's first frame, and this fills in just after it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from companion.i18n import _, ngettext
from companion.service.changes import Changes
from companion.ui import typography
from companion.ui.diary import Diary
from companion.ui.text import plain_label, set_plain


def _button(text: str) -> QPushButton:
    button = typography.role(QPushButton(text), min_lines=2.2)
    button.setAccessibleName(text)
    return button


class ImmunityTodayPanel(QWidget):
    """For the Today page: the infection-risk line, the vaccine doses overdue or due, and
    the next one.

    Signals:
        open_requested: "Open the vaccine plan" pressed.
    """

    open_requested = Signal()

    def __init__(self, diary: Diary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = diary.service
        # Neutrophils below 0.5 again after recovery (nurse review 2): first, in bold.
        self.neutrophils_label = plain_label()
        self.neutrophils_label.setObjectName("today-neutrophils-low-again")
        self.neutrophils_label.setWordWrap(True)
        self.neutrophils_label.setStyleSheet("font-weight: bold;")
        self.neutrophils_label.setVisible(False)
        self.period_label = plain_label()
        self.period_label.setObjectName("today-infection-period")
        self.period_label.setWordWrap(True)
        self.vaccines_label = plain_label()
        self.vaccines_label.setObjectName("today-vaccines")
        self.vaccines_label.setWordWrap(True)
        self.open_button = _button(_("Open the vaccine plan"))
        self.open_button.clicked.connect(self.open_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        typography.spacing(layout, 0.4)
        layout.addWidget(self.neutrophils_label)
        layout.addWidget(self.period_label)
        layout.addWidget(self.vaccines_label)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._loaded = False
        diary.changed.connect(self._on_diary_changed)

    def load(self) -> None:
        """Fill in, after the window's first frame (it reads the plan's content file)."""
        self._loaded = True
        self.refresh()

    def refresh(self) -> None:
        from companion.domain.immunity_wording import dose_line, next_dose_line, period_line

        service = self._service
        if not self._loaded or not service.transplants.is_set_up:
            return
        from companion.domain.wording import fallen_again_line

        low = service.labs.neutrophils_low_again()
        set_plain(
            self.neutrophils_label,
            fallen_again_line(low, service.settings.count_unit) if low else "",
        )
        self.neutrophils_label.setVisible(low is not None)
        immunity = service.immunity
        set_plain(
            self.period_label, period_line(immunity.period(), service.transplants.active.kind)
        )
        due = immunity.due()
        lines = [f"• {dose_line(p.dose, p.status)}" for p in due[:4]]
        if len(due) > 4:
            more = len(due) - 4
            lines.append(
                ngettext(
                    "• … and {count} more in the vaccine plan",
                    "• … and {count} more in the vaccine plan",
                    more,
                ).format(count=more)
            )
        following = immunity.next_dose()
        if following is not None:
            lines.append(next_dose_line(following.dose))
        if not lines:
            lines.append(_("No vaccine dose is due."))
        set_plain(self.vaccines_label, "\n".join(lines))
        self.open_button.setVisible(bool(due) or following is not None)

    def _on_diary_changed(self, changes: Changes) -> None:
        if changes.touches("immunity", "journey", "settings", "labs"):
            self.refresh()


__all__ = ["ImmunityTodayPanel"]
