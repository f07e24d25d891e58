"""Words a patient saw in the Spanish try-out (issue 23, tryout-es #12–#14), in English and
Spanish: a day number typed where the hint offers one, the kind named once, default file
names in the language, and Qt's file dialog without English labels."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QToolButton

from companion import i18n
from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Phase
from companion.domain.medicines import Medicine
from companion.ui.entry_dialog import EntryDialog
from companion.ui.forms import TransplantForm
from tests.ui.conftest import TODAY

DAY0 = date(2026, 5, 20)  # the demo diary's Day 0 (today, 1 June 2026, is Day +12)


@pytest.fixture(params=["en", "es"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


# A transplant day number in the entry form's When (tryout-es #12) -------------------------

HINT = {
    "en": "Type a date like 28 May 2026, 28/5/2026, yesterday or Day −6.",
    "es": "Escriba una fecha como 28 de mayo de 2026, 28/5/2026, ayer o Día −6.",
}
CALENDAR_HINT = {
    "en": "Type a date like 28 May 2026, 28/5/2026 or yesterday.",
    "es": "Escriba una fecha como 28 de mayo de 2026, 28/5/2026 o ayer.",
}
TYPED = {
    "en": [("Day −6", -6), ("Day -6", -6), ("Day +5", 5), ("day 0", 0)],
    "es": [("Día −6", -6), ("Día -6", -6), ("Día +5", 5), ("dia 0", 0)],
}


def test_the_entry_form_takes_the_day_number_its_hint_offers(qtbot, diary, language):
    assert diary.service.transplants.active.day0 == DAY0
    for text, days in TYPED[language]:
        dialog = EntryDialog(diary)
        qtbot.addWidget(dialog)
        field = dialog.when.date_field
        assert field.edit.toolTip() == HINT[language]
        dialog.select_kind(EntryKind.NOTE)
        dialog.note_edit.setPlainText("Day number")
        field.setText(text)
        dialog.save_button.click()
        assert dialog.error_label.text() == "", text
        assert dialog.saved is not None, text
        assert dialog.saved.entry.at.date() == DAY0 + timedelta(days=days)


def test_the_medicine_and_vaccine_dialogs_take_the_day_number_their_hint_offers(
    qtbot, diary, monkeypatch, language
):
    """Each dialog as its page opens it (the seam's arguments kept): the first day of a
    medicine, a dose change's date and a vaccine's date take "Día −6"/"Day +5"."""
    from companion.ui.immunity_view import GivenDialog, ImmunityView, VaccineSeams
    from companion.ui.medicines_page import ChangeDialog, MedicineDialog, MedicinesPage

    opened: dict[str, dict] = {}

    def remember(name, answer):
        def seam(*args, **kwargs):
            opened[name] = kwargs
            return answer

        return seam

    monkeypatch.setattr(MedicineDialog, "ask", staticmethod(remember("medicine", None)))
    medicines = MedicinesPage(diary)
    qtbot.addWidget(medicines)
    medicines.add_button.click()
    vaccines = ImmunityView(diary)
    qtbot.addWidget(vaccines)
    monkeypatch.setattr(VaccineSeams, "ask_given", staticmethod(remember("given", None)))
    vaccines.plan_view.selectRow(0)
    vaccines.given_button.click()

    text, days = TYPED[language][0]
    dialog = MedicineDialog(TODAY, **opened["medicine"])
    qtbot.addWidget(dialog)
    assert dialog.start_field.edit.toolTip() == HINT[language]
    dialog.start_field.setText(text)
    assert dialog.start_field.problem() is None
    assert dialog.start_field.value() == DAY0 + timedelta(days=days)

    given = GivenDialog("", TODAY, None, **opened["given"])
    qtbot.addWidget(given)
    assert given.date_field.edit.toolTip() == HINT[language]
    given.date_field.setText(TYPED[language][2][0])
    assert given.date_field.problem() is None
    assert given.date_field.value() == DAY0 + timedelta(days=5)

    made = Medicine("Aciclovir", "1 tablet", (time(9),), TODAY)
    change = ChangeDialog(made, "pause", TODAY, day0=opened["medicine"]["day0"])
    qtbot.addWidget(change)
    change.until_field.setText(TYPED[language][2][0])
    assert change.until_field.problem() is None
    assert change.until_field.value() == DAY0 + timedelta(days=5)


def test_a_field_without_a_day_0_does_not_offer_a_day_number(qtbot, language):
    form = TransplantForm(TODAY)  # the Day 0 field itself: no Day 0 to count from yet
    qtbot.addWidget(form)
    field = form.day0_edit
    assert field.edit.toolTip() == CALENDAR_HINT[language]
    assert field.edit.accessibleDescription().startswith(CALENDAR_HINT[language])
    field.setText(TYPED[language][2][0])
    assert field.problem().endswith(CALENDAR_HINT[language])


# The kind named once (tryout-es #14, the Journey's day; the "Saved" line) ----------------


def test_the_journeys_day_names_the_team_once(qtbot, diary, language):
    from companion.ui.guide_panel import GuidePanel

    panel = GuidePanel(diary)
    qtbot.addWidget(panel)
    panel.enable_entries()
    panel.show_day((date(2026, 5, 24) - DAY0).days)  # a contact with the team that day
    text = panel.entries_label.text()
    if language == "en":
        assert "contacted my transplant team" in text
        assert "team transplant team" not in text
    else:
        assert "contacté con mi equipo de trasplante" in text
        assert "equipo equipo" not in text


SAVED = {
    "en": {
        EntryKind.STOOLS: "✓ Saved 1 loose stool since midnight at 10:00.",
        EntryKind.TEMPERATURE: "✓ Saved temperature 37.2 °C (mouth) at 10:00.",
        EntryKind.WEIGHT: "✓ Saved weight 70.5 kg at 10:00.",
    },
    "es": {
        EntryKind.STOOLS: "✓ Guardado: 1 deposición blanda desde medianoche a las 10:00.",
        EntryKind.TEMPERATURE: "✓ Guardado: temperatura 37,2 °C (boca) a las 10:00.",
        EntryKind.WEIGHT: "✓ Guardado: peso 70,5 kg a las 10:00.",
    },
}


@pytest.mark.parametrize(
    "entry",
    [
        Entry(at=datetime.combine(TODAY, time(10, 0)).astimezone(), kind=EntryKind.STOOLS, value=1),
        Entry(
            at=datetime.combine(TODAY, time(10, 0)).astimezone(),
            kind=EntryKind.TEMPERATURE,
            value=37.2,
            detail="mouth",
        ),
        Entry(
            at=datetime.combine(TODAY, time(10, 0)).astimezone(), kind=EntryKind.WEIGHT, value=70.5
        ),
    ],
    ids=lambda e: e.kind.value,
)
def test_the_saved_line_names_the_kind_once(qtbot, window, diary, language, entry):
    logged = diary.service.log.add(entry).value
    window.quick_entry.say_saved(logged)
    assert window.quick_entry.status.text() == SAVED[language][entry.kind]


# Default file names in the language (tryout-es #13) --------------------------------------

NAMES = {
    "en": {
        "log": "transplant-diary-2026-06-01.csv",
        "calendar": "transplant-appointments.ics",
        "report": "visit-report-2026-06-01.pdf",
        "checklist": "checklist-waiting-for-engraftment.pdf",
        "chart": "medicine-chart-2026-06-01.pdf",
        "record": "vaccination-record.pdf",
    },
    "es": {
        "log": "diario-del-trasplante-2026-06-01.csv",
        "calendar": "citas-del-trasplante.ics",
        "report": "informe-consulta-2026-06-01.pdf",
        "checklist": "lista-de-tareas-a-la-espera-del-injerto.pdf",
        "chart": "tabla-de-medicinas-2026-06-01.pdf",
        "record": "registro-de-vacunas.pdf",
    },
}


def test_the_file_dialogs_offer_names_in_the_language(qtbot, window, diary, language, monkeypatch):
    from companion.ui import export_dialog, print_job
    from companion.ui.immunity_view import ImmunityView, VaccineSeams
    from companion.ui.medicines_page import ChartSeams, save_chart
    from companion.ui.print_dialog import PrintChecklistDialog
    from companion.ui.report_dialog import VisitReportDialog

    offered: dict[str, str] = {}

    def asked(what):
        return staticmethod(lambda parent, suggested: offered.__setitem__(what, suggested))

    monkeypatch.setattr(export_dialog.ExportSeams, "ask_csv_path", asked("log"))
    monkeypatch.setattr(export_dialog.ExportSeams, "ask_ics_path", asked("calendar"))
    monkeypatch.setattr(ChartSeams, "ask_pdf_path", asked("chart"))
    monkeypatch.setattr(VaccineSeams, "ask_pdf_path", asked("record"))
    export_dialog.export_log(diary, window)
    export_dialog.export_calendar(diary, window)
    save_chart(diary, window)
    view = ImmunityView(diary)
    qtbot.addWidget(view)
    view.card_button.click()
    monkeypatch.setattr(print_job.PrintSeams, "ask_pdf_path", asked("report"))
    report = VisitReportDialog(diary, window)
    qtbot.addWidget(report)
    report.to_edit.setDate(TODAY)
    report.pdf_button.click()
    monkeypatch.setattr(print_job.PrintSeams, "ask_pdf_path", asked("checklist"))
    checklist = PrintChecklistDialog(diary, Phase.ENGRAFTMENT, window)
    qtbot.addWidget(checklist)
    checklist.pdf_button.click()
    assert {what: Path(path).name for what, path in offered.items()} == NAMES[language]
    for path in offered.values():
        assert Path(path).parent.is_absolute()  # in Documents, not where the app started


def test_qts_file_dialog_has_no_english_labels_in_spanish(qtbot):
    from companion.ui import language

    language.apply("es")
    try:
        dialog = QFileDialog(None, "Guardar", "", "PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)} - {""}
        assert {"&Buscar en:", "&Tipo de archivo:", "&Nombre de archivo:"} <= labels
        assert not labels & {"&Look in:", "Files of &type:", "&Nombre de fichero:"}
        shown = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        assert "Nombre de archivo:" in shown
        descriptions = {b.accessibleDescription() for b in dialog.findChildren(QToolButton)}
        assert "Ir a la carpeta superior" in descriptions
        assert "r al directorio superior" not in descriptions
    finally:
        language.apply("en")
    english = QFileDialog(None, "Save", "", "PDF (*.pdf)")
    english.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(english)
    assert "&Look in:" in {label.text() for label in english.findChildren(QLabel)}


def test_a_number_changed_elsewhere_is_said_with_the_languages_decimals(language):
    from companion.ui.settings_dialog import _shown

    said = {"en": "37.5 °C", "es": "37,5 °C"}[language]
    assert _shown("fever_single_c", 37.5) == said
    assert _shown("team_name", "City Unit") == {"en": "“City Unit”", "es": "«City Unit»"}[language]
