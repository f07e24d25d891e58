"""Every phase has a checklist for both kinds, in plain words, with sound ids."""

import pytest

from companion.content.call_now import load_call_now
from companion.content.checklists import load_checklist
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind


@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_has_a_list_for_each_kind(phase, kind):
    checklist = load_checklist(phase, kind)
    assert len(checklist.items) >= 4
    keys = [item.key for item in checklist.items]
    assert len(keys) == len(set(keys))
    for item in checklist.items:
        assert item.text.endswith((".", "?"))
        assert item.applies_to(kind)
        assert " is safe" not in item.text.lower() and "safe to" not in item.text.lower()


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


def test_the_call_now_list_ends_in_emergency_services():
    call_now = load_call_now()
    assert len(call_now.team) >= 6
    assert "emergency services" in call_now.emergency
    assert "https://" in call_now.sources
