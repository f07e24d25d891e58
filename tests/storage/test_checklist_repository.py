"""Ticks are saved at once with their time, per transplant; hidden and custom items persist."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.checklist import ChecklistError, clean_custom_text
from companion.domain.journey import Phase
from companion.storage.checklist_repository import ChecklistRepository
from companion.storage.db import open_db
from companion.storage.journey_repository import JourneyRepository
from tests.conftest import make_transplant

NOW = datetime(2026, 5, 12, 8, 15, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def db(tmp_path, team):
    database = open_db(tmp_path / "companion.db")
    JourneyRepository(database).start_diary(make_transplant(day0=date(2026, 5, 10)), team)
    yield database
    database.close()


def test_a_tick_is_saved_with_its_time_and_can_be_undone(db, tmp_path):
    repo = ChecklistRepository(db)
    state = repo.set_ticked(1, Phase.ENGRAFTMENT, "temperature", True, NOW)
    assert state.ticked_at == NOW
    reopened = open_db(tmp_path / "companion.db")  # a second connection sees it committed
    assert ChecklistRepository(reopened).states(1, Phase.ENGRAFTMENT)["temperature"].ticked
    reopened.close()
    assert not repo.set_ticked(1, Phase.ENGRAFTMENT, "temperature", False, NOW).ticked


def test_hiding_keeps_the_tick_and_ticks_are_per_transplant(db):
    repo = ChecklistRepository(db)
    repo.set_ticked(1, Phase.RECOVERY, "crowds", True, NOW)
    state = repo.set_hidden(1, Phase.RECOVERY, "crowds", True)
    assert state.hidden and state.ticked
    JourneyRepository(db).add_transplant(make_transplant(day0=date(2026, 9, 1)))
    assert repo.states(2, Phase.RECOVERY) == {}


def test_a_tick_for_a_transplant_that_does_not_exist_is_refused(db):
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        ChecklistRepository(db).set_ticked(99, Phase.RECOVERY, "crowds", True, NOW)
    assert db["checklist_state"].count == 0


def test_custom_items_are_tidied_and_kept_in_order(db):
    repo = ChecklistRepository(db)
    first = repo.add_custom(Phase.INFUSION, "  Bring   the parking permit ", NOW)
    second = repo.add_custom(Phase.INFUSION, "Ask about the ward's visiting hours", NOW)
    assert first.text == "Bring the parking permit"
    assert [i.key for i in repo.custom_items(Phase.INFUSION)] == [first.key, second.key]
    assert repo.custom_items(Phase.RECOVERY) == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 301])
def test_a_bad_custom_item_saves_nothing(db, text):
    with pytest.raises(ChecklistError):
        ChecklistRepository(db).add_custom(Phase.INFUSION, text, NOW)
    assert db["custom_items"].count == 0


@given(st.text(max_size=400))
def test_custom_text_is_accepted_tidy_or_explained(text):
    try:
        cleaned = clean_custom_text(text)
    except ChecklistError as error:
        assert str(error).endswith(".")
    else:
        assert cleaned and cleaned == cleaned.strip() and len(cleaned) <= 300
