"""Escape, Cancel or the close button on a filled form ask before what was typed is thrown
away (a keyboard try-out lost a filled medicine to one Escape). Nothing typed: it closes
at once. "Keep editing" keeps the dialog open with every field as it was."""

import pytest
from PySide6.QtCore import Qt

from companion.ui.appointments_view import AppointmentDialog
from companion.ui.counts_view import LabDialog
from companion.ui.entry_dialog import EntryDialog
from companion.ui.medicines_page import MedicineDialog
from tests.ui.conftest import TODAY


def _open(qtbot, make):
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture(params=["medicine", "entry", "appointment", "counts"])
def form(request, qtbot, diary):
    makers = {
        "medicine": (lambda: MedicineDialog(TODAY), "name_edit"),
        "entry": (lambda: EntryDialog(diary), "note_edit"),
        "appointment": (lambda: AppointmentDialog(diary), "place_edit"),
        "counts": (lambda: LabDialog(diary), "anc_edit"),
    }
    make, field = makers[request.param]
    dialog = _open(qtbot, make)
    return dialog, getattr(dialog, field)


def test_escape_on_an_untouched_form_closes_it_without_asking(qtbot, form, confirmations):
    dialog, _field = form
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert confirmations == []


def test_escape_on_a_filled_form_asks_and_keep_editing_keeps_it(qtbot, form, confirmations):
    dialog, field = form
    field.setFocus()
    qtbot.keyClicks(field, "Aciclovir")
    confirmations.answer = False  # "Keep editing"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    title, text, yes = confirmations[-1]
    assert (title, yes) == ("Leave without saving?", "Leave without saving")
    assert "not saved" in text
    typed = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
    assert typed == "Aciclovir"
    confirmations.answer = True  # "Leave without saving"
    dialog.reject()
    assert not dialog.isVisible()


def test_a_medicine_saved_is_not_asked_about(qtbot, confirmations):
    dialog = _open(qtbot, lambda: MedicineDialog(TODAY))
    dialog.name_edit.setText("Aciclovir")
    dialog.dose_edit.setText("1 tablet")
    dialog.save_button.click()
    assert dialog.result_medicine.name == "Aciclovir"
    assert not dialog.isVisible()
    assert confirmations == []
