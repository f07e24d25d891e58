"""Build a heavy two-year diary for benchmarks: about 20,000 log entries.

``python benchmarks/generate.py DIR`` writes DIR/companion.db. Entries are spread over
730 days: temperatures four times a day, daily weight, several symptoms a day, stools, notes,
and the odd fever with its alert and a call to the team.
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from companion.content.vocabulary import load_vocabulary
from companion.domain.entries import Entry, EntryKind
from companion.domain.journey import Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.labs import LabResult, Product, Transfusion
from companion.service.demo import DEMO_TEAM
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository
from companion.storage.lab_repository import LabRepository
from companion.storage.log_repository import LogRepository

DAYS = 730
LABS = 1000


def generate(folder: Path, today: date, seed: int = 7) -> Path:
    """Write the heavy diary into ``folder``; today is Day +720 or so."""
    rng = random.Random(seed)
    path = folder / "companion.db"
    db = open_db(path)
    day0 = today - timedelta(days=DAYS - 10)
    JourneyRepository(db).start_diary(
        Transplant(TransplantKind.ALLOGENEIC, GraftSource.BLOOD, day0, 6, True), DEMO_TEAM
    )
    vocabulary = load_vocabulary()
    log = LogRepository(db)  # straight to the table: set-up, not what is measured
    now = datetime.combine(today, time(23, 0)).astimezone()
    terms = [s.id for s in vocabulary.symptoms]
    with db.atomic():  # one transaction: this is set-up, not what is measured
        for number in range(-10, DAYS - 10):
            day = day0 + timedelta(days=number)
            for hour in range(7, 24, 2):  # nine readings a day: a heavy user
                celsius = round(rng.gauss(36.9, 0.35), 1)
                if rng.random() < 0.004:
                    celsius = 38.4
                log.add(
                    Entry(
                        datetime.combine(day, time(hour)).astimezone(),
                        EntryKind.TEMPERATURE,
                        value=celsius,
                        detail="mouth",
                    ),
                    now,
                )
            log.add(
                Entry(
                    datetime.combine(day, time(6, 30)).astimezone(),
                    EntryKind.WEIGHT,
                    value=round(70 + rng.gauss(0, 0.4), 1),
                ),
                now,
            )
            for _ in range(rng.randint(12, 20)):
                log.add(
                    Entry(
                        datetime.combine(
                            day, time(rng.randint(8, 21), rng.randint(0, 59))
                        ).astimezone(),
                        EntryKind.SYMPTOM,
                        term=rng.choice(terms),
                        severity=rng.choice([0, 1, 1, 1, 2]),
                    ),
                    now,
                )
            log.add(
                Entry(
                    datetime.combine(day, time(21, 30)).astimezone(),
                    EntryKind.STOOLS,
                    value=float(rng.randint(0, 4)),
                ),
                now,
            )
            if rng.random() < 0.5:
                log.add(
                    Entry(
                        datetime.combine(day, time(19)).astimezone(),
                        EntryKind.NOTE,
                        note="Walked to the park and back.",
                    ),
                    now,
                )
        log.add(
            Entry(
                now - timedelta(hours=1),
                EntryKind.CONTACTED,
                detail="team",
                note="Spoke to the team.",
            ),
            now,
        )
        labs = LabRepository(db)
        for index in range(LABS):  # about 1,000 results: daily at first, then less often
            number = -7 + int((index / LABS) ** 2 * (DAYS - 20))
            at = datetime.combine(day0 + timedelta(days=number), time(6, rng.randint(0, 59)))
            anc = (
                max(0.0, 2.5 + rng.gauss(0, 0.8)) if number > 20 else max(0.0, rng.gauss(0.3, 0.3))
            )
            labs.add_lab(
                LabResult(
                    at.astimezone(),
                    round(anc, 2),
                    None,
                    None,
                    round(max(5.0, 150 + rng.gauss(0, 40)), 0),
                    round(90 + rng.gauss(0, 10), 0),
                ),
                now,
            )
        for number in range(6, 20, 3):
            labs.add_transfusion(Transfusion(day0 + timedelta(days=number), Product.PLATELETS), now)
    db.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    print(generate(out, date.today()))
