"""The pip install and the standalone bundle keep the diary in one and the same folder.

Both call ``companion.app.default_data_dir`` (Qt's AppLocalDataLocation for the
application "TransplantCompanion", no organisation), so a patient can move from one to the
other without losing anything. The second test runs a built bundle when ``COMPANION_BUNDLE``
names its executable (``.ci/run`` sets it to the installed package's launcher).
"""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 6, 1)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the folder follows HOME on Linux only"
)

CREATE_DIARY = """
import sys
from datetime import date
from companion.app import default_data_dir
from companion.service.demo import create_demo
from companion.storage.paths import ensure_data_dir
folder = default_data_dir()
ensure_data_dir(folder)
create_demo(folder, date.fromisoformat(sys.argv[1]))
print(folder)
"""


def user_env(home: Path) -> dict[str, str]:
    """A user's environment with ``home`` as HOME: no XDG_DATA_HOME, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))}
    env.pop("DISPLAY", None)
    env["HOME"] = str(home)
    return env


def pip_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


@linux_only
def test_the_default_folder_is_the_one_the_readme_names(tmp_path):
    code = "from companion.app import default_data_dir; print(default_data_dir())"
    result = pip_run(user_env(tmp_path), "-c", code)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == tmp_path / ".local" / "share" / "TransplantCompanion"


@linux_only
def test_the_bundle_reads_the_diary_a_pip_install_made(tmp_path):
    bundle = os.environ.get("COMPANION_BUNDLE")
    if not bundle:
        pytest.skip("set COMPANION_BUNDLE to a built bundle's executable (.ci/run does)")
    env = user_env(tmp_path)
    made = pip_run(env, "-c", CREATE_DIARY, TODAY.isoformat())
    assert made.returncode == 0, made.stderr
    folder = Path(made.stdout.strip())
    assert folder == tmp_path / ".local" / "share" / "TransplantCompanion"

    args = ["--today", TODAY.isoformat(), "today"]
    from_pip = pip_run(env, "main.py", *args)
    from_bundle = subprocess.run(
        [bundle, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert from_pip.returncode == 0, from_pip.stderr
    assert from_bundle.returncode == 0, from_bundle.stderr
    assert from_bundle.stdout.startswith("Today is Day +12")
    assert from_bundle.stdout == from_pip.stdout
