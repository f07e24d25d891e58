"""The log through the service: an entry and its alerts are saved together; alerts stay
until a contact closes them; refused entries change nothing."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion.domain.alerts import Alert, AlertKind, AlertLevel, AlertRule
from companion.domain.entries import Entry, EntryError, EntryKind
from companion.domain.wording import alert_reason
from companion.service.diary import DiaryService
from companion.storage.alert_repository import AlertRepository
from companion.storage.db import open_db

TZ = timezone(timedelta(hours=2))
NOW = datetime(2026, 6, 1, 20, 0, tzinfo=TZ)


@pytest.fixture
def service(tmp_path):
    service = DiaryService(open_db(tmp_path / "companion.db"), lambda: NOW)
    yield service
    service.close()


def temp(minutes_ago, celsius):
    return Entry(
        at=NOW - timedelta(minutes=minutes_ago),
        kind=EntryKind.TEMPERATURE,
        value=celsius,
        detail="mouth",
    )


def rows(service, table):
    return list(service.db[table].rows)


def test_a_normal_temperature_is_saved_with_no_alert(service):
    logged = service.log.add(temp(5, 37.1))
    assert logged.value.alerts == ()
    assert not logged.value.at_or_above_limit
    assert service.log.entries() == [logged.value.entry]
    row = rows(service, "entries")[0]
    assert row["at"] == "2026-06-01T19:55:00+02:00" and row["value"] == 37.1
    assert row["at_utc"] == "2026-06-01T17:55:00Z"


def test_a_fever_raises_an_alert_saved_with_the_entry_as_data(service):
    logged = service.log.add(temp(0, 38.4))
    assert [a.level for a in logged.value.alerts] == [AlertLevel.CALL_TEAM]
    assert logged.value.alerts[0].entry_id == logged.value.entry.id
    assert service.log.open_alerts() == list(logged.value.alerts)
    row = rows(service, "alerts")[0]
    # Stored as the rule and its figures; the sentence is made when shown.
    assert (row["rule"], row["reading"], row["threshold"]) == ("fever-single", 38.4, 38.0)
    assert row["legacy_reason"] is None
    assert "38.4 °C" in alert_reason(service.log.open_alerts()[0])


def test_a_later_normal_reading_never_clears_the_alert(service):
    service.log.add(temp(60, 38.4))
    service.log.add(temp(0, 36.9))
    assert len(service.log.open_alerts()) == 1


def test_contacting_the_team_closes_open_alerts_and_is_logged(service):
    service.log.add(temp(60, 38.4))
    contact = service.log.acknowledge("Spoke to the night nurse")
    assert service.log.open_alerts() == []
    assert service.log.alerts()[0].contacted_at == NOW
    assert service.log.alerts()[0].contact_id == contact.value.entry.id
    assert contact.value.entry.kind is EntryKind.CONTACTED
    assert contact.value.entry.note == "Spoke to the night nurse"


def test_undoing_a_contact_brings_the_card_back(service):
    service.log.add(temp(60, 38.4))
    contact = service.log.acknowledge()
    service.log.undo_acknowledge(contact.value.entry.id)
    assert len(service.log.open_alerts()) == 1
    assert (
        service.log.entry(contact.value.entry.id) is None
    )  # the contact entry is gone from the log


def test_nothing_to_acknowledge_records_nothing(service):
    assert service.log.acknowledge() is None
    assert rows(service, "entries") == []


def test_sustained_fever_counts_earlier_readings(service):
    service.settings.save(
        numbers={"fever_single_c": 38.3, "fever_sustained_c": 38.0, "fever_sustained_minutes": 60}
    )
    assert service.log.add(temp(70, 38.0)).value.alerts == ()
    assert service.log.add(temp(35, 38.1)).value.alerts == ()
    assert [a.rule for a in service.log.add(temp(0, 38.1)).value.alerts] == [
        AlertRule.FEVER_SUSTAINED
    ]


def test_red_flag_symptoms_and_emergencies(service):
    vocabulary = service.settings.vocabulary
    mild_cough = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="cough", severity=1)
    assert service.log.add(mild_cough).value.alerts[0].level is AlertLevel.CALL_TEAM
    tired = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="tiredness", severity=2)
    assert service.log.add(tired).value.alerts == ()
    chest = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    alerts = service.log.add(chest).value.alerts
    assert alerts[0].level is AlertLevel.EMERGENCY
    assert alert_reason(alerts[0], vocabulary) == (
        "Chest pain, mild. Chest pain needs help now at any level."
    )
    none = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="chest-pain", severity=0)
    assert alert_reason(service.log.add(none).value.alerts[0], vocabulary) == (
        "Chest pain, logged as “none” for how bad. Chest pain needs help now at any level."
    )
    bleeding = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="bleeding", severity=3)
    [bleed] = service.log.add(bleeding).value.alerts
    assert bleed.level is AlertLevel.EMERGENCY
    assert "at any level" not in alert_reason(bleed, vocabulary)
    chills = Entry(at=NOW, kind=EntryKind.INFECTION, term="chills")
    assert alert_reason(service.log.add(chills).value.alerts[0], vocabulary) == "Shaking chills."


@pytest.mark.parametrize(
    "bad",
    [
        Entry(at=NOW + timedelta(hours=1), kind=EntryKind.TEMPERATURE, value=37.0),
        Entry(at=NOW, kind=EntryKind.TEMPERATURE, value=44.0),
        Entry(at=NOW, kind=EntryKind.SYMPTOM, term="cough"),
        Entry(at=NOW, kind=EntryKind.NOTE, note="x" * 2001),
        Entry(at=NOW, kind=EntryKind.RASH, term="elbow"),
    ],
)
def test_a_refused_entry_changes_nothing(service, bad):
    service.log.add(temp(10, 37.0))
    before = rows(service, "entries"), rows(service, "alerts")
    with pytest.raises(EntryError):
        service.log.add(bad)
    assert (rows(service, "entries"), rows(service, "alerts")) == before


def test_delete_and_undo(service):
    saved = service.log.add(temp(10, 37.0)).value.entry
    service.log.delete(saved.id)
    assert service.log.entries() == []
    service.log.restore(saved.id)
    assert service.log.entries() == [saved]


def test_edit_keeps_earlier_alerts_and_can_raise_new_ones(service):
    saved = service.log.add(temp(10, 36.6)).value.entry
    raised = service.log.update(replace(saved, value=39.5)).value.alerts
    assert [a.reading for a in raised] == [39.5]
    back = service.log.update(replace(saved, value=37.0))
    assert back.value.alerts == () and len(service.log.open_alerts()) == 1
    assert service.log.entry(saved.id).value == 37.0


def test_unicode_notes_are_kept(service):
    note = "Dolor de cabeza 头痛 🌡️ — «fine print»"
    saved = service.log.add(Entry(at=NOW, kind=EntryKind.NOTE, note=note)).value.entry
    assert service.log.entry(saved.id).note == note


def test_every_write_tells_listeners_once_what_changed(service):
    heard = []
    service.subscribe(heard.append)
    logged = service.log.add(temp(0, 38.4))
    service.log.acknowledge()
    assert len(heard) == 2
    assert heard[0].entries_added == (logged.value.entry,) and heard[0].alerts
    assert heard[1].alerts and heard[1].entries_added[0].kind is EntryKind.CONTACTED


def test_alerts_between_two_moments_compare_moments_not_the_stored_text(service):
    # Three alerts raised while travelling: the stored text keeps each one's own offset.
    far_west = timezone(timedelta(hours=-10))
    moments = [
        datetime(2026, 5, 31, 23, 30, tzinfo=TZ),  # 21:30 UTC on 31 May
        datetime(2026, 5, 31, 14, 0, tzinfo=far_west),  # 00:00 UTC on 1 June
        datetime(2026, 6, 1, 12, 0, tzinfo=TZ),  # 10:00 UTC on 1 June
    ]
    with service.db.atomic():
        for at in moments:
            AlertRepository(service.db).add(
                Alert(at, AlertLevel.CALL_TEAM, AlertKind.FEVER, AlertRule.FEVER_SINGLE)
            )
    since = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    assert [a.raised_at for a in service.log.alerts(since, since + timedelta(days=1))] == moments[
        1:
    ]
    assert [a.raised_at for a in service.log.alerts(until=since)] == moments[:1]
    assert [a.raised_at for a in service.log.alerts(since=since)] == moments[1:]
    assert len(service.log.alerts()) == 3
