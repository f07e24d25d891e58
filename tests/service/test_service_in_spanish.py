"""What a Spanish-speaking user reads from the service: the history's summaries, the errors of
a refused write, and the headings of the CSV export (issue 23)."""

from __future__ import annotations

import csv
from datetime import date, datetime, time

import pytest

from companion import i18n
from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import Product, Transfusion
from companion.domain.visits import VisitError
from companion.service.diary import DiaryService
from companion.service.exports import export_csv
from companion.service.immunity import VaccineError
from companion.service.workbook import export_xlsx
from tests.conftest import make_transplant

DAY0 = date(2026, 5, 20)
NOW = datetime.combine(date(2026, 6, 1), time(10, 0)).astimezone()


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture
def service(tmp_path, team):
    service = DiaryService.open(tmp_path / "companion.db", lambda: NOW)
    service.transplants.start(make_transplant(day0=DAY0), team)
    yield service
    service.close()


def test_the_history_and_undo_speak_spanish(service, spanish):
    service.log.add(Entry(NOW, EntryKind.NOTE, note="hola"))
    service.labs.add_transfusion(Transfusion(date(2026, 5, 30), Product.PLATELETS))
    summaries = [item.summary for item in service.journal()]
    assert summaries[0] == "Añadió una transfusión"
    assert summaries[1].startswith("Anotó ")
    assert summaries[-1] == "Preparó el diario"
    assert service.undo().item.summary == "Añadió una transfusión"
    assert "Added" not in " ".join(summaries)


def test_a_refused_write_says_why_in_spanish(service, spanish):
    with pytest.raises(VisitError, match="No hay ninguna pregunta número 42 en el cuaderno"):
        service.visits.answer_question(42, "Sí")
    with pytest.raises(VaccineError, match="El número de lote es demasiado largo"):
        service.immunity.mark_given(service.immunity.plan()[0].dose.id, NOW.date(), batch="x" * 500)


def test_the_csv_headings_are_spanish_and_the_english_ones_stay(service, spanish, tmp_path):
    service.log.add(Entry(NOW, EntryKind.NOTE, note="hola"))
    path = tmp_path / "diario.csv"
    export_csv(service, path)
    with path.open(encoding="utf-8") as handle:
        heading = next(csv.reader(handle))
    assert heading[:3] == ["hora", "hora local", "tipo"] and "nota" in heading
    i18n.set_language("en")
    export_csv(service, path)
    with path.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:3] == ["time", "local time", "kind"]


def test_the_workbook_names_its_sheets_and_columns_in_spanish(service, spanish, tmp_path):
    import openpyxl

    service.log.add(Entry(NOW, EntryKind.NOTE, note="hola"))
    service.visits.add_question("¿Puedo recibir visitas?")
    written = export_xlsx(service, tmp_path / "diario.xlsx")
    assert {"Recuentos", "Avisos", "Citas", "Preguntas"} <= set(written)
    book = openpyxl.load_workbook(tmp_path / "diario.xlsx")
    questions = [cell.value for cell in book["Preguntas"][1]]
    assert questions == ["Preguntada", "Pregunta", "Para", "Respondida", "Respuesta"]
    assert book["Preguntas"]["C2"].value == "la próxima visita (aún sin cita)"
