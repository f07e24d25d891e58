"""Lab units: conversions, and refusing impossible values with the likely mix-up named."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.labs import CountUnit, HbUnit, LabError, parse_count, parse_hb


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("0.5", CountUnit.PER_L, 0.5),
        ("0.5", CountUnit.PER_UL_THOUSANDS, 0.5),
        ("500", CountUnit.PER_UL, 0.5),
        ("500", CountUnit.PER_MM3, 0.5),
        ("1,2", CountUnit.PER_L, 1.2),
        ("0", CountUnit.PER_UL, 0.0),
    ],
)
def test_anc_units(text, unit, expected):
    assert parse_count(text, unit, "ANC") == pytest.approx(expected)


def test_an_anc_of_500_per_litre_names_the_mix_up():
    with pytest.raises(
        LabError, match=r"An ANC of 500 ×10⁹/L is not possible\. Did you mean 500 /µL"
    ):
        parse_count("500", CountUnit.PER_L, "ANC")


def test_a_decimal_per_microlitre_names_the_mix_up():
    with pytest.raises(LabError, match="looks like a value in ×10⁹/L"):
        parse_count("1.5", CountUnit.PER_UL, "ANC")


def test_platelets_and_hb():
    assert parse_count("25", CountUnit.PER_L, "Platelets") == 25.0
    assert parse_count("25000", CountUnit.PER_UL, "Platelets") == 25.0
    assert parse_hb("9.5", HbUnit.G_DL) == 95.0
    assert parse_hb("95", HbUnit.G_L) == 95.0
    with pytest.raises(LabError, match="Did you mean 95 g/L"):
        parse_hb("95", HbUnit.G_DL)


@given(
    st.text(max_size=12),
    st.sampled_from(list(CountUnit)),
    st.sampled_from(["ANC", "WBC", "Platelets"]),
)
def test_parse_count_accepts_plausible_or_explains(text, unit, what):
    try:
        value = parse_count(text, unit, what)
    except LabError as error:
        assert "." in str(error)
    else:
        assert 0 <= value <= {"ANC": 100, "WBC": 500, "Platelets": 2000}[what]


@given(st.text(max_size=12), st.sampled_from(list(HbUnit)))
def test_parse_hb_accepts_plausible_or_explains(text, unit):
    try:
        grams = parse_hb(text, unit)
    except LabError:
        pass
    else:
        assert 20 <= grams <= 250
