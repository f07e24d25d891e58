"""A recorded change to something that matters: Day 0, a clinical number, a phone number.

Stored as data (which field, old and new value), never as a sentence: the words are made
when the history is shown (``companion.domain.wording.change_sentence``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One change.

    Args:
        field: what changed, such as ``transplant.day0``, ``setting.fever_single_c``,
            ``team.office_phone``, ``diary.started``; ``legacy`` for a row an older version
            stored as a sentence (``legacy_subject`` then holds its subject).
        old_value, new_value: the values as stored data (ISO dates, numbers, ids).
        transplant_number: which transplant, for the transplant's own fields.
    """

    at: datetime
    field: str
    old_value: str | None
    new_value: str | None
    transplant_number: int | None = None
    legacy_subject: str | None = None

    @property
    def sentence(self) -> str:
        from companion.domain.wording import change_sentence

        return change_sentence(self)


def now_local() -> datetime:
    """Now, as an aware datetime in the computer's time zone (stored with its offset)."""
    return datetime.now().astimezone()
