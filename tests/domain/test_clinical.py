"""Clinical numbers: every one has a source and a range; bad values are explained."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.alerts import FeverRule
from companion.domain.clinical import (
    CLINICAL_SETTINGS,
    ClinicalNumbers,
    SettingError,
    validate_setting,
)
from companion.domain.kinds import GraftSource


def test_every_number_has_a_source_and_its_default_is_in_range():
    for setting in CLINICAL_SETTINGS:
        off = setting.can_be_off and setting.default == 0
        assert off or setting.minimum <= setting.default <= setting.maximum
        assert any(
            word in setting.source
            for word in (
                "NMDP",
                "ASTCT",
                "Sloan",
                "CIBMTR",
                "CDC",
                "IDSA",
                "EBMT",
                "Cancer Research UK",
                "MAGIC",
                "not a clinical standard",
            )
        )


def test_defaults_match_the_published_numbers():
    numbers = ClinicalNumbers()
    assert numbers.engraftment_window(GraftSource.BLOOD) == (10, 21)
    assert numbers.engraftment_window(GraftSource.MARROW) == (10, 21)
    assert numbers.engraftment_window(GraftSource.CORD_BLOOD) == (10, 42)
    assert numbers.counts_check_in_day(GraftSource.BLOOD) == 30
    assert numbers.counts_check_in_day(GraftSource.CORD_BLOOD) == 42
    assert numbers.close_care_days == 100


@pytest.mark.parametrize(("key", "value"), [("close_care_days", 10), ("close_care_days", math.nan)])
def test_out_of_range_values_say_the_range(key, value):
    with pytest.raises(SettingError, match="from 30 to 365"):
        validate_setting(key, value)


def test_window_end_before_its_start_is_refused():
    numbers = ClinicalNumbers({"engraftment_window_start": 25.0})
    with pytest.raises(SettingError, match="must not be before"):
        numbers.validated()


@given(st.sampled_from(CLINICAL_SETTINGS), st.floats(allow_nan=True, allow_infinity=True))
def test_validate_accepts_in_range_and_explains_the_rest(setting, value):
    try:
        cleaned = validate_setting(setting.key, value)
    except SettingError as error:
        assert setting.label in str(error)
        assert not setting.minimum <= value <= setting.maximum
    else:
        off = setting.can_be_off and cleaned == 0
        assert off or setting.minimum <= cleaned <= setting.maximum


def test_fever_rule_from_the_numbers_and_presets():
    from companion.domain.clinical import FEVER_PRESETS

    assert ClinicalNumbers().fever_rule == FeverRule(single_c=38.0)
    idsa = ClinicalNumbers(dict(FEVER_PRESETS["idsa"]))
    assert idsa.fever_rule == FeverRule(single_c=38.3, sustained_c=38.0, sustained_minutes=60)
    assert validate_setting("fever_sustained_c", 0) == 0.0
    with pytest.raises(SettingError, match="or 0 for not used"):
        validate_setting("fever_sustained_c", 36.0)
    with pytest.raises(SettingError, match="should not be higher"):
        ClinicalNumbers({"fever_single_c": 38.0, "fever_sustained_c": 38.5}).validated()
