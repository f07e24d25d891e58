"""Backups that prove themselves (issue 12, "What to build"): each copy is read back and
checked before it counts; the window shows the last good backup and warns when it is older
than two days or the last one failed; File → Back up now. And the window's side of item 4:
a restore a crash interrupted is finished at the next launch, and the user is told."""

import errno
import json
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QLockFile

from companion import app as app_module
from companion.service.files import backup_status, check_backup, daily_backup
from companion.storage import backup as backup_module
from companion.storage.backup import CopyError, copy_database
from companion.ui.backup_status import BackupStatusLabel
from companion.ui.main_window import MainWindow
from companion.ui.messages import Messages
from tests.storage.crafted import make_diary, snapshot

NOW = datetime(2026, 6, 1, 10, 0).astimezone()


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    make_diary(folder)
    return folder


@pytest.fixture
def told(monkeypatch):
    said = []
    monkeypatch.setattr(Messages, "info", staticmethod(lambda p, t, text: said.append((t, text))))
    monkeypatch.setattr(
        Messages, "error", staticmethod(lambda p, t, text: said.append(("error: " + t, text)))
    )
    return said


def status_file(data, **fields) -> None:
    (data / "backup-status.json").write_text(json.dumps(fields))


def label_for(qtbot, data, now=NOW) -> BackupStatusLabel:
    label = BackupStatusLabel(str(data), lambda: now)
    qtbot.addWidget(label)
    return label


def test_the_last_good_backup_is_shown(qtbot, data):
    status_file(data, last_good=(NOW - timedelta(hours=3)).isoformat())
    label = label_for(qtbot, data)
    assert label.text() == "Last good backup: Monday 1 June 2026 07:00"
    assert not label.warning


def test_a_backup_older_than_two_days_is_pointed_out(qtbot, data):
    status_file(data, last_good=(NOW - timedelta(days=3)).isoformat())
    label = label_for(qtbot, data)
    assert label.warning
    assert label.text().startswith("⚠ Last good backup: Friday 29 May 2026 10:00, 3 days ago.")
    assert "File → Back up now" in label.text()


def test_a_failed_backup_is_pointed_out(qtbot, data):
    status_file(
        data,
        last_good=(NOW - timedelta(hours=30)).isoformat(),
        last_failure=(NOW - timedelta(hours=1)).isoformat(),
        failure_reason="the disk is full",
    )
    label = label_for(qtbot, data)
    assert label.warning
    assert label.text() == (
        "⚠ The last backup failed (Monday 1 June 2026 09:00). Use File → Back up now."
    )
    assert "the disk is full" in label.toolTip()


def test_no_backup_yet(qtbot, data):
    label = label_for(qtbot, data)
    assert label.warning and label.text().startswith("⚠ No backup yet.")


def test_back_up_now_makes_a_checked_copy_and_says_so(qtbot, diary, tmp_path, told):
    data = tmp_path  # the folder of the diary the window shows
    window = MainWindow(diary, str(data))
    qtbot.addWidget(window)
    assert window.backup_status.warning  # no backup yet
    window.backup_status.action.trigger()
    made = data / "backups" / f"daily-{diary.service.today().isoformat()}.db"
    assert check_backup(made)  # a whole diary, checked again here
    assert told[-1][0] == "Backed up" and str(made) in told[-1][1]
    assert window.backup_status.text().startswith("Last good backup:")
    assert not window.backup_status.warning
    assert backup_status(data).last_good_path == str(made)


def test_back_up_now_on_a_full_disk_warns(qtbot, diary, tmp_path, told, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "copy_database", full)
    window = MainWindow(diary, str(tmp_path))
    qtbot.addWidget(window)
    window.backup_status.action.trigger()
    assert told[-1][0] == "error: The backup could not be made"
    assert "the disk is full" in told[-1][1]
    assert window.backup_status.text().startswith("⚠ The last backup failed")


class EmptyCopy:
    """A source whose backup writes nothing: what openScale's users got from failed backups."""

    def __init__(self, conn):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def backup(self, target, **kwargs):
        return None


def test_a_copy_that_comes_out_empty_is_never_kept(data, tmp_path, monkeypatch):
    real = backup_module._open_source
    monkeypatch.setattr(backup_module, "_open_source", lambda source: EmptyCopy(real(source)))
    with pytest.raises(CopyError, match="did not check out"):
        copy_database(data / "companion.db", tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(CopyError):
        daily_backup(data, date(2026, 6, 1))
    assert list((data / "backups").glob("*.db")) == []
    assert backup_status(data).failed_last  # the window will warn


def test_an_interrupted_restore_is_finished_at_launch_and_told(qapp, tmp_path, data, told):
    from tests.storage.test_restore_and_upgrade import Crash, backup_with, notes

    backup = backup_with(tmp_path, "b", "from the backup")
    real = backup_module._complete
    backup_module._complete = lambda *a: (_ for _ in ()).throw(Crash())
    try:
        with pytest.raises(Crash):
            backup_module.restore(data, backup)
    finally:
        backup_module._complete = real
    code = app_module.main(["--data-dir", str(data), "--today", "2026-06-01", "--exit-after-paint"])
    assert code == 0
    assert told[0][0] == "Backup restored"
    assert "was interrupted" in told[0][1] and "It has now been finished" in told[0][1]
    assert notes(data / "companion.db") == notes(backup)


def test_the_lock_is_held_throughout_a_restore_from_the_window(qapp, data, tmp_path, monkeypatch):
    from companion.service import files as files_module
    from companion.ui.application import Application, Restart

    held_during = []

    def restore(folder, backup):
        other = QLockFile(str(folder / "companion.lock"))
        held_during.append(not other.tryLock(0))  # a second window could not take it
        return None

    monkeypatch.setattr(files_module, "restore", restore)
    monkeypatch.setattr(Messages, "info", staticmethod(lambda *a: None))
    application = Application(data, lambda: NOW)
    assert application.open() is None
    before = snapshot(data / "backups") if (data / "backups").exists() else {}
    with pytest.raises(Restart):
        application._restore(tmp_path / "any.db")
    application.close()
    assert held_during == [True]
    assert (snapshot(data / "backups") if (data / "backups").exists() else {}) == before
