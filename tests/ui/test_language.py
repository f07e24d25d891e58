"""Choosing the language (issue 23): asked at first launch, changed in Settings, saved on this
computer and read before the window is built; Qt's own buttons follow it; the window's
menus and pages in Spanish."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from companion import app as app_module
from companion import i18n
from companion.ui import language, preferences
from companion.ui.actions import SPECS
from companion.ui.main_window import MainWindow
from companion.ui.pages import PAGES
from companion.ui.settings_dialog import SettingsPanel
from companion.ui.setup_dialog import SetupDialog
from tests.conftest import make_transplant
from tests.ui.conftest import TODAY

SPANISH_PAGES = [
    "Hoy",
    "Recorrido y guías",
    "Registro del diario",
    "Recuentos sanguíneos",
    "Listas de tareas",
    "Citas y preguntas",
    "Medicinas",
    "Sistema inmunitario y vacunas",
    "Ajustes",
]


@pytest.fixture(autouse=True)
def english_after(qapp):
    """Every test here ends in English, Qt's words included, at the usual text size."""
    from companion.ui import typography

    yield
    language.apply("en")
    if typography.text_size() != 100:
        typography.set_text_size(100)


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand)."""
    found = re.search(r"(?<!&)&([^&])", text)
    return found.group(1).lower() if found else None


def test_the_language_chooser_in_settings_saves_the_choice(qtbot, diary):
    assert preferences.language() is None  # nothing chosen yet on this computer
    panel = SettingsPanel(diary)
    qtbot.addWidget(panel)
    combo = panel.language_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Español"]
    assert combo.currentData() == "en"
    requested = []
    panel.language_changed.connect(requested.append)

    combo.setCurrentIndex(combo.findData("es"))
    combo.activated.emit(combo.currentIndex())

    assert preferences.language() == "es"
    assert "opens in Español from now on" in panel.language_status.text()
    assert not panel.language_button.isHidden()
    assert panel.language_button.text() == "Open the window in Español now"
    panel.language_button.click()
    assert requested == ["es"]
    # Back to the language in force: nothing to open again.
    combo.setCurrentIndex(combo.findData("en"))
    combo.activated.emit(combo.currentIndex())
    assert preferences.language() == "en"
    assert panel.language_button.isHidden()


def test_qt_own_buttons_are_spanish_after_choosing_spanish(qtbot):
    language.apply("es")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Cancelar"
    language.apply("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == (
        "Cancel"
    )


def test_qt_dates_follow_the_language(qapp):
    from PySide6.QtCore import QDate, QLocale

    language.apply("es")
    assert QLocale().toString(QDate(2026, 6, 1), "MMMM") == "junio"
    language.apply("en")
    assert QLocale().toString(QDate(2026, 6, 1), "MMMM") == "June"


def test_the_window_menus_and_pages_are_spanish_and_mnemonics_stay_unique(qtbot, diary):
    language.apply("es")
    window = MainWindow(diary)
    qtbot.addWidget(window)
    pages = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert pages == SPANISH_PAGES
    actions = window.menu_actions  # the menus are built
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Archivo", "&Editar", "&Registrar", "&Ir", "Tras&plante", "&Ver", "Ay&uda"]
    # Alt+letter opens one menu: the menu bar's letters are unique, and so are each menu's.
    letters = [mnemonic(title) for title in titles]
    assert len(set(letters)) == len(letters), titles
    english = {spec.title for spec in PAGES} | {spec.text for spec in SPECS.values()}
    for action in window.menuBar().actions():
        items = [item.text() for item in action.menu().actions() if not item.isSeparator()]
        assert not set(items) & english, items
        marked = [mnemonic(text) for text in items if mnemonic(text)]
        assert len(set(marked)) == len(marked), items
    # The Today page's own Alt+letters do not clash with the menu bar's.
    quick = window.quick_entry
    for field in (quick.temp_edit, quick.symptom_combo):
        buddy = next(label for label in quick.findChildren(QLabel) if label.buddy() is field)
        assert mnemonic(buddy.text()) not in letters, buddy.text()
    assert actions["settings"].text() == "&Ajustes…"
    assert window.windowTitle() == "Transplant Companion"


def test_settings_button_asks_the_application_for_a_window_in_the_new_language(qtbot, diary):
    window = MainWindow(diary)
    qtbot.addWidget(window)
    asked = []
    window.reopen_in_language = asked.append
    panel = window.settings_page
    combo = panel.language_combo
    combo.setCurrentIndex(combo.findData("es"))
    combo.activated.emit(combo.currentIndex())
    panel.language_button.click()
    assert asked == ["es"]


def test_first_launch_asks_the_language_and_builds_the_form_again_in_it(qtbot, monkeypatch):
    titles = []

    def exec_(dialog):
        qtbot.addWidget(dialog)
        titles.append(dialog.windowTitle())
        combo = dialog.language_combo
        assert combo.accessibleName() == "Language / Idioma"  # readable in either language
        if len(titles) == 1:
            assert combo.currentData() == "en"  # the system's (LANGUAGE=en in the tests)
            combo.setCurrentIndex(combo.findData("es"))
            combo.activated.emit(combo.currentIndex())
            return dialog.result()
        assert combo.currentData() == "es"
        assert dialog.start_button.text() == "Empezar mi diario"
        assert dialog.cancel_button.text().replace("&", "") == "Cancelar"  # Qt's own word
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SetupDialog, "exec", exec_)
    assert SetupDialog.ask(TODAY) is None
    assert titles == [
        "Welcome to Transplant Companion",
        "Le damos la bienvenida a Transplant Companion",
    ]
    assert i18n.language() == "es"
    assert preferences.language() is None  # saved only when the diary starts


def test_starting_the_diary_saves_the_language_it_was_started_in(qtbot, team):
    from PySide6.QtCore import QDate

    language.apply("es")
    dialog = SetupDialog(TODAY)
    qtbot.addWidget(dialog)
    form = dialog.transplant_form
    transplant = make_transplant()
    form.kind_buttons[transplant.kind].click()
    form.source_buttons[transplant.source].click()
    form.day0_edit.setDate(QDate(2026, 5, 20))
    dialog.team_form.set_team(team)
    dialog.start_button.click()
    assert dialog.result_value is not None
    assert preferences.language() == "es"


def test_the_saved_language_is_read_before_the_window_is_built(qapp, tmp_path, monkeypatch):
    preferences.set_language("es")
    shown = []
    real = MainWindow.show_on_screen

    def show(window):
        real(window)
        shown.append(window.nav.item(0).text())

    monkeypatch.setattr(MainWindow, "show_on_screen", show)
    assert app_module.main(["--demo", "--exit-after-paint"]) == 0
    assert shown == ["Hoy"]
    # --lang wins over the saved choice.
    assert app_module.main(["--lang", "en", "--demo", "--exit-after-paint"]) == 0
    assert shown == ["Hoy", "Today"]


@pytest.mark.parametrize("tag", ["en", "es"])
def test_settings_sections_are_whole_at_200_percent_on_a_small_screen(qtbot, diary, tag):
    """A tab bar hid "Change history" behind scroll arrows at 200 % text ("Chan…"): the
    sections wrap instead, every name whole and in view, in English and in Spanish."""
    from PySide6.QtCore import QRect, Qt

    language.apply(tag)
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.set_text_size(200)
    window.show()
    window.resize(1024, 560)
    window.show_page("settings")
    panel = window.settings_page
    bar = panel.sections
    qtbot.waitUntil(lambda: bar.isVisible() and bar.height() > 0)
    room = QRect(0, 0, bar.width(), bar.height())
    for index, button in enumerate(bar.buttons):
        assert button.text() == panel.tabs.tabText(index)
        assert button.width() >= button.sizeHint().width(), button.text()
        assert room.contains(button.geometry()), button.text()
    assert panel.tabs.tabBar().isHidden()
    # Clicking a section shows it; the arrow keys move on, as on a tab bar.
    bar.buttons[5].click()
    assert panel.tabs.currentIndex() == 5 and bar.buttons[5].isChecked()
    assert bar.buttons[5].font().bold() and not bar.buttons[0].font().bold()
    qtbot.keyClick(bar.buttons[5], Qt.Key.Key_Right)
    assert panel.tabs.currentIndex() == 0 and window.focusWidget() is bar.buttons[0]
    qtbot.keyClick(bar.buttons[0], Qt.Key.Key_Left)
    assert panel.tabs.currentIndex() == 5
    # Save's own checks choose a section: the bar follows.
    panel.tabs.setCurrentIndex(2)
    assert bar.buttons[2].isChecked()


def test_the_application_builds_the_window_again_in_the_chosen_language(qtbot, tmp_path):
    """Settings → Language → "Open the window in Español now": a new window in Spanish on
    the same page; the diary stays open (nothing restarts), the old window goes."""
    from companion.service.demo import create_demo
    from companion.ui.application import Application
    from tests.ui.conftest import fixed_clock

    create_demo(tmp_path, TODAY, now=fixed_clock()())
    application = Application(tmp_path, fixed_clock(), demo=True)
    assert application.open() is None
    try:
        old = application.show_window()
        diary = application.diary
        old.show_page("settings")
        panel = old.settings_page
        combo = panel.language_combo
        combo.setCurrentIndex(combo.findData("es"))
        combo.activated.emit(combo.currentIndex())
        panel.language_button.click()
        window = application.window
        assert window is not old and window.isVisible()
        assert window.diary is diary  # the same open diary
        assert window.current_page() == "settings"
        assert window.nav.item(0).text() == "Hoy"
        assert window.settings_page.save_button.text() == "Guardar"
        qtbot.waitUntil(lambda: not old.isVisible())
        assert preferences.language() == "es"
    finally:
        if application.window is not None:
            application.window.remember_place = False
            application.window.close()
        application.close()


def test_choosing_the_systems_language_keeps_the_systems_date_order(qapp, monkeypatch):
    """An English system in Britain reads 28/6/2026 as the 28th of June: choosing English
    must not turn it into the United States' month first."""
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("en_GB")))
    assert language.qt_locale("en").name() == "en_GB"
    assert language.qt_locale("es").language() == QLocale.Language.Spanish
    assert language.qt_locale("es_MX").name() == "es_MX"


@pytest.mark.parametrize("size", [100, 200])
def test_spanish_pages_of_the_shell_fit_a_small_screen(qtbot, diary, monkeypatch, size):
    """Spanish runs 20–35 % longer than English: at 1024×600 the Today, journey and Settings
    pages still need no more width than the window gives them (nothing cut at the right).
    The "More…" button once held the whole page 100 pixels wider at 200 %."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)
    language.apply("es")
    preferences.set_text_size(size)  # as chosen last time: the window opens at that size
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 560)
    qtbot.waitUntil(lambda: window.width() == 1024)
    # The text size reaches the widgets made before it was set through the event loop.
    more = window.quick_entry.more_button
    qtbot.waitUntil(lambda: more.font().pointSizeF() == QApplication.font().pointSizeF())
    window.load_checklists()
    for key in ("today", "journey", "settings"):
        content = window.show_page(key)
        holder = window.stack.currentWidget()
        qtbot.waitUntil(lambda holder=holder: holder.isVisible())
        room = holder.viewport().width() if isinstance(holder, QScrollArea) else holder.width()
        needed = content.minimumSizeHint().width()
        assert needed <= room, (key, needed, room)


def test_a_window_without_the_application_says_the_language_is_used_next_time(
    qtbot, diary, monkeypatch
):
    from companion.ui.messages import Messages

    told = []
    monkeypatch.setattr(Messages, "info", staticmethod(lambda p, title, text: told.append(text)))
    window = MainWindow(diary)
    qtbot.addWidget(window)
    panel = window.settings_page
    combo = panel.language_combo
    combo.setCurrentIndex(combo.findData("es"))
    combo.activated.emit(combo.currentIndex())
    panel.language_button.click()
    assert told == ["The new language is used the next time you open the app."]
    assert preferences.language() == "es"


@pytest.mark.parametrize("system", ["LANGUAGE=es LANG=C.UTF-8", "LANGUAGE=es LANG=en_GB.UTF-8"])
def test_spanish_from_language_alone_writes_qts_numbers_with_a_comma(system):
    """Qt takes the system's language from LANGUAGE and its numbers from LANG: Spanish
    chosen by LANGUAGE=es under LANG=C wrote "38.0 °C" in the spin boxes and the fever
    hint beside the app's own "38,0 °C". The numbers follow the language's convention."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(dict(pair.split("=", 1) for pair in system.split()))
    env["QT_QPA_PLATFORM"] = "offscreen"
    code = (
        "from companion.ui import language; from PySide6.QtCore import QLocale; "
        "language.apply('es'); print(QLocale().toString(38.0, 'f', 1))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown == "38,0"
