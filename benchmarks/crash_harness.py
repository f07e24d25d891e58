"""Kill a writer with SIGKILL at random moments; check nothing it reported saved is lost.

The writer (``python benchmarks/crash_harness.py write DB``) logs temperatures through the
real repository, one transaction each, and prints ``saved ID SEQ`` after each commit
returns. A trial starts it, kills it (SIGKILL) after a random delay, reopens the diary with
``open_db`` and checks ``PRAGMA integrity_check``, that every reported entry is there with
its value, and that every fever has its alert (an entry and its alerts commit together).

``python benchmarks/crash_harness.py soak [TRIALS]`` runs many trials and prints the tally.

Restore and migration are killed at every step instead (``kill_every_step``): a child
process restores a backup (or opens an older diary, which upgrades it) with each file
operation and each SQL statement counted, and SIGKILLs itself at step N — just before the
step, or just after it — for every N until one run completes. Each time, the next start
(``finish_interrupted_restore``, ``open_db``) must find either the old diary or the new one,
whole, with nothing lost: the old diary kept in ``replaced/`` after a restore, its data
unchanged after an upgrade, one pre-migration copy at most, no temporary files left.
``python benchmarks/crash_harness.py steps`` prints those tallies.
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
        saved = service.log.add(entry).value.entry
        sys.stdout.write(f"saved {saved.id} {seq}\n")
        sys.stdout.flush()


def prepare(path: Path) -> None:
    from companion.domain.journey import Transplant
    from companion.domain.kinds import GraftSource, TransplantKind
    from companion.service.demo import DEMO_TEAM
    from companion.service.diary import DiaryService

    service = DiaryService.open(path)
    service.transplants.start(
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


# Killing inside restore and migration, at every step -------------------------------------

STEP_TARGETS = (
    ("os", "link"),
    ("os", "replace"),
    ("os", "rename"),
    ("os", "unlink"),
    ("os", "fsync"),
    ("os", "chmod"),
    ("shutil", "copyfile"),
)


def _count_steps(kill_at: int, after: bool) -> None:
    """Wrap file operations and sqlite-utils statements: SIGKILL this process at the
    ``kill_at``-th one, before it runs (or right after, with ``after``)."""
    import importlib

    from sqlite_utils import Database

    from companion.storage.schema import reference_shapes

    reference_shapes()  # worked out once per process, in memory: not a step on the disk
    counter = [0]

    def wrap(function):
        def step(*args, **kwargs):
            counter[0] += 1
            mine = counter[0]
            if mine == kill_at and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            try:
                return function(*args, **kwargs)
            finally:  # after the step, whether it succeeded or raised
                if mine == kill_at and after:
                    os.kill(os.getpid(), signal.SIGKILL)

        return step

    for module, name in STEP_TARGETS:
        target = importlib.import_module(module)
        setattr(target, name, wrap(getattr(target, name)))
    Database.execute = wrap(Database.execute)


def child_restore(folder: Path, backup: Path, kill_at: int, after: bool) -> None:
    from companion.storage.backup import restore

    _count_steps(kill_at, after)
    restore(folder, backup)


def child_upgrade(path: Path, kill_at: int, after: bool) -> None:
    from companion.storage.db import open_db

    _count_steps(kill_at, after)
    open_db(path).close()


def _notes(path: Path) -> list[str]:
    import sqlite3

    from companion.storage.db import read_only_uri

    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT coalesce(note, '') FROM entries"))
    finally:
        conn.close()


def _with_hot_log(folder: Path, notes: int) -> None:
    """A diary whose newest entries are only in its write-ahead log, as a crash leaves it
    (the case where deleting the old -wal first lost entries, issue 12 item 4)."""
    import shutil
    import sqlite3

    prepare(folder / "companion.db")
    conn = sqlite3.connect(folder / "companion.db")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(notes):
        conn.execute(
            "INSERT INTO entries (at, at_utc, kind, note, created_at) VALUES (?, ?, 'note', ?, ?)",
            (
                "2026-05-01T10:00:00+01:00",
                "2026-05-01T09:00:00Z",
                f"in the log {n}",
                "2026-05-01T10:00:00+01:00",
            ),
        )
        conn.commit()
    crashed = folder.parent / "crashed"
    crashed.mkdir()
    for name in ("companion.db", "companion.db-wal", "companion.db-shm"):
        shutil.copy(folder / name, crashed / name)
    conn.close()
    shutil.rmtree(folder)
    crashed.rename(folder)


@dataclass
class StepTally:
    runs: int = 0
    kills: int = 0
    steps: int = 0
    old_kept: int = 0  # the old diary in place afterwards
    new_in_place: int = 0  # the backup (or the upgraded diary) in place afterwards
    finished_at_start: int = 0  # an interrupted restore finished by the next start
    lost: int = 0  # runs where data was lost or a diary was damaged
    leftovers: int = 0  # runs that left temporary files after the next start
    extra_copies: int = 0  # upgrades with more than one pre-migration copy
    identical: int = 0  # killed upgrades that left the file byte-identical


def _run_child(*args: str) -> int:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )
    return result.returncode


def _leftovers(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.name.startswith((".writing-", ".restoring-")) or p.name == "restore-in-progress.json"
    ]


def _kill_points(run_one, modes: tuple[bool, ...], stride: int, limit: int) -> None:
    """Call ``run_one(kill_at, after) -> killed`` for every step (``stride`` 1), or for the
    first four, every ``stride``-th and the last eight, until a run completes unkilled."""
    for after in modes:
        killed_up_to, end = 0, None
        for kill_at in range(1, limit):
            if kill_at <= 4 or kill_at % stride == 0:
                if not run_one(kill_at, after):
                    end = kill_at
                    break
                killed_up_to = kill_at
        if end is None:
            raise RuntimeError(f"still killed after {limit} steps")
        if stride == 1:
            continue
        # The last step lies between: a run is killed exactly when kill_at <= the last step.
        low, high = killed_up_to, end  # killed at low, not at high
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if run_one(middle, after) else (low, middle)
        for kill_at in range(max(killed_up_to + 1, low - 7), low + 1):
            if kill_at % stride and kill_at != low:  # low itself was killed in the search
                run_one(kill_at, after)


def restore_trials(
    folder: Path, modes: tuple[bool, ...] = (False, True), stride: int = 1
) -> StepTally:
    """Restore a backup over a diary with a hot write-ahead log, killed at every step."""
    import shutil

    from companion.storage.backup import (
        copy_database,
        finish_interrupted_restore,
        tidy_data_folder,
    )
    from companion.storage.db import open_db

    template = folder / "template"
    template.mkdir(parents=True)
    _with_hot_log(template, notes=5)
    old = _notes(template / "companion.db")
    backup = folder / "backup.db"
    source = folder / "source"
    source.mkdir()
    prepare(source / "companion.db")
    copy_database(source / "companion.db", backup)
    new = _notes(backup)
    tally = StepTally()

    def run_one(kill_at: int, after: bool) -> bool:
        trial = folder / f"trial-{int(after)}-{kill_at}"
        shutil.copytree(template, trial)
        code = _run_child("restore", str(trial), str(backup), str(kill_at), str(int(after)))
        tally.runs += 1
        killed = code == -signal.SIGKILL
        tally.kills += killed
        if not killed:  # completed: there are fewer steps than kill_at
            tally.steps = min(tally.steps or kill_at, kill_at - 1)
        outcome = finish_interrupted_restore(trial)  # the next start
        tally.finished_at_start += outcome is not None and outcome.finished
        tidy_data_folder(trial)
        tally.leftovers += bool(_leftovers(trial))
        db = open_db(trial / "companion.db")
        ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        live = _notes(trial / "companion.db")
        kept = [_notes(p) for p in (trial / "replaced").glob("*.db")]
        if live == old and ok:
            tally.old_kept += 1
        elif live == new and ok and old in kept:
            tally.new_in_place += 1
        else:
            tally.lost += 1
        shutil.rmtree(trial)
        return killed

    _kill_points(run_one, modes, stride, 200)
    return tally


def upgrade_trials(
    folder: Path, fixture: Path, modes: tuple[bool, ...] = (False, True), stride: int = 1
) -> StepTally:
    """Open an older diary (which upgrades it), killed at every step (or a sample)."""
    import hashlib
    import shutil

    from companion.storage.backup import tidy_data_folder
    from companion.storage.db import SCHEMA_VERSION, inspect_file, open_db

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    tally = StepTally()
    original = digest(fixture)
    expected: dict[str, int] = {}

    def run_one(kill_at: int, after: bool) -> bool:
        trial = folder / f"upgrade-{int(after)}-{kill_at}"
        trial.mkdir(parents=True)
        path = trial / "companion.db"
        shutil.copy(fixture, path)
        code = _run_child("upgrade", str(path), str(kill_at), str(int(after)))
        tally.runs += 1
        killed = code == -signal.SIGKILL
        tally.kills += killed
        if not killed:  # completed: there are fewer steps than kill_at
            tally.steps = min(tally.steps or kill_at, kill_at - 1)
        if digest(path) == original:
            tally.old_kept += 1
            tally.identical += killed
        elif inspect_file(path) == SCHEMA_VERSION:
            tally.new_in_place += 1
        else:
            tally.lost += 1
        tidy_data_folder(trial)
        tally.leftovers += bool(_leftovers(trial))
        db = open_db(path)  # the next start: upgrades (again) if needed
        rows = {t: db[t].count for t in ("transplants", "team", "change_log")}
        db.close()
        expected.update(expected or rows)
        tally.lost += rows != expected
        tally.extra_copies += len(list((trial / "backups").glob("before-format-*.db"))) != 1
        shutil.rmtree(trial)
        return killed

    _kill_points(run_one, modes, stride, 1000)
    return tally


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_forever(Path(sys.argv[2]))
    elif sys.argv[1] == "restore":
        child_restore(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1")
    elif sys.argv[1] == "upgrade":
        child_upgrade(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1")
    elif sys.argv[1] == "steps":
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            restored = restore_trials(Path(tmp) / "restore")
            fixtures = ROOT / "tests" / "fixtures"
            upgraded = [
                upgrade_trials(Path(tmp) / f"v{v}", fixtures / f"schema-v{v}.db")
                for v in range(1, 6)
            ]
        print(f"restore: {restored}")
        for version, tally in enumerate(upgraded, 1):
            print(f"upgrade from schema {version}: {tally}")
        print(f"({time.perf_counter() - started:.0f} s)")
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
