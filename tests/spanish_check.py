"""Shared by the Spanish tests of the medicines and immune parts: the English words that
must not be left in what a Spanish reader sees, once the sources (whose titles stay as
published) and the patient's own words are taken out."""

import re

from companion.content.immunity import load_gvhd_check, load_screening, load_vaccines
from companion.domain.immunity_wording import (
    HOUSEHOLD_SOURCE,
    MARKERS_SOURCE,
    TOMBLYN_SOURCE,
    VACCINE_SOURCE,
)

# Words another part of the app translates (the date field's calendar button, ui/dates.py).
NOT_OURS = ("Choose from a calendar",)

# Words of English sentences that Spanish never uses (not "a", "no", "con" …).
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|from|yet|given|team|call|after|before|when|dose|doses|"
    r"taken|missed|skipped|due|vaccine|vaccines|check|record|recorded|save|saved|week|"
    r"today|medicine|medicines|not|until|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Day)\b"
)


def published_sources() -> list[str]:
    return [
        VACCINE_SOURCE,
        HOUSEHOLD_SOURCE,
        MARKERS_SOURCE,
        TOMBLYN_SOURCE,
        load_screening("en").source,
        load_gvhd_check("en").source,
        *(v.source for v in load_vaccines("en")),
    ]


def english_left(text: str, own_words: tuple[str, ...] = ()) -> list[str]:
    """The English words in ``text`` once the sources and ``own_words`` are removed."""
    for kept in sorted((*published_sources(), *NOT_OURS, *own_words), key=len, reverse=True):
        text = text.replace(kept, " ")
    return ENGLISH.findall(text)
