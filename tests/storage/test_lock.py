"""The diary's lock, Qt-free (storage.lock): one holder, stale locks recovered, a bounded
wait, and the same file as Qt's QLockFile (an older version of the app) keeps out."""

import socket
import subprocess
import sys
import threading

from companion.storage.lock import DiaryLock, LockError


def test_one_holder_at_a_time_then_the_next(tmp_path):
    first, second = DiaryLock(tmp_path / "companion.lock"), DiaryLock(tmp_path / "companion.lock")
    assert first.try_lock()
    assert not second.try_lock(0.1)
    assert second.error is LockError.HELD
    first.unlock()
    assert not (tmp_path / "companion.lock").exists()
    assert second.try_lock()
    second.unlock()


def test_a_waiting_taker_gets_it_when_the_holder_lets_go(tmp_path):
    holder, waiter = DiaryLock(tmp_path / "l"), DiaryLock(tmp_path / "l")
    assert holder.try_lock()
    released = threading.Event()

    def let_go():
        released.wait(5)
        holder.unlock()

    thread = threading.Thread(target=let_go)
    thread.start()
    released.set()
    assert waiter.try_lock(10)  # waited its turn instead of refusing at once
    thread.join()
    waiter.unlock()


def test_a_crashed_runs_lock_is_taken_over(tmp_path):
    path = tmp_path / "companion.lock"
    path.write_text(f"{2**22 + 7}\ncompanion\n{socket.gethostname()}\n")  # no such process
    lock = DiaryLock(path)
    assert lock.try_lock()
    assert path.read_text().splitlines()[0] != str(2**22 + 7)
    lock.unlock()


def test_another_computers_lock_is_respected(tmp_path):
    path = tmp_path / "companion.lock"
    path.write_text(f"{2**22 + 7}\ncompanion\nsome-other-host-{socket.gethostname()}\n")
    assert not DiaryLock(path).try_lock(0)


def test_a_read_only_folder_is_told_apart(tmp_path):
    import os

    if os.geteuid() == 0:  # root writes anywhere: nothing to tell apart
        return
    tmp_path.chmod(0o500)
    try:
        lock = DiaryLock(tmp_path / "companion.lock")
        assert not lock.try_lock()
        assert lock.error is LockError.PERMISSION
    finally:
        tmp_path.chmod(0o700)


def test_qlockfile_and_this_lock_keep_each_other_out(qapp, tmp_path):
    from PySide6.QtCore import QLockFile

    path = tmp_path / "companion.lock"
    ours = DiaryLock(path)
    assert ours.try_lock()
    theirs = QLockFile(str(path))
    assert not theirs.tryLock(0)
    ours.unlock()
    assert theirs.tryLock(0)
    assert not DiaryLock(path).try_lock(0.1)
    theirs.unlock()


def test_the_command_lines_lock_does_not_load_qt(tmp_path):
    code = (
        "import sys; from pathlib import Path; from companion.cli import locked\n"
        f"with locked(Path({str(tmp_path)!r}), 'restore'): pass\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
