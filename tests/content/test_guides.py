"""Every phase has a guide for both kinds, in the required sections, citing public sources."""

import pytest

from companion import i18n
from companion.content.guides import (
    REQUIRED_SECTIONS,
    GuideError,
    disclaimer,
    load_guide,
    required_sections,
    select_kind,
)
from companion.content.resources import (
    ResourceError,
    read_localized,
    read_text,
    read_translation,
)
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

LANGUAGES = ["en", "es"]
# Words a guide must never use: reassurance ("it is safe") and naming a failure.
NEVER = {
    "en": (" is safe", "you are fine", "nothing to worry", "graft failure"),
    "es": (
        "es seguro",
        "está bien",
        "no se preocupe",
        "nada de qué preocuparse",
        "fallo del injerto",
    ),
}
GVHD = {"en": "GVHD", "es": "EICR"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_has_a_complete_guide_for_each_kind(phase, kind, language):
    guide = load_guide(phase, kind, language)
    assert guide.language == language
    english = load_guide(phase, kind, "en")
    # The guide's heading is the phase's name in that language, as the page list, the
    # timeline and the checklists say it ("Esperando el injerto" beside "A la espera del
    # injerto" was one more thing for a tired reader to reconcile).
    i18n.set_language(language)
    try:
        assert guide.title == phase.title
    finally:
        i18n.set_language("en")
    if language != "en":
        assert guide.title != english.title
    for section in required_sections(language):
        assert section in guide.sections, f"{phase.value} ({kind.value}) lacks '{section}'"
    assert guide.sources, f"{phase.value} ({kind.value}) cites no source"
    assert all(url.startswith("https://") for url in guide.sources)
    assert guide.sources == english.sources  # the same sources, unchanged, in every language
    assert ":::" not in guide.markdown


def test_the_english_sections_are_the_old_constant():
    assert required_sections("en") == REQUIRED_SECTIONS
    assert disclaimer("en").startswith("This guide explains")
    assert disclaimer("es").startswith("Esta guía explica")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("phase", list(Phase))
def test_guides_never_reassure_or_name_a_failure(phase, language):
    for kind in TransplantKind:
        text = load_guide(phase, kind, language).markdown.lower()
        for word in NEVER[language]:
            assert word not in text


def _prose(markdown):
    return markdown.split("## Sources")[0].split("## Fuentes")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_gvhd_appears_only_for_donor_transplants(language):
    word = GVHD[language]
    for phase in (Phase.ENGRAFTMENT, Phase.RECOVERY, Phase.FOLLOW_UP):
        assert word in _prose(load_guide(phase, TransplantKind.ALLOGENEIC, language).markdown)
    for phase in Phase:
        assert word not in _prose(load_guide(phase, TransplantKind.AUTOLOGOUS, language).markdown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentences_are_short_for_a_tired_reader(language):
    """Plain language: on average short sentences (6th–8th grade guidance asks for ~15 words)."""
    for phase in Phase:
        text = load_guide(phase, TransplantKind.ALLOGENEIC, language).markdown
        prose = " ".join(
            line.lstrip("-* ") for line in text.splitlines() if line and not line.startswith("#")
        )
        body = prose.split("Sources")[0].split("Fuentes")[0]
        sentences = [s for s in body.replace("?", ".").replace(";", ".").split(".") if s.strip()]
        words = sum(len(s.split()) for s in sentences)
        assert words / len(sentences) < 15, phase


def test_kind_blocks_are_selected_and_checked():
    text = "a\n::: allogeneic\nb\n:::\n::: autologous\nc\n:::\nd"
    assert select_kind(text, TransplantKind.ALLOGENEIC) == "a\nb\nd\n"
    assert select_kind(text, TransplantKind.AUTOLOGOUS) == "a\nc\nd\n"
    with pytest.raises(GuideError, match="not closed"):
        select_kind("::: allogeneic\nb", TransplantKind.ALLOGENEIC)
    with pytest.raises(GuideError, match="unknown block"):
        select_kind("::: donor\nb\n:::", TransplantKind.ALLOGENEIC)
    marked = "a\n::: call-blocks\nb"
    assert select_kind(marked, TransplantKind.AUTOLOGOUS) == "a\n::: call-blocks\nb\n"
    with pytest.raises(GuideError, match="cannot be inside"):
        select_kind("::: allogeneic\n::: call-blocks\n:::", TransplantKind.ALLOGENEIC)


@pytest.mark.parametrize(
    "bad", ["../pyproject.toml", "guides/../../main.py", "/etc/passwd", "C:/x.md", "", "a//b"]
)
def test_resource_paths_cannot_climb_out(bad):
    with pytest.raises(ResourceError):
        read_text(bad)


def test_resources_are_read_by_relative_path():
    assert read_text("guides/infusion.md").startswith("# Transplant day")
    assert read_text("guides/infusion.md")
    with pytest.raises(ResourceError):
        read_text("guides/nothing.md")
    with pytest.raises(ResourceError, match="no such resource"):
        read_text("guides/nothing.md")


def test_a_translation_is_read_from_its_language_folder_with_english_as_the_fallback():
    assert read_translation("guides/infusion.md", "es").startswith("# El día del trasplante")
    assert read_translation("guides/infusion.md", "en") is None  # English is the fallback
    assert read_translation("guides/infusion.md", "de") is None
    text, language = read_localized("guides/infusion.md", "de")
    assert language == "en" and text == read_text("guides/infusion.md")
    # A language with no guide of its own reads the English guide.
    assert load_guide(Phase.INFUSION, TransplantKind.AUTOLOGOUS, "de").language == "en"


@pytest.mark.parametrize(
    "relative, language",
    [
        ("../pyproject.toml", "es"),
        ("guides/../../main.py", "es"),
        ("/etc/passwd", "es"),
        ("guides/infusion.md", ".."),
        ("guides/infusion.md", "../es"),
        ("guides/infusion.md", "/tmp"),
        ("guides/infusion.md", "es/../.."),
    ],
)
def test_translated_paths_cannot_climb_out(relative, language):
    with pytest.raises(ResourceError):
        read_translation(relative, language)


def test_the_app_s_language_chooses_the_guide(monkeypatch):
    from companion import i18n

    i18n.set_language("es_MX")
    try:
        guide = load_guide(Phase.INFUSION, TransplantKind.AUTOLOGOUS)
        assert guide.language == "es" and guide.title == "El día del trasplante"
        # Mexico writes a decimal point: the limits follow the app's territory.
        assert "38.0\u00a0°C (100.4\u00a0°F)" in guide.markdown
    finally:
        i18n.set_language("en")
    assert load_guide(Phase.INFUSION, TransplantKind.AUTOLOGOUS).language == "en"


def test_the_pseudo_locale_reads_the_english_content():
    from companion import i18n

    i18n.set_language(i18n.PSEUDO)
    try:
        guide = load_guide(Phase.INFUSION, TransplantKind.AUTOLOGOUS)
        assert guide.language == "en" and "38.0 °C (100.4 °F)" in guide.markdown
    finally:
        i18n.set_language("en")


def test_the_english_disclaimer_constant_is_guide_texts():
    """disclaimer() gives the constant in English (no TOML read in the first frame): it is
    the words of guide-text.toml, and Spanish still comes from resources/es/."""
    from companion.content.guide_text import guide_text
    from companion.content.guides import DISCLAIMER, disclaimer

    assert disclaimer("en") == DISCLAIMER == guide_text("en")["words"]["disclaimer"]
    assert disclaimer("es") == guide_text("es")["words"]["disclaimer"] != DISCLAIMER
