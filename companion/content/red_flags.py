"""The red flags, from resources/red-flags.toml: one list for the rules, guides and sheets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from companion.content.resources import read_text
from companion.domain.entries import SEVERITIES


class RedFlagError(ValueError):
    """red-flags.toml is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red flag: its words, and the diary terms that raise it (with the severity each
    starts at: 0 = at every severity)."""

    id: str
    words: str
    symptoms: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class RedFlags:
    emergency: tuple[RedFlag, ...]
    call_team: tuple[RedFlag, ...]

    def emergency_from(self, term: str) -> int | None:
        """The severity from which logging ``term`` is an emergency, or None if never."""
        found = [sev for flag in self.emergency for t, sev in flag.symptoms if t == term]
        return min(found) if found else None


def _flags(raw_list: list, where: str) -> tuple[RedFlag, ...]:
    flags = []
    for raw in raw_list:
        try:
            symptoms = tuple(
                (str(s["id"]), SEVERITIES.index(str(s.get("from", "none")).replace("-", " ")))
                for s in raw.get("symptoms", [])
            )
            flags.append(RedFlag(str(raw["id"]), str(raw["words"]), symptoms))
        except (KeyError, ValueError) as error:
            raise RedFlagError(f"red-flags.toml, {where} {raw.get('id')!r}: {error}") from error
    return tuple(flags)


@cache
def load_red_flags() -> RedFlags:
    import tomllib  # here: parsing waits until the rules or a guide first need it

    data = tomllib.loads(read_text("red-flags.toml"))
    return RedFlags(
        _flags(data.get("emergency", []), "emergency"),
        _flags(data.get("call_team", []), "call_team"),
    )
