"""Issue 12, item 1: no output (CSV, PDF, backup) is ever written onto the diary, its
write-ahead log, its lock, its backups or its replaced copies — through a symbolic link, a
hard link or a roundabout path too — also while the window has the diary open."""

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from companion.app import main
from companion.service.diary import DiaryService
from companion.service.errors import OutputError
from companion.service.exports import export_csv
from companion.service.files import back_up_now, check_output, written_atomically
from companion.storage.backup import restore
from tests.conftest import run_main
from tests.storage.crafted import make_diary, snapshot

COMMANDS = {
    "export": ["export", "--csv"],
    "checklist": ["checklist", "--phase", "recovery", "--output"],
    "backup": ["backup", "--output"],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data folder with everything a diary has: the diary, a backup, a replaced copy."""
    folder = tmp_path_factory.mktemp("template") / "data"
    make_diary(folder)
    back_up_now(folder, date(2026, 6, 1))  # backups/daily-2026-06-01.db
    restore(folder, folder / "backups" / "daily-2026-06-01.db")  # replaced/…
    DiaryService.open(folder / "companion.db").close()  # in WAL mode, as the app leaves it
    (folder / "companion.lock").write_text("12345\n")
    return folder


@pytest.fixture
def data(tmp_path, template):
    return Path(shutil.copytree(template, tmp_path / "data"))


def targets(data, tmp_path):
    """Every way of naming one of the diary's own files."""
    replaced = next((data / "replaced").glob("*.db"))
    (tmp_path / "elsewhere").mkdir(exist_ok=True)
    link = tmp_path / "elsewhere" / "harmless.csv"
    link.symlink_to(data / "companion.db")
    hard = tmp_path / "elsewhere" / "also-harmless.csv"
    os.link(data / "companion.db", hard)
    dangling = tmp_path / "elsewhere" / "log.pdf"
    dangling.symlink_to(data / "companion.db-wal")
    return {
        "the diary": data / "companion.db",
        "its write-ahead log": data / "companion.db-wal",
        "its shared memory": data / "companion.db-shm",
        "its lock": data / "companion.lock",
        "a backup": data / "backups" / "daily-2026-06-01.db",
        "a new file among the backups": data / "backups" / "new.csv",
        "a replaced copy": replaced,
        "a roundabout path": tmp_path / "elsewhere" / ".." / "data" / "." / "companion.db",
        "a symbolic link": link,
        "a hard link": hard,
        "a link to the log": dangling,
    }


KINDS = [
    "the diary",
    "its write-ahead log",
    "its shared memory",
    "its lock",
    "a backup",
    "a new file among the backups",
    "a replaced copy",
    "a roundabout path",
    "a symbolic link",
    "a hard link",
    "a link to the log",
]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", KINDS)
def test_no_command_writes_onto_the_diarys_files(tmp_path, data, capsys, command, kind):
    target = targets(data, tmp_path)[kind]
    before = snapshot(tmp_path)
    status = main(["--data-dir", str(data), *COMMANDS[command], str(target)])
    err = capsys.readouterr().err
    assert status == 2  # what was typed cannot be used
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "writing there would replace it. Nothing was written." in err
    assert snapshot(tmp_path) == before


def test_refused_while_the_window_has_the_diary_open(tmp_path, data):
    """The window holds the lock and an open connection (with its -wal): still refused,
    by the real command line in its own process."""
    (data / "companion.lock").unlink()
    lock = QLockFile(str(data / "companion.lock"))
    assert lock.tryLock(0)
    service = DiaryService.open(data / "companion.db")
    try:
        assert (data / "companion.db-wal").exists()
        before = (data / "companion.db").read_bytes()
        for command in COMMANDS.values():
            result = run_main("--data-dir", str(data), *command, str(data / "companion.db"))
            assert result.returncode == 2, result.stderr
            assert result.stderr.count("\n") == 1
        assert (data / "companion.db").read_bytes() == before
        assert service.transplants.is_set_up  # the open diary is still the diary
    finally:
        service.close()
        lock.unlock()


def test_the_service_and_the_helpers_refuse_too(tmp_path, data):
    """Front ends and the exports others add go through the same two helpers."""
    service = DiaryService.open(data / "companion.db")
    try:
        before = snapshot(data)
        with pytest.raises(OutputError, match="replace it"):
            export_csv(service, data / "companion.db")
        with pytest.raises(OutputError, match="replace it"):
            check_output(data / "companion.db-wal", "x.xlsx")
        with (
            pytest.raises(OutputError, match="replace it"),
            written_atomically(data / "backups" / "daily-2026-06-01.db") as temp,
        ):
            temp.write_text("not a diary")  # pragma: no cover - refused before
        assert snapshot(data) == before
    finally:
        service.close()


def test_ordinary_outputs_still_work(tmp_path, data):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--data-dir", str(data), "export", "--csv", str(out / "diary.csv")]) == 0
    assert main(["--data-dir", str(data), "backup", "--output", str(out / "copy.db")]) == 0
    # A newer copy may replace the user's own older copy (not a diary in use).
    assert main(["--data-dir", str(data), "backup", "--output", str(out / "copy.db")]) == 0
    # A CSV never replaces a database, even one outside the data folder.
    assert main(["--data-dir", str(data), "export", "--csv", str(out / "copy.db")]) == 2
