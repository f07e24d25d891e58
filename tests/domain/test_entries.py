"""Parsing and validating what the user types: clear messages, never a crash."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.entries import (
    Entry,
    EntryError,
    EntryKind,
    TemperatureUnit,
    WeightUnit,
    check_entry,
    check_time,
    parse_temperature,
    parse_weight,
)
from companion.domain.text import has_controls

C, F = TemperatureUnit.CELSIUS, TemperatureUnit.FAHRENHEIT
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "unit", "celsius"),
    [
        ("37.5", C, 37.5),
        ("37,5", C, 37.5),
        (" 38 ", C, 38.0),
        ("100.4", F, 38.0),
        ("101 F", C, 38.33),
        ("38.2°C", F, 38.2),
        ("34", C, 34.0),
        ("43", C, 43.0),
    ],
)
def test_temperatures_people_type(text, unit, celsius):
    assert parse_temperature(text, unit) == pytest.approx(celsius, abs=0.01)


def test_the_wrong_unit_is_named():
    with pytest.raises(EntryError, match="101 with °C selected looks wrong — did you mean °F"):
        parse_temperature("101", C)
    with pytest.raises(EntryError, match=r"38\.5 with °F selected looks wrong — did you mean °C"):
        parse_temperature("38.5", F)


@pytest.mark.parametrize("text", ["", "hot", "33.9", "43.1", "120", "-38", "3 8"])
def test_impossible_temperatures_are_refused(text):
    with pytest.raises(EntryError):
        parse_temperature(text, C)


@given(st.text(max_size=20), st.sampled_from([C, F]))
def test_parse_temperature_accepts_in_range_or_explains(text, unit):
    try:
        celsius = parse_temperature(text, unit)
    except EntryError as error:
        assert str(error).endswith((".", "?", "saved."))
    else:
        assert 34.0 <= celsius <= 43.0


@given(st.text(max_size=20), st.sampled_from(list(WeightUnit)))
def test_parse_weight_accepts_in_range_or_explains(text, unit):
    try:
        kg = parse_weight(text, unit)
    except EntryError:
        pass
    else:
        assert 20 <= kg <= 300


def test_weight_in_pounds():
    assert parse_weight("154", WeightUnit.LB) == pytest.approx(69.85, abs=0.01)
    with pytest.raises(EntryError, match="kg or lb"):
        parse_weight("700", WeightUnit.KG)


def test_future_times_are_refused_but_a_little_clock_skew_is_not():
    with pytest.raises(EntryError, match="in the future"):
        check_time(NOW + timedelta(minutes=5), NOW)
    assert check_time(NOW + timedelta(seconds=30), NOW)


@given(st.text(max_size=2100))
def test_notes_accept_any_unicode_up_to_the_limit(text):
    entry = Entry(at=NOW, kind=EntryKind.NOTE, note=text)
    try:
        checked = check_entry(entry, NOW)
    except EntryError as error:
        assert len(text.strip()) > 2000 or not text.strip() or has_controls(text.strip())
        assert str(error).endswith(".")
    else:
        assert checked.note == text.strip()
        assert not has_controls(checked.note)


@given(
    st.sampled_from(list(EntryKind)),
    st.one_of(st.none(), st.floats(allow_nan=True)),
    st.one_of(st.none(), st.integers(-3, 8)),
    st.text(max_size=12),
)
def test_check_entry_never_crashes(kind, value, severity, term):
    entry = Entry(at=NOW, kind=kind, value=value, severity=severity, term=term)
    try:
        check_entry(entry, NOW)
    except EntryError as error:
        assert str(error)
