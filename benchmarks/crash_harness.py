"""Kill a writer with SIGKILL at random moments; check nothing it reported saved is lost.

The writer (``python benchmarks/crash_harness.py write DB``) logs temperatures through the
real repository, one transaction each, and prints ``saved ID SEQ`` after each commit
returns. A trial starts it, kills it (SIGKILL) after a random delay, reopens the diary with
``open_db`` and checks ``PRAGMA integrity_check``, that every reported entry is there with
its value, and that every fever has its alert (an entry and its alerts commit together).

``python benchmarks/crash_harness.py soak [TRIALS]`` runs many trials and prints the tally.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_forever(path: Path) -> None:
    from companion.domain.entries import Entry, EntryKind
    from companion.service.diary import DiaryService

    service = DiaryService.open(path)
    start = datetime.now().astimezone() - timedelta(days=30)
    seq = service.db["entries"].count
    while True:
        seq += 1
        celsius = 38.5 if seq % 5 == 0 else 36.8
        entry = Entry(
            start + timedelta(minutes=seq), EntryKind.TEMPERATURE, value=celsius, note=f"seq {seq}"
        )
        saved = service.log_entry(entry).entry
        sys.stdout.write(f"saved {saved.id} {seq}\n")
        sys.stdout.flush()


def prepare(path: Path) -> None:
    from companion.domain.journey import Transplant
    from companion.domain.kinds import GraftSource, TransplantKind
    from companion.service.demo import DEMO_TEAM
    from companion.service.diary import DiaryService

    service = DiaryService.open(path)
    service.start(
        Transplant(TransplantKind.AUTOLOGOUS, GraftSource.BLOOD, date.today(), 2), DEMO_TEAM
    )
    service.close()


@dataclass
class Tally:
    trials: int = 0
    kills: int = 0
    reported: int = 0
    lost: int = 0
    integrity_failures: int = 0
    orphan_fevers: int = 0


def trial(path: Path, rng: random.Random, tally: Tally) -> None:
    """One writer, one SIGKILL at a random moment, one check."""
    from companion.storage.db import open_db

    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "write", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    first = threading.Event()

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.endswith("\n"):
                lines.append(line)
                first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    first.wait(timeout=30)
    time.sleep(rng.uniform(0.0, 0.25))  # a random moment in the middle of writing
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reader.join(timeout=10)
    process.stdout.close()  # type: ignore[union-attr]
    tally.trials += 1
    tally.kills += process.returncode == -signal.SIGKILL
    reported = {}
    for line in lines:
        _, entry_id, seq = line.split()
        reported[int(entry_id)] = int(seq)
    tally.reported += len(reported)
    db = open_db(path)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            tally.integrity_failures += 1
        notes = dict(db.execute("SELECT id, note FROM entries").fetchall())
        tally.lost += sum(1 for i, seq in reported.items() if notes.get(i) != f"seq {seq}")
        tally.orphan_fevers += db.execute(
            "SELECT count(*) FROM entries e WHERE e.value >= 38.0 AND NOT EXISTS "
            "(SELECT 1 FROM alerts a WHERE a.entry_id = e.id)"
        ).fetchone()[0]
    finally:
        db.close()


def soak(trials: int, folder: Path, seed: int = 20261127) -> Tally:
    rng = random.Random(seed)
    path = folder / "companion.db"
    prepare(path)
    tally = Tally()
    for _ in range(trials):
        trial(path, rng, tally)
    return tally


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_forever(Path(sys.argv[2]))
    elif sys.argv[1] == "soak":
        import tempfile

        count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            result = soak(count, Path(tmp))
        print(
            f"trials {result.trials}, SIGKILLs {result.kills}, entries reported saved "
            f"{result.reported}, lost {result.lost}, integrity failures "
            f"{result.integrity_failures}, fevers without their alert {result.orphan_fevers} "
            f"({time.perf_counter() - started:.0f} s)"
        )
