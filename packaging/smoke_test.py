"""Smoke-test a built bundle on any platform: ``python packaging/smoke_test.py EXECUTABLE``.

Runs the bundle as fresh processes, under the offscreen platform: the checklist packet to a
PDF (must be written and not empty), the same in Spanish (``--lang es`` exits 2 when the
bundle lacks the Spanish catalogue, so this proves resources/locale and resources/es came
along), and the sample diary to the first painted window (must exit 0). Used by
.github/workflows/bundle.yml on Windows, macOS and Linux, where the bundle's own output
cannot be read (a windowed Windows program has no console).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.splitlines()[0])
    app = Path(sys.argv[1]).resolve()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        env["XDG_DATA_HOME"] = folder
        pdf = Path(folder) / "packet.pdf"
        spanish = Path(folder) / "lista.pdf"
        checks = {
            "checklist PDF": [str(app), "--demo", "checklist", "--phase", "all"],
            "Spanish checklist PDF": [str(app), "--lang", "es", "--demo", "checklist"],
            "first paint": [str(app), "--demo", "--exit-after-paint"],
        }
        checks["checklist PDF"] += ["--output", str(pdf)]
        checks["Spanish checklist PDF"] += ["--phase", "engraftment", "--output", str(spanish)]
        for name, command in checks.items():
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            print(f"{name}: exit {result.returncode}")
            if result.returncode != 0:
                print(result.stdout, result.stderr, sep="\n")
                return 1
        for written in (pdf, spanish):
            if not written.is_file() or written.stat().st_size < 1000:
                print(f"the checklist PDF {written.name} was not written")
                return 1
    print("the bundle starts and prints")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
