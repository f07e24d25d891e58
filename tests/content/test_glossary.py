"""The glossary defines every hard word the guides and checklists use, and only those;
a guide's first use of each word links to its definition."""

import re

import pytest

from companion.content.checklists import load_checklist
from companion.content.glossary import (
    GlossaryError,
    link_glossary,
    load_glossary,
    parse_glossary,
    sort_key,
    terms_used,
)
from companion.content.guides import load_guide, render_guide
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

# Hard words a reader may not know. Each one a guide or checklist uses must be defined.
HARD_WORDS = (
    "engraftment",
    "conditioning",
    "platelet",
    "neutrophil",
    "ANC",
    "GVHD",
    "chronic GVHD",
    "VOD",
    "SOS",
    "registry definition",
    "late effect",
    "central line",
    "Hickman",
    "PICC",
    "apheresis",
    "G-CSF",
    "DMSO",
    "reduced-intensity",
    "immunosuppression",
    "CMV",
    "nadir",
    "transfusion",
    "irradiated",
    "relapse",
    "stem cell",
    "bone marrow",
    "cord blood",
    "busulfan",
    "cataract",
    "thyroid",
    "menopause",
    "embryo",
    "live vaccine",
    "MMR",
    "screening",
    "chemotherapy",
    "radiation",
    "dietitian",
    "Day 0",
    "immune system",
    "St John's wort",
    "engraftment syndrome",
    "allogeneic",
    "autologous",
    "mucositis",
    "neutropenia",
    "myeloablative",
    "sepsis",
    "petechiae",
    "tacrolimus",
    "ciclosporin",
)


# The same hard words as the Spanish guides write them.
HARD_WORDS_ES = (
    "injerto",
    "acondicionamiento",
    "plaqueta",
    "neutrófilo",
    "RAN",
    "EICR",
    "EICR crónica",
    "EVO",
    "SOS",
    "definición del registro",
    "efectos tardíos",
    "vía central",
    "aféresis",
    "G-CSF",
    "DMSO",
    "intensidad reducida",
    "inmunosupresión",
    "CMV",
    "nadir",
    "transfusión",
    "irradiada",
    "recaída",
    "células madre",
    "médula ósea",
    "sangre de cordón",
    "busulfano",
    "catarata",
    "tiroides",
    "menopausia",
    "embrión",
    "vacuna viva",
    "triple vírica",
    "cribado",
    "quimioterapia",
    "radioterapia",
    "dietista",
    "Día 0",
    "sistema inmunitario",
    "hierba de San Juan",
    "síndrome del injerto",
    "alogénico",
    "autólogo",
    "mucositis",
    "neutropenia",
    "mieloablativo",
    "sepsis",
    "petequias",
    "tacrolimus",
    "ciclosporina",
)
LANGUAGES = ["en", "es"]
HARD = {"en": HARD_WORDS, "es": HARD_WORDS_ES}


def _all_texts(language="en"):
    glossary = load_glossary(language)
    for phase in Phase:
        for kind in TransplantKind:
            yield f"guide {phase.value}/{kind.value}", load_guide(phase, kind, language).markdown
        items = load_checklist(phase, None, language).items
        yield f"checklist {phase.value}", "\n".join(f"{i.text} {i.why}" for i in items)
    assert glossary


def _prose(markdown):
    return markdown.split("## Sources")[0].split("## Fuentes")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_has_plain_sourced_definitions(language):
    glossary = load_glossary(language)
    assert len(glossary) >= 30
    for entry in glossary:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", entry.definition) if s]
        assert 1 <= len(sentences) <= 2, entry.id
        assert all(len(s.split()) <= 30 for s in sentences), entry.id
        assert "https://" in entry.source, entry.id
        assert entry.definition.endswith("."), entry.id
    words = [sort_key(e.word) for e in glossary]
    assert words == sorted(words)


def test_the_spanish_glossary_defines_every_term_in_spanish_with_the_english_source():
    english = {e.id: e for e in load_glossary("en")}
    spanish = {e.id: e for e in load_glossary("es")}
    assert set(spanish) == set(english)
    for key, entry in spanish.items():
        assert entry.source == english[key].source
        assert entry.definition != english[key].definition, key
    assert spanish["gvhd"].word == "EICR (enfermedad injerto contra receptor)"
    assert [e.word for e in load_glossary("es")][:2] == [
        "acondicionamiento",
        "acondicionamiento de intensidad reducida",
    ]
    assert sort_key("Células") == "celulas"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hard_word_used_is_defined(language):
    glossary = load_glossary(language)
    for where, text in _all_texts(language):
        for word in HARD[language]:
            pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
            if re.search(pattern, _prose(text), re.IGNORECASE if word.islower() else 0):
                assert terms_used(word, glossary), (where, word)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_definition_is_used_somewhere(language):
    glossary = load_glossary(language)
    used = set()
    for _, text in _all_texts(language):
        used |= set(terms_used(text, glossary))
    assert {e.id for e in glossary} - used == set()


def test_the_required_terms_are_there():
    glossary = load_glossary()
    for key in (
        "engraftment",
        "conditioning",
        "platelets",
        "neutrophils",
        "anc",
        "gvhd",
        "chronic-gvhd",
        "vod",
        "registry-definition",
        "late-effects",
        "central-line",
        "apheresis",
        "g-csf",
        "dmso",
        "reduced-intensity",
        "immunosuppression",
        "cmv",
        "nadir",
        "transfusion",
        "irradiated-blood",
        "relapse",
    ):
        assert glossary.get(key) is not None, key
    assert glossary.get("glossary:gvhd").word.startswith("GVHD")
    assert glossary.get("nothing") is None


def test_the_first_use_in_a_guide_is_linked_and_only_the_first():
    glossary = load_glossary()
    guide = load_guide(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC)
    linked = render_guide(guide, glossary=glossary)
    assert linked.count("](glossary:engraftment)") == 1
    assert "This is called [engraftment](glossary:engraftment)." in linked
    assert linked.count("](glossary:platelets)") == 1
    assert "[ANC](glossary:anc)" in linked
    # Headings and the Sources section are left as they are.
    assert "# Waiting for engraftment\n" in linked
    sources = linked.split("## Sources")[1]
    assert "glossary:" not in sources
    # Without a glossary nothing is linked (Guide.markdown stays plain for old callers).
    assert "glossary:" not in guide.markdown


def test_the_first_use_in_a_spanish_guide_is_linked_and_the_sources_are_left_alone():
    glossary = load_glossary("es")
    guide = load_guide(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC, "es")
    linked = render_guide(guide, glossary=glossary)
    assert linked.count("](glossary:engraftment)") == 1
    assert "Esto se llama [injerto](glossary:engraftment)." in linked
    assert "[neutrófilos](glossary:neutrophils)" in linked
    assert "Su recuento se llama [RAN](glossary:anc)." in linked
    assert "[EICR](glossary:gvhd) (enfermedad injerto contra receptor)" in linked
    assert "# A la espera del injerto\n" in linked
    assert "glossary:" not in linked.split("## Fuentes")[1]


def test_linking_prefers_the_longest_term_and_leaves_links_and_addresses_alone():
    glossary = load_glossary()
    text = (
        "# GVHD\n\n- Signs of chronic GVHD, then GVHD.\n"
        "- See [your notes](https://example.org/GVHD) and https://example.org/CMV page.\n"
        "- Then CMV.\n"
    )
    out = link_glossary(text, glossary)
    assert "# GVHD\n" in out
    assert "[chronic GVHD](glossary:chronic-gvhd), then [GVHD](glossary:gvhd)." in out
    assert "[your notes](https://example.org/GVHD)" in out
    assert "https://example.org/CMV page" in out
    assert "- Then [CMV](glossary:cmv)." in out
    assert terms_used(text, glossary) == ("chronic-gvhd", "gvhd", "cmv")


def test_lower_case_forms_match_any_case_and_plurals_but_not_inside_words():
    glossary = load_glossary()
    out = link_glossary("Platelets and transfusions, not Marrowby.", glossary)
    assert "[Platelets](glossary:platelets)" in out
    assert "[transfusions](glossary:transfusion)" in out
    assert "Marrowby" in out and "glossary:bone-marrow" not in out


@pytest.mark.parametrize(
    "bad, message",
    [
        ('[[term]]\nid = "x"\nword = "x"\n', "needs an id"),
        ('[[term]]\nid = "Bad Id"\nword = "x"\ndefinition = "d."\nsource = "s"\n', "needs an id"),
        (
            '[[term]]\nid = "x"\nword = "x"\ndefinition = "d."\nsource = "s"\ncolour = 1\n',
            "unknown",
        ),
        ('[[term]]\nid = "x"\nword = "x"\ndefinition = "d."\nsource = "s"\n' * 2, "used twice"),
        ("[[term]\n", "glossary.toml"),
    ],
)
def test_a_malformed_glossary_is_refused_with_a_reason(bad, message):
    with pytest.raises(GlossaryError, match=message):
        parse_glossary(bad)
