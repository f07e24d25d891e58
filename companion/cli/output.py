"""Output in any terminal: every line reaches it, whatever its encoding, and text from
the diary can never drive it."""

from __future__ import annotations

import contextlib
import sys

from companion.domain.text import escape_controls

# What a terminal that cannot show a character gets instead (ASCII, so any encoding has it).
_STAND_INS = {
    "⚠": "!",
    "→": "->",
    "←": "<-",
    "✓": "v",
    "✗": "x",
    "−": "-",
    "–": "-",
    "—": "-",
    "…": "...",
    "·": "-",
    "°": "",  # "38.0 °C" becomes "38.0 C"
    "×": "x",
    "µ": "u",
    "⁹": "9",
    "³": "3",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    "\u202f": " ",
}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: a character the terminal's encoding lacks becomes its stand-in,
    or its decomposed letters ("é" in ASCII → "e"), or "?"."""
    import unicodedata

    assert isinstance(error, UnicodeEncodeError)
    out = []
    for char in error.object[error.start : error.end]:
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            plain = unicodedata.normalize("NFKD", char)
            stand_in = "".join(c for c in plain if not unicodedata.combining(c))
            try:
                stand_in.encode(error.encoding)
            except (UnicodeError, LookupError):
                stand_in = "?"
        out.append(stand_in)
    return "".join(out), error.end


class SafeStream:
    """A text stream in front of stdout or stderr: every line reaches the terminal, in any
    locale's encoding (what it cannot show is replaced, "⚠" → "!"), and text from the diary
    can never drive the terminal (control characters are shown as ``\\xNN``)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        text = escape_controls(text)
        encoding = getattr(self._stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            text = text.encode(encoding, "companion-stand-in").decode(encoding)
        except LookupError:
            pass
        self._stream.write(text)
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_output():
    """While running: stdout and stderr through ``SafeStream`` (and back afterwards)."""
    import codecs

    try:
        codecs.lookup_error("companion-stand-in")
    except LookupError:
        codecs.register_error("companion-stand-in", _stand_in)
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeStream(sys.stdout) if sys.stdout is not None else None
    sys.stderr = SafeStream(sys.stderr) if sys.stderr is not None else None
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
