"""What the guides, checklists and call lists say: never "safe", "normal" or "fine"
without pointing to the team; British spelling; Day 0 is the day the cells are given."""

import re

import pytest

from companion.content.checklists import load_checklist
from companion.content.guides import load_guide
from companion.content.immunity import load_gvhd_check, load_screening, load_vaccines
from companion.content.medicines_guide import medicines_guide
from companion.content.red_flags import load_red_flags
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

REASSURING = re.compile(r"\b(safe|safely|normal|normally|fine|nothing to worry)\b", re.I)
POINTS_TO_TEAM = re.compile(r"\b(team|nurse|nurses|doctor|doctors)\b", re.I)
US_SPELLINGS = re.compile(
    r"\b(diarrhea|hemoglobin|anemia|color|favor|center|centers|pediatric|esophagus|"
    r"leukemia|edema|estrogen|hematology|fiber|ize|anesthetic)\b",
    re.I,
)


# Spanish: "seguro/sin peligro" (safe), "normal", "está bien" (fine), "no se preocupe".
REASSURING_ES = re.compile(
    r"\b(seguro|segura|sin peligro|normal|normales|normalmente|está bien|estar bien|"
    r"no se preocupe|nada de qué preocuparse)\b",
    re.I,
)
POINTS_TO_TEAM_ES = re.compile(
    r"\b(equipo|equipos|enfermera|enfermeras|enfermero|enfermeros|médico|médicos)\b", re.I
)


def _sentences(text):
    prose = text.split("## Sources")[0].split("## Fuentes")[0]
    prose = re.sub(r"https?://\S+", "", prose)
    return [s for s in re.split(r"(?<=[.!?:;])\s+|\n", prose) if s.strip()]


def _everything(language="en"):
    for phase in Phase:
        for kind in TransplantKind:
            yield f"{phase.value}/{kind.value}", load_guide(phase, kind, language).markdown
        for item in load_checklist(phase, None, language).items:
            yield f"checklist {phase.value}/{item.key}", f"{item.text} {item.why}"
    flags = load_red_flags(language)
    for flag in (*flags.emergency, *flags.call_team):
        yield f"red flag {flag.id}", flag.words
    yield "medicines guide", medicines_guide(language)
    for vaccine in load_vaccines(language):
        yield f"vaccine {vaccine.id}", f"{vaccine.name}. {vaccine.why}"
    for check in load_screening(language).checks:
        yield f"check-up {check.id}", f"{check.title}. {check.why}"
    for area in load_gvhd_check(language).areas:
        yield f"chronic GVHD {area.id}", area.title


def test_the_reassurance_check_can_fail():
    bad = [s for s in _sentences("It is normal to feel this. Ask your team if this is fine.")]
    assert [s for s in bad if REASSURING.search(s) and not POINTS_TO_TEAM.search(s)] == [
        "It is normal to feel this."
    ]


@pytest.mark.parametrize("where, text", list(_everything()), ids=lambda v: str(v)[:40])
def test_nothing_is_called_safe_normal_or_fine_without_the_team(where, text):
    for sentence in _sentences(text):
        if REASSURING.search(sentence):
            assert POINTS_TO_TEAM.search(sentence), (where, sentence)


def test_the_spanish_reassurance_check_can_fail():
    text = "Es normal sentirse así. Pregunte a su equipo si está bien."
    bad = [
        s for s in _sentences(text) if REASSURING_ES.search(s) and not POINTS_TO_TEAM_ES.search(s)
    ]
    assert bad == ["Es normal sentirse así."]


@pytest.mark.parametrize("where, text", list(_everything("es")), ids=lambda v: str(v)[:40])
def test_nothing_is_called_safe_normal_or_fine_without_the_team_in_spanish(where, text):
    for sentence in _sentences(text):
        if REASSURING_ES.search(sentence):
            assert POINTS_TO_TEAM_ES.search(sentence), (where, sentence)


@pytest.mark.parametrize("where, text", list(_everything()), ids=lambda v: str(v)[:40])
def test_british_spelling(where, text):
    for sentence in _sentences(text):
        assert not US_SPELLINGS.search(sentence), (where, sentence)


def test_the_review_s_wording_fixes():
    def prose(phase, kind):
        return load_guide(phase, kind).markdown.split("## Sources")[0]

    for kind in TransplantKind:
        assert "high-dose" not in prose(Phase.CONDITIONING, kind).lower()
        assert "clears space" not in prose(Phase.CONDITIONING, kind)
        assert "Day 0 is the day you are given the stem cells." in prose(Phase.INFUSION, kind)
        assert "arrive" not in prose(Phase.PREPARATION, kind)
        assert "Both are normal" not in prose(Phase.INFUSION, kind)
        follow_up = prose(Phase.FOLLOW_UP, kind)
        assert "Do not have a live vaccine unless your transplant team agrees." in follow_up
        assert "have pets?" not in follow_up
        assert "screening check-ups at about 6 months and 1 year" in follow_up
        assert "Loose stools (diarrhoea). Tell your" in prose(Phase.ENGRAFTMENT, kind)
        assert "## For the person caring for you" in prose(Phase.RECOVERY, kind)
    assert "weekly at first, then monthly" in prose(Phase.FOLLOW_UP, TransplantKind.ALLOGENEIC)
    own = prose(Phase.PREPARATION, TransplantKind.AUTOLOGOUS)
    assert "carer with you day and night" in own and "apheresis" in own
    cord = prose(Phase.INFUSION, TransplantKind.ALLOGENEIC)
    assert "DMSO" in cord and "cord blood always is" in cord
    assert "reduced-intensity" in prose(Phase.CONDITIONING, TransplantKind.ALLOGENEIC)
    assert "after Day +21" in prose(Phase.RECOVERY, TransplantKind.AUTOLOGOUS)
    assert "high-dose" not in Phase.CONDITIONING.summary.lower()


def test_spanish_says_day_0_is_the_day_the_cells_are_given():
    for kind in TransplantKind:
        prose = load_guide(Phase.INFUSION, kind, "es").markdown
        assert "El Día 0 es el día en que le ponen las células madre." in prose
        follow_up = load_guide(Phase.FOLLOW_UP, kind, "es").markdown
        assert "No se ponga una vacuna viva salvo que su equipo de trasplante esté de acuerdo." in (
            follow_up
        )


# Issue 23: the app's own messages (alerts, cards, save notices, the printed paper) in the
# Spanish catalogue follow the same rule as the content: nothing is "seguro", "normal" or
# "está bien" unless the sentence sends the reader to the team.
def _catalogue_messages(language):
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path("resources/locale") / language / "LC_MESSAGES" / "companion.po"
    with path.open("rb") as stream:
        catalogue = read_po(stream, locale=language)
    for message in catalogue:
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if string:
                yield (message.id[0] if isinstance(message.id, tuple) else message.id), string


def test_the_spanish_catalogue_is_checked():
    messages = dict(_catalogue_messages("es"))
    assert messages["Call your transplant team now"] == "Llame ahora a su equipo de trasplante"


@pytest.mark.parametrize("msgid, text", list(_catalogue_messages("es")), ids=lambda v: str(v)[:40])
def test_no_spanish_message_is_reassuring_without_the_team(msgid, text):
    for sentence in _sentences(text):
        if REASSURING_ES.search(sentence):
            assert POINTS_TO_TEAM_ES.search(sentence), (msgid, sentence)


@pytest.mark.parametrize("msgid, text", list(_catalogue_messages("es")), ids=lambda v: str(v)[:40])
def test_no_english_message_is_reassuring_without_the_team(msgid, text):
    for sentence in _sentences(msgid):
        if REASSURING.search(sentence):
            assert POINTS_TO_TEAM.search(sentence), (msgid, sentence)
