"""Build a heavy two-year diary for benchmarks: about 20,000 log entries (or more years).

``python benchmarks/generate.py DIR [DAYS]`` writes DIR/companion.db (DAYS: 730 by default,
about 28 entries a day; 36 days make about 1,000 entries and 3,650 days — ten years —
about 100,000). Entries are spread over
730 days: temperatures nine times a day, daily weight, several symptoms a day, stools, notes,
and the odd fever with its alert and a call to the team; about 1,000 blood counts; a clinic
visit every two weeks, with a few questions for each.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult, Product, Transfusion
from companion.domain.visits import Appointment, AppointmentKind
from companion.service.demo import DEMO_TEAM
from companion.service.diary import DiaryService
from companion.storage.visit_repository import AppointmentRepository, QuestionRepository

DAYS = 730
LABS = 1000


def generate(
    folder: Path, today: date, seed: int = 7, days: int = DAYS, labs: int | None = None
) -> Path:
    """Write the heavy diary into ``folder``; today is Day +720 or so. Everything goes
    through the diary service, with its clock moved along, as a patient would have logged it
    (the alert rules judge every entry; the team is called at the end of a day with alerts)."""
    rng = random.Random(seed)
    path = folder / "companion.db"
    if labs is None:
        labs = min(LABS, days * 2)
    day0 = today - timedelta(days=days - 10)
    moment = [datetime.combine(day0 - timedelta(days=30), time(9)).astimezone()]
    service = DiaryService.open(path, lambda: moment[0])
    service.transplants.start(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, day0, 6, True), DEMO_TEAM, "GB"
    )
    terms = [s.id for s in service.settings.vocabulary.symptoms]

    def log(entry: Entry) -> None:
        moment[0] = entry.at
        service.log.add(entry)

    with service.db.atomic():  # one transaction: this is set-up, not what is measured
        for number in range(-10, days - 10):
            day = day0 + timedelta(days=number)

            def at(hour: int, minute: int = 0, day=day) -> datetime:
                return datetime.combine(day, time(hour, minute)).astimezone()

            log(Entry(at(6, 30), EntryKind.WEIGHT, value=round(70 + rng.gauss(0, 0.4), 1)))
            for hour in range(7, 24, 2):  # nine readings a day: a heavy user
                celsius = round(rng.gauss(36.9, 0.35), 1)
                if rng.random() < 0.004:
                    celsius = 38.4
                log(
                    Entry(at(hour), EntryKind.TEMPERATURE, value=max(35.0, celsius), detail="mouth")
                )
            symptoms = [
                Entry(
                    at(rng.randint(8, 21), rng.randint(0, 59)),
                    EntryKind.SYMPTOM,
                    term=rng.choice(terms),
                    severity=rng.choice([0, 1, 1, 1, 2]),
                )
                for _ in range(rng.randint(12, 20))
            ]
            for entry in sorted(symptoms, key=lambda e: e.at):
                log(entry)
            if rng.random() < 0.5:
                log(Entry(at(19), EntryKind.NOTE, note="Walked to the park and back."))
            log(Entry(at(21, 30), EntryKind.STOOLS, value=float(rng.randint(0, 4))))
            if service.log.open_alerts():
                moment[0] = at(22)
                service.log.acknowledge("Spoke to the team.")
        now = moment[0] = datetime.combine(today, time(23, 0)).astimezone()
        appointments, questions = AppointmentRepository(service.db), QuestionRepository(service.db)
        for number in range(14, days - 10 + 14, 14):  # a clinic visit every two weeks
            visit = appointments.add(
                Appointment(
                    datetime.combine(day0 + timedelta(days=number), time(10, 30)).astimezone(),
                    AppointmentKind.CLINIC_VISIT,
                    place="Riverside Day Unit",
                ),
                now,
            )
            for index in range(3):
                asked = datetime.combine(day0 + timedelta(days=number - 5 + index), time(20))
                saved = questions.add(
                    f"Question {index + 1} for Day +{number}?", visit.id, asked.astimezone()
                )
                if visit.at < now - timedelta(days=14):  # answered at the visit, but lately
                    questions.answer(saved.id, "Answered at the visit.", visit.at, visit.id)
        for index in range(labs):  # about 1,000 results: daily at first, then less often
            number = -7 + int((index / labs) ** 2 * (days - 20))
            taken = datetime.combine(day0 + timedelta(days=number), time(6, rng.randint(0, 59)))
            anc = (
                max(0.0, 2.5 + rng.gauss(0, 0.8)) if number > 20 else max(0.0, rng.gauss(0.3, 0.3))
            )
            service.labs.add(
                LabResult(
                    taken.astimezone(),
                    round(anc, 2),
                    None,
                    None,
                    round(max(5.0, 150 + rng.gauss(0, 40)), 0),
                    round(90 + rng.gauss(0, 10), 0),
                )
            )
        for number in range(6, 20, 3):
            service.labs.add_transfusion(
                Transfusion(day0 + timedelta(days=number), Product.PLATELETS)
            )
    service.close()
    return path


if __name__ == "__main__":
    # python benchmarks/generate.py DIR [YEARS]: YEARS 10 gives the ten-year diary of
    # issue 25 (about 103,000 entries and 5,000 blood counts).
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    years = float(sys.argv[2]) if len(sys.argv) > 2 else DAYS / 365
    print(generate(out, date.today(), days=round(years * 365), labs=round(LABS * years / 2)))
