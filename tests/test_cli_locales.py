"""Issue 25, item 0: the command line in a terminal that is not UTF-8.

Under an ISO-8859-1 locale the fever warning was a traceback: "⚠" cannot be encoded, so the
patient never saw "CALL YOUR TRANSPLANT TEAM NOW" nor the number. Each command runs here as
a user's shell would start it, under C (with Python's UTF-8 mode off: ASCII), C.UTF-8 and a
real Latin-1 locale made with localedef (or, where localedef cannot make one, ASCII again).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.crafted import make_diary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory):
    """LOCPATH and LC_ALL for an ISO-8859-1 locale, or None where none can be made."""
    if shutil.which("localedef") is None:
        return None
    folder = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / "en_US.ISO-8859-1")],
        capture_output=True,
    )
    if made.returncode not in (0, 1) or not (folder / "en_US.ISO-8859-1").exists():
        return None
    return {"LOCPATH": str(folder), "LC_ALL": "en_US.ISO-8859-1"}


def locale_env(name: str, latin1: dict | None) -> tuple[dict, str]:
    """The environment for ``name`` and the encoding stdout must then have."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    env["PYTHONUTF8"] = "0"
    env["TZ"] = "UTC"
    if name == "C":
        env["LC_ALL"] = "C"
        return env, "ascii"
    if name == "C.UTF-8":
        env["LC_ALL"] = "C.UTF-8"
        return env, "utf-8"
    if latin1 is None:  # no locale tools here: ASCII is not UTF-8 either
        env["LC_ALL"] = "C"
        return env, "ascii"
    env.update(latin1)
    return env, "iso8859-1"


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, env=env, cwd=ROOT, timeout=120
    )


@pytest.mark.parametrize("name", ["C", "C.UTF-8", "Latin-1"])
def test_the_fever_warning_reaches_any_terminal(name, latin1_locale, tmp_path):
    env, encoding = locale_env(name, latin1_locale)
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert probe.stdout.strip().lower().replace("_", "-") in (
        encoding,
        "iso-8859-1",
        "latin-1",
        "us-ascii",
        "ansi-x3.4-1968",
    )
    folder = tmp_path / "data"
    make_diary(folder)
    logged = run(env, "--data-dir", str(folder), "log", "temperature", "39.2")
    assert logged.returncode == 0, logged.stderr
    assert b"Traceback" not in logged.stderr
    out = logged.stdout.decode(encoding)  # it is in the terminal's encoding, not UTF-8
    assert "CALL YOUR TRANSPLANT TEAM NOW" in out
    assert "39.2" in out and "Saved temperature" in out
    if encoding != "utf-8":
        assert "! " in out and "⚠" not in out  # the stand-in, not a lost line
    for command in ("alerts", "today"):
        shown = run(env, "--data-dir", str(folder), command)
        assert shown.returncode == 0, shown.stderr
        assert b"Traceback" not in shown.stderr
        text = shown.stdout.decode(encoding)
        assert "39.2" in text and "contact your transplant team" in text.lower()


def test_latin1_really_is_latin1(latin1_locale):
    """The Latin-1 case above is a real non-UTF-8 terminal, not UTF-8 in disguise."""
    env, encoding = locale_env("Latin-1", latin1_locale)
    assert encoding in ("iso8859-1", "ascii")
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "utf" not in probe.stdout.lower()
