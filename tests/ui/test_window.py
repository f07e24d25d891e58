"""The window's frame: its size and place, text size, menus as data, pages built on first
use, colours that pass WCAG in light and dark, and the review's details."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from companion.domain.journey import Phase
from companion.service.demo import DEMO_DAILY_TICKS
from companion.ui import preferences, theme, typography
from companion.ui.actions import MENUS, PAGES, SPECS
from companion.ui.main_window import MainWindow
from companion.ui.messages import Messages


def test_the_window_opens_on_the_screens_free_area_and_remembers_its_place(qtbot, diary):
    window = MainWindow(diary)
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.geometry() == room
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(QRect(room.topLeft() + QPoint(40, 30), room.size() * 0.7))
    placed = window.geometry()
    window.close()
    again = MainWindow(diary)
    qtbot.addWidget(again)
    assert again.geometry() == placed


def test_only_the_today_page_is_built_at_start(qtbot, diary):
    window = MainWindow(diary)
    qtbot.addWidget(window)
    assert set(window._pages) == {"today"}
    window.show_page("counts")
    assert set(window._pages) == {"today", "counts"}  # the journey page is not needed


def test_text_size_grows_every_part_live_and_is_remembered(qtbot, window, diary):
    heading = window.header.today_label
    before = heading.fontInfo().pixelSize()
    window.show_page("journey")
    canvas = window.timeline.canvas
    tall = canvas.height()
    window.show_page("counts")
    chart = window.counts_view.chart
    row = chart.min_row_height()
    button = window.quick_entry.temp_button.minimumHeight()
    window.menu_actions["text_size:150"].trigger()
    assert heading.fontInfo().pixelSize() >= before * 1.4
    assert typography.text_size() == 150 and preferences.text_size() == 150
    # The timeline and the charts re-measure when the new font reaches them.
    qtbot.waitUntil(lambda: canvas.height() > tall * 1.3)
    qtbot.waitUntil(lambda: chart.min_row_height() > row * 1.3)
    assert window.quick_entry.temp_button.minimumHeight() > button * 1.3  # and the buttons
    assert window.menu_actions["text_size:150"].isChecked()
    again = MainWindow(diary)  # a new window starts at the remembered size
    qtbot.addWidget(again)
    assert again.header.today_label.fontInfo().pixelSize() == heading.fontInfo().pixelSize()


def test_menus_are_data_with_roles_for_the_mac(window):
    actions = window.menu_actions
    assert actions["settings"].menuRole() == QAction.MenuRole.PreferencesRole
    assert actions["about"].menuRole() == QAction.MenuRole.AboutRole
    assert actions["quit"].menuRole() == QAction.MenuRole.QuitRole
    assert actions["print"].menuRole() == QAction.MenuRole.NoRole
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == [title for _key, title, _items in MENUS]
    # Every key a menu lists has an action, or is one another branch adds (left out here).
    for _key, _title, items in MENUS:
        for item in items:
            later = ("visit_report", "back_up_now", "page:appointments")  # other branches
            if item not in (None, "text_size", *later):
                assert item in actions, item
    # No two actions share a key.
    keys = [s.toString() for a in actions.values() for s in a.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys)), keys
    assert set(SPECS) <= set(actions)


def test_the_appointments_page_is_in_the_navigation_and_built_on_first_use(window):
    spec = next(p for p in PAGES if p.key == "appointments")
    assert spec.title == "Appointments and questions"
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert names[0] == "Today" and "Appointments and questions" in names
    assert window.navigation.built("appointments") is None  # not built at start-up
    window.show_page("appointments")
    assert window.appointments_view.isVisible() and window.questions_view.isVisible()


def test_the_status_area_holds_the_backup_label(window):
    assert not window.statusBar().isHidden()  # filled just after the first frame
    assert window.backup_status.text().startswith(("⚠", "Last good backup", "Sample diary"))
    window.add_status_widget(QLabel("Something else to say"))
    assert not window.statusBar().isHidden()


def test_keyboard_shortcuts_are_listed_in_help(window, monkeypatch):
    told = []
    monkeypatch.setattr(
        Messages, "long_info", staticmethod(lambda p, title, text: told.append(text))
    )
    window.menu_actions["shortcuts"].trigger()
    assert "Log a temperature: Ctrl+T" in told[0]
    assert "Page Up and Page Down a week" in told[0]


def test_deleting_shows_the_right_count_and_offers_undo(qtbot, window, diary):
    window.show_page("log")
    view = window.log_view
    total = len(diary.service.log.entries())
    assert view.count_label.text() == f"All {total} entries"
    view.table.selectRow(0)
    newest = view.selected_entry()
    view.delete_button.click()
    assert view.count_label.text() == f"All {total - 1} entries"  # not "Showing 5 of 6"
    assert view.message.text().startswith(f"Deleted: {newest.kind.title.lower()} of ")
    assert "Undo (Ctrl+Z) brings it back" in view.message.text()
    assert view.undo_button.isVisible()
    view.undo_button.click()
    assert diary.service.log.entry(newest.id) == newest
    assert view.count_label.text() == f"All {total} entries"


def test_save_dialogs_start_in_documents_or_home(tmp_path, monkeypatch):
    from companion.ui.folders import documents_folder

    documents = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _: str(documents)))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert documents_folder() == tmp_path  # no Documents folder yet: home, not the app's folder
    documents.mkdir()
    assert documents_folder() == documents


def test_export_suggests_a_file_in_documents(window, tmp_path, monkeypatch):
    from companion.ui import export_dialog

    monkeypatch.setattr(export_dialog, "documents_folder", lambda: tmp_path)
    asked = []
    monkeypatch.setattr(
        export_dialog.ExportSeams, "ask_csv_path", staticmethod(lambda p, s: asked.append(s))
    )
    window.menu_actions["export"].trigger()
    assert asked == [str(tmp_path / "transplant-diary-2026-06-01.csv")]


def test_todays_checklist_ticks_daily_items_for_today(qtbot, window, diary):
    daily = window.today_page.daily
    ticked = {item.key for item in daily.items if item.box.isChecked()}
    assert ticked == set(DEMO_DAILY_TICKS)
    weigh = next(item for item in daily.items if item.key == "weigh")
    qtbot.mouseClick(weigh.label, Qt.MouseButton.LeftButton)  # the words tick it too
    assert weigh.box.isChecked()
    states = diary.service.checklists.states(Phase.ENGRAFTMENT)
    assert states["weigh"].ticked and states["weigh"].ticked_at.date() == date(2026, 6, 1)
    assert "3 of 7 done today" in daily.summary.text()
    window.show_page("checklists")
    assert window.checklists.title.text().startswith("Checklist: Waiting for engraftment")


def test_the_guide_uses_the_diarys_limits_country_and_care_cards(qtbot, window, diary):
    window.show_page("journey")
    html = window.guide.browser.toHtml()
    text = window.guide.browser.toPlainText()
    assert "Immediate action required:" in text and "Urgent:" in text  # levels in words
    assert "Call emergency services (999) now if you have:" in text  # the sample is in the UK
    assert "38.0 °C (100.4 °F)" in text
    assert "glossary:" in html
    diary.service.settings.save(numbers={"fever_single_c": 38.3}, preferences={"country": "US"})
    text = window.guide.browser.toPlainText()
    assert "38.3 °C" in text and "(911)" in text


def test_a_glossary_word_shows_its_meaning_with_the_mouse(qtbot, window):
    window.show_page("journey")
    browser = window.guide.browser
    browser.anchorClicked.emit(QUrl("glossary:engraftment"))
    assert browser.shown_definition.lower().startswith("engraftment: ")


def test_charts_take_the_focus_describe_their_latest_values_and_grow(qtbot, window):
    window.show_page("counts")
    view = window.counts_view
    chart = view.chart
    assert chart.focusPolicy() & Qt.FocusPolicy.TabFocus
    description = chart.accessibleDescription()
    assert "Neutrophils, ANC, latest: Day +12" in description and "ANC 0.18" in description
    chart.setFocus()
    day = view.axis.selected_day
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert view.axis.selected_day == day - 1
    small = chart.row_height()
    chart.set_room(int(chart.min_height() * 2))
    assert chart.row_height() > small * 1.5  # the charts grow with the window
    image = chart.grab()  # paint, so the geometry of every word drawn is known
    assert not image.isNull()
    for row in chart._geometry:
        boxes = row.labels
        assert boxes, row.series.title
        for i, first in enumerate(boxes):
            for second in boxes[i + 1 :]:
                assert not first.intersects(second), row.series.title


@pytest.mark.parametrize("zoom", ["fit", "year", "close"])
def test_timeline_labels_never_collide_and_every_band_is_named(qtbot, window, zoom):
    window.show_page("journey")
    timeline = window.timeline
    qtbot.waitUntil(lambda: timeline.scroll.viewport().width() > 300)
    {"fit": timeline.fit_button, "year": timeline.year_button, "close": timeline.zoom_in_button}[
        zoom
    ].click()
    canvas = timeline.canvas
    lanes = {}
    for label in canvas._labels:
        for other in lanes.get(label.lane, []):
            assert label.right < other.left or other.right < label.left, (label, other)
        lanes.setdefault(label.lane, []).append(label)
    in_lanes = {label.band for label in canvas._labels if label.band}
    assert all(
        span.phase in in_lanes or canvas._span_rect(span, canvas._layout()).width() > 40
        for span in canvas.spans
    )
    titles = {label.title for label in canvas._labels}
    assert {"Counts usually recover", "Day +100"} <= titles  # none dropped at this zoom


def test_contrast_of_every_colour_pair_in_light_and_dark():
    light = theme.accessible_palette(QApplication.palette())
    dark = theme.accessible_palette(theme.dark_palette())
    for palette in (light, dark):
        for name, colour, background, minimum in theme.contrast_pairs(palette):
            ratio = theme.contrast(colour, background)
            assert ratio >= minimum, (theme.scheme(palette).name, name, round(ratio, 2))
    # The system colours that failed are the ones moved (Fusion's selected row).
    fusion = QApplication.style().standardPalette()
    role = QPalette.ColorRole
    assert theme.contrast(fusion.color(role.HighlightedText), fusion.color(role.Highlight)) < 4.5
    assert theme.contrast(light.color(role.HighlightedText), light.color(role.Highlight)) >= 4.5


def test_the_card_follows_a_switch_to_dark(qtbot, window, diary):
    from companion.domain.entries import Entry, EntryKind

    diary.service.log.add(Entry(at=diary.service.now(), kind=EntryKind.INFECTION, term="chills"))
    card = window.alert_card
    light = card.content.palette().color(QPalette.ColorRole.Window)
    app = QApplication.instance()
    try:
        theme.apply_palette(app, theme.dark_palette())
        qtbot.waitUntil(lambda: card.content.palette().color(QPalette.ColorRole.Window) != light)
        body = card.content.palette()
        role = QPalette.ColorRole
        assert theme.contrast(body.color(role.WindowText), body.color(role.Window)) >= 4.5
    finally:
        theme.apply_palette(app)  # back to the system's own
