"""The team's numbers: what is accepted, and which one applies now."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.team import Team, TeamError, clean_phone

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "text",
    ["020 7946 0100", "+44 (0)20 7946-0100", "555.0100", "0161 496 0000 ext 123", "  999  "],
)
def test_common_phone_formats_are_accepted(text):
    assert clean_phone(text) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "words"),
    [("call Anna", "can only hold"), ("12", "too short"), ("1" * 41, "too long")],
)
def test_bad_phone_numbers_say_what_to_fix(text, words):
    with pytest.raises(TeamError, match=words):
        clean_phone(text, "The office-hours number")


@given(st.text(max_size=60))
def test_clean_phone_either_accepts_or_explains(text):
    try:
        cleaned = clean_phone(text)
    except TeamError as error:
        assert str(error).endswith(".")
    else:
        assert cleaned == "" or sum(c.isdigit() for c in cleaned) >= 3


def test_a_team_needs_at_least_one_number():
    with pytest.raises(TeamError, match="at least one phone number"):
        Team(name="Unit").validated()
    assert Team(after_hours_phone=" 999 ").validated().after_hours_phone == "999"


def test_office_hours_must_close_after_they_open():
    with pytest.raises(TeamError, match="close after"):
        Team(office_phone="100 200", office_opens=time(17), office_closes=time(9)).validated()


def test_the_number_that_applies_at_this_hour(team):
    tuesday_noon = datetime(2026, 5, 12, 12, 0, tzinfo=LONDON)
    tuesday_night = datetime(2026, 5, 12, 22, 0, tzinfo=LONDON)
    saturday_noon = datetime(2026, 5, 16, 12, 0, tzinfo=LONDON)
    closing_time = datetime(2026, 5, 12, 17, 0, tzinfo=LONDON)
    assert team.number_now(tuesday_noon) == ("Office hours", "020 7946 0100")
    assert team.number_now(tuesday_night) == ("After hours", "020 7946 0200")
    assert team.number_now(saturday_noon) == ("After hours", "020 7946 0200")
    assert team.number_now(closing_time) == ("After hours", "020 7946 0200")


def test_a_single_number_is_always_the_one_to_call():
    office_only = Team(office_phone="100 200")
    night = datetime(2026, 5, 12, 23, 0, tzinfo=LONDON)
    assert office_only.number_now(night) == ("Office hours", "100 200")
    after_only = Team(after_hours_phone="300 400")
    noon = datetime(2026, 5, 12, 12, 0, tzinfo=LONDON)
    assert after_only.number_now(noon) == ("After hours", "300 400")
