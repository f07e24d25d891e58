"""The symptom and infection-sign vocabulary, from resources/symptoms.toml."""

from __future__ import annotations

from functools import cache

from companion.content.resources import read_text
from companion.domain.rules import InfectionSign, SymptomTerm, Vocabulary


class VocabularyError(ValueError):
    """The vocabulary file is malformed; the message names the entry."""


@cache
def load_vocabulary() -> Vocabulary:
    import tomllib  # here: parsing waits until the log is first used

    data = tomllib.loads(read_text("symptoms.toml"))
    symptoms = []
    for raw in data.get("symptom", []):
        call, emergency = int(raw["call_team_at"]), raw.get("emergency_at")
        if not 0 <= call <= 4 or (emergency is not None and not 0 <= int(emergency) <= 4):
            raise VocabularyError(f"symptom {raw.get('id')!r}: severities run from 0 to 4")
        symptoms.append(
            SymptomTerm(
                raw["id"],
                raw["label"],
                call,
                None if emergency is None else int(emergency),
                raw.get("hint", ""),
            )
        )
    infections = [InfectionSign(raw["id"], raw["label"]) for raw in data.get("infection", [])]
    ids = [s.id for s in symptoms] + [i.id for i in infections]
    if len(ids) != len(set(ids)):
        raise VocabularyError("symptoms.toml: an id is used twice")
    return Vocabulary(tuple(symptoms), tuple(infections))
