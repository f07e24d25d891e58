"""Saving the Settings dialog: the transplant, the team and the clinical numbers as one intent."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from companion.domain.clinical import ClinicalNumbers, validate_setting
from companion.domain.journey import Journey, Transplant
from companion.domain.team import Team
from companion.storage.db import writing
from companion.storage.journey_repository import JourneyRepository, SettingsRepository
from companion.storage.preferences import PreferencesRepository


def save_settings(
    db: Database,
    transplant: Transplant,
    team: Team,
    numbers: dict[str, float],
    now: datetime | None = None,
    preferences: dict[str, str] | None = None,
) -> tuple[Journey, Team, ClinicalNumbers]:
    """Validate everything first, then save all three in one transaction, or nothing.

    Raises:
        TeamError, SettingError, ValueError: with a message for the user; nothing saved.
    """
    team = team.validated()
    for key, value in numbers.items():
        validate_setting(key, value)
    journeys, settings = JourneyRepository(db), SettingsRepository(db)
    with writing(db):
        journey = journeys.save_transplant(transplant, now)
        saved_team = journeys.save_team(team, now)
        saved_numbers = settings.save_numbers(numbers, now)
        for key, value in (preferences or {}).items():
            PreferencesRepository(db).set(key, value)
    return journey, saved_team, saved_numbers
