"""Regenerate the README screenshots: ``python docs/make_screenshots.py`` (no display needed)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.service.demo import DEMO_TEAM, create_demo
from companion.storage.db import StorageError, open_db
from companion.storage.journey_repository import JourneyRepository
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow
from companion.ui.problem_dialog import ProblemDialog
from companion.ui.setup_dialog import SetupDialog

OUT = Path(__file__).resolve().parent / "screenshots"
TODAY = date(2026, 11, 27)


def clock(day: date, hour: int = 19):
    return lambda: datetime.combine(day, time(hour)).astimezone()


def shoot(widget, name: str, app: QApplication) -> None:
    widget.show()
    for _ in range(3):  # the first frame, then the checklists that load right after it
        app.processEvents()
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def journey_db(folder: Path, transplant: Transplant):
    db = open_db(folder / "companion.db")
    JourneyRepository(db).start_diary(transplant, DEMO_TEAM)
    return db


def main() -> None:
    app = QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "demo").mkdir()
        db = open_db(create_demo(root / "demo", TODAY, now=clock(TODAY, 19)()))
        window = MainWindow(Diary(db, clock(TODAY)))
        shoot(window, "main-day-12.png", app)
        window.quick_entry.temp_edit.setText("38.6")
        window.quick_entry.temp_button.click()
        shoot(window, "alert-card.png", app)
        window.tabs.setCurrentWidget(window.log_view)
        shoot(window, "diary-log.png", app)

        (root / "day24").mkdir()
        later = open_db(create_demo(root / "day24", TODAY, day=24, now=clock(TODAY, 11)()))
        counts = MainWindow(Diary(later, clock(TODAY, 11)))
        counts.resize(1200, 1000)
        shoot(counts, "main-day-24.png", app)
        counts.show_counts()
        shoot(counts, "counts-charts.png", app)
        later.close()

        (root / "before").mkdir()
        before = journey_db(
            root / "before",
            Transplant(
                kind=TransplantKind.AUTOLOGOUS,
                source=GraftSource.BLOOD,
                day0=TODAY + timedelta(days=16),
                conditioning_days=6,
            ),
        )
        shoot(MainWindow(Diary(before, clock(TODAY, 11))), "main-before-conditioning.png", app)

        (root / "late").mkdir()
        late = journey_db(
            root / "late",
            Transplant(
                kind=TransplantKind.ALLOGENEIC,
                source=GraftSource.MARROW,
                day0=TODAY - timedelta(days=150),
                conditioning_days=7,
                day0_confirmed=True,
                neutrophil_recovery=TODAY - timedelta(days=150 - 19),
            ),
        )
        shoot(MainWindow(Diary(late, clock(TODAY, 11))), "main-day-150.png", app)

        (root / "damaged").mkdir()
        damaged = root / "damaged" / "companion.db"
        damaged.write_bytes(b"SQLite format 3\x00" + bytes(4000))
        try:
            open_db(damaged)
        except StorageError as error:
            box, _ = ProblemDialog.build(str(error), None)
            shoot(box, "damaged-diary.png", app)

        setup = SetupDialog(TODAY)
        shoot(setup, "setup-dialog.png", app)
        for database in (db, before, late):
            database.close()


if __name__ == "__main__":
    main()
