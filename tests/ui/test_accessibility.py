"""What a screen reader meets: every control named (never only by its value), the alert card
as an alert that is announced, messages said aloud, tables Tab can leave, keys that work."""

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QAccessible, QColor, QKeySequence
from PySide6.QtWidgets import QApplication

from companion.domain.entries import Entry, EntryKind
from companion.ui import access
from companion.ui.entry_dialog import EntryDialog

R = QAccessible.Role
# Roles a user operates: each needs a name of its own.
INTERACTIVE = {
    R.PushButton,
    R.CheckBox,
    R.RadioButton,
    R.ComboBox,
    R.EditableText,
    R.SpinBox,
    R.List,
    R.Table,
    R.PageTab,
    R.PageTabList,
    R.Slider,
    R.Chart,
    R.Link,
    R.ButtonMenu,
    R.ButtonDropDown,
}
PAGES = ("today", "journey", "log", "counts", "checklists", "settings")


def walk(interface, seen=None):
    """Every visible interface under ``interface`` (Qt's own accessibility tree)."""
    seen = set() if seen is None else seen
    if interface is None or not interface.isValid():
        return
    key = QAccessible.uniqueId(interface)
    if key in seen:
        return
    seen.add(key)
    if interface.state().invisible:
        return
    yield interface
    for index in range(interface.childCount()):
        yield from walk(interface.child(index), seen)


def problems(root) -> list[str]:
    """Interactive controls without a name, or named only by their value.

    On Linux a combo box's name *is* its value (Qt names it from its label, through the
    labelled-by relation, which is what screen readers read): there the label must exist.
    """
    found = []
    for interface in walk(QAccessible.queryAccessibleInterface(root)):
        role = interface.role()
        if role not in INTERACTIVE:
            continue
        name = interface.text(QAccessible.Text.Name).strip()
        value = interface.text(QAccessible.Text.Value).strip()
        what = f"{role.name} {interface.object()!r}"
        if role == R.ComboBox:
            labels = [
                other.text(QAccessible.Text.Name).strip()
                for other, _ in interface.relations(QAccessible.RelationFlag.Label)
            ]
            labels = [label for label in labels if label and label != value]
            if not labels:
                found.append(f"{what}: no label of its own (only its value {value!r})")
            continue
        if not name:
            found.append(f"{what}: no name")
        elif value and name == value and role not in (R.PushButton, R.Link, R.PageTab):
            found.append(f"{what}: named only by its value {value!r}")
    return found


def emergency(diary):
    diary.service.log.add(
        Entry(at=diary.service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    )


def interactive_names(root) -> set[str]:
    return {
        i.text(QAccessible.Text.Name)
        for i in walk(QAccessible.queryAccessibleInterface(root))
        if i.role() in INTERACTIVE
    }


def test_every_control_on_every_page_has_a_name_that_is_not_its_value(qtbot, window, diary):
    emergency(diary)
    # The walk reaches the controls (a walk that found nothing would pass for nothing).
    found = interactive_names(window)
    assert {"Temperature now", "Save temperature", "I called emergency services"} <= found
    assert "Pages" in found
    seen = set()
    for page in PAGES:
        window.show_page(page)
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        assert problems(window) == [], page
        seen |= interactive_names(window)
    wanted = {"Timeline", "Blood count and temperature charts", "Diary log", "Save the settings"}
    assert wanted <= seen


def test_the_check_finds_a_combo_named_only_by_its_value(qtbot):
    from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    combo = QComboBox()
    combo.addItems(["Mouth", "Ear"])
    QVBoxLayout(box).addWidget(combo)
    box.show()
    assert len(problems(box)) == 1 and "only its value 'Mouth'" in problems(box)[0]


def test_the_full_form_names_every_field(qtbot, window, diary):
    dialog = EntryDialog(diary, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    for kind in (EntryKind.TEMPERATURE, EntryKind.SYMPTOM, EntryKind.WEIGHT, EntryKind.RASH):
        dialog.select_kind(kind)
        assert problems(dialog) == [], kind


def test_the_card_is_an_alert_and_is_announced_when_it_appears(qtbot, window, diary):
    with qtbot.waitSignal(access.announcer().announced) as said:
        emergency(diary)
    card = window.alert_card
    interface = QAccessible.queryAccessibleInterface(card)
    assert interface.role() == R.AlertMessage
    name = interface.text(QAccessible.Text.Name)
    assert name == "Immediate action required: Call emergency services now (999)"
    description = interface.text(QAccessible.Text.Description)
    assert "Call 999 now" in description and "<" not in description  # plain text
    assert said.args[0].startswith(name)
    assert "Chest pain" in said.args[0]
    # A card with a walk of the tree finds it as an alert too (not a plain panel).
    roles = [i.role() for i in walk(QAccessible.queryAccessibleInterface(window))]
    assert R.AlertMessage in roles


def test_the_teams_numbers_are_read_as_plain_text(window):
    labels = window.header.team_lines
    texts = [
        QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name) for label in labels
    ]
    assert "Office hours: 020 7946 0123 ◀ call this one now" in texts
    assert "After hours: 020 7946 0999" in texts
    assert not any("<" in text for text in texts)


def test_saved_and_problem_messages_are_announced(qtbot, window):
    panel = window.quick_entry
    panel.temp_edit.setText("101")
    with qtbot.waitSignal(access.announcer().announced) as said:
        panel.temp_button.click()
    assert "did you mean °F?" in said.args[0]
    panel.temp_edit.setText("37.1")
    with qtbot.waitSignal(access.announcer().announced) as said:
        panel.temp_button.click()
    assert said.args[0].startswith("✓ Saved 37.1 °C")


def test_tab_leaves_the_tables(qtbot, window):
    window.show_page("log")
    table = window.log_view.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert window.focusWidget() is not table
    window.show_page("counts")
    counts = window.counts_view.table
    counts.setFocus()
    qtbot.keyClick(counts, Qt.Key.Key_Tab)
    assert window.focusWidget() is not counts


class ClaimsCtrlE(QObject):
    """What a text field does on X11, where Ctrl+E is "end of line": it claims the key
    before the window's shortcut may have it (Qt's offscreen platform has no such binding,
    so the test adds it)."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination() == (
            Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_E
        ):
            event.accept()
            return True
        return False


def test_ctrl_e_right_after_ctrl_t_and_enter_opens_the_full_form(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(EntryDialog, "ask", staticmethod(lambda *a, **k: opened.append(1)))
    field = window.quick_entry.temp_edit
    claimer = ClaimsCtrlE(field)
    field.installEventFilter(claimer)
    window.quick_entry.more_button.setFocus()  # the field gets the focus anew with Ctrl+T
    qtbot.keySequence(window, QKeySequence("Ctrl+T"))
    assert window.focusWidget() is field
    qtbot.keyClicks(field, "37.2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.focusWidget() is field  # still in the field, as the reviewers found it
    qtbot.keySequence(window, QKeySequence("Ctrl+E"))
    assert opened == [1]


def test_page_keys_work_from_a_field_and_put_the_focus_on_the_page(qtbot, window):
    field = window.quick_entry.temp_edit
    field.setFocus()
    qtbot.keySequence(window, QKeySequence("Ctrl+L"))
    assert window.current_page() == "log"
    assert window.log_view.isAncestorOf(window.focusWidget())
    qtbot.keySequence(window, QKeySequence("Ctrl+1"))
    assert window.current_page() == "today"


def test_glossary_words_show_their_meaning_from_the_keyboard(qtbot, window):
    window.show_page("journey")
    browser = window.guide.browser
    assert "glossary:" in browser.toHtml()
    browser.setFocus()
    for _ in range(40):  # Tab from link to link inside the guide
        if browser.textCursor().charFormat().anchorHref().startswith("glossary:"):
            break
        browser.focusNextPrevChild(True)
    href = browser.textCursor().charFormat().anchorHref()
    assert href.startswith("glossary:")
    with qtbot.waitSignal(access.announcer().announced) as said:
        qtbot.keyClick(browser, Qt.Key.Key_Return)
    assert browser.shown_definition and said.args[0] == browser.shown_definition
    word = browser.definition(QUrl(href)).split(":")[0]
    assert word.lower() in browser.toPlainText().lower()


def test_the_focus_ring_is_clear_and_follows_the_focus(qtbot, window):
    window.activateWindow()  # the ring follows the application's focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ring = access.focus_ring()
    field = window.quick_entry.temp_edit
    window.quick_entry.more_button.setFocus()
    field.setFocus()
    qtbot.waitUntil(lambda: ring.target is field and ring.isVisible())
    width = ring.thickness()
    assert width >= 5  # a 3-pixel dark ring, a 2-pixel yellow one inside it
    corner = field.mapTo(ring.parentWidget(), QPoint(0, 0))
    assert ring.geometry().adjusted(width, width, -width, -width) == QRect(corner, field.size())
    image = ring.grab().toImage()
    middle = ring.height() // 2
    assert QColor(image.pixel(0, middle)) == access.RING_DARK
    assert QColor(image.pixel(width - 1, middle)) == access.RING_LIGHT
