"""The sample journey behind ``--demo``: realistic, fictional, written to a throwaway folder."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from companion.content.checklists import load_checklist
from companion.domain.journey import Phase, Transplant
from companion.domain.kinds import GraftSource, TransplantKind
from companion.domain.team import WEEKDAY_PRESETS, Team
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository
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


def create_demo(data_dir: Path, today: date) -> Path:
    """Write the sample diary into ``data_dir`` and return the database path.

    An allogeneic transplant from blood stem cells, today Day +12. Day 0 was planned a day
    earlier and moved when the donor's cells were delayed, so the history shows a move.
    """
    path = db_path(data_dir)
    db = open_db(path)
    try:
        repo = JourneyRepository(db)
        day0 = today - timedelta(days=DEMO_DAY)
        planned = Transplant(
            kind=TransplantKind.ALLOGENEIC,
            source=GraftSource.BLOOD,
            day0=day0 - timedelta(days=1),
            conditioning_days=6,
        )
        journey = repo.start_diary(planned, DEMO_TEAM, now=_at(day0 - timedelta(days=30), 10))
        first = journey.transplants[0]
        moved = first.with_day0(day0)
        repo.save_transplant(
            Transplant(
                kind=moved.kind,
                source=moved.source,
                day0=moved.day0,
                conditioning_days=moved.conditioning_days,
                day0_confirmed=True,
                id=moved.id,
            ),
            now=_at(day0 - timedelta(days=2), 15),
        )
        with db.atomic():  # one commit for the sample's ticks
            _tick_demo_checklists(db, first.id, day0)
    finally:
        db.close()
    return path


def _tick_demo_checklists(db, transplant_id: int, day0: date) -> None:
    """Most of the lists before Day 0 ticked, some of today's, and one item of the team's."""
    checklists = ChecklistRepository(db)
    plan = {
        Phase.PREPARATION: (-20, ["dental"]),  # (day ticked, keys left unticked)
        Phase.CONDITIONING: (-3, []),
        Phase.INFUSION: (0, ["when-counts"]),
        Phase.ENGRAFTMENT: (DEMO_DAY - 1, ["weigh", "gvhd-watch", "counts"]),
    }
    for phase, (day, left) in plan.items():
        for item in load_checklist(phase, TransplantKind.ALLOGENEIC).items:
            if item.key not in left:
                checklists.set_ticked(
                    transplant_id, phase, item.key, True, _at(day0 + timedelta(days=day), 9)
                )
    checklists.add_custom(
        Phase.ENGRAFTMENT,
        "Rinse mouth with the salt-water mix after every meal",
        _at(day0 + timedelta(days=2), 11),
    )
