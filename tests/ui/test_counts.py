"""Blood counts through the UI: units, engraftment on the timeline, the alert card, charts."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt

from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Phase
from companion.service.diary import DiaryService
from companion.storage.db import open_db
from companion.ui.counts_view import LabDialog, TeamEngraftmentDialog, TransfusionDialog
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow
from tests.fixtures.demo import demo_diary
from tests.ui.conftest import TODAY, fixed_clock


@pytest.fixture
def later(qtbot, tmp_path):
    """The sample journey at Day +24: counts met the definition on Day +16."""
    db = open_db(demo_diary(tmp_path, TODAY, day=24, now=fixed_clock()()))
    diary = Diary(DiaryService(db, fixed_clock()))
    win = MainWindow(diary)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.today_page.daily.items != [])
    yield win
    db.close()


def test_recovery_from_the_values_moves_the_phases(later):
    diary = later.diary
    transplant = diary.service.transplants.active
    assert transplant.recovery_source == "values"
    assert transplant.day_number(transplant.neutrophil_recovery) == 16
    assert later.header.today_label.text() == "Today is Day +24 · Early recovery"
    spans = {s.phase: s for s in later.timeline.canvas.spans}
    assert spans[Phase.ENGRAFTMENT].last_day == 15 and not spans[Phase.ENGRAFTMENT].provisional
    later.show_counts()
    summary = later.counts_view.summary.text()
    assert (
        "(Day +16): meets the registry definition on the values you entered — your team "
        "confirms engraftment" in summary
    )
    assert "Platelets 20 or more" in summary  # seven days after the last platelet transfusion
    for text in (summary, later.header.next_label.text()):
        assert "you have engrafted" not in text.lower() and "fail" not in text.lower()


def test_the_teams_date_takes_precedence(qtbot, later):
    dialog = TeamEngraftmentDialog(later.diary, later)
    qtbot.addWidget(dialog)
    dialog.on_edit.setDate(dialog.on_edit.date().addDays(-10))  # Day +14
    dialog.save_button.click()
    transplant = later.service.transplants.active
    assert transplant.recovery_source == "team"
    assert transplant.day_number(transplant.neutrophil_recovery) == 14
    later.show_counts()
    assert "Your team told you that your counts recovered" in later.counts_view.summary.text()
    titles = [m.title for m in later.timeline.canvas.milestones]
    assert "Counts recovered (your team)" in titles


def test_lab_entry_converts_units_and_marks_a_worked_out_anc(qtbot, window, diary):
    dialog = LabDialog(diary, window)
    qtbot.addWidget(dialog)
    dialog.anc_edit.setText("500")  # ×10⁹/L selected: impossible
    dialog.save_button.click()
    assert "An ANC of 500 ×10⁹/L is not possible. Did you mean 500 /µL" in (
        dialog.error_label.text()
    )
    before = len(diary.service.labs.all())
    dialog.anc_unit.setCurrentIndex(dialog.anc_unit.findData("/uL"))
    dialog.platelet_edit.setText("23")
    dialog.hb_edit.setText("8.6")
    dialog.save_button.click()
    saved = diary.service.labs.all()[-1]
    assert len(diary.service.labs.all()) == before + 1
    assert (saved.anc, saved.platelets, saved.hb) == (0.5, 23.0, 86.0)
    computed = LabDialog(diary, window)
    qtbot.addWidget(computed)
    computed.wbc_edit.setText("1.1")
    computed.percent_edit.setText("40")
    computed.save_button.click()
    latest = diary.service.labs.all()[-1]
    assert latest.anc == 0.44 and latest.anc_computed
    window.show_counts()
    shown = window.counts_view.model.index(0, 2)
    assert shown.data() == "0.44 ×10⁹/L (worked out)"  # the WBC and % in the next column
    assert "worked out: WBC 1.1 × 40 % neutrophils" in shown.data(Qt.ItemDataRole.ToolTipRole)


def test_a_fever_with_a_low_anc_is_flagged_on_the_card(qtbot, window, diary):
    diary.service.log.add(Entry(at=diary.service.now(), kind=EntryKind.TEMPERATURE, value=38.5))
    body = window.alert_card.body.text()
    assert "Latest neutrophil count (ANC): 0.18 ×10⁹/L on Monday 1 June 2026" in body
    assert "A fever with an ANC below 0.5 ×10⁹/L is an emergency for your team" in body


def test_a_transfusion_shows_on_the_platelet_chart(qtbot, window, diary):
    dialog = TransfusionDialog(diary, window)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    window.show_counts()
    platelets = window.counts_view.chart.rows[1]
    assert (12, "P") in platelets.marks


def test_charts_show_values_on_hover_and_select_days(qtbot, later):
    later.show_counts()
    chart = later.counts_view.chart
    image = chart.grab()
    assert image.width() > 500 and image.height() > 200
    anc = chart.rows[0]
    assert len(anc.points) == 32  # Day −7 to Day +24 (today, 06:00), daily
    assert len(anc.hollow) == 7  # before Day 0 the ANC was worked out from WBC × %
    index = next(i for i, t in enumerate(anc.labels) if t.startswith("Day +16"))
    drawn_point = chart.point_position(0, index)
    text = chart.point_near(QPointF(drawn_point.x() + 2, drawn_point.y() - 2))
    assert text == anc.labels[index]
    assert "ANC 0.62 ×10⁹/L" in text
    with qtbot.waitSignal(chart.day_selected) as blocker:
        chart.mousePressEvent(_press(drawn_point))
    assert blocker.args == [16]
    assert later.timeline.canvas.selected_day == 16


def test_no_recovery_after_day_30_suggests_asking_calmly(qtbot, tmp_path, team):
    from tests.conftest import make_transplant

    db = open_db(tmp_path / "companion.db")
    service = DiaryService(db, fixed_clock())
    service.transplants.start(make_transplant(day0=TODAY - timedelta(days=35)), team)
    win = MainWindow(Diary(service))
    qtbot.addWidget(win)
    text = win.header.next_label.text()
    assert "a good time to ask your team about your counts" in text
    assert "fail" not in text.lower()
    db.close()


def _press(point: QPointF):
    from PySide6.QtCore import QPointF as P
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QMouseEvent, QPointingDevice

    return QMouseEvent(
        QMouseEvent.Type.MouseButtonPress,
        P(point),
        P(point),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPointingDevice.primaryPointingDevice(),
    )


def test_dates_in_demo_are_relative_to_today():
    assert TODAY - timedelta(days=24) == date(2026, 5, 8)


def test_counts_show_in_the_users_unit(qtbot, later):
    from companion.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(later.diary, later)
    qtbot.addWidget(dialog)
    dialog.count_unit_combo.setCurrentIndex(dialog.count_unit_combo.findData("/uL"))
    dialog.hb_unit_combo.setCurrentIndex(dialog.hb_unit_combo.findData("g/L"))
    dialog.save_button.click()
    later.show_counts()
    view = later.counts_view
    newest = view.model.index(0, 2).data()
    assert newest.endswith("/µL") and "." not in newest.split()[0]  # e.g. "2900 /µL"
    assert view.model.index(0, 5).data().endswith("g/L")
    anc = view.chart.rows[0]
    assert anc.unit == "/µL" and anc.lines[0] == (500.0, "500")
    labs = later.service.labs.all()
    assert labs[-1].anc == 2.9  # stored canonical, whatever is shown


def test_each_results_column_is_as_wide_as_what_it_holds_at_200(qtbot, window, diary):
    """The ANC column was sized for a worked-out sentence (most of the width at 200 %),
    the platelet and haemoglobin columns kept Qt's 100 pixels and were cut."""
    window.set_text_size(200)
    window.show_counts()
    table = window.counts_view.table
    model = table.model()
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    assert model.rowCount() > 0
    for column in range(model.columnCount()):
        widest = max(
            metrics.horizontalAdvance(model.data(model.index(row, column)) or "")
            for row in range(model.rowCount())
        )
        heading = metrics.horizontalAdvance(model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= max(widest, heading), column
    assert header.sectionSize(2) < table.viewport().width() // 2 + 60
