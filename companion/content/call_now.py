"""The short "call your team now if…" list, from resources/call-now.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from companion.content.resources import read_text


@dataclass(frozen=True, slots=True)
class CallNow:
    team: tuple[str, ...]
    emergency: str
    sources: str


@cache
def load_call_now() -> CallNow:
    import tomllib  # here, not at the top: only printing needs it

    data = tomllib.loads(read_text("call-now.toml"))
    return CallNow(tuple(data["team"]), data["emergency"], data["sources"])
