"""The sample journey behind ``--demo``: realistic, fictional, written to a throwaway folder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from companion.content.checklists import load_checklist
from companion.domain.engraftment import compute_anc
from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Phase, Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult, Product, Transfusion
from companion.domain.team import WEEKDAY_PRESETS, Team
from companion.service.diary import DiaryService
from companion.storage.db import writing
from companion.storage.paths import db_path

# 020 7946 0xxx is a range Ofcom keeps for drama: these numbers reach nobody.
DEMO_TEAM = Team(
    name="Riverside Hospital Transplant Unit",
    office_phone="020 7946 0123",
    after_hours_phone="020 7946 0999",
    office_opens=time(8, 0),
    office_closes=time(17, 0),
    office_days=WEEKDAY_PRESETS["Monday to Friday"],
)
DEMO_DAY = 12


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


# The daily items the sample ticked this morning (its other daily items wait for today).
DEMO_DAILY_TICKS = ("temperature", "hand-washing")


def create_demo(
    data_dir: Path, today: date, day: int = DEMO_DAY, now: datetime | None = None
) -> Path:
    """Write the sample diary into ``data_dir`` and return the database path.

    An allogeneic transplant from blood stem cells, today Day +12 (or ``day``). Day 0 was
    planned a day earlier and moved when the donor's cells were delayed, so the history shows
    a move. Daily blood counts fall through conditioning to a nadir around Day +7 and meet
    the neutrophil definition from Day +16, with platelet and red cell transfusions.
    Nothing is written after ``now`` (default: this time of day on ``today``). Everything
    goes through the diary service, as the window would write it.
    """
    path = db_path(data_dir)
    now = now or datetime.combine(today, datetime.now().time()).astimezone()
    day0 = today - timedelta(days=day)
    moment = [_at(day0 - timedelta(days=30), 10)]  # the service's clock, moved as we go
    service = DiaryService.open(path, lambda: moment[0])
    try:
        planned = Transplant(
            kind=TransplantKind.ALLOGENEIC,
            source=GraftSource.BLOOD,
            day0=day0 - timedelta(days=1),
            conditioning_days=6,
        )
        service.transplants.start(planned, DEMO_TEAM, "GB")
        first = service.transplants.journey.transplants[0]  # type: ignore[union-attr]
        moment[0] = _at(day0 - timedelta(days=2), 15)
        service.settings.save(transplant=replace(first.with_day0(day0), day0_confirmed=True))
        with writing(service.db):  # one commit for the sample's ticks, log and counts
            _tick_demo_checklists(service, moment, day0, now)
            _write_demo_log(service, moment, day0, now, day)
            _write_demo_counts(service, moment, day0, now, day)
    finally:
        service.close()
    return path


def _tick_demo_checklists(service: DiaryService, moment: list, day0: date, now: datetime) -> None:
    """Most of the lists before Day 0 ticked, some of today's, and one item of the team's.

    Daily items count for the day they were ticked: two of them are ticked this morning."""
    plan = {
        Phase.PREPARATION: (-20, ["dental"]),  # (day ticked, keys left unticked)
        Phase.CONDITIONING: (-3, []),
        Phase.INFUSION: (0, ["when-counts"]),
        Phase.ENGRAFTMENT: (DEMO_DAY - 1, ["weigh", "gvhd-watch", "counts"]),
    }
    for phase, (day, left) in plan.items():
        moment[0] = _at(day0 + timedelta(days=day), 9)
        for item in load_checklist(phase, TransplantKind.ALLOGENEIC).items:
            if item.key not in left:
                service.checklists.set_ticked(phase, item.key, True)
    moment[0] = min(now, _at(now.date(), 8))
    for key in DEMO_DAILY_TICKS:
        service.checklists.set_ticked(Phase.ENGRAFTMENT, key, True)
    moment[0] = _at(day0 + timedelta(days=2), 11)
    service.checklists.add_item(
        Phase.ENGRAFTMENT, "Rinse mouth with the salt-water mix after every meal"
    )


def _write_demo_log(
    service: DiaryService, moment: list, day0: date, now: datetime, last: int = DEMO_DAY
) -> None:
    """Twice-daily temperatures from Day −6, morning weights, a few symptoms, and one fever
    on Day +8 evening that raised an alert, followed by a call to the team."""

    def add(entry: Entry):
        # Nothing after ``now``: a sample made at 6 in the morning has no evening yet.
        if entry.at > now:
            return None
        moment[0] = entry.at
        return service.log.add(entry).value

    def contact(at: datetime, note: str) -> None:
        if at <= now:
            moment[0] = at
            service.log.acknowledge(note)

    temps = {8: (37.6, 38.4)}
    for number in range(-6, last + 1):
        day = day0 + timedelta(days=number)
        morning, evening = temps.get(number, (36.6 + (number % 3) * 0.2, 36.9 + (number % 2) * 0.3))
        add(Entry(_at(day, 7), EntryKind.WEIGHT, value=round(71.4 - 0.15 * (number + 6), 2)))
        add(Entry(_at(day, 8), EntryKind.TEMPERATURE, value=round(morning, 1), detail="mouth"))
        if number < last:
            logged = add(
                Entry(_at(day, 20), EntryKind.TEMPERATURE, value=round(evening, 1), detail="mouth")
            )
            if logged is not None and logged.alerts:
                contact(
                    _at(day, 20) + timedelta(minutes=12),
                    "Ward said come in; bloods and antibiotics.",
                )
    for number, term, severity in (
        (-5, "nausea", 2),
        (-3, "nausea", 1),
        (-1, "tiredness", 2),
        (4, "mouth-sores", 2),
        (6, "appetite", 2),
        (9, "diarrhoea", 1),
        (11, "tiredness", 1),
    ):
        logged = add(
            Entry(
                _at(day0 + timedelta(days=number), 12), EntryKind.SYMPTOM, term, severity=severity
            )
        )
        if logged is not None and logged.alerts:
            note = {
                4: "Nurse gave a new mouthwash.",
                9: "Team asked for a stool sample.",
            }.get(number, "Talked it through with the nurse.")
            contact(_at(day0 + timedelta(days=number), 12) + timedelta(minutes=25), note)
    for number, count in ((9, 2), (10, 2), (11, 1)):
        add(Entry(_at(day0 + timedelta(days=number), 21), EntryKind.STOOLS, value=float(count)))
    add(
        Entry(
            _at(day0 + timedelta(days=2), 15),
            EntryKind.NOTE,
            note="Visit from my sister. Felt brighter.",
        )
    )


# A realistic course after a blood stem cell transplant (made up, not anyone's results).
_ANC = {
    -7: 3.9,
    -6: 4.2,
    -5: 3.6,
    -4: 3.1,
    -3: 2.6,
    -2: 2.0,
    -1: 1.5,
    0: 1.1,
    1: 0.7,
    2: 0.4,
    3: 0.2,
    4: 0.1,
    5: 0.05,
    6: 0.02,
    7: 0.0,
    8: 0.0,
    9: 0.01,
    10: 0.04,
    11: 0.09,
    12: 0.18,
    13: 0.34,
    14: 0.46,
    15: 0.48,
    16: 0.62,
    17: 0.9,
    18: 1.3,
    19: 1.8,
    20: 2.2,
    21: 2.5,
    22: 2.7,
    23: 2.6,
    24: 2.9,
    25: 3.1,
    26: 3.0,
    27: 3.3,
    28: 3.4,
}
_PLATELETS = {
    -7: 245,
    -4: 230,
    -1: 190,
    0: 150,
    1: 128,
    2: 104,
    3: 80,
    4: 62,
    5: 45,
    6: 33,
    7: 22,
    8: 14,
    9: 38,
    10: 24,
    11: 15,
    12: 35,
    13: 22,
    14: 19,
    15: 24,
    16: 31,
    17: 38,
    18: 44,
    19: 52,
    20: 61,
    21: 70,
    22: 76,
    23: 84,
    24: 95,
    26: 110,
    28: 121,
}
_HB = {
    -7: 12.9,
    -4: 12.4,
    -1: 11.6,
    0: 11.2,
    2: 10.4,
    4: 9.6,
    6: 8.7,
    8: 8.0,
    9: 7.8,
    10: 9.3,
    12: 9.1,
    14: 9.0,
    16: 9.2,
    18: 9.5,
    20: 9.8,
    22: 10.1,
    24: 10.4,
    26: 10.6,
    28: 10.9,
}


def _write_demo_counts(
    service: DiaryService, moment: list, day0: date, now: datetime, last: int
) -> None:
    """Daily bloods from Day −7; before Day 0 the lab gave WBC and neutrophil % (so the ANC is
    worked out and marked); platelets on Days +8 and +11; red cells on Day +9."""
    moment[0] = now
    for number in range(-7, min(last, 28) + 1):
        at = _at(day0 + timedelta(days=number), 6)
        if at > now:
            continue
        anc = _ANC.get(number)
        hb = _HB.get(number)
        if number < 0 and anc is not None:
            wbc = round(anc / 0.6, 2)
            result = LabResult(
                at,
                compute_anc(wbc, 60.0),
                wbc,
                60.0,
                _PLATELETS.get(number),
                hb * 10 if hb else None,
                anc_computed=True,
            )
        else:
            result = LabResult(at, anc, None, None, _PLATELETS.get(number), hb * 10 if hb else None)
        if any(v is not None for v in (result.anc, result.platelets, result.hb)):
            service.labs.add(result)
    for number, product in (
        (8, Product.PLATELETS),
        (9, Product.RED_CELLS),
        (11, Product.PLATELETS),
    ):
        if number <= last:
            service.labs.add_transfusion(Transfusion(day0 + timedelta(days=number), product))
