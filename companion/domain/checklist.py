"""Phase checklists: items, what the user ticked or hid, and progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind
from companion.domain.text import control_problem
from companion.i18n import N_, _

MAX_CUSTOM_ITEM_LENGTH = 300
# The heading the team's own items (added by the user) are shown and printed under.
# Marked for translation; ``heading`` gives it in the app's language.
TEAM_ITEMS = N_("My team's items")


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One thing to do. ``key`` is stable across versions: ticks are stored against it.

    ``kinds`` is empty when the item applies to every transplant; custom items (the team's
    own, added by the user) have keys starting with ``custom-``. ``daily`` items are done
    again every day (ticked per day).
    """

    key: str
    text: str
    why: str = ""
    source: str = ""
    group: str = ""
    kinds: frozenset[TransplantKind] = frozenset()
    daily: bool = False

    @property
    def is_custom(self) -> bool:
        return self.key.startswith("custom-")

    @property
    def heading(self) -> str:
        """The group heading it is shown under."""
        return _(TEAM_ITEMS) if self.is_custom else self.group

    def applies_to(self, kind: TransplantKind | None) -> bool:
        return kind is None or not self.kinds or kind in self.kinds


@dataclass(frozen=True, slots=True)
class ItemState:
    """What the user did with an item: ticked (and when), and whether it is hidden."""

    ticked_at: datetime | None = None
    hidden: bool = False

    @property
    def ticked(self) -> bool:
        return self.ticked_at is not None


@dataclass(frozen=True, slots=True)
class Checklist:
    """A phase's items for one transplant kind (or for every kind when ``kind`` is None)."""

    phase: Phase
    kind: TransplantKind | None
    items: tuple[ChecklistItem, ...]

    def with_custom(self, custom: Iterable[ChecklistItem]) -> Checklist:
        return Checklist(self.phase, self.kind, (*self.items, *custom))

    def visible(self, states: Mapping[str, ItemState]) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if not states.get(i.key, ItemState()).hidden)

    def progress(self, states: Mapping[str, ItemState]) -> tuple[int, int]:
        """(ticked, total) over the items the user has not hidden."""
        shown = self.visible(states)
        done = sum(1 for i in shown if states.get(i.key, ItemState()).ticked)
        return done, len(shown)


class ChecklistError(ValueError):
    """A custom item cannot be saved as typed; the message says what to change."""


def clean_custom_text(text: str) -> str:
    """Tidy a custom item's text, or raise ChecklistError saying what to change."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ChecklistError("Please type the item first.")
    problem = control_problem(cleaned)
    if problem:
        raise ChecklistError(f"That item cannot be saved: {problem}.")
    if len(cleaned) > MAX_CUSTOM_ITEM_LENGTH:
        raise ChecklistError(
            f"That item is {len(cleaned)} characters long. Please keep it under "
            f"{MAX_CUSTOM_ITEM_LENGTH}, or split it into two items."
        )
    return cleaned
