"""Writers wait their turn: two command lines logging at once, and the window writing at the
same time, lose nothing — every entry saved, every alert raised (issue 19).

The soak (200 entries from each command line) is marked ``soak``: run once in CI (see
.ci/run); the fast tier runs the same check with fewer entries.
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.service.demo import create_demo
from companion.service.diary import DiaryService

ROOT = Path(__file__).resolve().parent.parent

# One command line: ``companion log symptom vomiting --severity severe`` N times, each run a
# whole command (its own connection, opened and closed), as a carer's script would.
WORKER = """
import sys
from companion.app import main
folder, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
failed = 0
for i in range(count):
    code = main(["--data-dir", folder, "log", "symptom", "vomiting", "--severity", "severe",
                 "--note", f"{name}-{i}"])
    failed += code != 0
sys.exit(1 if failed else 0)
"""


def _diary(tmp_path: Path) -> Path:
    folder = tmp_path / "diary"
    folder.mkdir()
    today = datetime.now().astimezone().date()
    create_demo(folder, today if today > date(2026, 1, 1) else date(2026, 6, 1))
    return folder


def _notes(folder: Path) -> tuple[list[str], int]:
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn:
        notes = [
            row[0]
            for row in conn.execute(
                "SELECT note FROM entries WHERE deleted_at IS NULL AND note LIKE '%-%'"
            )
        ]
        alerts = conn.execute(
            "SELECT count(*) FROM alerts JOIN entries ON entries.id = alerts.entry_id "
            "WHERE entries.note LIKE '%-%'"
        ).fetchone()[0]
    return notes, alerts


def _race(tmp_path: Path, per_command_line: int, from_window: int) -> None:
    folder = _diary(tmp_path)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(folder), name, str(per_command_line)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("cli1", "cli2")
    ]
    window_errors: list[BaseException] = []

    def window() -> None:
        # The window's own connection, writing through the same service while the command
        # lines run (as the log page does).
        service = DiaryService.open(folder / "companion.db")
        try:
            for i in range(from_window):
                service.log.add(
                    Entry(
                        at=service.now(),
                        kind=EntryKind.SYMPTOM,
                        term="vomiting",
                        severity=3,
                        note=f"window-{i}",
                    )
                )
                service.reload_if_changed_elsewhere()
        except BaseException as error:  # reported below, in the test's thread
            window_errors.append(error)
        finally:
            service.close()

    thread = threading.Thread(target=window)
    thread.start()
    outputs = [worker.communicate(timeout=1800) for worker in workers]
    thread.join(timeout=1800)
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert "busy" not in err
    assert window_errors == []
    notes, alerts = _notes(folder)
    expected = {f"cli{n}-{i}" for n in (1, 2) for i in range(per_command_line)}
    expected |= {f"window-{i}" for i in range(from_window)}
    assert sorted(notes) == sorted(expected)  # every entry saved, once
    assert alerts == len(expected)  # every one raised its alert


def test_two_command_lines_and_the_window_write_at_once(tmp_path):
    _race(tmp_path, per_command_line=25, from_window=25)


@pytest.mark.soak
def test_two_command_lines_log_200_entries_each_with_the_window_writing(tmp_path):
    _race(tmp_path, per_command_line=200, from_window=200)
