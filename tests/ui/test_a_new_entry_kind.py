"""A made-up kind of entry (oxygen saturation, in the place of the note) walked through the
registry alone: the entry form asks for it, the check refuses what its spec refuses, and the
CSV, the workbook and the FHIR bundle write it. This is what "a new log kind touches
3–4 files" rests on: nothing else needed to know about it."""

import csv
import json

import openpyxl
import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox

from companion.domain.entries import EntryKind
from companion.domain.entry_kinds import (
    KINDS,
    ExportColumn,
    FieldType,
    FormField,
    KindSpec,
    Loinc,
    ValueLimits,
)
from companion.service.exports import export_csv
from companion.service.fhir import export_fhir
from companion.service.workbook import export_xlsx
from companion.ui.entry_dialog import EntryDialog

OXYGEN = KindSpec(
    EntryKind.NOTE,  # an enum cannot grow in a test: the made-up kind borrows a slot
    "Oxygen saturation",
    units=("%",),
    json_unit="%",
    limits=ValueLimits(70, 100, True, "Please type the oxygen level between 70 and 100 %."),
    fields=(
        FormField(
            "value",
            FieldType.COUNT,
            "Oxygen level (%):",
            "Oxygen level",
            range=(70, 100),
            hint="Read it from the clip on your finger.",
        ),
    ),
    # The demo's notes sit in the borrowed slot too, without a value.
    columns=(ExportColumn("Oxygen (%)", lambda e, c: None if e.value is None else int(e.value)),),
    quantity=lambda e, unit: (e.value, "%"),
    describe=lambda e, vocabulary, unit: "" if e.value is None else f"{int(e.value)} %",
    loinc=Loinc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%"),
)


@pytest.fixture
def oxygen(monkeypatch):
    monkeypatch.setitem(KINDS, EntryKind.NOTE, OXYGEN)
    return OXYGEN


def test_a_made_up_kind_goes_from_the_registry_to_the_form_and_every_export(
    qtbot, diary, oxygen, tmp_path
):
    dialog = EntryDialog(diary)
    qtbot.addWidget(dialog)
    dialog.select_kind(EntryKind.NOTE)
    assert dialog.kind_combo.currentText() == "Oxygen saturation"
    page = dialog.pages.currentWidget()
    form = page.layout()
    assert isinstance(form, QFormLayout)
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
    ]
    assert labels[0] == "Oxygen level (%):"
    spin = page.findChild(QSpinBox)
    assert spin.accessibleName() == "Oxygen level"
    assert (spin.minimum(), spin.maximum()) == (70, 100)
    assert any(
        label.text() == "Read it from the clip on your finger."
        for label in page.findChildren(QLabel)
    )
    spin.setValue(94)
    dialog.save_button.click()
    saved = dialog.saved.entry
    assert (saved.kind, saved.value) == (EntryKind.NOTE, 94)
    service = diary.service
    assert service.log.entry(saved.id).value == 94

    # The check reads the spec's limits (a value the form cannot give: an import, a script).
    from datetime import timedelta

    from companion.domain.entries import Entry, EntryError, check_entry

    with pytest.raises(EntryError, match="oxygen level between 70 and 100"):
        check_entry(
            Entry(service.now() - timedelta(minutes=5), EntryKind.NOTE, value=40), service.now()
        )

    out = tmp_path / "log.csv"
    export_csv(service, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row[2] == "Oxygen saturation"]
    # The demo's notes are in the borrowed slot too: they have no value.
    assert [(row[4], row[5]) for row in rows if row[4]] == [("94", "%")]

    book_path = tmp_path / "diary.xlsx"
    written = export_xlsx(service, book_path)
    sheet = openpyxl.load_workbook(book_path)["Oxygen saturation"]
    assert written["Oxygen saturation"] == sheet.max_row - 1
    header = [c.value for c in sheet[1]]
    assert header == ["Time", "Time (ISO-8601)", "Day", "Oxygen (%)", "Note"]
    assert sheet.cell(row=sheet.max_row, column=4).value == 94

    bundle_path = tmp_path / "fhir.json"
    export_fhir(service, bundle_path)
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    oxygen_observations = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "59408-5"
    ]
    assert len(oxygen_observations) == 1
    assert oxygen_observations[0]["valueQuantity"]["value"] == 94
    assert oxygen_observations[0]["valueQuantity"]["unit"] == "%"


def form_labels(page) -> list[str]:
    form = page.layout()
    return [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(form.rowCount())
        if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
    ]


def test_the_entry_form_asks_in_spanish(qtbot, diary):
    from companion import i18n

    i18n.set_language("es")
    try:
        dialog = EntryDialog(diary)
        qtbot.addWidget(dialog)
        kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
        assert kinds[:3] == ["Temperatura", "Síntoma", "Señal de infección"]
        assert "Contacté con mi equipo" not in kinds  # recorded by the alert card only
        dialog.select_kind(EntryKind.TEMPERATURE)
        assert form_labels(dialog.pages.currentWidget()) == [
            "Temperatura:",
            "Unidad:",
            "Tomada en:",
        ]
        assert [dialog.site_combo.itemText(i) for i in range(4)] == [
            "Boca",
            "Oído",
            "Axila",
            "Frente",
        ]
        assert dialog.note_edit.placeholderText() == "Algo más (opcional)"
        dialog.select_kind(EntryKind.SYMPTOM)
        assert form_labels(dialog.pages.currentWidget())[:2] == ["Síntoma:", "Intensidad:"]
        assert dialog.severity_combo.placeholderText() == "Elija la intensidad"
        assert dialog.severity_combo.accessibleName() == "Intensidad"
        dialog.select_kind(EntryKind.NOTE)
        assert dialog.note_edit.placeholderText() == "Escriba aquí su nota"
        dialog.select_kind(EntryKind.TEMPERATURE)
        dialog.temp_edit.setText("20")
        dialog.save_button.click()
        assert "no es una temperatura corporal" in dialog.error_label.text()
        assert dialog.saved is None
    finally:
        i18n.set_language("en")
