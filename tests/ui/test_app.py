"""Launching the app: first launch, the demo, and a diary it must not open."""

import os
import tempfile
from pathlib import Path

from companion import app as app_module
from companion.domain.kinds import GraftSource, TransplantKind
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository
from companion.ui.messages import Messages
from companion.ui.setup_dialog import SetupDialog
from tests.conftest import file_digest, make_transplant, write_newer_diary


def test_first_launch_asks_for_setup_and_cancelling_leaves_nothing(qapp, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(
        SetupDialog, "ask", staticmethod(lambda today, parent=None: asked.append(today))
    )
    data = tmp_path / "diary"
    assert app_module.main(["--data-dir", str(data)]) == 0
    assert len(asked) == 1
    assert not data.exists()


def test_first_launch_saves_the_setup_and_opens_the_window(qapp, tmp_path, monkeypatch, team):
    chosen = make_transplant(kind=TransplantKind.AUTOLOGOUS, source=GraftSource.MARROW)
    monkeypatch.setattr(SetupDialog, "ask", staticmethod(lambda today, parent=None: (chosen, team)))
    shown = []
    monkeypatch.setattr(
        app_module,
        "_on_window_shown",
        lambda window: shown.append(window.header.today_label.text()),
    )
    data = tmp_path / "diary"
    code = app_module.main(["--data-dir", str(data), "--today", "2026-05-22", "--exit-after-paint"])
    assert code == 0
    assert shown == ["Today is Day +12 · Waiting for engraftment"]
    db = open_db(data / "companion.db")
    journey = JourneyRepository(db).load_journey()
    assert journey.transplants[0].source is GraftSource.MARROW
    db.close()
    if os.name == "posix":
        assert data.stat().st_mode & 0o777 == 0o700


def test_the_demo_opens_at_day_12_and_leaves_no_folder(qapp, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(
        app_module,
        "_on_window_shown",
        lambda window: shown.append(window.header.today_label.text()),
    )
    made = []
    real_mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(
        tempfile,
        "mkdtemp",
        lambda prefix: made.append(real_mkdtemp(prefix=prefix, dir=tmp_path)) or made[-1],
    )
    assert app_module.main(["--demo", "--exit-after-paint"]) == 0
    assert shown == ["Today is Day +12 · Waiting for engraftment"]
    assert made
    assert not any(Path(p).exists() for p in made)


def test_a_diary_from_a_newer_version_is_explained_and_untouched(qapp, tmp_path, monkeypatch):
    data = tmp_path / "diary"
    data.mkdir()
    path = data / "companion.db"
    before = write_newer_diary(path, versions_ahead=5)
    told = []
    monkeypatch.setattr(
        Messages, "error", staticmethod(lambda parent, title, text: told.append(text))
    )
    assert app_module.main(["--data-dir", str(data)]) == 1
    assert "newer version of Transplant Companion" in told[0]
    assert file_digest(path) == before
    assert sorted(p.name for p in data.iterdir()) == ["companion.db"]


def test_the_default_folder_is_the_platforms_per_user_data_folder():
    folder = app_module.default_data_dir()
    assert folder.is_absolute()
    assert folder.name == "TransplantCompanion"
