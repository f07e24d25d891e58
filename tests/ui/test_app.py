"""Launching the app: first launch, the demo, and a diary it must not open."""

import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest

from companion import app as app_module
from companion.domain.kinds import GraftSource, TransplantKind
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.ui.main_window import MainWindow
from companion.ui.messages import Messages
from companion.ui.problem_dialog import ProblemChoice, ProblemDialog
from companion.ui.setup_dialog import SetupDialog
from tests.conftest import file_digest, make_transplant, write_newer_diary


def record_shown(monkeypatch, what=lambda window: window.header.today_label.text()):
    """What each main window said when it was shown (no hook in the app for tests)."""
    shown = []
    real = MainWindow.show_on_screen  # (shown maximised the first time, or where it was)

    def show(window):
        real(window)
        shown.append(what(window))

    monkeypatch.setattr(MainWindow, "show_on_screen", show)
    return shown


def test_first_launch_asks_for_setup_and_cancelling_leaves_nothing(qapp, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(
        SetupDialog, "ask", staticmethod(lambda today, parent=None: asked.append(today))
    )
    data = tmp_path / "diary"
    assert app_module.main(["--data-dir", str(data)]) == 0
    assert len(asked) == 1
    assert not data.exists()


def test_first_launch_saves_the_setup_and_opens_the_window(qapp, tmp_path, monkeypatch, team):
    chosen = make_transplant(kind=TransplantKind.AUTOLOGOUS, source=GraftSource.MARROW)
    monkeypatch.setattr(
        SetupDialog, "ask", staticmethod(lambda today, parent=None: (chosen, team, ""))
    )
    shown = record_shown(monkeypatch)
    data = tmp_path / "diary"
    code = app_module.main(["--data-dir", str(data), "--today", "2026-05-22", "--exit-after-paint"])
    assert code == 0
    assert shown == ["Today is Day +12 · Waiting for engraftment"]
    service = DiaryService.open(data / "companion.db")
    assert service.transplants.journey.transplants[0].source is GraftSource.MARROW
    service.close()
    if os.name == "posix":
        assert data.stat().st_mode & 0o777 == 0o700


def test_the_demo_opens_at_day_12_and_leaves_no_folder(qapp, monkeypatch, tmp_path):
    shown = record_shown(monkeypatch)
    made = []
    real_mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(
        tempfile,
        "mkdtemp",
        lambda prefix: made.append(real_mkdtemp(prefix=prefix, dir=tmp_path)) or made[-1],
    )
    assert app_module.main(["--demo", "--exit-after-paint"]) == 0
    assert shown == ["Today is Day +12 · Waiting for engraftment"]
    assert made
    assert not any(Path(p).exists() for p in made)


def _damaged_files(folder):
    """Files a user might meet: foreign, truncated, corrupted, and from a newer version."""
    (folder / "src").mkdir(exist_ok=True)
    demo = create_demo(folder / "src", date(2026, 6, 1), now=datetime(2026, 6, 1, 10).astimezone())
    good = demo.read_bytes()
    return {
        "foreign": b"My shopping list\nmilk\neggs\n" * 40,
        "truncated": good[: len(good) // 3],
        "corrupted": good[:4096] + bytes(range(256)) * 16 + good[8192:],
        "empty-header": b"SQLite format 3\x00" + b"\x00" * 200,
    }


@pytest.mark.parametrize("kind", ["foreign", "truncated", "corrupted", "empty-header", "newer"])
def test_a_diary_that_cannot_be_opened_is_explained_and_untouched(
    qapp, tmp_path, monkeypatch, kind
):
    data = tmp_path / "diary"
    data.mkdir()
    path = data / "companion.db"
    if kind == "newer":
        write_newer_diary(path, versions_ahead=5)
    else:
        path.write_bytes(_damaged_files(tmp_path)[kind])
    before = file_digest(path)
    told = []

    def ask(message, newest, parent=None):
        told.append(message)
        return ProblemChoice.QUIT, None

    monkeypatch.setattr(ProblemDialog, "ask", staticmethod(ask))
    assert app_module.main(["--data-dir", str(data)]) == 1
    assert told, "the user was told nothing"
    expected = (
        "newer version"
        if kind == "newer"
        else ("not a Transplant Companion diary" if kind == "foreign" else "damaged")
    )
    assert expected in told[0]
    assert "has not been changed" in told[0]
    assert file_digest(path) == before
    assert sorted(p.name for p in data.iterdir()) == ["companion.db"]


def test_restoring_the_newest_backup_from_the_problem_dialog(qapp, tmp_path, monkeypatch):
    from companion.service.files import daily_backup

    data = tmp_path / "diary"
    data.mkdir()
    create_demo(data, date(2026, 6, 1), now=datetime(2026, 6, 1, 10).astimezone())
    daily_backup(data, date(2026, 6, 1))
    damaged = _damaged_files(tmp_path)["corrupted"]
    (data / "companion.db").write_bytes(damaged)
    for side in ("companion.db-wal", "companion.db-shm"):
        (data / side).unlink(missing_ok=True)
    monkeypatch.setattr(
        ProblemDialog, "ask", staticmethod(lambda m, n, parent=None: (ProblemChoice.RESTORE, None))
    )
    told = []
    monkeypatch.setattr(Messages, "info", staticmethod(lambda p, t, text: told.append(text)))
    shown = record_shown(monkeypatch)
    code = app_module.main(["--data-dir", str(data), "--today", "2026-06-01", "--exit-after-paint"])
    assert code == 0
    assert shown == ["Today is Day +12 · Waiting for engraftment"]
    kept = list((data / "replaced").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file, kept as it was
    assert "is kept, unchanged" in told[0]


def test_starting_a_new_diary_beside_a_damaged_one(qapp, tmp_path, monkeypatch, team):
    data = tmp_path / "diary"
    data.mkdir()
    (data / "companion.db").write_bytes(b"not a database" * 100)
    before = file_digest(data / "companion.db")
    monkeypatch.setattr(
        ProblemDialog,
        "ask",
        staticmethod(lambda m, n, parent=None: (ProblemChoice.NEW_BESIDE, None)),
    )
    chosen = make_transplant()
    monkeypatch.setattr(
        SetupDialog, "ask", staticmethod(lambda today, parent=None: (chosen, team, ""))
    )
    assert app_module.main(["--data-dir", str(data), "--exit-after-paint"]) == 0
    new = [p for p in tmp_path.iterdir() if p.name.startswith("diary (new diary")]
    assert len(new) == 1 and (new[0] / "companion.db").exists()
    assert (data / "use-folder.txt").read_text() == str(new[0])
    assert file_digest(data / "companion.db") == before


def test_a_second_launch_on_the_same_folder_is_told_and_stops(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile

    data = tmp_path / "diary"
    data.mkdir()
    create_demo(data, date(2026, 6, 1), now=datetime(2026, 6, 1, 10).astimezone())
    held = QLockFile(str(data / "companion.lock"))
    assert held.tryLock(0)
    told = []
    monkeypatch.setattr(Messages, "info", staticmethod(lambda p, title, text: told.append(title)))
    shown = record_shown(monkeypatch, lambda w: w)
    assert app_module.main(["--data-dir", str(data), "--exit-after-paint"]) == 0
    assert told == ["Your diary is already open"] and shown == []
    held.unlock()


def test_a_stale_lock_from_a_crashed_run_is_recovered(qapp, tmp_path, monkeypatch):
    import socket

    data = tmp_path / "diary"
    data.mkdir()
    create_demo(data, date(2026, 6, 1), now=datetime(2026, 6, 1, 10).astimezone())
    # What QLockFile writes: pid, app name, host name. PID 2**22+7 is not running.
    (data / "companion.lock").write_text(f"{2**22 + 7}\ncompanion\n{socket.gethostname()}\n")
    shown = record_shown(monkeypatch, lambda w: w)
    assert app_module.main(["--data-dir", str(data), "--exit-after-paint"]) == 0
    assert len(shown) == 1
    assert not (data / "companion.lock").exists()


def test_the_default_folder_is_the_platforms_per_user_data_folder():
    folder = app_module.default_data_dir()
    assert folder.is_absolute()
    assert folder.name == "TransplantCompanion"
