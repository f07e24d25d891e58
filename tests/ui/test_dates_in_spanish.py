"""Typed date and time fields in Spanish (issue 23): the date shown back in Spanish words,
Spanish month and weekday names understood, refusals and hints in Spanish."""

from datetime import date, datetime, time

import pytest

from companion import i18n
from companion.ui.dates import DateField, DateTimeField, TimeField, date_in_words, short_moment
from tests.ui.conftest import TODAY


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def typed(qtbot, field: DateField, text: str) -> None:
    field.setText(text)
    field.edit.editingFinished.emit()


def test_a_date_field_shows_the_date_in_spanish_words(qtbot, spanish):
    field = DateField(date(2026, 12, 8), today=lambda: TODAY)
    qtbot.addWidget(field)
    assert field.text() == "martes, 8 de diciembre de 2026"
    # No Day 0 given: a day number cannot be typed, so the hint does not offer one.
    assert field.edit.toolTip() == "Escriba una fecha como 28 de mayo de 2026, 28/5/2026 o ayer."
    field.set_day0(date(2026, 5, 20))
    assert field.edit.toolTip() == (
        "Escriba una fecha como 28 de mayo de 2026, 28/5/2026, ayer o Día −6."
    )
    typed(qtbot, field, "Día +5")
    assert field.value() == date(2026, 5, 25)
    assert "Arriba y Abajo la cambian de un día en un día" in field.edit.accessibleDescription()
    assert field.calendar_button.accessibleName() == "Elegir en un calendario"
    field.setAccessibleName("Fecha de la cita")
    assert field.calendar_button.accessibleName() == "Elegir en un calendario: Fecha de la cita"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 de diciembre", date(2026, 12, 8)),
        ("8 dic", date(2026, 12, 8)),
        ("martes", date(2026, 5, 26)),  # the last Tuesday: a diary looks back
        ("ayer", date(2026, 5, 31)),
        ("28/5/2026", date(2026, 5, 28)),
    ],
)
def test_a_date_typed_in_spanish_is_understood_and_shown_back(qtbot, spanish, text, expected):
    field = DateField(TODAY, today=lambda: TODAY)
    qtbot.addWidget(field)
    typed(qtbot, field, text)
    assert field.problem() is None
    assert field.value() == expected
    assert field.text() == date_in_words(expected)


def test_a_weekday_is_the_next_one_where_the_field_looks_ahead(qtbot, spanish):
    field = DateField(TODAY, today=lambda: TODAY, weekday_ahead=True)
    qtbot.addWidget(field)
    typed(qtbot, field, "martes")
    assert field.value() == date(2026, 6, 2)


def test_a_wrong_date_is_refused_in_spanish_and_kept_to_correct(qtbot, spanish):
    field = DateField(TODAY, today=lambda: TODAY)
    qtbot.addWidget(field)
    typed(qtbot, field, "31 de febrero")
    assert field.problem().startswith("No existe la fecha «31 de febrero».")
    assert field.value() == TODAY
    assert field.text() == "31 de febrero"
    typed(qtbot, field, "3 de marzo de 1890")
    assert field.problem() == "«3 de marzo de 1890»: escriba una fecha entre 1900 y 2200."


def test_a_time_field_in_spanish(qtbot, spanish):
    field = TimeField(time(9, 0))
    qtbot.addWidget(field)
    assert field.toolTip() == "Escriba una hora como 14:05, 9:30 o 2 p. m."
    field.setText("3 p. m.")
    assert field.problem() is None
    assert field.value() == time(15, 0)
    field.setText("más tarde")
    assert field.problem() == (
        "«más tarde» no es una hora. Escriba una hora como 14:05, 9:30 o 2 p. m."
    )


def test_a_date_and_time_field_names_its_parts_in_spanish(qtbot, spanish):
    field = DateTimeField(datetime.combine(TODAY, time(10, 0)).astimezone(), today=lambda: TODAY)
    qtbot.addWidget(field)
    field.setAccessibleName("Cuándo")
    assert field.date_field.edit.accessibleName() == "Cuándo: fecha"
    assert field.time_field.accessibleName() == "Cuándo: hora"
    assert field._at.text() == "a las"


def test_the_field_is_wide_enough_for_the_longest_spanish_date(qtbot, spanish):
    field = DateField(date(2026, 9, 30), today=lambda: TODAY)  # miércoles … septiembre
    qtbot.addWidget(field)
    metrics = field.edit.fontMetrics()
    assert field.edit.minimumWidth() >= metrics.horizontalAdvance(field.text())


def test_dates_in_english_are_as_before(qtbot):
    assert date_in_words(date(2026, 5, 28)) == "Thursday 28 May 2026"
    assert short_moment(datetime(2026, 5, 28, 20, 5)) == "Thu 28 May 2026  20:05"
