"""The Medicines page, its reminders, the fridge chart and the visit report's medicines
section in Spanish: Spanish words and Spanish day and month names, no English sentence
left (the medicine's name and dose are the patient's own words)."""

import contextlib
import re
import subprocess
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

from companion import i18n
from companion.domain.medicine_words import (
    ReachFacts,
    reach_problems,
    reach_sentence,
    reminder_text,
)
from companion.domain.medicines import Medicine, MedicineError, check_change
from companion.domain.schedule import dose_reminders
from companion.printing.medicine_chart import render_chart_html, write_chart
from companion.printing.medicine_section import render_medicine_section
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.medicines_page import MedicineDialog, MedicinesPage, ReasonDialog
from tests.spanish_check import english_left
from tests.ui.conftest import TODAY

OWN = ("Tacrolimus", "2 mg", "Magnesium", "vomité")


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


class Clock:
    def __init__(self, at: time) -> None:
        self.moment = datetime.combine(TODAY, at).astimezone()

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock():
    return Clock(time(8, 5))


@pytest.fixture
def diary(demo_db, clock, spanish):
    service = DiaryService(demo_db, clock)
    service.settings.save(preferences={"temperature_check_times": "none"})
    return Diary(service)


def add(diary, name="Tacrolimus", times=(time(8), time(20)), **extra):
    medicine = diary.service.medicines.add(
        Medicine(name=name, dose="2 mg", times=times, start=TODAY - timedelta(days=3), **extra)
    ).value
    return medicine


def _shown(page) -> str:
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    texts += [box.title() for box in page.findChildren(QGroupBox)]
    for button in page.findChildren(QAbstractButton):
        texts += [button.text(), button.accessibleName(), button.accessibleDescription()]
    for table in (page.list_table, page.grid):
        texts.append(table.accessibleName())
        for column in range(table.columnCount()):
            header = table.horizontalHeaderItem(column)
            texts.append(header.text() if header else "")
            for row in range(table.rowCount()):
                item = table.item(row, column)
                texts.append(item.text() if item else "")
    return "\n".join(texts)


def test_the_page_in_spanish_takes_and_skips(qtbot, diary, monkeypatch):
    medicine = add(diary, hold_on_blood_test=True)
    add(diary, "Magnesium", (time(8),))
    diary.service.medicines.change_dose(medicine.id, "1,5 mg", TODAY + timedelta(days=2))
    page = MedicinesPage(diary)
    qtbot.addWidget(page)
    labels = [row[0].text() for row in page.due_rows]
    assert labels == ["08:00  Magnesium 2 mg — toca ahora", "08:00  Tacrolimus 2 mg — toca ahora"]
    assert page.due_rows[1][1].text() == "Tomada"
    assert page.due_rows[1][1].accessibleName() == "Tomada: Tacrolimus 2 mg, 08:00"
    page.due_rows[1][1].click()
    qtbot.waitUntil(lambda: "tomada 08:05" in page.due_rows[1][0].text())
    monkeypatch.setattr(ReasonDialog, "ask", staticmethod(lambda name, parent=None: "vomité"))
    page.due_rows[0][2].click()
    qtbot.waitUntil(lambda: "no tomada (vomité)" in page.due_rows[0][0].text())
    assert page.due_status.text().startswith("Anotado: dosis de Magnesium 2 mg no tomada. Si no")
    first = page.list_table.item(0, 0).text() + page.list_table.item(1, 0).text()
    assert "a las 08:00 y 20:00" in first
    assert "(retenida los días de análisis hasta que se tome la muestra)" in first
    changes = page.list_table.item(1, 1).text() + page.list_table.item(0, 1).text()
    assert "desde el " in changes and " de " in changes and ": 1,5 mg" in changes
    # The grid's days: Spanish weekday and month abbreviations.
    heading = page.grid.horizontalHeaderItem(page.grid.columnCount() - 1).text()
    assert heading == i18n.format_date(TODAY, "EEE") + "\n" + i18n.format_date(TODAY, "d MMM")
    assert heading.split("\n")[0] in ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")
    shown = _shown(page)
    for words in (
        "Medicinas",
        "Toca ahora",
        "Por qué importan estas medicinas",
        "La lista",
        "Los últimos 7 días",
        "Recordatorios",
        "Imprimir la tabla para la nevera…",
    ):
        assert words in shown, words
    assert english_left(shown, OWN) == [], english_left(shown, OWN)


def test_the_guide_opens_in_spanish(qtbot, diary):
    page = MedicinesPage(diary)
    qtbot.addWidget(page)
    page.guide_button.click()
    assert page.guide.isVisibleTo(page)
    assert page.guide.text().startswith("# Por qué importan las medicinas que previenen")


def test_the_add_dialog_and_its_refusals_in_spanish(qtbot, spanish):
    dialog = MedicineDialog(TODAY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Añadir una medicina"
    assert dialog.hold_check.text() == "Retener los días de análisis hasta que se tome la muestra"
    dialog.name_edit.setText("Tacrolimus")
    dialog.save_button.click()
    assert dialog.problem.text() == "Escriba la dosis (por ejemplo 1 mg, o 2 comprimidos)."
    dialog.dose_edit.setText("2 mg")
    dialog.times_edit.setText("25:00")
    dialog.save_button.click()
    assert dialog.problem.text() == (
        "'25:00' no es una hora del día: escríbala como HH:MM, por ejemplo 08:00."
    )


def test_a_change_refused_names_the_date_in_spanish(spanish):
    medicine = Medicine("Tacrolimus", "2 mg", (time(8),), date(2026, 6, 1), id=1)
    from companion.domain.medicines import ChangeKind, MedicineChange

    with pytest.raises(MedicineError) as refused:
        check_change(medicine, MedicineChange(ChangeKind.STOP, date(2026, 5, 1)))
    assert str(refused.value) == (
        "Tacrolimus empieza el 1 de junio de 2026: un cambio debe ser ese día o después."
    )


def test_reminders_and_their_problems_in_spanish(diary, clock):
    add(diary, hold_on_blood_test=False)
    dose = diary.service.medicines.due()[0]
    (reminder,) = [r for r in dose_reminders([dose]) if r.dose is not None]
    text = reminder_text(reminder)
    assert text.title == "Hora de Tacrolimus 2 mg"
    assert text.body == "Su dosis de las 08:00. Pulse Tomada cuando la haya tomado."
    sentence = reach_sentence(reach_problems(ReachFacts(False, False, False, False, False)))
    assert sentence.startswith("Los recordatorios no pueden aparecer en este ordenador:")
    assert " Además, " in sentence
    assert english_left(sentence.replace("companion remind --due", "")) == []


def test_the_fridge_chart_and_the_report_section_in_spanish(diary, tmp_path):
    medicine = add(diary, hold_on_blood_test=True)
    book = diary.service.medicines
    book.change_dose(medicine.id, "1 mg", TODAY + timedelta(days=1))
    book.pause(medicine.id, TODAY + timedelta(days=3), TODAY + timedelta(days=4))
    grid = book.week(TODAY, 7)
    html = render_chart_html(grid, TODAY, diary.service.now())
    assert "Mis medicinas de esta semana" in html and "Cambios de esta semana" in html
    assert "Marque la casilla cuando tome una dosis." in html
    assert "NUEVA DOSIS" in html and "en pausa del " in html
    assert "los días de análisis: después de la muestra" in html
    out = tmp_path / "tabla.pdf"
    assert write_chart(diary.service, out, TODAY) >= 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "tabla de medicinas impresa el" in flat
    assert english_left(flat, (*OWN, "Transplant Companion")) == []
    past = book.week(TODAY - timedelta(days=6), 7)
    section = render_medicine_section(past)
    assert (
        "Dosis tal como se anotaron en el diario: tomadas: 0, no tomadas: 0, olvidadas: 6"
        in section
    )
    words = re.sub(r"<[^>]+>", " ", section)
    assert english_left(words, OWN) == [], english_left(words, OWN)


def test_the_page_is_not_clipped_in_spanish_at_1024_by_600(qtbot, diary, monkeypatch):
    from pytestqt.exceptions import TimeoutError

    from companion.ui.main_window import MainWindow
    from tests.ui.test_layout_matrix import FRAME, layout_problems

    add(diary)
    # The offscreen screen is 800 wide: the window's fit to its screen is left out, as in
    # tests/ui/test_layout_matrix.py, so the window is the 1024 x 600 under test.
    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    room = QRect(0, 0, 1024, 600 - FRAME)
    window.resize(room.size())
    qtbot.waitUntil(lambda: window.size() == room.size())
    window.show_page("medicines")
    qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: layout_problems(window) == [], timeout=2000)
    assert layout_problems(window) == []
