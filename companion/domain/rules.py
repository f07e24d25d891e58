"""Which entries mean "call your team now" (or emergency services): the red-flag rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from companion.domain.alerts import Alert, AlertLevel, FeverRule, fever_events, weight_gain_alert
from companion.domain.entries import SEVERITIES, Entry, EntryKind


@dataclass(frozen=True, slots=True)
class SymptomTerm:
    """A symptom in our own words, with the severities at which it is a red flag."""

    id: str
    label: str
    call_team_at: int
    emergency_at: int | None = None
    hint: str = ""


@dataclass(frozen=True, slots=True)
class InfectionSign:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    symptoms: tuple[SymptomTerm, ...]
    infections: tuple[InfectionSign, ...]

    def symptom(self, term: str) -> SymptomTerm | None:
        return next((s for s in self.symptoms if s.id == term), None)

    def label(self, kind: EntryKind, term: str) -> str:
        if kind is EntryKind.SYMPTOM:
            found = self.symptom(term)
            return found.label if found else term
        if kind is EntryKind.INFECTION:
            sign = next((i for i in self.infections if i.id == term), None)
            return sign.label if sign else term
        return term


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The team's numbers the rules use."""

    fever: FeverRule
    weight_gain_percent: float


def alerts_for(
    entry: Entry,
    vocabulary: Vocabulary,
    settings: RuleSettings,
    recent_temperatures: Iterable[tuple[datetime, float]] = (),
    recent_weights: Iterable[tuple[datetime, float]] = (),
) -> list[Alert]:
    """The alerts this new (or edited) entry raises, given the readings before it.

    ``recent_temperatures`` and ``recent_weights`` are earlier readings (not including
    ``entry``); a fever that lasts counts across them.
    """
    found: list[tuple[AlertLevel, str, str]] = []
    if entry.kind is EntryKind.TEMPERATURE and entry.value is not None:
        readings = [*recent_temperatures, (entry.at, entry.value)]
        for event in fever_events(readings, settings.fever):
            if event.at == entry.at:
                found.append((AlertLevel.CALL_TEAM, event.reason, "fever"))
    elif entry.kind is EntryKind.SYMPTOM and entry.severity is not None:
        term = vocabulary.symptom(entry.term)
        if term is not None:
            words = f"{term.label}, {SEVERITIES[entry.severity]}"
            if term.emergency_at is not None and entry.severity >= term.emergency_at:
                found.append((AlertLevel.EMERGENCY, f"{words}.", "symptom"))
            elif entry.severity >= term.call_team_at:
                found.append((AlertLevel.CALL_TEAM, f"{words}.", "symptom"))
    elif entry.kind is EntryKind.INFECTION:
        found.append(
            (AlertLevel.CALL_TEAM, f"{vocabulary.label(entry.kind, entry.term)}.", "infection")
        )
    elif entry.kind is EntryKind.RASH:
        found.append((AlertLevel.CALL_TEAM, f"A rash on the {entry.term}.", "gvhd"))
    elif entry.kind is EntryKind.YELLOW:
        found.append((AlertLevel.CALL_TEAM, "Yellow skin or eyes.", "gvhd"))
    elif entry.kind is EntryKind.WEIGHT and entry.value is not None:
        reason = weight_gain_alert(
            recent_weights, entry.at, entry.value, settings.weight_gain_percent
        )
        if reason:
            found.append((AlertLevel.CALL_TEAM, reason, "weight"))
    return [
        Alert(raised_at=entry.at, level=level, reason=reason, kind=kind, entry_id=entry.id)
        for level, reason, kind in found
    ]


def card_level(open_alerts: Iterable[Alert]) -> AlertLevel | None:
    """The card shows the most urgent open alert; it never goes down while any is open."""
    levels = [a.level for a in open_alerts]
    return max(levels) if levels else None


def count_by_kind(entries: Iterable[Entry]) -> Mapping[EntryKind, int]:
    counts: dict[EntryKind, int] = {}
    for entry in entries:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    return counts
