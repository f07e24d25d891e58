"""Diary entries: temperatures, symptoms, infection signs, the GVHD watch and notes."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from companion.domain.alerts import c_to_f, f_to_c
from companion.domain.days import instant_in_range, range_refusal
from companion.domain.text import control_problem

MAX_NOTE_LENGTH = 2000
SEVERITIES = ("none", "mild", "moderate", "severe", "very severe")
# Our own words for how often and how much it got in the way (not PRO-CTCAE's).
FREQUENCIES = ("not at all", "once or twice", "some of the time", "often", "all the time")
INTERFERENCE = ("not at all", "a little", "some", "a lot", "could not do my usual things")
SITES = ("mouth", "ear", "armpit", "forehead")
RASH_AREAS = (
    "palms or soles",
    "ears",
    "face",
    "neck or shoulders",
    "chest or back",
    "belly",
    "arms",
    "legs",
    "other",
)
RASH_EXTENTS = (
    "a small patch",
    "up to a quarter of my skin",
    "a quarter to a half",
    "more than half",
)
# Refused outside these: not a body temperature a thermometer at home would give.
MIN_C, MAX_C = 34.0, 43.0
MIN_KG, MAX_KG = 20.0, 300.0
LB_PER_KG = 2.20462


class EntryKind(StrEnum):
    TEMPERATURE = "temperature"
    SYMPTOM = "symptom"
    INFECTION = "infection"
    STOOLS = "stools"
    RASH = "rash"
    YELLOW = "yellow"
    WEIGHT = "weight"
    NOTE = "note"
    CONTACTED = "contacted"

    @property
    def title(self) -> str:
        return _KIND_TITLES[self]


_KIND_TITLES = {
    EntryKind.TEMPERATURE: "Temperature",
    EntryKind.SYMPTOM: "Symptom",
    EntryKind.INFECTION: "Infection sign",
    EntryKind.STOOLS: "Stools",
    EntryKind.RASH: "Rash (GVHD watch)",
    EntryKind.YELLOW: "Yellow skin or eyes",
    EntryKind.WEIGHT: "Weight",
    EntryKind.NOTE: "Note",
    EntryKind.CONTACTED: "Contacted my team",
}


class TemperatureUnit(StrEnum):
    CELSIUS = "C"
    FAHRENHEIT = "F"

    @property
    def symbol(self) -> str:
        return "°C" if self is TemperatureUnit.CELSIUS else "°F"

    def from_celsius(self, celsius: float) -> float:
        return celsius if self is TemperatureUnit.CELSIUS else c_to_f(celsius)


class WeightUnit(StrEnum):
    KG = "kg"
    LB = "lb"


@dataclass(frozen=True, slots=True)
class Entry:
    """One diary entry. Values are canonical: °C for temperatures, kg for weight.

    ``term`` is a vocabulary id (symptom, infection sign) or a rash area; ``detail`` holds a
    measuring site or a rash's rough extent.
    """

    at: datetime
    kind: EntryKind
    term: str = ""
    value: float | None = None
    severity: int | None = None
    frequency: int | None = None
    interference: int | None = None
    detail: str = ""
    note: str = ""
    id: int | None = None

    def with_id(self, entry_id: int) -> Entry:
        return replace(self, id=entry_id)


class EntryError(ValueError):
    """An entry cannot be saved as typed; ``str()`` says what looks wrong and what to do."""


_NUMBER = re.compile(r"^\s*([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*(?:°\s*)?([cCfF])?\s*$")


def parse_temperature(text: str, unit: TemperatureUnit) -> float:
    """The reading in °C, from what the user typed with ``unit`` selected.

    Accepts "38.2", "38,2", "101 F", "38.2°C". Refuses numbers outside 34–43 °C
    (93.2–109.4 °F), and says when the number fits the other unit better.
    """
    match = _NUMBER.match(text or "")
    if not match:
        raise EntryError("Please type the temperature as a number, for example 37.5.")
    value = float(match.group(1).replace(",", "."))
    if match.group(2):
        unit = TemperatureUnit(match.group(2).upper())
    celsius = value if unit is TemperatureUnit.CELSIUS else f_to_c(value)
    if MIN_C <= celsius <= MAX_C:
        return round(celsius, 2)
    other = (
        TemperatureUnit.FAHRENHEIT if unit is TemperatureUnit.CELSIUS else TemperatureUnit.CELSIUS
    )
    as_other = value if other is TemperatureUnit.CELSIUS else f_to_c(value)
    if MIN_C <= as_other <= MAX_C:
        raise EntryError(
            f"{match.group(1)} with {unit.symbol} selected looks wrong — did you mean "
            f"{other.symbol}? Nothing was saved."
        )
    raise EntryError(
        f"{match.group(1)} {unit.symbol} is not a body temperature this app can record "
        f"(it takes {MIN_C:g}–{MAX_C:g} °C, {c_to_f(MIN_C):.1f}–{c_to_f(MAX_C):.1f} °F). "
        "Please check the thermometer and type it again. Nothing was saved."
    )


def parse_weight(text: str, unit: WeightUnit) -> float:
    """The weight in kg, from what the user typed."""
    try:
        value = float((text or "").strip().replace(",", "."))
    except ValueError:
        raise EntryError("Please type the weight as a number, for example 68.4.") from None
    if not math.isfinite(value):
        raise EntryError("Please type the weight as a number, for example 68.4.")
    kg = value if unit is WeightUnit.KG else value / LB_PER_KG
    if MIN_KG <= kg <= MAX_KG:
        return round(kg, 2)
    raise EntryError(
        f"{value:g} {unit.value} does not look like a body weight. Please check the scales "
        "and the unit (kg or lb). Nothing was saved."
    )


def check_note(text: str) -> str:
    note = (text or "").strip()
    problem = control_problem(note, multiline=True)
    if problem:
        raise EntryError(f"The note cannot be saved: {problem}. Nothing was saved.")
    if len(note) > MAX_NOTE_LENGTH:
        raise EntryError(
            f"The note is {len(note)} characters long; the limit is {MAX_NOTE_LENGTH}. "
            "Please shorten it or split it into two notes."
        )
    return note


def as_instant(moment: datetime) -> datetime:
    """The same moment with a fixed UTC offset (the one in force then).

    Python compares and subtracts two datetimes of the same ``ZoneInfo`` by their wall
    clocks: across a clock change, 01:30 BST would come after 01:20 GMT. With fixed offsets
    every comparison and difference is between instants, as stored (ISO with offset).
    """
    offset = moment.utcoffset()
    if offset is None:
        raise EntryError("The time needs a time zone.")
    return moment.astimezone(timezone(offset))


def check_time(at: datetime, now: datetime) -> datetime:
    """Refuse a naive time, one outside the years the app can use, or one in the future (a
    minute of clock skew is allowed). Returns it as an instant (``as_instant``)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise EntryError("The time needs a time zone.")
    if not instant_in_range(at):
        raise EntryError(f"{range_refusal(at)} Nothing was saved.")
    at = as_instant(at)
    if at > as_instant(now) + timedelta(minutes=1):
        raise EntryError("That time is in the future. Please check the date and time of the entry.")
    return at


def check_entry(entry: Entry, now: datetime) -> Entry:
    """Validate an entry built by the UI or an import; return it tidied, or raise EntryError."""
    at = check_time(entry.at, now)
    note = check_note(entry.note)
    for name, value, top in (
        ("severity", entry.severity, 4),
        ("how often", entry.frequency, 4),
        ("how much it got in the way", entry.interference, 4),
    ):
        if value is not None and not 0 <= value <= top:
            raise EntryError(f"Please choose {name} from the list.")
    if entry.kind is EntryKind.TEMPERATURE:
        if entry.value is None or not MIN_C <= entry.value <= MAX_C:
            raise EntryError("Please type a temperature between 34 and 43 °C.")
        if entry.detail and entry.detail not in SITES:
            raise EntryError("Please choose where you took the temperature from the list.")
    elif entry.kind is EntryKind.WEIGHT:
        if entry.value is None or not MIN_KG <= entry.value <= MAX_KG:
            raise EntryError("Please type a weight between 20 and 300 kg.")
    elif entry.kind is EntryKind.STOOLS:
        if entry.value is None or not 0 <= entry.value <= 40 or entry.value != int(entry.value):
            raise EntryError("Please type how many stools today, as a whole number (0–40).")
    elif entry.kind in (EntryKind.SYMPTOM, EntryKind.INFECTION) and not entry.term:
        raise EntryError("Please choose what you noticed from the list.")
    elif entry.kind is EntryKind.SYMPTOM and entry.severity is None:
        raise EntryError("Please choose how bad it is.")
    elif entry.kind is EntryKind.RASH and entry.term not in RASH_AREAS:
        raise EntryError("Please choose where the rash is from the list.")
    elif entry.kind is EntryKind.NOTE and not note:
        raise EntryError("Please type the note first.")
    return replace(entry, at=at, note=note)
