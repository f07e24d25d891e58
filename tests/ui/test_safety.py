"""A full disk or a read-only diary: a clear message, nothing half-written, the app goes on.
Privacy: private file modes, and no network connection during a whole session."""

import csv
import os
import socket
import stat
import sys

import pytest
from PySide6.QtCore import Qt

from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import LabResult
from companion.storage.db import WriteError
from companion.ui.messages import Messages


def fill_the_disk(db):
    """SQLite's page limit stands in for a full disk: the next new page fails to write."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_entry_says_so_and_keeps_going(qtbot, window, diary):
    before = diary.service.log.entries()
    fill_the_disk(diary.service.db)
    note = "x" * 5000  # needs new pages
    with pytest.raises(WriteError, match="the disk is full") as caught:
        diary.service.log.add(Entry(at=diary.service.now(), kind=EntryKind.NOTE, note=note[:2000]))
    assert "Everything you saved before is kept as it was" in str(caught.value)
    assert diary.service.log.entries() == before  # nothing half-written
    # Through the UI: the quick-entry panel says it, and the window carries on.
    for _ in range(30):
        window.quick_entry.temp_edit.setText("37.0")
        window.quick_entry.temp_button.click()
        if "not saved" in window.quick_entry.status.text():
            break
    assert "This was not saved: the disk is full" in window.quick_entry.status.text()
    diary.service.db.execute("PRAGMA max_page_count = 1073741823")
    window.quick_entry.temp_edit.setText("37.1")
    window.quick_entry.temp_button.click()
    assert window.quick_entry.status.text().startswith("✓ Saved 37.1")


def test_a_read_only_diary_explains_and_changes_nothing(qtbot, window, diary):
    before = diary.service.labs.all()
    diary.service.db.execute(
        "PRAGMA query_only = ON"
    )  # stands in for a folder that became read-only
    with pytest.raises(WriteError, match="cannot be written to"):
        diary.service.labs.add(LabResult(diary.service.now(), anc=1.0))
    assert diary.service.labs.all() == before
    diary.service.db.execute("PRAGMA query_only = OFF")


def test_an_unexpected_write_failure_in_any_slot_is_shown(qtbot, window, diary, monkeypatch):
    from companion.ui import application

    told = []
    monkeypatch.setattr(Messages, "error", staticmethod(lambda p, t, text: told.append(text)))
    previous = sys.excepthook
    application._install_excepthook()
    try:
        sys.excepthook(WriteError, WriteError("This was not saved: test."), None)
    finally:
        sys.excepthook = previous
    assert told == ["This was not saved: test."]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_fresh_data_folder_is_private(qapp, tmp_path, monkeypatch, team):
    from companion import app as app_module
    from companion.ui.setup_dialog import SetupDialog
    from tests.conftest import make_transplant

    monkeypatch.setattr(
        SetupDialog, "ask", staticmethod(lambda today, parent=None: (make_transplant(), team, ""))
    )
    data = tmp_path / "fresh"
    assert app_module.main(["--data-dir", str(data), "--exit-after-paint"]) == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("companion.db", "companion.db-wal", "companion.db-shm"):
        if (data / name).exists():
            assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_no_network_connection_in_a_whole_session(qtbot, window, diary, tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access: {args}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # A session: log, tick, look at every page, print a PDF, export, back up.
    window.quick_entry.temp_edit.setText("38.2")
    window.quick_entry.temp_button.click()
    window.alert_card.contact_button.click()
    window.show_page("checklists")
    panel = window.checklists
    index = panel.proxy.index(0, 0)
    panel.proxy.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    for page in ("journey", "log", "counts", "settings", "today"):
        window.show_page(page)
    window.show_counts()
    diary.service.labs.add(LabResult(diary.service.now(), anc=0.4))
    from companion.domain.journey import Phase
    from companion.printing.checklist_data import build_sheet
    from companion.printing.pdf import write_sheet_pdf
    from companion.service.exports import export_csv
    from companion.storage.backup import copy_database

    write_sheet_pdf(
        build_sheet(diary.service, list(Phase), diary.service.today(), False), tmp_path / "p.pdf"
    )
    export_csv(diary.service, tmp_path / "log.csv")
    copy_database(
        diary.service.db.conn.execute("PRAGMA database_list").fetchone()[2], tmp_path / "b.db"
    )
    assert attempts == []
    assert "PySide6.QtNetwork" not in sys.modules
    with open(tmp_path / "log.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) > 10
    if os.name == "posix":
        for name in ("p.pdf", "log.csv", "b.db"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
