"""Typed dates and times: what people type is read as they meant it, or refused kindly."""

from datetime import date, time, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from companion.domain.days import format_date
from companion.domain.typed_dates import DateError, parse_date, parse_time

TODAY = date(2026, 6, 1)
DAY0 = date(2026, 5, 20)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 May 2026", date(2026, 5, 28)),
        ("28th May", date(2026, 5, 28)),
        ("May 28, 2026", date(2026, 5, 28)),
        ("Thursday 28 May 2026", date(2026, 5, 28)),
        ("28/5/2026", date(2026, 5, 28)),
        ("28.05.26", date(2026, 5, 28)),
        ("5/6", date(2026, 6, 5)),
        ("2026-05-28", date(2026, 5, 28)),
        ("today", TODAY),
        ("Yesterday", TODAY - timedelta(days=1)),
        ("tomorrow", TODAY + timedelta(days=1)),
        ("Day −6", DAY0 - timedelta(days=6)),
        ("day -6", DAY0 - timedelta(days=6)),
        ("Day +12", DAY0 + timedelta(days=12)),
        ("day 0", DAY0),
        ("  28   sept  2026 ", date(2026, 9, 28)),
    ],
)
def test_what_people_type(text, expected):
    assert parse_date(text, TODAY, day0=DAY0) == expected


def test_month_first_where_the_computer_writes_dates_that_way():
    assert parse_date("5/6/2026", TODAY, day_first=False) == date(2026, 5, 6)
    assert parse_date("5/6/2026", TODAY) == date(2026, 6, 5)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Please type a date"),
        ("31/2/2026", "There is no such date as “31/2/2026”"),
        ("soon", "“soon” is not a date"),
        ("May", "not a whole date"),
        ("2026-05", "not a whole date"),
        ("020 7946 0123", "is not a date"),  # a phone number typed in the wrong field
    ],
)
def test_text_that_is_not_a_date_is_refused_with_what_to_type(text, says):
    with pytest.raises(DateError, match=says) as caught:
        parse_date(text, TODAY)
    assert "Type a date like 28 May 2026" in str(caught.value)


def test_a_day_number_needs_a_transplant():
    with pytest.raises(DateError, match="type the calendar date here"):
        parse_date("Day +3", TODAY)


@given(dates)
def test_the_date_in_words_reads_back(day):
    assert parse_date(format_date(day), TODAY) == day
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}", TODAY) == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}", TODAY, day_first=False) == day


@given(st.text(max_size=30))
@example("¹\x850")  # a superscript one is a "digit" to Python, not a number
@example("٣/٣")
def test_any_text_is_a_date_or_a_kind_refusal(text):
    try:
        assert isinstance(parse_date(text, TODAY, day0=DAY0), date)
    except DateError as error:
        assert "Type a date like" in str(error) or "calendar date" in str(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:05", time(14, 5)),
        ("9:30", time(9, 30)),
        ("14.05", time(14, 5)),
        ("1405", time(14, 5)),
        ("9", time(9, 0)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("noon", time(12, 0)),
        ("midnight", time(0, 0)),
    ],
)
def test_times_people_type(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "25:00", "13pm", "9:75", "later"])
def test_text_that_is_not_a_time_is_refused(text):
    with pytest.raises(DateError, match="Type a time like 14:05"):
        parse_time(text)


@given(st.times())
def test_every_time_reads_back(moment):
    moment = moment.replace(second=0, microsecond=0)
    assert parse_time(f"{moment:%H:%M}") == moment
    assert parse_time(f"{moment:%I:%M %p}") == moment


@given(st.text(max_size=12))
def test_any_text_is_a_time_or_a_kind_refusal(text):
    try:
        assert isinstance(parse_time(text), time)
    except DateError as error:
        assert "Type a time like" in str(error)
