"""CSV that a real spreadsheet opens as the text it is: every field quoted, and a text cell
that a spreadsheet would read as a formula made inert.

OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection): a cell
starting with =, +, -, @, a tab, a carriage return (or a NUL, which some programs skip) can
run as a formula when the file is opened — quoting alone does not stop it (tried in
LibreOffice Calc 7.4: a quoted "=1+1" became 2). Such a cell gets a leading apostrophe,
which the spreadsheet shows; the README says so.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TextIO

from companion.domain.text import escape_controls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def text_cell(value: str) -> str:
    """``value`` as a cell no spreadsheet will run: prefixed with ' when it starts like a
    formula. For text only: numbers the app formats itself go in as they are."""
    shown = escape_controls(value)  # a control character is shown as \\xNN, never kept
    return f"'{shown}" if value.startswith(FORMULA_STARTS) else shown


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """How a CSV separates fields and writes decimals.

    ``excel`` (comma, decimal point) is what English-language spreadsheets read; in a
    decimal-comma locale (German, French…) LibreOffice and Excel read "37.2" as text, so
    ``excel-eu`` writes "37,2" with ``;`` between fields, as they expect there.
    """

    name: str
    delimiter: str
    decimal: str

    def number(self, value: float | None) -> str:
        """``value`` with every digit the diary holds (71.25 stays 71.25; float noise from
        a unit conversion, like 98.96000000000001, is not a stored digit and goes)."""
        if value is None:
            return ""
        text = f"{value:.15g}"
        if "e" in text:  # never scientific notation: spreadsheets read it, people don't
            text = f"{value:.15f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal)


EXCEL = CsvDialect("excel", ",", ".")
EXCEL_EU = CsvDialect("excel-eu", ";", ",")
DIALECTS = {d.name: d for d in (EXCEL, EXCEL_EU)}


def csv_writer(handle: TextIO, dialect: CsvDialect = EXCEL):
    """A CSV writer quoting every field (``dialect``'s separator, CRLF line ends, UTF-8)."""
    return csv.writer(handle, delimiter=dialect.delimiter, quoting=csv.QUOTE_ALL)
