"""Saving the journey, team and numbers: all-or-nothing, and every change recorded."""

from datetime import date, datetime, timedelta, timezone

import pytest

from companion.domain.clinical import SettingError
from companion.domain.journey import Phase
from companion.domain.team import Team, TeamError
from companion.service.demo import DEMO_DAY, create_demo
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from tests.conftest import make_transplant

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
DAY0 = date(2026, 5, 10)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "companion.db")
    yield database
    database.close()


def test_starting_the_diary_saves_transplant_team_and_a_history_line(db, team):
    repo = JourneyRepository(db)
    journey = repo.start_diary(make_transplant(day0=DAY0, conditioning_days=5), team, NOW)
    stored = journey.transplants[0]
    assert (stored.number, stored.day0, stored.conditioning_days) == (1, DAY0, 5)
    assert repo.load_team() == team
    row = next(db["transplants"].rows)
    assert row["day0"] == "2026-05-10"
    history = repo.history()
    assert (history[0].field, history[0].new_value) == ("diary.started", "2026-05-10")
    assert history[0].sentence == "Diary started: Day 0 on Sunday 10 May 2026"
    assert history[0].at == NOW
    assert next(db["change_log"].rows)["at"] == "2026-05-01T09:30:00+01:00"


def test_a_bad_team_saves_nothing_at_all(db):
    repo = JourneyRepository(db)
    with pytest.raises(TeamError):
        repo.start_diary(make_transplant(), Team(name="No numbers"), NOW)
    assert db["transplants"].count == 0
    assert db["team"].count == 0
    assert db["change_log"].count == 0


def test_moving_day0_is_recorded_and_reanchors(db, team):
    repo = JourneyRepository(db)
    first = repo.start_diary(make_transplant(day0=DAY0), team, NOW).transplants[0]
    journey = repo.save_transplant(first.with_day0(DAY0 + timedelta(days=1)), NOW)
    assert journey.transplants[0].day_number(DAY0 + timedelta(days=13)) == 12
    moved = repo.history()[-1]
    # Stored as data; the sentence is made when shown.
    assert (moved.field, moved.transplant_number) == ("transplant.day0", 1)
    assert (moved.old_value, moved.new_value) == ("2026-05-10", "2026-05-11")
    assert moved.sentence == (
        "Transplant 1: Day 0: changed from Sunday 10 May 2026 to Monday 11 May 2026"
    )
    row = list(db["change_log"].rows)[-1]
    assert row["legacy_subject"] is None and "Sunday" not in str(row)


def test_a_second_transplant_keeps_the_first(db, team):
    repo = JourneyRepository(db)
    repo.start_diary(make_transplant(day0=DAY0), team, NOW)
    with pytest.raises(ValueError, match="must come after"):
        repo.add_transplant(make_transplant(day0=DAY0 - timedelta(days=1)), NOW)
    journey = repo.add_transplant(make_transplant(day0=DAY0 + timedelta(days=100)), NOW)
    assert [t.number for t in journey.transplants] == [1, 2]
    assert journey.transplants[0].day0 == DAY0
    assert repo.history()[-1].sentence.startswith("Transplant 2 added: Day 0 on")


def test_changing_a_clinical_number_is_recorded_with_old_and_new(db):
    settings = SettingsRepository(db)
    settings.save_numbers({"close_care_days": 100.0}, NOW)  # unchanged: nothing recorded
    assert db["change_log"].count == 0
    numbers = settings.save_numbers({"close_care_days": 90.0}, NOW)
    assert numbers.close_care_days == 90
    assert SettingsRepository(db).numbers().close_care_days == 90
    change = JourneyRepository(db).history()[-1]
    assert (change.field, change.old_value, change.new_value) == (
        "setting.close_care_days",
        "100.0",
        "90.0",
    )
    assert change.sentence.endswith("changed from 100 days after Day 0 to 90 days after Day 0")


def test_settings_save_is_all_or_nothing(db, team):
    from companion.service.diary import DiaryService

    repo = JourneyRepository(db)
    first = repo.start_diary(make_transplant(day0=DAY0), team, NOW).transplants[0]
    before = list(db["change_log"].rows)
    with pytest.raises(SettingError):
        DiaryService(db, lambda: NOW).settings.save(
            first.with_day0(DAY0 + timedelta(days=3)),
            team,
            {"engraftment_window_start": 30.0},  # after the 21-day window end: contradictory
        )
    assert repo.load_journey().transplants[0].day0 == DAY0
    assert list(db["change_log"].rows) == before
    assert SettingsRepository(db).numbers().overrides == {}


def test_the_demo_is_a_donor_transplant_around_day_12(tmp_path):
    today = date(2026, 11, 27)
    path = create_demo(tmp_path, today)
    db = open_db(path)
    repo = JourneyRepository(db)
    transplant = repo.load_journey().active(today)
    assert transplant.kind.value == "allogeneic"
    assert transplant.day_number(today) == DEMO_DAY
    assert transplant.phase_on(today, today) is Phase.ENGRAFTMENT
    assert repo.load_team().after_hours_phone
    assert any(change.field == "transplant.day0" for change in repo.history())
    db.close()
