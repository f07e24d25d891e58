"""UI fixtures: a real diary in tmp_path, a fixed clock, and the main window over it."""

from datetime import date, datetime, time

import pytest

from companion.service.diary import DiaryService
from companion.storage.db import open_db
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow
from tests.fixtures.demo import demo_diary

TODAY = date(2026, 6, 1)  # a Monday


def fixed_clock(day: date = TODAY, at: time = time(10, 0)):
    return lambda: datetime.combine(day, at).astimezone()


@pytest.fixture
def demo_db(tmp_path):
    db = open_db(demo_diary(tmp_path, TODAY, now=fixed_clock()()))
    yield db
    db.close()


@pytest.fixture
def service(demo_db):
    return DiaryService(demo_db, fixed_clock())


@pytest.fixture
def diary(service):
    return Diary(service)


@pytest.fixture
def window(qtbot, diary):
    win = MainWindow(diary)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # Today's checklist and the symptom list load just after the first frame.
    qtbot.waitUntil(lambda: win.today_page.daily.items != [])
    return win


@pytest.fixture(autouse=True)
def text_size_back_to_normal():
    """A test that changes the text size leaves it as it found it."""
    yield
    from companion.ui import typography

    if typography.text_size() != 100:
        typography.set_text_size(100)


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):
    """Every yes/no question the app asks, answered "yes" (a test may set ``answer``);
    no test ever reaches a real blocking dialog."""
    from companion.ui.confirm import ConfirmDialog

    class Asked(list):
        answer = True

    asked = Asked()

    def ask(parent, title, text, yes, no="Cancel", **_options):
        asked.append((title, text, yes))
        return asked.answer

    monkeypatch.setattr(ConfirmDialog, "ask", staticmethod(ask))
    return asked
