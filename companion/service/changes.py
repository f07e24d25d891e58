"""What one user intent changed: returned by every write, and told to every listener once.

The pattern of Anki's ``OpChanges``: views look at what changed and refresh only that; no
write method picks which views to tell.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from companion.domain.entries import Entry


@dataclass(frozen=True, slots=True)
class Changes:
    """Flags for what changed, and the log entries themselves (the log table updates row by
    row: reloading 20,000 rows after each temperature would be too slow)."""

    journey: bool = False  # transplants, Day 0, recovery dates: phases and milestones
    team: bool = False
    settings: bool = False  # clinical numbers and preferences (units, advice, country)
    checklist: frozenset[str] = frozenset()  # phases whose ticks, hidden or own items changed
    entries_added: tuple[Entry, ...] = ()
    entries_updated: tuple[Entry, ...] = ()
    entries_removed: tuple[Entry, ...] = ()
    alerts: bool = False  # raised, contacted or re-opened
    labs: bool = False  # blood counts and transfusions
    appointments: bool = False  # added, edited, deleted or brought back
    questions: bool = False  # the questions notebook (also when an appointment moves them)
    history: bool = False  # the change history gained a row
    medicines: bool = False  # the medicine list, its changes, a dose recorded (issue 20)
    reminders: bool = False  # a reminder was scheduled ("check again at …") (issue 20)
    immunity: bool = False  # issue 21: the vaccine plan, live-vaccine conditions, check-ups
    everything: bool = False  # the diary changed elsewhere (another program): reload all

    @property
    def entries(self) -> bool:
        return bool(
            self.everything or self.entries_added or self.entries_updated or self.entries_removed
        )

    def touches(self, *names: str) -> bool:
        """True if any of the named parts changed (or everything did)."""
        return self.everything or any(bool(getattr(self, name)) for name in names)

    def __or__(self, other: Changes) -> Changes:
        values = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, bool):
                values[item.name] = mine or theirs
            else:
                values[item.name] = mine | theirs if isinstance(mine, frozenset) else mine + theirs
        return Changes(**values)

    @property
    def any(self) -> bool:
        return any(bool(getattr(self, item.name)) for item in fields(self))


EVERYTHING = Changes(everything=True)
