"""Issue 18 through the command line, with a clock the test moves: the card follows every
reading, a contact says whom it reached, the number to call follows the team's hours, the
first neutrophil recovery is kept, and a fever limit outside the published range needs
--confirm."""

from datetime import date, datetime, time, timedelta

import pytest

from companion.cli import parse, run
from tests.cli_setup import out_json, setup_args

MONDAY = date(2026, 12, 7)


class Clock:
    def __init__(self) -> None:
        self.moment = self.at(0, 0)

    @staticmethod
    def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
        return datetime.combine(day, time(hour, minute)).astimezone()

    def set(self, hour: int, minute: int = 0, day: date = MONDAY) -> None:
        self.moment = self.at(hour, minute, day)

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock():
    return Clock()


def make_runner(tmp_path, clock, kind="allogeneic"):
    folder = tmp_path / "diary"

    def diary(*args: str) -> int:
        try:
            return run(parse(["--data-dir", str(folder), *args]), folder, clock)
        except SystemExit as stop:
            return stop.code

    code = diary(*setup_args(MONDAY - timedelta(days=8), MONDAY - timedelta(days=14), kind=kind))
    assert code == 0
    return diary


@pytest.fixture
def diary(tmp_path, clock):
    return make_runner(tmp_path, clock)


def out(capsys):
    return capsys.readouterr().out


def at(hour, minute=0, day=MONDAY) -> str:
    return Clock.at(hour, minute, day).isoformat(timespec="seconds")


# Point 1 --------------------------------------------------------------------------------


def test_a_higher_reading_reaches_the_open_card_and_its_readings(diary, clock, capsys):
    clock.set(0, 20)
    diary("log", "temperature", "38.3", "--at", at(0, 0))
    capsys.readouterr()
    diary("log", "temperature", "39.6")
    said = out(capsys)  # the open card again, with the new reading on it
    assert "still open" in said and "highest first: 39.6 °C (103.3 °F) at 00:20" in said
    assert diary("alerts", "--json") == 0
    [alert] = out_json(capsys)
    assert [(r["value"], r["unit"], r["at"]) for r in alert["readings"]] == [
        (39.6, "C", at(0, 20)),
        (38.3, "C", at(0, 0)),
    ]
    assert all(isinstance(r["entry"], int) for r in alert["readings"])
    assert diary("alerts") == 0
    text = out(capsys)
    assert "Readings in this episode, highest first: 39.6 °C (103.3 °F) at 00:20" in text


def test_a_contact_covers_every_reading_logged_before_it(diary, clock, capsys):
    clock.set(0, 20)
    diary("log", "temperature", "38.3", "--at", at(0, 0))
    diary("log", "temperature", "39.6")
    clock.set(0, 30)
    diary("ack")
    clock.set(0, 40)
    capsys.readouterr()
    diary("log", "temperature", "37.0", "--json")
    assert out_json(capsys)["alerts"] == []
    diary("alerts", "--json")
    assert out_json(capsys) == []
    diary("today", "--json")
    contact = out_json(capsys)["last_contact"]
    assert contact == {
        "at": at(0, 30),
        "who": "team",
        "about": "a temperature of 39.6 °C (103.3 °F)",
    }


def test_a_reading_taken_before_the_contact_but_logged_after_it_says_so(diary, clock, capsys):
    clock.set(0, 10)
    diary("log", "temperature", "38.5", "--at", at(0, 0))
    diary("ack")
    clock.set(0, 30)
    capsys.readouterr()
    diary("log", "temperature", "39.2", "--at", at(0, 5), "--json")
    [alert] = out_json(capsys)["alerts"]
    assert "taken at 00:05, before you contacted your team at 00:10" in alert["reason"]
    assert "Tell them about this reading" in alert["reason"]
    diary("log", "temperature", "37.0", "--json")
    assert out_json(capsys)["alerts"] == []  # a normal reading never raises a card
    diary("alerts")
    assert "rose" not in out(capsys)


def test_issue25_6_a_contact_made_while_the_clock_was_a_day_ahead_names_the_dates(
    diary, clock, capsys
):
    clock.set(0, 30, MONDAY + timedelta(days=1))  # the clock is a day ahead
    diary("log", "temperature", "38.6", "--at", at(0, 20, MONDAY + timedelta(days=1)))
    clock.set(0, 40, MONDAY + timedelta(days=1))
    diary("ack")
    clock.set(0, 50)  # put right
    capsys.readouterr()
    diary("log", "temperature", "39.6", "--at", at(0, 40), "--json")
    [alert] = out_json(capsys)["alerts"]
    assert (
        "taken at 00:40 on Monday 7 December 2026, before you contacted your team at 00:40 on "
        "Tuesday 8 December 2026" in alert["reason"]
    )


# Point 3 --------------------------------------------------------------------------------


def test_an_emergency_call_closes_only_the_emergency_alerts(diary, clock, capsys):
    clock.set(0, 30)
    diary("log", "temperature", "38.9")
    diary("log", "symptom", "chest-pain", "--severity", "moderate")
    capsys.readouterr()
    assert diary("ack", "--who", "emergency") == 0
    said = out(capsys)
    assert "you contacted emergency services at 00:30 (1 alert closed)" in said
    assert "NOW TELL YOUR TRANSPLANT TEAM" in said
    diary("alerts", "--json")
    assert [a["kind"] for a in out_json(capsys)] == ["fever"]
    diary("today", "--json")
    assert out_json(capsys)["last_contact"]["who"] == "emergency"
    clock.set(0, 45)
    assert diary("ack") == 0
    assert "you contacted your team at 00:45" in out(capsys)
    diary("alerts", "--json")
    assert out_json(capsys) == []
    diary("today", "--json")
    last = out_json(capsys)["last_contact"]
    assert last["who"] == "team" and last["about"].startswith("a temperature of 38.9")


def test_ack_refuses_someone_else(diary, capsys):
    capsys.readouterr()
    assert diary("ack", "--who", "neighbour") == 2
    assert capsys.readouterr().err.count("\n") == 1


# Point 4 --------------------------------------------------------------------------------


def test_stools_alert_after_an_own_cell_transplant(tmp_path, clock, capsys):
    diary = make_runner(tmp_path, clock, kind="autologous")
    clock.set(9, 0)
    capsys.readouterr()
    diary("log", "stools", "8", "--json")
    [alert] = out_json(capsys)["alerts"]
    assert alert["kind"] == "stools" and alert["level"] == "call-team"
    assert "GVHD" not in alert["reason"]


# Point 2 (the command line side) and point 8: the team in today --json -------------------


@pytest.mark.parametrize(
    ("hour", "minute", "call_now", "number"),
    [
        (7, 59, "after-hours", "020 7946 0200"),
        (8, 0, "office", "020 7946 0100"),
        (16, 59, "office", "020 7946 0100"),
        (17, 0, "after-hours", "020 7946 0200"),
    ],
)
def test_today_json_gives_the_team_and_the_number_for_this_hour(
    diary, clock, capsys, hour, minute, call_now, number
):
    clock.set(hour, minute)  # a Monday
    capsys.readouterr()
    diary("today", "--json")
    assert out_json(capsys)["team"] == {
        "name": "City Unit",
        "office_phone": "020 7946 0100",
        "after_hours_phone": "020 7946 0200",
        "call_now": call_now,
        "number": number,
    }


# Points 5 and 6 -------------------------------------------------------------------------


def counts(diary, values):
    for day, anc in values:
        moment = datetime.combine(MONDAY - timedelta(days=8) + timedelta(days=day), time(9, 0))
        assert (
            diary("log", "counts", "--anc", str(anc), "--at", moment.astimezone().isoformat()) == 0
        )


def test_a_later_fall_keeps_the_first_recovery(tmp_path, clock, capsys):
    clock.moment = datetime.combine(MONDAY + timedelta(days=30), time(12, 0)).astimezone()
    diary = make_runner(tmp_path, clock)
    counts(diary, [(3, 0.1), (12, 0.6), (13, 0.8), (14, 1.1), (30, 0.01)])
    capsys.readouterr()
    diary("today", "--json")
    today = out_json(capsys)
    assert today["neutrophil_recovery"] == {
        "status": "met",
        "day": 12,
        "source": "registry",
        "fallen_again": {"day": 30, "value": 0.01},
    }
    assert today["phase"] != "engraftment"
    # Nurse review 2: the text of ``today`` says it too, with the unit, and what to do.
    diary("today")
    text = out(capsys)
    assert "Your neutrophils (ANC) were 0.01 ×10⁹/L on " in text
    assert "below 0.5 ×10⁹/L again after they had recovered" in text
    assert "Contact your transplant team today" in text
    assert "a fever is an emergency: call at once" in text


def test_no_low_again_line_once_the_counts_are_back_up(tmp_path, clock, capsys):
    clock.moment = datetime.combine(MONDAY + timedelta(days=32), time(12, 0)).astimezone()
    diary = make_runner(tmp_path, clock)
    counts(diary, [(3, 0.1), (12, 0.6), (13, 0.8), (14, 1.1), (30, 0.01), (32, 1.4)])
    capsys.readouterr()
    diary("today")
    assert "after they had recovered" not in out(capsys)


def test_counts_that_never_fell_are_not_applicable(tmp_path, clock, capsys):
    clock.moment = datetime.combine(MONDAY + timedelta(days=10), time(12, 0)).astimezone()
    diary = make_runner(tmp_path, clock)
    counts(diary, [(day, 1.2) for day in (2, 4, 6, 8, 10, 12)])
    capsys.readouterr()
    diary("today", "--json")
    assert out_json(capsys)["neutrophil_recovery"] == {
        "status": "not-applicable",
        "day": None,
        "source": None,
        "fallen_again": None,
    }


def test_not_yet_with_no_counts(diary, capsys):
    capsys.readouterr()
    diary("today", "--json")
    assert out_json(capsys)["neutrophil_recovery"]["status"] == "not-yet"


# Point 7 --------------------------------------------------------------------------------


def test_the_fever_card_gives_the_latest_anc(diary, clock, capsys):
    clock.set(9, 0)
    diary("log", "counts", "--anc", "0.1", "--at", at(8, 0))
    capsys.readouterr()
    diary("log", "temperature", "38.4")
    text = out(capsys)
    assert "Latest neutrophil count (ANC): 0.1" in text
    assert "A fever with an ANC below 0.5 ×10⁹/L is an emergency for your team" in text
    assert "may have changed" not in text  # taken this morning
    diary("alerts", "--json")
    [alert] = out_json(capsys)
    assert alert["anc"] == {"value": 0.1, "at": at(8, 0)}
    diary("log", "symptom", "cough", "--severity", "mild", "--json")
    [cough] = out_json(capsys)["alerts"]
    assert cough["anc"] is None and cough["readings"] == []


def test_an_old_anc_beside_a_fever_may_have_changed(diary, clock, capsys):
    # Nurse review 19: a count from days ago is said to be possibly out of date.
    older = MONDAY - timedelta(days=3)
    diary("log", "counts", "--anc", "0.1", "--at", at(8, 0, older))
    clock.set(9, 0)
    capsys.readouterr()
    diary("log", "temperature", "38.4")
    text = out(capsys)
    assert "Latest neutrophil count (ANC): 0.10 ×10⁹/L on " in text
    assert "Your count may have changed since this date." in text


def test_a_fever_limit_outside_the_published_range_needs_confirm(diary, capsys):
    capsys.readouterr()
    assert diary("settings", "fever", "--single", "39.8") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "38.0 to 38.3 °C" in err and "--confirm" in err
    diary("today", "--json")
    capsys.readouterr()
    assert diary("settings", "fever", "--single", "38.3") == 0  # inside: no question
    assert "Changed" in out(capsys)
    assert diary("settings", "fever", "--single", "39.8", "--confirm") == 0
    said = out(capsys)
    assert "38.3 °C → 39.8 °C" in said and "recorded" in said


def test_low_temperature_readings_are_highest_first_in_json_and_lowest_first_on_the_card(
    diary, clock, capsys
):
    clock.set(0, 10)
    diary("log", "temperature", "35.8", "--at", at(0, 0))
    diary("log", "temperature", "35.2")
    capsys.readouterr()
    diary("alerts", "--json")
    [alert] = out_json(capsys)
    assert alert["kind"] == "low-temperature" and alert["anc"] is None
    assert [r["value"] for r in alert["readings"]] == [35.8, 35.2]
    diary("alerts")
    assert "lowest first: 35.2 °C (95.4 °F) at 00:10, 35.8 °C" in out(capsys)
