"""The alert card's words, made once for the window's card and the command line alike.

The card says what to do first (call emergency services, or the team's number for this
hour), then why (each open alert, with a temperature episode's readings, highest first),
then the latest neutrophil count under a fever, and advice that fits what was logged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from companion.domain.alerts import NEUTROPENIA_ANC, Alert, AlertKind, AlertLevel, card_level
from companion.domain.days import format_date
from companion.domain.entries import TemperatureUnit
from companion.domain.labs import CountUnit
from companion.domain.rules import Reading, Vocabulary
from companion.domain.team import Team
from companion.domain.wording import (
    URGENT,
    advice_for,
    alert_reason,
    anc_line,
    call_team_line,
    care_level,
    care_level_words,
    clock,
    emergency_line,
    headline,
    temperature,
    when,
)
from companion.i18n import N_, _

TELL_TEAM_NOW = N_("Now tell your transplant team")


@dataclass(frozen=True, slots=True)
class CardWords:
    """What an open card says.

    Args:
        level: the card's level (the most urgent open alert).
        level_words: "Urgent", "Immediate action required".
        headline: what to do, in a few words.
        first: the first line of the body (whom to call, now).
        reasons: one line per open alert, with its time; a temperature alert's readings
            (worst first) come before it on a line of their own.
        rest: the other lines (the team's number on an emergency card, the ANC, advice).
        readings: the readings shown per alert id (for the announcement of a new one).
    """

    level: AlertLevel
    level_words: str
    headline: str
    first: str
    reasons: tuple[str, ...]
    rest: tuple[str, ...]
    readings: Mapping[int, tuple[int, ...]]

    @property
    def title(self) -> str:
        """ "Urgent: call your transplant team now", as a screen reader names the card."""
        return _("{level}: {headline}").format(level=self.level_words, headline=self.headline)

    @property
    def body(self) -> list[str]:
        """What to do first, then why, then the rest: read in that order, and by ear."""
        return [self.first, *(f"• {reason}" for reason in self.reasons), *self.rest]

    @property
    def text(self) -> str:
        return "\n".join([self.headline, *self.reasons, self.first, *self.rest])


def readings_line(
    readings: Sequence[Reading], unit: TemperatureUnit, today: date, low: bool = False
) -> str:
    """ "Readings in this episode, highest first: 39.6 °C (103.3 °F) at 00:20, …" (lowest
    first for a low temperature: the worst first). ``readings``: highest first."""
    if len(readings) < 2:
        return ""
    shown = list(reversed(readings)) if low else list(readings)
    parts = ", ".join(
        _("{value} at {time}").format(value=temperature(r.value, unit), time=when(r.at, today))
        for r in shown
    )
    if low:
        return _("Readings in this episode, lowest first: {readings}.").format(readings=parts)
    return _("Readings in this episode, highest first: {readings}.").format(readings=parts)


def card_words(
    alerts: Sequence[Alert],
    *,
    vocabulary: Vocabulary,
    unit: TemperatureUnit,
    country: str,
    team: Team | None,
    now: datetime,
    episode: Callable[[Alert], Sequence[Reading]],
    latest_anc: tuple[date, float] | None,
    count_unit: CountUnit,
    advice: str,
    emergency_called: datetime | None = None,
) -> CardWords | None:
    """The card for the open ``alerts`` (None when none is open).

    ``episode(alert)`` gives a temperature alert's readings, worst first.
    ``emergency_called``: when emergency services were called while these alerts waited;
    then the call-team card says "Now tell your transplant team".
    """
    level = card_level(alerts)
    if level is None:
        return None
    today = now.date()
    reasons: list[str] = []
    shown: dict[int, tuple[int, ...]] = {}
    for alert in alerts:
        readings = list(episode(alert)) if alert.kind.is_temperature else []
        if alert.id is not None:
            shown[alert.id] = tuple(r.id for r in readings)
        line = readings_line(readings, unit, today, low=alert.kind is AlertKind.LOW_TEMPERATURE)
        if line:
            # The worst reading leads (a tester read 38.3 first and 39.6 only second); the
            # reading that raised the alert follows.
            reasons.append(line)
        reasons.append(
            _("{time} {date}: {reason}").format(
                time=clock(alert.raised_at),
                date=format_date(alert.raised_at.date()),
                reason=alert_reason(alert, vocabulary, unit),
            )
        )
    title = headline(level, country)
    rest: list[str] = []
    if level is AlertLevel.EMERGENCY:
        first = emergency_line(country)
        rest.append(call_team_line(team, now))
    else:
        first = call_team_line(team, now)
        if emergency_called is not None:
            title = _(TELL_TEAM_NOW)
            rest.append(
                _(
                    "You called emergency services at {time}. Your team needs to hear about "
                    "these too."
                ).format(time=when(emergency_called, today))
            )
    if any(a.kind is AlertKind.FEVER for a in alerts):
        rest.append(anc_line(latest_anc, count_unit, NEUTROPENIA_ANC, today))
    rest += advice_for(alerts, advice)
    words = care_level_words(care_level(level) if level else URGENT)
    return CardWords(level, words, title, first, tuple(reasons), tuple(rest), shown)
