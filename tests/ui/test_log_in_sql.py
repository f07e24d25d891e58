"""Issue 25, items 1 and 5 in the window: the log page fetched and filtered by SQLite a
batch at a time, and a diary with a row to fix opening read-only instead of locking out."""

import contextlib
import sqlite3
from datetime import timedelta

import pytest
import shiboken6

from companion.domain.entries import Entry, EntryKind
from companion.domain.log_filter import LogFilter
from companion.service.diary import DiaryService
from companion.storage.paths import db_path
from companion.ui.diary import Diary
from companion.ui.log_view import ENTRY_ROLE, EntryTableModel
from tests.fixtures.demo import copy_of
from tests.storage.crafted import make_diary
from tests.ui.conftest import TODAY, fixed_clock

NOW = fixed_clock()()


@pytest.fixture(scope="module")
def busy_template(tmp_path_factory):
    """The sample diary and 600 more entries: more than two batches of the log page
    (written once for the module; each test gets its own copy)."""
    folder = tmp_path_factory.mktemp("busy") / "data"
    service = DiaryService.open(make_diary(folder), fixed_clock())
    with service.db.atomic():
        for n in range(600):
            at = NOW - timedelta(minutes=7 * n + 3)
            if n % 3:
                entry = Entry(at, EntryKind.SYMPTOM, "itching", severity=n % 5)
            else:
                entry = Entry(at, EntryKind.WEIGHT, value=70.0)
            service.log.add(entry)
    service.close()
    return folder


@pytest.fixture
def busy_diary(busy_template, tmp_path):
    service = DiaryService.open(db_path(copy_of(busy_template, tmp_path / "data")), fixed_clock())
    yield Diary(service)
    service.close()


def shown(model) -> list[Entry]:
    return [model.index(r, 0).data(ENTRY_ROLE) for r in range(model.rowCount())]


def test_the_log_model_fetches_a_batch_at_a_time(qtmodeltester, busy_diary):
    model = EntryTableModel(busy_diary)
    model.load()
    everything = busy_diary.service.log.entries()[::-1]
    assert model.total == len(everything) > 2 * model.BATCH
    assert model.rowCount() == model.BATCH and model.canFetchMore()
    qtmodeltester.check(model)
    model.fetch_all()
    assert not model.canFetchMore()
    assert [e.id for e in shown(model)] == [e.id for e in everything]  # newest first


@pytest.mark.parametrize(
    "wanted",
    [
        LogFilter(kind=EntryKind.WEIGHT),
        LogFilter(min_severity=3),
        LogFilter(kind=EntryKind.SYMPTOM, min_severity=4),
        LogFilter(first=TODAY - timedelta(days=1), last=TODAY - timedelta(days=1)),
        LogFilter(min_severity=4, first=TODAY),
    ],
)
def test_filters_in_sql_match_the_filter_in_python(busy_diary, wanted):
    model = EntryTableModel(busy_diary)
    model.load(wanted)
    model.fetch_all()
    expected = [e for e in busy_diary.service.log.entries()[::-1] if wanted.accepts(e)]
    assert [e.id for e in shown(model)] == [e.id for e in expected]
    assert model.matching == len(expected)


def test_a_new_entry_lands_in_place_and_the_counts_follow(busy_diary):
    model = EntryTableModel(busy_diary)
    model.load(LogFilter(kind=EntryKind.WEIGHT))
    total, matching = model.total, model.matching
    service = busy_diary.service
    newest = service.log.add(Entry(NOW, EntryKind.WEIGHT, value=71.0)).value.entry
    assert shown(model)[0].id == newest.id
    service.log.add(Entry(NOW, EntryKind.NOTE, note="not a weight"))
    assert (model.total, model.matching) == (total + 2, matching + 1)
    service.log.delete(newest.id)
    assert (model.total, model.matching) == (total + 1, matching)
    assert newest.id not in [e.id for e in shown(model)]
    assert model.total == service.log.count()


def test_the_page_says_how_many_it_shows(qtbot, busy_diary):
    from companion.ui.main_window import MainWindow

    window = MainWindow(busy_diary)
    qtbot.addWidget(window)
    window.show()
    window.show_page("log")
    view = window.log_view
    total = busy_diary.service.log.count()
    assert view.count_label.text() == f"All {total} entries"
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("weight"))
    weights = busy_diary.service.log.count(LogFilter(kind=EntryKind.WEIGHT))
    assert view.count_label.text() == f"Showing {weights} of {total} entries"
    view.table.scrollToBottom()  # the view asks for the rest as it scrolls
    qtbot.waitUntil(lambda: not view.model.canFetchMore())
    assert view.model.rowCount() == weights


# A row to fix: the window opens read-only, never locks out -------------------------------


def lock_out(path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO entries (at, at_utc, kind, value, created_at) VALUES "
            "('1900-01-01T00:00:00+14:00', '1899-12-31T10:00:00Z', 'temperature', 37.1, "
            "'2026-06-01T10:00:00+01:00')"
        )
        conn.commit()
        return conn.execute("SELECT max(id) FROM entries").fetchone()[0]


@pytest.mark.parametrize("delete", [True, False])
def test_the_window_offers_to_delete_the_row_or_opens_read_only(
    qtbot, tmp_path, confirmations, delete
):
    from companion.ui.application import Application

    path = make_diary(tmp_path / "data")
    row = lock_out(path)
    confirmations.answer = delete
    application = Application(path.parent, fixed_clock())
    try:
        assert application.open() is None  # opened, not refused
        _title, text, yes = confirmations[-1]
        assert f"number {row}" in text and "1900-01-01T00:00:00+14:00" in text
        assert yes == "Delete this entry"
        service = application.service
        assert service.read_only is not delete
        assert (service.log.entry(row) is None) is delete
        window = application.show_window()
        assert ("read-only" in window.windowTitle()) is not delete
        window.remember_place = False
        window.close()
        shiboken6.delete(window)  # before the diary closes, as Application.run does
        application.window = None
    finally:
        application.close()


def test_a_save_in_a_read_only_diary_says_why(tmp_path, confirmations):
    from companion.service.errors import WriteError

    path = make_diary(tmp_path / "data")
    lock_out(path)
    service = DiaryService.open(path, fixed_clock(), read_only_if_unusable=True)
    Diary(service)
    try:
        with pytest.raises(WriteError, match="read-only") as refused:
            service.log.add(Entry(NOW, EntryKind.WEIGHT, value=70.0))
        assert "companion fix entry" in str(refused.value)
    finally:
        service.close()
