"""The blood counts page and its dialogs in Spanish (issue 23)."""

import pytest
from PySide6.QtCore import Qt

from companion import i18n
from companion.ui.counts_view import CountsView, LabDialog, TeamEngraftmentDialog, TransfusionDialog


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_the_counts_page_in_spanish(qtbot, diary, spanish):
    view = CountsView(diary)
    qtbot.addWidget(view)
    view.ensure_loaded()
    model = view.table.model()
    headings = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert headings == ["Cuándo", "Día", "RAN", "Leucocitos", "Plaquetas", "Hemoglobina"]
    assert view.table.accessibleName() == "Resultados de los recuentos"
    assert view.add_button.text() == "Añadir recuentos…"
    assert view.transfusion_button.text() == "Añadir una transfusión…"
    assert view.team_button.text() == "Recuperación, según mi equipo…"
    assert view.delete_button.text() == "Borrar resultado"
    assert view.chart.accessibleName() == "Gráficas de recuentos y temperatura"
    assert "Use las flechas para moverse de un día a otro" in view.chart.accessibleDescription()
    # The rows: Day numbers and dates in Spanish.
    assert model.index(0, 1).data().startswith("Día +")
    assert model.index(0, 0).data().startswith("lun 01 jun 2026")


def test_a_percent_of_neutrophils_is_worded_in_spanish(qtbot, diary, spanish):
    view = CountsView(diary)
    qtbot.addWidget(view)
    view.ensure_loaded()
    model = view.table.model()
    wbc = [model.index(r, 3).data() for r in range(model.rowCount())]
    with_percent = [text for text in wbc if "%" in text]
    assert all(", neutrófilos " in text for text in with_percent)


def test_the_lab_dialog_in_spanish_refuses_in_spanish(qtbot, diary, spanish):
    dialog = LabDialog(diary)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Añadir recuentos"
    assert dialog.anc_edit.accessibleName() == "RAN (neutrófilos)"
    assert dialog.hb_edit.accessibleName() == "Hemoglobina"
    assert dialog.when.date_field.text() == "lunes, 1 de junio de 2026"
    assert dialog.when.time_field.accessibleName() == "Cuándo le sacaron la sangre: hora"
    before = diary.service.labs.all()
    dialog.when.date_field.setText("pronto")
    dialog.save_button.click()
    assert "«pronto» no es una fecha." in dialog.error_label.text()
    assert diary.service.labs.all() == before


def test_the_transfusion_and_team_dialogs_in_spanish(qtbot, diary, spanish):
    transfusion = TransfusionDialog(diary)
    qtbot.addWidget(transfusion)
    assert transfusion.windowTitle() == "Añadir una transfusión"
    assert transfusion.platelets_radio.text() == "Plaquetas"
    assert transfusion.red_radio.text() == "Glóbulos rojos (sangre)"
    team = TeamEngraftmentDialog(diary)
    qtbot.addWidget(team)
    assert team.windowTitle() == "Mi equipo me dijo que mis recuentos se recuperaron"
    assert team.clear_check.text().startswith("Quitar la fecha que dio mi equipo")
