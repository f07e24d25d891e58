"""The registry of entry kinds is complete: every kind has a spec, every form field a label,
every export column a heading and a value, and the checks read the spec's limits."""

from datetime import UTC, datetime, timedelta

import pytest

from companion.domain.entries import (
    LB_PER_KG,
    MAX_C,
    MIN_C,
    Entry,
    EntryError,
    EntryKind,
    TemperatureUnit,
    check_entry,
)
from companion.domain.entry_kinds import (
    KINDS,
    ExportContext,
    FieldType,
    KindSpec,
    describe,
    spec_of,
)
from companion.domain.rules import Vocabulary
from companion.domain.wording import describe_entry

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
AT = NOW - timedelta(hours=1)
ENTRY_ATTRIBUTES = {"value", "term", "detail", "severity", "frequency", "interference"}


def _vocabulary():
    from companion.content.vocabulary import load_vocabulary

    return load_vocabulary()


def sample(kind: EntryKind, vocabulary: Vocabulary) -> Entry:
    """One entry of ``kind`` that check_entry accepts, built from the spec alone."""
    spec = spec_of(kind)
    fields: dict = {}
    if spec.limits is not None:
        fields["value"] = (spec.limits.low + spec.limits.high) // 2
    for field in spec.fields:
        if field.type is FieldType.CHOICE:
            fields[field.name] = field.choices[0]
        elif field.type is FieldType.SCALE:
            fields[field.name] = 1
        elif field.type is FieldType.TERM:
            terms = vocabulary.symptoms if field.vocabulary == "symptoms" else vocabulary.infections
            fields[field.name] = terms[0].id
    note = "a note" if spec.note_required else ""
    return Entry(AT, kind, note=note, **fields)


def test_every_kind_has_its_spec_in_order():
    assert list(KINDS) == list(EntryKind)
    for kind, spec in KINDS.items():
        assert isinstance(spec, KindSpec) and spec.kind is kind and spec_of(kind) is spec
        assert spec.title and kind.title == spec.title


def test_every_form_field_has_a_label_a_name_and_what_it_needs():
    for kind, spec in KINDS.items():
        names = [field.name for field in spec.fields]
        assert len(names) == len(set(names)), kind
        for field in spec.fields:
            assert field.label.endswith(":") and field.accessible, (kind, field.name)
            assert field.name in ENTRY_ATTRIBUTES | {"unit"}, (kind, field.name)
            if field.type in (FieldType.CHOICE, FieldType.SCALE, FieldType.UNIT):
                assert field.choices, (kind, field.name)
                assert len(field.shown_choices()) == len(field.choices), (kind, field.name)
            if field.type is FieldType.DECIMAL:
                assert field.parse is not None and field.display is not None
                assert any(f.type is FieldType.UNIT for f in spec.fields), kind
            if field.type is FieldType.UNIT:
                assert field.choices == spec.units, kind
            if field.type is FieldType.TERM:
                assert field.vocabulary in ("symptoms", "infections"), kind
            if field.type is FieldType.COUNT:
                assert field.range is not None, kind
            if field.required and field.type in (FieldType.SCALE, FieldType.TERM):
                assert field.missing, (kind, field.name)  # the form can say what is missing


def test_every_export_column_has_a_heading_and_is_produced():
    vocabulary = _vocabulary()
    for unit in TemperatureUnit:
        context = ExportContext(unit, vocabulary)
        for kind, spec in KINDS.items():
            entry = check_entry(sample(kind, vocabulary), NOW)
            for column in spec.columns:
                heading = column.heading_text(context)
                assert heading and "{" not in heading, (kind, column.heading)
                assert column.value(entry, context) not in (None, ""), (kind, heading)
            if spec.quantity is not None:
                number, words = spec.quantity(entry, unit)
                assert isinstance(number, float | int) and words, kind
            assert isinstance(describe(entry, vocabulary, unit), str)


def test_units_and_codes():
    assert spec_of(EntryKind.TEMPERATURE).loinc.code == "8310-5"
    assert spec_of(EntryKind.WEIGHT).loinc.code == "29463-7"
    assert spec_of(EntryKind.SYMPTOM).loinc is None
    assert spec_of(EntryKind.TEMPERATURE).json_unit == "C"
    assert spec_of(EntryKind.WEIGHT).units == ("kg", "lb")
    assert spec_of(EntryKind.STOOLS).json_unit == "per-day"
    # Every kind measured with a LOINC code has a number to write and a plausible range.
    for kind, spec in KINDS.items():
        if spec.loinc is not None:
            assert spec.limits is not None and spec.quantity is not None, kind


def test_the_form_fields_parse_what_the_user_types_in_either_unit():
    value = spec_of(EntryKind.WEIGHT).field("value")
    assert value.parse("150", "lb") == round(150 / LB_PER_KG, 2)
    assert value.display(68.04, "lb") == "150.0"
    temperature = spec_of(EntryKind.TEMPERATURE).field("value")
    assert temperature.parse("101.3", "F") == 38.5
    assert temperature.display(38.5, "F") == "101.3"
    with pytest.raises(EntryError, match="did you mean °F"):
        temperature.parse("101", "C")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (Entry(AT, EntryKind.TEMPERATURE, value=MAX_C + 1), "between 34 and 43 °C"),
        (Entry(AT, EntryKind.TEMPERATURE, value=MIN_C, detail="toe"), "where you took"),
        (Entry(AT, EntryKind.WEIGHT, value=5), "between 20 and 300 kg"),
        (Entry(AT, EntryKind.STOOLS, value=2.5), "whole number"),
        (Entry(AT, EntryKind.STOOLS), "whole number"),
        (Entry(AT, EntryKind.SYMPTOM, severity=1), "what you noticed"),
        (Entry(AT, EntryKind.SYMPTOM, term="fever"), "how bad it is"),
        (Entry(AT, EntryKind.INFECTION), "what you noticed"),
        (Entry(AT, EntryKind.RASH, term="nose"), "where the rash is"),
        (Entry(AT, EntryKind.RASH), "where the rash is"),
        (Entry(AT, EntryKind.NOTE), "type the note"),
        (Entry(AT, EntryKind.SYMPTOM, term="fever", severity=7), "severity from the list"),
    ],
)
def test_check_entry_refuses_what_the_spec_refuses(entry, message):
    with pytest.raises(EntryError, match=message):
        check_entry(entry, NOW)


def test_a_rash_extent_from_an_older_diary_is_kept_and_shown_as_it_is():
    entry = check_entry(Entry(AT, EntryKind.RASH, term="face", detail="a lot"), NOW)
    assert entry.detail == "a lot"
    assert describe_entry(entry, _vocabulary(), TemperatureUnit.CELSIUS) == "Face: a lot"


def test_the_log_words_each_kind_as_before():
    vocabulary = _vocabulary()
    c = TemperatureUnit.CELSIUS
    words = {
        Entry(AT, EntryKind.TEMPERATURE, value=38.25, detail="ear"): "38.2 °C (ear)",
        Entry(AT, EntryKind.TEMPERATURE, value=38.45): "38.5 °C",
        Entry(AT, EntryKind.WEIGHT, value=68.04): "68.0 kg",
        Entry(AT, EntryKind.STOOLS, value=1): "1 loose stool since midnight",
        Entry(AT, EntryKind.STOOLS, value=4): "4 loose stools since midnight",
        Entry(AT, EntryKind.RASH, term="palms or soles", detail="a small patch"): (
            "Palms or soles: a small patch"
        ),
        Entry(AT, EntryKind.CONTACTED, detail="emergency"): "emergency services",
        Entry(AT, EntryKind.CONTACTED, detail="team"): "transplant team",
        Entry(AT, EntryKind.NOTE, note="first line\nsecond"): "first line",
        Entry(AT, EntryKind.YELLOW): "",
    }
    for entry, expected in words.items():
        assert describe_entry(entry, vocabulary, c) == expected, entry
    fahrenheit = Entry(AT, EntryKind.TEMPERATURE, value=38.5, detail="mouth")
    assert describe_entry(fahrenheit, vocabulary, TemperatureUnit.FAHRENHEIT) == "101.3 °F (mouth)"


# In Spanish ------------------------------------------------------------------------------


@pytest.fixture
def spanish():
    """The app in Spanish for one test; English again afterwards."""
    from companion import i18n

    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_a_kind_its_form_and_its_words_in_spanish(spanish):
    from companion.domain.entries import severity_words

    assert EntryKind.TEMPERATURE.title == "Temperatura"
    assert EntryKind.RASH.title == "Sarpullido (vigilancia de la EICR)"
    temperature = spec_of(EntryKind.TEMPERATURE)
    assert [f.label_text() for f in temperature.fields] == ["Temperatura:", "Unidad:", "Tomada en:"]
    assert temperature.field("detail").shown_choices() == ("boca", "oído", "axila", "frente")
    symptom = spec_of(EntryKind.SYMPTOM)
    assert [f.accessible_text() for f in symptom.fields] == [
        "Síntoma",
        "Intensidad",
        "Con qué frecuencia",
        "Cuánto le impidió hacer sus cosas",
    ]
    assert severity_words() == ("ninguna", "leve", "moderada", "grave", "muy grave")
    # Every title, label and heading of every kind is translated: none is left in English.
    english = set()
    for spec in KINDS.values():
        for marked, shown in (
            (spec.title, spec.title_text()),
            *((f.label, f.label_text()) for f in spec.fields),
            *((f.accessible, f.accessible_text()) for f in spec.fields),
            *(
                (c.heading, c.heading_text(ExportContext(TemperatureUnit.CELSIUS, None)))
                for c in spec.columns
            ),
        ):
            if marked == shown:
                english.add(marked)
    assert english == set()


def test_the_log_words_an_entry_in_spanish(spanish):
    vocabulary = _vocabulary()
    c = TemperatureUnit.CELSIUS
    assert describe_entry(
        Entry(AT, EntryKind.TEMPERATURE, value=38.25, detail="ear"), vocabulary, c
    ) == ("38,2 °C (oído)")
    assert describe_entry(Entry(AT, EntryKind.STOOLS, value=1), vocabulary, c) == (
        "1 deposición blanda desde medianoche"
    )
    assert describe_entry(Entry(AT, EntryKind.STOOLS, value=4), vocabulary, c) == (
        "4 deposiciones blandas desde medianoche"
    )
    rash = Entry(AT, EntryKind.RASH, term="palms or soles", detail="more than half")
    assert describe_entry(rash, vocabulary, c) == (
        "Palmas de las manos o plantas de los pies: más de la mitad"
    )
    assert describe_entry(Entry(AT, EntryKind.WEIGHT, value=68.04), vocabulary, c) == "68,0 kg"


def test_the_checks_refuse_in_spanish(spanish):
    with pytest.raises(EntryError, match=r"^Escriba una temperatura entre 34 y 43 °C\.$"):
        check_entry(Entry(AT, EntryKind.TEMPERATURE, value=50), NOW)
    with pytest.raises(EntryError, match=r"^Elija la intensidad\.$"):
        check_entry(Entry(AT, EntryKind.SYMPTOM, term="fever"), NOW)
    with pytest.raises(EntryError, match=r"¿quería decir °F\? No se guardó nada"):
        spec_of(EntryKind.TEMPERATURE).field("value").parse("101", "C")
    with pytest.raises(EntryError, match="no es una temperatura corporal"):
        spec_of(EntryKind.TEMPERATURE).field("value").parse("20", "C")
