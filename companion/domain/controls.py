"""Control characters out of text the app writes to files (FHIR, calendars, PDFs).

C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F) controls are removed, except newline and
tab: RFC 5545 forbids them in calendar text, JSON readers and XML-based tools choke on
them, and a terminal obeys an ESC. (Issue 25 also refuses them at input; this is the
output side, for rows written before that.)
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without C0/C1 control characters, newline and tab kept."""
    return _CONTROLS.sub("", text)
