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


def _flag(flag_id):
    from companion.content.red_flags import load_red_flags

    return next(f for f in load_red_flags().call_team if f.id == flag_id)


def test_shingles_is_today_and_a_rash_near_the_eye_is_now():
    # Nurse review 10: one timing everywhere, no "same day".
    words = _flag("shingles").words
    assert "call today, do not wait for your next visit" in words
    assert "A rash near the eye or on the tip of the nose: call now" in words
    hint = _symptom("shingles-rash").hint
    assert "today" in hint and "tip of the nose: call now" in hint
    guide = read_text("guides/follow-up.md")
    assert "same day" not in guide and "tip of the nose: call now" in guide


def test_the_guide_s_flu_words_and_no_dosing_detail():
    guide = read_text("guides/follow-up.md")
    # Nurse review 11.
    assert (
        "Have a flu injection from about 6 months (sooner if flu is going round and your team "
        "agrees), then every flu season. Do not have the nasal spray: it is a live vaccine."
    ) in guide
    assert "every autumn" not in guide
    # Nurse review 14.
    assert "such as penicillin" not in guide and "Take it as your team says." in guide
    # Nurse review 15: no unsourced "once a week".
    assert "once a week" not in guide
    assert "regularly, as your team suggests" in guide


def test_children_offered_the_nasal_spray_are_named_everywhere():
    # Nurse review 12.
    from companion.domain.immunity_wording import HOUSEHOLD_ADVICE

    words = "Children at home who are offered the nasal flu spray: ask your team"
    assert words in read_text("guides/follow-up.md")
    assert any(words in line for line in HOUSEHOLD_ADVICE)
    assert words in read_text("checklists/follow-up.toml")


def test_own_cell_wording_of_the_live_vaccine_wait_and_pjp_glossary():
    checklist = read_text("checklists/follow-up.toml")
    # Nurse review 13.
    assert "after an own-cell transplant, off all other treatment such as maintenance" in checklist
    # Nurse review 14.
    glossary = read_text("glossary.toml")
    assert "A preventive medicine usually stops it." in glossary
    assert "daily or weekly" not in glossary


def test_the_gut_words_match_the_vomiting_rule_and_fluids_has_a_source():
    # Nurse review 18: vomiting calls from moderate, so the words say "more than once".
    gut = _flag("gut")
    assert "being sick more than once, or not keeping drinks or medicines down" in gut.words
    assert ("vomiting", 2) in gut.symptoms
    assert _flag("fluids").source.startswith("NMDP")


def test_holding_a_dose_for_the_blood_test_says_when_to_take_it():
    # Nurse review 20.
    guide = " ".join(read_text("medicines-guide.md").split())
    assert (
        "Only if your team asks. Take the dose as soon as the sample has been taken; if the "
        "test is cancelled, ask your team."
    ) in guide
