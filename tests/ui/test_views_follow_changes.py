"""Edit, delete and undo of every kind of entry and of blood counts: every view that shows
it — the log, the timeline's marks, the charts, the day panel, the header and the alert
card — shows the new state (issue 10). Driven through the real widgets over a real diary."""

from dataclasses import replace
from datetime import datetime, time

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import LabResult
from tests.ui.conftest import TODAY

AT = datetime.combine(TODAY, time(9, 30)).astimezone()


def log_texts(window) -> list[str]:
    view = window.log_view
    view.ensure_loaded()
    model = view.proxy
    return [
        " | ".join(str(model.index(row, col).data()) for col in range(model.columnCount()))
        for row in range(model.rowCount())
    ]


def day_panel(window) -> str:
    canvas = window.timeline.canvas
    canvas.select_day(canvas.today_day)
    return window.guide.entries_label.text()


def marks_today(window) -> tuple[int, int]:
    return window.timeline.canvas.marks_on(window.timeline.canvas.today_day)


def temperature_points(window) -> list[float]:
    window.show_counts()
    temps = next(s for s in window.counts_view.chart.rows if s.title == "Temperature")
    return [value for _, value in temps.points]


# (entry, the edit, what the log and the day panel show after the edit)
ENTRIES = [
    (Entry(AT, EntryKind.SYMPTOM, "itching", severity=1), {"severity": 3}, "Itching"),
    (Entry(AT, EntryKind.INFECTION, "chills"), {"term": "sweats"}, "Sweats"),
    (Entry(AT, EntryKind.STOOLS, value=2.0), {"value": 4.0}, "4 loose stools since midnight"),
    (
        Entry(AT, EntryKind.RASH, "face", detail="a small patch"),
        {"term": "ears"},
        "Ears: a small patch",
    ),
    (Entry(AT, EntryKind.YELLOW), {"at": AT.replace(minute=45)}, "09:45 yellow skin or eyes"),
    (Entry(AT, EntryKind.WEIGHT, value=68.0), {"value": 68.9}, "68.9 kg"),
    (Entry(AT, EntryKind.NOTE, note="slept well"), {"note": "slept badly"}, "slept badly"),
]


def count_in_log(window, text: str) -> int:
    return sum(text.lower() in row.lower() for row in log_texts(window))


@pytest.mark.parametrize(("entry", "edit", "shown"), ENTRIES, ids=lambda v: str(v)[:20])
def test_every_kind_of_entry_edit_delete_undo(window, service, entry, edit, shown):
    window.load_checklists()
    entries_before, alerts_before = marks_today(window)
    rows_before = len(log_texts(window))
    saved = service.log.add(entry).value.entry
    assert len(log_texts(window)) == rows_before + 1
    assert marks_today(window)[0] == entries_before + 1
    in_log = count_in_log(window, shown.removeprefix("09:45 "))
    service.log.update(replace(saved, **edit))
    assert count_in_log(window, shown.removeprefix("09:45 ")) >= max(1, in_log)
    assert shown in day_panel(window)
    window.service.log.delete(saved.id)  # as the log page's Delete does
    assert len(log_texts(window)) == rows_before
    assert shown not in day_panel(window)
    assert marks_today(window)[0] == entries_before
    window.undo_stack.undo()
    assert len(log_texts(window)) == rows_before + 1
    assert shown in day_panel(window)
    assert marks_today(window)[0] == entries_before + 1
    if entry.kind not in (EntryKind.WEIGHT, EntryKind.NOTE):
        assert window.alert_card.isVisible()  # each of these is a sign to call about
        assert marks_today(window)[1] > alerts_before


def test_a_temperature_edit_reaches_the_chart_the_card_and_the_day(window, service):
    window.load_checklists()
    saved = service.log.add(Entry(AT, EntryKind.TEMPERATURE, value=37.35)).value.entry
    assert 37.35 in temperature_points(window)
    assert not window.alert_card.isVisible()
    service.log.update(replace(saved, value=39.5))
    points = temperature_points(window)
    assert 39.5 in points and 37.35 not in points
    assert window.alert_card.isVisible() and "39.5 °C" in window.alert_card.body.text()
    assert "39.5 °C" in day_panel(window)
    assert any("39.5 °C" in row for row in log_texts(window))
    window.service.log.delete(saved.id)  # as the log page's Delete does
    assert 39.5 not in temperature_points(window)
    assert not any("39.5 °C" in row for row in log_texts(window))
    assert window.alert_card.isVisible()  # a card is never taken down by a deletion
    window.undo_stack.undo()
    assert 39.5 in temperature_points(window)


def test_blood_counts_add_and_delete_reach_every_view(window, service):
    window.show_counts()
    view = window.counts_view
    rows = view.model.rowCount()
    service.log.add(Entry(AT, EntryKind.TEMPERATURE, value=38.4))
    saved = service.labs.add(LabResult(AT, anc=0.07, platelets=9.0))
    assert view.model.rowCount() == rows + 1
    anc = next(s for s in view.chart.rows if s.title.startswith("Neutrophils"))
    assert 0.07 in [value for _, value in anc.points]
    assert "ANC 0.07" in day_panel(window)
    assert "Latest neutrophil count (ANC): 0.07" in window.alert_card.body.text()
    service.labs.delete(saved.value.id)
    assert view.model.rowCount() == rows
    anc = next(s for s in view.chart.rows if s.title.startswith("Neutrophils"))
    assert 0.07 not in [value for _, value in anc.points]
    assert "ANC 0.07" not in day_panel(window)
    assert "0.07" not in window.alert_card.body.text()


def test_a_contact_and_its_undo_reach_the_card_and_the_header(window, service, confirmations):
    service.log.add(Entry(AT, EntryKind.TEMPERATURE, value=38.6))
    card = window.alert_card
    card.contact_button.click()
    assert confirmations and not card.isVisible()
    assert "You contacted your team at 10:00 about a temperature of 38.6 °C" in (
        window.header.contacted_label.text()
    )
    window.undo_stack.undo()
    assert card.isVisible() and card.contact_button.text() == "I contacted my team"
    assert window.header.contacted_label.isHidden()
    window.undo_stack.redo()
    assert not card.isVisible()
