"""Issue 21 in the window: the Today panel, the Immune system and vaccines page — marking a
dose given, changing its date, the record as PDF, the team's confirmations, immune counts
in mg/dL, the chronic GVHD check raising a card for a red flag — and the page fitting the
small screens."""

import contextlib
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QRect
from pytestqt.exceptions import TimeoutError

from companion.domain.days import format_date
from companion.domain.immunity import LiveCondition
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import Team
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.immunity_view import ImmunityView, VaccinePlanModel, VaccineSeams
from companion.ui.main_window import MainWindow
from tests.ui.test_layout_matrix import FRAME, layout_problems

DAY0 = date(2026, 5, 10)
TODAY = date(2027, 6, 1)  # Day +387


@pytest.fixture
def late_diary(tmp_path):
    clock = lambda: datetime.combine(TODAY, time(10, 0)).astimezone()  # noqa: E731
    service = DiaryService.open(tmp_path / "companion.db", clock)
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, DAY0, 6, True),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
        "GB",
    )
    yield Diary(service)
    service.close()


@pytest.fixture
def page(qtbot, late_diary):
    view = ImmunityView(late_diary)
    qtbot.addWidget(view)
    view.show()
    return view


def _select(view, row: int) -> int:
    view.plan_view.selectRow(row)
    return view.plan_model.data(view.plan_model.index(row, 0), VaccinePlanModel.DoseRole)


def test_the_plan_model_is_a_sound_model(qtmodeltester, page):
    qtmodeltester.check(page.plan_model)
    qtmodeltester.check(page.screening_model)


def test_the_page_shows_the_period_plan_and_lock(page):
    assert "After Day +100" in page.period_label.text()
    assert "shingles" in page.period_label.text()
    model = page.plan_model
    statuses = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    # Nurse review 8: never "overdue" or "due now".
    assert "past the usual start" in statuses and "not yet (live)" in statuses
    assert "overdue" not in statuses and "due now" not in statuses
    assert page.live_label.text().startswith("Live vaccines: not yet")
    assert "8 months since the last IVIG" in page.conditions_label.text()
    # Nurse review 6: nothing logged is asked about, never ticked as met.
    assert (
        "? At least 8 months since the last IVIG infusion: No IVIG infusion recorded in the "
        "app. Ask your team whether you had one, and when (your team confirms)."
    ) in page.conditions_label.text()
    assert LiveCondition.IVIG in page.confirm_combos
    assert page.gvhd_box.isVisibleTo(page)


def test_marking_a_dose_given_and_changing_a_date(qtbot, page, late_diary, monkeypatch):
    dose_id = _select(page, 0)
    monkeypatch.setattr(
        VaccineSeams, "ask_given", staticmethod(lambda *a, **_kw: (date(2026, 8, 20), "GP", "B7"))
    )
    page.given_button.click()
    qtbot.waitUntil(lambda: "given on" in page.status.text())
    dose = late_diary.service.immunity.dose(dose_id)
    assert (dose.given_on, dose.given_where, dose.batch) == (date(2026, 8, 20), "GP", "B7")
    assert "20 Aug 2026 · GP" in page.plan_model.data(page.plan_model.index(0, 4))
    row = 1
    other = _select(page, row)
    monkeypatch.setattr(
        VaccineSeams, "ask_date", staticmethod(lambda *a, **_kw: date(2026, 12, 24))
    )
    page.date_button.click()
    qtbot.waitUntil(lambda: "recorded" in page.status.text())
    assert late_diary.service.immunity.dose(other).earliest == date(2026, 12, 24)


def test_a_refused_date_is_said_and_nothing_changes(qtbot, page, late_diary, monkeypatch):
    dose_id = _select(page, 0)
    before = late_diary.service.immunity.dose(dose_id)
    monkeypatch.setattr(
        VaccineSeams, "ask_given", staticmethod(lambda *a, **_kw: (date(2030, 1, 1), "", ""))
    )
    page.given_button.click()
    qtbot.waitUntil(lambda: "future" in page.status.text())
    assert late_diary.service.immunity.dose(dose_id) == before


def test_the_record_is_saved_as_pdf(qtbot, page, monkeypatch, tmp_path):
    out = tmp_path / "record.pdf"
    monkeypatch.setattr(VaccineSeams, "ask_pdf_path", staticmethod(lambda *a, **_kw: str(out)))
    page.card_button.click()
    qtbot.waitUntil(lambda: out.exists())
    assert out.read_bytes().startswith(b"%PDF")
    assert "Saved the vaccination record" in page.status.text()


def test_the_team_s_answers_are_recorded_from_the_page(qtbot, page, late_diary):
    combo = page.confirm_combos[LiveCondition.NO_ACTIVE_GVHD]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    qtbot.waitUntil(
        lambda: "No active GVHD (your team confirms): met" in page.conditions_label.text()
    )
    page.stopped_field.setDate(date(2027, 1, 15))
    page.stopped_button.click()
    status = late_diary.service.immunity.live_status()
    off = next(c for c in status.conditions if c.name is LiveCondition.OFF_IMMUNOSUPPRESSION)
    assert off.since == date(2027, 1, 15) and off.met is False
    assert "from Saturday 15 January 2028" in page.conditions_label.text()


def test_immune_counts_in_mg_dl_are_saved_in_g_per_litre(qtbot, page, late_diary):
    page.cd4_edit.setText("240")
    page.igg_edit.setText("610")
    page.igg_unit.setCurrentIndex(page.igg_unit.findData("mg/dL"))
    page.counts_button.click()
    qtbot.waitUntil(lambda: page.status.text() == "Saved the immune counts.")
    lab = late_diary.service.labs.all()[-1]
    assert (lab.cd4, lab.igg) == (240.0, 6.1)
    assert "IgG, latest" in page.latest_counts.text()
    page.igg_edit.setText("610")
    page.igg_unit.setCurrentIndex(page.igg_unit.findData("g/L"))
    page.counts_button.click()
    qtbot.waitUntil(lambda: "Did you mean 610 mg/dL" in page.status.text())
    assert len(late_diary.service.labs.all()) == 1


def test_the_gvhd_check_logs_signs_and_a_red_flag_raises_a_card(qtbot, late_diary):
    window = MainWindow(late_diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.show_page("immunity")
    eyes = view.gvhd_combos["cgvhd-eyes"]
    eyes.setCurrentIndex(eyes.findData(2))
    view.gvhd_button.click()
    qtbot.waitUntil(lambda: "next visit" in view.status.text())
    assert window.alert_card.level is None
    rest = view.gvhd_combos["cgvhd-breathless-rest"]
    rest.setCurrentIndex(rest.findData(1))
    view.gvhd_button.click()
    qtbot.waitUntil(lambda: window.alert_card.level is not None)
    assert "call your transplant team now" in view.status.text()
    terms = [e.term for e in late_diary.service.log.entries(kinds=None)]
    assert "cgvhd-eyes" in terms and "cgvhd-breathless-rest" in terms


def test_today_shows_the_risk_and_the_doses_due_and_opens_the_plan(qtbot, late_diary):
    window = MainWindow(late_diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.today_page.immunity
    qtbot.waitUntil(lambda: panel.period_label.text() != "")  # filled after the first frame
    assert panel.period_label.text().startswith("Infection risk now (after Day +100)")
    assert "past the usual start: ask your team" in panel.vaccines_label.text()
    panel.open_button.click()
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget().widget(), ImmunityView))


def test_today_tells_a_new_fall_of_the_neutrophils(qtbot, late_diary, tmp_path):
    # Nurse review 2: where the patient looks, with the unit and what to do.
    from datetime import timedelta

    from companion.domain.labs import LabResult

    service = late_diary.service
    for day, anc in ((3, 0.1), (12, 0.6), (13, 0.9), (14, 1.2), (300, 1.5), (380, 0.3)):
        moment = datetime.combine(DAY0 + timedelta(days=day), time(9, 0)).astimezone()
        service.labs.add(LabResult(moment, anc=anc))
    window = MainWindow(late_diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.today_page.immunity
    qtbot.waitUntil(lambda: panel.neutrophils_label.text() != "")
    text = panel.neutrophils_label.text()
    assert text.startswith("Your neutrophils (ANC) were 0.30 ×10⁹/L on ")
    assert "below 0.5 ×10⁹/L again after they had recovered" in text
    assert "Contact your transplant team today" in text
    assert panel.neutrophils_label.isVisibleTo(window)
    assert panel.period_label.text().startswith("Infection risk now (before your counts recover)")
    window.today_page.grab().save(str(tmp_path / "today-neutrophils.png"))


@pytest.mark.parametrize(("width", "height", "size"), [(1024, 600, 100), (1366, 768, 150)])
def test_the_page_fits_small_screens(qtbot, late_diary, width, height, size, tmp_path):
    window = MainWindow(late_diary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_text_size(size)
    room = QRect(0, 0, width, height - FRAME)
    window.resize(room.size())
    qtbot.waitUntil(lambda: window.size() == room.size())
    for key in ("immunity", "today"):
        window.show_page(key)
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        with contextlib.suppress(TimeoutError):
            qtbot.waitUntil(lambda: layout_problems(window) == [], timeout=2000)
        assert layout_problems(window) == [], (key, width, height, size)


def test_the_on_screen_call_card_gives_the_team_s_numbers(qapp, late_diary):
    from companion.domain.journey import Phase
    from companion.ui.guide_html import guide_html

    service = late_diary.service
    html = guide_html(
        Phase.RECOVERY,
        TransplantKind.ALLOGENEIC,
        service.settings.numbers,
        "GB",
        qapp.palette(),
        team=service.settings.team,
    )
    card = html[html.index("Call your transplant team now") :]
    assert "020 7946 0100" in card and "020 7946 0200" in card and "City Unit" in card
    without = guide_html(
        Phase.RECOVERY, TransplantKind.ALLOGENEIC, service.settings.numbers, "GB", qapp.palette()
    )
    assert "020 7946 0100" not in without


def test_the_team_s_range_is_typed_on_the_page_and_shown_beside_the_values(qtbot, page):
    page.range_marker.setCurrentIndex(page.range_marker.findData("cd4"))
    page.range_edit.setText("500-1500")
    page.range_button.click()
    qtbot.waitUntil(lambda: "your team's range: 500–1500 cells/µL" in page.latest_counts.text())
    page.range_edit.setText("lots")
    page.range_button.click()
    qtbot.waitUntil(lambda: "like 7-16" in page.status.text())
    assert "500–1500" in page.latest_counts.text()


# Try-out finding 5: before the plan's earliest date asks (naming it); before Day 0 is refused.


def _early_dose(page, diary):
    """A row whose earliest date is after Day 0 (and after the day we will give)."""
    for row in range(page.plan_model.rowCount()):
        dose_id = _select(page, row)
        dose = diary.service.immunity.dose(dose_id)
        if dose.given_on is None and dose.earliest > DAY0 + timedelta(days=2):
            return dose_id, dose
    raise AssertionError("no dose with an earliest date after Day 0")


def test_before_the_earliest_date_asks_and_no_keeps_it_unsaved(
    qtbot, page, late_diary, monkeypatch, confirmations
):
    dose_id, dose = _early_dose(page, late_diary)
    on = dose.earliest - timedelta(days=1)
    monkeypatch.setattr(VaccineSeams, "ask_given", staticmethod(lambda *a, **_kw: (on, "", "")))
    confirmations.answer = False
    page.given_button.click()
    qtbot.waitUntil(lambda: "Not saved" in page.status.text())
    assert confirmations[-1][1] == (
        f"This is before the plan's earliest date, {format_date(dose.earliest)}. "
        "Record it anyway? Check with your team."
    )
    assert late_diary.service.immunity.dose(dose_id).given_on is None
    confirmations.answer = True
    page.given_button.click()
    qtbot.waitUntil(lambda: "given on" in page.status.text())
    assert late_diary.service.immunity.dose(dose_id).given_on == on


def test_before_day_0_is_refused_with_its_reason(
    qtbot, page, late_diary, monkeypatch, confirmations
):
    dose_id, _ = _early_dose(page, late_diary)
    before = DAY0 - timedelta(days=1)
    monkeypatch.setattr(VaccineSeams, "ask_given", staticmethod(lambda *a, **_kw: (before, "", "")))
    page.given_button.click()
    qtbot.waitUntil(lambda: "before Day 0" in page.status.text())
    assert confirmations == []  # refused outright, not asked
    assert late_diary.service.immunity.dose(dose_id).given_on is None


def test_the_igg_unit_and_the_stopped_date_have_visible_names(page):
    """Try-out finding 12: the unit's drop-down was named only by its value ("g/L"), and
    the date the medicines stopped had no label on the screen."""
    from PySide6.QtWidgets import QLabel

    def visible_names(field) -> list[str]:
        return [
            label.text()
            for label in page.findChildren(QLabel)
            if label.buddy() is field and label.isVisible()
        ]

    assert visible_names(page.igg_unit) == ["unit:"]
    assert visible_names(page.stopped_field) == ["The date they stopped:"]


def test_a_message_shows_under_the_part_of_the_page_where_the_user_acted(qtbot, late_diary):
    """At 200 % text the page's messages were printed at its very top: "Mark as given…"
    with no row chosen seemed to do nothing (a keyboard-only try-out under Xvfb)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from companion.ui.main_window import MainWindow
    from companion.ui.scrolling import page_of

    window = MainWindow(late_diary)
    qtbot.addWidget(window)
    window.set_text_size(200)
    window.resize(1024, 581)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("immunity")
    page = window.findChild(ImmunityView)
    page.plan_view.clearSelection()
    button = page.given_button
    button.setFocus()
    area = page_of(button)
    area.reveal(button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    status = page.status
    assert status.text() == "Please choose a row in the list first."
    assert button.parentWidget().isAncestorOf(status)  # in the vaccine plan's part

    def in_view(widget) -> bool:
        top = widget.mapTo(area.viewport(), widget.rect().topLeft()).y()
        return top >= 0 and top + widget.height() <= area.viewport().height()

    qtbot.waitUntil(lambda: in_view(status))
    assert in_view(button)
