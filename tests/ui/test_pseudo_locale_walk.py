"""Issue 23: the whole window in the pseudo-locale, as a screen reader reads it.

With the app's language set to ``qps`` (every translated message accented, bracketed and
about 40 % longer), the main window is built on the demo diary (with a medicine, an
appointment and a question added, so those pages have rows) at 1024×600, every page of
companion.ui.pages is shown (a page in tabs, each of its tabs), and every widget is read
through QAccessible: names, descriptions, values, help, table headings and cells, list
items, and every menu item.

It fails on any English left (tests/pseudo_check.py says what counts: a word of three or
more ASCII letters that is not the user's own data, content read from resources/, an
address, a path, a shortcut or a name in its short list) and on any control cut off (the
layout check of tests/ui/test_layout_matrix.py). The failure lists each English text with
the page and widget it was found on, and each cut control.

Three more things are not English left over, and this test takes them out (``without``):

- **Citations inside a translated sentence.** A published source is cited by its title as
  published ("NCI PDQ 'Transplantation'", "Tomblyn et al., Biol Blood Marrow Transplant
  2009"), in every language: the code keeps such titles apart as module constants named
  ``…_SOURCE`` in companion.domain (``citations``), and puts them into a translated message
  through a placeholder ("Fuente: {source}."). Such a constant counts as a citation only if
  it reads as one (an author's "et al." or a year), and it is taken out only from a text
  that still holds translated words once it is out: a citation on its own, or an English
  sentence around it, is still reported.
- **Qt's own words** (``QT_OWN``): QTabBar names its scroll buttons itself, from Qt's
  qtbase_*.qm, which has no pseudo-locale (Spanish gets them from qtbase_es.qm). Exact
  texts, never a pattern.
- **A language's name in its own words** in the language list ("English", "Español"):
  that is what a reader of that language looks for, whatever the app's language is.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QHeaderView, QMenu, QTabWidget, QWidget

from companion import i18n
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.pages import PAGES
from tests.pseudo_check import Findings, judge, run_cli, spanish_content, user_data
from tests.ui.conftest import TODAY, fixed_clock
from tests.ui.test_layout_matrix import layout_problems

WIDTH, HEIGHT, FRAME = 1024, 600, 60
TEXTS = (
    QAccessible.Text.Name,
    QAccessible.Text.Description,
    QAccessible.Text.Value,
    QAccessible.Text.Help,
)

# Qt's own words (see the module's docstring): QTabBar's scroll buttons.
QT_OWN = frozenset({"Scroll Left", "Scroll Right"})
# Each language as its own readers name it (the language list).
OWN_NAMES = frozenset(i18n.NATIVE_NAMES[tag] for tag in i18n.TRANSLATED)
_CITES = re.compile(r"\bet al\.|\b(?:19|20)\d\d\b")
_TRANSLATED = re.compile(r"[^\W\d_a-zA-Z]")  # a letter that is not ASCII: pseudo text


@cache
def citations() -> tuple[str, ...]:
    """The sources the code cites by their published titles: every module constant of
    companion.domain named ``…_SOURCE`` that reads as a citation, longest first."""
    import companion.domain

    found = set()
    for info in pkgutil.iter_modules(companion.domain.__path__, "companion.domain."):
        for name, value in vars(importlib.import_module(info.name)).items():
            if name.endswith("_SOURCE") and isinstance(value, str) and _CITES.search(value):
                found.add(value)
    return tuple(sorted(found, key=len, reverse=True))


def without(text: str) -> str:
    """``text`` as the English check judges it: "" for Qt's own words and a language's own
    name; a citation taken out where translated words remain around it."""
    if text in QT_OWN or text in OWN_NAMES:
        return ""
    for citation in citations():
        if citation in text:
            rest = text.replace(citation, " ")
            if _TRANSLATED.search(rest):
                text = rest
    return text


def test_citations_are_known_and_only_taken_out_of_translated_text():
    """The rule above finds the immune plan's sources, and keeps what it must report."""
    from companion.domain.immunity_wording import HOUSEHOLD_SOURCE, MARKERS_SOURCE

    assert {HOUSEHOLD_SOURCE, MARKERS_SOURCE} <= set(citations())
    sentence = f"[Šöûŗçé: {HOUSEHOLD_SOURCE}. ·]"
    assert HOUSEHOLD_SOURCE not in without(sentence)
    english = f"Source: {HOUSEHOLD_SOURCE}."
    assert without(english) == english  # an English sentence around it stays English
    assert without(HOUSEHOLD_SOURCE) == HOUSEHOLD_SOURCE  # a citation alone is not excused
    assert without("Scroll Left") == "" and without("Scroll up") == "Scroll up"


@pytest.fixture
def pseudo(monkeypatch):
    spanish_content(monkeypatch)
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language("en")


@pytest.fixture
def filled_demo(tmp_path, capsys, pseudo):
    """The demo diary with a medicine, an appointment and a question added (through the
    command line, as a user would), so that every page has rows to read."""
    folder = tmp_path / "demo"
    folder.mkdir()
    create_demo(folder, TODAY, now=fixed_clock()())
    common = ["--data-dir", str(folder), "--today", TODAY.isoformat()]
    for args in (
        ["medicine", "add", "Tacrolimus", "--dose", "2 mg", "--times", "08:00,20:00"],
        ["appointment", "add", "--at", "2026-06-03T10:30", "--what", "Clinic visit"],
        ["question", "add", "Can I go to my grandson's birthday?"],
    ):
        code, _out, err = run_cli(capsys, *common, *args)
        assert code == 0, (args, err)
    i18n.set_language(i18n.PSEUDO)  # the command line sets the language it was given
    return folder


@pytest.fixture
def screen_as_tested(monkeypatch):
    """As in the layout matrix: the offscreen screen is 800 pixels wide, and the window's
    fit to its screen would shrink the 1024-pixel window under test."""
    from companion.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)


def _describe(obj: QObject | None) -> str:
    if obj is None:
        return "?"
    name = obj.objectName()
    return f"{type(obj).__name__}{f' {name!r}' if name else ''}"


def _page_of(widget: QWidget | None, holders: dict[QWidget, str]) -> str | None:
    while widget is not None:
        if widget in holders:
            return holders[widget]
        widget = widget.parentWidget()
    return None


def _walk(interface, seen: set[int], owner: QWidget | None = None):
    """Every accessible object under ``interface`` with the nearest widget it belongs to (a
    table's cell or a list's item has no object of its own)."""
    if interface is None or not interface.isValid():
        return
    key = QAccessible.uniqueId(interface)
    if key in seen:
        return
    seen.add(key)
    obj = interface.object()
    if isinstance(obj, QWidget):
        owner = obj
    yield key, interface, owner
    for index in range(interface.childCount()):
        yield from _walk(interface.child(index), seen, owner)


def read_window(window, page, holders, data, findings: Findings, read_before: set[int]) -> int:
    """Judge every text of every accessible object of ``window``: with ``page``, those on
    screen (the page shown, the navigation, the menus); with None, those hidden that no
    earlier look read (an error line, a closed section), each under the page it is on."""
    count = 0
    for key, interface, owner in _walk(QAccessible.queryAccessibleInterface(window), set()):
        hidden = interface.state().invisible
        if key in read_before or (hidden if page is not None else not hidden):
            continue
        read_before.add(key)
        on = _page_of(owner, holders) or "window"
        obj = interface.object()
        what = _describe(obj) if obj is not None and obj is not owner else ""
        where = (
            f"{on}{' (hidden)' if page is None else ''}: {interface.role().name}"
            f"{f' {what}' if what else ''} in {_describe(owner)}"
        )
        for kind in TEXTS:
            text = interface.text(kind)
            if text:
                count += 1
                judge(findings, without(text), f"{where} [{kind.name}]", data)
    return count


def read_views_and_menus(window, holders: dict, data, findings: Findings) -> int:
    """Headings of every table and list (also those a screen reader reaches only by cell),
    tooltips, and every menu item with its submenus."""
    count = 0
    for header in window.findChildren(QHeaderView):
        model = header.model()
        if model is None or (
            not header.isVisible() and header.orientation() == Qt.Orientation.Vertical
        ):
            continue  # a table's row numbers, hidden
        view = header.parentWidget()
        where = f"{_page_of(header, holders) or 'window'}: heading of {_describe(view)}"
        for section in range(header.count()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, header.orientation(), role)
                if isinstance(value, str) and value:
                    count += 1
                    judge(findings, without(value), where, data)
    for widget in window.findChildren(QWidget):
        if widget.toolTip():
            count += 1
            where = f"{_page_of(widget, holders) or 'window'}: tooltip of {_describe(widget)}"
            judge(findings, without(widget.toolTip()), where, data)

    def menu_items(menu: QMenu, path: str) -> None:
        nonlocal count
        for action in menu.actions():
            for text in (action.text(), action.toolTip(), action.statusTip(), action.whatsThis()):
                if text:
                    count += 1
                    judge(findings, without(text), f"menu {path} > {action.text()!r}", data)
            if action.menu() is not None:
                menu_items(action.menu(), f"{path} > {action.text()}")

    for action in window.menuBar().actions():
        if action.text():
            count += 1
            judge(findings, without(action.text()), "menu bar", data)
        if action.menu() is not None:
            menu_items(action.menu(), action.text())
    return count


def test_every_page_in_the_pseudo_locale_has_no_english_left_and_no_cut_control(
    qtbot, filled_demo, screen_as_tested, tmp_path
):
    from companion.ui.main_window import MainWindow

    database = filled_demo / "companion.db"
    data = user_data(database)
    service = DiaryService.open(database, fixed_clock())
    window = MainWindow(Diary(service))
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT - FRAME)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today_page.daily.items != [])
    window.ensure_menus()

    findings = Findings()
    cut: list[str] = []
    read = 0
    pages = [page.key for page in PAGES]
    looked_at: set[int] = set()
    tabs_shown = 0
    holders: dict[QWidget, str] = {}  # each page's widget in the window's stack
    for key in pages:
        window.show_page(key)
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        _settle(qtbot, window)
        holders[window.stack.currentWidget()] = key
        read += read_window(window, key, holders, data, findings, looked_at)
        cut += [f"{key}: {problem}" for problem in layout_problems(window)]
        window.grab().save(str(tmp_path / f"qps-{key}.png"))
        # A page in tabs (Settings): every tab is looked at too, not only the first.
        for tabs in window.stack.currentWidget().findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(1, tabs.count()):
                tabs_shown += 1
                tabs.setCurrentIndex(index)
                _settle(qtbot, window)
                read += read_window(window, key, holders, data, findings, looked_at)
                cut += [f"{key}, tab {index}: {problem}" for problem in layout_problems(window)]
            tabs.setCurrentIndex(0)
    # What is built but was never on screen (a message shown only after a mistake, a
    # closed section), and every table's headings, tooltip and menu item.
    read += read_window(window, None, holders, data, findings, looked_at)
    read += read_views_and_menus(window, holders, data, findings)
    service.close()

    # The walk reached the window (a walk that read nothing would pass for nothing).
    assert read > 200, read
    assert tabs_shown >= 5, tabs_shown  # Settings' tabs after the first
    problems = []
    if findings.english:
        problems.append(findings.report("the window under --lang qps at 1024×600"))
    if cut:
        problems.append(f"{len(cut)} controls cut off at 1024×600:\n  " + "\n  ".join(cut))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def _settle(qtbot, window) -> None:
    """Wait until the layout stops moving (two looks in a row alike), not for a time."""
    last: list = []

    def still() -> bool:
        now = [(w.geometry().getRect(), w.isVisible()) for w in window.findChildren(QWidget)]
        same = now == last
        last[:] = now
        return same

    qtbot.waitUntil(still, timeout=30_000)
