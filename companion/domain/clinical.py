"""Clinical numbers the app uses, each with its public source, a default and a sane range.

Transplant centres differ, so every number here can be changed in Settings; a change is
recorded with its old and new value (see ``companion.storage``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from companion.domain.alerts import (
    CDC_SINGLE_C,
    IDSA_SINGLE_C,
    IDSA_SUSTAINED_C,
    IDSA_SUSTAINED_MINUTES,
    FeverRule,
)
from companion.domain.kinds import GraftSource
from companion.domain.labs import fixed_text, number_text
from companion.i18n import N_, _, format_day_number

NMDP_ENGRAFTMENT = N_(
    "NMDP, 'Engraftment' patient page: about 10–21 days after marrow or blood stem cells, "
    "up to 6 weeks after cord blood. https://www.nmdp.org/patients"
)
ASTCT_RECOVERY = N_(
    "ASTCT consensus definitions of blood count recovery: expected by Day +30 after blood or "
    "marrow, Day +42 after cord blood (Kharfan-Dabaja et al., Transplant Cell Ther "
    "2021;27:642)."
)
CLOSE_CARE = N_(
    "Memorial Sloan Kettering and University of Utah Health patient guides: after a donor "
    "transplant most people stay near the centre, with a carer at all times, for about "
    "100 days. https://www.mskcc.org/cancer-care/patient-education/allogeneic-stem-cell-transplantation"
)
CDC_FEVER = N_(
    "CDC, 'Preventing infections in cancer patients': call your doctor right away at "
    "38.0 °C (100.4 °F) or higher. https://www.cdc.gov/cancer-preventing-infections/"
)
IDSA_FEVER = N_(
    "IDSA 2010 guideline (Freifeld et al., Clin Infect Dis 2011;52:e56): one oral reading of "
    "38.3 °C (101 °F), or 38.0 °C (100.4 °F) lasting over 1 hour. "
    "https://doi.org/10.1093/cid/cir073"
)
EBMT_WEIGHT = N_(
    "EBMT adult criteria for the liver problem VOD/SOS (Mohty et al., Bone Marrow Transplant "
    "2016;51:906, https://doi.org/10.1038/bmt.2016.130) count a weight gain of more than 5 % "
    "above the weight before treatment (the baseline). Your team may use another limit."
)
EBMT_WEIGHT_RISING = N_(
    "EBMT paediatric criteria for VOD/SOS (Corbacioglu et al., Bone Marrow Transplant "
    "2018;53:138, https://doi.org/10.1038/bmt.2017.161) add weight gain on 3 consecutive "
    "days. Your team may use another number."
)
APP_WEIGHT_STEP = N_(
    "The app's own default, not a clinical standard: the EBMT paediatric criteria (Corbacioglu "
    "et al., Bone Marrow Transplant 2018;53:138, https://doi.org/10.1038/bmt.2017.161) name "
    "weight gain on 3 days in a row but give no amount. So that the everyday ups and downs of a "
    "scale do not raise cards, a day counts as a rise only if it adds at least this much. Ask "
    "your team what they prefer."
)
LOW_TEMPERATURE = N_(
    "Cancer Research UK, 'Fever and infection': a temperature lower than usual can also be a "
    "sign of infection; The Christie's 24-hour line asks for a call below 36 °C. "
    "https://www.cancerresearchuk.org/about-cancer/treatment/chemotherapy/side-effects/"
    "infection — https://www.christie.nhs.uk/patients-and-visitors/services/"
    "the-christie-hotline"
)
MAGIC_STOOLS = N_(
    "Diarrhoea is a reason to call after every kind of transplant (NMDP, Cleveland Clinic and "
    "Allina call lists). After a donor transplant it can also be gut GVHD: the MAGIC criteria for "
    "staging gut GVHD (Harris et al., Biol Blood Marrow Transplant 2016;22:4, "
    "https://doi.org/10.1016/j.bbmt.2015.09.001) start at 3–4 loose stools a day "
    "in adults. Count loose or watery stools since midnight. Your team may use another number."
)
APP_RISE = N_(
    "The app's own default, not a clinical standard: after you contacted your team about a "
    "temperature, a reading this much higher than the highest one before that call raises a "
    "new card, so a rising fever is never missed. Ask your team what they prefer."
)
FOLLOW_UP = N_(
    "CIBMTR/NMDP long-term screening guidelines, 2023 update (Rotz et al., Transplant Cell "
    "Ther 2024): visits at 6 months, 1 year, then yearly."
)
FLU_SEASON = N_(
    "CDC, who needs a flu vaccine and when (northern hemisphere: vaccinate in September or "
    "October, and later while flu goes round): https://www.cdc.gov/flu/vaccines/vaccinations.html"
    "; WHO, vaccines for the southern hemisphere season (from about March or April): "
    "https://www.who.int/teams/global-influenza-programme/vaccines; IDSA 2013 (Rubin et al., "
    "Clin Infect Dis 2014;58:e44): inactivated flu vaccine every season for life"
)
TOMBLYN_PERIODS = N_(
    "Tomblyn et al., Biol Blood Marrow Transplant 2009;15:1143 (CDC/IDSA/ASBMT): infection "
    "risk in three periods — before engraftment, engraftment to about Day +100, and after "
    "Day +100. https://doi.org/10.1016/j.bbmt.2009.06.019"
)
LIVE_2_1_8 = N_(
    "IDSA 2013 guideline, Rubin et al., Clin Infect Dis 2014;58:e44, recommendations 85–87, "
    "and Fred Hutch long-term follow-up ('2-1-8'): live vaccines not before 2 years, at least "
    "1 year off all immunosuppression, at least 8 months after the last IVIG, no active "
    "GVHD; your team confirms. https://doi.org/10.1093/cid/cit684"
)
GVHD_CHECK_FROM = N_(
    "The app's own default, set by your team: the chronic GVHD signs are offered after a "
    "donor transplant from this day. Chronic GVHD is defined by its signs, not by a day, "
    "and can start before Day +100 (NIH 2014 consensus, Jagasia et al., Biol Blood Marrow "
    "Transplant 2015;21:389; Cancer Research UK, graft versus host disease)."
)
APP_OVERDUE = N_(
    "The app's own default, not a clinical standard: a vaccine dose not marked given this "
    "many days after its earliest date is shown as overdue. Ask your team."
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
    can_be_off: bool = False  # 0 means "not used" (the sustained-fever rule is optional)
    # The values the cited sources themselves give (lowest, highest), for the limits that
    # decide when to call: a value outside them is allowed (centres differ) but must be
    # confirmed, naming this range, so a typo cannot mute the alerts. None: no such range.
    published: tuple[float, float] | None = None

    def outside_published(self, value: float) -> bool:
        """True when ``value`` is outside the published range ("not used" never is)."""
        if self.published is None or (self.can_be_off and value == 0):
            return False
        low, high = self.published
        return not low - 1e-9 <= value <= high + 1e-9

    # ``label``, ``unit`` and ``source`` are marked (``N_``) when the module is imported, before
    # the language is chosen: these give them in the app's language.
    @property
    def label_text(self) -> str:
        return _(self.label)

    @property
    def unit_text(self) -> str:
        return _(self.unit)

    @property
    def source_text(self) -> str:
        return _(self.source)

    def number_text(self, value: float) -> str:
        """``value`` with this setting's decimals, in the app's language (38.0 / 38,0)."""
        return fixed_text(value, self.decimals)

    def published_text(self) -> str:
        """ "38.0 to 38.3 °C", or "60 minutes" when the sources give one value."""
        assert self.published is not None
        low, high = (self.number_text(v) for v in self.published)
        if low == high:
            return _("{value} {unit}").format(value=low, unit=self.unit_text)
        return _("{low} to {high} {unit}").format(low=low, high=high, unit=self.unit_text)


CLINICAL_SETTINGS: tuple[ClinicalSetting, ...] = (
    ClinicalSetting(
        "engraftment_window_start",
        N_("Counts usually start to recover from"),
        N_("days after Day 0"),
        10,
        1,
        60,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "engraftment_window_end_blood",
        N_("…and by (blood or marrow stem cells)"),
        N_("days after Day 0"),
        21,
        1,
        90,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "engraftment_window_end_cord",
        N_("…and by (cord blood)"),
        N_("days after Day 0"),
        42,
        1,
        150,
        NMDP_ENGRAFTMENT,
    ),
    ClinicalSetting(
        "counts_check_in_blood",
        N_("Ask your team about counts if not recovered by (blood or marrow)"),
        N_("days after Day 0"),
        30,
        1,
        150,
        ASTCT_RECOVERY,
    ),
    ClinicalSetting(
        "counts_check_in_cord",
        N_("Ask your team about counts if not recovered by (cord blood)"),
        N_("days after Day 0"),
        42,
        1,
        200,
        ASTCT_RECOVERY,
    ),
    ClinicalSetting(
        "close_care_days",
        N_("Stay close to the centre until"),
        N_("days after Day 0"),
        100,
        30,
        365,
        CLOSE_CARE,
    ),
    ClinicalSetting(
        "fever_single_c",
        N_("Call your team at one temperature of"),
        "°C",
        38.0,
        37.0,
        40.0,
        CDC_FEVER,
        decimals=1,
        published=(CDC_SINGLE_C, IDSA_SINGLE_C),  # CDC 38.0 °C, IDSA 38.3 °C
    ),
    ClinicalSetting(
        "fever_sustained_c",
        N_("…or at a temperature lasting a while of (0 = not used)"),
        "°C",
        0.0,
        37.0,
        40.0,
        IDSA_FEVER,
        decimals=1,
        can_be_off=True,
        published=(IDSA_SUSTAINED_C, IDSA_SUSTAINED_C),
    ),
    ClinicalSetting(
        "fever_sustained_minutes",
        N_("…lasting at least"),
        N_("minutes"),
        60,
        15,
        240,
        IDSA_FEVER,
        published=(IDSA_SUSTAINED_MINUTES, IDSA_SUSTAINED_MINUTES),
    ),
    ClinicalSetting(
        "fever_rise_c",
        N_("After you contacted your team, call again if it rises by"),
        "°C",
        0.5,
        0.1,
        2.0,
        APP_RISE,
        decimals=1,
    ),
    ClinicalSetting(
        "low_temp_c",
        N_("Call your team at a temperature below"),
        "°C",
        36.0,
        34.5,
        36.5,
        LOW_TEMPERATURE,
        decimals=1,
    ),
    ClinicalSetting(
        "weight_gain_percent",
        N_("Call your team if your weight is above your weight before treatment by more than"),
        "%",
        5.0,
        1.0,
        20.0,
        EBMT_WEIGHT,
        decimals=1,
    ),
    ClinicalSetting(
        "weight_rising_days",
        N_("…or if your weight has gone up on this many days in a row"),
        N_("days"),
        3,
        2,
        7,
        EBMT_WEIGHT_RISING,
    ),
    ClinicalSetting(
        "weight_rising_min_kg",
        N_("…each day adding at least"),
        N_("kg"),
        0.5,
        0.1,
        3.0,
        APP_WEIGHT_STEP,
        decimals=1,
    ),
    ClinicalSetting(
        "stools_per_day",
        N_("Call your team at this many loose stools in one day"),
        N_("a day"),
        3,
        1,
        20,
        MAGIC_STOOLS,
    ),
    # Issue 21: rebuilding the immune system (sources in companion.domain.immunity).
    ClinicalSetting(
        "late_infection_day",
        N_("The late period of infection risk starts after"),
        N_("days after Day 0"),
        100,
        30,
        365,
        TOMBLYN_PERIODS,
    ),
    ClinicalSetting(
        "live_vaccine_months",
        N_("Live vaccines: not before"),
        N_("months after Day 0"),
        24,
        12,
        60,
        LIVE_2_1_8,
    ),
    ClinicalSetting(
        "live_off_immunosuppression_months",
        N_("Live vaccines: off all immunosuppression for at least"),
        N_("months"),
        12,
        0,
        36,
        LIVE_2_1_8,
    ),
    ClinicalSetting(
        "live_after_ivig_months",
        N_("Live vaccines: after the last IVIG infusion, wait at least"),
        N_("months"),
        8,
        0,
        24,
        LIVE_2_1_8,
    ),
    ClinicalSetting(
        "gvhd_check_from_day",
        N_("Chronic GVHD signs: offered after a donor transplant from"),
        N_("days after Day 0"),
        30,
        0,
        365,
        GVHD_CHECK_FROM,
    ),
    ClinicalSetting(
        "flu_season_start_month",
        N_("Flu vaccines: the flu season starts in month (9 = September, 3 = March)"),
        N_("month of the year"),
        9,
        1,
        12,
        FLU_SEASON,
    ),
    ClinicalSetting(
        "flu_season_months",
        N_("Flu vaccines: the flu season lasts"),
        N_("months"),
        6,
        3,
        12,
        FLU_SEASON,
    ),
    ClinicalSetting(
        "vaccine_overdue_days",
        N_("Show a vaccine dose as overdue this long after its earliest date"),
        N_("days"),
        60,
        7,
        365,
        APP_OVERDUE,
    ),
)

# The numbers that decide when the app tells the patient to call: a change to any of them
# is confirmed in Settings, naming the old and new values.
ALERT_LIMIT_KEYS = frozenset(
    {
        "fever_single_c",
        "fever_sustained_c",
        "fever_sustained_minutes",
        "fever_rise_c",
        "low_temp_c",
        "weight_gain_percent",
        "weight_rising_days",
        "weight_rising_min_kg",
        "stools_per_day",
    }
)
# The temperature limits: a change to any of them re-checks the last 24 hours' readings.
TEMPERATURE_KEYS = frozenset(
    {"fever_single_c", "fever_sustained_c", "fever_sustained_minutes", "fever_rise_c", "low_temp_c"}
)
# A single-reading limit above this is allowed (centres differ) but flagged when it is set:
# a typo such as 39.8 for 38.9 would silently mute fever alerts (clinical review, #17).
HIGH_FEVER_LIMIT_C = 38.5

# Named sets of fever numbers the user can pick in Settings ("my centre's" = their own).
FEVER_PRESETS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "cdc": {
            "fever_single_c": CDC_SINGLE_C,
            "fever_sustained_c": 0.0,
            "fever_sustained_minutes": IDSA_SUSTAINED_MINUTES,
        },
        "idsa": {
            "fever_single_c": IDSA_SINGLE_C,
            "fever_sustained_c": IDSA_SUSTAINED_C,
            "fever_sustained_minutes": IDSA_SUSTAINED_MINUTES,
        },
    }
)
FEVER_PRESET_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "cdc": N_("CDC: 38.0 °C (100.4 °F) once"),
        "idsa": N_("IDSA: 38.3 °C once, or 38.0 °C for an hour"),
    }
)

SETTINGS_BY_KEY: Mapping[str, ClinicalSetting] = MappingProxyType(
    {s.key: s for s in CLINICAL_SETTINGS}
)


def setting_text(key: str, value: float) -> str:
    """A clinical number as the user reads it: "38.0 °C", "60 minutes", "not used"."""
    setting = SETTINGS_BY_KEY[key]
    if setting.can_be_off and value == 0:
        return _("not used")
    return _("{value} {unit}").format(value=setting.number_text(value), unit=setting.unit_text)


class SettingError(ValueError):
    """A value the user typed for a clinical number cannot be used; the message says why."""


def validate_setting(key: str, value: float) -> float:
    """Check one value against its setting's range and return it, or raise SettingError."""
    setting = SETTINGS_BY_KEY.get(key)
    if setting is None:
        raise SettingError(_("There is no setting called {key}.").format(key=repr(key)))
    if setting.can_be_off and value == 0:
        return 0.0
    if value != value or not setting.minimum <= value <= setting.maximum:  # NaN fails too
        values = {
            "setting": setting.label_text,
            "minimum": number_text(setting.minimum),
            "maximum": number_text(setting.maximum),
            "unit": setting.unit_text,
        }
        if setting.can_be_off:
            text = _(
                "{setting}: please enter a number from {minimum} to {maximum} {unit}, or 0 "
                "for not used."
            )
        else:
            text = _("{setting}: please enter a number from {minimum} to {maximum} {unit}.")
        raise SettingError(text.format(**values))
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
        sustained = self["fever_sustained_c"]
        if sustained and sustained > self["fever_single_c"]:
            raise SettingError(
                _(
                    "The temperature that must last a while should not be higher than the "
                    "one-reading temperature."
                )
            )
        start = self["engraftment_window_start"]
        for key in ("engraftment_window_end_blood", "engraftment_window_end_cord"):
            if self[key] < start:
                raise SettingError(
                    _("{setting} must not be before {day}, when counts start to recover.").format(
                        setting=SETTINGS_BY_KEY[key].label_text, day=format_day_number(int(start))
                    )
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

    def as_dict(self) -> dict[str, float]:
        return {key: self[key] for key in SETTINGS_BY_KEY}

    @property
    def fever_rule(self) -> FeverRule:
        sustained = self["fever_sustained_c"] or None
        return FeverRule(
            single_c=self["fever_single_c"],
            sustained_c=sustained,
            sustained_minutes=int(self["fever_sustained_minutes"]),
        )
