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
from typing import TextIO

from companion.domain.text import escape_controls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def text_cell(value: str) -> str:
    """``value`` as a cell no spreadsheet will run: prefixed with ' when it starts like a
    formula. For text only: numbers the app formats itself go in as they are."""
    shown = escape_controls(value)  # a control character is shown as \\xNN, never kept
    return f"'{shown}" if value.startswith(FORMULA_STARTS) else shown


def csv_writer(handle: TextIO):
    """A CSV writer quoting every field (comma-separated, CRLF line ends, UTF-8 file)."""
    return csv.writer(handle, quoting=csv.QUOTE_ALL)
