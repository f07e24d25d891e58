"""Diary entries: temperatures, symptoms, infection signs, the GVHD watch and notes.

What each kind of entry is (its title, units, limits, form fields, export columns) is data
in ``companion.domain.entry_kinds``; this module holds the entry itself and its checks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from companion.domain.alerts import c_to_f, f_to_c
from companion.domain.days import instant_in_range, range_refusal
from companion.domain.text import control_problem
from companion.i18n import N_, _, format_decimal, format_number, pgettext

MAX_NOTE_LENGTH = 2000
# Stored values (database values and the command line's identifiers): English, never
# translated; ``*_words()`` give them in the language in force.
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
MIN_STOOLS, MAX_STOOLS = 0, 40
LB_PER_KG = 2.20462


def severity_words() -> tuple[str, ...]:
    """``SEVERITIES`` in the language in force."""
    return (
        pgettext("severity", "none"),
        pgettext("severity", "mild"),
        pgettext("severity", "moderate"),
        pgettext("severity", "severe"),
        pgettext("severity", "very severe"),
    )


def frequency_words() -> tuple[str, ...]:
    """``FREQUENCIES`` in the language in force."""
    return (
        pgettext("how often", "not at all"),
        pgettext("how often", "once or twice"),
        pgettext("how often", "some of the time"),
        pgettext("how often", "often"),
        pgettext("how often", "all the time"),
    )


def interference_words() -> tuple[str, ...]:
    """``INTERFERENCE`` in the language in force."""
    return (
        pgettext("got in the way", "not at all"),
        pgettext("got in the way", "a little"),
        pgettext("got in the way", "some"),
        pgettext("got in the way", "a lot"),
        pgettext("got in the way", "could not do my usual things"),
    )


def site_words() -> tuple[str, ...]:
    """``SITES`` (where a temperature was taken) in the language in force."""
    return (
        pgettext("measured in the", "mouth"),
        pgettext("measured in the", "ear"),
        pgettext("measured in the", "armpit"),
        pgettext("measured in the", "forehead"),
    )


def rash_area_words() -> tuple[str, ...]:
    """``RASH_AREAS`` in the language in force."""
    return (
        pgettext("rash", "palms or soles"),
        pgettext("rash", "ears"),
        pgettext("rash", "face"),
        pgettext("rash", "neck or shoulders"),
        pgettext("rash", "chest or back"),
        pgettext("rash", "belly"),
        pgettext("rash", "arms"),
        pgettext("rash", "legs"),
        pgettext("rash", "other"),
    )


def extent_words() -> tuple[str, ...]:
    """``RASH_EXTENTS`` in the language in force."""
    return (
        _("a small patch"),
        _("up to a quarter of my skin"),
        _("a quarter to a half"),
        _("more than half"),
    )


# The registry of kinds, kind -> ``entry_kinds.KindSpec``: filled by (and the same dict as)
# ``companion.domain.entry_kinds.KINDS``, imported on first use.
KIND_SPECS: dict = {}


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
    def spec(self):
        """The kind's ``entry_kinds.KindSpec``: what it is, how it is asked for and exported."""
        if not KIND_SPECS:
            import companion.domain.entry_kinds  # noqa: F401 - it fills KIND_SPECS
        return KIND_SPECS[self]

    @property
    def title(self) -> str:
        """The kind's name in the language in force."""
        return _(self.spec.title)


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
        raise EntryError(
            _("Please type the temperature as a number, for example {example}.").format(
                example=format_decimal(37.5)
            )
        )
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
            _(
                "{typed} with {unit} selected looks wrong — did you mean {other}? "
                "Nothing was saved."
            ).format(typed=match.group(1), unit=unit.symbol, other=other.symbol)
        )
    raise EntryError(
        _(
            "{typed} {unit} is not a body temperature this app can record (it takes "
            "{low_c}–{high_c} °C, {low_f}–{high_f} °F). Please check the thermometer and "
            "type it again. Nothing was saved."
        ).format(
            typed=match.group(1),
            unit=unit.symbol,
            low_c=format_number(MIN_C),
            high_c=format_number(MAX_C),
            low_f=format_decimal(c_to_f(MIN_C), 1),
            high_f=format_decimal(c_to_f(MAX_C), 1),
        )
    )


def parse_weight(text: str, unit: WeightUnit) -> float:
    """The weight in kg, from what the user typed."""
    try:
        value = float((text or "").strip().replace(",", "."))
    except ValueError:
        raise EntryError(_("Please type the weight as a number, for example 68.4.")) from None
    if not math.isfinite(value):
        raise EntryError(_("Please type the weight as a number, for example 68.4."))
    kg = value if unit is WeightUnit.KG else value / LB_PER_KG
    if MIN_KG <= kg <= MAX_KG:
        return round(kg, 2)
    raise EntryError(
        _(
            "{typed} {unit} does not look like a body weight. Please check the scales and "
            "the unit (kg or lb). Nothing was saved."
        ).format(typed=f"{value:g}", unit=unit.value)
    )


def check_note(text: str) -> str:
    note = (text or "").strip()
    problem = control_problem(note, multiline=True)
    if problem:
        raise EntryError(
            _("The note cannot be saved: {problem}. Nothing was saved.").format(problem=problem)
        )
    if len(note) > MAX_NOTE_LENGTH:
        raise EntryError(
            _(
                "The note is {length} characters long; the limit is {limit}. "
                "Please shorten it or split it into two notes."
            ).format(length=len(note), limit=MAX_NOTE_LENGTH)
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
        raise EntryError(_("The time needs a time zone."))
    return moment.astimezone(timezone(offset))


def check_time(at: datetime, now: datetime) -> datetime:
    """Refuse a naive time, one outside the years the app can use, or one in the future (a
    minute of clock skew is allowed). Returns it as an instant (``as_instant``)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise EntryError(_("The time needs a time zone."))
    if not instant_in_range(at):
        raise EntryError(_("{problem} Nothing was saved.").format(problem=range_refusal(at)))
    at = as_instant(at)
    if at > as_instant(now) + timedelta(minutes=1):
        raise EntryError(
            _("That time is in the future. Please check the date and time of the entry.")
        )
    return at


# Scales any entry may carry (0–4), with what to say when one is not on the list.
_SCALES = (
    ("severity", N_("Please choose severity from the list.")),
    ("frequency", N_("Please choose how often from the list.")),
    ("interference", N_("Please choose how much it got in the way from the list.")),
)


def check_entry(entry: Entry, now: datetime) -> Entry:
    """Validate an entry built by the UI or an import; return it tidied, or raise EntryError.

    What a kind requires (its value's range, its listed choices, a note) comes from its
    ``KindSpec`` (``companion.domain.entry_kinds``).
    """
    at = check_time(entry.at, now)
    note = check_note(entry.note)
    for name, refusal in _SCALES:
        value = getattr(entry, name)
        if value is not None and not 0 <= value <= 4:
            raise EntryError(_(refusal))
    spec = entry.kind.spec
    limits = spec.limits
    if limits is not None and (
        entry.value is None
        or not limits.low <= entry.value <= limits.high
        or (limits.whole and entry.value != int(entry.value))
    ):
        raise EntryError(_(limits.refused))
    for field in spec.fields:
        if not field.refused:
            continue
        value = getattr(entry, field.name)
        given = value is not None and value != ""
        if not given:
            if field.required:
                raise EntryError(_(field.refused))
        elif field.strict and field.type == "choice" and value not in field.choices:
            raise EntryError(_(field.refused))
    if spec.note_required and not note:
        raise EntryError(_("Please type the note first."))
    return replace(entry, at=at, note=note)
