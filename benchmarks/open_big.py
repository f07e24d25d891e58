"""Opening a ten-year diary: first paint with 100,000 entries against 1,000 (issue 25).

Both run as fresh processes (``main.py --data-dir DIR --exit-after-paint`` under the
offscreen platform), interleaved in one run; the ratio of the medians is the figure
(budget 1.3). Each diary is opened once first, as a user's previous session would have:
that open reads every value (``storage.contents``) and remembers the file
(``storage.checked``); later starts skip the values while the file is unchanged.

For information it also times, in this process, ``DiaryService.open`` of the big diary
with its values known and after an edit made elsewhere (every value read again).

Usage: ``python benchmarks/open_big.py [runs] [SMALL_DIR BIG_DIR]`` — without the folders,
the diaries are generated first (benchmarks/generate.py: 36 and 3,650 days; the big one
takes several minutes).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def entries(folder: Path) -> int:
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn, conn:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]


def open_ms(folder: Path) -> float:
    from companion.service.diary import DiaryService

    start = time.perf_counter()
    service = DiaryService.open(folder / "companion.db")
    elapsed = time.perf_counter() - start
    service.close()
    return elapsed * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        if len(sys.argv) > 3:
            small, big = Path(sys.argv[2]), Path(sys.argv[3])
        else:
            from benchmarks.generate import generate

            small, big = Path(home) / "small", Path(home) / "big"
            for folder, days in ((small, 36), (big, 3650)):
                folder.mkdir()
                generate(folder, date.today(), days=days)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["XDG_DATA_HOME"] = env["XDG_CONFIG_HOME"] = home
        commands = {
            name: [sys.executable, "main.py", "--data-dir", str(folder), "--exit-after-paint"]
            for name, folder in (("small", small), ("big", big))
        }
        for command in commands.values():  # the previous session: checks and remembers
            timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
        known = statistics.median(open_ms(big) for _ in range(3))
        with (
            contextlib.closing(sqlite3.connect(big / "companion.db")) as conn,
            conn,
        ):  # edited elsewhere
            conn.execute("UPDATE entries SET note = 'edited elsewhere' WHERE id = 1")
        full = open_ms(big)
        s, b = (statistics.median(times[n]) for n in ("small", "big"))
        print(f"runs: {runs} each, interleaved; entries: {entries(small):,} and {entries(big):,}")
        print(f"first paint, small diary: median {s * 1000:.0f} ms")
        print(f"first paint, big diary:   median {b * 1000:.0f} ms")
        print(f"ratio big/small: {b / s:.2f} (budget 1.30)")
        print(f"DiaryService.open, big, unchanged since checked: {known:.0f} ms")
        print(f"DiaryService.open, big, after an edit elsewhere (every value read): {full:.0f} ms")


if __name__ == "__main__":
    main()
