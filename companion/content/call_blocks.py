"""The two "call now" blocks every guide and printed sheet carries, from red-flags.toml.

"Call emergency services now if…" lists the [[emergency]] entries (the same ones the alert
rules read), and "Call your transplant team now if…" the [[call_team]] entries for the
phase and transplant kind, with the limits in force filled in. Pure: no Qt, no storage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from companion.content.red_flags import RedFlag, load_red_flags
from companion.domain.alerts import c_to_f
from companion.domain.emergency import GENERIC, emergency_number
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

# Placeholders a guide, a red flag or a checklist may use; filled in by ``fill``.
PLACEHOLDERS = ("emergency", "fever_limit", "low_limit", "weight_percent", "stools_per_day")

# Phases that are often spent in hospital (conditioning to engraftment): there the first
# step is the call button, not the phone.
_IN_HOSPITAL = frozenset({Phase.CONDITIONING, Phase.INFUSION, Phase.ENGRAFTMENT})

IN_HOSPITAL_LINE = "In hospital, press your call button and tell your nurse at once."
IN_HOSPITAL_TEAM = "In hospital, tell your nurse at once."
THEN_TELL_TEAM = "Then tell your transplant team."
CANNOT_REACH_TEAM = (
    "If you cannot reach your team: go to the nearest emergency department and say you "
    "have had a stem cell transplant."
)
NO_FEVER_MEDICINE = "Do not take medicine for a fever before you call. It can hide a fever."
TEMPERATURE_SITE = (
    "The limits are for a reading in the mouth. Armpit, ear and forehead readings are often "
    "lower: ask your team which limit to use."
)
ANYTHING_ELSE = "Call about anything else that worries you."
GENERIC_LIMITS = "These are common limits. If your team gives you others, use theirs."
KIND_LABELS = {
    TransplantKind.ALLOGENEIC: "after a donor transplant",
    TransplantKind.AUTOLOGOUS: "after an own-cell transplant",
}


@dataclass(frozen=True, slots=True)
class GuideFacts:
    """The numbers a guide or sheet shows, already worded; the defaults are the generic
    wording used when no diary exists (or its numbers are the defaults).

    Sources of the defaults: CDC "Preventing infections in cancer patients" (call at
    38.0 °C / 100.4 °F); Cancer Research UK and The Christie (below 36 °C); EBMT criteria,
    Mohty et al., Bone Marrow Transplant 2016;51:906 (weight gain above 5 % of the weight
    before conditioning); MAGIC, Harris et al., BBMT 2016 (3 loose stools a day).
    """

    emergency_number: str = GENERIC
    fever_limit: str = "38.0 °C (100.4 °F)"
    low_limit: str = "36.0 °C (96.8 °F)"
    weight_percent: str = "5 %"
    stools_per_day: str = "3"

    @property
    def emergency(self) -> str:
        """ "emergency services (999)", or with the generic list when no country is known."""
        if self.emergency_number == GENERIC:
            return f"emergency services ({GENERIC}: the number for your country)"
        return f"emergency services ({self.emergency_number})"

    @property
    def is_generic(self) -> bool:
        """True when every limit is the default wording (no diary, or default numbers)."""
        default = GuideFacts()
        return (self.fever_limit, self.low_limit, self.weight_percent, self.stools_per_day) == (
            default.fever_limit,
            default.low_limit,
            default.weight_percent,
            default.stools_per_day,
        )

    def values(self) -> Mapping[str, str]:
        return {
            "emergency": self.emergency,
            "fever_limit": self.fever_limit,
            "low_limit": self.low_limit,
            "weight_percent": self.weight_percent,
            "stools_per_day": self.stools_per_day,
        }


def temperature_text(celsius: float) -> str:
    """ "38.0 °C (100.4 °F)"."""
    return f"{celsius:.1f} °C ({c_to_f(celsius):.1f} °F)"


def guide_facts(
    *,
    country: str | None = None,
    fever_c: float | None = None,
    low_c: float | None = None,
    weight_percent: float | None = None,
    stools_per_day: int | None = None,
) -> GuideFacts:
    """The facts for a diary: each number given is worded; each one missing keeps the
    default wording. ``country`` is an ISO code (None: the generic emergency numbers)."""
    default = GuideFacts()
    return GuideFacts(
        emergency_number=emergency_number(country),
        fever_limit=default.fever_limit if fever_c is None else temperature_text(fever_c),
        low_limit=default.low_limit if low_c is None else temperature_text(low_c),
        weight_percent=(
            default.weight_percent if weight_percent is None else f"{weight_percent:g} %"
        ),
        stools_per_day=(
            default.stools_per_day if stools_per_day is None else str(int(stools_per_day))
        ),
    )


# The ClinicalNumbers keys read by ``facts_from_numbers``; a key the settings do not have
# (yet) keeps the default wording.
NUMBER_KEYS = {
    "fever_c": "fever_single_c",
    "low_c": "low_temp_c",
    "weight_percent": "weight_gain_percent",
    "stools_per_day": "stools_per_day",
}


def facts_from_numbers(numbers: object | None, country: str | None = None) -> GuideFacts:
    """The facts for the numbers in force (a ``ClinicalNumbers``, or any mapping of the
    keys in NUMBER_KEYS), or the defaults without numbers."""
    found: dict[str, float] = {}
    if numbers is not None:
        for name, key in NUMBER_KEYS.items():
            try:
                found[name] = float(numbers[key])  # type: ignore[index]
            except (KeyError, TypeError, ValueError):
                continue
    return guide_facts(
        country=country,
        fever_c=found.get("fever_c"),
        low_c=found.get("low_c"),
        weight_percent=found.get("weight_percent"),
        stools_per_day=int(found["stools_per_day"]) if "stools_per_day" in found else None,
    )


class PlaceholderError(ValueError):
    """A text names a placeholder that does not exist; the message names it."""


def fill(text: str, facts: GuideFacts) -> str:
    """Replace ``{emergency}``, ``{fever_limit}`` … in ``text`` with the facts' wording.

    Other braces are left alone, but a ``{word}`` that looks like a placeholder and is not
    one raises PlaceholderError, so a typo never reaches a reader.
    """
    values = facts.values()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise PlaceholderError(f"unknown placeholder {{{name}}} in: {text[:60]!r}")
        return values[name]

    return re.sub(r"\{([a-z_]+)\}", replace, text)


@dataclass(frozen=True, slots=True)
class CallBlock:
    """One block: the line before the list, the list, and the lines after it."""

    heading: str
    intro: str
    items: tuple[str, ...]
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CallBlocks:
    """Both blocks for one phase and kind, and the public sources of their wording."""

    emergency: CallBlock
    team: CallBlock
    sources: tuple[str, ...]


def _words(flag: RedFlag, facts: GuideFacts, kind: TransplantKind | None) -> str:
    words = fill(flag.words, facts)
    if kind is None and flag.kinds:
        words += " (" + " or ".join(KIND_LABELS[k] for k in sorted(flag.kinds)) + ")"
    return words


def call_blocks(
    phase: Phase, kind: TransplantKind | None, facts: GuideFacts | None = None
) -> CallBlocks:
    """The emergency block and the call-your-team block for this phase and kind.

    ``kind`` None gives a generic sheet: every entry, those for one kind marked as such.
    """
    facts = facts or GuideFacts()
    flags = load_red_flags()
    in_hospital = phase in _IN_HOSPITAL
    emergency = CallBlock(
        heading="Call emergency services now",
        intro=f"Call {facts.emergency} now if you have:",
        items=tuple(_words(f, facts, kind) for f in flags.emergency),
        after=(*((IN_HOSPITAL_LINE,) if in_hospital else ()), THEN_TELL_TEAM, CANNOT_REACH_TEAM),
    )
    team_flags = [f for f in flags.call_team if f.applies_to(phase, kind)]
    team = CallBlock(
        heading="Call your transplant team now",
        intro="Call your transplant team now, day or night, if you have:",
        items=tuple(_words(f, facts, kind) for f in team_flags),
        after=(
            *((IN_HOSPITAL_TEAM,) if in_hospital else ()),
            NO_FEVER_MEDICINE,
            TEMPERATURE_SITE,
            *((GENERIC_LIMITS,) if facts.is_generic else ()),
            ANYTHING_ELSE,
        ),
    )
    sources = list(flags.sources)
    for flag in (*flags.emergency, *team_flags):
        if flag.source and flag.source not in sources:
            sources.append(flag.source)
    return CallBlocks(emergency, team, tuple(sources))


def call_blocks_markdown(blocks: CallBlocks, level: int = 2) -> str:
    """Both blocks as Markdown, each under a heading of ``level`` (## by default)."""
    parts = []
    for block in (blocks.emergency, blocks.team):
        parts.append(f"{'#' * level} {block.heading}")
        parts.append("")
        parts.append(block.intro)
        parts.append("")
        parts.extend(f"- {item}" for item in block.items)
        parts.append("")
        for line in block.after:
            parts.append(line)
            parts.append("")
    return "\n".join(parts)
