"""Appointments and the questions notebook in Spanish (issue 23)."""

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt

from companion import i18n
from companion.domain.visits import Appointment, AppointmentKind
from companion.ui.appointments_view import AppointmentDialog, AppointmentsView
from companion.ui.questions_notebook import QuestionsNotebook, QuickQuestionDialog
from tests.ui.conftest import TODAY


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def at(days: int, hour: int = 10, minute: int = 30) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour, minute)).astimezone()


def headings(table) -> list[str]:
    model = table.model()
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_the_appointments_page_in_spanish(qtbot, diary, spanish, confirmations):
    view = AppointmentsView(diary)
    qtbot.addWidget(view)
    assert view.next_label.text() == "No hay ninguna cita anotada en la aplicación."
    service = diary.service
    service.visits.add_appointment(Appointment(at(-6), AppointmentKind.CLINIC_VISIT))
    service.visits.add_appointment(
        Appointment(at(3), AppointmentKind.CLINIC_VISIT, place="Planta 3")
    )
    assert headings(view.table) == ["Cuándo", "Día", "Qué", "Dónde", "Con", "Nota"]
    assert [view.add_button.text(), view.edit_button.text(), view.delete_button.text()] == [
        "Añadir una cita…",
        "Editar…",
        "Borrar",
    ]
    assert view.export_button.text() == "Guardar en un archivo de calendario…"
    model = view.model
    assert model.index(0, 0).data() == "jueves, 4 de junio de 2026 10:30"
    assert model.index(0, 1).data() == "Día +15"
    assert model.index(1, 0).data() == "martes, 26 de mayo de 2026 10:30 (pasada)"
    view.table.selectRow(0)
    view.delete_selected()
    title, text, yes = confirmations[-1]
    assert (title, yes) == ("Borrar la cita", "Borrar")
    assert "del jueves, 4 de junio de 2026 a las 10:30? Ctrl+Z la recupera." in text


def test_the_appointment_dialog_in_spanish_reads_a_weekday_as_the_next_one(qtbot, diary, spanish):
    dialog = AppointmentDialog(diary)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Añadir una cita"
    assert dialog.save_button.text() == "Guardar"
    assert dialog.cancel_button.text() == "Cancelar"
    assert dialog.kind_combo.itemText(dialog.kind_combo.count() - 1) == ("Otra cosa (escriba cuál)")
    assert dialog.title_edit.placeholderText().startswith("Por ejemplo:")
    dialog.when_edit.date_field.setText("jueves")
    dialog.when_edit.time_field.setText("9:15")
    dialog.save_button.click()
    assert dialog.result_value is not None
    # TODAY is Monday 1 June 2026: an appointment on "jueves" is the coming Thursday.
    assert dialog.result_value.at.date() == date(2026, 6, 4)
    assert dialog.when_edit.date_field.text() == "jueves, 4 de junio de 2026"


def test_a_wrong_date_in_the_appointment_dialog_is_refused_in_spanish(qtbot, diary, spanish):
    dialog = AppointmentDialog(diary)
    qtbot.addWidget(dialog)
    dialog.when_edit.date_field.setText("30 de febrero")
    dialog.save_button.click()
    assert dialog.result_value is None
    assert "No existe la fecha «30 de febrero»" in dialog.error_label.text()


def test_the_questions_notebook_in_spanish(qtbot, diary, spanish, monkeypatch):
    notebook = QuestionsNotebook(diary)
    qtbot.addWidget(notebook)
    assert headings(notebook.table) == ["Pregunta", "Para", "Respuesta"]
    assert notebook.add_button.text() == "Añadir pregunta"
    assert notebook.add_edit.placeholderText() == (
        "Escriba una pregunta para el equipo y pulse Intro"
    )
    assert notebook.search_edit.placeholderText() == "Buscar"
    assert notebook.scope_combo.itemText(0) == "Todas las preguntas"
    assert notebook.scope_combo.itemText(1) == "Para la próxima visita"
    assert [notebook.answer_button.text(), notebook.move_button.text()] == [
        "Marcar como respondida…",
        "Pasar a…",
    ]
    notebook.add_edit.setText("¿Cuándo podré volver a casa?")
    notebook.add_button.click()
    assert notebook.message.text().startswith("Guardada para ")
    model = notebook.model
    assert model.index(0, 0).data() == "? ¿Cuándo podré volver a casa?"
    assert model.index(0, 2).data() == "sin respuesta todavía"
    notebook.table.selectRow(0)
    notebook.delete_selected()
    assert notebook.message.text() == "Pregunta borrada. Ctrl+Z la recupera."


def test_the_quick_question_box_in_spanish(qtbot, diary, spanish):
    dialog = QuickQuestionDialog(diary)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Una pregunta para su próxima visita"
    assert dialog.edit.placeholderText() == "Escriba su pregunta y pulse Intro"
    assert dialog.for_label.text().startswith("Para ")
    assert dialog.for_label.text().endswith("Puede cambiarla después.")
