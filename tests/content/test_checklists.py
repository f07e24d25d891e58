"""Every phase has a checklist for both kinds, in plain words, with sound ids."""

import pytest

from companion.content.checklists import ChecklistFileError, _all_items, load_checklist
from companion.content.resources import read_text
from companion.content.sources import source_words
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

LANGUAGES = ["en", "es"]
NEVER = {"en": (" is safe", "safe to"), "es": ("es seguro", "sin peligro", "está bien")}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_has_a_list_for_each_kind(phase, kind, language):
    checklist = load_checklist(phase, kind, language)
    assert len(checklist.items) >= 4
    keys = [item.key for item in checklist.items]
    assert len(keys) == len(set(keys))
    for item in checklist.items:
        assert item.text.endswith((".", "?"))
        assert item.applies_to(kind)
        for words in NEVER[language]:
            assert words not in item.text.lower()


@pytest.mark.parametrize("kind", [*TransplantKind, None])
@pytest.mark.parametrize("phase", list(Phase))
def test_a_translated_list_has_the_same_items_kinds_sources_and_daily_marks(phase, kind):
    english = load_checklist(phase, kind, "en").items
    spanish = load_checklist(phase, kind, "es").items
    assert [i.key for i in spanish] == [i.key for i in english]
    for en, es in zip(english, spanish, strict=True):
        assert (es.kinds, es.daily) == (en.kinds, en.daily)
        assert es.source == source_words(en.source, "es")  # the same source, in Spanish
        assert es.text != en.text, es.key  # translated, not left in English
        assert bool(es.why) == bool(en.why), es.key
        assert bool(es.group) == bool(en.group), es.key


def test_a_translation_may_not_change_what_an_item_is(monkeypatch):
    import companion.content.checklists as checklists
    from companion.content.translations import TranslationError

    bad = '[[items]]\nid = "thermometer"\ntext = "Compre un termómetro."\ndaily = true\n'
    monkeypatch.setattr(checklists, "read_translation", lambda name, language: bad)
    _all_items.cache_clear()
    try:
        with pytest.raises(TranslationError, match="daily"):
            load_checklist(Phase.PREPARATION, None, "es")
    finally:
        monkeypatch.undo()
        _all_items.cache_clear()


def test_kind_specific_items_go_only_to_that_kind():
    allo = {i.key for i in load_checklist(Phase.PREPARATION, TransplantKind.ALLOGENEIC).items}
    auto = {i.key for i in load_checklist(Phase.PREPARATION, TransplantKind.AUTOLOGOUS).items}
    assert "carer-24h" in allo and "carer-24h" not in auto
    generic = {i.key for i in load_checklist(Phase.PREPARATION, None).items}
    assert generic == allo | auto


def test_items_named_in_the_issue_are_there():
    texts = " ".join(
        item.text.lower()
        for phase in Phase
        for item in load_checklist(phase, TransplantKind.ALLOGENEIC).items
    )
    for words in (
        "thermometer",
        "bleach",
        "100 days",
        "mouth care",
        "twice a day",
        "wash your hands",
        "dressing",
        "crowds",
        "soil",
        "food safety",
        "6-month",
        "1-year",
        "vaccine",
        "screening",
    ):
        assert words in texts, words


def test_daily_items_are_marked_and_read_as_daily():
    items = {i.key: i for i in load_checklist(Phase.ENGRAFTMENT, TransplantKind.ALLOGENEIC).items}
    assert items["temperature"].daily and items["hand-washing"].daily
    assert not items["no-fever-medicine"].daily  # a rule, not a thing to do each day
    recovery = {i.key: i for i in load_checklist(Phase.RECOVERY, None).items}
    assert recovery["temperature"].daily and "twice a day" in recovery["temperature"].text
    assert not load_checklist(Phase.FOLLOW_UP, None).items[0].daily


def test_a_daily_value_that_is_not_true_or_false_is_refused(monkeypatch):
    import companion.content.checklists as checklists

    bad = '[[items]]\nid = "x"\ntext = "Do it."\ndaily = "yes"\n'
    monkeypatch.setattr(checklists, "read_text", lambda name: bad)
    _all_items.cache_clear()
    try:
        with pytest.raises(ChecklistFileError, match="daily must be true or false"):
            load_checklist(Phase.PREPARATION, None)
    finally:
        monkeypatch.undo()
        _all_items.cache_clear()


# Ids that existed before the content review: ticks are stored against them, so they must
# stay (an item may be reworded, never renamed).
SHIPPED_IDS = {
    "preparation": "thermometer bleach soap-towels carer-rota carer-24h stay-near team-numbers "
    "ask-fever dental hospital-bag",
    "conditioning": "mouth-care fluids anti-sickness weigh report-sickness report-bleeding "
    "rest-days",
    "infusion": "questions comfort taste tell-nurse day0-moved when-counts",
    "engraftment": "temperature no-fever-medicine hand-washing mouth-care line-care weigh "
    "gvhd-watch avoid-sick counts",
    "recovery": "line-dressing line-flush crowds soil-dust food-safety temperature medicines "
    "anti-gvhd clinic-visits stay-close",
    "follow-up": "six-month one-year vaccines screening chronic-gvhd back-to-life support",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("phase", list(Phase))
def test_shipped_item_ids_are_kept(phase, language):
    keys = {i.key for i in load_checklist(phase, None, language).items}
    assert set(SHIPPED_IDS[phase.value].split()) <= keys


def test_the_fixes_the_review_asked_for_are_in_the_lists():
    def texts(phase, kind=None):
        return " ".join(f"{i.text} {i.why}".lower() for i in load_checklist(phase, kind).items)

    conditioning = texts(Phase.CONDITIONING)
    assert "12 hours" not in conditioning
    assert "as soon as you feel sick" in conditioning
    assert "drinks or medicines down" in conditioning
    own_cells = texts(Phase.PREPARATION, TransplantKind.AUTOLOGOUS)
    assert "day and night" in own_cells  # the 24-hour carer for own-cell transplants too
    assert "g-csf" in own_cells and "sperm, eggs or embryos" in own_cells
    infusion = texts(Phase.INFUSION, TransplantKind.ALLOGENEIC)
    assert "strong taste" in infusion  # frozen cord blood has the preservative too
    assert "lips or face swell" in infusion
    follow_up = texts(Phase.FOLLOW_UP)
    assert "live vaccine" in follow_up and "mmr" in follow_up
    assert "have pets" not in follow_up
    assert "weekly, then monthly" in texts(Phase.FOLLOW_UP, TransplantKind.ALLOGENEIC)


def test_every_checklist_file_names_only_known_fields():
    for phase in Phase:
        assert "[[items]]" in read_text(f"checklists/{phase.value}.toml")
        assert _all_items(phase)
