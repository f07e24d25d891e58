"""Cold start to the first painted main window, against a bare PySide6 + sqlite-utils floor.

Both run as fresh processes, interleaved in one run, under the offscreen platform:

* floor: ``python -c`` importing PySide6 widgets and sqlite-utils, opening a database file,
  showing a QMainWindow with a label, and quitting when that label first paints;
* app:   ``python main.py --data-dir DIR --exit-after-paint`` on a folder holding the sample
  journey (written once before timing): a user's everyday launch. It opens the diary,
  builds the window and quits when the timeline first paints;
* demo:  ``python main.py --demo --exit-after-paint``, which also writes the sample diary
  to a throwaway folder first (reported for information).

Prints each median and the ratios to the floor. Usage: ``python benchmarks/startup.py [runs]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = """
import sys, tempfile, os
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from sqlite_utils import Database
folder = tempfile.mkdtemp()
db = Database(os.path.join(folder, "floor.db"))
db.execute("PRAGMA journal_mode=wal")
db["t"].insert({"x": 1})
app = QApplication([sys.argv[0]])
window = QMainWindow()
label = QLabel("Hello")
window.setCentralWidget(label)
class Quit(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app, app.quit)
        return False
quitter = Quit(window)
label.installEventFilter(quitter)
window.resize(1200, 860)
window.show()
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As on a user's computer, Python keeps compiled bytecode (pip already did so for
    # PySide6 and sqlite-utils). Some shells here set PYTHONDONTWRITEBYTECODE, which would make
    # only our own modules be compiled again at every start. The warm-up run writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as home:
        env["XDG_DATA_HOME"] = home  # never near the user's real data
        env["XDG_CONFIG_HOME"] = home  # nor its window settings
        sys.path.insert(0, str(ROOT))
        from companion.service.demo import create_demo

        diary = Path(home) / "diary"
        diary.mkdir()
        create_demo(diary, date.today())
        commands = {
            "floor": [sys.executable, "-c", FLOOR],
            "app": [sys.executable, "main.py", "--data-dir", str(diary), "--exit-after-paint"],
            "demo": [sys.executable, "main.py", "--demo", "--exit-after-paint"],
        }
        for command in commands.values():  # warm the OS file cache for each
            timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    f, a, d = (statistics.median(times[n]) for n in ("floor", "app", "demo"))
    print(f"runs: {runs} each, interleaved")
    print(f"floor (bare PySide6 window + sqlite-utils):   median {f * 1000:.0f} ms")
    print(f"app (open the sample diary to first paint):   median {a * 1000:.0f} ms")
    print(f"demo (write + open the sample, first paint):  median {d * 1000:.0f} ms")
    print(f"ratio app/floor:  {a / f:.2f} (budget 1.20)")
    print(f"ratio demo/floor: {d / f:.2f}")


if __name__ == "__main__":
    main()
