"""The Immune system and vaccines page, the Today panel, the vaccination record and the
visit report's immune part in Spanish: the words a Spanish reader sees are Spanish (dates
too), with no English sentence left; the sources' titles stay as published."""

import contextlib
import subprocess
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from companion import i18n
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult
from companion.domain.team import Team
from companion.printing.immunity_report import (
    immunity_section_body,
    render_card_html,
    write_vaccination_card_pdf,
)
from companion.service.diary import DiaryService
from companion.service.immunity import gather_card, gather_immunity_report
from companion.ui.diary import Diary
from companion.ui.immunity_today import ImmunityTodayPanel
from companion.ui.immunity_view import ImmunityView, VaccinePlanModel, VaccineSeams
from tests.spanish_check import english_left

DAY0 = date(2026, 5, 10)
TODAY = date(2027, 6, 1)  # Day +387
TEAM = "City Unit"


@pytest.fixture
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture
def diary(tmp_path, spanish):
    clock = lambda: datetime.combine(TODAY, time(10, 0)).astimezone()  # noqa: E731
    service = DiaryService.open(tmp_path / "companion.db", clock)
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, DAY0, 6, True),
        Team(TEAM, "020 7946 0100", "020 7946 0200"),
        "ES",
    )
    moment = datetime.combine(date(2027, 5, 20), time(9, 0)).astimezone()
    service.labs.add(LabResult(moment, lymphocytes=1.1, cd4=240.0, igg=6.1))
    yield Diary(service)
    service.close()


@pytest.fixture
def page(qtbot, diary):
    view = ImmunityView(diary)
    qtbot.addWidget(view)
    view.show()
    return view


def _everything_shown(widget) -> str:
    """Every label, button and accessible name under ``widget``, and both tables' cells
    and headings."""
    texts = []
    for child in widget.findChildren(QLabel):
        if child.isVisibleTo(widget):
            texts.append(child.text())
    for child in widget.findChildren(QAbstractButton):
        texts += [child.text(), child.accessibleName()]
    for view in (widget.plan_view, widget.screening_view):
        model = view.model()
        texts.append(view.accessibleName())
        for column in range(model.columnCount()):
            texts.append(model.headerData(column, Qt.Orientation.Horizontal))
            for row in range(model.rowCount()):
                texts.append(str(model.data(model.index(row, column)) or ""))
    return "\n".join(texts)


def test_the_page_speaks_spanish(page):
    shown = _everything_shown(page)
    assert "Sistema inmunitario y vacunas" in shown
    assert "Después del Día +100" in page.period_label.text()
    assert "Qué le amenaza ahora:" in page.period_label.text()
    assert "herpes zóster (culebrilla)" in page.period_label.text()
    assert page.live_label.text().startswith("Vacunas vivas: todavía no.")
    assert "Al menos 8 meses desde el último goteo de anticuerpos (IgIV)" in (
        page.conditions_label.text()
    )
    model = page.plan_model
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "Sarampión, paperas, rubéola (triple vírica)" in names
    statuses = {model.data(model.index(r, 3)) for r in range(model.rowCount())}
    assert {"pasado el inicio habitual", "todavía no (viva)"} <= statuses
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4 + 1)]
    assert headers == ["Vacuna", "Dosis", "Desde", "Estado", "Puesta"]
    # Dates in Spanish: "10 ago 2026" in the table.
    assert model.data(model.index(0, 2)).endswith(" 2026")
    assert any(" ago " in str(model.data(model.index(r, 2))) for r in range(model.rowCount()))
    assert "Revisión de la EICR crónica" in shown and "Piel, uñas y pelo" in shown
    assert "Revisión anual con su equipo de trasplante" in shown
    assert "Linfocitos T CD4" in shown
    assert english_left(shown, (TEAM,)) == [], english_left(shown, (TEAM,))


def test_actions_answer_in_spanish_with_spanish_dates(qtbot, page, diary, monkeypatch):
    page.plan_view.selectRow(0)
    monkeypatch.setattr(
        VaccineSeams, "ask_given", staticmethod(lambda *a, **_kw: (date(2026, 8, 20), "CAP", "B7"))
    )
    page.given_button.click()
    qtbot.waitUntil(lambda: "puesta el" in page.status.text())
    name = page.plan_model.data(page.plan_model.index(0, 0))
    assert name in ("COVID-19", "Neumococo (conjugada)")
    assert page.status.text() == (
        f"Guardado: {name}, dosis 1, puesta el jueves, 20 de agosto de 2026."
    )
    page.stopped_field.setDate(date(2027, 1, 15))
    page.stopped_button.click()
    qtbot.waitUntil(lambda: "se dejaron el" in page.status.text())
    assert "sábado, 15 de enero de 2028" in page.conditions_label.text()
    page.plan_view.clearSelection()
    page.plan_view.selectionModel().clear()
    page.given_button.click()
    assert page.status.text() == "Primero elija una fila de la lista."


def test_today_panel_in_spanish(qtbot, diary):
    panel = ImmunityTodayPanel(diary)
    qtbot.addWidget(panel)
    panel.load()
    assert panel.period_label.text().startswith("Riesgo de infección ahora (después del Día +100):")
    assert "pasado el inicio habitual: pregunte a su equipo" in panel.vaccines_label.text()
    assert panel.open_button.text() == "Abrir el plan de vacunas"
    text = f"{panel.period_label.text()}\n{panel.vaccines_label.text()}"
    assert english_left(text) == []


def test_the_vaccination_record_pdf_in_spanish(diary, tmp_path):
    card = gather_card(diary.service)
    html = render_card_html(card)
    assert "Registro de vacunas" in html and "Pendientes (el plan)" in html
    assert "Día 0: domingo, 10 de mayo de 2026" in html
    out = tmp_path / "registro.pdf"
    pages = write_vaccination_card_pdf(card, out)
    assert pages >= 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Trasplante de células madre de un donante (alogénico)" in flat
    assert "Ninguna vacuna viva" in flat
    assert "Para las personas con las que vive" in flat
    assert "registro de vacunas impreso el" in flat
    # The PDF wraps the sources' titles across lines: compare the words with them taken out.
    assert english_left(flat.split("Fuentes:")[0], (TEAM,)) == []


def test_the_visit_report_s_immune_part_in_spanish(diary):
    report = gather_immunity_report(diary.service, date(2027, 5, 1), TODAY)
    html = immunity_section_body(report)
    assert "Riesgo de infección ahora (después del Día +100)" in html
    assert "Vacunas que se pueden poner ya o que han pasado su inicio habitual" in html
    assert "Recuentos inmunitarios" in html and "240 células/µL" in html
    assert "jue 20 may" in html  # the count's date, in Spanish
    import re

    words = re.sub(r"<[^>]+>", " ", html)
    assert english_left(words, (TEAM,)) == [], english_left(words, (TEAM,))


def test_the_plan_names_follow_the_language_whatever_it_was_filled_in(qtbot, diary):
    # Filled in Spanish (the fixture), read in English: the published names are English.
    i18n.set_language("en")
    view = ImmunityView(diary)
    qtbot.addWidget(view)
    model = view.plan_model
    names = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert "Measles, mumps, rubella (MMR)" in names
    assert not any("triple vírica" in n for n in names)
    assert model.data(model.index(0, 0), VaccinePlanModel.DoseRole) is not None


@pytest.mark.parametrize("key", ["immunity", "today"])
def test_nothing_is_clipped_in_spanish_at_1024_by_600(qtbot, diary, key, monkeypatch):
    from pytestqt.exceptions import TimeoutError

    from companion.ui.main_window import MainWindow
    from tests.ui.test_layout_matrix import FRAME, layout_problems

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
    window.show_page(key)
    qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: layout_problems(window) == [], timeout=2000)
    assert layout_problems(window) == [], key


@pytest.mark.parametrize("size", [100, 200])
def test_no_word_of_the_tables_is_cut_at_large_text(qtbot, diary, monkeypatch, size):
    """Every column at least as wide as its longest word (a name never ends in "…"), at
    1024 x 600 in Spanish, also at 200 % text."""
    from PySide6.QtGui import QFont, QFontMetrics

    from companion.ui.main_window import MainWindow
    from tests.ui.test_layout_matrix import FRAME

    monkeypatch.setattr(MainWindow, "_fit_frame", lambda self: None)
    window = MainWindow(diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_size(size)
    room = QRect(0, 0, 1024, 600 - FRAME)
    window.resize(room.size())
    qtbot.waitUntil(lambda: window.size() == room.size())
    view = window.show_page("immunity")
    qtbot.waitUntil(lambda: view.isVisible())
    for table in (view.plan_view, view.screening_view):
        model = table.model()
        bold = QFont(table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)

        def cut(table=table, model=model, metrics=metrics):
            return [
                word
                for column in range(model.columnCount())
                for row in range(model.rowCount())
                for word in str(model.data(model.index(row, column)) or "").split()
                if metrics.horizontalAdvance(word) > table.columnWidth(column)
            ]

        qtbot.waitUntil(lambda cut=cut: cut() == [])
        assert sum(table.columnWidth(c) for c in range(model.columnCount())) <= (
            table.viewport().width()
        )
