"""Plain text in and out: control characters refused at input, made visible on output.

A control character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) in a note is never
something a person meant to type: it is a paste from a terminal, or an attack. It breaks
spreadsheets (openpyxl refuses it), calendars (RFC 5545 §3.1 forbids controls other than
HTAB in a value) and terminals (ESC starts an escape sequence). So text is refused at input
(newline and tab are kept in notes), and anything stored before is escaped on every output.
Text that came from bytes which are not UTF-8 (Python's ``surrogateescape``) is refused too.
"""

from __future__ import annotations

import re

from companion.i18n import _

# C0 controls, DEL and C1 controls; newline and tab are handled by the callers.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_NOT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def control_problem(text: str, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be kept as typed, in plain words, or None when it can.

    Args:
        multiline: a note: newline and tab are allowed (CR is not: a line break is "\\n").
    """
    if _SURROGATES.search(text):
        return _(
            "it holds characters that are not text (bytes that are not UTF-8). Please type it again"
        )
    found = (_CONTROLS_NOT_LAYOUT if multiline else _CONTROLS).search(text)
    if found is None:
        return None
    return _(
        "it holds a control character ({code}), which a diary never keeps. Please type it "
        "again without it"
    ).format(code=_code(found.group()))


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def escape_controls(text: str, keep_layout: bool = True) -> str:
    """``text`` with every control character shown as ``\\xNN`` (``\\uNNNN`` for a
    surrogate), so it can neither break a file format nor drive a terminal.

    Args:
        keep_layout: keep newline and tab as they are (a CSV cell, a PDF paragraph).
    """
    pattern = _CONTROLS_NOT_LAYOUT if keep_layout else _CONTROLS
    text = pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a control character other than newline and tab."""
    return _CONTROLS_NOT_LAYOUT.search(text) is not None or _SURROGATES.search(text) is not None
