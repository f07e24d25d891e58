"""The short guide on why the preventive medicines matter (issue 20): Markdown in
resources/medicines-guide.md (resources/<lang>/medicines-guide.md in another language, the
English as the fallback), in plain words, with its sources; no drug names, no doses."""

from __future__ import annotations

import re
from functools import cache

from companion.content.resources import content_language, read_localized

GUIDE_FILE = "medicines-guide.md"
_URL = re.compile(r"https?://[^\s)>\]]+")


def medicines_guide(language: str | None = None) -> str:
    """The guide's Markdown in ``language`` (None: the app's), or in English if it has none."""
    return _medicines_guide(content_language(language))


@cache
def _medicines_guide(language: str) -> str:
    return read_localized(GUIDE_FILE, language)[0]


def guide_sources(language: str | None = None) -> tuple[str, ...]:
    """The addresses of the guide's last section (its sources, whatever it is headed)."""
    return tuple(_URL.findall(medicines_guide(language).rsplit("\n## ", 1)[-1]))
