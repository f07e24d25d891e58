"""Settings, the line above the pages and Today's note in Spanish (issue 23): the clinical
numbers with their sources, the fever presets, the countries, the team's default advice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel

from companion import i18n
from companion.domain.clinical import CLINICAL_SETTINGS
from companion.domain.entries import Entry, EntryKind
from companion.storage.preferences import DEFAULT_ADVICE
from companion.ui.settings_dialog import SettingsPanel

ADVICE_ES = (
    "No tome medicinas para bajar la fiebre (como paracetamol o ibuprofeno) antes de hablar "
    "con su equipo: pueden ocultar la fiebre. Dígales su temperatura, la hora en que se la tomó "
    "y cómo se encuentra."
)


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture
def panel(qtbot, spanish, diary):
    panel = SettingsPanel(diary)
    qtbot.addWidget(panel)
    return panel


def test_the_clinical_numbers_are_named_and_sourced_in_spanish(panel):
    form = panel.numbers_form
    fever = form.spins["fever_single_c"]
    assert fever.accessibleName() == "Llame a su equipo con una sola temperatura de"
    assert fever.suffix() == " °C"
    close = form.spins["close_care_days"]
    assert close.accessibleName() == "Quédese cerca del centro hasta"
    assert close.suffix() == " días después del Día 0"
    names = {label.buddy(): label.text() for label in form.findChildren(QLabel) if label.buddy()}
    assert names[close] == "Quédese cerca del centro hasta:"
    for setting in CLINICAL_SETTINGS:
        spin = form.spins[setting.key]
        assert spin.accessibleName() not in (setting.label, ""), setting.key
        assert names[spin] == f"{spin.accessibleName()}:"
    sources = [label.text() for label in form.findChildren(QLabel, "number-source")]
    assert len(sources) == len(CLINICAL_SETTINGS)
    assert all(text.startswith("Fuente: ") for text in sources), sources
    joined = " ".join(sources)
    # The sources' sentences are Spanish; the titles they cite stay as published.
    assert "call your doctor right away" not in joined
    assert "live vaccines not before 2 years" not in joined
    assert "vacunas vivas no antes de 2 años" in joined
    assert "«Preventing infections in cancer patients»" in joined


def test_the_fever_presets_are_in_spanish(panel):
    combo = panel.numbers_form.preset_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "CDC: 38,0 °C (100,4 °F) una vez",
        "IDSA: 38,3 °C una vez, o 38,0 °C durante una hora",
    ]


def test_the_countries_are_named_in_spanish_in_dictionary_order(panel):
    combo = panel.team_form.country_combo
    items = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert items["ES"] == "España (112)"
    assert items["DE"] == "Alemania (112)"
    assert items["US"] == "Estados Unidos (911)"
    assert items["GB"] == "Reino Unido (999)"
    order = [combo.itemData(i) for i in range(1, combo.count())]
    # Accents do not send "Bélgica" after "Brasil".
    assert order.index("BE") < order.index("BR")
    assert order.index("DE") < order.index("AR")  # Alemania, Argentina


def test_the_default_advice_is_shown_in_spanish_and_stays_the_default(panel, diary):
    service = diary.service
    assert service.settings.preference("team_advice") == DEFAULT_ADVICE
    assert panel.advice_edit.toPlainText() == ADVICE_ES
    assert "team_advice" not in panel.edited()
    # Saving another change leaves the advice the app's default (it follows the language).
    panel.unit_combo.setCurrentIndex(panel.unit_combo.findData("F"))
    panel.save_button.click()
    assert service.settings.temperature_unit.value == "F"
    assert service.settings.preference("team_advice") == DEFAULT_ADVICE
    # The team's own words are kept as typed.
    panel.advice_edit.setPlainText("Llame antes de tomar nada.")
    panel.save_button.click()
    assert service.settings.team_advice == "Llame antes de tomar nada."
    # Typing the default's words back makes it the default again.
    panel.advice_edit.setPlainText(ADVICE_ES)
    panel.save_button.click()
    assert service.settings.preference("team_advice") == DEFAULT_ADVICE


def test_a_fever_card_gives_the_default_advice_in_spanish(spanish, diary):
    service = diary.service
    service.log.add(Entry(service.now() - timedelta(minutes=5), EntryKind.TEMPERATURE, value=38.6))
    words = service.log.card()
    assert words is not None
    assert ADVICE_ES in words.rest
    assert not any("Do not take medicine" in line for line in words.rest)


def test_the_line_above_the_pages_and_todays_note_in_spanish(qtbot, spanish, window):
    team = window.service.settings.team
    assert team is not None
    window.show_page("journey")
    text = window.top_line.text()
    assert text.startswith("Hoy: Día ")
    # The test clock is 10:00 on a weekday: office hours.
    assert text.endswith(f"Su equipo ahora: {team.office_phone} (horario de oficina)"), text
    note = window.today_page.disclaimer.text()
    assert note.startswith("Tenga en cuenta: Esta guía explica; no sustituye")
