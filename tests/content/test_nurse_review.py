"""The transplant nurse's review of the immune-plan content: chronic GVHD terms that agree
with the call list, one level for breathlessness, and the guides' words."""

from companion.content.resources import read_text
from companion.content.vocabulary import load_vocabulary
from companion.domain.entries import EntryKind
from companion.domain.immunity_wording import GVHD_NEXT_VISIT


def _symptom(term):
    found = load_vocabulary().symptom(term)
    assert found is not None, term
    return found


def test_the_chronic_gvhd_mouth_sign_leaves_white_patches_to_the_call_list():
    # Nurse review 3: white patches are call-now (a possible thrush), never "next visit".
    mouth = _symptom("cgvhd-mouth-sore")
    assert mouth.label == "Mouth stings with spicy food or toothpaste"
    assert "white patches" not in mouth.label.lower()
    assert "White patches in the mouth" in mouth.hint and "call your team now" in mouth.hint
    infection = load_vocabulary().label(EntryKind.INFECTION, "white-patches")
    assert infection == "White patches in the mouth"  # the existing call-now term


def test_the_chronic_gvhd_hints_name_what_to_call_about_now():
    assert _symptom("cgvhd-swallow").hint.endswith(
        "Pain when swallowing, or cannot drink: call your team now."
    )
    assert _symptom("cgvhd-skin-change").hint.endswith(
        "A new rash: log it as a rash and call your team now."
    )


def test_struggling_to_breathe_is_an_emergency_in_the_guide_and_the_check():
    # Nurse review 4.
    guide = read_text("guides/follow-up.md")
    assert "If you are struggling to breathe, call emergency services." in guide
    assert "Struggling to breathe: call emergency services." in GVHD_NEXT_VISIT
    stairs = _symptom("cgvhd-breathless-exertion").hint
    assert "do not wait for your next visit" in stairs
    assert "next visit." not in stairs.split(";")[0]
