"""The day clock: numbering, formatting and calendar arithmetic."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.days import (
    add_months,
    date_of_day,
    day_number,
    format_day,
    local_date,
    spoken_day,
)


def test_days_run_through_zero_without_skipping_it():
    day0 = date(2026, 3, 10)
    numbers = [day_number(day0 + timedelta(days=i), day0) for i in range(-3, 4)]
    assert numbers == [-3, -2, -1, 0, 1, 2, 3]
    assert [format_day(n) for n in numbers] == [
        "Day −3",
        "Day −2",
        "Day −1",
        "Day 0",
        "Day +1",
        "Day +2",
        "Day +3",
    ]


def test_spoken_day_reads_aloud():
    assert spoken_day(-6) == "Day minus 6"
    assert spoken_day(0) == "Day 0"
    assert spoken_day(12) == "Day plus 12"


@pytest.mark.parametrize(
    ("zone", "day0", "moment", "expected"),
    [
        # Europe/London springs forward on 29 March 2026: that day has 23 hours.
        ("Europe/London", date(2026, 3, 28), datetime(2026, 3, 29, 0, 30), 1),
        ("Europe/London", date(2026, 3, 28), datetime(2026, 3, 29, 23, 30), 1),
        ("Europe/London", date(2026, 3, 28), datetime(2026, 3, 30, 0, 10), 2),
        # New York falls back on 1 November 2026: that day has 25 hours.
        ("America/New_York", date(2026, 10, 31), datetime(2026, 11, 1, 1, 30), 1),
        ("America/New_York", date(2026, 10, 31), datetime(2026, 11, 1, 23, 59), 1),
        ("America/New_York", date(2026, 10, 31), datetime(2026, 11, 2, 0, 1), 2),
    ],
)
def test_day_numbers_follow_the_calendar_across_clock_changes(zone, day0, moment, expected):
    aware = moment.replace(tzinfo=ZoneInfo(zone))
    assert day_number(local_date(aware), day0) == expected


def test_a_leap_day_is_a_day_of_its_own():
    day0 = date(2028, 2, 27)
    assert day_number(date(2028, 2, 29), day0) == 2
    assert day_number(date(2028, 3, 1), day0) == 3
    assert date_of_day(100, day0) == date(2028, 6, 6)
    assert date_of_day(-6, date(2028, 3, 2)) == date(2028, 2, 25)


def test_naive_moments_and_datetimes_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        local_date(datetime(2026, 1, 1, 12))
    with pytest.raises(TypeError):
        day_number(datetime(2026, 1, 1, 12), date(2026, 1, 1))


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 15), 2) == date(2027, 1, 15)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 1, 1)), st.integers(-400, 40000))
def test_date_of_day_and_day_number_are_inverse(day0, number):
    assert day_number(date_of_day(number, day0), day0) == number


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 1, 1)), st.integers(0, 120))
def test_add_months_never_overflows_and_lands_in_the_right_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day


def test_dates_stay_english_under_a_german_c_locale():
    """Weekdays and months come from the app's language, not the C library's locale."""
    import locale

    from companion.domain.days import app_strftime, format_date, format_short_date

    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        old = None  # no German locale here: the names must be English all the same
    try:
        day = date(2026, 12, 7)
        assert format_date(day) == "Monday 7 December 2026"
        assert format_short_date(day) == "7 Dec"
        assert app_strftime(day, "%a %d %b %Y 100%%") == "Mon 07 Dec 2026 100%"
    finally:
        if old is not None:
            locale.setlocale(locale.LC_TIME, old)


@pytest.mark.parametrize("tag", ["en", "en_GB", "en_US", "en_AU"])
def test_english_dates_worded_without_babel_are_babels(tag):
    """The first frame words its English dates from our own name tables (no Babel import):
    they are exactly what Babel says, in every English locale, for every day of a year."""
    from companion import i18n
    from companion.domain.days import format_date, format_long_date, format_month

    babel_dates = pytest.importorskip("babel.dates")
    i18n.set_language(tag)
    try:
        day = date(2026, 1, 1)
        for offset in range(366):
            current = day + timedelta(days=offset)
            assert format_date(current) == babel_dates.format_date(
                current, "EEEE d MMMM y", locale=tag
            )
            assert format_long_date(current) == babel_dates.format_date(
                current, "d MMMM y", locale=tag
            )
            assert format_month(current) == babel_dates.format_date(current, "MMMM y", locale=tag)
    finally:
        i18n.set_language("en")
