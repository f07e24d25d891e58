"""Clinical numbers the app uses, each with its public source, a default and a sane range.

Transplant centres differ, so every number here can be changed in Settings; a change is
recorded with its old and new value (see ``companion.storage``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from companion.domain.kinds import GraftSource

NMDP_ENGRAFTMENT = (
    "NMDP, 'Engraftment' patient page: about 10–21 days after marrow or blood stem cells, "
    "up to 6 weeks after cord blood. https://www.nmdp.org/patients"
)
ASTCT_RECOVERY = (
    "ASTCT consensus definitions of blood count recovery: expected by Day +30 after blood or "
    "marrow, Day +42 after cord blood (Kharfan-Dabaja et al., Transplant Cell Ther "
    "2021;27:642)."
)
CLOSE_CARE = (
    "Memorial Sloan Kettering and University of Utah Health patient guides: after a donor "
    "transplant most people stay near the centre, with a carer at all times, for about "
    "100 days. https://www.mskcc.org/cancer-care/patient-education/allogeneic-stem-cell-transplantation"
)
FOLLOW_UP = (
    "CIBMTR/NMDP long-term screening guidelines, 2023 update (Rotz et al., Transplant Cell "
    "Ther 2024): visits at 6 months, 1 year, then yearly."
)


@dataclass(frozen=True, slots=True)
class ClinicalSetting:
    """One configurable clinical number."""

    key: str
    label: str
    unit: str
    default: float
    minimum: float
    maximum: float
    source: str
    decimals: int = 0


CLINICAL_SETTINGS: tuple[ClinicalSetting, ...] = (
    ClinicalSetting(
        "engraftment_window_start",
        "Counts usually start to recover from",
        "days after Day 0",
        10,
        1,
        60,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "engraftment_window_end_blood",
        "…and by (blood or marrow stem cells)",
        "days after Day 0",
        21,
        1,
        90,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "engraftment_window_end_cord",
        "…and by (cord blood)",
        "days after Day 0",
        42,
        1,
        150,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "counts_check_in_blood",
        "Ask your team about counts if not recovered by (blood or marrow)",
        "days after Day 0",
        30,
        1,
        150,
        ASTCT_RECOVERY,
    ),
    ClinicalSetting(
        "counts_check_in_cord",
        "Ask your team about counts if not recovered by (cord blood)",
        "days after Day 0",
        42,
        1,
        200,
        ASTCT_RECOVERY,
    ),
    ClinicalSetting(
        "close_care_days",
        "Stay close to the centre until",
        "days after Day 0",
        100,
        30,
        365,
        CLOSE_CARE,
    ),
)

SETTINGS_BY_KEY: Mapping[str, ClinicalSetting] = MappingProxyType(
    {s.key: s for s in CLINICAL_SETTINGS}
)


class SettingError(ValueError):
    """A value the user typed for a clinical number cannot be used; the message says why."""


def validate_setting(key: str, value: float) -> float:
    """Check one value against its setting's range and return it, or raise SettingError."""
    setting = SETTINGS_BY_KEY.get(key)
    if setting is None:
        raise SettingError(f"There is no setting called {key!r}.")
    if value != value or not setting.minimum <= value <= setting.maximum:  # NaN fails too
        raise SettingError(
            f"{setting.label}: please enter a number from {setting.minimum:g} to "
            f"{setting.maximum:g} {setting.unit}."
        )
    return round(float(value), setting.decimals) if setting.decimals else float(int(value))


@dataclass(frozen=True, slots=True)
class ClinicalNumbers:
    """The numbers in force: the defaults overlaid with the user's own (already validated)."""

    overrides: Mapping[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> float:
        if key in self.overrides:
            return self.overrides[key]
        return SETTINGS_BY_KEY[key].default

    def validated(self) -> ClinicalNumbers:
        """Raise SettingError if the numbers contradict each other."""
        start = self["engraftment_window_start"]
        for key in ("engraftment_window_end_blood", "engraftment_window_end_cord"):
            if self[key] < start:
                raise SettingError(
                    f"{SETTINGS_BY_KEY[key].label} must not be before "
                    f"Day +{start:g}, when counts start to recover."
                )
        return self

    def engraftment_window(self, source: GraftSource) -> tuple[int, int]:
        """First and last day of the usual recovery window for this graft source."""
        end_key = (
            "engraftment_window_end_cord"
            if source is GraftSource.CORD_BLOOD
            else "engraftment_window_end_blood"
        )
        return int(self["engraftment_window_start"]), int(self[end_key])

    def counts_check_in_day(self, source: GraftSource) -> int:
        key = (
            "counts_check_in_cord" if source is GraftSource.CORD_BLOOD else "counts_check_in_blood"
        )
        return int(self[key])

    @property
    def close_care_days(self) -> int:
        return int(self["close_care_days"])
