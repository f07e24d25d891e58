"""Regenerate the README screenshots: ``python docs/make_screenshots.py`` (no display needed).

Each picture is taken in a fresh process whose (offscreen) screen has the size of a real
one — a 1024×600 netbook, a 1366×768 laptop, a 1920×1080 monitor — so the window opens
exactly as it would there: sized to the screen's available area, at the text size given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 11, 27)

# (file name, screen width, height, text size %, card, scheme, pages, diary)
# The matrix the window is tested against (tests/ui/test_layout_matrix.py), then the pages.
SHOTS = [
    *(
        (
            f"matrix-{w}x{h}-{size}{'-card' if card else ''}",
            w,
            h,
            size,
            card,
            "light",
            "today",
            "demo",
        )
        for w, h, size in (
            (1024, 600, 100),
            (1024, 600, 150),
            (1366, 768, 100),
            (1366, 768, 150),
            (1920, 1080, 200),
        )
        for card in (False, True)
    ),
    ("main-day-12", 1366, 768, 100, False, "light", "today", "demo"),
    ("alert-card", 1366, 768, 100, "fever", "light", "today", "demo"),
    ("journey", 1366, 768, 100, False, "light", "journey", "demo"),
    ("journey-whole-year", 1366, 768, 100, False, "light", "journey:year", "demo"),
    ("diary-log", 1366, 768, 100, False, "light", "log", "demo"),
    ("counts-charts", 1366, 768, 100, False, "light", "counts", "day24"),
    ("checklists", 1366, 768, 100, False, "light", "checklists", "demo"),
    ("settings", 1366, 768, 100, False, "light", "settings", "demo"),
    ("dark-today-card", 1366, 768, 100, True, "dark", "today", "demo"),
    ("dark-journey", 1366, 768, 100, False, "dark", "journey", "demo"),
    ("dark-counts", 1366, 768, 100, False, "dark", "counts", "day24"),
    ("netbook-journey-card", 1024, 600, 100, True, "light", "journey", "demo"),
    ("large-text-counts", 1920, 1080, 200, False, "light", "counts", "day24"),
    ("main-before-conditioning", 1366, 768, 100, False, "light", "today", "before"),
    ("main-day-150", 1366, 768, 100, False, "light", "journey", "late"),
    ("setup-dialog", 1024, 600, 100, False, "light", "setup", "none"),
    ("damaged-diary", 1366, 768, 100, False, "light", "damaged", "none"),
]


def clock(day: date, hour: int = 10):
    return lambda: datetime.combine(day, time(hour)).astimezone()


def shoot(name: str, width: int, height: int, size: int, card, scheme: str, page: str, diary):
    """In this (child) process: build the window as the shot asks and save it."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    settings = tempfile.mkdtemp()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    app = QApplication([])

    from companion.domain.entries import Entry, EntryKind
    from companion.domain.journey import Transplant
    from companion.domain.kinds import GraftSource, TransplantKind
    from companion.service.demo import DEMO_TEAM, create_demo
    from companion.service.diary import DiaryService
    from companion.storage.db import StorageError, open_db
    from companion.storage.journey_repository import JourneyRepository
    from companion.ui import preferences, theme, typography
    from companion.ui.diary import Diary
    from companion.ui.main_window import MainWindow, prepare_application

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    prepare_application(app)
    if scheme == "dark":
        theme.apply_palette(app, theme.dark_palette())
    preferences.set_text_size(size)  # as View → Text size remembers it
    typography.set_text_size(size)
    folder = Path(tempfile.mkdtemp())
    if page == "setup":
        from companion.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(TODAY)
        dialog.show()
        settle()
        dialog.grab().save(str(OUT / f"{name}.png"))
        return
    if page == "damaged":
        from companion.ui.problem_dialog import ProblemDialog

        damaged = folder / "companion.db"
        damaged.write_bytes(b"SQLite format 3\x00" + bytes(4000))
        try:
            open_db(damaged)
        except StorageError as error:
            box, _ = ProblemDialog.build(str(error), None)
            box.show()
            settle()
            box.grab().save(str(OUT / f"{name}.png"))
        return
    if diary in ("demo", "day24"):
        day = 24 if diary == "day24" else 12
        db = open_db(create_demo(folder, TODAY, day=day, now=clock(TODAY)()))
    else:
        db = open_db(folder / "companion.db")
        early = diary == "before"
        JourneyRepository(db).start_diary(
            Transplant(
                kind=TransplantKind.AUTOLOGOUS if early else TransplantKind.ALLOGENEIC,
                source=GraftSource.BLOOD if early else GraftSource.MARROW,
                day0=TODAY + timedelta(days=16) if early else TODAY - timedelta(days=150),
                conditioning_days=6 if early else 7,
                day0_confirmed=not early,
                neutrophil_recovery=None if early else TODAY - timedelta(days=131),
            ),
            DEMO_TEAM,
        )
    service = DiaryService(db, clock(TODAY))
    window = MainWindow(Diary(service))
    if card == "fever":
        window.quick_entry.temp_edit.setText("38.6")
        window.quick_entry.temp_button.click()
    elif card:
        service.log.add(
            Entry(at=service.now(), kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
        )
    window.show()
    settle()
    key, _, view = page.partition(":")
    window.show_page(key)
    settle()
    if view == "year":
        window.timeline.year_button.click()
        settle()
    window.grab().save(str(OUT / f"{name}.png"))
    window.close()
    db.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        shoot(*json.loads(sys.argv[2]))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        name, width, height = shot[:3]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
            screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
            json.dump({"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96}]}, config)
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config.name}")
        subprocess.run(
            [sys.executable, __file__, "--one", json.dumps(shot)], check=True, env=env, cwd=ROOT
        )
        os.unlink(config.name)
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
