"""Entry kinds as data: one ``KindSpec`` per kind of diary entry, read by every consumer.

A kind's title, units, plausible range (checked on input by ``entries.check_entry``), the
fields the entry form asks for, the columns the exports write, how the log words an entry,
and its LOINC code where one exists all live here, so that a new kind of entry is a new
``EntryKind`` member, a new ``KindSpec`` in ``KINDS``, and its Spanish words (see
docs/architecture.md, "Where does each change go").

Texts made here at import time are marked with ``N_`` and translated where they are shown
(``_(spec.title)``, ``field.label_text()``), because the language is chosen later.

Sources for the codes: LOINC https://loinc.org (8310-5 Body temperature, 29463-7 Body
weight); UCUM https://ucum.org.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from companion.domain.entries import (
    FREQUENCIES,
    INTERFERENCE,
    KIND_SPECS,
    LB_PER_KG,
    MAX_C,
    MAX_KG,
    MAX_STOOLS,
    MIN_C,
    MIN_KG,
    MIN_STOOLS,
    RASH_AREAS,
    RASH_EXTENTS,
    SEVERITIES,
    SITES,
    Entry,
    EntryKind,
    TemperatureUnit,
    WeightUnit,
    extent_words,
    frequency_words,
    interference_words,
    parse_temperature,
    parse_weight,
    rash_area_words,
    severity_words,
    site_words,
)
from companion.i18n import N_, _, format_decimal, ngettext

UCUM = "http://unitsofmeasure.org"


class Vocabulary(Protocol):
    """What the registry needs of ``rules.Vocabulary``: a term's words."""

    def label(self, kind: EntryKind, term: str) -> str: ...


class FieldType(StrEnum):
    """What the entry form shows for a field, and how it reads it."""

    DECIMAL = "decimal"  # a typed number, read by the field's ``parse`` in the unit beside it
    UNIT = "unit"  # the unit the kind's DECIMAL is typed in
    COUNT = "count"  # a whole number within ``range`` (a spin box)
    CHOICE = "choice"  # one of ``choices``, stored as the word itself
    SCALE = "scale"  # one of ``choices``, stored as its index (0 = the first)
    TERM = "term"  # a vocabulary id: ``vocabulary`` says which list ("symptoms", "infections")


@dataclass(frozen=True, slots=True)
class FormField:
    """One field of a kind's entry form.

    ``name`` is the ``Entry`` attribute it fills (``value``, ``term``, ``detail``,
    ``severity``, ``frequency``, ``interference``), or ``unit`` for the unit a number is
    typed in (not stored: values are kept in the canonical unit). ``label`` and
    ``accessible`` are marked, not translated (see the module's docstring).
    """

    name: str
    type: FieldType
    label: str
    accessible: str
    choices: tuple[str, ...] = ()
    words: Callable[[], tuple[str, ...]] | None = None  # ``choices`` in the language in force
    range: tuple[float, float] | None = None
    required: bool = True
    missing: str = ""  # what the form says when nothing was chosen
    refused: str = ""  # what check_entry says when the stored value is missing or not listed
    strict: bool = True  # check_entry refuses a value that is not one of ``choices``
    placeholder: str = ""
    hint: str = ""
    vocabulary: str = ""  # TERM: which list
    preference: str = ""  # UNIT: the setting that picks the unit shown first
    parse: Callable[[str, str], float] | None = None  # DECIMAL: (typed text, unit) -> stored
    display: Callable[[float, str], str] | None = None  # DECIMAL: (stored, unit) -> text

    def label_text(self) -> str:
        return _(self.label)

    def accessible_text(self) -> str:
        return _(self.accessible)

    def shown_choices(self) -> tuple[str, ...]:
        """The choices as the form shows them, in the language in force."""
        if self.words is not None:
            return self.words()
        return tuple(_(choice) for choice in self.choices)

    def word(self, value: str) -> str:
        """A stored choice in the language in force (a value not listed is shown as it is)."""
        if value in self.choices:
            return self.shown_choices()[self.choices.index(value)]
        return value


@dataclass(frozen=True, slots=True)
class ExportContext:
    """What an export column needs besides the entry: the user's unit and the words of terms."""

    unit: TemperatureUnit
    vocabulary: Vocabulary


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One spreadsheet column of a kind's sheet: its heading (marked; ``{unit}`` is the
    user's temperature unit) and how a value is written (a number stays a number)."""

    heading: str
    value: Callable[[Entry, ExportContext], Any]

    def heading_text(self, context: ExportContext) -> str:
        return _(self.heading).format(unit=context.unit.symbol)


@dataclass(frozen=True, slots=True)
class Loinc:
    """A kind measured with a LOINC code and a UCUM unit (the value as stored)."""

    code: str
    display: str
    ucum: str
    category: str = "vital-signs"


@dataclass(frozen=True, slots=True)
class ValueLimits:
    """The plausible range of a kind's stored ``value`` (canonical unit), checked on input."""

    low: float
    high: float
    whole: bool
    refused: str  # marked: what check_entry says outside the range
    # Marked: what a diary check says of a stored value outside the range ({value}, {low},
    # {high}), e.g. a file changed by another program (storage.contents).
    stored: str = ""


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Everything the app knows about one kind of diary entry.

    Args:
        kind: the stored identifier.
        title: the kind's name (marked), e.g. "Temperature".
        units: the units a value is typed in, canonical (stored) first; ``json_unit`` is
            the identifier the command line's JSON writes (``"C"``, ``"kg"``, ``"per-day"``).
        limits: the plausible range of the stored value.
        fields: the entry form's fields, in order.
        columns: the workbook's columns for this kind (after time and day, before the note).
        quantity: the value for the CSV: (number in the user's unit, unit words), or None.
        describe: the entry's value in words for the log, the quick entry and the command line.
        summary: the entry in a few words for a sentence, naming the kind once ("temperature
            37.2 °C", "3 loose stools since midnight"); None: the kind's title in lower case,
            then ``describe``.
        loinc: the LOINC code of a measured value; None for what has none (symptoms).
        survey: exported to FHIR as an Observation with the app's own code and words.
        fhir_value: for a survey kind, the Observation's value: (key, value) or None.
        in_form: offered in the entry form ("Contacted my team" is recorded by the alert card).
        allogeneic_only: offered only after a donor transplant (the GVHD watch).
        note_required: the note is the entry (a note).
        note_placeholder: the note box's hint (marked).
    """

    kind: EntryKind
    title: str
    units: tuple[str, ...] = ()
    json_unit: str | None = None
    limits: ValueLimits | None = None
    fields: tuple[FormField, ...] = ()
    columns: tuple[ExportColumn, ...] = ()
    quantity: Callable[[Entry, TemperatureUnit], tuple[float, str]] | None = None
    describe: Callable[[Entry, Vocabulary, TemperatureUnit], str] = field(
        default=lambda entry, vocabulary, unit: ""
    )
    summary: Callable[[Entry, Vocabulary, TemperatureUnit], str] | None = None
    loinc: Loinc | None = None
    survey: bool = False
    fhir_value: Callable[[Entry], tuple[str, Any] | None] | None = None
    in_form: bool = True
    allogeneic_only: bool = False
    note_required: bool = False
    note_placeholder: str = N_("Anything else (optional)")

    def title_text(self) -> str:
        return _(self.title)

    def field(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)

    def term_words(self, entry: Entry, vocabulary: Vocabulary) -> str:
        """The entry's ``term`` in words: a vocabulary label, or a listed choice's word."""
        term_field = self.field("term")
        if term_field is not None and term_field.type is FieldType.CHOICE:
            return term_field.word(entry.term)
        return vocabulary.label(entry.kind, entry.term)


# Words shared by several kinds ----------------------------------------------------------


def _decimal(value: float) -> str:
    """One decimal in the language's way (38.2 / 38,2), rounded as ``f"{value:.1f}"``."""
    return format_decimal(round(value, 1), 1)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def contact_words(detail: str) -> str:
    """Whom the user contacted, in words."""
    return _("emergency services") if detail == "emergency" else _("transplant team")


def contact_summary(detail: str) -> str:
    """The contact in a sentence, in the diary's first person, naming whom once (the kind's
    title "Contacted my team" before "transplant team" read "my team transplant team")."""
    if detail == "emergency":
        # Translators: an entry in a sentence, "10:05 called emergency services".
        return _("called emergency services")
    # Translators: an entry in a sentence, "10:05 contacted my transplant team".
    return _("contacted my transplant team")


def _term(entry: Entry, context: ExportContext) -> str:
    return context.vocabulary.label(entry.kind, entry.term)


def _scale(words: Callable[[], tuple[str, ...]], index: int | None) -> str:
    return "" if index is None else words()[index]


# Temperature ----------------------------------------------------------------------------

_SITE = FormField(
    "detail",
    FieldType.CHOICE,
    N_("Measured in the:"),
    N_("Where measured"),
    choices=SITES,
    words=site_words,
    required=False,
    refused=N_("Please choose where you took the temperature from the list."),
)


def _temperature_display(celsius: float, unit: str) -> str:
    return f"{TemperatureUnit(unit).from_celsius(celsius):.1f}"


def _describe_temperature(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    if entry.value is None:
        return ""
    reading = _decimal(unit.from_celsius(entry.value))
    if entry.detail:
        return _("{value} {unit} ({site})").format(
            value=reading, unit=unit.symbol, site=_SITE.word(entry.detail)
        )
    return _("{value} {unit}").format(value=reading, unit=unit.symbol)


TEMPERATURE = KindSpec(
    EntryKind.TEMPERATURE,
    N_("Temperature"),
    units=tuple(u.value for u in TemperatureUnit),
    json_unit="C",
    limits=ValueLimits(
        MIN_C,
        MAX_C,
        False,
        N_("Please type a temperature between 34 and 43 °C."),
        N_("a temperature is {value}, where a diary takes {low}–{high}"),
    ),
    fields=(
        FormField(
            "value",
            FieldType.DECIMAL,
            N_("Temperature:"),
            N_("Temperature"),
            parse=lambda text, unit: parse_temperature(text, TemperatureUnit(unit)),
            display=_temperature_display,
        ),
        FormField(
            "unit",
            FieldType.UNIT,
            N_("Unit:"),
            N_("Temperature unit"),
            choices=tuple(u.value for u in TemperatureUnit),
            words=lambda: tuple(u.symbol for u in TemperatureUnit),
            preference="temperature_unit",
        ),
        _SITE,
    ),
    columns=(
        ExportColumn(
            N_("Temperature ({unit})"),
            lambda e, c: round(c.unit.from_celsius(e.value), 2),
        ),
        ExportColumn(N_("Where taken"), lambda e, c: _SITE.word(e.detail)),
    ),
    quantity=lambda e, unit: (unit.from_celsius(e.value), unit.symbol),
    describe=_describe_temperature,
    loinc=Loinc("8310-5", "Body temperature", "Cel"),
)

# Symptom --------------------------------------------------------------------------------

_SEVERITY = FormField(
    "severity",
    FieldType.SCALE,
    N_("How bad:"),
    N_("How bad"),
    choices=SEVERITIES,
    words=severity_words,
    missing=N_("Please choose how bad it is."),
    refused=N_("Please choose how bad it is."),
    placeholder=N_("Choose how bad"),
)


def _severity_value(entry: Entry) -> tuple[str, Any] | None:
    if entry.severity is None or not 0 <= entry.severity < 5:
        return None
    return ("severity", entry.severity)


SYMPTOM = KindSpec(
    EntryKind.SYMPTOM,
    N_("Symptom"),
    fields=(
        FormField(
            "term",
            FieldType.TERM,
            N_("Symptom:"),
            N_("Symptom"),
            vocabulary="symptoms",
            missing=N_("Please choose the symptom from the list."),
            refused=N_("Please choose what you noticed from the list."),
            placeholder=N_("Choose a symptom"),
        ),
        _SEVERITY,
        FormField(
            "frequency",
            FieldType.SCALE,
            N_("How often:"),
            N_("How often"),
            choices=FREQUENCIES,
            words=frequency_words,
            required=False,
        ),
        FormField(
            "interference",
            FieldType.SCALE,
            N_("Got in the way:"),
            N_("How much it got in the way"),
            choices=INTERFERENCE,
            words=interference_words,
            required=False,
        ),
    ),
    columns=(
        ExportColumn(N_("Symptom"), _term),
        ExportColumn(N_("How bad"), lambda e, c: _scale(severity_words, e.severity)),
        ExportColumn(N_("How often"), lambda e, c: _scale(frequency_words, e.frequency)),
        ExportColumn(N_("Got in the way"), lambda e, c: _scale(interference_words, e.interference)),
    ),
    describe=lambda entry, vocabulary, unit: vocabulary.label(entry.kind, entry.term),
    survey=True,
)

# Infection sign -------------------------------------------------------------------------

INFECTION = KindSpec(
    EntryKind.INFECTION,
    N_("Infection sign"),
    fields=(
        FormField(
            "term",
            FieldType.TERM,
            N_("Sign:"),
            N_("Infection sign"),
            vocabulary="infections",
            missing=N_("Please choose what you noticed from the list."),
            refused=N_("Please choose what you noticed from the list."),
        ),
    ),
    columns=(ExportColumn(N_("Sign"), _term),),
    describe=lambda entry, vocabulary, unit: vocabulary.label(entry.kind, entry.term),
    survey=True,
)

# Stools (the GVHD watch) ----------------------------------------------------------------


def _describe_stools(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    if entry.value is None:
        return ""
    count = int(entry.value)
    return ngettext(
        "{count} loose stool since midnight", "{count} loose stools since midnight", count
    ).format(count=count)


STOOLS = KindSpec(
    EntryKind.STOOLS,
    N_("Stools"),
    units=("per-day",),
    json_unit="per-day",
    limits=ValueLimits(
        MIN_STOOLS,
        MAX_STOOLS,
        True,
        N_("Please type how many stools today, as a whole number (0–40)."),
        N_("a number of stools is {value}, where a diary takes {low}–{high}"),
    ),
    fields=(
        FormField(
            "value",
            FieldType.COUNT,
            N_("Loose or watery stools since midnight:"),
            N_("Loose or watery stools since midnight"),
            range=(MIN_STOOLS, MAX_STOOLS),
            hint=N_("Count every loose or watery stool since midnight, not formed ones."),
        ),
    ),
    columns=(ExportColumn(N_("Loose stools since midnight"), lambda e, c: int(e.value)),),
    quantity=lambda e, unit: (float(int(e.value)), _("per day")),
    describe=_describe_stools,
    # "3 loose stools since midnight" names the kind already ("stools 3 loose stools…").
    summary=_describe_stools,
    survey=True,
    fhir_value=lambda e: (
        None
        if e.value is None
        else (
            "valueQuantity",
            {
                "value": int(e.value) if float(e.value).is_integer() else e.value,
                "unit": "loose stools since midnight",
                "system": UCUM,
                "code": "{count}",
            },
        )
    ),
    allogeneic_only=True,
)

# Rash (the GVHD watch) ------------------------------------------------------------------

_RASH_AREA = FormField(
    "term",
    FieldType.CHOICE,
    N_("Where:"),
    N_("Where the rash is"),
    choices=RASH_AREAS,
    words=rash_area_words,
    refused=N_("Please choose where the rash is from the list."),
)
_RASH_EXTENT = FormField(
    "detail",
    FieldType.CHOICE,
    N_("How much skin:"),
    N_("How much skin"),
    choices=RASH_EXTENTS,
    words=extent_words,
    required=False,
    strict=False,  # older diaries may hold other words; they are shown as they are
)


def _describe_rash(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    return _("{area}: {extent}").format(
        area=_capitalised(_RASH_AREA.word(entry.term)), extent=_RASH_EXTENT.word(entry.detail)
    )


RASH = KindSpec(
    EntryKind.RASH,
    N_("Rash (GVHD watch)"),
    fields=(_RASH_AREA, _RASH_EXTENT),
    columns=(
        ExportColumn(N_("Where"), lambda e, c: _RASH_AREA.word(e.term)),
        ExportColumn(N_("How much skin"), lambda e, c: _RASH_EXTENT.word(e.detail)),
    ),
    describe=_describe_rash,
    survey=True,
    fhir_value=lambda e: ("valueString", e.detail) if e.detail in RASH_EXTENTS else None,
    allogeneic_only=True,
)

# Yellow skin or eyes (the GVHD watch) ---------------------------------------------------

YELLOW = KindSpec(
    EntryKind.YELLOW,
    N_("Yellow skin or eyes"),
    survey=True,
    fhir_value=lambda e: ("valueBoolean", True),
    allogeneic_only=True,
)

# Weight ---------------------------------------------------------------------------------


def _weight_display(kg: float, unit: str) -> str:
    return f"{kg if WeightUnit(unit) is WeightUnit.KG else kg * LB_PER_KG:.1f}"


WEIGHT = KindSpec(
    EntryKind.WEIGHT,
    N_("Weight"),
    units=tuple(u.value for u in WeightUnit),
    json_unit="kg",
    limits=ValueLimits(
        MIN_KG,
        MAX_KG,
        False,
        N_("Please type a weight between 20 and 300 kg."),
        N_("a weight is {value}, where a diary takes {low}–{high}"),
    ),
    fields=(
        FormField(
            "value",
            FieldType.DECIMAL,
            N_("Weight:"),
            N_("Weight"),
            parse=lambda text, unit: parse_weight(text, WeightUnit(unit)),
            display=_weight_display,
        ),
        FormField(
            "unit",
            FieldType.UNIT,
            N_("Unit:"),
            N_("Weight unit"),
            choices=tuple(u.value for u in WeightUnit),
            words=lambda: tuple(u.value for u in WeightUnit),
        ),
    ),
    columns=(ExportColumn(N_("Weight (kg)"), lambda e, c: e.value),),
    quantity=lambda e, unit: (e.value, "kg"),
    describe=lambda entry, vocabulary, unit: (
        "" if entry.value is None else _("{value} kg").format(value=_decimal(entry.value))
    ),
    loinc=Loinc("29463-7", "Body weight", "kg"),
)

# Note -----------------------------------------------------------------------------------


def _describe_note(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    first = entry.note.splitlines()[0] if entry.note else ""
    return first if len(first) <= 80 else first[:79] + "…"


NOTE = KindSpec(
    EntryKind.NOTE,
    N_("Note"),
    describe=_describe_note,
    note_required=True,
    note_placeholder=N_("Type your note here"),
)

# Contacted my team (recorded from the alert card, not the entry form) ---------------------

CONTACTED = KindSpec(
    EntryKind.CONTACTED,
    N_("Contacted my team"),
    columns=(ExportColumn(N_("Who"), lambda e, c: contact_words(e.detail)),),
    describe=lambda entry, vocabulary, unit: contact_words(entry.detail),
    summary=lambda entry, vocabulary, unit: contact_summary(entry.detail),
    in_form=False,
)

# One spec per kind, in the order the entry form offers them. The same dict as
# ``entries.KIND_SPECS``, which ``EntryKind.spec`` reads.
KINDS: dict[EntryKind, KindSpec] = KIND_SPECS
KINDS.update(
    (spec.kind, spec)
    for spec in (
        TEMPERATURE,
        SYMPTOM,
        INFECTION,
        STOOLS,
        RASH,
        YELLOW,
        WEIGHT,
        NOTE,
        CONTACTED,
    )
)


def spec_of(kind: EntryKind) -> KindSpec:
    """The registry's spec of ``kind``."""
    return KINDS[kind]


def describe(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    """The entry's value in words and the user's units."""
    return spec_of(entry.kind).describe(entry, vocabulary, unit)
