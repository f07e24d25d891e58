"""The two "call now" blocks every guide and printed sheet carries, from red-flags.toml.

"Call emergency services now if…" lists the [[emergency]] entries (the same ones the alert
rules read), and "Call your transplant team now if…" the [[call_team]] entries for the
phase and transplant kind, with the limits in force filled in. Pure: no Qt, no storage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from companion.content.guide_text import guide_text, sections
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


def _line(key: str, language: str | None = None) -> str:
    return guide_text(language)["call_blocks"][key]


def kind_label(kind: TransplantKind, language: str | None = None) -> str:
    """ "after a donor transplant" / "after an own-cell transplant", in the language."""
    return _line(f"kind_{kind.value}", language)


# The English lines under their old names (each language's wording is in
# resources/<lang>/guide-text.toml), read on first use so importing costs no file read.
_ENGLISH_LINES = {
    "IN_HOSPITAL_LINE": "in_hospital_line",
    "IN_HOSPITAL_TEAM": "in_hospital_team",
    "THEN_TELL_TEAM": "then_tell_team",
    "CANNOT_REACH_TEAM": "cannot_reach_team",
    "NO_FEVER_MEDICINE": "no_fever_medicine",
    "TEMPERATURE_SITE": "temperature_site",
    "ANYTHING_ELSE": "anything_else",
    "GENERIC_LIMITS": "generic_limits",
}


def __getattr__(name: str) -> object:
    if name in _ENGLISH_LINES:
        return _line(_ENGLISH_LINES[name], "en")
    if name == "KIND_LABELS":
        return {kind: kind_label(kind, "en") for kind in TransplantKind}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The defaults: used when no diary exists (or its numbers are the defaults).
DEFAULT_FEVER_C = 38.0
DEFAULT_LOW_C = 36.0
DEFAULT_WEIGHT_PERCENT = 5.0
DEFAULT_STOOLS_PER_DAY = 3


def _words(language: str | None) -> Mapping[str, str]:
    return guide_text(language)["words"]


def _decimal(number: float, language: str | None, digits: int | None = 1) -> str:
    """A number the language's way (38.0 / 38,0); ``digits`` None: as short as it goes."""
    from companion.content.resources import content_language

    if content_language(language) == "en":  # no Babel needed (and the same as always)
        return f"{number:.{digits}f}" if digits is not None else f"{number:g}"
    from babel.numbers import format_decimal

    from companion import i18n

    pattern = "0.###" if digits is None else ("0." + "0" * digits if digits else "0")
    locale = content_language(language)
    if locale == i18n.language():  # with the app's territory: es_MX writes 38.0
        locale = i18n.locale_tag()
    return format_decimal(number, format=pattern, locale=locale)


def temperature_text(celsius: float, language: str | None = None) -> str:
    """ "38.0 °C (100.4 °F)"; "38,0 °C (100,4 °F)" in Spanish."""
    return _words(language)["temperature"].format(
        celsius=_decimal(celsius, language), fahrenheit=_decimal(c_to_f(celsius), language)
    )


@dataclass(frozen=True, slots=True)
class GuideFacts:
    """The numbers a guide or sheet shows, worded in the language when read; the defaults
    are the generic limits used when no diary exists (or its numbers are the defaults).

    ``language`` None words them in the app's language at the time they are read.

    Sources of the defaults: CDC "Preventing infections in cancer patients" (call at
    38.0 °C / 100.4 °F); Cancer Research UK and The Christie (below 36 °C); EBMT criteria,
    Mohty et al., Bone Marrow Transplant 2016;51:906 (weight gain above 5 % of the weight
    before conditioning); MAGIC, Harris et al., BBMT 2016 (3 loose stools a day).
    """

    emergency_number: str = GENERIC
    fever_c: float = DEFAULT_FEVER_C
    low_c: float = DEFAULT_LOW_C
    weight_gain_percent: float = DEFAULT_WEIGHT_PERCENT
    stools: int = DEFAULT_STOOLS_PER_DAY
    language: str | None = None

    @property
    def emergency(self) -> str:
        """ "emergency services (999)", or with the generic list when no country is known."""
        if self.emergency_number == GENERIC:
            return _words(self.language)["emergency_generic"]
        return _words(self.language)["emergency"].format(number=self.emergency_number)

    @property
    def fever_limit(self) -> str:
        return temperature_text(self.fever_c, self.language)

    @property
    def low_limit(self) -> str:
        return temperature_text(self.low_c, self.language)

    @property
    def weight_percent(self) -> str:
        number = _decimal(self.weight_gain_percent, self.language, digits=None)
        return _words(self.language)["percent"].format(number=number)

    @property
    def stools_per_day(self) -> str:
        return str(int(self.stools))

    @property
    def is_generic(self) -> bool:
        """True when every limit is the default (no diary, or default numbers)."""
        return (self.fever_c, self.low_c, self.weight_gain_percent, self.stools) == (
            DEFAULT_FEVER_C,
            DEFAULT_LOW_C,
            DEFAULT_WEIGHT_PERCENT,
            DEFAULT_STOOLS_PER_DAY,
        )

    def in_language(self, language: str | None) -> GuideFacts:
        """The same facts, worded in ``language``."""
        return replace(self, language=language)

    def values(self) -> Mapping[str, str]:
        return {
            "emergency": self.emergency,
            "fever_limit": self.fever_limit,
            "low_limit": self.low_limit,
            "weight_percent": self.weight_percent,
            "stools_per_day": self.stools_per_day,
        }


def guide_facts(
    *,
    country: str | None = None,
    fever_c: float | None = None,
    low_c: float | None = None,
    weight_percent: float | None = None,
    stools_per_day: int | None = None,
    language: str | None = None,
) -> GuideFacts:
    """The facts for a diary: each number given is used; each one missing keeps the
    default. ``country`` is an ISO code (None: the generic emergency numbers)."""
    return GuideFacts(
        emergency_number=emergency_number(country),
        fever_c=DEFAULT_FEVER_C if fever_c is None else float(fever_c),
        low_c=DEFAULT_LOW_C if low_c is None else float(low_c),
        weight_gain_percent=(
            DEFAULT_WEIGHT_PERCENT if weight_percent is None else float(weight_percent)
        ),
        stools=DEFAULT_STOOLS_PER_DAY if stools_per_day is None else int(stools_per_day),
        language=language,
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


def fill(text: str, facts: GuideFacts, values: Mapping[str, str] | None = None) -> str:
    """Replace ``{emergency}``, ``{fever_limit}`` … in ``text`` with the facts' wording
    (``values``: ``facts.values()`` worked out once for many texts).

    Other braces are left alone, but a ``{word}`` that looks like a placeholder and is not
    one raises PlaceholderError, so a typo never reaches a reader.
    """
    values = facts.values() if values is None else values

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


def _flag_words(
    flag: RedFlag, facts: GuideFacts, kind: TransplantKind | None, values: Mapping[str, str]
) -> str:
    words = fill(flag.words, facts, values)
    if kind is None and flag.kinds:
        joiner = _line("kinds_joiner", facts.language)
        labels = joiner.join(kind_label(k, facts.language) for k in sorted(flag.kinds))
        words += f" ({labels})"
    return words


def call_blocks(
    phase: Phase,
    kind: TransplantKind | None,
    facts: GuideFacts | None = None,
    language: str | None = None,
) -> CallBlocks:
    """The emergency block and the call-your-team block for this phase and kind, in
    ``language`` (None: the facts' language, else the app's).

    ``kind`` None gives a generic sheet: every entry, those for one kind marked as such.
    """
    facts = facts or GuideFacts()
    if language is not None:
        facts = facts.in_language(language)
    language = facts.language
    flags = load_red_flags(language)
    in_hospital = phase in _IN_HOSPITAL
    headings = sections(language)

    values = facts.values()  # once: each worded number goes through Babel

    def line(key: str) -> str:
        return _line(key, language)

    emergency = CallBlock(
        heading=headings["call_emergency"],
        intro=line("emergency_intro").format(emergency=facts.emergency),
        items=tuple(_flag_words(f, facts, kind, values) for f in flags.emergency),
        after=(
            *((line("in_hospital_line"),) if in_hospital else ()),
            line("then_tell_team"),
            line("cannot_reach_team"),
        ),
    )
    team_flags = [f for f in flags.call_team if f.applies_to(phase, kind)]
    team = CallBlock(
        heading=headings["call_team"],
        intro=line("team_intro"),
        items=tuple(_flag_words(f, facts, kind, values) for f in team_flags),
        after=(
            *((line("in_hospital_team"),) if in_hospital else ()),
            line("no_fever_medicine"),
            line("temperature_site"),
            *((line("generic_limits"),) if facts.is_generic else ()),
            line("anything_else"),
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
