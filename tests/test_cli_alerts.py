"""The command line of issue 9: setup, log, settings, alerts, ack and today, with their JSON
shapes, one-line errors and exit codes, on fresh diaries — as carers, clinics and
acceptance checks drive them."""

import json
from datetime import datetime, timedelta

import pytest

from tests.cli_setup import out_json, runner, setup_args
from tests.conftest import run_main

ALERT_KEYS = {"id", "level", "kind", "at", "reason", "readings", "anc"}


@pytest.fixture
def diary(tmp_path):
    """A fresh donor-transplant diary made through the command line; returns a runner."""
    folder = tmp_path / "diary"
    today = datetime.now().astimezone().date()

    run = runner(folder)
    code = run(*setup_args(today - timedelta(days=8), today - timedelta(days=14)))
    assert code == 0
    return run


def minutes_ago(minutes: int) -> str:
    return (datetime.now().astimezone() - timedelta(minutes=minutes)).isoformat(timespec="seconds")


def test_setup_refuses_when_a_diary_exists(diary, capsys):
    capsys.readouterr()
    code = diary(
        "setup",
        "--kind",
        "autologous",
        "--source",
        "marrow",
        "--day0",
        "2026-06-01",
        "--conditioning-start",
        "2026-05-30",
        "--team",
        "X",
        "--office-phone",
        "123",
        "--after-hours-phone",
        "456",
    )
    err = capsys.readouterr().err
    assert code == 2 and "already a diary" in err and err.count("\n") == 1


def test_log_json_shape_and_a_fever(diary, capsys):
    capsys.readouterr()
    assert diary("log", "temperature", "38.5", "--json") == 0
    result = out_json(capsys)
    assert set(result) == {"saved", "alerts", "at_or_above_limit"}
    assert result["at_or_above_limit"] is True
    assert result["saved"]["kind"] == "temperature" and result["saved"]["value"] == 38.5
    [alert] = result["alerts"]
    assert set(alert) == ALERT_KEYS
    assert (alert["level"], alert["kind"]) == ("call-team", "fever")
    assert "38.5 °C" in alert["reason"] and "38.0 °C" in alert["reason"]
    datetime.fromisoformat(alert["at"])  # ISO-8601


def test_today_json_includes_open_alerts_and_ack_closes_them(diary, capsys):
    diary("log", "temperature", "38.5")
    capsys.readouterr()
    assert diary("today", "--json") == 0
    today = out_json(capsys)
    assert set(today) >= {
        "day",
        "phase",
        "date",
        "open_alerts",
        "last_contact",
        "team",
        "neutrophil_recovery",
    }
    assert (today["day"], today["phase"]) == (8, "engraftment")
    assert len(today["open_alerts"]) == 1
    assert diary("ack", "--note", "spoke to the ward") == 0
    capsys.readouterr()
    diary("alerts", "--json")
    assert out_json(capsys) == []


def test_item_1_a_rise_after_ack_raises_a_new_card(diary, capsys):
    diary("log", "temperature", "38.5", "--at", minutes_ago(130))
    diary("ack")
    capsys.readouterr()
    diary("log", "temperature", "38.8", "--at", minutes_ago(60), "--json")
    quiet = out_json(capsys)
    assert quiet["alerts"] == [] and quiet["at_or_above_limit"] is True
    diary("log", "temperature", "39.5", "--json")
    [alert] = out_json(capsys)["alerts"]
    assert "rose to 39.5 °C" in alert["reason"]


def test_a_higher_reading_taken_before_the_contact_but_logged_after_it_says_so(diary, capsys):
    diary("log", "temperature", "38.5", "--at", minutes_ago(130))
    diary("ack")
    capsys.readouterr()
    diary("log", "temperature", "39.2", "--at", minutes_ago(30), "--json")
    [alert] = out_json(capsys)["alerts"]
    assert "39.2 °C" in alert["reason"] and "before you contacted your team" in alert["reason"]
    assert "Tell them about this reading." in alert["reason"]
    assert "rose to" not in alert["reason"]


def test_item_1_the_plain_output_never_just_says_saved(diary, capsys):
    diary("log", "temperature", "38.5")
    diary("ack")
    capsys.readouterr()
    diary("log", "temperature", "38.6")
    out = capsys.readouterr().out
    assert "at or above your team's limit of 38.0 °C" in out
    assert "You contacted your team about this at" in out


def test_item_2_lowering_the_limit_checks_the_last_day(diary, capsys):
    assert diary("settings", "fever", "--single", "38.4", "--confirm") == 0
    diary("log", "temperature", "38.2", "--at", minutes_ago(30))
    capsys.readouterr()
    assert diary("settings", "fever", "--single", "38.0") == 0
    out = capsys.readouterr().out
    assert "Changed: Call your team at one temperature of: 38.4 °C → 38.0 °C." in out
    assert "CALL YOUR TRANSPLANT TEAM NOW" in out and "38.2 °C" in out
    diary("alerts", "--json")
    assert [a["kind"] for a in out_json(capsys)] == ["fever"]


def test_item_9_idsa_single_reading_asks_to_check_again(diary, capsys):
    assert diary("settings", "fever", "--preset", "idsa") == 0
    capsys.readouterr()
    diary("log", "temperature", "38.1")
    out = capsys.readouterr().out
    assert "Check your temperature again at" in out
    diary("alerts", "--json")
    assert out_json(capsys) == []


def test_idsa_sustained_for_an_hour(diary, capsys):
    diary("settings", "fever", "--single", "38.3", "--sustained", "38.0", "--minutes", "60")
    diary("log", "temperature", "38.0", "--at", minutes_ago(61))
    capsys.readouterr()
    diary("log", "temperature", "38.1", "--json")
    [alert] = out_json(capsys)["alerts"]
    assert "for at least 60 minutes" in alert["reason"]


def test_item_5_low_temperature(diary, capsys):
    capsys.readouterr()
    diary("log", "temperature", "35.7", "--json")
    [alert] = out_json(capsys)["alerts"]
    assert alert["kind"] == "low-temperature" and "below 36.0 °C" in alert["reason"]
    assert diary("settings", "low-temperature", "--below", "35.5") == 0


def test_item_4_weight_over_the_baseline_and_rising(diary, capsys):
    now = datetime.now().astimezone()
    # The last weight on or before conditioning started (14 days ago) is the baseline.
    diary("log", "weight", "70.0", "--at", (now - timedelta(days=15)).isoformat())
    capsys.readouterr()
    diary("log", "weight", "73.6", "--at", (now - timedelta(days=3)).isoformat(), "--json")
    [alert] = out_json(capsys)["alerts"]
    assert alert["kind"] == "weight" and "above your weight before treatment" in alert["reason"]
    for days, kg in ((2, 74.1), (1, 74.6)):
        diary("log", "weight", str(kg), "--at", (now - timedelta(days=days)).isoformat())
    capsys.readouterr()
    diary("log", "weight", "75.1", "--json")
    kinds = [a["reason"] for a in out_json(capsys)["alerts"]]
    assert any("gone up on 3 days in a row" in reason for reason in kinds)
    assert diary("settings", "weight", "--percent", "8") == 0


def test_item_6_stools(diary, capsys):
    capsys.readouterr()
    diary("log", "stools", "2", "--json")
    assert out_json(capsys)["alerts"] == []
    diary("log", "stools", "3", "--json")
    [alert] = out_json(capsys)["alerts"]
    assert alert["kind"] == "stools"
    assert diary("settings", "stools", "--per-day", "5") == 0
    capsys.readouterr()
    diary("log", "stools", "4", "--json")
    assert out_json(capsys)["alerts"] == []


def test_item_7_red_flags_through_the_command_line(diary, capsys):
    for term in ("chest-pain", "seizure", "trouble-breathing", "fainted", "confusion"):
        for severity in ("mild", "moderate", "severe", "very-severe"):
            capsys.readouterr()
            assert diary("log", "symptom", term, "--severity", severity, "--json") == 0
            [alert] = out_json(capsys)["alerts"]
            assert (alert["level"], alert["kind"]) == ("emergency", "symptom"), (term, severity)
    capsys.readouterr()
    diary("log", "symptom", "bleeding", "--severity", "severe", "--json")
    assert out_json(capsys)["alerts"][0]["level"] == "emergency"
    diary("log", "symptom", "black-stools", "--severity", "mild", "--json")
    assert out_json(capsys)["alerts"][0]["level"] == "call-team"


def test_symptom_list_and_unknown_terms(diary, capsys):
    capsys.readouterr()
    assert diary("log", "symptom", "--list") == 0
    listed = capsys.readouterr().out
    assert "chest-pain" in listed and "line-redness" in listed
    assert diary("log", "symptom", "chest-pian", "--severity", "mild") == 2
    err = capsys.readouterr().err
    assert "no symptom called 'chest-pian'" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("log", "temperature", "hot"),
        ("log", "temperature", "101"),  # °C selected: did you mean °F?
        ("log", "temperature", "37.0", "--at", "2999-01-01T00:00"),
        ("log", "weight", "-3"),
        ("log", "symptom", "cough"),  # no --severity
        ("log", "counts", "--anc", "500"),  # ×10⁹/L: impossible
        ("settings", "fever", "--single", "45"),
        ("settings", "stools", "--per-day", "0"),
        ("log", "stools", "three"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(diary, capsys, args):
    before = sorted(p.stat().st_mtime_ns for p in diary.folder.glob("companion.db*"))
    capsys.readouterr()
    assert diary(*args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    diary("alerts", "--json")
    assert out_json(capsys) == []
    assert sorted(p.stat().st_mtime_ns for p in diary.folder.glob("companion.db*")) == before


def test_counts_and_transfusions(diary, capsys):
    capsys.readouterr()
    assert diary("log", "counts", "--anc", "500", "--unit", "/uL", "--platelets", "18") == 0
    assert "ANC 0.50 ×10⁹/L" in capsys.readouterr().out
    assert diary("log", "counts", "--wbc", "1.1", "--neutrophil-percent", "40", "--json") == 0
    saved = out_json(capsys)["saved"]
    assert saved["anc"] == 0.44 and saved["anc_computed"] is True
    assert diary("log", "transfusion", "platelets") == 0


def test_the_commands_work_with_no_display(tmp_path):
    folder = str(tmp_path / "d")
    result = run_main(
        "--data-dir",
        folder,
        "setup",
        "--kind",
        "autologous",
        "--source",
        "marrow",
        "--day0",
        "2026-06-01",
        "--conditioning-start",
        "2026-05-30",
        "--team",
        "Unit",
        "--office-phone",
        "0123 456",
        "--after-hours-phone",
        "0123 789",
        headless=True,
    )
    assert result.returncode == 0, result.stderr
    result = run_main("--data-dir", folder, "log", "temperature", "39", "--json", headless=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["alerts"][0]["kind"] == "fever"
    result = run_main("--data-dir", folder, "today", headless=True)
    assert "CALL YOUR TRANSPLANT TEAM NOW" in result.stdout
