"""A recorded change to something that matters: Day 0, a clinical number, a phone number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    at: datetime
    subject: str
    old_value: str | None
    new_value: str | None

    @property
    def sentence(self) -> str:
        if self.old_value is None:
            return f"{self.subject}: set to {self.new_value}"
        return f"{self.subject}: changed from {self.old_value} to {self.new_value}"


def now_local() -> datetime:
    """Now, as an aware datetime in the computer's time zone (stored with its offset)."""
    return datetime.now().astimezone()
