"""The visit report, appointments and questions on the command line: a diary built with the
commands, the report read back with pdftotext."""

import contextlib
import io
import json
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from tests.cli_setup import command, setup_args
from tests.conftest import run_main
from tests.fixtures.demo import copy_of

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
TODAY = "2026-06-01"


def pdf_pages(path):
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", text).split("\f")[:-1]


def nfkc(text):
    """As pdf_pages folds it ("×10⁹/L" reads "×109/L")."""
    return unicodedata.normalize("NFKC", text)


def cli(folder, *args):
    return command(folder, *args, today=TODAY)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A donor transplant on 10 May 2026 (today Day +22), built with the commands (once for
    the module; each test gets its own copy)."""
    folder = tmp_path_factory.mktemp("report") / "diary"
    steps = [
        setup_args(date(2026, 5, 10), date(2026, 5, 4)),
        ["log", "weight", "70.0", "--at", "2026-05-03T07:00"],
        ["log", "temperature", "37.1", "--at", "2026-05-26T08:00"],
        ["log", "temperature", "38.6", "--at", "2026-05-28T21:00"],
        ["ack", "--note", "Came in for antibiotics"],
        ["log", "temperature", "36.4", "--at", "2026-05-30T08:00"],
        ["log", "weight", "74.2", "--at", "2026-05-29T07:00"],
        ["log", "symptom", "nausea", "--severity", "moderate", "--at", "2026-05-27T12:00"],
        ["log", "symptom", "nausea", "--severity", "severe", "--at", "2026-05-27T18:00"],
        ["log", "stools", "4", "--at", "2026-05-29T20:00"],
        [
            "log",
            "counts",
            "--anc",
            "0.31",
            "--platelets",
            "18",
            "--hb",
            "8.1",
            "--at",
            "2026-05-27T07:00",
        ],
        ["log", "counts", "--anc", "0.62", "--platelets", "27", "--at", "2026-05-30T07:00"],
        ["log", "transfusion", "platelets", "--at", "2026-05-27T15:00"],
        [
            "appointment",
            "add",
            "--at",
            "2026-05-25T10:00",
            "--what",
            "clinic visit",
            "--where",
            "Ward 4",
        ],
        [
            "appointment",
            "add",
            "--at",
            "2026-06-03T10:30",
            "--what",
            "Clinic Visit",
            "--where",
            "Day unit",
            "--note",
            "Fasting",
        ],
        ["appointment", "add", "--at", "2026-06-02T08:00", "--what", "blood test"],
        ["question", "add", "Can I drive yet?"],
        ["question", "add", "When will the line come out?"],
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        for step in steps:
            assert cli(folder, *step) == 0, step
    return folder


@pytest.fixture
def diary(built, tmp_path):
    return copy_of(built, tmp_path / "diary")


def test_the_whole_report_holds_the_values_dates_and_questions(diary, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert cli(diary, "report", "--output", str(out)) == 0
    said = capsys.readouterr().out
    assert "since the clinic visit on Monday 25 May 2026" in said
    pages = pdf_pages(out)
    text = "\n".join(pages)
    assert "Visit report" in pages[0]
    assert "Mon 25 May to Mon 1 Jun 2026" in pages[0]
    for title in (
        "At a glance",
        "Alerts and contacts with the team",
        "Temperature",
        "Blood counts",
        "Symptoms, signs and weight",
        "Questions for this visit",
        "Notes",
    ):
        assert title in text
    assert "020 7946 0100" in text and "Day +22" in text
    flat = " ".join(text.split())  # the words, wherever a cell wraps them
    assert "A temperature of 38.6 °C (101.5 °F)" in flat
    assert "Came in" in flat and "antibiotics" in flat  # the contact, beside its alert
    assert "38.6 °C" in text and "at or above 38.0 °C" in text  # the day's highest
    assert nfkc("0.31 ×10⁹/L") in text and nfkc("27 ×10⁹/L") in text and "8.1 g/dL" in text
    assert "platelets" in text  # the transfusion, marked in the table
    assert "(nausea)" in text  # the grid's column, and the day's worst severity in words:
    assert any("Wed 27 May" in line and "severe" in line for line in text.splitlines())
    assert not any("Wed 27 May" in line and "moderate" in line for line in text.splitlines())
    assert "70.0 kg" in text and "74.2 kg" in text and "+6.0 %" in text  # against the baseline
    assert "1. Can I drive yet?" in text and "2. When will the line come out?" in text
    assert "Wednesday 3 June 2026 10:30" in text  # the visit they are for (not the blood test)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "does not replace your" in pages[-1]
    assert "engrafted" not in text and "safe" not in text.lower()


def test_sections_and_period_as_asked(diary, tmp_path):
    out = tmp_path / "short.pdf"
    assert (
        cli(
            diary,
            "report",
            "--output",
            str(out),
            "--sections",
            "counts,questions",
            "--from",
            "2026-05-29",
            "--to",
            "2026-05-31",
        )
        == 0
    )
    text = "\n".join(pdf_pages(out))
    assert "Blood counts" in text and "Questions for this visit" in text
    for absent in ("Summary", "Alerts and contacts", "Temperature", "Symptoms, signs", "Notes"):
        assert absent not in text
    assert "Fri 29 May to Sun 31 May 2026" in text
    assert (
        nfkc("0.62 ×10⁹/L") in text and nfkc("0.31 ×10⁹/L") not in text
    )  # only the period's values


def test_a_report_prints_with_no_display(diary, tmp_path):
    out = tmp_path / "headless.pdf"
    result = run_main(
        "--data-dir",
        str(diary),
        "--today",
        TODAY,
        "report",
        "--output",
        str(out),
        headless=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Visit report" in pdf_pages(out)[0]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--sections", "summary,bogus"], "unknown section 'bogus'"),
        (["--sections", ","], "no sections given"),
        (["--from", "2026-05-30", "--to", "2026-05-20"], "--from must not be after --to"),
        (["--from", "20 May"], "YEAR-MONTH-DAY"),
        (["--from", "2300-01-01"], "1900 to 2200"),
    ],
)
def test_bad_report_input_is_one_line_and_exit_2(diary, tmp_path, capsys, args, said):
    out = tmp_path / "x.pdf"
    try:
        status = cli(diary, "report", "--output", str(out), *args)
    except SystemExit as exit_info:
        status = exit_info.code
    err = capsys.readouterr().err
    assert status == 2 and said in err and err.count("\n") == 1
    assert not out.exists()


def test_appointments_and_questions_as_json(diary, capsys):
    assert cli(diary, "appointment", "list", "--json") == 0
    appointments = json.loads(capsys.readouterr().out)
    assert [a["kind"] for a in appointments] == ["clinic-visit", "blood-test", "clinic-visit"]
    visit = appointments[2]
    assert visit["at"] == "2026-06-03T10:30:00" + visit["at"][19:]  # ISO with its offset
    assert visit["at"][19] in "+-"
    assert (visit["kind_words"], visit["what"], visit["where"], visit["note"]) == (
        "clinic visit",
        "clinic visit",
        "Day unit",
        "Fasting",
    )
    assert (visit["day"], visit["past"], appointments[0]["past"]) == (24, False, True)
    assert cli(diary, "question", "list", "--json") == 0
    questions = json.loads(capsys.readouterr().out)
    assert [q["appointment_id"] for q in questions] == [visit["id"], visit["id"]]
    assert questions[0]["chosen_appointment_id"] is None and not questions[0]["answered"]
    assert cli(diary, "question", "answer", str(questions[0]["id"]), "Not for 6 weeks.") == 0
    assert cli(diary, "question", "list", "--json") == 0
    answered = json.loads(capsys.readouterr().out.split("\n", 1)[1])[0]
    assert answered["answered"] and answered["answer"] == "Not for 6 weeks."


def test_other_what_and_refusals(diary, capsys):
    assert (
        cli(
            diary,
            "appointment",
            "add",
            "--at",
            "2026-06-09T14:00",
            "--what",
            "Eye clinic",
            "--json",
        )
        == 0
    )
    saved = json.loads(capsys.readouterr().out)
    assert (saved["kind"], saved["title"], saved["what"]) == ("other", "Eye clinic", "Eye clinic")
    assert cli(diary, "question", "add", "   ") == 2
    assert cli(diary, "question", "add", "Past?", "--appointment", "1") == 2
    assert cli(diary, "question", "answer", "99", "Yes") == 2
    err = capsys.readouterr().err
    assert "type the question" in err and "already been" in err and "no question number 99" in err
    assert all(line.startswith("companion ") for line in err.splitlines())
    with pytest.raises(SystemExit) as exit_info:
        cli(diary, "appointment", "add", "--at", "tomorrow", "--what", "scan")
    assert exit_info.value.code == 2
