"""Regenerate the alert rules' screenshots: ``python docs/make_alert_screenshots.py``.

No display needed. The window is 1366×768 at 100 % text, as a laptop shows it:

* ``alert-rising-fever.png``: 38.5 °C, "I contacted my team", then 39.1 °C two hours later;
* ``alert-emergency.png``: chest pain logged at "none" still raises the emergency card;
* ``settings-confirm-limit.png``: saving a higher fever limit asks first, naming both values.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 11, 27)


def main() -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
        screen = {"name": "screen", "x": 0, "y": 0, "width": 1366, "height": 768}
        json.dump({"screens": [{**screen, "logicalDpi": 96, "logicalBaseDpi": 96}]}, config)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config.name}"
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication([])

    from companion.domain.entries import Entry, EntryKind
    from companion.service.demo import create_demo
    from companion.service.diary import DiaryService
    from companion.ui import confirm
    from companion.ui.diary import Diary
    from companion.ui.main_window import MainWindow, prepare_application

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop, loop.quit)
        loop.exec()

    def shoot(widget, name: str) -> None:
        widget.show()
        settle()
        widget.grab().save(str(OUT / name))
        print(OUT / name)

    prepare_application(app)
    folder = Path(tempfile.mkdtemp())
    moment = [datetime.combine(TODAY, time(14, 5)).astimezone()]
    service = DiaryService.open(create_demo(folder, TODAY, now=moment[0]), lambda: moment[0])
    window = MainWindow(Diary(service))
    window.show()
    settle()

    answers = iter([True, True])
    confirm.ConfirmDialog.ask = staticmethod(lambda *args: next(answers))
    window.quick_entry.temp_edit.setText("38.5")
    window.quick_entry.temp_button.click()
    window.alert_card.contact_button.click()  # "I contacted my team", answered yes
    moment[0] = datetime.combine(TODAY, time(16, 20)).astimezone()
    window.quick_entry.temp_edit.setText("39.1")
    window.quick_entry.temp_button.click()
    shoot(window, "alert-rising-fever.png")

    window.alert_card.contact_button.click()
    service.log.add(Entry(moment[0], EntryKind.SYMPTOM, "chest-pain", severity=0))
    settle()
    shoot(window, "alert-emergency.png")

    asked: list[tuple] = []
    confirm.ConfirmDialog.ask = staticmethod(lambda *args: asked.append(args) or False)
    panel = window.show_page("settings")
    panel.numbers_form.spins["fever_single_c"].setValue(38.9)
    panel.save_button.click()
    box, _yes = confirm.ConfirmDialog.build(*asked[0])
    shoot(box, "settings-confirm-limit.png")
    # Widgets go before the application and the diary: Qt's teardown order otherwise
    # crashes at exit.
    box.deleteLater()
    window.close()
    window.deleteLater()
    settle()
    del box, window
    service.close()
    os.unlink(config.name)


if __name__ == "__main__":
    main()
