"""Each translation in resources/<lang>/ covers every English entry (no more, no fewer), keeps
every placeholder, and changes only words: the rules always come from the English files."""

import re
import sys
import tomllib
from pathlib import Path

import pytest

from companion.content.glossary import load_glossary
from companion.content.guide_text import guide_text
from companion.content.guides import CALL_BLOCKS_MARKER
from companion.content.red_flags import load_red_flags
from companion.content.resources import read_text, read_translation
from companion.content.source_hashes import (
    english_fingerprints,
    entry_hashes,
    fingerprints_toml,
    stale,
    stale_entries,
)
from companion.content.sources import source_words
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
    ("immunity/vaccines.toml", ("vaccine",)),
    ("immunity/late-effects.toml", ("check",)),
    ("immunity/chronic-gvhd.toml", ("area",)),
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
        assert (tr.id, tr.symptoms, tr.kinds, tr.phases) == (
            en.id,
            en.symptoms,
            en.kinds,
            en.phases,
        )
        assert tr.source == source_words(en.source, language)  # the same source, worded
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


# Stale translations: resources/<lang>/.source-hashes.toml records the English each
# translated entry was made from (companion/content/source_hashes.py).
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translated_entry_was_reviewed_against_the_english_as_it_is_now(language):
    found = stale(language)
    assert found == [], (
        f"the English changed since these {language} entries were translated: update the "
        f"translation, then run python tools/catalogue.py stamp {language}",
        found,
    )


def test_the_stale_check_names_an_entry_whose_english_changed_and_one_never_stamped():
    current = english_fingerprints("es")
    stored = {name: dict(entries) for name, entries in current.items()}
    assert stale_entries(current, stored) == []
    stored["red-flags.toml"]["call_team.fever"] = "000000000000"
    del stored["guides/recovery.md"]["Germs to watch for now"]
    del stored["checklists/follow-up.toml"]
    found = stale_entries(current, stored)
    assert "red-flags.toml: call_team.fever (the English changed)" in found
    assert "guides/recovery.md: Germs to watch for now (never stamped)" in found
    assert "checklists/follow-up.toml: household-vaccines (never stamped)" in found
    assert len(found) == 2 + len(current["checklists/follow-up.toml"])


def test_only_a_change_of_the_translated_words_makes_an_entry_stale():
    fields = frozenset({"text", "why"})
    before = '[[items]]\nid = "a"\ntext = "Wash your hands."\nsource = "X: https://x"\n'
    same_words = before.replace("X: https://x", "Y: https://y") + "daily = true\n"
    new_words = before.replace("Wash your hands.", "Wash your hands often.")
    hashes = entry_hashes(before, ("items",), fields)
    assert entry_hashes(same_words, ("items",), fields) == hashes
    assert entry_hashes(new_words, ("items",), fields) != hashes


def test_the_stamp_records_every_translated_entry_and_leaves_english_fallbacks_out():
    stamped = tomllib.loads(fingerprints_toml("es"))
    assert stamped == english_fingerprints("es")
    english_medicines = read_text("medicines-guide.md")
    assert set(stamped["medicines-guide.md"]) == {
        line[3:].strip() for line in english_medicines.splitlines() if line.startswith("## ")
    } | {"#"}
    assert set(stamped["immunity/vaccines.toml"]) == {
        raw["id"] for raw in tomllib.loads(read_text("immunity/vaccines.toml"))["vaccine"]
    }
    assert {"what_happens", "sources"} <= {k.split(".")[1] for k in stamped["guide-text.toml"]}
    english_guide = read_text("guides/follow-up.md")
    headings = {line[3:].strip() for line in english_guide.splitlines() if line.startswith("## ")}
    assert set(stamped["guides/follow-up.md"]) == headings | {"#"}


def test_the_stamp_and_stale_commands(tmp_path, monkeypatch, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import catalogue

    assert catalogue.main(["stale", "es"]) == 0
    assert catalogue.main(["stale"]) == 2
    assert catalogue.main(["check", "es"]) == 2
    monkeypatch.setattr(catalogue, "ROOT", tmp_path)
    (tmp_path / "resources" / "es").mkdir(parents=True)
    assert catalogue.main(["stamp", "xx"]) == 2
    assert catalogue.main(["stamp", "es", "guides/nowhere.md"]) == 2
    assert "not a translated file of es: guides/nowhere.md" in capsys.readouterr().out
    assert catalogue.main(["stamp", "es", "guides/recovery.md"]) == 0
    written = tomllib.loads((tmp_path / "resources" / "es" / ".source-hashes.toml").read_text())
    assert written == english_fingerprints("es")
