"""Rules that tell the patient to call their transplant team: fever, red-flag symptoms, weight.

The app never says that something is safe. A rule either fires (and the alert card tells the
patient to contact their team, with the number for this hour) or stays quiet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from companion.i18n import _, ngettext

# CDC: call at once for 38.0 °C (100.4 °F) or higher. https://www.cdc.gov/cancer-preventing-infections/
CDC_SINGLE_C = 38.0
# IDSA 2010 (Freifeld et al., Clin Infect Dis 2011;52:e56, https://doi.org/10.1093/cid/cir073):
# one oral reading ≥ 38.3 °C, or ≥ 38.0 °C sustained over 1 hour.
IDSA_SINGLE_C = 38.3
IDSA_SUSTAINED_C = 38.0
IDSA_SUSTAINED_MINUTES = 60
# Neutropenia (IDSA 2010; CTCAE v5 grade 4 "ANC decreased"): ANC below 0.5 × 10⁹/L.
NEUTROPENIA_ANC = 0.5


@dataclass(frozen=True, slots=True)
class FeverRule:
    """When a temperature means "call your team now".

    Args:
        single_c: one reading at or above this (°C) is a fever.
        sustained_c: if set, readings at or above this for ``sustained_minutes`` are too.
        sustained_minutes: how long the lower threshold must last.
    """

    single_c: float = CDC_SINGLE_C
    sustained_c: float | None = None
    sustained_minutes: int = IDSA_SUSTAINED_MINUTES

    def describe(self) -> str:
        single = _degrees(self.single_c)
        if self.sustained_c is None:
            return _("{single} or higher").format(single=single)
        return ngettext(
            "{single} or higher, or {sustained} or higher for {minutes} minute",
            "{single} or higher, or {sustained} or higher for {minutes} minutes",
            self.sustained_minutes,
        ).format(
            single=single, sustained=_degrees(self.sustained_c), minutes=self.sustained_minutes
        )


@dataclass(frozen=True, slots=True)
class FeverEvent:
    """The reading at which the fever rule was first met in an episode, and why."""

    at: datetime
    reason: str
    celsius: float


def _degrees(celsius: float) -> str:
    """ "38.0 °C (100.4 °F)" in the app's language's numbers."""
    from companion.domain.labs import fixed_text

    return f"{fixed_text(celsius)} °C ({fixed_text(c_to_f(celsius))} °F)"


def c_to_f(celsius: float) -> float:
    return celsius * 9 / 5 + 32


def f_to_c(fahrenheit: float) -> float:
    return (fahrenheit - 32) * 5 / 9


def fever_events(readings: Iterable[tuple[datetime, float]], rule: FeverRule) -> list[FeverEvent]:
    """The fevers in ``readings`` under ``rule``, at most one per episode, oldest first.

    ``readings`` are ``(aware datetime, celsius)`` pairs in any order. An episode is a
    maximal run of consecutive readings (in time order) each at or above the lower threshold
    (``sustained_c`` if set, else ``single_c``). Inside an episode the event is at the first
    reading that is at or above ``single_c``, or — when ``sustained_c`` is set — whose time is
    at least ``sustained_minutes`` after the episode's first reading. Thresholds are
    inclusive.
    """
    ordered = sorted(readings, key=lambda r: r[0])
    lower = rule.sustained_c if rule.sustained_c is not None else rule.single_c
    lower = min(lower, rule.single_c)
    window = timedelta(minutes=rule.sustained_minutes)
    events: list[FeverEvent] = []
    episode_start: datetime | None = None
    fired = False
    for at, celsius in ordered:
        if celsius < lower:
            episode_start, fired = None, False
            continue
        if episode_start is None:
            episode_start, fired = at, False
        if fired:
            continue
        if celsius >= rule.single_c:
            reason = _(
                "A temperature of {value}, at or above your team's limit of {limit} °C."
            ).format(value=_degrees(celsius), limit=_degrees(rule.single_c).split(" °C")[0])
        elif rule.sustained_c is not None and at - episode_start >= window:
            reason = ngettext(
                "Your temperature has been {limit} or higher for at least {minutes} minute.",
                "Your temperature has been {limit} or higher for at least {minutes} minutes.",
                rule.sustained_minutes,
            ).format(limit=_degrees(rule.sustained_c), minutes=rule.sustained_minutes)
        else:
            continue
        events.append(FeverEvent(at, reason, celsius))
        fired = True
    return events


class AlertLevel(IntEnum):
    """How urgent an alert is. Higher is more urgent; an open card never goes down."""

    CALL_TEAM = 1
    EMERGENCY = 2

    @property
    def id(self) -> str:
        """The level as the command line's JSON spells it."""
        return "emergency" if self is AlertLevel.EMERGENCY else "call-team"


class AlertKind(StrEnum):
    """What an alert is about (the ``kind`` of the command line's ALERT)."""

    FEVER = "fever"
    LOW_TEMPERATURE = "low-temperature"
    SYMPTOM = "symptom"
    INFECTION = "infection"
    WEIGHT = "weight"
    STOOLS = "stools"
    GVHD = "gvhd"

    @property
    def is_temperature(self) -> bool:
        return self in (AlertKind.FEVER, AlertKind.LOW_TEMPERATURE)


class AlertRule(StrEnum):
    """Which rule raised an alert. Stored with the alert's figures; the sentence shown is
    made from them when it is shown, so a wording fix reaches old alerts too."""

    FEVER_SINGLE = "fever-single"  # one reading at or above the single limit
    FEVER_SUSTAINED = "fever-sustained"  # at or above the sustained limit for N minutes
    FEVER_RISE = "fever-rise"  # after a contact, higher by the "call again" step
    FEVER_LIMIT_CHANGED = "fever-limit-changed"  # a changed limit makes a recent reading a fever
    LOW = "low"  # below the low-temperature limit
    LOW_FALL = "low-fall"  # after a contact, lower again by the "call again" step
    LOW_LIMIT_CHANGED = "low-limit-changed"
    SYMPTOM = "symptom"
    INFECTION = "infection"
    RASH = "rash"
    YELLOW = "yellow"
    WEIGHT_ABOVE_BASELINE = "weight-above-baseline"
    WEIGHT_RISING = "weight-rising"
    STOOLS = "stools"
    LEGACY = "legacy"  # raised by an older version; only its stored sentence is known


@dataclass(frozen=True, slots=True)
class Alert:
    """A rule that fired: when, how urgent, which rule, and its figures.

    ``reading`` and ``limit`` are in the rule's canonical unit (°C, kg, stools a day, a
    severity index); ``figures`` holds what else the sentence needs (for example the highest
    reading before a contact). ``legacy_reason`` is only set on alerts from old diaries.
    """

    raised_at: datetime
    level: AlertLevel
    kind: AlertKind
    rule: AlertRule
    entry_id: int | None = None
    reading: float | None = None
    limit: float | None = None
    figures: Mapping[str, object] = field(default_factory=dict)
    id: int | None = None
    contacted_at: datetime | None = None
    contact_id: int | None = None
    legacy_reason: str = ""
    # Whom the contact that closed it reached: "team" or "emergency" ("" while open).
    contact_who: str = ""

    @property
    def is_open(self) -> bool:
        return self.contacted_at is None

    def figure(self, key: str, default=None):
        return self.figures.get(key, default)


class ContactWho(StrEnum):
    """Whom a contact reached (stored on the contact's log entry as its detail)."""

    TEAM = "team"
    EMERGENCY = "emergency"

    @property
    def words(self) -> str:
        return _("emergency services") if self is ContactWho.EMERGENCY else _("your team")


def closes(who: ContactWho, alert: Alert) -> bool:
    """Whether a contact with ``who`` closes ``alert``: the team hears about everything; a
    call to emergency services closes only the emergency items, and the rest wait for the
    team ("Now tell your transplant team")."""
    return who is ContactWho.TEAM or alert.level is AlertLevel.EMERGENCY


def card_level(open_alerts: Iterable[Alert]) -> AlertLevel | None:
    """The card shows the most urgent open alert; it never goes down while any is open."""
    levels = [a.level for a in open_alerts if a.is_open]
    return max(levels) if levels else None
