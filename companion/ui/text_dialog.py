"""A box of read-only text that scrolls, its button always in view, sized to the screen.

Help → Keyboard shortcuts was a message box 1330 pixels tall at 200 % text in Spanish: its
OK button and half the list were off a 600-pixel screen (issue 23). Here the text scrolls
(arrow keys and Page Down once it has the focus) and the button stays below it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from companion.i18n import _
from companion.ui import typography
from companion.ui.forms import fit_to_screen

# The text wraps at about this many characters where the screen is wide enough (a longer
# line is hard to follow back to its start).
MEASURE = 64


class TextDialog(QDialog):
    """``title`` over ``text`` (plain text, never guessed as HTML) and an OK button."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("text-dialog")
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.setPlainText(text)
        self.text_view.setAccessibleName(title)
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text_view.setTabChangesFocus(True)
        self.text_view.setFrameShape(QFrame.Shape.NoFrame)
        self.text_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox()
        # Our own word, not Qt's: its "OK" is translated only where qtbase_*.qm is loaded.
        self.ok_button = buttons.addButton(_("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        typography.role(self.ok_button, min_lines=2.2)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(buttons)
        self.text_view.setFocus()  # arrow keys scroll, a screen reader reads it; Enter: OK
        fit_to_screen(self, self._wanted().toTuple())

    def _wanted(self) -> QSize:
        """The whole text at about ``MEASURE`` characters a line, and the button below."""
        metrics = self.text_view.fontMetrics()
        lines = self.text_view.toPlainText().splitlines() or [""]
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        # Qt's averageCharWidth is the font's own figure, often far wider than its text.
        char = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        width = round(min(widest, char * MEASURE) + char)
        document = QTextDocument()
        document.setDefaultFont(self.text_view.font())
        document.setDocumentMargin(self.text_view.document().documentMargin())
        document.setPlainText(self.text_view.toPlainText())
        document.setTextWidth(width)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.layout().contentsMargins()
        extra_w = margins.left() + margins.right() + bar + 2 * self.text_view.frameWidth()
        button = self.layout().itemAt(1).widget().sizeHint().height()
        extra_h = margins.top() + margins.bottom() + self.layout().spacing() + button
        return QSize(
            round(document.size().width()) + extra_w,
            # A line to spare: a plain text box lays its lines out a little taller.
            round(document.size().height()) + extra_h + metrics.height(),
        )
