"""The transplant and team forms (setup and settings) and the guide panel in Spanish
(issue 23)."""

from datetime import date

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from companion import i18n
from companion.ui.forms import TeamForm, TransplantForm
from tests.ui.conftest import TODAY


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def form_labels(widget) -> list[str]:
    found = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel) and item.widget().text():
                found.append(item.widget().text())
    return found


def test_the_transplant_form_in_spanish(qtbot, spanish):
    form = TransplantForm(TODAY)
    qtbot.addWidget(form)
    assert form_labels(form) == [
        "Día 0 (el día del trasplante):",
        "El acondicionamiento empieza el:",
    ]
    assert form.confirmed_check.text() == "Mi equipo ha confirmado esta fecha"
    assert form.conditioning_spin.prefix() == "Día −"
    assert form.conditioning_hint.text().startswith("Pregunte a su equipo qué día empieza")
    # Day −6 of Day 0 on 1 June 2026.
    assert form.conditioning_date.text() == "El Día −6 es el martes, 26 de mayo de 2026."
    problem, _field = form.problem()
    assert problem == "Elija de quién son las células madre que va a recibir."
    form.day0_edit.setText("pronto")
    next(iter(form.kind_buttons.values())).setChecked(True)
    next(iter(form.source_buttons.values())).setChecked(True)
    problem, field = form.problem()
    assert problem.startswith("Día 0: «pronto» no es una fecha.")
    assert field is form.day0_edit
    form.day0_edit.setText("15 de junio")
    assert form.problem() is None
    assert form.transplant().day0 == date(2026, 6, 15)


def test_the_team_form_in_spanish(qtbot, spanish):
    form = TeamForm()
    qtbot.addWidget(form)
    assert form.title() == "Su equipo de trasplante"
    assert form_labels(form) == [
        "Nombre del equipo (opcional):",
        "Número en horario de oficina:",
        "Días y horario de oficina:",
        "Número fuera del horario:",
        "País (para el número de emergencias):",
    ]
    assert form.name_edit.placeholderText().startswith("Por ejemplo:")
    assert form.country_combo.itemText(0).startswith("Sin elegir (la aplicación dice ")
    assert form.opens_edit.accessibleName() == "La oficina abre a las"
    countries = [form.country_combo.itemText(i) for i in range(form.country_combo.count())]
    assert "España (112)" in countries and "Spain (112)" not in countries
    form.opens_edit.setText("tarde")
    with pytest.raises(ValueError, match="«tarde» no es una hora"):
        form.team()


def test_the_guide_panel_in_spanish(qtbot, diary, spanish):
    from companion.ui.guide_panel import GuidePanel

    panel = GuidePanel(diary)
    qtbot.addWidget(panel)
    panel.enable_entries()
    panel.show_day(12)  # the sample diary's today
    assert panel.day_label.text().startswith("Día +12 · lunes, 1 de junio de 2026 (hoy) · ")
    assert panel.entries_label.text().startswith("Diario de este día: ")
    assert "anotaciones" in panel.entries_label.text()
    assert "Recuentos a las " in panel.entries_label.text()
    assert panel.entries_button.text() == "Ver en el registro"
    assert panel.browser.accessibleName() == "Guía de la etapa elegida"
    panel.show_day(11)
    assert " (hoy) " not in panel.day_label.text()


def test_the_clinical_numbers_in_spanish(qtbot, spanish):
    """Settings → Numbers and sources: every number's name, unit and source in Spanish."""
    from companion.ui.settings_dialog import NumbersForm

    form = NumbersForm()
    qtbot.addWidget(form)
    names = [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    assert "Los recuentos suelen empezar a recuperarse a partir de:" in names
    assert "Llame a su equipo con una sola temperatura de:" in names
    assert "…o con una temperatura mantenida de (0 = no se usa):" in names
    assert not [name for name in names if name.startswith(("Counts", "Call your", "Live"))]
    assert form.spins["engraftment_window_start"].suffix() == " días después del Día 0"
    assert form.spins["engraftment_window_start"].accessibleName() == (
        "Los recuentos suelen empezar a recuperarse a partir de"
    )
    sources = [label.text() for label in form.findChildren(QLabel, "number-source")]
    assert all(text.startswith("Fuente: ") for text in sources)
    assert not [
        text for text in sources if "live vaccines not before" in text.replace("\u200b", "")
    ]
