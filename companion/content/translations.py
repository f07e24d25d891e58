"""Translated TOML content laid over the English: matched by id, only the words replaced.

A translation (``resources/<lang>/checklists/recovery.toml``, ``red-flags.toml`` …) holds,
for each entry, its ``id`` and the user-visible fields in that language, nothing else: which
kinds, phases, symptoms, severities and sources an entry has always comes from the English
file, so a translation can never change a rule (resources/<lang>/sources.toml words the
sources, companion/content/sources.py). An entry the translation lacks stays in
English; an id the English no longer has is ignored (tests/content list both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class TranslationError(ValueError):
    """A translated file names a field that may not be translated; the message says which."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which English ids a translation lacks, and which ids it has that English does not."""

    missing: tuple[str, ...]
    extra: tuple[str, ...]


def merge(
    english: Iterable[Mapping],
    translated: Iterable[Mapping] | None,
    fields: frozenset[str],
    where: str,
) -> list[dict]:
    """The English entries with ``fields`` taken from the translation of the same id.

    Raises:
        TranslationError: a translated entry has no id, or a field outside ``fields``.
    """
    entries = [dict(raw) for raw in english]
    if translated is None:
        return entries
    by_id: dict[str, Mapping] = {}
    for raw in translated:
        key = raw.get("id")
        if not isinstance(key, str) or not key:
            raise TranslationError(f"{where}: an entry has no id")
        not_words = set(raw) - fields - {"id"}
        if not_words:
            raise TranslationError(
                f"{where}, {key!r}: only {sorted(fields)} are translated, not {sorted(not_words)}"
            )
        by_id[key] = raw
    for entry in entries:
        words = by_id.get(str(entry.get("id")))
        if words is not None:
            entry.update({name: value for name, value in words.items() if name != "id"})
    return entries


def coverage(english: Iterable[Mapping], translated: Iterable[Mapping]) -> Coverage:
    english_ids = [str(raw.get("id")) for raw in english]
    translated_ids = [str(raw.get("id")) for raw in translated]
    return Coverage(
        tuple(i for i in english_ids if i not in translated_ids),
        tuple(i for i in translated_ids if i not in english_ids),
    )
