"""The log: an entry and its alerts are saved together; alerts stay until contact."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from companion.content.vocabulary import load_vocabulary
from companion.domain.alerts import AlertLevel, FeverRule
from companion.domain.entries import Entry, EntryError, EntryKind
from companion.domain.rules import RuleSettings
from companion.storage.db import open_db
from companion.storage.log_repository import LogRepository

TZ = timezone(timedelta(hours=2))
NOW = datetime(2026, 6, 1, 20, 0, tzinfo=TZ)
CDC = RuleSettings(FeverRule(single_c=38.0), weight_gain_percent=5.0)


@pytest.fixture
def repo(tmp_path):
    db = open_db(tmp_path / "companion.db")
    yield LogRepository(db, load_vocabulary())
    db.close()


def temp(minutes_ago, celsius):
    return Entry(
        at=NOW - timedelta(minutes=minutes_ago),
        kind=EntryKind.TEMPERATURE,
        value=celsius,
        detail="mouth",
    )


def test_a_normal_temperature_is_saved_with_no_alert(repo):
    saved, alerts = repo.add(temp(5, 37.1), CDC, NOW)
    assert alerts == []
    assert repo.entries() == [saved]
    row = next(repo._db["entries"].rows)
    assert row["at"] == "2026-06-01T19:55:00+02:00" and row["value"] == 37.1


def test_a_fever_raises_an_alert_saved_with_the_entry(repo):
    saved, alerts = repo.add(temp(0, 38.4), CDC, NOW)
    assert [a.level for a in alerts] == [AlertLevel.CALL_TEAM]
    assert alerts[0].entry_id == saved.id
    assert repo.open_alerts() == alerts


def test_a_later_normal_reading_never_clears_the_alert(repo):
    repo.add(temp(60, 38.4), CDC, NOW)
    repo.add(temp(0, 36.9), CDC, NOW)
    assert len(repo.open_alerts()) == 1


def test_contacting_the_team_closes_open_alerts_and_is_logged(repo):
    repo.add(temp(60, 38.4), CDC, NOW)
    contact = repo.record_contact(NOW, "Spoke to the night nurse")
    assert repo.open_alerts() == []
    assert repo.alerts()[0].contacted_at == NOW
    assert contact.kind is EntryKind.CONTACTED and contact.note == "Spoke to the night nurse"


def test_sustained_fever_counts_earlier_readings(repo):
    idsa = RuleSettings(FeverRule(38.3, 38.0, 60), 5.0)
    assert repo.add(temp(70, 38.0), idsa, NOW)[1] == []
    assert repo.add(temp(35, 38.1), idsa, NOW)[1] == []
    assert len(repo.add(temp(0, 38.1), idsa, NOW)[1]) == 1


def test_red_flag_symptoms_and_emergencies(repo):
    mild_cough = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="cough", severity=1)
    assert repo.add(mild_cough, CDC, NOW)[1][0].level is AlertLevel.CALL_TEAM
    tired = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="tiredness", severity=2)
    assert repo.add(tired, CDC, NOW)[1] == []
    chest = Entry(at=NOW, kind=EntryKind.SYMPTOM, term="chest-pain", severity=1)
    alerts = repo.add(chest, CDC, NOW)[1]
    assert alerts[0].level is AlertLevel.EMERGENCY
    assert "Chest pain, mild" in alerts[0].reason
    chills = Entry(at=NOW, kind=EntryKind.INFECTION, term="chills")
    assert repo.add(chills, CDC, NOW)[1][0].reason == "Shaking chills."


def test_fast_weight_gain(repo):
    for hours, kg in ((48, 70.0), (24, 71.0)):
        weight = Entry(at=NOW - timedelta(hours=hours), kind=EntryKind.WEIGHT, value=kg)
        assert repo.add(weight, CDC, NOW)[1] == []
    heavy = Entry(at=NOW, kind=EntryKind.WEIGHT, value=73.6)
    assert "3.6 kg" in repo.add(heavy, CDC, NOW)[1][0].reason


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
def test_a_refused_entry_changes_nothing(repo, bad):
    repo.add(temp(10, 37.0), CDC, NOW)
    before = list(repo._db["entries"].rows), list(repo._db["alerts"].rows)
    with pytest.raises(EntryError):
        repo.add(bad, CDC, NOW)
    assert (list(repo._db["entries"].rows), list(repo._db["alerts"].rows)) == before


def test_delete_and_undo(repo):
    saved, _ = repo.add(temp(10, 37.0), CDC, NOW)
    repo.delete(saved.id, NOW)
    assert repo.entries() == []
    assert repo.restore(saved.id) == saved


def test_edit_keeps_earlier_alerts_and_can_raise_new_ones(repo):
    saved, _ = repo.add(temp(10, 38.5), CDC, NOW)
    _, new = repo.update(replace(saved, value=37.0), CDC, NOW)
    assert new == [] and len(repo.open_alerts()) == 1
    assert repo.entry(saved.id).value == 37.0


def test_unicode_notes_are_kept(repo):
    note = "Dolor de cabeza 头痛 🌡️ — «fine print»"
    saved, _ = repo.add(Entry(at=NOW, kind=EntryKind.NOTE, note=note), CDC, NOW)
    assert repo.entry(saved.id).note == note
