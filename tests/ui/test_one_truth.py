"""One truth for every front end (issue 10): the window, `companion today --json` and the
printed sheets agree on the day, the phase and each phase's days, from Day −10 to Day +200,
with counts that meet the registry definition on different days: every day where the
phases change (Day −10 to Day +45, Day +95 to Day +105), every fifth day in between."""

import json
from datetime import date, datetime, time, timedelta

import pytest

from companion.app import main
from companion.domain.days import format_day
from companion.domain.journey import Phase, Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult
from companion.printing.checklist_data import build_sheet
from companion.service.diary import DiaryService
from companion.ui.diary import Diary
from companion.ui.main_window import MainWindow

DAY0 = date(2026, 5, 10)

# (graft source, the day the ANC first reaches 0.5 and stays, or None: no recovery yet)
SCENARIOS = [(GraftSource.BLOOD, 14), (GraftSource.CORD_BLOOD, 40), (GraftSource.MARROW, None)]
# Conditioning, Day 0, engraftment and recovery (by Day +40 at the latest) day by day; the
# end of close care (Day +100) day by day; the quiet weeks between, every fifth day (the
# fast tier, issue 19: every day took 95 s of the run).
DAYS = sorted(set(range(-10, 46)) | set(range(95, 106)) | set(range(45, 201, 5)) | {200})


def make_diary(folder, source, recovery_day, team):
    clock = [datetime.combine(DAY0 - timedelta(days=20), time(9)).astimezone()]
    service = DiaryService.open(folder / "companion.db", lambda: clock[0])
    service.transplants.start(Transplant(TransplantKind.ALLOGENEIC, source, DAY0, 6), team, "GB")
    clock[0] = datetime.combine(DAY0 + timedelta(days=60), time(9)).astimezone()
    for day in range(-3, 60):
        # Falls to a nadir on Day +7, then (if it recovers) 0.5 or more from recovery_day.
        if recovery_day is not None and day >= recovery_day:
            anc = 0.8 + 0.05 * (day - recovery_day)
        else:
            anc = max(0.02, 1.5 - 0.2 * (day + 3)) if day < 7 else 0.1 + (day % 3) * 0.05
        moment = datetime.combine(DAY0 + timedelta(days=day), time(7)).astimezone()
        service.labs.add(LabResult(moment, anc=round(anc, 2)))
    return service, clock


@pytest.mark.parametrize(("source", "recovery_day"), SCENARIOS)
def test_window_command_line_and_paper_agree_every_day(
    qtbot, tmp_path, team, capsys, source, recovery_day
):
    service, clock = make_diary(tmp_path, source, recovery_day, team)
    window = MainWindow(Diary(service))
    qtbot.addWidget(window)
    seen_phases = set()
    for number in DAYS:
        day = DAY0 + timedelta(days=number)
        clock[0] = datetime.combine(day, time(10)).astimezone()
        window.refresh()  # what the window does when the date changes
        capsys.readouterr()
        assert (
            main(["--data-dir", str(tmp_path), "--today", day.isoformat(), "today", "--json"]) == 0
        )
        told = json.loads(capsys.readouterr().out)
        phase = Phase(told["phase"])
        seen_phases.add(phase)
        assert told["day"] == number and told["date"] == day.isoformat()
        assert window.header.today_label.text() == f"Today is {format_day(number)} · {phase.title}"
        # Each phase's days: the window's timeline bands, and the printed sheets.
        sheet = build_sheet(service, list(Phase), day, blank=True)
        bands = {span.phase: span for span in window.timeline.canvas.spans}
        for page in sheet.phases:
            span = bands.get(page.phase)
            if span is None:  # a phase with no days (counts recovered on Day +1)
                continue
            ends = (span.first_day, span.last_day)
            if span.provisional and page.phase is Phase.RECOVERY:
                ends = (span.last_day,)  # starts "when your counts recover": not known yet
            for end in ends:
                if end is not None:
                    assert format_day(end) in page.day_range, (number, page.phase, page.day_range)
        if recovery_day is not None and number >= recovery_day:
            assert bands[Phase.ENGRAFTMENT].last_day == recovery_day - 1
    expected = set(Phase) if recovery_day is not None else set(Phase) - {Phase.RECOVERY}
    assert expected <= seen_phases | {Phase.RECOVERY}
    service.close()
