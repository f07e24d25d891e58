"""Issue 21 through the command line, as acceptance checks drive it: own-cell and donor
journeys at Day +10 … +800 (the infection period and the doses due), the plan's dates,
the live-vaccine lock with each condition toggled, IgG in both units, IVIG, the chronic
GVHD terms, and the vaccination record and visit report read back with pdftotext."""

import atexit
import json
import shutil
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.app import main
from tests.cli_setup import setup_args
from tests.fixtures.demo import copy_of

VACCINE_KEYS = {"id", "vaccine", "dose", "earliest", "given", "live", "status"}
DAY0 = date(2026, 5, 10)


def make_diary(tmp_path, kind="allogeneic"):
    folder = tmp_path / f"diary-{kind}"

    def run(*args: str, on: date | None = None) -> int:
        extra = ["--today", on.isoformat()] if on else []
        try:
            return main(["--data-dir", str(folder), *extra, *args])
        except SystemExit as stop:
            return stop.code

    template = _SET_UP.get(kind)
    if template is None:  # set up once per kind and run; each test gets its own copy
        template = Path(tempfile.mkdtemp(prefix=f"companion-{kind}-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        code = main(
            [
                "--data-dir",
                str(template),
                "--today",
                (DAY0 - timedelta(days=7)).isoformat(),
                *setup_args(DAY0, DAY0 - timedelta(days=6), kind=kind),
            ]
        )
        assert code == 0
        _SET_UP[kind] = template
    copy_of(template, folder)
    run.folder = folder
    return run


_SET_UP: dict[str, Path] = {}


@pytest.fixture
def donor(tmp_path):
    return make_diary(tmp_path, "allogeneic")


@pytest.fixture
def own(tmp_path):
    return make_diary(tmp_path, "autologous")


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("kind", ["allogeneic", "autologous"])
@pytest.mark.parametrize(
    ("day", "period", "due"),
    [
        (10, "pre-engraftment", set()),
        (25, "pre-engraftment", set()),
        (60, "pre-engraftment", set()),
        (200, "late", {"Pneumococcal conjugate", "COVID-19", "Flu (inactivated injection)"}),
        (400, "late", {"Shingles (recombinant, not live)", "Hepatitis B"}),
        (800, "late", {"Flu (inactivated injection)"}),
    ],
)
def test_journeys_give_the_period_and_the_doses_due(tmp_path, capsys, kind, day, period, due):
    run = make_diary(tmp_path, kind)
    on = DAY0 + timedelta(days=day)
    # No counts logged: "before your counts recover" until recovery is recorded (nurse
    # review 1), and "after Day +100" by the date alone.
    capsys.readouterr()
    assert run("today", "--json", on=on) == 0
    today = out_json(capsys)
    assert today["infection_period"] == period
    names = {v["vaccine"] for v in today["vaccines_due"]}
    assert due <= names
    for dose in today["vaccines_due"]:
        assert set(dose) == VACCINE_KEYS
        assert dose["status"] in ("due", "overdue")
        assert dose["live"] is False  # live vaccines stay locked
    assert run("today", on=on) == 0
    assert "Infection risk now" in capsys.readouterr().out


def test_a_low_count_at_day_40_never_says_counts_back(own, capsys):
    # Nurse review 1: own-cell diary, Day +40, no recovery, ANC 0.1 logged.
    on = DAY0 + timedelta(days=40)
    assert own("log", "counts", "--anc", "0.1", on=on) == 0
    capsys.readouterr()
    assert own("today", "--json", on=on) == 0
    assert out_json(capsys)["infection_period"] == "pre-engraftment"
    assert own("today", on=on) == 0
    text = capsys.readouterr().out
    assert "before your counts recover" in text
    assert "counts back" not in text.lower()


def test_the_plan_lists_every_dose_with_its_published_date(donor, capsys):
    on = DAY0 + timedelta(days=120)
    capsys.readouterr()
    assert donor("vaccine", "list", "--json", on=on) == 0
    plan = out_json(capsys)
    assert all(set(row) == VACCINE_KEYS for row in plan)
    first = {(r["vaccine"], r["dose"]): r for r in plan}
    assert first[("Pneumococcal conjugate", 1)]["earliest"] == "2026-08-10"
    assert first[("Pneumococcal conjugate", 1)]["status"] == "due"
    assert first[("Flu (inactivated injection)", 1)]["status"] == "not-yet"
    mmr = first[("Measles, mumps, rubella (MMR)", 1)]
    assert mmr["live"] is True and mmr["status"] == "locked" and mmr["earliest"] == "2028-05-10"


def test_given_edit_and_add_change_the_plan_and_are_recorded(donor, capsys):
    on = DAY0 + timedelta(days=200)
    donor("vaccine", "list", "--json", on=on)
    plan = out_json(capsys)
    pcv = next(r for r in plan if r["vaccine"] == "Pneumococcal conjugate" and r["dose"] == 1)
    assert (
        donor("vaccine", "given", str(pcv["id"]), "--on", "2026-08-20", "--where", "GP", on=on) == 0
    )
    flu = next(r for r in plan if r["vaccine"].startswith("Flu") and r["dose"] == 1)
    assert donor("vaccine", "edit", str(flu["id"]), "--earliest", "2026-10-01", on=on) == 0
    assert donor("vaccine", "add", "Rabies", "--earliest", "2026-12-01", on=on) == 0
    capsys.readouterr()
    donor("vaccine", "list", "--json", on=on)
    after = {r["id"]: r for r in out_json(capsys)}
    assert after[pcv["id"]]["given"] == "2026-08-20" and after[pcv["id"]]["status"] == "done"
    assert after[flu["id"]]["earliest"] == "2026-10-01"
    assert any(r["vaccine"] == "Rabies" for r in after.values())
    # The change history names the change.
    from companion.service.diary import DiaryService

    service = DiaryService.open(donor.folder / "companion.db")
    try:
        sentences = [c.sentence for c in service.history()]
    finally:
        service.close()
    assert any("influenza, dose 1: earliest date" in s and "1 October 2026" in s for s in sentences)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("vaccine", "given", "999", "--on", "2026-09-01"), "no dose number 999"),
        (("vaccine", "given", "1", "--on", "2030-01-01"), "future"),
        (("vaccine", "given", "1", "--on", "2026-01-01"), "before Day 0"),
        (("vaccine", "edit", "1"), "--earliest"),
        (("vaccine", "add", "Rabies"), "--earliest"),
        (("vaccine", "confirm", "no-active-gvhd"), "--yes"),
        (("vaccine", "confirm", "two-years", "--yes"), "invalid choice"),
        (("log", "counts", "--igg", "520"), "Did you mean 520 mg/dL"),
        (("log", "counts", "--igg-unit", "mg/dL"), "--igg"),
        (("log", "counts", "--cd4", "0.2"), "cells/µL"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_changes(donor, capsys, args, words):
    on = DAY0 + timedelta(days=200)
    donor("vaccine", "list", "--json", on=on)
    before = capsys.readouterr().out
    assert donor(*args, on=on) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    donor("vaccine", "list", "--json", on=on)
    assert capsys.readouterr().out == before


def _live(run, capsys, on):
    capsys.readouterr()
    assert run("vaccine", "live-status", "--json", on=on) == 0
    status = out_json(capsys)
    return status["allowed"], {c["name"]: c for c in status["conditions"]}


def test_the_live_vaccine_lock_with_each_condition_toggled(donor, capsys):
    on = DAY0 + timedelta(days=800)
    allowed, conditions = _live(donor, capsys, on)
    assert not allowed
    assert list(conditions) == [
        "two-years",
        "no-active-gvhd",
        "off-immunosuppression-1-year",
        "ivig-8-months",
    ]
    assert conditions["two-years"] == {
        "name": "two-years",
        "met": True,
        "since": "2026-05-10",
        "until": "2028-05-10",
    }
    assert conditions["no-active-gvhd"]["met"] is None
    assert conditions["off-immunosuppression-1-year"]["met"] is None
    assert conditions["ivig-8-months"]["met"] is None  # nothing logged (nurse review 6)
    assert donor("vaccine", "confirm", "no-active-gvhd", "--yes", on=on) == 0
    assert donor("vaccine", "confirm", "ivig-8-months", "--yes", on=on) == 0
    assert (
        donor("vaccine", "confirm", "off-immunosuppression-1-year", "--since", "2027-06-01", on=on)
        == 0
    )
    allowed, conditions = _live(donor, capsys, on)
    assert allowed
    assert conditions["off-immunosuppression-1-year"]["since"] == "2027-06-01"
    # MMR is no longer locked: its status follows its date.
    donor("vaccine", "list", "--json", on=on)
    mmr = next(r for r in out_json(capsys) if r["vaccine"].startswith("Measles"))
    assert mmr["status"] in ("due", "overdue")
    # An IVIG infusion 3 months ago locks it again.
    ivig_at = (on - timedelta(days=90)).isoformat() + "T10:00"
    assert donor("log", "ivig", "--at", ivig_at, on=on) == 0
    allowed, conditions = _live(donor, capsys, on)
    assert not allowed and conditions["ivig-8-months"]["met"] is False
    assert conditions["ivig-8-months"]["since"] == (on - timedelta(days=90)).isoformat()
    # Active GVHD, said by the team, locks it too.
    donor("vaccine", "confirm", "no-active-gvhd", "--no", on=on)
    _, conditions = _live(donor, capsys, on)
    assert conditions["no-active-gvhd"]["met"] is False
    # Before 2 years, never.
    allowed, conditions = _live(donor, capsys, DAY0 + timedelta(days=700))
    assert not allowed and conditions["two-years"]["met"] is False
    # The plain-text form names every condition and its state.
    capsys.readouterr()
    donor("vaccine", "live-status", on=on)
    text = capsys.readouterr().out
    assert "Live vaccines: not yet" in text and "IVIG" in text and "GVHD" in text


def test_own_cell_patients_are_asked_about_other_treatment(own, capsys):
    on = DAY0 + timedelta(days=800)
    allowed, conditions = _live(own, capsys, on)
    assert conditions["no-active-gvhd"]["met"] is True
    assert conditions["no-maintenance-treatment"]["met"] is None
    own("vaccine", "confirm", "off-immunosuppression-1-year", "--since", "2026-05-10", on=on)
    own("vaccine", "confirm", "no-maintenance-treatment", "--yes", on=on)
    own("vaccine", "confirm", "ivig-8-months", "--yes", on=on)
    allowed, _ = _live(own, capsys, on)
    assert allowed


def test_immune_counts_in_both_igg_units_are_stored_in_g_per_litre(donor, capsys):
    on = DAY0 + timedelta(days=200)
    capsys.readouterr()
    assert (
        donor(
            "log",
            "counts",
            "--lymphocytes",
            "0.9",
            "--cd4",
            "230",
            "--igg",
            "540",
            "--igg-unit",
            "mg/dL",
            "--json",
            on=on,
        )
        == 0
    )
    saved = out_json(capsys)["saved"]
    assert (saved["lymphocytes"], saved["cd4"], saved["igg"]) == (0.9, 230.0, 5.4)
    assert donor("log", "counts", "--igg", "6.1", "--json", on=on) == 0
    assert out_json(capsys)["saved"]["igg"] == 6.1
    # Lymphocytes follow the counts' unit.
    assert donor("log", "counts", "--lymphocytes", "900", "--unit", "/uL", "--json", on=on) == 0
    assert out_json(capsys)["saved"]["lymphocytes"] == 0.9


def test_chronic_gvhd_terms_raise_the_right_level(donor, capsys):
    on = DAY0 + timedelta(days=300)
    capsys.readouterr()
    assert donor("log", "symptom", "cgvhd-eyes", "--severity", "moderate", "--json", on=on) == 0
    assert out_json(capsys)["alerts"] == []
    assert donor("log", "symptom", "cgvhd-eyes", "--severity", "moderate", on=on) == 0
    assert "tell your team at your next visit" in capsys.readouterr().out
    for term in ("cgvhd-breathless-rest", "cgvhd-yellow", "cgvhd-weight-loss-fast"):
        assert donor("log", "symptom", term, "--severity", "mild", "--json", on=on) == 0
        alerts = out_json(capsys)["alerts"]
        assert [a["level"] for a in alerts] == ["call-team"], term
    assert donor("log", "symptom", "shingles-rash", "--severity", "mild", "--json", on=on) == 0
    assert [a["level"] for a in out_json(capsys)["alerts"]] == ["call-team"]
    assert donor("log", "symptom", "cannot-drink", "--severity", "mild", "--json", on=on) == 0
    assert [a["level"] for a in out_json(capsys)["alerts"]] == ["call-team"]


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        ("mild", "call-team"),
        ("moderate", "call-team"),
        ("severe", "emergency"),
        ("very-severe", "emergency"),
    ],
)
def test_breathless_at_rest_has_the_level_of_breathless(donor, capsys, severity, level):
    # Nurse review 4: one level for breathlessness, whichever term is logged.
    on = DAY0 + timedelta(days=300)
    capsys.readouterr()
    for term in ("breathless", "cgvhd-breathless-rest"):
        assert donor("log", "symptom", term, "--severity", severity, "--json", on=on) == 0
        levels = {a["level"] for a in out_json(capsys)["alerts"]}
        assert level in levels, (term, severity)
        if level == "call-team":
            assert "emergency" not in levels, (term, severity)


def test_breathless_on_the_stairs_does_not_wait_for_the_next_visit(donor, capsys):
    on = DAY0 + timedelta(days=300)
    capsys.readouterr()
    args = ("log", "symptom", "cgvhd-breathless-exertion", "--severity", "moderate")
    assert donor(*args, on=on) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "contact your team within a day or two; do not wait for your next visit" in text
    assert "Struggling to breathe: call emergency services." in text


def test_the_flu_season_is_set_from_the_command_line(donor, capsys):
    # Nurse review 7: the season's months are a setting; the plan follows it.
    on = DAY0 + timedelta(days=20)
    assert donor("settings", "flu-season", "--start-month", "3", on=on) == 0
    assert "→" in capsys.readouterr().out
    assert donor("vaccine", "list", "--json", on=on) == 0
    flu = [r["earliest"] for r in out_json(capsys) if r["vaccine"].startswith("Flu")]
    assert flu[:3] == ["2027-03-01", "2028-03-01", "2029-03-01"]
    assert donor("settings", "flu-season", "--start-month", "13", on=on) == 2


def test_checkups_are_listed_accepted_into_the_calendar_and_ticked(donor, capsys):
    on = DAY0 + timedelta(days=300)
    capsys.readouterr()
    assert donor("checkups", "list", "--json", on=on) == 0
    items = out_json(capsys)
    eyes = next(i for i in items if i["check"] == "eyes")
    assert eyes["due"] == "2027-05-10" and eyes["appointment_id"] is None
    assert donor("checkups", "accept", str(eyes["id"]), on=on) == 0
    assert donor("checkups", "done", str(eyes["id"]), "--on", on.isoformat(), on=on) == 0
    capsys.readouterr()
    donor("checkups", "list", "--json", on=on)
    again = next(i for i in out_json(capsys) if i["id"] == eyes["id"])
    assert again["appointment_id"] is not None and again["done"] == on.isoformat()
    donor("appointment", "list", "--json", on=on)
    assert "Eye check" in capsys.readouterr().out


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


@needs_pdftotext
def test_the_vaccination_record_reads_back(qapp, donor, capsys, tmp_path):
    on = DAY0 + timedelta(days=400)
    donor("vaccine", "list", "--json", on=on)
    pcv = next(r for r in out_json(capsys) if r["vaccine"] == "Pneumococcal conjugate")
    donor(
        "vaccine",
        "given",
        str(pcv["id"]),
        "--on",
        "2026-08-21",
        "--where",
        "Riverside GP",
        "--batch",
        "XY99",
        on=on,
    )
    out = tmp_path / "card.pdf"
    assert donor("vaccine", "card", "--output", str(out), on=on) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").split())
    assert "Vaccination record" in text
    assert "Day 0: Sunday 10 May 2026" in text
    assert "Riverside GP" in text and "XY99" in text and "21 Aug 2026" in text
    assert "020 7946 0100" in text
    assert "No live vaccine" in text
    assert "8 months since the last IVIG" in text
    assert "nasal flu spray" in text and "2 weeks" in text
    assert "Rubin" in text  # the source
    # Never written onto the diary itself.
    diary = donor.folder / "companion.db"
    before = diary.read_bytes()
    assert donor("vaccine", "card", "--output", str(diary), on=on) == 2
    assert diary.read_bytes() == before


@needs_pdftotext
def test_the_visit_report_has_the_vaccines_gvhd_check_and_immune_counts(
    qapp, donor, capsys, tmp_path
):
    on = DAY0 + timedelta(days=400)
    at = (on - timedelta(days=2)).isoformat() + "T09:00"
    donor("log", "counts", "--cd4", "180", "--igg", "3.9", "--at", at, on=on)
    donor("log", "symptom", "cgvhd-mouth-dry", "--severity", "mild", "--at", at, on=on)
    donor("settings", "immune-range", "--igg", "7-16", on=on)
    out = tmp_path / "report.pdf"
    assert donor("report", "--output", str(out), on=on) == 0
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Immune system and vaccines" in text
    assert "Vaccines that can be given now or are past their usual start" in " ".join(text.split())
    assert "past the usual start" in " ".join(text.split())
    assert "overdue" not in text
    assert "Chronic GVHD check" in text and "Dry mouth" in text and "new" in text
    assert "Immune counts" in text and "180 cells/µL" in text and "3.9 g/L" in text
    assert "Live vaccines" in text
    assert "IgG: your team's range: 7–16 g/L" in text


def test_the_live_vaccine_waits_are_the_team_s_to_set_and_recorded(donor, capsys):
    on = DAY0 + timedelta(days=600)
    capsys.readouterr()
    assert donor("settings", "live-vaccines", "--months", "18", on=on) == 0
    out = capsys.readouterr().out
    assert "24 months after Day 0 → 18 months after Day 0" in out and "recorded" in out
    _, conditions = _live(donor, capsys, on)
    assert (
        conditions["two-years"]["met"] is True and conditions["two-years"]["until"] == "2027-11-10"
    )
    assert donor("settings", "live-vaccines", "--months", "3", on=on) == 2
    assert "12 to 60" in capsys.readouterr().err
    _, conditions = _live(donor, capsys, on)
    assert conditions["two-years"]["until"] == "2027-11-10"


def test_the_team_s_range_is_kept_shown_and_recorded_never_judged(donor, capsys):
    on = DAY0 + timedelta(days=300)
    capsys.readouterr()
    assert donor("settings", "immune-range", "--igg", "700-1600", "--igg-unit", "mg/dL", on=on) == 0
    assert "igg: your team's range: 7–16 g/L" in capsys.readouterr().out
    assert donor("settings", "immune-range", "--cd4", "1500-500", on=on) == 2
    assert "lower than the second" in capsys.readouterr().err
    from companion.service.diary import DiaryService

    service = DiaryService.open(donor.folder / "companion.db")
    try:
        ranges = service.immunity.reference_ranges()
        sentences = [c.sentence for c in service.history()]
    finally:
        service.close()
    assert set(ranges) == {"igg"} and (ranges["igg"].low, ranges["igg"].high) == (7.0, 16.0)
    assert any("Your team's range for igg" in s for s in sentences)
