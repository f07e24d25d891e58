"""The medicine commands (issue 20), exactly as the issue defines them: a list built with
the commands, doses at chosen instants, take/skip/missed, blood-test holds, mistakes that
exit 2 with one line and change nothing, and the printed chart read back."""

import contextlib
import io
import json
import shutil
import sqlite3
import subprocess

import pytest

from companion.app import main
from tests.fixtures.demo import copy_of

TODAY = "2026-06-03"


def cli(folder, *args):
    return main(["--data-dir", str(folder), "--today", TODAY, *args])


def out_json(capsys, folder, *args):
    capsys.readouterr()
    assert cli(folder, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def set_up(tmp_path_factory):
    """The diary after ``setup``, made once for the module (each test gets a copy)."""
    folder = tmp_path_factory.mktemp("medicines") / "diary"
    with contextlib.redirect_stdout(io.StringIO()):
        assert (
            cli(
                folder,
                "setup",
                "--kind",
                "allogeneic",
                "--source",
                "peripheral-blood",
                "--day0",
                "2026-05-10",
                "--conditioning-start",
                "2026-05-04",
                "--team",
                "City Unit",
                "--office-phone",
                "020 7946 0100",
                "--after-hours-phone",
                "020 7946 0200",
            )
            == 0
        )
    return folder


@pytest.fixture
def diary(set_up, tmp_path):
    return copy_of(set_up, tmp_path / "diary")


def add_tacrolimus(capsys, folder):
    return out_json(
        capsys,
        folder,
        "medicine",
        "add",
        "Tacrolimus",
        "--dose",
        "2 mg",
        "--times",
        "08:00,20:00",
        "--from",
        "2026-05-20",
        "--for",
        "keeps GVHD away",
        "--hold-on-blood-test-days",
    )


def test_add_list_change_and_the_list_on_a_past_day(diary, capsys):
    added = add_tacrolimus(capsys, diary)
    assert added == {
        "id": 1,
        "name": "Tacrolimus",
        "dose": "2 mg",
        "times": ["08:00", "20:00"],
        "from": "2026-05-20",
        "to": None,
        "for": "keeps GVHD away",
    }
    assert cli(diary, "medicine", "change", "1", "--dose", "1.5 mg", "--from", "2026-06-01") == 0
    assert out_json(capsys, diary, "medicine", "list")[0]["dose"] == "1.5 mg"
    assert out_json(capsys, diary, "medicine", "list", "--on", "2026-05-25")[0]["dose"] == "2 mg"
    assert out_json(capsys, diary, "medicine", "list", "--on", "2026-05-19") == []
    assert cli(diary, "medicine", "stop", "1", "--on", "2026-06-10") == 0
    (stopped,) = out_json(capsys, diary, "medicine", "list")
    assert stopped["to"] == "2026-06-09"
    assert out_json(capsys, diary, "medicine", "list", "--on", "2026-06-10") == []
    assert out_json(capsys, diary, "medicine", "list", "--on", "2026-06-09")[0]["id"] == 1


def test_every_hours_lists_that_days_times(diary, capsys):
    out_json(
        capsys, diary, "medicine", "add", "Aciclovir", "--dose", "1 tablet", "--times", "06:00",
        "--every-hours", "8", "--from", "2026-06-01",
    )  # fmt: skip
    (listed,) = out_json(capsys, diary, "medicine", "list")
    assert listed["times"] == ["06:00", "14:00", "22:00"] and listed["for"] is None


def test_due_take_skip_missed_and_held_at_chosen_instants(diary, capsys):
    add_tacrolimus(capsys, diary)
    out_json(
        capsys, diary, "medicine", "add", "Magnesium", "--dose", "2 tablets", "--times", "08:00",
        "--from", "2026-05-20",
    )  # fmt: skip
    assert cli(diary, "appointment", "add", "--at", "2026-06-02T10:30", "--what", "blood test") == 0
    at = lambda t: out_json(capsys, diary, "medicine", "due", "--at", f"2026-06-02T{t}")  # noqa: E731
    early = at("08:20")
    assert [(d["name"], d["status"]) for d in early] == [
        ("Magnesium", "due"),
        ("Tacrolimus", "held"),  # held until the blood test at 10:30
    ]
    assert set(early[0]) == {"medicine", "name", "dose", "due", "status"}
    assert [d["status"] for d in at("10:40")] == ["missed", "due"]
    due = early[1]["due"]
    assert cli(diary, "medicine", "take", "1", "--at", "2026-06-02T10:45", "--due", due) == 0
    assert (
        cli(diary, "medicine", "skip", "2", "--reason", "felt sick", "--due", early[0]["due"]) == 0
    )
    assert [d["status"] for d in at("12:00")] == ["skipped", "taken"]
    # The evening dose: taken without --due (the one nearest the time it was taken).
    assert cli(diary, "medicine", "take", "1", "--at", "2026-06-02T20:05") == 0
    evening = [d for d in at("23:00") if d["due"].startswith("2026-06-02T20:00")]
    assert [d["status"] for d in evening] == ["taken"]


def rows(folder):
    conn = sqlite3.connect(folder / "companion.db")
    try:
        return [
            conn.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("medicines", "medicine_changes", "dose_records")
        ]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "args",
    [
        ["medicine", "add", "X", "--dose", "", "--times", "08:00"],
        ["medicine", "add", "X", "--dose", "1 mg", "--times", "8am"],
        ["medicine", "add", "X", "--dose", "1 mg", "--times", "08:00,20:00", "--every-hours", "8"],
        [
            "medicine",
            "add",
            "X",
            "--dose",
            "1 mg",
            "--times",
            "08:00",
            "--from",
            "2026-06-03",
            "--to",
            "2026-06-01",
        ],
        ["medicine", "change", "9", "--dose", "1 mg", "--from", "2026-06-01"],
        ["medicine", "change", "1", "--dose", "1 mg", "--from", "2026-01-01"],
        ["medicine", "change", "1", "--dose", "1 mg"],
        ["medicine", "stop", "1", "--on", "2026-13-01"],
        ["medicine", "take", "1", "--due", "2026-06-02T09:00"],
        ["medicine", "take", "1", "--at", "2027-01-01T08:00"],
        ["medicine", "skip", "1", "--reason", " ", "--due", "2026-06-02T08:00"],
        ["medicine", "skip", "1"],
        ["medicine", "due", "--at", "yesterday"],
        ["remind"],
    ],
)
def test_mistakes_exit_2_with_one_line_and_change_nothing(diary, capsys, args):
    add_tacrolimus(capsys, diary)
    before = rows(diary)
    capsys.readouterr()
    try:
        status = cli(diary, *args)
    except SystemExit as exit:  # argparse's own refusals
        status = exit.code
    assert status == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err
    assert rows(diary) == before


def test_remind_due_prints_the_schedule_as_json(diary, capsys):
    add_tacrolimus(capsys, diary)
    found = out_json(capsys, diary, "remind", "--due", "--no-popups")
    assert isinstance(found, list)
    for item in found:
        assert set(item) == {"kind", "at", "until", "title", "text", "medicine", "due"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_printed_chart_has_a_box_per_dose_and_the_taper_marked(diary, capsys, tmp_path):
    add_tacrolimus(capsys, diary)
    assert cli(diary, "medicine", "change", "1", "--dose", "1.5 mg", "--from", "2026-06-05") == 0
    assert cli(diary, "appointment", "add", "--at", "2026-06-04T10:30", "--what", "blood test") == 0
    pdf = tmp_path / "chart.pdf"
    assert cli(diary, "medicine", "chart", "--output", str(pdf), "--from", "2026-06-03") == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "My medicines this week" in text
    assert text.count("☐") == 14  # two doses a day for seven days
    assert "NEW" in text and "DOSE" in text and "1.5 mg" in text and "2 mg" in text
    assert "AFTER" in text and "BLOOD" in text and "(10:30)" in text
    assert "Tacrolimus: from Friday 5 June 2026: 1.5 mg" in text
