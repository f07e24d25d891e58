"""Issue 12, item 9: the user's own words are shown as the characters they typed, never as
markup. A diary whose team name, notes, custom items and advice hold HTML is shown in the
whole window (every tab built); every label, tooltip and item in it is checked, and so are
the message boxes, the yes/no question, the problem dialog and the print dialog's status."""

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QWidget

from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Phase
from companion.ui.confirm import ConfirmDialog
from companion.ui.main_window import MainWindow
from companion.ui.messages import Messages
from companion.ui.problem_dialog import ProblemDialog

# What a user (or a restored file) might hold: each would show bold text or load an image
# if it were rendered as HTML. The words inside are unique, to find them on screen.
TEAM = '<b>TEAMX</b><img src="file:///etc/hostname">'
NOTE = '<img src="file:///etc/hostname"><b>NOTEX</b><a href="x">link</a>'
ITEM = "<b>ITEMX</b><i>custom</i>"
ADVICE = "<h1>ADVICEX</h1><b>call</b>"
PATH_PART = "<b>PATHX"
MARKS = {"TEAMX": TEAM, "NOTEX": NOTE, "ITEMX": ITEM, "ADVICEX": ADVICE, "PATHX": PATH_PART}


def shown_text(text: str, text_format: Qt.TextFormat) -> str:
    """What a user reads from ``text`` displayed with ``text_format`` (Qt's own rules)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def problems(text: str, text_format: Qt.TextFormat, where: str) -> list[str]:
    """Each user text that ``text`` holds but would not show as typed."""
    found = []
    for mark, typed in MARKS.items():
        if mark in text and typed not in shown_text(text, text_format):
            found.append(f"{where}: {typed!r} rendered as markup in {text!r}")
    return found


def tooltip_problems(text: str, where: str) -> list[str]:
    return problems(text, Qt.TextFormat.AutoText, where)  # Qt guesses for every tooltip


def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: one column (PySide keeps its count private)
        return 1


def model_problems(model: QAbstractItemModel, where: str) -> list[str]:
    found = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns(model, parent)):
                index = model.index(row, column, parent)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    found.extend(tooltip_problems(tip, f"{where} tooltip"))
                walk(index)

    walk(QModelIndex())
    return found


def widget_problems(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            found += problems(widget.text(), widget.textFormat(), name)
        found += tooltip_problems(widget.toolTip(), f"{name} tooltip")
        found += tooltip_problems(widget.whatsThis(), f"{name} what's this")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += model_problems(widget.model(), name)
    return found


@pytest.fixture
def hostile(service):
    """The sample diary, with HTML wherever the user types text."""
    saved = service.settings.save(
        team=replace(service.settings.team, name=TEAM), preferences={"team_advice": ADVICE}
    )
    assert saved
    now = service.now()
    service.log.add(Entry(now - timedelta(minutes=5), EntryKind.NOTE, note=NOTE))
    fever = Entry(now - timedelta(minutes=4), EntryKind.TEMPERATURE, value=39.0, note=NOTE)
    service.log.add(fever)  # an alert card, and the note in the log
    for phase in Phase:
        service.checklists.add_item(phase, ITEM)
    return service


def test_no_label_tooltip_or_item_renders_the_users_html(qtbot, hostile, diary):
    assert diary.service is hostile
    window = MainWindow(diary, "/tmp/some/<b>PATHX")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen = set()
    window.show_page("checklists")
    for phase in Phase:  # every checklist, with the custom item
        window.checklists.show_phase(phase)
        seen |= {mark for mark in MARKS if mark in str(widget_texts(window))}
    window.show_page("journey")
    window.show_page("appointments")
    window.show_page("settings")
    window.show_counts()
    window._show_log()
    window.log_view.ensure_loaded()
    found = widget_problems(window)
    seen |= {mark for mark in MARKS if mark in str(widget_texts(window))}
    assert found == []
    # The check saw the user's text on screen (it cannot pass by finding nothing).
    assert {"TEAMX", "NOTEX", "ITEMX", "ADVICEX"} <= seen


def widget_texts(window: QWidget) -> list[str]:
    texts = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        texts.append(widget.toolTip())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            for row in range(model.rowCount(root)):
                for column in range(columns(model, root)):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(index.data(role)))
    return texts


def test_the_walk_finds_a_label_that_renders_html(qtbot):
    """The check itself can fail: an ordinary QLabel guesses rich text."""
    label = QLabel(f"Team: {TEAM}")
    qtbot.addWidget(label)
    assert widget_problems(label)
    label.setTextFormat(Qt.TextFormat.PlainText)
    assert widget_problems(label) == []


def message_label(box: QMessageBox) -> QLabel:
    return box.findChild(QLabel, "qt_msgbox_label")


@pytest.mark.parametrize("warning", [False, True])
def test_message_boxes_show_plain_text(qtbot, warning):
    box = Messages.build(None, "Saved", f"Wrote 3 entries to /home/{PATH_PART}/x.csv.", warning)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert widget_problems(box) == []
    assert PATH_PART in message_label(box).text()


def test_the_question_and_the_problem_dialog_show_plain_text(qtbot, tmp_path):
    box, _ = ConfirmDialog.build(None, "Restore", f"Replace your diary with {PATH_PART}?", "Yes")
    qtbot.addWidget(box)
    assert widget_problems(box) == []
    backup = tmp_path / "daily-2026-06-01.db"
    backup.write_bytes(b"x")
    problem, _ = ProblemDialog.build(f"The file in /home/{PATH_PART} cannot be opened.", backup)
    qtbot.addWidget(problem)
    assert problem.textFormat() == Qt.TextFormat.PlainText
    assert widget_problems(problem) == []


def test_the_print_dialogs_status_shows_the_path_as_typed(qtbot, diary, tmp_path, monkeypatch):
    from companion.ui.print_dialog import PrintChecklistDialog, PrintSeams

    folder = tmp_path / PATH_PART
    folder.mkdir()
    target = folder / "sheet.pdf"
    monkeypatch.setattr(PrintSeams, "ask_pdf_path", staticmethod(lambda p, s: str(target)))
    dialog = PrintChecklistDialog(diary, Phase.RECOVERY)
    qtbot.addWidget(dialog)
    dialog.pdf_button.click()
    assert Path(target).exists()
    assert PATH_PART in dialog.status.text()
    assert widget_problems(dialog) == []
