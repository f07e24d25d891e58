"""Issue 25, item 4: outputs that are not ordinary files.

A folder, a FIFO, a socket or a device is refused with a message before anything is opened
(a FIFO used to hang the export for ever; as root, /dev/full was replaced by a file). A
symbolic link is followed: the file it points to is written and the link stays a link — and
a link to the diary is refused like the diary itself.
"""

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.cli_setup import call
from tests.storage.crafted import make_diary


@pytest.fixture
def folder(tmp_path):
    return make_diary(tmp_path / "data").parent


@pytest.fixture(autouse=True)
def widgets_app(qapp):
    """The commands that print (checklist, report) make a QGuiApplication when none exists;
    run in this process, theirs would be the session's, and the window tests need widgets."""
    return qapp


def exports(folder: Path, target: Path) -> list[tuple[str, ...]]:
    return [
        ("export", "--csv", str(target)),
        ("export", "--xlsx", str(target)),
        ("appointment", "export", "--ics", str(target)),
        ("backup", "--output", str(target)),
        ("checklist", "--phase", "all", "--output", str(target)),
    ]


def test_a_fifo_is_refused_at_once_never_opened(folder, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in exports(folder, fifo):
        # A hang here would be stopped by faulthandler_timeout: the check only stats.
        code, _, err = call("--data-dir", str(folder), *args)
        assert code == 2, (args, err)
        assert "named pipe" in err and err.count("\n") == 1
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused(folder, tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        code, _, err = call("--data-dir", str(folder), "export", "--csv", str(path))
    finally:
        server.close()
    assert code == 2 and "socket" in err
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_device_is_refused_and_stays_a_device(folder):
    null = Path("/dev/null")
    for args in exports(folder, null):
        code, _, err = call("--data-dir", str(folder), *args)
        assert code == 2, (args, err)
        assert "a device" in err
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_folder_is_refused(folder, tmp_path):
    code, _, err = call("--data-dir", str(folder), "export", "--csv", str(tmp_path))
    assert code in (1, 2) and "is a folder" in err


def test_a_symbolic_link_is_followed_and_stays_a_link(folder, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    code, _out, err = call("--data-dir", str(folder), "export", "--csv", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text(encoding="utf-8").startswith('"time"')  # the target was written
    copy = tmp_path / "copy.db"
    copy.write_bytes(b"")
    backup_link = tmp_path / "backup-link.db"
    backup_link.symlink_to(copy)
    code, _, err = call("--data-dir", str(folder), "backup", "--output", str(backup_link))
    assert code == 0, err
    assert backup_link.is_symlink()
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_link_to_a_fifo_or_a_device_is_refused_too(folder, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for name, target in (("to-fifo", fifo), ("to-null", Path("/dev/null"))):
        link = tmp_path / name
        link.symlink_to(target)
        code, _, err = call("--data-dir", str(folder), "export", "--csv", str(link))
        assert code == 2, err


def test_a_link_to_the_diary_is_refused_as_the_diary(folder, tmp_path):
    diary = folder / "companion.db"
    before = diary.read_bytes()
    link = tmp_path / "innocent.csv"
    link.symlink_to(diary)
    for args in (
        ("export", "--csv", str(link)),
        ("backup", "--output", str(link)),
    ):
        code, _, err = call("--data-dir", str(folder), *args)
        assert code == 2, (args, err)
        assert "diary" in err
    assert diary.read_bytes() == before
    assert link.is_symlink()
