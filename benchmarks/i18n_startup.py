"""What choosing the language adds to start-up, in fresh processes, against the same process
without it (the Qt-free modules the app loads before Qt either way).

* floor:   import the content loaders (as ``companion.app`` does before Qt);
* english: the same, then ``choose_language`` + ``set_language`` with LANG=C (no catalogue);
* spanish: the same with LANG=es_ES.UTF-8 (reads the Spanish catalogue);
* babel:   spanish, then one date worded (Babel imported and its locale loaded), which
  happens only when a screen first shows a date, never before the window.

Prints each median and the ratios to the floor. Usage: ``python benchmarks/i18n_startup.py [runs]``.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import importlib.resources.readers, companion.content.guides"
CHOOSE = FLOOR + "; from companion import i18n; i18n.set_language(i18n.choose_language())"
BABEL = CHOOSE + "; import datetime; i18n.format_date(datetime.date(2026, 12, 7))"
CASES = {
    "floor": (FLOOR, "C"),
    "english": (CHOOSE, "C"),
    "spanish": (CHOOSE, "es_ES.UTF-8"),
    "babel": (BABEL, "es_ES.UTF-8"),
}


def timed(code: str, lang: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = lang
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main(runs: int = 15) -> int:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):  # interleaved in a new order each round: a busy moment hits all
        for name in random.sample(list(CASES), len(CASES)):
            code, lang = CASES[name]
            times[name].append(timed(code, lang))
    floor = statistics.median(times["floor"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:8} {median * 1000:7.1f} ms  ratio {median / floor:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 15))
