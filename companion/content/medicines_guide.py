"""The short guide on why the preventive medicines matter (issue 20): Markdown in
resources/medicines-guide.md, in plain words, with its sources; no drug names, no doses."""

from __future__ import annotations

import re
from functools import cache

from companion.content.resources import read_text

GUIDE_FILE = "medicines-guide.md"
_URL = re.compile(r"https?://[^\s)>\]]+")


@cache
def medicines_guide() -> str:
    """The guide's Markdown."""
    return read_text(GUIDE_FILE)


def guide_sources() -> tuple[str, ...]:
    return tuple(_URL.findall(medicines_guide().split("## Sources", 1)[-1]))
