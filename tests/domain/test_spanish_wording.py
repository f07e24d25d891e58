"""Issue 23: the core's words in Spanish. Every alert is a whole Spanish sentence with its
numbers the Spanish way (38,5 °C), the card still ends with the team's number, day numbers
read "Día +12", and dates follow the app's language whatever the system's LC_TIME says."""

import locale
import re
from datetime import date, datetime, timedelta, timezone

import pytest

from companion import i18n
from companion.content.vocabulary import load_vocabulary
from companion.domain.alerts import Alert, AlertKind, AlertLevel, AlertRule, FeverRule
from companion.domain.card import card_words
from companion.domain.days import app_strftime, format_date, format_day, spoken_day
from companion.domain.entries import TemperatureUnit
from companion.domain.history import ChangeRecord
from companion.domain.labs import CountUnit, LabError, parse_count
from companion.domain.rules import Notice, NoticeKind
from companion.domain.team import Team, TeamError
from companion.domain.wording import (
    alert_reason,
    call_team_line,
    card_title,
    change_sentence,
    contacted_line,
    engraftment_summary,
    notice_text,
    site_note,
)
from tests.conftest import make_transplant

TZ = timezone(timedelta(hours=1))
AT = datetime(2026, 12, 7, 14, 5, tzinfo=TZ)
TEAM = Team("Hospital Universitario", "020 7946 0123", "020 7946 0999")
# English words that would give away an untranslated sentence (names and units aside).
ENGLISH = re.compile(
    r"\b(the|your|you|and|or|of|at|is|was|were|has|have|after|before|above|below|"
    r"temperature|team|call|weight|loose|stools?|today|rash|skin|eyes|limit)\b",
    re.I,
)


@pytest.fixture(autouse=True)
def spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def vocabulary():
    i18n.set_language("es")
    try:
        return load_vocabulary()
    finally:
        i18n.set_language("en")


def alert(rule, kind=AlertKind.FEVER, level=AlertLevel.CALL_TEAM, **fields):
    return Alert(AT, level, kind, rule, **fields)


def contact_alert(rule, kind, reading, taken):
    return alert(
        rule,
        kind,
        reading=reading,
        figures={
            "previous": 38.4 if rule is AlertRule.FEVER_RISE else 35.6,
            "step": 0.5,
            "contacted_at": "2026-12-07T12:00:00+01:00",
            "reading_at": taken,
        },
    )


# One alert of each kind the rules raise, and the Spanish words each must say.
CASES = {
    "fever": (
        alert(AlertRule.FEVER_SINGLE, reading=38.6, limit=38.0),
        [
            "Una temperatura de 38,6 °C (101,5 °F)",
            "igual o superior a 38,0 °C (100,4 °F), el límite de su equipo",
        ],
    ),
    "fever lasting": (
        alert(AlertRule.FEVER_SUSTAINED, reading=38.1, limit=38.0, figures={"minutes": 60}),
        ["Su temperatura ha estado en 38,0 °C", "durante al menos 60 minutos"],
    ),
    "rise after contact": (
        contact_alert(AlertRule.FEVER_RISE, AlertKind.FEVER, 39.1, "2026-12-07T14:00:00+01:00"),
        ["Su temperatura subió a 39,1 °C", "a las 12:00", "por encima de los 38,4 °C"],
    ),
    "rise taken before contact": (
        contact_alert(AlertRule.FEVER_RISE, AlertKind.FEVER, 39.1, "2026-12-07T11:30:00+01:00"),
        [
            "tomada a las 11:30, antes de contactar con su equipo a las 12:00",
            "Comuníqueles esta medición",
        ],
    ),
    "fall after contact": (
        contact_alert(
            AlertRule.LOW_FALL, AlertKind.LOW_TEMPERATURE, 35.0, "2026-12-07T14:00:00+01:00"
        ),
        ["Su temperatura bajó a 35,0 °C", "por debajo de los 35,6 °C"],
    ),
    "low temperature": (
        alert(AlertRule.LOW, AlertKind.LOW_TEMPERATURE, reading=35.4, limit=36.0),
        ["por debajo de 36,0 °C", "señal de infección"],
    ),
    "fever limit changed": (
        alert(
            AlertRule.FEVER_LIMIT_CHANGED,
            reading=38.2,
            limit=38.0,
            figures={"reading_at": "2026-12-06T09:15:00+01:00"},
        ),
        ["Su límite de fiebre es ahora 38,0 °C", "09:15 del domingo, 6 de diciembre de 2026"],
    ),
    "weight": (
        alert(
            AlertRule.WEIGHT_ABOVE_BASELINE,
            AlertKind.WEIGHT,
            reading=75.6,
            limit=5.0,
            figures={"baseline": 71.0, "baseline_at": "2026-11-20T08:00:00+01:00"},
        ),
        ["Su peso es de 75,6 kg, un 6,5 % por encima", "viernes, 20 de noviembre de 2026"],
    ),
    "weight rising": (
        alert(
            AlertRule.WEIGHT_RISING,
            AlertKind.WEIGHT,
            reading=73.0,
            limit=3,
            figures={"days": 3, "from_kg": 71.2, "min_gain": 0.3},
        ),
        ["Su peso ha subido 3 días seguidos", "de 71,2 kg a 73,0 kg"],
    ),
    "stools": (
        alert(AlertRule.STOOLS, AlertKind.STOOLS, reading=5, limit=4, figures={"donor": True}),
        ["5 deposiciones blandas hoy", "4 al día", "EICR en el intestino"],
    ),
    "one stool": (
        alert(AlertRule.STOOLS, AlertKind.STOOLS, reading=1, limit=1, figures={"donor": False}),
        ["1 deposición blanda hoy"],
    ),
    "rash": (
        alert(
            AlertRule.RASH,
            AlertKind.GVHD,
            figures={"term": "palms or soles", "extent": "a small patch"},
        ),
        ["sarpullido", "palmas de las manos o plantas de los pies", "una zona pequeña"],
    ),
    "yellow": (alert(AlertRule.YELLOW, AlertKind.GVHD), ["Piel u ojos amarillos."]),
    "emergency symptom logged as mild": (
        alert(
            AlertRule.SYMPTOM,
            AlertKind.SYMPTOM,
            AlertLevel.EMERGENCY,
            figures={"term": "chest-pain", "severity": 1},
        ),
        ["Dolor en el pecho: leve.", "Dolor en el pecho: pida ayuda ya"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_alert_is_a_whole_spanish_sentence(case, vocabulary):
    made, words = CASES[case]
    text = alert_reason(made, vocabulary)
    for expected in words:
        assert expected in text, (expected, text)
    assert not ENGLISH.findall(text.replace("VOD/SOS", "")), text
    assert text.endswith(".")


def test_a_fahrenheit_user_reads_fahrenheit_first_with_spanish_decimals():
    text = alert_reason(
        alert(AlertRule.FEVER_SINGLE, reading=38.6, limit=38.0), None, TemperatureUnit.FAHRENHEIT
    )
    assert text.startswith("Una temperatura de 101,5 °F (38,6 °C)")


def test_mexican_spanish_writes_its_decimals_with_a_point():
    i18n.set_language("es_MX")
    text = alert_reason(alert(AlertRule.FEVER_SINGLE, reading=38.6, limit=38.0))
    assert "38.6 °C" in text and "Una temperatura" in text


@pytest.mark.parametrize("level", list(AlertLevel))
def test_the_card_ends_with_the_transplant_team_and_its_number(level, vocabulary):
    fever = Alert(AT, level, AlertKind.FEVER, AlertRule.FEVER_SINGLE, reading=39.6, limit=38.0)
    words = card_words(
        [fever],
        vocabulary=vocabulary,
        unit=TemperatureUnit.CELSIUS,
        country="ES",
        team=TEAM,
        now=AT,
        episode=lambda _alert: [],
        latest_anc=(date(2026, 12, 6), 0.3),
        count_unit=CountUnit.PER_L,
        advice="",
    )
    assert words is not None
    text = words.text
    team_line = next(line for line in words.body if "Contacte con su equipo" in line)
    assert "Contacte con su equipo de trasplante: 020 7946 0123" in team_line
    assert "Último recuento de neutrófilos (RAN): 0,30 ×10⁹/L" in text
    assert "lunes, 7 de diciembre de 2026" in text
    if level is AlertLevel.EMERGENCY:
        assert words.headline == "Llame ahora a los servicios de emergencia (112)"
        assert words.first == "Llame ahora al 112. Después, avise a su equipo de trasplante."
        assert words.title.startswith("Actúe de inmediato: ")
    else:
        assert words.headline == "Llame ahora a su equipo de trasplante"
        assert words.first == team_line
        assert words.title.startswith("Urgente: ")
    assert not re.search(r"\b(Call|your|team|Latest|Urgent)\b", text), text


def test_after_hours_the_card_names_the_after_hours_number():
    sunday = datetime(2026, 12, 6, 22, 0, tzinfo=TZ)
    assert call_team_line(TEAM, sunday) == (
        "Contacte con su equipo de trasplante: 020 7946 0999 (número fuera de horario)."
    )
    assert call_team_line(None, sunday) == "Contacte con su equipo de trasplante."
    assert card_title(AlertLevel.CALL_TEAM) == "Urgente: Llame ahora a su equipo de trasplante"


def test_save_notices_and_the_contact_line_in_spanish():
    today = AT.date()
    again = Notice(NoticeKind.CHECK_AGAIN, limit=38.0, at=AT + timedelta(hours=1))
    assert notice_text(again, TemperatureUnit.CELSIUS, today) == (
        "Esto es 38,0 °C (100,4 °F) o más. Vuelva a tomarse la temperatura a las 15:05; "
        "la aplicación se lo recordará mientras esté abierta."
    )
    contacted = Notice(NoticeKind.CONTACTED, at=AT, value=39.0)
    assert "Vuelva a llamar a su equipo si llega a 39,0 °C" in notice_text(
        contacted, TemperatureUnit.CELSIUS, today
    )
    fever = alert(AlertRule.FEVER_SINGLE, reading=39.6, limit=38.0)
    assert contacted_line(AT, [fever], TemperatureUnit.CELSIUS, today) == (
        "Contactó con su equipo a las 14:05 por una temperatura de 39,6 °C (103,3 °F)."
    )
    assert site_note("armpit", "mouth").startswith(
        "Los límites de su equipo son para una medición en la boca. Las mediciones en la axila"
    )


def test_day_numbers_and_the_fever_rule_in_spanish():
    assert format_day(12) == "Día +12"
    assert format_day(-6) == "Día \N{MINUS SIGN}6"
    assert format_day(0) == "Día 0"
    assert spoken_day(12) == "Día más 12"
    rule = FeverRule(38.3, 38.0, 60)
    assert (
        rule.describe() == "38,3 °C (100,9 °F) o más, o 38,0 °C (100,4 °F) o más durante 60 minutos"
    )


def test_the_change_history_and_engraftment_in_spanish():
    moved = ChangeRecord(AT, "transplant.day0", "2026-05-09", "2026-05-10", transplant_number=1)
    assert change_sentence(moved) == (
        "Trasplante 1: Día 0: cambió de sábado, 9 de mayo de 2026 a domingo, 10 de mayo de 2026"
    )
    transplant = make_transplant()
    text = engraftment_summary(transplant, [], [], True, date(2026, 6, 20), CountUnit.PER_L)
    assert "Neutrófilos: aún no hay tres recuentos de 0,5 ×10⁹/L o más" in text
    assert "Hoy es el Día +41" in text


def test_errors_say_what_to_do_in_spanish():
    with pytest.raises(TeamError, match="Escriba al menos un número de teléfono"):
        Team("Equipo").validated()
    with pytest.raises(LabError, match=r"¿Quería decir 500 /µL \(= 0,5 ×10⁹/L\)\?"):
        parse_count("500", CountUnit.PER_L, "ANC")


@pytest.fixture
def german_lc_time():
    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no de_DE.UTF-8 locale here (localedef -i de_DE -f UTF-8 de_DE.UTF-8)")
    yield
    locale.setlocale(locale.LC_TIME, old)


def test_dates_follow_the_app_s_language_not_a_german_lc_time(german_lc_time):
    day = date(2026, 12, 7)
    assert day.strftime("%A") == "Montag"  # the system's locale really is German
    assert format_date(day) == "lunes, 7 de diciembre de 2026"
    assert app_strftime(day, "%a %d %b %Y") == "lun 07 dic 2026"
    assert app_strftime(day, "%A %B") == "lunes diciembre"
    i18n.set_language("en")
    assert format_date(day) == "Monday 7 December 2026"
    assert app_strftime(day, "%a %d %b %Y") == "Mon 07 Dec 2026"


# Issue 23, tryout-es: the kind named once; numbers in sources with the Spanish comma
# (the module runs in Spanish).


def test_an_entry_in_a_sentence_names_its_kind_once():
    from companion.domain.entries import Entry, EntryKind
    from companion.domain.wording import entry_summary

    vocabulary = load_vocabulary()
    at = datetime(2026, 6, 1, 10, 0, tzinfo=TZ)
    contacted = Entry(at=at, kind=EntryKind.CONTACTED, detail="team")
    emergency = Entry(at=at, kind=EntryKind.CONTACTED, detail="emergency")
    stools = Entry(at=at, kind=EntryKind.STOOLS, value=4)
    fever = Entry(at=at, kind=EntryKind.TEMPERATURE, value=38.6)
    unit = TemperatureUnit.CELSIUS
    i18n.set_language("en")
    try:
        said = [entry_summary(e, vocabulary, unit) for e in (contacted, emergency, stools, fever)]
    finally:
        i18n.set_language("es")
    assert said == [
        "contacted my transplant team",
        "called emergency services",
        "4 loose stools since midnight",
        "temperature 38.6 °C",
    ]
    said = [entry_summary(e, vocabulary, unit) for e in (contacted, emergency, stools, fever)]
    assert said == [
        "contacté con mi equipo de trasplante",
        "llamé a los servicios de emergencia",
        "4 deposiciones blandas desde medianoche",
        "temperatura 38,6 °C",
    ]


# A number with a decimal point, not in a link, a DOI or a reference ("2011;52:e56").
_POINT_DECIMAL = re.compile(r"(?<![\d./:;])\d+\.\d+(?![\d./])")


def _without_links(text: str) -> str:
    return re.sub(r"(https?://|doi\.org/|doi:)\S+", "", text)


def test_no_spanish_message_writes_a_decimal_with_a_point():
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with open(root / "resources/locale/es/LC_MESSAGES/companion.po", "rb") as po:
        catalogue = read_po(po)
    found = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if message.id and text and _POINT_DECIMAL.search(_without_links(text)):
                found.append(text)
    assert found == []


def test_the_fever_sources_read_with_a_decimal_comma_in_spanish():
    from companion.domain.clinical import SETTINGS_BY_KEY

    source = SETTINGS_BY_KEY["fever_single_c"].source_text  # in Spanish (the module's)
    assert "38,0 °C (100,4 °F)" in source
    assert "38.0" not in source and "100.4" not in source
