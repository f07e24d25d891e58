"""The fever contract: the pure episode detector (a public contract)."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.alerts import FeverRule, c_to_f, f_to_c, fever_events

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


def test_a_single_reading_at_the_limit_is_a_fever():
    events = fever_events([(at(0), 37.2), (at(60), 38.0)], FeverRule())
    assert [e.at for e in events] == [at(60)]
    assert "38.0 °C" in events[0].reason and "100.4 °F" in events[0].reason


def test_just_below_is_not():
    assert fever_events([(at(0), 37.99)], FeverRule()) == []


def test_one_event_per_episode_and_a_new_episode_after_a_normal_reading():
    readings = [(at(0), 38.5), (at(30), 38.9), (at(60), 37.0), (at(90), 38.1)]
    events = fever_events(readings, FeverRule())
    assert [e.at for e in events] == [at(0), at(90)]


def test_readings_in_any_order():
    readings = [(at(90), 38.1), (at(0), 38.5), (at(60), 37.0), (at(30), 38.9)]
    assert [e.at for e in fever_events(readings, FeverRule())] == [at(0), at(90)]


def test_idsa_sustained_rule_fires_after_an_hour_at_the_lower_threshold():
    rule = FeverRule(single_c=38.3, sustained_c=38.0, sustained_minutes=60)
    readings = [(at(0), 38.0), (at(30), 38.1), (at(59), 38.2), (at(60), 38.0), (at(90), 38.2)]
    events = fever_events(readings, rule)
    assert [e.at for e in events] == [at(60)]
    assert "60 minutes" in events[0].reason


def test_sustained_rule_still_fires_on_a_single_high_reading_first():
    rule = FeverRule(single_c=38.3, sustained_c=38.0, sustained_minutes=60)
    readings = [(at(0), 38.0), (at(20), 38.3), (at(90), 38.1)]
    assert [e.at for e in fever_events(readings, rule)] == [at(20)]


def test_a_dip_below_the_lower_threshold_restarts_the_clock():
    rule = FeverRule(single_c=38.3, sustained_c=38.0, sustained_minutes=60)
    readings = [(at(0), 38.1), (at(40), 37.9), (at(70), 38.1), (at(110), 38.1), (at(130), 38.0)]
    assert [e.at for e in fever_events(readings, rule)] == [at(130)]


def test_empty_and_all_normal():
    assert fever_events([], FeverRule()) == []
    assert fever_events([(at(i), 36.8) for i in range(10)], FeverRule()) == []


readings_strategy = st.lists(
    st.tuples(st.integers(0, 10_000).map(at), st.floats(35.0, 41.0)),
    max_size=30,
    unique_by=lambda reading: reading[0],  # a thermometer gives one reading at a time
)


@given(readings_strategy, st.floats(37.5, 39.5))
def test_every_event_is_at_a_reading_at_or_above_the_limit(readings, limit):
    rule = FeverRule(single_c=limit)
    events = fever_events(readings, rule)
    for event in events:
        assert (event.at, event.celsius) in readings
        assert event.celsius >= limit
    # No two events without a reading below the limit between them.
    ordered = sorted(readings)
    for first, second in itertools.pairwise(events):
        between = [c for t, c in ordered if first.at < t < second.at]
        assert any(c < limit for c in between)


@given(readings_strategy)
def test_order_does_not_matter(readings):
    rule = FeverRule(single_c=38.3, sustained_c=38.0)
    forward = [e.at for e in fever_events(readings, rule)]
    backward = [e.at for e in fever_events(list(reversed(readings)), rule)]
    assert forward == backward


@given(st.floats(-50, 60))
def test_unit_conversion_round_trips(celsius):
    assert f_to_c(c_to_f(celsius)) == pytest.approx(celsius)
