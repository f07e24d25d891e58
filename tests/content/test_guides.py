"""Every phase has a guide for both kinds, in the required sections, citing public sources."""

import pytest

from companion.content.guides import REQUIRED_SECTIONS, GuideError, load_guide, select_kind
from companion.content.resources import ResourceError, read_text
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind


@pytest.mark.parametrize("kind", list(TransplantKind))
@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_has_a_complete_guide_for_each_kind(phase, kind):
    guide = load_guide(phase, kind)
    assert guide.title == phase.title
    for section in REQUIRED_SECTIONS:
        assert section in guide.sections, f"{phase.value} ({kind.value}) lacks '{section}'"
    assert guide.sources, f"{phase.value} ({kind.value}) cites no source"
    assert all(url.startswith("https://") for url in guide.sources)
    assert ":::" not in guide.markdown


@pytest.mark.parametrize("phase", list(Phase))
def test_guides_never_reassure_or_name_a_failure(phase):
    for kind in TransplantKind:
        text = load_guide(phase, kind).markdown.lower()
        for word in (" is safe", "you are fine", "nothing to worry", "graft failure"):
            assert word not in text


def _prose(markdown):
    return markdown.split("## Sources")[0]


def test_gvhd_appears_only_for_donor_transplants():
    for phase in (Phase.ENGRAFTMENT, Phase.RECOVERY, Phase.FOLLOW_UP):
        assert "GVHD" in _prose(load_guide(phase, TransplantKind.ALLOGENEIC).markdown)
    for phase in Phase:
        assert "GVHD" not in _prose(load_guide(phase, TransplantKind.AUTOLOGOUS).markdown)


def test_sentences_are_short_for_a_tired_reader():
    """Plain language: on average short sentences (6th–8th grade guidance asks for ~15 words)."""
    for phase in Phase:
        text = load_guide(phase, TransplantKind.ALLOGENEIC).markdown
        prose = " ".join(
            line.lstrip("-* ") for line in text.splitlines() if line and not line.startswith("#")
        )
        body = prose.split("Sources")[0]
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
