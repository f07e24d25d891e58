"""Issue 20 in the window: the Medicines page (one tap Taken, Skip with a reason, the 7-day
grid in words), reminders from the core schedule through a fake notification service
(shown at their time, repeated then missed, "Taken" records the dose, "Snooze"), the tray's
menu, and the Today page saying when reminders cannot reach the patient."""

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QObject

from companion.domain.medicines import DoseStatus, Medicine
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.medicines_page import MedicineDialog, MedicinesPage, ReasonDialog
from companion.ui.notifications import Notifications
from companion.ui.reminders import Reminders
from tests.ui.conftest import TODAY


class Clock:
    def __init__(self, at: time) -> None:
        self.moment = datetime.combine(TODAY, at).astimezone()

    def __call__(self) -> datetime:
        return self.moment


class FakeNotifications(Notifications):
    """Records what would pop up; answers as a user would."""

    real = True

    def __init__(self, available: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = available
        self.shown: list[tuple[str, str, str, tuple]] = []
        self.withdrawn: list[str] = []

    def available(self) -> bool:
        return self._available

    def show(self, key, title, body, actions) -> bool:
        self.shown.append((key, title, body, actions))
        return True

    def withdraw(self, key) -> None:
        self.withdrawn.append(key)


@pytest.fixture
def clock():
    return Clock(time(7, 50))


@pytest.fixture
def diary(demo_db, clock):
    service = DiaryService(demo_db, clock)
    service.settings.save(preferences={"temperature_check_times": "none"})
    return Diary(service)


def add(diary, name="Tacrolimus", times=(time(8), time(20)), **extra):
    medicine = diary.service.medicines.add(
        Medicine(name=name, dose="2 mg", times=times, start=TODAY - timedelta(days=3), **extra)
    ).value
    return medicine


@pytest.fixture
def reminders(qtbot, diary, clock):
    fake = FakeNotifications()
    made = Reminders(diary, fake, clock)
    made.start()
    yield made
    made.stop()


def test_a_dose_pops_up_at_its_time_with_taken_and_snooze_and_taken_records_it(
    qtbot, diary, clock, reminders
):
    medicine = add(diary)
    reminders.check()
    assert reminders.notifications.shown == []  # 07:50: nothing yet
    assert 0 < reminders.sleep_ms <= 10 * 60_000  # it sleeps until 08:00, not longer
    clock.moment += timedelta(minutes=10)
    reminders.check()
    ((key, title, body, actions),) = reminders.notifications.shown
    assert title == "Time for Tacrolimus 2 mg" and "08:00" in body
    assert [label for _, label in actions] == ["Taken", "Snooze 10 min"]
    with qtbot.waitSignal(diary.changed):
        reminders.notifications.action_invoked.emit(key, "taken")
    (dose,) = [d for d in diary.service.medicines.due() if d.medicine_id == medicine.id]
    assert dose.status is DoseStatus.TAKEN
    qtbot.waitUntil(lambda: key in reminders.notifications.withdrawn)


def test_unanswered_it_repeats_three_times_then_counts_as_missed(qtbot, diary, clock, reminders):
    add(diary)
    fake = reminders.notifications
    missed = []
    reminders.missed.connect(missed.append)
    for minutes in range(10, 45, 5):  # 08:00 … 08:30, every five minutes
        clock.moment = datetime.combine(TODAY, time(7, 50)).astimezone() + timedelta(
            minutes=minutes
        )
        reminders.check()
    doses = [s for s in fake.shown if s[0].startswith("dose:")]
    assert len(doses) == 3  # 08:00, 08:10, 08:20 — bounded
    assert fake.shown[-1][1] == "Dose missed" and fake.shown[-1][3] == ()
    assert missed and "counts as missed" in missed[0]
    (dose,) = diary.service.medicines.due()
    assert dose.status is DoseStatus.MISSED


def test_snooze_shows_it_again_ten_minutes_later(qtbot, diary, clock, reminders):
    add(diary)
    clock.moment = datetime.combine(TODAY, time(8, 2)).astimezone()
    reminders.check()
    key = reminders.notifications.shown[0][0]
    reminders.notifications.action_invoked.emit(key, "snooze")
    assert key in reminders.notifications.withdrawn
    clock.moment += timedelta(minutes=9)
    reminders.check()
    assert len(reminders.notifications.shown) == 1
    clock.moment += timedelta(minutes=1)
    reminders.check()
    assert len(reminders.notifications.shown) == 2


def test_a_dose_taken_elsewhere_takes_its_notification_down(qtbot, diary, clock, reminders):
    medicine = add(diary)
    clock.moment = datetime.combine(TODAY, time(8, 1)).astimezone()
    reminders.check()
    key = reminders.notifications.shown[0][0]
    diary.service.medicines.take(medicine.id)  # the command line, or the page
    qtbot.waitUntil(lambda: key in reminders.notifications.withdrawn)


def test_the_temperature_check_twice_a_day_uses_the_same_path(qtbot, diary, clock, reminders):
    diary.service.settings.save(preferences={"temperature_check_times": "20:00"})
    clock.moment = datetime.combine(TODAY, time(20, 5)).astimezone()
    with qtbot.waitSignal(reminders.due) as blocker:
        reminders.check()
    assert blocker.args[0].startswith("Time to take your temperature")
    assert reminders.notifications.shown[-1][3] == (("snooze", "Snooze 10 min"),)


def test_the_page_takes_and_skips_with_one_tap_and_shows_the_week_in_words(
    qtbot, diary, clock, monkeypatch
):
    clock.moment = datetime.combine(TODAY, time(8, 5)).astimezone()
    add(diary)
    add(diary, "Magnesium", (time(8),))
    page = MedicinesPage(diary)
    qtbot.addWidget(page)
    labels = [row[0].text() for row in page.due_rows]
    assert labels == ["08:00  Magnesium 2 mg — due now", "08:00  Tacrolimus 2 mg — due now"]
    page.due_rows[1][1].click()  # Taken
    qtbot.waitUntil(lambda: "taken 08:05" in page.due_rows[1][0].text())
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda name, parent=None: "vomited"))
    page.due_rows[0][2].click()  # Skip…
    qtbot.waitUntil(lambda: "skipped (vomited)" in page.due_rows[0][0].text())
    today_column = page.grid.columnCount() - 1
    cells = [page.cell_text(row, today_column) for row in range(page.grid.rowCount())]
    assert "08:00 taken 08:05" in cells[0] and "08:00 skipped" in cells[1]
    yesterday = [page.cell_text(row, today_column - 1) for row in range(page.grid.rowCount())]
    assert "08:00 missed" in yesterday[0] and "20:00 missed" in yesterday[0]
    assert page.list_table.rowCount() == 2
    assert page.due_rows[0][1] is None  # recorded: no more buttons


def test_add_a_medicine_through_the_dialog_seam(qtbot, diary, monkeypatch):
    page = MedicinesPage(diary)
    qtbot.addWidget(page)
    made = Medicine("Aciclovir", "1 tablet", (time(9),), TODAY, purpose="shingles")
    monkeypatch.setattr(
        MedicineDialog, "ask", classmethod(lambda cls, today, parent=None, **_kw: made)
    )
    page.add_button.click()
    qtbot.waitUntil(lambda: page.list_table.rowCount() == 1)
    assert page.list_table.item(0, 0).text().startswith("Aciclovir 1 tablet at 09:00")


def test_the_add_dialog_refuses_what_it_cannot_use(qtbot):
    dialog = MedicineDialog(TODAY)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Tacrolimus")
    dialog.save_button.click()
    assert dialog.problem.text() == "Please type the dose (for example 1 mg, or 2 tablets)."
    assert dialog.result_medicine is None


def test_the_today_page_says_when_reminders_cannot_reach_the_patient(qtbot, diary, clock):
    from companion.ui.main_window import MainWindow

    fake = FakeNotifications(available=False)
    window = MainWindow(diary, reminders=Reminders(diary, fake, clock))
    qtbot.addWidget(window)
    sentence = window.check_reminders_reach()
    assert sentence.startswith("Reminders cannot pop up on this computer:")
    assert "no notification service" in sentence
    assert window.today_page.reach.text() == sentence
    assert not window.today_page.reach_box.isHidden()


def test_the_tray_menu_takes_a_dose_due_now(qtbot, diary, clock, reminders):
    from companion.ui.tray import TrayIcon

    medicine = add(diary)
    clock.moment = datetime.combine(TODAY, time(8, 3)).astimezone()
    reminders.check()
    tray = TrayIcon(reminders)
    actions = tray.refresh_take_menu()
    assert [a.text() for a in actions] == ["Taken: Tacrolimus 2 mg (08:00)"]
    assert next(a.text() for a in tray.menu.actions() if a.text()) == "Open Transplant Companion"
    actions[0].trigger()
    (dose,) = [d for d in diary.service.medicines.due() if d.medicine_id == medicine.id]
    assert dose.status is DoseStatus.TAKEN
    assert not tray.refresh_take_menu()


@pytest.mark.parametrize("answer", [True, False], ids=["yes", "not now"])
def test_with_a_tray_closing_the_window_keeps_the_app_and_quit_in_the_tray_ends_it(
    qapp, qtbot, tmp_path, monkeypatch, confirmations, answer
):
    """Issue 20: started at login (``--tray``) there is no window; "Open" shows one;
    closing it leaves the app running (no 2-second polling); the tray's Quit ends it. The
    first time, the app asks once whether to start at login (try-out finding 9): yes makes
    an XDG autostart entry running ``--tray``; "Not now" makes none."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QSystemTrayIcon

    from companion import desktop
    from companion.domain.journey import Transplant
    from companion.domain.kinds import GraftSource, TransplantKind
    from companion.domain.team import Team
    from companion.service.diary import DiaryService
    from companion.ui import application as application_module
    from companion.ui import notifications

    confirmations.answer = answer
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(notifications, "FreedesktopNotifications", FakeNotifications)
    pixmap = QPixmap(16, 16)
    pixmap.fill()
    qapp.setWindowIcon(QIcon(pixmap))
    data = tmp_path / "diary"
    data.mkdir()
    service = DiaryService.open(data / "companion.db")
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, TODAY, 6),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
    )
    service.close()
    app = application_module.Application(data, lambda: datetime.now().astimezone())
    assert app.open() is None
    seen = {}

    def step() -> None:
        seen["window at start"] = app.window
        app.open_from_tray()
        window = app.window
        seen["opened"] = window is not None and window.isVisible()
        window.remember_place = False
        window.close()
        seen["after close"] = app.window
        seen["polling"] = app._poll.isActive()
        seen["reminders running"] = app.reminders._timer.isActive()
        app.tray.quit_requested.emit()

    QTimer.singleShot(0, app, step)
    app.run(qapp, tray_only=True)
    app.close()
    qapp.setQuitOnLastWindowClosed(True)
    qapp.setWindowIcon(QIcon())
    assert seen == {
        "window at start": None,
        "opened": True,
        "after close": None,
        "polling": False,
        "reminders running": True,
    }
    entry = tmp_path / "config" / "autostart" / f"{desktop.DESKTOP_ID}.desktop"
    assert [title for title, _, _ in confirmations] == ["Start when you log in?"]
    if answer:
        assert f"--data-dir {data} --tray" in entry.read_text(encoding="utf-8")
    else:
        assert not entry.exists()


def test_the_page_shows_the_list_on_a_past_day_at_that_days_dose(qtbot, diary):
    medicine = add(diary)
    diary.service.medicines.change_dose(medicine.id, "1 mg", TODAY)
    diary.service.medicines.stop(medicine.id, TODAY + timedelta(days=5))
    page = MedicinesPage(diary)
    qtbot.addWidget(page)
    assert page.list_table.item(0, 0).text().startswith("Tacrolimus 1 mg")
    page.on_field.setText((TODAY - timedelta(days=2)).isoformat())
    page.on_field.edit.editingFinished.emit()
    qtbot.waitUntil(lambda: page.list_table.item(0, 0).text().startswith("Tacrolimus 2 mg"))
    page.on_field.setText((TODAY + timedelta(days=6)).isoformat())
    page.on_field.edit.editingFinished.emit()
    qtbot.waitUntil(lambda: page.list_table.rowCount() == 0)


def _tab_order(top, page):
    """The page's buttons in the order Tab reaches them from ``top``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    found, widget = [], top.nextInFocusChain()
    while widget is not top and len(found) < 100:
        if (
            isinstance(widget, QPushButton)
            and widget.isVisible()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and page.isAncestorOf(widget)
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_taken_buttons_made_again_stay_first_in_the_tab_order(qtbot, diary, clock):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    clock.moment = datetime.combine(TODAY, time(8, 5)).astimezone()
    add(diary)
    add(diary, "Magnesium", (time(8),))
    # As in the window: something Tab stops at before the page (the page list).
    top = QWidget()
    qtbot.addWidget(top)
    column = QVBoxLayout(top)
    column.addWidget(QLineEdit())
    page = MedicinesPage(diary)
    column.addWidget(page)
    top.show()
    qtbot.waitExposed(top)
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    first = _tab_order(top, page)
    assert first[:5] == [*page.due_rows[0][1:], *page.due_rows[1][1:], page.guide_button]
    page.due_rows[0][1].setFocus()
    qtbot.waitUntil(page.due_rows[0][1].hasFocus)
    page.due_rows[0][1].click()  # Taken: the rows are made again from the diary
    qtbot.waitUntil(lambda: page.due_rows[0][1] is None)
    taken, skip = page.due_rows[1][1], page.due_rows[1][2]
    qtbot.waitUntil(lambda: taken.isVisible())
    assert taken.hasFocus()  # the keyboard stays on the next dose, not lost
    # The old rows' buttons are deleted later (deleteLater): leave them out.
    order = [b for b in _tab_order(top, page) if not any(b is old for old in first[:4])]
    assert order[:3] == [taken, skip, page.guide_button], [b.text() for b in order[:4]]
