"""Issue 12, items 6, 11 and 12, as a user meets them: extreme dates, file modes under
umask 000, lab values no lab prints, read-only folders, a refused restore's advice, and
files a killed run left behind."""

import math
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from companion.domain.days import DateRangeError
from companion.domain.entries import Entry, EntryError, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabError, LabResult
from companion.service.diary import DiaryService
from companion.storage.backup import copy_database
from tests.conftest import run_main, unprivileged_place
from tests.storage.crafted import crafted, make_diary, snapshot

NOW = datetime(2026, 6, 1, 10, 0).astimezone()
SETUP = [
    "setup",
    "--kind",
    "autologous",
    "--source",
    "peripheral-blood",
    "--day0",
    "2026-05-20",
    "--conditioning-start",
    "2026-05-14",
    "--team",
    "City Unit",
    "--office-phone",
    "020 7946 0100",
    "--after-hours-phone",
    "020 7946 0200",
]


def one_line(result) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


# Item 6: Day 0 in December 9999 --------------------------------------------------------------


def test_day_0_in_9999_is_refused_by_the_domain_and_the_forms(qtbot):
    from PySide6.QtCore import QDate

    from companion.ui.setup_dialog import SetupDialog

    with pytest.raises(DateRangeError, match="9999"):
        Transplant(TransplantKind.AUTOLOGOUS, GraftSource.BLOOD, date(9999, 12, 1), 6)
    dialog = SetupDialog(date(2026, 6, 1))
    qtbot.addWidget(dialog)
    dialog.transplant_form.day0_edit.setDate(QDate(9999, 12, 1))
    assert dialog.transplant_form.day0_edit.date() == QDate(2200, 12, 31)  # the last it takes
    dialog.transplant_form.day0_edit.setDate(QDate(1, 1, 1))
    assert dialog.transplant_form.day0_edit.date() == QDate(1900, 1, 1)


@pytest.mark.parametrize("command", [["today"], ["checklist", "--phase", "all", "--output"]])
def test_a_stored_day_0_in_9999_never_crashes_a_command(tmp_path, command):
    """A diary an older version let through: explained in one line, left as it was."""
    sample = make_diary(tmp_path / "sample")
    folder = tmp_path / "data"
    folder.mkdir()
    crafted(sample, folder / "companion.db", "UPDATE transplants SET day0 = '9999-12-20'")
    before = snapshot(folder)
    args = [*command, str(tmp_path / "sheet.pdf")] if "--output" in command else command
    result = run_main("--data-dir", str(folder), *args, headless=True)
    assert result.returncode == 1
    assert "Day 0 is '9999-12-20'" in one_line(result)
    assert snapshot(folder) == before
    assert not (tmp_path / "sheet.pdf").exists()


def test_a_stored_day_0_in_9999_never_crashes_a_launch(qapp, tmp_path, monkeypatch):
    from companion import app as app_module
    from companion.ui.problem_dialog import ProblemChoice, ProblemDialog

    sample = make_diary(tmp_path / "sample")
    folder = tmp_path / "data"
    folder.mkdir()
    crafted(sample, folder / "companion.db", "UPDATE transplants SET day0 = '9999-12-20'")
    before = snapshot(folder)
    shown = []

    def ask(message, newest, parent=None):
        shown.append(message)
        return ProblemChoice.QUIT, None

    monkeypatch.setattr(ProblemDialog, "ask", staticmethod(ask))
    assert app_module.main(["--data-dir", str(folder), "--exit-after-paint"]) == 1
    assert len(shown) == 1 and "Day 0 is '9999-12-20'" in shown[0]
    assert {k: v for k, v in snapshot(folder).items() if k != "companion.lock"} == before


# Item 12: lab values, year 1 ---------------------------------------------------------------------


@pytest.fixture
def service(tmp_path):
    service = DiaryService.open(make_diary(tmp_path / "data"), lambda: NOW)
    yield service
    service.close()


@pytest.mark.parametrize(
    "values",
    [
        {"anc": math.inf},
        {"anc": -math.inf},
        {"wbc": math.nan},
        {"platelets": -1.0},
        {"hb": 1e308},
        {"neutrophil_percent": 101.0},
    ],
    ids=["inf", "-inf", "NaN", "-1", "1e308", "101 %"],
)
def test_lab_values_no_lab_prints_are_refused(service, values):
    before = len(service.labs.all())
    with pytest.raises(LabError, match=r"Nothing was saved|please type a number"):
        service.labs.add(LabResult(NOW, **values))
    assert len(service.labs.all()) == before


@pytest.mark.parametrize("value", ["1e308", "-1", "inf", "nan"])
def test_the_command_line_refuses_them_in_one_line(service, tmp_path, value):
    service.close()
    result = run_main("--data-dir", str(tmp_path / "data"), "log", "counts", "--anc", value)
    assert result.returncode == 2
    one_line(result)


def test_an_entry_in_the_year_1_is_refused_not_overflowing(service):
    year_one = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    with pytest.raises(EntryError, match="outside the years"):
        service.log.add(Entry(year_one, EntryKind.NOTE, note="x"))
    with pytest.raises(LabError, match="outside the years"):
        service.labs.add(LabResult(year_one, anc=1.0))


# Item 11: modes under umask 000 ---------------------------------------------------------------


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_everything_written_under_umask_000_is_private(tmp_path):
    def run(*args):
        return subprocess.run(
            [sys.executable, "main.py", *args],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0),
            env=dict(os.environ, HOME=str(tmp_path)),
        )

    data = tmp_path / "made" / "for" / "data"
    out = tmp_path / "out"
    out.mkdir()
    assert run("--data-dir", str(data), *SETUP).returncode == 0
    assert run("--data-dir", str(data), "log", "temperature", "37.2").returncode == 0
    for args in (
        ["backup", "--output", str(out / "copy.db")],
        ["export", "--csv", str(out / "log.csv")],
        ["checklist", "--phase", "recovery", "--output", str(out / "sheet.pdf")],
    ):
        assert run("--data-dir", str(data), *args).returncode == 0
    # The diary replaced by a restore is a foreign file with its own -wal and -shm, made
    # world-readable under umask 000.
    os.umask(0)
    try:
        foreign = sqlite3.connect(data / "companion.db.tmp")
        foreign.execute("PRAGMA journal_mode = WAL")
        foreign.execute("CREATE TABLE mine (x)")
        foreign.commit()
        os.replace(data / "companion.db.tmp", data / "companion.db")
        for side in ("-wal", "-shm"):
            os.replace(data / f"companion.db.tmp{side}", data / f"companion.db{side}")
        foreign.close()
    finally:
        os.umask(0o022)
    assert (data / "companion.db-wal").exists()
    assert run("--data-dir", str(data), "restore", str(out / "copy.db")).returncode == 0
    folders = [tmp_path / "made", tmp_path / "made" / "for", data, data / "replaced"]
    files = [p for p in [*data.rglob("*"), *out.iterdir()] if p.is_file()]
    assert {p.name for p in (data / "replaced").iterdir()} >= {
        f"{p.name}{s}" for p in (data / "replaced").glob("*.db") for s in ("", "-wal")
    }
    assert {str(p): oct(mode(p)) for p in folders if mode(p) != 0o700} == {}
    assert {str(p): oct(mode(p)) for p in files if mode(p) != 0o600} == {}


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_lock_file_is_private_under_umask_000(qapp, tmp_path):
    from companion.ui.application import Application

    data = tmp_path / "data"
    make_diary(data)
    old = os.umask(0)
    try:
        application = Application(data, lambda: NOW)
        assert application.open() is None
        assert mode(data / "companion.lock") == 0o600
        application.close()
    finally:
        os.umask(old)


# Item 12: read-only folders -----------------------------------------------------------------


def test_a_backup_from_a_read_only_data_folder_works_and_blames_nothing(tmp_path):
    with unprivileged_place() as (base, give, read_only, run):
        data = base / "data"
        make_diary(data)
        out = base / "out"
        out.mkdir()
        give(out)
        read_only(data)
        result = run("--data-dir", str(data), "backup", "--output", str(out / "copy.db"))
        assert result.returncode == 0, result.stderr
        assert (out / "copy.db").exists()


def test_a_backup_that_cannot_read_the_log_in_a_read_only_folder_says_why(tmp_path):
    with unprivileged_place() as (base, give, read_only, run):
        data = base / "data"
        make_diary(data)
        conn = sqlite3.connect(data / "companion.db")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE team SET name = 'Changed after the crash'")
        conn.commit()
        crashed = base / "crashed"  # a power cut: the log left, the shared memory gone
        crashed.mkdir()
        for name in ("companion.db", "companion.db-wal"):
            shutil.copy(data / name, crashed / name)
        conn.close()
        out = base / "out"
        out.mkdir()
        give(out)
        read_only(crashed)
        result = run("--data-dir", str(crashed), "backup", "--output", str(out / "copy.db"))
        assert result.returncode == 1
        message = one_line(result)
        assert "folder cannot be written to" in message and "still in its log" in message
        assert str(out) not in message  # the output is not to blame
        assert list(out.iterdir()) == []


def test_a_restore_into_a_read_only_folder_says_so(tmp_path):
    with unprivileged_place() as (base, give, read_only, run):
        data = base / "data"
        make_diary(data)
        backup = copy_database(data / "companion.db", base / "backup.db")
        give(backup)
        read_only(data)
        before = snapshot(data)
        result = run("--data-dir", str(data), "restore", str(backup))
        assert result.returncode == 1
        message = one_line(result)
        assert "cannot be written to" in message and "read-only" in message
        assert "is open" not in message
        assert snapshot(data) == before


# Item 12: a refused restore's advice; leftovers ------------------------------------------------


def test_a_refused_restore_suggests_another_backup_not_the_newest(tmp_path):
    folder = tmp_path / "data"
    make_diary(folder)
    evil = crafted(
        folder / "companion.db",
        tmp_path / "evil.db",
        "CREATE TRIGGER t AFTER INSERT ON entries BEGIN DELETE FROM entries; END",
    )
    before = snapshot(folder)
    result = run_main("--data-dir", str(folder), "restore", str(evil))
    assert result.returncode == 1
    message = one_line(result)
    assert "Please choose another backup" in message
    assert "restore your newest backup" not in message
    assert snapshot(folder) == before


def test_files_a_killed_run_left_are_removed_at_the_next_start(tmp_path):
    folder = tmp_path / "data"
    make_diary(folder)
    (folder / "backups").mkdir()
    (folder / "replaced").mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)  # a process that has ended
    left = [
        folder / f".writing-{pid}-abc.db",
        folder / "backups" / f".writing-{pid}-def.db",
        folder / "replaced" / f".writing-{pid}-ghi.db",
        folder / f".restoring-{pid}-jkl.db",
        folder / ".writing-from-an-older-version.db",
    ]
    running = folder / f".writing-{os.getpid()}-mine.db"  # this test process is alive
    for path in [*left, running]:
        path.write_bytes(b"half a copy")
    result = run_main("--data-dir", str(folder), "today")
    assert result.returncode == 0, result.stderr
    assert [p for p in left if p.exists()] == []
    assert running.exists()
