"""Shared test set-up: Qt runs offscreen (no display on CI), and a few domain builders."""

import os

# Without a display Qt would abort the whole run; set this before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read English unless one asks for another language: a developer's Spanish or
# German system must not change what the app (or a `main.py` it starts) prints.
os.environ["LANGUAGE"] = "en"

import contextlib
import hashlib
import sqlite3
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import settings

from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import Team
from companion.storage.db import SCHEMA_VERSION

# No test depends on the machine's speed (issue 19): Hypothesis' 200 ms deadline per example
# failed a test on a loaded 2-core machine, where one example took 520 ms.
settings.register_profile("companion", deadline=None)
settings.load_profile("companion")


def make_transplant(
    day0: date = date(2026, 5, 10),
    conditioning_days: int = 6,
    kind: TransplantKind = TransplantKind.ALLOGENEIC,
    source: GraftSource = GraftSource.BLOOD,
    **extra,
) -> Transplant:
    return Transplant(
        kind=kind, source=source, day0=day0, conditioning_days=conditioning_days, **extra
    )


def run_main(*args: str, headless: bool = False) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` as a user would run it; ``headless``: with no display and no
    QT_QPA_PLATFORM, as on a server (the checklist command must cope on its own)."""
    env = dict(os.environ)
    if headless:
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


NOBODY = 65534


@contextlib.contextmanager
def unprivileged_place():
    """A folder under /tmp that an unprivileged user can reach, and a way to run the app as
    that user (as root, through ``setpriv`` as nobody; otherwise as ourselves), so that a
    folder made read-only (``read_only``) really is, even when the tests run as root."""
    import shutil
    import tempfile

    root = os.name == "posix" and os.geteuid() == 0
    if root and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only")
    if root:
        as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        probe = subprocess.run(
            [*as_nobody, sys.executable, "-c", "pass"],
            capture_output=True,
            text=True,
            cwd="/",
        )
        if probe.returncode != 0:  # e.g. a Python whose library sits under /root
            pytest.skip(f"this Python cannot be started as an unprivileged user: {probe.stderr}")
    base = Path(tempfile.mkdtemp(prefix="companion-ro-", dir="/tmp"))
    base.chmod(0o755)

    def give(path: Path) -> None:
        """Hand ``path`` (and all below it) to the user the app will run as."""
        if root:
            for each in [path, *path.rglob("*")]:
                os.lchown(each, NOBODY, NOBODY)

    def read_only(path: Path) -> None:
        give(path)
        path.chmod(0o555)

    def run(*args: str) -> subprocess.CompletedProcess:
        prefix = (
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if root else []
        )
        env = dict(os.environ, HOME=str(base), PYTHONDONTWRITEBYTECODE="1")
        return subprocess.run(
            [*prefix, sys.executable, "main.py", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    try:
        yield base, give, read_only, run
    finally:
        for each in [base, *base.rglob("*")]:
            if each.is_dir() and not each.is_symlink():
                each.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def write_newer_diary(path, versions_ahead: int = 1) -> str:
    """Write a SQLite file as a future version of the app would; return its SHA-256."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + versions_ahead}")
    conn.commit()
    conn.close()
    return file_digest(path)


def file_digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def team() -> Team:
    return Team(
        name="City Transplant Unit",
        office_phone="020 7946 0100",
        after_hours_phone="020 7946 0200",
        office_opens=time(8, 0),
        office_closes=time(17, 0),
    )


@pytest.fixture(autouse=True)
def window_settings(tmp_path_factory, monkeypatch):
    """What the window remembers (text size, language, size and place) goes to a throwaway
    folder, never to the user's own settings; the command line reads the language there
    too (companion.window_settings follows XDG_CONFIG_HOME, as Qt does)."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def qt_locale_as_found():
    """A test that changes the app's language leaves Qt's locale as it found it: going back
    to English under LANG=C made it the United States' (month first), and a later test in
    the same worker read "28/5/2026" as the 5th of month 28."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture(scope="session", autouse=True)
def qt_application(qapp):
    """One QApplication (with widgets) for the whole run, made before the first test. A
    command that prints makes a QGuiApplication of its own when there is none, and pytest-qt
    then refuses the window's tests in that process: which test comes first depends on what
    a run selects and, under pytest-xdist, on the worker."""
    return qapp
