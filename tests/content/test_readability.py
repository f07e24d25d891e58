"""Every guide reads at Flesch-Kincaid grade 6 or below (both kinds), measured with the
repository's own script (benchmarks/readability.py); the checklists too."""

import pytest

from benchmarks.readability import (
    checklist_prose,
    is_familiar,
    measure,
    measure_markdown,
    prose_of_markdown,
    report,
    spanish_report,
    spanish_syllables,
    syllables,
)
from companion.content.guides import load_guide
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

MAX_GRADE = 6.0


@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_guide_reads_at_grade_6_or_below(phase, kind):
    figures = measure_markdown(load_guide(phase, kind).markdown)
    assert figures.fk_grade <= MAX_GRADE, (phase.value, kind.value, figures.fk_grade)
    assert figures.reading_ease >= 70  # "fairly easy" or easier
    assert 0 < figures.dale_chall < 10  # reported in the README, not held to a limit


@pytest.mark.parametrize("phase", list(Phase))
def test_every_checklist_reads_at_grade_6_or_below(phase):
    assert measure(checklist_prose(phase)).fk_grade <= MAX_GRADE


def test_the_measure_can_fail_on_hard_text():
    hard = (
        "Hematopoietic reconstitution following myeloablative conditioning necessitates "
        "meticulous surveillance of neutropenic complications and immunosuppressive toxicity."
    )
    assert measure(hard).fk_grade > 12
    assert measure(hard).dale_chall > 9
    assert measure("Wash your hands. Take your temperature.").fk_grade < 2


def test_the_text_is_prepared_as_the_review_did():
    markdown = (
        "# Title\n\n*Day 0.*\n\n## What happens\n\n- One idea\n- Two ideas. Three.\n"
        "::: allogeneic\n- See [the page](https://example.org/x) now\n:::\n\n"
        "## Sources\n\n- NMDP: https://www.nmdp.org\n"
    )
    assert prose_of_markdown(markdown) == "Day 0.\nOne idea.\nTwo ideas. Three.\nSee the page now."
    assert measure(prose_of_markdown(markdown)).sentences == 5


def test_syllables_and_familiar_words():
    assert syllables("diarrhoea") == syllables("diarrhea") == 4
    assert syllables("haemoglobin") == 4
    assert syllables("GVHD") == 4 and syllables("G-CSF") == 4
    assert syllables("anti-sickness") == 4
    assert syllables("zorbleflumph") >= 2  # not in the dictionary: the vowel heuristic
    assert is_familiar("washed") and is_familiar("hands") and is_familiar("babies")
    assert not is_familiar("engraftment")


def test_the_report_lists_every_guide_and_kind():
    table = report()
    for phase in Phase:
        for kind in TransplantKind:
            assert f"| {phase.value} | {kind.short} |" in table
    assert "| all checklists |" in table


# Spanish: Fernández-Huerta and INFLESZ, with the same plain-words target -----------------

MIN_FERNANDEZ_HUERTA = 70.0  # "fairly easy", about the 6th school year (as FK grade 6)
MIN_INFLESZ = 65.0  # "fairly easy" on the INFLESZ scale


@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_spanish_guide_is_fairly_easy_to_read(phase, kind):
    guide = load_guide(phase, kind, "es")
    assert guide.language == "es"
    figures = measure_markdown(guide.markdown, "es")
    assert figures.fernandez_huerta >= MIN_FERNANDEZ_HUERTA, (phase, kind, figures)
    assert figures.inflesz >= MIN_INFLESZ, (phase, kind, figures)


@pytest.mark.parametrize("phase", list(Phase))
def test_every_spanish_checklist_is_fairly_easy_to_read(phase):
    figures = measure(checklist_prose(phase, "es"), "es")
    assert figures.fernandez_huerta >= MIN_FERNANDEZ_HUERTA
    assert figures.inflesz >= MIN_INFLESZ


@pytest.mark.parametrize(
    "word, count",
    [
        ("trasplante", 3),
        ("médula", 3),
        ("ósea", 3),  # hiatus: ó-se-a
        ("neutrófilos", 4),  # diphthong: neu-tró-fi-los
        ("acondicionamiento", 7),
        ("quimioterapia", 5),
        ("día", 2),  # an accented í breaks the diphthong
        ("guía", 2),
        ("aéreo", 4),
        ("leer", 2),
        ("que", 1),  # silent u
        ("guerra", 2),
        ("pingüino", 3),  # ü is said
        ("muy", 1),  # final y is a vowel
        ("mayo", 2),  # y before a vowel is a consonant
        ("buey", 1),  # triphthong
        ("EICR", 4),
        ("G-CSF", 4),
    ],
)
def test_spanish_syllables(word, count):
    assert spanish_syllables(word) == count


def test_the_spanish_measure_can_fail_on_hard_text():
    hard = (
        "La reconstitución hematopoyética consecutiva al acondicionamiento mieloablativo "
        "necesita una vigilancia meticulosa de las complicaciones infecciosas neutropénicas "
        "y de la toxicidad inmunosupresora."
    )
    assert measure(hard, "es").fernandez_huerta < 40
    assert measure(hard, "es").inflesz < 40
    easy = measure("Beba agua. Coma algo. Llame si tiene fiebre.", "es")
    assert easy.fernandez_huerta > 80 and easy.inflesz > 80


def test_the_spanish_report_lists_every_guide_and_kind():
    table = spanish_report()
    for phase in Phase:
        for kind in TransplantKind:
            assert f"| {phase.value} | {kind.short} |" in table
    assert "| all checklists |" in table and "INFLESZ" in table
