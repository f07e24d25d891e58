"""Edit → Undo in the window is the diary's own undo (issue 19): the same service call as
``companion undo``, for every kind, blood counts and transfusions included; it takes back
only what this window did."""

from datetime import date, datetime, timedelta

from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import LabResult, Product, Transfusion
from companion.service.diary import DiaryService
from companion.ui.counts_view import CountsSeams
from tests.ui.conftest import fixed_clock


def test_edit_undo_and_redo_follow_the_journal(window, diary):
    undo, redo = window.menu_actions["undo"], window.menu_actions["redo"]
    service = diary.service
    saved = service.log.add(
        Entry(service.now() - timedelta(minutes=5), EntryKind.NOTE, note="typed by mistake")
    ).value.entry
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert service.log.entry(saved.id) is None
    assert redo.isEnabled()
    redo.trigger()
    assert service.log.entry(saved.id).note == "typed by mistake"


def test_blood_counts_are_deleted_after_asking_and_undone(window, diary, confirmations):
    window.show_counts()
    view = window.counts_view
    service = diary.service
    lab = service.labs.add(LabResult(service.now() - timedelta(hours=2), anc=0.33))
    rows = view.model.rowCount()
    view.table.selectRow(next(r for r in range(rows) if view.model.lab_at(r).id == lab.value.id))
    confirmations.answer = False
    view.delete_button.click()
    assert view.model.rowCount() == rows  # asked first; "Cancel" deletes nothing
    confirmations.answer = True
    view.delete_button.click()
    assert view.model.rowCount() == rows - 1
    assert "Edit → Undo brings them back" in confirmations[-1][1]
    window.menu_actions["undo"].trigger()
    assert view.model.rowCount() == rows
    assert lab.value.id in [x.id for x in service.labs.all()]


def test_a_transfusion_can_be_deleted_and_brought_back(window, diary, monkeypatch):
    window.show_counts()
    view = window.counts_view
    service = diary.service
    given = service.labs.add_transfusion(Transfusion(date(2026, 5, 30), Product.RED_CELLS))
    offered = []

    def choose(parent, labels):
        offered.extend(labels)
        return labels.index("Red cells, 30 May 2026")

    monkeypatch.setattr(CountsSeams, "choose_transfusion", staticmethod(choose))
    view.delete_transfusion_button.click()
    assert offered[0] == "Platelets, 31 May 2026"  # the newest first (the sample's)
    assert given.value.id not in [t.id for t in service.labs.transfusions()]
    window.menu_actions["undo"].trigger()
    assert given.value.id in [t.id for t in service.labs.transfusions()]


def test_the_window_leaves_the_command_lines_change_alone(window, diary):
    service = diary.service
    mine = service.log.add(
        Entry(service.now() - timedelta(minutes=9), EntryKind.NOTE, note="from the window")
    ).value.entry
    path = service.db.conn.execute("PRAGMA database_list").fetchone()[2]
    other = DiaryService.open(path, fixed_clock())
    try:
        theirs = other.log.add(
            Entry(
                datetime.combine(date(2026, 6, 1), datetime.min.time()).astimezone(),
                EntryKind.NOTE,
                note="from the command line",
            )
        ).value.entry
    finally:
        other.close()
    diary.check_for_changes_elsewhere()
    window.menu_actions["undo"].trigger()
    assert service.log.entry(mine.id) is None
    assert service.log.entry(theirs.id).note == "from the command line"
