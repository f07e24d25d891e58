"""Blood counts and transfusions are stored canonically; the team's date is recorded."""

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.domain.labs import LabError, LabResult, Product, Transfusion
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository
from companion.storage.lab_repository import LabRepository
from tests.conftest import make_transplant

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DAY0 = date(2026, 5, 10)


@pytest.fixture
def db(tmp_path, team):
    database = open_db(tmp_path / "companion.db")
    JourneyRepository(database).start_diary(make_transplant(day0=DAY0), team)
    yield database
    database.close()


def test_results_round_trip_in_canonical_units(db):
    repo = LabRepository(db)
    saved = repo.add_lab(LabResult(NOW, anc=0.5, platelets=25.0, hb=92.0), NOW)
    assert repo.labs() == [saved]
    row = next(db["labs"].rows)
    assert (row["anc"], row["platelets"], row["hb"]) == (0.5, 25.0, 92.0)


def test_an_empty_set_or_a_future_time_is_refused(db):
    repo = LabRepository(db)
    with pytest.raises(LabError, match="at least one count"):
        repo.add_lab(LabResult(NOW), NOW)
    with pytest.raises(LabError, match="future"):
        repo.add_lab(LabResult(NOW + timedelta(days=1), anc=1.0), NOW)
    assert db["labs"].count == 0


def test_transfusions(db):
    repo = LabRepository(db)
    repo.add_transfusion(Transfusion(date(2026, 5, 20), Product.PLATELETS), NOW)
    assert repo.transfusions()[0].product is Product.PLATELETS
    with pytest.raises(LabError, match="future"):
        repo.add_transfusion(Transfusion(date(2026, 6, 5), Product.RED_CELLS), NOW)


def test_the_teams_date_is_kept_and_its_change_recorded(db):
    repo = LabRepository(db)
    repo.set_team_engraftment(1, date(2026, 5, 26), NOW)
    journey = JourneyRepository(db).load_journey()
    assert journey.transplants[0].neutrophil_recovery == date(2026, 5, 26)
    assert journey.transplants[0].recovery_source == "team"
    change = JourneyRepository(db).history()[-1]
    assert (change.field, change.new_value) == ("transplant.team_recovery", "2026-05-26")
    assert change.sentence.endswith("to Tuesday 26 May 2026")
    with pytest.raises(LabError, match="after Day 0"):
        repo.set_team_engraftment(1, DAY0, NOW)
    repo.set_team_engraftment(1, None, NOW)
    assert JourneyRepository(db).load_journey().transplants[0].neutrophil_recovery is None
