"""What a screen reader, voice control and a user at 200 % text get (issue 23, AT-SPI walk
in Spanish, items 5, 7, 8, 9 and 11): the medicines guide read as words, not Markdown; the
question filter named by its label; a section shown however its button is checked; the
appointments line growing with the text; whole plurals; names holding the visible words;
the list of keys closing with Enter."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget

from companion import i18n
from companion.ui.section_bar import SectionBar


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def _name(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_medicines_guide_is_read_as_words_not_markdown(qtbot, window, language):
    i18n.set_language(language)
    try:
        page = window.show_page("medicines")
        page.guide_button.click()
        qtbot.waitUntil(page.guide.isVisible)
        said = _name(page.guide)
    finally:
        i18n.set_language("en")
    assert "#" not in said and "**" not in said
    assert not [line for line in said.splitlines() if line.lstrip().startswith(("-", "*"))]
    first = said.splitlines()[0]
    assert first == (
        "Why the preventive medicines matter"
        if language == "en"
        else "Por qué importan las medicinas que previenen"
    )
    # The words are all there: the guide's body, bold words and list items too.
    assert ("prevent those infections" if language == "en" else "prevenir esas") in " ".join(
        said.split()
    )


def test_the_question_filter_is_labelled_by_its_visible_label(qtbot, diary, spanish):
    from companion.ui.questions_notebook import QuestionsNotebook

    notebook = QuestionsNotebook(diary)
    qtbot.addWidget(notebook)
    combo = QAccessible.queryAccessibleInterface(notebook.scope_combo)
    labels = [
        other.text(QAccessible.Text.Name)
        for other, _relation in combo.relations(QAccessible.Relation.Label)
    ]
    assert labels == ["Mostrar:"]
    assert notebook.scope_label.buddy() is notebook.scope_combo


def _section_bar(qtbot):
    tabs = QTabWidget()
    for name in ("Transplant", "Team", "History"):
        tabs.addTab(QLabel(name), name)
    bar = SectionBar(tabs)
    qtbot.addWidget(tabs)
    qtbot.addWidget(bar)
    return tabs, bar


def test_checking_a_section_button_any_way_shows_its_section(qtbot):
    tabs, bar = _section_bar(qtbot)
    bar.buttons[2].setChecked(True)  # no click: as a switch or a script does it
    assert tabs.currentIndex() == 2
    assert [b.isChecked() for b in bar.buttons] == [False, False, True]
    # The screen reader's "Toggle" action (what AT-SPI's doAction(0) ran).
    button = QAccessible.queryAccessibleInterface(bar.buttons[1])
    actions = button.actionInterface()
    assert QAccessibleActionInterface.toggleAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.toggleAction())
    assert tabs.currentIndex() == 1
    # Unchecking the shown section leaves it shown and its button checked: one is always.
    bar.buttons[1].setChecked(False)
    assert tabs.currentIndex() == 1
    assert [b.isChecked() for b in bar.buttons] == [False, True, False]


def test_the_next_appointment_line_follows_the_text_size_live(qtbot, window):
    page = window.show_page("appointments")
    line = page.appointments.next_label
    assert line.text()
    before = line.font().pointSizeF()
    window.set_text_size(200)
    qtbot.waitUntil(lambda: line.font().pointSizeF() > before)
    # Larger than the text around it, as at 100 %.
    assert line.font().pointSizeF() > QApplication.font().pointSizeF()
    assert line.font().bold()


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "2 diary entries, 1 alert."), ("es", "2 anotaciones en el diario, 1 aviso.")],
)
def test_the_timeline_says_each_count_with_its_own_plural(qtbot, window, language, said):
    canvas = window.timeline.canvas
    day = canvas.selected_day
    date = diary_date = window.diary.service.transplants.active.date_of(day)
    i18n.set_language(language)
    try:
        canvas.set_marks({diary_date: (2, 1)})
        canvas.select_day(day)
        text = canvas.accessibleDescription()
    finally:
        i18n.set_language("en")
    assert said in text, (date, text)


@pytest.mark.parametrize("language", ["en", "es"])
def test_names_hold_the_words_on_screen(qtbot, diary, language):
    from companion.ui.forms import TransplantForm
    from companion.ui.quick_entry import QuickEntryPanel

    i18n.set_language(language)
    try:
        panel = QuickEntryPanel(diary)
        form = TransplantForm(diary.service.today())
    finally:
        i18n.set_language("en")
    qtbot.addWidget(panel)
    qtbot.addWidget(form)
    more = panel.more_button
    assert _name(more).startswith(more.text()), (_name(more), more.text())
    assert more.accessibleDescription()  # what it is for, said after the name
    check = form.confirmed_check
    assert _name(check) == check.text()
    assert check.text() in (
        "My team has confirmed this date",
        "Mi equipo ha confirmado esta fecha",
    )


def test_the_list_of_keys_scrolls_and_enter_closes_it(qtbot, window):
    from PySide6.QtCore import Qt

    from companion.ui.messages import Messages

    dialog = Messages.build_long(window, "Keyboard shortcuts", window.shortcuts_text())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.text_view  # arrow keys scroll it
    assert "Log a temperature: Ctrl+T" in dialog.text_view.toPlainText()
    assert _name(dialog.text_view) == "Keyboard shortcuts"
    qtbot.keyClick(dialog.text_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == dialog.DialogCode.Accepted
