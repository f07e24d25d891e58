"""`export --csv FILE` on the command line."""

import csv
import os

from tests.conftest import run_main


def test_export_writes_one_row_per_entry(tmp_path):
    out = tmp_path / "diary.csv"
    result = run_main("--demo", "export", "--csv", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "time",
        "local time",
        "kind",
        "term",
        "value",
        "unit",
        "severity",
        "where or extent",
        "note",
    ]
    assert f"Wrote {len(rows) - 1} entries" in result.stdout
    kinds = {row[2] for row in rows[1:]}
    assert {"Temperature", "Symptom", "Weight", "Contacted my team", "Note"} <= kinds
    first = rows[1]
    assert first[0][10] == "T" and first[0][-6] in "+-"  # ISO-8601 with its offset
    # Beside it, the same wall-clock time as spreadsheets read a date and time.
    assert first[1] == first[0][:10] + " " + first[0][11:16] + ":00"
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600


def test_export_without_a_diary_or_to_a_missing_folder(tmp_path):
    result = run_main(
        "--data-dir", str(tmp_path / "none"), "export", "--csv", str(tmp_path / "x.csv")
    )
    assert result.returncode == 1 and "companion setup" in result.stderr
    result = run_main("--demo", "export", "--csv", str(tmp_path / "missing" / "x.csv"))
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
