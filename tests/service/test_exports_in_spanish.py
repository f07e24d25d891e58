"""The log's exports follow the app's language for what people read (headings, kinds, words)
and keep what programs read as it is (ISO times, stored numbers; the FHIR bundle's codes)."""

import csv
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from companion import i18n
from companion.domain.entries import Entry, EntryKind
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.exports import export_csv
from companion.service.workbook import export_xlsx

TODAY = date(2026, 6, 1)


@pytest.fixture
def service(tmp_path):
    (tmp_path / "demo").mkdir()
    path = create_demo(tmp_path / "demo", TODAY)
    now = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=12)
    service = DiaryService.open(path, lambda: now)
    yield service
    service.close()


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_the_csv_headings_and_words_are_spanish(service, tmp_path, spanish):
    at = service.now() - timedelta(minutes=30)
    service.log.add(Entry(at, EntryKind.TEMPERATURE, value=37.4, detail="armpit"))
    service.log.add(Entry(at, EntryKind.RASH, term="face", detail="a small patch"))
    out = tmp_path / "diario.csv"
    export_csv(service, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "hora",
        "hora local",
        "tipo",
        "término",
        "valor",
        "unidad",
        "intensidad",
        "dónde o cuánto",
        "nota",
    ]
    kinds = {row[2] for row in rows[1:]}
    assert "Temperatura" in kinds and "Síntoma" in kinds and "Temperature" not in kinds
    temperature = next(r for r in rows[1:] if r[2] == "Temperatura" and r[7] == "axila")
    assert temperature[0].startswith(at.strftime("%Y-%m-%dT%H:%M"))  # ISO, for programs
    assert (temperature[4], temperature[5]) == ("37.4", "°C")  # the dialect's decimal point
    rash = next(r for r in rows[1:] if r[2] == "Sarpullido (vigilancia de la EICR)")
    assert (rash[3], rash[7]) == ("cara", "una zona pequeña")
    severities = {row[6] for row in rows[1:] if row[6]}
    assert severities and severities <= {"ninguna", "leve", "moderada", "grave", "muy grave"}
    stools = [r for r in rows[1:] if r[2] == "Deposiciones" and r[4]]
    assert stools and {r[5] for r in stools} == {"al día"}


def test_the_workbook_names_its_kind_sheets_and_columns_in_spanish(service, tmp_path, spanish):
    out = tmp_path / "diario.xlsx"
    written = export_xlsx(service, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Temperatura", "Síntoma"]
    assert written["Temperatura"] == book["Temperatura"].max_row - 1
    assert [c.value for c in book["Temperatura"][1]] == [
        "Hora",
        "Hora (ISO-8601)",
        "Día",
        "Temperatura (°C)",
        "Dónde se tomó",
        "Nota",
    ]
    assert [c.value for c in book["Síntoma"][1]][3:7] == [
        "Síntoma",
        "Intensidad",
        "Con qué frecuencia",
        "Le impidió hacer sus cosas",
    ]
    how_bad = {row[4].value for row in book["Síntoma"].iter_rows(min_row=2)}
    assert how_bad <= {"ninguna", "leve", "moderada", "grave", "muy grave"}
