"""``service.settings``: the team, the clinical numbers, the units and other preferences, and
the rules' settings worked out from them; saving what the Settings page (or the
``settings`` command) changed, as one operation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from companion.domain.alerts import Alert
from companion.domain.clinical import TEMPERATURE_KEYS, ClinicalNumbers, validate_setting
from companion.domain.entries import TemperatureUnit
from companion.domain.journey import Transplant
from companion.domain.kinds import TransplantKind
from companion.domain.labs import CountUnit, HbUnit, IggUnit
from companion.domain.rules import RuleSettings, Vocabulary
from companion.domain.team import Team
from companion.i18n import _
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.journey_repository import (
    JourneyRepository,
    SettingsRepository,
    record_change,
)
from companion.storage.preferences import DEFAULT_ADVICE, PreferencesRepository
from companion.storage.times import iso

if TYPE_CHECKING:
    from companion.service.diary import DiaryService

# What a preference is until the user chooses (see the properties below).
PREFERENCE_DEFAULTS = {
    "temperature_unit": TemperatureUnit.CELSIUS.value,
    "count_unit": CountUnit.PER_L.value,
    "hb_unit": HbUnit.G_DL.value,
    "igg_unit": IggUnit.G_L.value,  # issue 21
    "team_advice": DEFAULT_ADVICE,
    "country": "",
    "limit_site": "mouth",
}


@dataclass(frozen=True, slots=True)
class SettingsSaved:
    """Settings saved; ``alerts``: raised at once by readings of the last day that the new
    temperature limits now make alerts."""

    alerts: tuple[Alert, ...]


class Settings:
    """``service.settings``: what the patient and the team chose, read through the
    service's cache (a write that touches settings or the team clears it)."""

    def __init__(self, service: DiaryService) -> None:
        self._service = service
        self._journeys = JourneyRepository(service.db)
        self._numbers = SettingsRepository(service.db)
        self._preferences = PreferencesRepository(service.db)

    # Reading ------------------------------------------------------------------------------

    @property
    def team(self) -> Team | None:
        return self._service._cached("team", self._journeys.load_team)

    @property
    def numbers(self) -> ClinicalNumbers:
        return self._service._cached("numbers", self._numbers.numbers)

    def preference(self, key: str, default: str | None = None) -> str:
        """A stored preference (``default``: its value until chosen; None: the one in
        ``PREFERENCE_DEFAULTS``, else "")."""
        if default is None:
            default = PREFERENCE_DEFAULTS.get(key, "")
        return self._service._cached(f"pref:{key}", lambda: self._preferences.get(key, default))

    @property
    def temperature_unit(self) -> TemperatureUnit:
        return TemperatureUnit(self.preference("temperature_unit"))

    @property
    def count_unit(self) -> CountUnit:
        return CountUnit(self.preference("count_unit"))

    @property
    def hb_unit(self) -> HbUnit:
        return HbUnit(self.preference("hb_unit"))

    @property
    def igg_unit(self) -> IggUnit:
        return IggUnit(self.preference("igg_unit"))

    @property
    def team_advice(self) -> str:
        """The team's own advice as typed; the app's default in the language in force."""
        advice = self.preference("team_advice")
        return _(DEFAULT_ADVICE) if advice == DEFAULT_ADVICE else advice

    @property
    def country(self) -> str:
        """ISO 3166 code chosen in setup ("" if none): it picks the emergency number."""
        return self.preference("country")

    @property
    def limit_site(self) -> str:
        """Where the team's temperature limits are measured (a site id: mouth, armpit…)."""
        return self.preference("limit_site")

    @property
    def vocabulary(self) -> Vocabulary:
        from companion.content.vocabulary import load_vocabulary

        return load_vocabulary()

    def rule_settings(self, on: date | None = None) -> RuleSettings:
        """The numbers the alert rules use on ``on`` (default today)."""
        numbers = self.numbers
        donor = True
        transplants = self._service.transplants
        if transplants.is_set_up:
            kind = transplants.on(on or self._service.today()).kind
            donor = kind is TransplantKind.ALLOGENEIC
        return RuleSettings(
            fever=numbers.fever_rule,
            rise_by_c=numbers["fever_rise_c"],
            low_c=numbers["low_temp_c"],
            weight_percent=numbers["weight_gain_percent"],
            weight_rising_days=int(numbers["weight_rising_days"]),
            weight_rising_min_kg=numbers["weight_rising_min_kg"],
            stools_per_day=int(numbers["stools_per_day"]),
            donor=donor,
        )

    # Writing ------------------------------------------------------------------------------

    def save(
        self,
        transplant: Transplant | None = None,
        team: Team | None = None,
        numbers: Mapping[str, float] | None = None,
        preferences: Mapping[str, str] | None = None,
    ) -> Op[SettingsSaved]:
        """Save what the Settings dialog (or a ``settings`` command) changed, as one intent.

        Validates everything first. When a temperature limit changes, the readings of the
        last 24 hours are judged against the new numbers at once, in the same transaction.

        Raises:
            TeamError, SettingError, CountryError, ValueError: with a message for the
                user; nothing is saved then.
        """
        from companion.domain.emergency import clean_country

        service = self._service
        if team is not None:
            team = team.validated()
        cleaned = {key: validate_setting(key, value) for key, value in (numbers or {}).items()}
        before = self.numbers
        merged = ClinicalNumbers(dict(before.overrides) | cleaned).validated()
        prefs = dict(preferences or {})
        if "country" in prefs:
            prefs["country"] = clean_country(prefs["country"])
        _check_preferences(prefs)
        now = service.now()
        raised: list[Alert] = []
        temperature_changed = any(merged[k] != before[k] for k in TEMPERATURE_KEYS)
        with service._operation("save_settings"):
            if transplant is not None:
                self._journeys.save_transplant(transplant, now)
            if team is not None:
                self._journeys.save_team(team, now)
            if cleaned:
                self._numbers.save_numbers(cleaned, now)
            for key, value in prefs.items():
                old = self.preference(key)
                if old != value:
                    self._preferences.set(key=key, value=value)
                    if key in ("country", "temperature_unit"):
                        record_change(service.db, iso(now), f"preference.{key}", old, value)
            if temperature_changed:
                service._cache.clear()  # the recheck must use the numbers just saved
                raised = service.log._recheck_temperatures(now)
        changes = Changes(
            journey=transplant is not None,
            team=team is not None,
            settings=True,
            history=True,
            alerts=bool(raised),
        )
        return service._result(SettingsSaved(tuple(raised)), changes)

    def set_preference(self, key: str, value: str) -> None:
        """Store one preference inside the caller's operation (a part's own setting)."""
        self._preferences.set(key=key, value=value)


def _check_preferences(prefs: Mapping[str, str]) -> None:
    """Units from their lists, the team's advice within its limit (a restored file is held
    to the same limits, see storage.contents)."""
    from companion.domain.team import MAX_ADVICE_LENGTH, TeamError

    advice = prefs.get("team_advice")
    if advice is not None and len(advice) > MAX_ADVICE_LENGTH:
        raise TeamError(
            _("The team's advice is too long: please keep it under {limit} letters.").format(
                limit=MAX_ADVICE_LENGTH
            ),
            "advice",
        )
    for key, unit in (
        ("temperature_unit", TemperatureUnit),
        ("count_unit", CountUnit),
        ("hb_unit", HbUnit),
        ("igg_unit", IggUnit),  # issue 21
    ):
        if key in prefs and prefs[key] not in {u.value for u in unit}:
            raise ValueError(
                _("Please choose the unit from the list ({value!r} is not one).").format(
                    value=prefs[key]
                )
            )


__all__ = ["PREFERENCE_DEFAULTS", "Settings", "SettingsSaved"]
