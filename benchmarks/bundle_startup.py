"""Start-up of the standalone bundle against the pip (virtual environment) install.

Both open the sample diary and quit when the main window first paints
(``--demo --exit-after-paint``), as fresh processes, interleaved in one run, under the
offscreen platform:

* bundle: the installed package's ``/usr/lib/transplant-companion/transplant-companion``
  (or the executable given with ``--bundle``; ``build/bundle/dist/...`` after a build);
* venv:   ``python main.py`` with this Python (run it with the virtual environment's).

Prints each median and the ratio bundle / venv. Usage:
``.venv/bin/python benchmarks/bundle_startup.py [--runs 15] [--bundle PATH]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLED = Path("/usr/lib/transplant-companion/transplant-companion")
BUILT = ROOT / "build" / "bundle" / "dist" / "transplant-companion" / "transplant-companion"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True, timeout=120)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bundle", type=Path, default=INSTALLED if INSTALLED.exists() else BUILT)
    args = parser.parse_args()
    if not args.bundle.exists():
        raise SystemExit(f"No bundle at {args.bundle}: build it (python packaging/build.py).")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As on a user's computer, the venv keeps compiled bytecode (the bundle carries its own).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "bundle": [str(args.bundle), "--demo", "--exit-after-paint"],
        "venv": [sys.executable, "main.py", "--demo", "--exit-after-paint"],
    }
    with tempfile.TemporaryDirectory() as home:
        env["XDG_DATA_HOME"] = home  # never near the user's real data
        env["XDG_CONFIG_HOME"] = home  # nor its window settings
        for command in commands.values():  # warm the file cache and the bytecode cache
            timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    bundle, venv = (statistics.median(times[name]) for name in ("bundle", "venv"))
    print(f"runs: {args.runs} each, interleaved; bundle: {args.bundle}")
    print(f"bundle (sample diary to first paint): median {bundle * 1000:.0f} ms")
    print(f"venv   (sample diary to first paint): median {venv * 1000:.0f} ms")
    print(f"ratio bundle/venv: {bundle / venv:.2f} (budget 1.10)")


if __name__ == "__main__":
    main()
