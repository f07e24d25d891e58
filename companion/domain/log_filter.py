"""What the diary log shows: a kind, a range of local dates and a lowest severity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.domain.entries import Entry, EntryKind


@dataclass(frozen=True, slots=True)
class LogFilter:
    """Entries of ``kind`` (None: every kind), on local dates ``first``…``last`` (either
    open), at least ``min_severity`` (0: any). The storage layer runs the same test in SQL
    (``LogRepository.page``); ``accepts`` is for one entry that has just changed."""

    kind: EntryKind | None = None
    first: date | None = None
    last: date | None = None
    min_severity: int = 0

    @property
    def is_filtering(self) -> bool:
        return bool(self.kind or self.first or self.last or self.min_severity)

    def accepts(self, entry: Entry) -> bool:
        if self.kind is not None and entry.kind is not self.kind:
            return False
        day = entry.at.date()
        if self.first is not None and day < self.first:
            return False
        if self.last is not None and day > self.last:
            return False
        if self.min_severity:
            return entry.severity is not None and entry.severity >= self.min_severity
        return True
