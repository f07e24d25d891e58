"""The symptom and infection-sign vocabulary, from resources/symptoms.toml."""

from __future__ import annotations

from functools import cache

from companion.content.red_flags import load_red_flags
from companion.content.resources import content_language, read_text, read_translation
from companion.content.translations import merge
from companion.domain.rules import InfectionSign, SymptomTerm, Vocabulary


class VocabularyError(ValueError):
    """The vocabulary file is malformed; the message names the entry."""


# What resources/<lang>/symptoms.toml may give for a term: its label and hint.
TRANSLATED_FIELDS = frozenset({"label", "hint"})


def load_vocabulary(language: str | None = None) -> Vocabulary:
    """The diary's terms, labelled in ``language`` where translated (None: the app's)."""
    return _load_vocabulary(content_language(language))


@cache
def _load_vocabulary(language: str) -> Vocabulary:
    import tomllib  # here: parsing waits until the log is first used

    data = tomllib.loads(read_text("symptoms.toml"))
    translated_text = read_translation("symptoms.toml", language)
    translated = None if translated_text is None else tomllib.loads(translated_text)

    def entries(section: str) -> list[dict]:
        return merge(
            data.get(section, []),
            None if translated is None else translated.get(section, []),
            TRANSLATED_FIELDS,
            f"{language}/symptoms.toml [{section}]",
        )

    red_flags = load_red_flags(language)
    symptoms = []
    for raw in entries("symptom"):
        if "emergency_at" in raw:
            raise VocabularyError(
                f"symptom {raw.get('id')!r}: emergencies belong in red-flags.toml, not here"
            )
        call, emergency = int(raw["call_team_at"]), red_flags.emergency_from(raw["id"])
        if not 0 <= call <= 4:
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
    infections = [InfectionSign(raw["id"], raw["label"]) for raw in entries("infection")]
    ids = [s.id for s in symptoms] + [i.id for i in infections]
    if len(ids) != len(set(ids)):
        raise VocabularyError("symptoms.toml: an id is used twice")
    for flag in (*red_flags.emergency, *red_flags.call_team):
        for term, _ in flag.symptoms:
            if term not in ids:
                raise VocabularyError(f"red-flags.toml, {flag.id!r}: no diary term {term!r}")
    # The call list and the rule are one source: where the list says "call your team" (from
    # mild unless it names a severity), logging the symptom must raise the card.
    by_id = {s.id: s for s in symptoms}
    for flag in red_flags.call_team:
        for term, severity in flag.symptoms:
            symptom = by_id.get(term)
            if symptom is not None and symptom.call_team_at > max(1, severity):
                raise VocabularyError(
                    f"symptom {term!r}: red-flags.toml ({flag.id!r}) says to call from "
                    f"severity {max(1, severity)}, but call_team_at is {symptom.call_team_at}"
                )
    return Vocabulary(tuple(symptoms), tuple(infections))
