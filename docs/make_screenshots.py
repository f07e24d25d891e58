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

from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.service.demo import DEMO_TEAM, create_demo
from companion.service.diary import DiaryService
from companion.storage.db import StorageError, open_db
from companion.storage.journey_repository import JourneyRepository
from companion.ui import confirm
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


def diary(db, day_clock) -> Diary:
    return Diary(DiaryService(db, day_clock))


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
        window = MainWindow(diary(db, clock(TODAY)))
        shoot(window, "main-day-12.png", app)
        window.quick_entry.temp_edit.setText("38.6")
        window.quick_entry.temp_button.click()
        shoot(window, "alert-card.png", app)
        window.tabs.setCurrentWidget(window.log_view)
        shoot(window, "diary-log.png", app)

        (root / "day24").mkdir()
        later = open_db(create_demo(root / "day24", TODAY, day=24, now=clock(TODAY, 11)()))
        counts = MainWindow(diary(later, clock(TODAY, 11)))
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
        shoot(MainWindow(diary(before, clock(TODAY, 11))), "main-before-conditioning.png", app)

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
        shoot(MainWindow(diary(late, clock(TODAY, 11))), "main-day-150.png", app)

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
        alerts(root, app)
        for database in (db, before, late):
            database.close()


def alerts(root: Path, app: QApplication) -> None:
    """The cards of issue 9: a rising fever after a contact, an emergency, and the
    confirmation before an alert limit changes."""
    from companion.ui.settings_dialog import SettingsDialog

    (root / "alerts").mkdir()
    moment = [datetime.combine(TODAY, time(14, 5)).astimezone()]
    service = DiaryService(
        open_db(create_demo(root / "alerts", TODAY, now=moment[0])), lambda: moment[0]
    )
    window = MainWindow(Diary(service))
    window.quick_entry.temp_edit.setText("38.5")
    window.quick_entry.temp_button.click()
    confirm.ConfirmDialog.ask = staticmethod(lambda *args: True)
    window.alert_card.contact_button.click()
    moment[0] = datetime.combine(TODAY, time(16, 20)).astimezone()
    window.quick_entry.temp_edit.setText("39.1")
    window.quick_entry.temp_button.click()
    shoot(window, "alert-rising-fever.png", app)
    window.alert_card.contact_button.click()
    service.log_entry(Entry(moment[0], EntryKind.SYMPTOM, "chest-pain", severity=1))
    shoot(window, "alert-emergency.png", app)
    dialog = SettingsDialog(window.diary, window)
    dialog.numbers_form.spins["fever_single_c"].setValue(38.9)
    asked = []
    confirm.ConfirmDialog.ask = staticmethod(lambda *args: asked.append(args) or False)
    dialog.save_button.click()
    _parent, title, text, yes, *rest = asked[0]
    no = rest[0] if rest else "Cancel"
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text)
    box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    shoot(box, "settings-confirm-limit.png", app)
    service.close()


if __name__ == "__main__":
    main()
