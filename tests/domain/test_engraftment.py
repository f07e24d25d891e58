"""The CIBMTR engraftment definitions, from their wording."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from companion.domain.engraftment import (
    compute_anc,
    daily_lowest,
    neutrophil_recovery,
    platelet_recovery,
)

D0 = date(2026, 3, 1)


def days(*pairs):
    return [(D0 + timedelta(days=d), v) for d, v in pairs]


def test_three_consecutive_values_after_the_nadir_first_of_three():
    anc = days((1, 2.0), (4, 0.3), (8, 0.0), (12, 0.4), (13, 0.5), (14, 0.6), (15, 1.1))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=13)


def test_values_before_the_nadir_do_not_count():
    # Above 0.5 three times while still falling after conditioning: not recovery.
    anc = days((-2, 3.0), (-1, 1.5), (0, 0.9), (5, 0.01), (16, 0.7), (17, 0.8), (18, 0.9))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=16)


def test_a_dip_restarts_the_run():
    anc = days((6, 0.0), (14, 0.6), (15, 0.7), (16, 0.4), (17, 0.5), (18, 0.6), (19, 0.8))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=17)


def test_same_day_values_count_once_as_the_lowest():
    anc = days((6, 0.0), (14, 0.6), (14, 0.4), (15, 0.7), (16, 0.8), (17, 0.9))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=15)
    assert daily_lowest(days((1, 5.0), (1, 3.0))) == days((1, 3.0))


def test_gaps_between_days_do_not_matter():
    anc = days((6, 0.1), (14, 0.6), (20, 0.7), (27, 0.8))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=14)


def test_not_met_and_never_fell():
    assert neutrophil_recovery(days((6, 0.1), (14, 0.6), (15, 0.7))) is None
    assert neutrophil_recovery(days((1, 2.0), (2, 1.0), (3, 0.6))) is None
    assert neutrophil_recovery([]) is None


def test_any_order():
    anc = days((15, 1.1), (13, 0.5), (8, 0.0), (14, 0.6), (12, 0.4))
    assert neutrophil_recovery(anc) == D0 + timedelta(days=13)


def test_platelets_need_seven_transfusion_free_days():
    plt = days((7, 8.0), (15, 25.0), (16, 30.0), (17, 33.0), (18, 40.0), (19, 42.0))
    assert platelet_recovery(plt, []) == D0 + timedelta(days=15)
    # A transfusion on day 10 rules out values up to day 17 (10 + 7).
    assert platelet_recovery(plt, [D0 + timedelta(days=10)]) is None
    longer = plt + days((20, 45.0))
    assert platelet_recovery(longer, [D0 + timedelta(days=10)]) == D0 + timedelta(days=18)
    # The same day counts as "in the 7 days before".
    assert platelet_recovery(plt, [D0 + timedelta(days=15)]) is None


def test_platelets_at_50():
    plt = days((7, 8.0), (15, 25.0), (16, 52.0), (17, 55.0), (18, 60.0))
    assert platelet_recovery(plt, [], threshold=50.0) == D0 + timedelta(days=16)
    assert platelet_recovery(plt, [], threshold=20.0) == D0 + timedelta(days=15)


def test_platelets_that_never_fell_below_20():
    assert platelet_recovery(days((3, 80.0), (5, 60.0), (8, 90.0)), []) is None


def test_anc_from_wbc_and_differential():
    assert compute_anc(1.2, 45) == 0.54


anc_values = st.lists(
    st.tuples(st.integers(-10, 60).map(lambda d: D0 + timedelta(days=d)), st.floats(0, 20)),
    max_size=40,
)


@given(anc_values)
def test_a_recovery_date_is_a_lab_day_at_or_above_threshold_after_a_lower_day(values):
    result = neutrophil_recovery(values)
    daily = dict(daily_lowest(values))
    if result is not None:
        assert daily[result] >= 0.5
        assert any(day < result and v < 0.5 for day, v in daily.items())
        later = sorted(d for d in daily if d >= result)[:3]
        assert len(later) == 3 and all(daily[d] >= 0.5 for d in later)


@given(anc_values)
def test_order_and_duplicates_do_not_change_the_result(values):
    assert neutrophil_recovery(values) == neutrophil_recovery(list(reversed(values)) + values)
