"""Every guide and sheet carries both call blocks, from the one red-flag list, with the
limits in force; an emergency is never listed only under "call your team"."""

import re
from datetime import date

import pytest

from companion.content.call_blocks import (
    CANNOT_REACH_TEAM,
    GuideFacts,
    PlaceholderError,
    call_blocks,
    facts_from_numbers,
    fill,
    guide_facts,
)
from companion.content.checklists import load_checklist
from companion.content.guide_text import guide_text, sections
from companion.content.guides import load_guide, render_guide
from companion.content.red_flags import load_red_flags
from companion.content.resources import ResourceError, read_text
from companion.domain.clinical import ClinicalNumbers
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind
from companion.printing.checklist_sheet import Sheet, SheetPhase, render_checklist_html

# How each emergency is written when it is mentioned in running text. A line that names
# one must send the reader to emergency services in the same line. Every [[emergency]]
# entry must be covered here, so a new emergency cannot slip past this test.
EMERGENCY_PHRASES = {
    "chest-pain": ["chest pain"],
    "trouble-breathing": ["trouble breathing", "struggling to breathe", "struggle to breathe"],
    "seizure": ["seizure", "a fit", "fits"],
    "fainting": ["fainting", "passing out", "pass out", "passed out", "they faint", "you faint"],
    "confusion": ["confusion", "confused"],
    "bleeding": ["will not stop", "won't stop"],
}
# The same phrases in Spanish: a line naming one must send the reader to "emergencia".
EMERGENCY_PHRASES_ES = {
    "chest-pain": ["dolor en el pecho"],
    "trouble-breathing": ["dificultad para respirar", "cuesta mucho respirar"],
    "seizure": ["convulsión", "convulsiones", "un ataque"],
    "fainting": ["desmayo", "desmaya", "pérdida del conocimiento", "perdió el conocimiento"],
    "confusion": ["confusión", "confuso", "confusa"],
    "bleeding": ["no se detiene", "no para"],
}
PHRASES = {"en": EMERGENCY_PHRASES, "es": EMERGENCY_PHRASES_ES}
EMERGENCY_WORD = {"en": "emergency", "es": "emergencia"}
GENERIC_NUMBERS = {"en": "999, 911 or 112", "es": "999, 911 o 112"}
# The generic limits as each language words them (decimal point or comma).
FEVER_LINE = {
    "en": "- a temperature of 38.0 °C (100.4 °F) or higher, or shaking chills",
    "es": "- una temperatura de 38,0\u00a0°C (100,4\u00a0°F) o más, o escalofríos con temblores",
}
LOW_LINE = {
    "en": "- a temperature below 36.0 °C (96.8 °F)",
    "es": "- una temperatura por debajo de 36,0\u00a0°C (96,8\u00a0°F)",
}
LANGUAGES = list(PHRASES)
KINDS = list(TransplantKind)


def _section(markdown, heading):
    """The text under a '## heading' up to the next '## '."""
    part = markdown.split(f"## {heading}", 1)[1]
    return part.split("\n## ", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_emergency_has_phrases_to_look_for(language):
    assert set(PHRASES[language]) == {f.id for f in load_red_flags(language).emergency}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("phase", list(Phase))
def test_every_guide_ends_with_both_blocks_and_its_sources(phase, kind, language):
    guide = load_guide(phase, kind, language)
    assert guide.language == language  # the translation itself, not the English fallback
    markdown = guide.markdown
    heads = sections(language)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[-3:] == [
        f"## {heads['call_emergency']}",
        f"## {heads['call_team']}",
        f"## {heads['sources']}",
    ]
    emergency = _section(markdown, heads["call_emergency"])
    for flag in load_red_flags(language).emergency:
        assert f"- {flag.words}" in emergency, (phase, kind, flag.id)
    assert GENERIC_NUMBERS[language] in emergency
    lines = guide_text(language)["call_blocks"]
    assert lines["cannot_reach_team"] in emergency
    team = _section(markdown, heads["call_team"])
    assert FEVER_LINE[language] in team
    assert LOW_LINE[language] in team
    assert lines["temperature_site"] in team
    assert "https://" in _section(markdown, heads["sources"])
    assert not re.search(r"\{[a-z_]+\}", markdown), "a placeholder was not filled in"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("phase", list(Phase))
def test_an_emergency_is_never_only_a_reason_to_call_the_team(phase, kind, language):
    markdown = load_guide(phase, kind, language).markdown
    team = _section(markdown, sections(language)["call_team"])
    for flag in load_red_flags(language).call_team:
        assert not _lines_naming_an_emergency(flag.words, language), flag.id
    assert not _lines_naming_an_emergency(team, language)


def _names_an_emergency(language):
    phrases = PHRASES[language]
    return re.compile(
        r"\b(" + "|".join(re.escape(p) for ps in phrases.values() for p in ps) + r")\b",
        re.IGNORECASE,
    )


def _lines_naming_an_emergency(text, language="en"):
    pattern = _names_an_emergency(language)
    return [line for line in text.splitlines() if pattern.search(line)]


def test_the_emergency_phrase_search_finds_whole_words_only():
    assert _lines_naming_an_emergency("Help with sick pay and benefits.") == []
    assert _lines_naming_an_emergency("If they have a fit, call.") == ["If they have a fit, call."]
    assert _lines_naming_an_emergency("Se va a desmayar.", "es") == []
    assert _lines_naming_an_emergency("Si se desmaya, llame.", "es") == ["Si se desmaya, llame."]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("phase", list(Phase))
def test_guide_text_naming_an_emergency_sends_the_reader_to_emergency_services(
    phase, kind, language
):
    markdown = load_guide(phase, kind, language).markdown
    body = markdown.split(f"## {sections(language)['call_emergency']}")[0]
    for line in _lines_naming_an_emergency(body, language):
        assert EMERGENCY_WORD[language] in line.lower(), line


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklists_naming_an_emergency_send_the_reader_to_emergency_services(language):
    for phase in Phase:
        for item in load_checklist(phase, None, language).items:
            text = f"{item.text} {item.why}"
            for line in _lines_naming_an_emergency(text, language):
                assert EMERGENCY_WORD[language] in line.lower(), (item.key, line)


def test_the_limits_in_force_and_the_country_s_number_are_filled_in():
    facts = guide_facts(
        country="GB", fever_c=37.8, low_c=35.5, weight_percent=7.5, stools_per_day=4
    )
    guide = load_guide(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC)
    markdown = render_guide(guide, facts)
    assert "Call emergency services (999) now if you have:" in markdown
    assert "a temperature of 37.8 °C (100.0 °F) or higher" in markdown
    assert "a temperature below 35.5 °C (95.9 °F)" in markdown
    assert "more than 7.5 % above your weight before conditioning" in markdown
    assert "4 or more loose stools in a day" in markdown
    assert "999, 911 or 112" not in markdown
    assert "These are common limits" not in markdown  # the team's own numbers
    us = render_guide(guide, guide_facts(country="US"))
    assert "Call emergency services (911) now" in us and "call emergency services (911)" in us


def test_the_generic_wording_says_the_numbers_are_common_ones():
    blocks = call_blocks(Phase.RECOVERY, TransplantKind.AUTOLOGOUS)
    assert "These are common limits. If your team gives you others, use theirs." in (
        blocks.team.after
    )
    assert GuideFacts().is_generic and not guide_facts(fever_c=37.5).is_generic


def test_facts_come_from_the_diary_numbers_where_the_settings_have_them():
    facts = facts_from_numbers(ClinicalNumbers({"fever_single_c": 38.3}))
    assert facts.fever_limit == "38.3 °C (100.9 °F)"
    assert facts.weight_percent == "5 %" and facts.low_limit == "36.0 °C (96.8 °F)"
    mapping = {"fever_single_c": 38.0, "low_temp_c": 35.8, "stools_per_day": 5}
    facts = facts_from_numbers(mapping, country="AU")
    assert (facts.low_limit, facts.stools_per_day, facts.emergency_number) == (
        "35.8 °C (96.4 °F)",
        "5",
        "000",
    )
    assert facts_from_numbers(None) == GuideFacts()


def test_a_misspelt_placeholder_is_refused():
    with pytest.raises(PlaceholderError, match="fever_limt"):
        fill("call at {fever_limt}", GuideFacts())
    assert fill("{emergency}", guide_facts(country="IE")) == "emergency services (112)"


def test_blocks_follow_the_phase_and_the_kind():
    def items(phase, kind):
        return " ".join(call_blocks(phase, kind).team.items)

    assert "GVHD" in items(Phase.RECOVERY, TransplantKind.ALLOGENEIC)
    assert "GVHD" not in items(Phase.RECOVERY, TransplantKind.AUTOLOGOUS)
    assert "3 or more loose stools in a day" in items(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC)
    assert "G-CSF" in items(Phase.PREPARATION, TransplantKind.AUTOLOGOUS)
    assert "G-CSF" not in items(Phase.PREPARATION, TransplantKind.ALLOGENEIC)
    for phase in (Phase.CONDITIONING, Phase.ENGRAFTMENT, Phase.RECOVERY):  # late VOD too
        assert "pain under your right ribs" in items(phase, TransplantKind.AUTOLOGOUS)
    assert "pain under your right ribs" not in items(Phase.FOLLOW_UP, TransplantKind.AUTOLOGOUS)
    assert "swollen lips or face" in items(Phase.INFUSION, TransplantKind.AUTOLOGOUS)
    generic = items(Phase.RECOVERY, None)
    assert "signs of chronic GVHD (after a donor transplant)" in generic
    hospital = call_blocks(Phase.CONDITIONING, None).emergency.after
    assert any("call button" in line for line in hospital)
    assert not any(
        "call button" in line for line in call_blocks(Phase.RECOVERY, None).emergency.after
    )
    assert "In hospital, tell your nurse at once." in call_blocks(Phase.INFUSION, None).team.after


@pytest.mark.parametrize("kind", [*KINDS, None])
def test_printed_sheets_carry_the_same_blocks_with_the_actual_limits(kind):
    facts = guide_facts(country="GB", fever_c=38.0)
    pages = tuple(SheetPhase(p, "Some days", ()) for p in Phase)
    html = render_checklist_html(Sheet(pages, None, facts, date(2026, 5, 20), kind, True))
    assert html.count("Call emergency services (999) now if you have:") == len(Phase)
    assert html.count("Call your transplant team now, day or night, if you have:") == len(Phase)
    assert "a temperature of 38.0 °C (100.4 °F) or higher" in html
    assert "at the level your team gave you" not in html
    for flag in load_red_flags().emergency:
        assert html.count(flag.words) >= len(Phase)
    assert CANNOT_REACH_TEAM in html


def test_spanish_blocks_word_the_limits_and_number_the_spanish_way():
    facts = guide_facts(
        country="ES", fever_c=37.8, low_c=35.5, weight_percent=7.5, stools_per_day=4
    )
    guide = load_guide(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC, "es")
    markdown = render_guide(guide, facts)
    assert "Llame ahora a los servicios de emergencia (112) si tiene:" in markdown
    assert "una temperatura de 37,8\u00a0°C (100,0\u00a0°F) o más" in markdown
    assert "una temperatura por debajo de 35,5\u00a0°C (95,9\u00a0°F)" in markdown
    assert "más de un 7,5\u00a0% por encima de su peso antes del acondicionamiento" in markdown
    assert "4 o más deposiciones blandas en un día" in markdown
    assert "Estos son límites habituales" not in markdown
    generic = call_blocks(Phase.RECOVERY, None, language="es")
    assert "Pueden ser señales de EICR crónica (tras un trasplante de donante)" in " ".join(
        generic.team.items
    )
    assert generic.emergency.heading == "Llame ahora a los servicios de emergencia"
    # The facts carry no language of their own: English stays English.
    assert "37.8 °C (100.0 °F)" in render_guide(
        load_guide(Phase.ENGRAFTMENT, guide.kind, "en"), facts
    )


def test_the_old_call_now_list_is_gone():
    with pytest.raises(ResourceError):
        read_text("call-now.toml")
    assert "[[emergency]]" in read_text("red-flags.toml")


# Each sign is listed after "Call your team now … if you have:" / "… si tiene:", so each
# must read on from it: a thing one has, never a clause ("si tiene: haber estado…", "if you
# have: you cannot drink"; issue 23, tryout-es).
CLAUSE_STARTS = {
    "en": ("you ", "if ", "not ", "cannot "),
    "es": ("haber ", "no ", "si ", "puede ", "ha ", "estar "),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_sign_reads_on_from_if_you_have(language):
    flags = load_red_flags(language)
    intro = guide_text(language)["call_blocks"]["team_intro"]
    assert intro.endswith(("if you have:", "si tiene:"))
    for flag in (*flags.emergency, *flags.call_team):
        assert not flag.words.lower().startswith(CLAUSE_STARTS[language]), flag.words
        assert ", o si no " not in flag.words and ", or if " not in flag.words, flag.words
    words = {flag.id: flag.words for flag in flags.call_team}
    assert words["exposure"].startswith(
        {"en": "been near someone who has an infection", "es": "contacto reciente con alguien"}[
            language
        ]
    )
    assert (
        words["fluids"]
        == {
            "en": "trouble drinking, or keeping fluids down",
            "es": "dificultad para beber o para retener los líquidos",
        }[language]
    )
