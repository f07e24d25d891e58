"""Exports read back as a spreadsheet or calendar would: the .xlsx with openpyxl, the .ics
with icalendar, the counts CSV with the csv module."""

import csv
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta

import icalendar
import openpyxl
import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.visits import Appointment, AppointmentKind
from companion.service.counts_export import COUNTS_HEADER, export_counts_csv
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.ics import export_ics
from companion.service.workbook import export_xlsx
from tests.conftest import run_main

TODAY = date(2026, 6, 1)


@pytest.fixture
def service(tmp_path):
    (tmp_path / "demo").mkdir()
    path = create_demo(tmp_path / "demo", TODAY)
    now = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=12)
    service = DiaryService.open(path, lambda: now)
    yield service
    service.close()


def test_the_workbook_has_a_sheet_per_kind_with_real_times_numbers_and_text(service, tmp_path):
    service.log.add(Entry(service.now(), EntryKind.NOTE, note='=HYPERLINK("x","y")'))
    service.visits.add_appointment(
        Appointment(service.now() + timedelta(days=1), AppointmentKind.CLINIC_VISIT, place="=1+1")
    )
    service.visits.add_question("@SUM(A1) what does this mean?")
    out = tmp_path / "diary.xlsx"
    written = export_xlsx(service, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Temperature", "Symptom"]
    assert {"Blood counts", "Transfusions", "Alerts", "Appointments", "Questions"} <= set(
        book.sheetnames
    )
    temps = book["Temperature"]
    assert [c.value for c in temps[1]][:4] == ["Time", "Time (ISO-8601)", "Day", "Temperature (°C)"]
    first = [c.value for c in temps[2]]
    assert isinstance(first[0], datetime) and first[0].tzinfo is None
    assert first[1].startswith(first[0].strftime("%Y-%m-%dT%H:%M")) and first[1][-6] in "+-"
    assert first[2] == -6 and isinstance(first[3], float)
    assert written["Temperature"] == temps.max_row - 1
    notes = book["Note"]
    assert notes.cell(row=notes.max_row, column=4).value == '=HYPERLINK("x","y")'
    assert notes.cell(row=notes.max_row, column=4).data_type == "s"
    counts = book["Blood counts"]
    assert isinstance(counts.cell(row=2, column=4).value, float)
    assert book["Appointments"].cell(row=2, column=6).value == "=1+1"
    # No formula anywhere in the file itself.
    with zipfile.ZipFile(out) as archive:
        xml = "".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
        )
    assert "<f>" not in xml and "<f " not in xml
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600


def test_the_calendar_file_parses_back_with_every_appointment(service, tmp_path):
    at = service.now() + timedelta(days=2)
    service.visits.add_appointment(
        Appointment(at, AppointmentKind.CLINIC_VISIT, place="Ward 4", note="Bring your medicines")
    )
    service.visits.add_appointment(
        Appointment(at + timedelta(days=7), AppointmentKind.OTHER, "Eye clinic", with_whom="Dr Lee")
    )
    out = tmp_path / "visits.ics"
    assert export_ics(service, out) == 2
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Clinic visit", "Eye clinic"]
    assert events[0].decoded("dtstart") == at  # the same instant
    assert str(events[0]["location"]) == "Ward 4"
    assert "Bring your medicines" in str(events[0]["description"])
    assert "With Dr Lee." in str(events[1]["description"])
    assert len({str(e["uid"]) for e in events}) == 2


def test_counts_and_transfusions_join_the_export(service, tmp_path):
    out = tmp_path / "counts.csv"
    rows = export_counts_csv(service, out)
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == COUNTS_HEADER and len(table) == rows + 1
    transfusions = [r for r in table[1:] if r[2] == "transfusion"]
    product = COUNTS_HEADER.index("transfusion")
    assert sorted(r[product] for r in transfusions) == ["platelets", "platelets", "red cells"]
    counts = [r for r in table[1:] if r[2] == "blood counts"]
    worked_out = [r for r in counts if r[4] == "yes"]
    assert worked_out and all(r[5] and r[6] == "60" for r in worked_out)
    assert counts[-1][1] == counts[-1][0][:10] + " " + counts[-1][0][11:16] + ":00"
    times = [r[0] for r in table[1:]]
    assert times == sorted(times)


def test_the_command_line_writes_all_three_and_refuses_before_writing(tmp_path):
    files = [tmp_path / "log.csv", tmp_path / "counts.csv", tmp_path / "all.xlsx"]
    result = run_main(
        "--demo",
        "export",
        "--csv",
        str(files[0]),
        "--counts-csv",
        str(files[1]),
        "--xlsx",
        str(files[2]),
    )
    assert result.returncode == 0, result.stderr
    assert all(f.exists() for f in files)
    assert "blood count and transfusion rows" in result.stdout and "sheets" in result.stdout
    result = run_main(
        "--demo",
        "export",
        "--csv",
        str(tmp_path / "a.csv"),
        "--xlsx",
        str(tmp_path / "missing" / "b.xlsx"),
    )
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "a.csv").exists()
    result = run_main("--demo", "export")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_the_window_and_command_line_do_not_import_openpyxl_or_icalendar_at_start():
    code = (
        "import sys, companion.app, companion.cli, companion.ui.main_window, "
        "companion.service.exports; "
        "print(sorted(m for m in ('openpyxl', 'icalendar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _events(path):
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_calendar_uids_differ_between_diaries_and_stay_the_same_across_exports(tmp_path):
    """Two diaries' first appointments clashed (``appointment-1@…``) and one import
    overwrote the other's events in khal."""
    uids = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        path = create_demo(folder, TODAY)
        now = datetime.combine(TODAY, datetime.min.time()).astimezone()
        diary = DiaryService.open(path, lambda now=now: now)
        try:
            first = diary.visits.add_appointment(
                Appointment(now + timedelta(days=3), AppointmentKind.CLINIC_VISIT)
            ).value
            export_ics(diary, tmp_path / f"{name}-1.ics")
            export_ics(diary, tmp_path / f"{name}-2.ics")
        finally:
            diary.close()
        one = {str(e["uid"]) for e in _events(tmp_path / f"{name}-1.ics")}
        two = {str(e["uid"]) for e in _events(tmp_path / f"{name}-2.ics")}
        assert one == two  # stable: a second import updates, never duplicates
        uids.append(one)
        assert first.id == 1  # the same number in both diaries
    assert not uids[0] & uids[1]


def test_events_end_can_remind_and_a_deleted_appointment_is_cancelled(service, tmp_path):
    at = service.now() + timedelta(days=2)
    visit = service.visits.add_appointment(Appointment(at, AppointmentKind.CLINIC_VISIT)).value
    blood = service.visits.add_appointment(
        Appointment(at + timedelta(days=1), AppointmentKind.BLOOD_TEST)
    ).value
    out = tmp_path / "visits.ics"
    export_ics(service, out, reminder_minutes=90)
    before = {str(e["uid"]): e for e in _events(out)}
    service.visits.delete_appointment(blood.id)
    export_ics(service, out, reminder_minutes=90)
    events = {str(e["uid"]): e for e in _events(out)}
    assert set(events) == set(before)  # the deleted one is still there, cancelled
    by_start = {e.decoded("dtstart"): e for e in events.values()}
    kept, gone = by_start[at], by_start[at + timedelta(days=1)]
    assert kept.decoded("dtend") - kept.decoded("dtstart") == timedelta(hours=1)
    assert gone.decoded("dtend") - gone.decoded("dtstart") == timedelta(minutes=30)
    assert str(gone["status"]) == "CANCELLED" and int(gone["sequence"]) > int(kept["sequence"])
    assert str(kept["status"]) == "CONFIRMED"
    alarms = list(kept.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("trigger") == timedelta(minutes=-90)
    assert not list(gone.walk("VALARM"))
    assert visit.id is not None


def test_control_characters_never_reach_the_calendar_file(service, tmp_path):
    at = service.now() + timedelta(days=2)
    service.visits.add_appointment(Appointment(at, AppointmentKind.OTHER, "Eye clinic"))
    # Control characters an older version could store (input refuses them now).
    with service.db.conn:
        service.db.conn.execute(
            "UPDATE appointments SET title = 'Eye\x01 clinic\x1b[31m' WHERE title = 'Eye clinic'"
        )
    out = tmp_path / "visits.ics"
    export_ics(service, out)
    raw = out.read_bytes()
    assert b"\x01" not in raw and b"\x1b" not in raw
    assert any(str(e["summary"]) == "Eye\\x01 clinic\\x1b[31m" for e in _events(out))


def test_a_time_in_the_spring_forward_gap_is_refused(tmp_path):
    env_tz = {"TZ": "Europe/London"}
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--demo",
            "appointment",
            "add",
            "--at",
            "2027-03-28T01:30",
            "--what",
            "clinic visit",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **env_tz},
        timeout=120,
    )
    assert result.returncode == 2, result.stdout
    assert "does not exist here" in result.stderr and "02:30" in result.stderr
    assert "Traceback" not in result.stderr
