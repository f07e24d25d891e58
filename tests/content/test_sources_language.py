"""The sources a Spanish reader sees are described in Spanish: every guide's "Fuentes" list,
every red flag's, checklist item's and immune-plan entry's source, and the immune plan's
citations from the catalogue. Names of organisations and journals and quoted titles stay as
published; the words around them (what the page is about, what it gives) must be Spanish."""

import re
import tomllib

import pytest

from companion import i18n
from companion.content.checklists import load_checklist
from companion.content.guide_text import sources_heading
from companion.content.guides import load_guide, render_guide
from companion.content.immunity import load_gvhd_check, load_screening, load_vaccines
from companion.content.medicines_guide import medicines_guide
from companion.content.red_flags import load_red_flags
from companion.content.resources import read_text, read_translation
from companion.content.sources import URL, translated_sources
from companion.domain import immunity_wording
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

# Published names kept as they are that hold one of the words below. Only whole names:
# a description never hides behind them.
NAMES = (
    "The Christie NHS Foundation Trust",
    "University of Utah Health",
    "Leukemia/BMT Program of BC",
    "Transplantation and Cellular Therapy",
    "Peter MacCallum Cancer Centre",
    "London Health Sciences Centre",
    "Macmillan Cancer Support",
)
# A title quoted as published: "…", «…», '…' or *…*.
QUOTED = re.compile(r"\"[^\"]*\"|«[^»]*»|'[^']*'|\*[^*]+\*")
# Words of English descriptions that Spanish never uses.
ENGLISH = re.compile(
    r"\b(the|to|after|before|when|and|of|with|for|from|about|your|you|if|or|on|in|by|"
    r"more|than|up|days?|weeks?|months?|hours?|years?|call|checks?|visitors?|guidelines?|"
    r"based|patients?|page|pages|table|footnotes|side|effects|care|treatment|recovery|"
    r"fever|bleeding|infections?|preventing|caregiver|carer|support|donor|transplants?|"
    r"guide|what|how|help|late|early|below|above|own|cells?|stools|weight|chickenpox|"
    r"vomiting|nausea|trouble|breathing|chest|pain|severe|readings|mouth|armpit|"
    r"criteria|consensus|refined|review|update|recommendations|definition|registry)\b",
    re.IGNORECASE,
)
# A decimal written with a point (38.0 °C), outside web addresses.
POINT_DECIMAL = re.compile(r"\d\.\d")


def english_words(line: str) -> list[str]:
    """The English words in a source line once its web addresses, quoted titles and the
    published names above are taken out; and any decimal written with a point."""
    text = URL.sub(" ", line)
    for name in NAMES:
        text = text.replace(name, " ")
    text = QUOTED.sub(" ", text)
    # Journal abbreviations ("Bone Marrow Transplant 2016;51:906") are names too.
    text = re.sub(r"\b(Biol Blood Marrow|Bone Marrow) Transplant\b", " ", text)
    text = re.sub(r"\bTransplant Cell Ther\b", " ", text)
    return ENGLISH.findall(text) + POINT_DECIMAL.findall(text)


def _listed(markdown: str, heading: str) -> list[str]:
    part = markdown.split(f"## {heading}\n", 1)[1]
    return [line[2:] for line in part.splitlines() if line.startswith("- ")]


def shown_sources(language: str) -> dict[str, str]:
    """Every source line a reader of ``language`` sees, with where it is shown."""
    found: dict[str, str] = {}
    heading = sources_heading(language)
    for phase in Phase:
        for kind in TransplantKind:
            guide = render_guide(load_guide(phase, kind, language))
            for line in _listed(guide, heading):
                found[line] = f"guide {phase.value} ({kind.value})"
        for item in load_checklist(phase, None, language).items:
            if item.source:
                found[item.source] = f"checklist {phase.value}, {item.key}"
    for line in _listed(medicines_guide(language), heading):
        found[line] = "medicines guide"
    flags = load_red_flags(language)
    for line in flags.sources:
        found[line] = "red flags (every call block)"
    for flag in (*flags.emergency, *flags.call_team):
        if flag.source:
            found[flag.source] = f"red flag {flag.id}"
    for vaccine in load_vaccines(language):
        found[vaccine.source] = f"vaccine {vaccine.id}"
    found[load_screening(language).source] = "late-effects check-ups"
    found[load_gvhd_check(language).source] = "chronic GVHD check"
    i18n.set_language(language)
    try:
        for name in ("TOMBLYN_SOURCE", "VACCINE_SOURCE", "HOUSEHOLD_SOURCE", "MARKERS_SOURCE"):
            found[i18n._(getattr(immunity_wording, name))] = f"immunity_wording.{name}"
    finally:
        i18n.set_language("en")
    return found


def test_every_source_a_spanish_reader_sees_is_described_in_spanish():
    left = {
        f"{where}: {line}  <- {words}"
        for line, where in shown_sources("es").items()
        if (words := english_words(line))
    }
    assert not left, "\n".join(sorted(left))


def test_the_check_finds_the_english_descriptions_it_is_there_for():
    """The same check, on the English, flags what the Spanish walk found (so it can fail)."""
    english = shown_sources("en")
    flagged = [line for line in english if english_words(line)]
    assert len(flagged) > 0.8 * len(english)
    for words in (
        "(10 to 21 days; up to 6 weeks after cord blood; when to call)",
        "(chest pain, trouble breathing, severe bleeding: 999; below 36 °C)",
        "(38.0 °C / 100.4 °F; if you cannot reach your team)",
        "(the chickenpox virus waking up, common in the first year)",
        "(vomiting or nausea for more than 12 hours)",
        "side effects of donor transplants (virus checks)",
        "if someone you know is having a transplant (visitors)",
        "NMDP long-term screening guidelines, based on Rotz et al.",
        "IDSA 2013 guideline (Rubin et al.",
        "NCI PDQ table after Tomblyn et al.",
    ):
        assert english_words(words), words
    # What the check leaves alone: names, journals, quoted titles, addresses, commas.
    assert not english_words(
        "The Christie NHS Foundation Trust, «Infection and fever advice» (fiebre, 38,0 °C), "
        'Bone Marrow Transplant 2016;51:906, "Transplant process": https://doi.org/10.1/a.b'
    )


def _english_lines() -> set[str]:
    """Every source line of the English content files (red flags, checklists, immunity)."""
    lines: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("source", "sources"):
                    lines.update([inner] if isinstance(inner, str) else inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    files = ["red-flags.toml", *(f"checklists/{p.value}.toml" for p in Phase)]
    files += [f"immunity/{n}" for n in ("vaccines.toml", "late-effects.toml", "chronic-gvhd.toml")]
    for name in files:
        walk(tomllib.loads(read_text(name)))
    return {line.strip() for line in lines}


def test_every_english_source_line_has_its_spanish_and_no_other():
    english, spanish = _english_lines(), translated_sources("es")
    assert sorted(english - set(spanish)) == []  # shown in English until translated
    assert sorted(set(spanish) - english) == []  # a line the English no longer has


@pytest.mark.parametrize("line", sorted(translated_sources("es").items()))
def test_a_spanish_source_line_keeps_the_addresses_and_numbers(line):
    english, spanish = line
    assert URL.findall(spanish) == URL.findall(english)
    numbers = re.compile(r"\d+")
    without = URL.sub(" ", english).replace(".", ",")
    assert sorted(numbers.findall(URL.sub(" ", spanish))) == sorted(numbers.findall(without))


def test_the_spanish_sources_file_is_read_only_for_spanish():
    assert translated_sources("en") == {}
    assert read_translation("sources.toml", "es") is not None
