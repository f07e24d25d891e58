"""The one schedule in the core (issues 19 and 20): a "check again" outlives the program
that logged the temperature; medicine writes are one transaction each and tell every
listener what changed."""

from datetime import date, datetime, time, timedelta

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.medicines import DoseStatus, Medicine, MedicineError
from companion.domain.schedule import ReminderKind
from companion.domain.team import Team
from companion.service.diary import DiaryService

TODAY = date(2026, 6, 1)


class Clock:
    def __init__(self) -> None:
        self.moment = datetime.combine(TODAY, time(10)).astimezone()

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def path(tmp_path, clock):
    service = DiaryService.open(tmp_path / "companion.db", clock)
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, date(2026, 5, 10), 6),
        Team("City Unit", "020 7946 0100", "020 7946 0200"),
    )
    service.settings.save(
        numbers={"fever_single_c": 38.3, "fever_sustained_c": 38.0, "fever_sustained_minutes": 60},
        preferences={"temperature_check_times": "none"},
    )
    service.close()
    return tmp_path / "companion.db"


def test_check_again_is_stored_and_read_by_a_program_started_later(path, clock):
    first = DiaryService.open(path, clock)
    logged = first.log.add(Entry(at=clock(), kind=EntryKind.TEMPERATURE, value=38.1))
    assert logged.changes.reminders
    first.close()  # the window (and any timer in it) is gone
    later = DiaryService.open(path, clock)  # the tray, or `companion remind --due`
    assert later.schedule.due(clock()) == []
    (due,) = later.schedule.due(clock() + timedelta(hours=1))
    assert due.kind is ReminderKind.CHECK_AGAIN and due.value == 38.1
    assert later.schedule.next_instant(clock()) == clock() + timedelta(hours=1)
    later.close()


def test_medicine_writes_tell_listeners_and_undo_takes_a_record_back(path, clock):
    service = DiaryService.open(path, clock)
    told = []
    service.subscribe(told.append)
    op = service.medicines.add(Medicine("Tacrolimus", "2 mg", (time(8), time(20)), TODAY))
    medicine, changes = op.value, op.changes
    assert changes.medicines and told[-1] is changes
    recorded = service.medicines.take(medicine.id).value
    assert recorded.dose.status is DoseStatus.TAKEN and recorded.dose.due.time() == time(8)
    assert told[-1].medicines
    service.medicines.undo_record(recorded.record_id)
    (dose,) = [d for d in service.medicines.due() if d.due.time() == time(8)]
    assert dose.status is DoseStatus.MISSED
    with pytest.raises(MedicineError):
        service.medicines.taper(medicine.id, [(TODAY, "1 mg"), (TODAY - timedelta(days=9), "x")])
    assert service.medicines.get(medicine.id).changes == ()  # all or nothing
    service.close()


def test_a_held_dose_follows_the_blood_test_appointment(path, clock):
    from companion.domain.visits import Appointment, AppointmentKind

    service = DiaryService.open(path, clock)
    clock.moment = datetime.combine(TODAY, time(8, 40)).astimezone()
    service.medicines.add(
        Medicine("Tacrolimus", "2 mg", (time(8),), TODAY, hold_on_blood_test=True)
    )
    test = service.visits.add_appointment(
        Appointment(datetime.combine(TODAY, time(10, 30)).astimezone(), AppointmentKind.BLOOD_TEST)
    ).value
    (dose,) = service.medicines.due()
    assert dose.status is DoseStatus.HELD
    assert service.schedule.due() == []  # nothing to remind of while held
    service.visits.delete_appointment(test.id)
    (dose,) = service.medicines.due()
    assert dose.status is DoseStatus.MISSED
    service.close()


def test_the_year_table_and_the_doses_shown_agree(path, clock):
    service = DiaryService.open(path, clock)
    book = service.medicines
    medicine = book.add(
        Medicine("Tacrolimus", "2 mg", (time(8), time(20)), TODAY - timedelta(days=30))
    ).value
    book.change_dose(medicine.id, "1 mg", TODAY - timedelta(days=10))
    for day in (3, 5, 9):
        moment = datetime.combine(TODAY - timedelta(days=day), time(8)).astimezone()
        book.take(medicine.id, at=moment + timedelta(minutes=4), due=moment)
    book.skip(medicine.id, "felt sick", due=datetime.combine(TODAY, time(8)).astimezone())
    first, last = TODAY - timedelta(days=30), TODAY
    table = book.table(first, last)
    shown = book.doses(first, last)
    assert [(int(d.due.timestamp()), d.dose, d.status) for d in shown] == [
        (row[0], row[2], list(DoseStatus)[row[3]]) for row in table.rows
    ]
    assert table.count(DoseStatus.TAKEN) == 3 and table.count(DoseStatus.SKIPPED) == 1
    service.close()
