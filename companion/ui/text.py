"""One way to put words on screen: user text is always plain text, never guessed as HTML.

Qt guesses rich text in labels, tooltips and message boxes; a note, a team name or a path
holding "<b>" or "<img src=…>" would be rendered. Every label that shows user text goes
through ``plain_label``/``set_plain``, every message box through ``message_box``, every
tooltip through ``tooltip``; where the app builds HTML itself it escapes user text with
``escape``. tests/ui/test_plain_text.py walks the whole window to find any that does not.
"""

from __future__ import annotations

from html import escape as _escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # message boxes load when first needed, not at start-up
    from PySide6.QtWidgets import QMessageBox


def escape(text: str) -> str:
    """User text made safe to place inside HTML the app builds."""
    return _escape(text, quote=True)


def set_plain(label: QLabel, text: str) -> None:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    set_plain(label, text)
    return label


def markdown_as_read(markdown: str) -> str:
    """What a Markdown text says, without its marks ("#", "**", "- "): for a screen reader,
    which is given a label's source text (it read "# Por qué … **prevenir**", issue 23)."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setMarkdown(markdown)
    return document.toPlainText().strip()


def tooltip(text: str) -> str:
    """A tooltip that Qt shows as plain text whatever it holds (Qt treats a tooltip as rich
    text when it looks like HTML; escaping and a <p> wrapper make it show the characters)."""
    return f"<p>{escape(text)}</p>" if text else ""


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    parent: QWidget | None = None,
    buttons: QMessageBox.StandardButton | None = None,
) -> QMessageBox:
    """A message box whose text is shown as plain text (a path or a name holding "<b>"
    shows those characters), with ``title`` as its accessible name."""
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.NoButton
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAccessibleName(title)
    return box
