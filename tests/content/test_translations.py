"""Each translation in resources/<lang>/ covers every English entry (no more, no fewer), keeps
every placeholder, and changes only words: the rules always come from the English files."""

import re
import tomllib

import pytest

from companion.content.glossary import load_glossary
from companion.content.guide_text import guide_text
from companion.content.guides import CALL_BLOCKS_MARKER
from companion.content.red_flags import load_red_flags
from companion.content.resources import read_text, read_translation
from companion.content.translations import TranslationError, coverage, merge
from companion.content.vocabulary import load_vocabulary
from companion.domain.journey import Phase

TRANSLATED = ["es"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# (file, the tables of entries in it)
ENTRY_FILES = [
    ("red-flags.toml", ("emergency", "call_team")),
    ("symptoms.toml", ("symptom", "infection")),
    ("glossary.toml", ("term",)),
    *[(f"checklists/{phase.value}.toml", ("items",)) for phase in Phase],
]


def _tables(text):
    return tomllib.loads(text)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name, tables", ENTRY_FILES, ids=[f for f, _ in ENTRY_FILES])
def test_every_entry_is_translated_and_no_other(name, tables, language):
    english, translated = _tables(read_text(name)), read_translation(name, language)
    assert translated is not None, f"{language}/{name} is missing"
    translated = _tables(translated)
    for table in tables:
        found = coverage(english.get(table, []), translated.get(table, []))
        assert found.missing == (), (name, table, "not translated", found.missing)
        assert found.extra == (), (name, table, "no such English id", found.extra)
        by_id = {raw["id"]: raw for raw in translated[table]}
        for raw in english[table]:
            for field, value in by_id[raw["id"]].items():
                if isinstance(value, str) and field in raw:
                    assert set(PLACEHOLDER.findall(value)) == set(
                        PLACEHOLDER.findall(str(raw[field]))
                    ), (name, raw["id"], field)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_guides_fixed_words_are_all_translated_with_their_placeholders(language):
    english, translated = guide_text("en"), _tables(read_translation("guide-text.toml", language))
    for table, words in english.items():
        assert set(translated[table]) == set(words), table
        for key, value in words.items():
            assert set(PLACEHOLDER.findall(translated[table][key])) == set(
                PLACEHOLDER.findall(value)
            ), (table, key)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("phase", list(Phase))
def test_a_translated_guide_has_the_same_blocks_placeholders_and_addresses(phase, language):
    english = read_text(f"guides/{phase.value}.md")
    translated = read_translation(f"guides/{phase.value}.md", language)
    assert translated is not None

    def fences(text):
        return [line.strip() for line in text.splitlines() if line.strip().startswith(":::")]

    assert fences(translated) == fences(english)
    assert translated.count(CALL_BLOCKS_MARKER) == 1
    assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(english))
    urls = re.compile(r"https?://\S+")
    assert urls.findall(translated) == urls.findall(english)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_rules_come_from_the_english_files_whatever_the_language(language):
    english, translated = load_red_flags("en"), load_red_flags(language)
    for en, tr in zip(
        (*english.emergency, *english.call_team),
        (*translated.emergency, *translated.call_team),
        strict=True,
    ):
        assert (tr.id, tr.symptoms, tr.kinds, tr.phases, tr.source) == (
            en.id,
            en.symptoms,
            en.kinds,
            en.phases,
            en.source,
        )
        assert tr.words != en.words
    words = load_vocabulary("en"), load_vocabulary(language)
    for en, tr in zip(words[0].symptoms, words[1].symptoms, strict=True):
        assert (tr.id, tr.call_team_at, tr.emergency_at) == (
            en.id,
            en.call_team_at,
            en.emergency_at,
        )
        assert tr.label != en.label and bool(tr.hint) == bool(en.hint)
    assert [s.id for s in words[1].infections] == [s.id for s in words[0].infections]
    assert {e.id for e in load_glossary(language)} == {e.id for e in load_glossary("en")}


def test_merge_lays_words_over_the_english_and_refuses_other_fields():
    english = [{"id": "a", "text": "One.", "daily": True}, {"id": "b", "text": "Two."}]
    merged = merge(english, [{"id": "a", "text": "Uno."}], frozenset({"text"}), "x")
    assert merged == [{"id": "a", "text": "Uno.", "daily": True}, {"id": "b", "text": "Two."}]
    assert merge(english, None, frozenset({"text"}), "x") == english
    with pytest.raises(TranslationError, match="daily"):
        merge(english, [{"id": "a", "daily": False}], frozenset({"text"}), "x")
    with pytest.raises(TranslationError, match="no id"):
        merge(english, [{"text": "Uno."}], frozenset({"text"}), "x")
    found = coverage(english, [{"id": "a"}, {"id": "z"}])
    assert (found.missing, found.extra) == (("b",), ("z",))
