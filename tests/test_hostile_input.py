"""Issue 25, items 1–3: dates at the edges, control characters, and arguments that used to
end in a traceback. Every refusal is one line on stderr with exit 2, and nothing is stored.
"""

import contextlib
import math
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_setup import call
from tests.storage.crafted import make_diary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_diary(tmp_path_factory.mktemp("diary") / "data").parent


@pytest.fixture(autouse=True)
def widgets_app(qapp):
    """The commands that print (checklist, report) make a QGuiApplication when none exists;
    run in this process, theirs would be the session's, and the window tests need widgets."""
    return qapp


def rows(folder: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# Item 1: one range, tested on the instant ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "table"),
    [
        (("log", "temperature", "37.1", "--at", "1900-01-01T00:00+14:00"), "entries"),
        (("log", "counts", "--anc", "1.2", "--at", "1900-01-01T01:00+02:00"), "labs"),
        (
            ("appointment", "add", "--at", "2200-12-31T23:00-05:00", "--what", "scan"),
            "appointments",
        ),
        (("log", "weight", "70", "--at", "0001-01-01T00:00+05:00"), "entries"),
        (("log", "weight", "70", "--at", "9999-12-31T23:00"), "entries"),
    ],
)
def test_a_time_outside_the_range_as_an_instant_is_refused_at_input(folder, args, table):
    before = rows(folder, table)
    code, out, err = call("--data-dir", str(folder), *args)
    assert code == 2
    assert err.count("\n") == 1 and "1900" in err and "2200" in err
    assert "Traceback" not in err and out == ""
    assert rows(folder, table) == before
    assert call("--data-dir", str(folder), "today")[0] == 0  # never locked out


def test_a_local_time_in_sydney_on_new_year_1900_is_refused(folder):
    env = dict(os.environ, TZ="Australia/Sydney")
    before = rows(folder, "entries")
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--data-dir",
            str(folder),
            "log",
            "weight",
            "70",
            "--at",
            "1900-01-01T08:00",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "UTC" in result.stderr and result.stderr.count("\n") == 1
    assert rows(folder, "entries") == before


def test_the_edges_themselves_are_kept_and_open_again(tmp_path):
    folder = make_diary(tmp_path / "data").parent
    for at in ("1900-01-01T00:00+00:00", "1900-01-01T10:00+10:00"):
        code, _, err = call("--data-dir", str(folder), "log", "weight", "70", "--at", at)
        assert code == 0, err
    code, _, err = call(
        "--data-dir",
        str(folder),
        "appointment",
        "add",
        "--at",
        "2200-12-31T18:00-05:00",
        "--what",
        "scan",
    )
    assert code == 0, err
    (folder / "content-checked.json").unlink()  # every value read again at the next open
    code, _out, err = call("--data-dir", str(folder), "today")
    assert code == 0 and "read-only" not in err


# Item 2: control characters ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("log", "weight", "70", "--note", "vomited\x01 twice\x1b[31m"),
        ("log", "weight", "70", "--note", "a\rb"),
        (
            "appointment",
            "add",
            "--at",
            "2026-12-20T10:00",
            "--what",
            "scan",
            "--where",
            "ward\r\nEND:VEVENT",
        ),
        ("question", "add", "why\x07?"),
        ("ack", "--note", "\x9bcall"),
    ],
)
def test_control_characters_are_refused_at_input(folder, args):
    before = {t: rows(folder, t) for t in ("entries", "appointments", "questions")}
    code, _out, err = call("--data-dir", str(folder), *args)
    assert code == 2
    assert err.count("\n") == 1 and "control character" in err
    assert "\x1b" not in err and "\r" not in err and "\x07" not in err  # shown, not sent
    assert {t: rows(folder, t) for t in before} == before


def test_a_note_keeps_its_line_breaks_and_tabs(tmp_path):
    folder = make_diary(tmp_path / "data").parent
    code, _, err = call("--data-dir", str(folder), "log", "weight", "70", "--note", "a\tb\nc")
    assert code == 0, err


def test_control_characters_stored_before_are_escaped_on_every_output(tmp_path):
    """A diary an earlier version wrote: a note and an appointment with controls in them."""
    folder = make_diary(tmp_path / "data").parent
    assert call("--data-dir", str(folder), "log", "weight", "70", "--note", "x")[0] == 0
    code, _, err = call(
        "--data-dir",
        str(folder),
        "appointment",
        "add",
        "--at",
        "2026-12-20T10:00",
        "--what",
        "scan",
        "--note",
        "y",
    )
    assert code == 0, err
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn:
        conn.execute("UPDATE entries SET note = 'vomited\x01 twice\x1b[31m' WHERE note = 'x'")
        conn.execute(
            "UPDATE appointments SET note = 'a\x01b', place = 'w\r\nEND:VEVENT' WHERE note = 'y'"
        )
        conn.commit()
    out = tmp_path / "out"
    out.mkdir()
    code, _text, err = call(
        "--data-dir",
        str(folder),
        "export",
        "--csv",
        str(out / "d.csv"),
        "--xlsx",
        str(out / "d.xlsx"),
    )
    assert code == 0, err
    csv_text = (out / "d.csv").read_text(encoding="utf-8")
    assert "vomited\\x01 twice\\x1b[31m" in csv_text and "\x01" not in csv_text
    import openpyxl

    book = openpyxl.load_workbook(out / "d.xlsx")
    cells = [c.value for s in book.worksheets for r in s.iter_rows() for c in r if c.value]
    assert any("vomited\\x01" in str(v) for v in cells)
    code, _, err = call(
        "--data-dir", str(folder), "appointment", "export", "--ics", str(out / "a.ics")
    )
    assert code == 0, err
    ics = (out / "a.ics").read_bytes()
    assert b"\x01" not in ics and b"\r\nEND:VEVENT\r\nEND:VEVENT" not in ics
    import icalendar

    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn:
        kept = conn.execute("SELECT count(*) FROM appointments WHERE deleted_at IS NULL")
        assert len(events) == kept.fetchone()[0]  # no event injected by the place
    code, listed, err = call("--data-dir", str(folder), "appointment", "list")
    assert code == 0, err
    assert "\x01" not in listed and "\r" not in listed and "\\x01" in listed
    code, logged, err = call("--data-dir", str(folder), "--today", "2026-12-07", "today")
    assert "\x1b" not in logged + err


# Item 3: no traceback, whatever the arguments -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("log", "weight", "70", "--note", "caf\udce9"),
        ("question", "add", "\udce9t\udce9 ?"),
        ("question", "add", "x", "--appointment", "9999999999999999999999999"),
        ("question", "answer", "99999999999999999999999999999", "y"),
        ("question", "answer", "-5", "y"),
        ("log", "stools", "99999999999999999999999"),
        ("log", "weight", "nan"),
        ("log", "temperature", "inf"),
        ("log", "counts", "--anc", "1e999"),
        ("settings", "fever", "--single", "NaN"),
        ("settings", "stools", "--per-day", "-99999999999999999999"),
        (
            "setup",
            "--kind",
            "allogeneic",
            "--source",
            "marrow",
            "--day0",
            "2026-01-10",
            "--conditioning-start",
            "2026-01-04",
            "--team",
            "W\udcff",
            "--office-phone",
            "1",
            "--after-hours-phone",
            "2",
        ),
    ],
)
def test_odd_arguments_are_one_line_and_exit_2(folder, args):
    code, _, err = call("--data-dir", str(folder), *args)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err


def _word():
    return st.one_of(
        st.text(max_size=20),
        st.binary(max_size=12).map(lambda b: os.fsdecode(b)),  # bytes that are not UTF-8
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["nan", "inf", "-inf", "1e999", "٣٨.٥", "0", "-1", "\x1b[2J", "a\r\nb"]),
    )


COMMANDS = [
    ["log", "temperature", "{0}"],
    ["log", "temperature", "37", "--at", "{0}"],
    ["log", "weight", "{0}", "--note", "{1}"],
    ["log", "stools", "{0}"],
    ["log", "symptom", "{0}", "--severity", "mild", "--note", "{1}"],
    ["log", "counts", "--anc", "{0}", "--platelets", "{1}"],
    ["log", "counts", "--wbc", "{0}", "--neutrophil-percent", "{1}", "--unit", "{1}"],
    ["log", "transfusion", "platelets", "--at", "{0}"],
    ["settings", "fever", "--single", "{0}", "--sustained", "{1}"],
    ["settings", "weight", "--percent", "{0}"],
    ["settings", "stools", "--per-day", "{0}"],
    ["ack", "--note", "{0}"],
    ["appointment", "add", "--at", "{0}", "--what", "{1}", "--where", "{1}"],
    ["question", "add", "{0}", "--appointment", "{1}"],
    ["question", "answer", "{0}", "{1}"],
    ["report", "--output", "{0}", "--from", "{1}"],
    ["export", "--csv", "{0}"],
    ["checklist", "--phase", "{0}", "--output", "{1}"],
    ["fix", "entry", "{0}", "--at", "{1}"],
    ["--today", "{0}", "today"],
]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(command=st.sampled_from(COMMANDS), first=_word(), second=_word())
def test_fuzzing_every_command_never_gives_a_traceback(tmp_path_factory, command, first, second):
    folder = fuzz_folder(tmp_path_factory)
    args = [part.format(first, second) for part in command]
    if "--output" in args or "--csv" in args:  # outputs only inside a scratch folder
        index = args.index("--output") if "--output" in args else args.index("--csv")
        args[index + 1] = str(folder.parent / "out" / Path(args[index + 1]).name[:40] or "x")
    try:
        code, out, err = call("--data-dir", str(folder), *args)
    except Exception as error:
        pytest.fail(f"{args!r} raised {error!r}")
    assert code in (0, 1, 2), (args, code, err)
    assert "Traceback" not in err
    if code:
        assert err.count("\n") <= 2 and err.strip(), (args, err)  # one line (+ read-only note)
    for char in "\x1b\x07\r":
        assert char not in out + err


_FUZZ: list[Path] = []


def fuzz_folder(factory) -> Path:
    if not _FUZZ:
        base = factory.mktemp("fuzz")
        (base / "out").mkdir()
        _FUZZ.append(make_diary(base / "data").parent)
    return _FUZZ[0]


def test_huge_and_odd_numbers_are_still_numbers():
    from companion.cli import _number, _row_id, _whole

    assert _whole("12") == 12
    for bad in ("9" * 30, "-" + "9" * 30, "٣", "1.5"):
        with pytest.raises(Exception, match="number"):
            _whole(bad)
    with pytest.raises(Exception, match="not an id"):
        _row_id("0")
    for bad in ("nan", "inf", "-inf", "1e999"):
        with pytest.raises(Exception, match="not a number"):
            _number(bad)
    assert math.isclose(_number("38,5"), 38.5)


def test_a_diary_an_earlier_version_locked_opens_read_only_and_is_fixed(tmp_path):
    """F1: the row that used to lock every command out (saved before input tested the
    instant). Reading works, a save says why it cannot, and 'companion fix' is the way out."""
    folder = make_diary(tmp_path / "data").parent
    with contextlib.closing(sqlite3.connect(folder / "companion.db")) as conn:
        conn.execute(
            "INSERT INTO entries (at, at_utc, kind, value, created_at) VALUES "
            "('1900-01-01T00:00:00+14:00', '1899-12-31T10:00:00Z', 'temperature', 37.1, "
            "'2026-06-01T10:00:00+01:00')"
        )
        row = conn.execute("SELECT max(id) FROM entries").fetchone()[0]
        conn.commit()
    code, out, err = call("--data-dir", str(folder), "today")
    assert code == 0 and "Today is" in out
    assert err.count("\n") == 1 and f"companion fix entry {row}" in err
    before = rows(folder, "entries")
    code, _, err = call("--data-dir", str(folder), "log", "weight", "70")
    assert code == 1 and "read-only" in err and rows(folder, "entries") == before
    code, _, err = call("--data-dir", str(folder), "fix", "entry", "1", "--delete")
    assert code == 2 and "needs no fixing" in err
    code, _, err = call(
        "--data-dir", str(folder), "fix", "entry", str(row), "--at", "1900-01-01T00:00+14:00"
    )
    assert code == 2  # the new time must be one the app can use
    code, out, err = call(
        "--data-dir", str(folder), "fix", "entry", str(row), "--at", "2026-06-01T08:00+01:00"
    )
    assert code == 0, err
    assert "can be written again" in out
    code, out, err = call("--data-dir", str(folder), "log", "weight", "70")
    assert code == 0 and err == "" and rows(folder, "entries") == before + 1


def test_a_reader_that_goes_away_gets_no_error_message(tmp_path):
    """``companion history | head -c 100``: the pipe closes early; no "the computer refused"."""
    folder = make_diary(tmp_path / "data").parent
    process = subprocess.Popen(
        [sys.executable, "main.py", "--data-dir", str(folder), "vaccine", "list", "--json"],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with process.stdout, process.stderr:
        assert process.stdout.read(10)  # then the reader goes away, as head does
        process.stdout.close()
        err = process.stderr.read().decode()
        process.wait(timeout=60)
    assert "refused" not in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--output", "{bad}"],
        ["checklist", "--phase", "recovery", "--output", "{bad}"],
        ["export", "--csv", "{bad}"],
        ["export", "--fhir", "{bad}"],
        ["appointment", "export", "--ics", "{bad}"],
        ["medicine", "chart", "--output", "{bad}"],
        ["vaccine", "card", "--output", "{bad}"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_file_name_with_a_null_character_is_refused_in_words(tmp_path, args):
    """The fuzzing above once gave "export --csv" a null character: os.stat raised
    ValueError (a traceback). A shell cannot pass one, a script calling main() can."""
    folder = make_diary(tmp_path / "data").parent
    bad = str(tmp_path / "out\x00.pdf")
    code, _out, err = call("--data-dir", str(folder), *[a.format(bad=bad) for a in args])
    assert code == 2, err
    assert "A file name cannot hold a null character. Nothing was written." in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]
