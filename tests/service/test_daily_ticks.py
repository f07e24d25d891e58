"""Daily checklist items ("take your temperature twice a day") are ticked per day: today's
tick never carries over to tomorrow; one-off items stay ticked."""

from datetime import date, datetime, time, timedelta

import pytest

from companion.domain.journey import Phase
from companion.service.diary import DiaryService
from companion.storage.db import open_db
from tests.conftest import make_transplant

DAY0 = date(2026, 5, 10)


@pytest.fixture
def clock():
    """A clock the test moves on: the day after Day 0 at first (engraftment)."""
    now = [datetime.combine(DAY0 + timedelta(days=2), time(9, 0)).astimezone()]
    return now


@pytest.fixture
def service(tmp_path, team, clock):
    service = DiaryService(open_db(tmp_path / "companion.db"), lambda: clock[0])
    service.transplants.start(make_transplant(day0=DAY0), team)
    yield service
    service.close()


def test_a_daily_item_is_ticked_for_today_only(service, clock):
    items = {i.key: i for i in service.checklists.get(Phase.ENGRAFTMENT).items}
    assert items["temperature"].daily and not items["no-aspirin"].daily
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", True)
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "no-aspirin", True)
    states = service.checklists.states(Phase.ENGRAFTMENT)
    assert states["temperature"].ticked and states["no-aspirin"].ticked
    assert states["temperature"].ticked_at == clock[0]
    clock[0] += timedelta(days=1)  # the next morning
    states = service.checklists.states(Phase.ENGRAFTMENT)
    assert not states["temperature"].ticked  # a fresh box for a new day
    assert states["no-aspirin"].ticked  # a one-off item stays done
    # Yesterday's tick is still kept, for that day.
    yesterday = clock[0].date() - timedelta(days=1)
    assert service.checklists.states(Phase.ENGRAFTMENT, on=yesterday)["temperature"].ticked


def test_unticking_a_daily_item_removes_todays_tick_and_progress_follows(service):
    before = service.checklists.progress(Phase.ENGRAFTMENT)
    changes = service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", True)
    assert changes.changes.checklist == {"engraftment"}
    assert service.checklists.progress(Phase.ENGRAFTMENT) == (before[0] + 1, before[1])
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", False)
    assert not service.checklists.states(Phase.ENGRAFTMENT)["temperature"].ticked
    assert service.checklists.progress(Phase.ENGRAFTMENT) == before
    assert list(service.db["daily_ticks"].rows) == []


def test_hiding_a_daily_item_is_kept_across_days(service, clock):
    service.checklists.set_hidden(Phase.ENGRAFTMENT, "temperature", True)
    clock[0] += timedelta(days=3)
    assert service.checklists.states(Phase.ENGRAFTMENT)["temperature"].hidden
    assert "temperature" not in [
        i.key for i, _ in service.checklists.daily_items(Phase.ENGRAFTMENT)
    ]


def test_daily_items_lists_todays_daily_items_with_their_ticks(service):
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "hand-washing", True)
    daily = service.checklists.daily_items(Phase.ENGRAFTMENT)
    assert daily and all(item.daily for item, _ in daily)
    ticked = {item.key for item, state in daily if state.ticked}
    assert ticked == {"hand-washing"}


def test_a_daily_item_keeps_one_row_a_day_and_yesterdays_tick(service, clock):
    today, ticked_at = clock[0].date(), clock[0]
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", True)
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", True)  # again
    clock[0] += timedelta(days=1)
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", True)
    assert service.db["daily_ticks"].count == 2  # what the file holds: one row a day
    yesterday = service.checklists.states(Phase.ENGRAFTMENT, on=today)["temperature"]
    assert yesterday.ticked_at == ticked_at
    service.checklists.set_ticked(Phase.ENGRAFTMENT, "temperature", False)
    assert not service.checklists.states(Phase.ENGRAFTMENT)["temperature"].ticked
    assert service.checklists.states(Phase.ENGRAFTMENT, on=today)["temperature"].ticked
