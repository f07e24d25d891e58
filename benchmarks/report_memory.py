"""The full-history visit report of a ten-year diary: it completes, within bounded memory.

Issue 25, item 5: on the ten-year diary of ``benchmarks/generate.py DIR 10`` (about
103,000 entries, 5,000 blood counts) the full-history report ran 344 s and died with
SIGSEGV. Budget: it completes, with a peak RSS at most 2× the app's idle RSS.

Both are measured in child processes of this one, in one run, by the kernel's own count
(``wait4``'s ``ru_maxrss``, the peak resident set of that process):

* idle:   the window opened on the same diary, painted once, then closed
          (``companion --data-dir DIR --exit-after-paint``);
* report: ``companion --data-dir DIR report --from FIRST --to LAST --output FILE.pdf``
          over the diary's whole history.

Usage: ``python benchmarks/report_memory.py [DIR]`` (DIR: a diary made with
``generate.py DIR 10``; without it, one is generated first, which takes several minutes).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))


def run(args: list[str]) -> tuple[int, float, float, str]:
    """Run the app with ``args``; return (exit code, peak RSS in MiB, seconds, output)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "main.py"), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024, time.perf_counter() - start, out


def main() -> None:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
    else:
        from benchmarks.generate import LABS, generate

        folder = Path(tempfile.mkdtemp())
        generate(folder, date.today(), days=3650, labs=LABS * 5)
    db = sqlite3.connect(folder / "companion.db")
    entries, labs, alerts = (
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("entries", "labs", "alerts")
    )
    first, last = db.execute(
        "SELECT min(substr(at, 1, 10)), max(substr(at, 1, 10)) FROM entries"
    ).fetchone()
    db.close()
    print(f"diary: {entries} entries, {labs} blood counts, {alerts} alerts, {first} to {last}")
    base = ["--data-dir", str(folder), "--today", last]
    code, idle, idle_s, out = run([*base, "--exit-after-paint"])
    print(
        f"idle window (opened, painted, closed): exit {code}, peak RSS {idle:.0f} MiB, "
        f"{idle_s:.1f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        code, peak, seconds, out = run(
            [*base, "report", "--from", first, "--to", last, "--output", str(pdf)]
        )
        print(f"full-history report: exit {code}, peak RSS {peak:.0f} MiB, {seconds:.1f} s")
        print(f"  {out.strip()[:300]}")
        left = [p.name for p in Path(tmp).iterdir() if p.name != "report.pdf"]
        print(f"  other files left beside it: {left or 'none'}")
    print(f"ratio report/idle peak RSS: {peak / idle:.2f} (budget 2.00)")


if __name__ == "__main__":
    main()
