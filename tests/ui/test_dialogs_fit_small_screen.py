"""Every dialog fits a 1024×600 screen at 200 % text, in English and in Spanish (issue 23,
AT-SPI walk in Spanish items 1 and 2): the visit report dialog was 1438×709 with no button
on screen, the list of keys (F1) 500×1330 with its OK button off the screen.

The offscreen screen is 800×800; the screen under test stands in for it through the one
place dialogs ask (``window_place.screen_room``). Each test looks at what a user would see:
the dialog no larger than the screen, and can be made no larger (its minimum), its buttons
inside it, no label or button cut.
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QPushButton, QScrollArea
from pytestqt.exceptions import TimeoutError

from companion import i18n
from companion.ui import typography, window_place
from tests.ui.test_layout_matrix import layout_problems

SCREEN = QRect(0, 0, 1024, 600)
# A window manager's title bar and border (``fit_to_screen`` leaves this much).
TITLE, BORDER = 48, 16
CEILING_MS = 30_000  # for a real fault only: layouts settle over a few event-loop passes


@pytest.fixture(autouse=True)
def small_screen(monkeypatch):
    monkeypatch.setattr(window_place, "screen_room", lambda widget: QRect(SCREEN))


@pytest.fixture(params=["en", "es"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _report(diary, window):
    from companion.ui.report_dialog import VisitReportDialog

    dialog = VisitReportDialog(diary)
    buttons = [dialog.preview_button, dialog.print_button, dialog.pdf_button]
    return dialog, [*buttons, dialog.close_button]


def _keys(diary, window):
    from companion.ui.messages import Messages

    dialog = Messages.build_long(None, i18n._("Keyboard shortcuts"), window.shortcuts_text())
    return dialog, [dialog.ok_button]


def _about(diary, window):
    from companion.ui.main_window import ABOUT
    from companion.ui.messages import Messages

    text = i18n._(ABOUT).format(version="1.0", folder="/home/someone/.local/share/companion")
    dialog = Messages.build_long(None, i18n._("About Transplant Companion"), text)
    return dialog, [dialog.ok_button]


def _entry(diary, window):
    from companion.ui.entry_dialog import EntryDialog

    dialog = EntryDialog(diary)
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _settings(diary, window):
    from companion.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(diary)
    return dialog, [dialog.save_button]


def _add_transplant(diary, window):
    from companion.ui.settings_dialog import AddTransplantDialog

    dialog = AddTransplantDialog(diary)
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _medicine(diary, window):
    from companion.ui.medicines_page import MedicineDialog

    dialog = MedicineDialog(diary.service.today())
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _appointment(diary, window):
    from companion.ui.appointments_view import AppointmentDialog

    dialog = AppointmentDialog(diary)
    return dialog, [dialog.save_button, dialog.cancel_button]


def _counts(diary, window):
    from companion.ui.counts_view import LabDialog

    dialog = LabDialog(diary)
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _transfusion(diary, window):
    from companion.ui.counts_view import TransfusionDialog

    dialog = TransfusionDialog(diary)
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _team_engraftment(diary, window):
    from companion.ui.counts_view import TeamEngraftmentDialog

    dialog = TeamEngraftmentDialog(diary)
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _question(diary, window):
    from companion.ui.questions_notebook import QuickQuestionDialog

    dialog = QuickQuestionDialog(diary)
    return dialog, [dialog.edit]  # no buttons: Enter saves, Esc cancels


def _vaccine_given(diary, window):
    from companion.ui.immunity_view import GivenDialog

    dialog = GivenDialog(i18n._("Mark given"), diary.service.today(), None)
    return dialog, [b for b in dialog.findChildren(QPushButton) if b.text()]


def _print_checklist(diary, window):
    from companion.ui.print_dialog import PrintChecklistDialog

    phase = diary.service.transplants.status().phase
    dialog = PrintChecklistDialog(diary, phase)
    return dialog, [b for b in dialog.findChildren(QAbstractButton) if b.text()]


def _welcome(diary, window):
    from companion.ui.setup_dialog import SetupDialog

    dialog = SetupDialog(diary.service.today())
    return dialog, dialog.findChild(QDialogButtonBox).buttons()


def _acknowledgement(diary, window):
    from companion.ui.confirm import ConfirmDialog

    box, _yes = ConfirmDialog.build(
        None,
        i18n._("Record the contact"),
        "Did you contact your team about your temperature of 38.4 °C at 10:00?",
        i18n._("Yes, I contacted them"),
        i18n._("Not yet"),
    )
    return box, box.buttons()


DIALOGS = {
    "visit report": _report,
    "keyboard shortcuts": _keys,
    "about": _about,
    "entry": _entry,
    "settings": _settings,
    "add a transplant": _add_transplant,
    "add a medicine": _medicine,
    "add an appointment": _appointment,
    "add counts": _counts,
    "transfusion": _transfusion,
    "team engraftment": _team_engraftment,
    "question for the team": _question,
    "vaccine given": _vaccine_given,
    "print a checklist": _print_checklist,
    "welcome": _welcome,
    "acknowledgement": _acknowledgement,
}


def _inside(widget, dialog) -> bool:
    box = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
    return dialog.rect().contains(box)


@pytest.mark.parametrize("name", DIALOGS)
def test_the_dialog_fits_a_small_screen_at_200_percent(
    qtbot, window, diary, language, name, tmp_path
):
    window.set_text_size(200)
    qtbot.waitUntil(lambda: typography.text_size() == 200)
    dialog, buttons = DIALOGS[name](diary, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = SCREEN.adjusted(0, 0, -BORDER, -TITLE)
    # The window manager may make it as small as the screen: it asks no more.
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert least.width() <= room.width() and least.height() <= room.height(), least
    assert dialog.width() <= room.width() and dialog.height() <= room.height(), dialog.size()
    assert buttons
    for button in buttons:
        assert button.isVisible(), button.text()
        assert _inside(button, dialog), (button.text(), dialog.size())
        # Not in the part that scrolls: always in view.
        area = button.parentWidget()
        while area is not None and area is not dialog:
            assert not isinstance(area, QScrollArea), button.text()
            area = area.parentWidget()
    with contextlib.suppress(TimeoutError):  # the assertion below says what is wrong
        qtbot.waitUntil(lambda: layout_problems(dialog) == [], timeout=CEILING_MS)
    assert layout_problems(dialog) == [], (dialog.size(), layout_problems(dialog))
    # Each date field as tall as its calendar button (the medicine form's row cut it in half
    # at 200 % under X11).
    from companion.ui.dates import DateField

    for field in dialog.findChildren(DateField):
        if field.isVisible():
            button = field.calendar_button
            assert field.minimumHeight() >= button.minimumHeight(), name
            assert field.height() >= button.minimumHeight(), name
    dialog.grab().save(str(tmp_path / f"{name}-{language}.png"))


@pytest.mark.parametrize("size", [100, 200])
def test_the_report_dialog_shows_everything_where_the_screen_has_room(
    qtbot, diary, monkeypatch, size
):
    from companion.ui.report_dialog import VisitReportDialog

    monkeypatch.setattr(window_place, "screen_room", lambda widget: QRect(0, 0, 1920, 1080))
    typography.set_text_size(size)
    dialog = VisitReportDialog(diary)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    # Measured with its words in place: the line "That is the last 14 days." was added after
    # the dialog took its size, and the tick boxes scrolled on a large screen.
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0, timeout=CEILING_MS)
    assert scroll.verticalScrollBar().maximum() == 0
    assert dialog.period_note.text()
