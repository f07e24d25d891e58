"""The red flags, from resources/red-flags.toml: one list for the rules, guides and sheets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from companion.content.resources import content_language, read_text, read_translation
from companion.content.sources import source_words
from companion.content.translations import merge
from companion.domain.entries import SEVERITIES
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind


class RedFlagError(ValueError):
    """red-flags.toml is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red flag: its words, and the diary terms that raise it (with the severity each
    starts at: 0 = at every severity).

    ``kinds`` and ``phases`` are empty when the flag applies to every transplant kind and
    every phase; ``source`` names the public source of its wording and numbers.
    """

    id: str
    words: str
    symptoms: tuple[tuple[str, int], ...] = ()
    kinds: frozenset[TransplantKind] = frozenset()
    phases: frozenset[Phase] = frozenset()
    source: str = ""

    def applies_to(self, phase: Phase, kind: TransplantKind | None) -> bool:
        """True for this phase and kind; ``kind`` None (a generic sheet) takes every kind."""
        in_phase = not self.phases or phase in self.phases
        return in_phase and (kind is None or not self.kinds or kind in self.kinds)


@dataclass(frozen=True, slots=True)
class RedFlags:
    emergency: tuple[RedFlag, ...]
    call_team: tuple[RedFlag, ...]
    sources: tuple[str, ...] = ()

    def emergency_from(self, term: str) -> int | None:
        """The severity from which logging ``term`` is an emergency, or None if never."""
        found = [sev for flag in self.emergency for t, sev in flag.symptoms if t == term]
        return min(found) if found else None


_FIELDS = {"id", "words", "symptoms", "kinds", "phases", "source"}
# What resources/<lang>/red-flags.toml may give for an entry: its words only.
TRANSLATED_FIELDS = frozenset({"words"})


def _flags(raw_list: list, where: str, language: str) -> tuple[RedFlag, ...]:
    flags = []
    seen: set[str] = set()
    for raw in raw_list:
        name = f"red-flags.toml, {where} {raw.get('id')!r}"
        unknown = set(raw) - _FIELDS
        if unknown:
            raise RedFlagError(f"{name}: unknown field(s) {sorted(unknown)}")
        try:
            symptoms = tuple(
                (str(s["id"]), SEVERITIES.index(str(s.get("from", "none")).replace("-", " ")))
                for s in raw.get("symptoms", [])
            )
            flag = RedFlag(
                str(raw["id"]),
                str(raw["words"]),
                symptoms,
                frozenset(TransplantKind(k) for k in raw.get("kinds", [])),
                frozenset(Phase(p) for p in raw.get("phases", [])),
                source_words(str(raw.get("source", "")).strip(), language),
            )
        except (KeyError, ValueError) as error:
            raise RedFlagError(f"{name}: {error}") from error
        if flag.id in seen:
            raise RedFlagError(f"{name}: the id is used twice")
        seen.add(flag.id)
        flags.append(flag)
    return tuple(flags)


def load_red_flags(language: str | None = None) -> RedFlags:
    """The red flags, worded in ``language`` where translated (None: the app's language).
    Which symptoms, kinds and phases raise each one always come from the English file;
    the sources too, worded by resources/<language>/sources.toml."""
    return _load_red_flags(content_language(language))


@cache
def _load_red_flags(language: str) -> RedFlags:
    import tomllib  # here: parsing waits until the rules or a guide first need it

    data = tomllib.loads(read_text("red-flags.toml"))
    translated_text = read_translation("red-flags.toml", language)
    translated = {} if translated_text is None else tomllib.loads(translated_text)

    def entries(section: str) -> list[dict]:
        return merge(
            data.get(section, []),
            translated.get(section) if translated_text is not None else None,
            TRANSLATED_FIELDS,
            f"{language}/red-flags.toml [{section}]",
        )

    return RedFlags(
        _flags(entries("emergency"), "emergency", language),
        _flags(entries("call_team"), "call_team", language),
        tuple(source_words(str(s), language) for s in data.get("sources", [])),
    )
