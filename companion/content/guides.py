"""Phase guides: Markdown in resources/guides/, with blocks only for one transplant kind.

A block that applies to one kind only is fenced like this::

    ::: allogeneic
    - Only people with a donor see this line.
    :::

A line ``::: call-blocks`` (on its own, outside any kind block) marks where the two
"call now" blocks go; ``render_guide`` puts them there, generated from red-flags.toml with
the limits in force. Guide text may also use the placeholders ``{emergency}``,
``{fever_limit}``, ``{low_limit}``, ``{weight_percent}`` and ``{stools_per_day}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from companion.content.call_blocks import GuideFacts, call_blocks, call_blocks_markdown, fill
from companion.content.guide_text import SECTION_KEYS, guide_text, sections
from companion.content.resources import content_language, read_localized
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

if TYPE_CHECKING:
    from companion.content.glossary import Glossary

REQUIRED_SECTIONS = (
    "What happens",
    "What you may feel",
    "For the person caring for you",
    "Call emergency services now",
    "Call your transplant team now",
    "Questions to ask",
    "Sources",
)
CALL_BLOCKS_MARKER = "::: call-blocks"
DISCLAIMER = (
    "This guide explains; it does not replace your transplant team's advice. "
    "If you are worried, contact your transplant team."
)


def required_sections(language: str | None = None) -> tuple[str, ...]:
    """The sections every guide has, as headed in ``language`` (None: the app's)."""
    headings = sections(language)
    return tuple(headings[key] for key in SECTION_KEYS)


def disclaimer(language: str | None = None) -> str:
    """The "this guide explains; it does not replace…" line in the language. In English
    the constant (the Today page shows it in the first frame: no TOML read at start-up);
    tests/content/test_guides.py holds it to guide-text.toml's."""
    if content_language(language) == "en":
        return DISCLAIMER
    return guide_text(language)["words"]["disclaimer"]


_URL = re.compile(r"https?://[^\s)>\]]+")


class GuideError(ValueError):
    """A guide file is malformed (an unclosed or unknown ``:::`` block)."""


@dataclass(frozen=True, slots=True)
class Guide:
    """One phase's guide for one transplant kind.

    ``template`` is the Markdown for this kind with the call-blocks marker and the
    placeholders still in it; ``markdown`` is it rendered with the generic facts (for
    callers that have no diary numbers); ``render_guide`` renders it with real ones.
    """

    phase: Phase
    kind: TransplantKind
    title: str
    template: str
    sources: tuple[str, ...]
    language: str = "en"  # the language the file is in (English when it fell back)

    @property
    def markdown(self) -> str:
        return render_guide(self)

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(
            line[3:].strip() for line in self.markdown.splitlines() if line.startswith("## ")
        )


def select_kind(text: str, kind: TransplantKind) -> str:
    """Keep the lines for ``kind`` and the common ones; drop blocks for the other kind.

    The call-blocks marker is kept as it is (it must stand outside a kind block).
    """
    kept: list[str] = []
    block: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped == CALL_BLOCKS_MARKER:
            if block is not None:
                raise GuideError(f"line {number}: the call blocks cannot be inside '{block}'")
            kept.append(stripped)
            continue
        if stripped.startswith(":::"):
            name = stripped[3:].strip()
            if block is None:
                if name not in {k.value for k in TransplantKind}:
                    raise GuideError(f"line {number}: unknown block '{name}'")
                block = name
            elif name:
                raise GuideError(f"line {number}: block '{block}' is not closed")
            else:
                block = None
            continue
        if block is None or block == kind.value:
            kept.append(line)
    if block is not None:
        raise GuideError(f"block '{block}' is not closed")
    return "\n".join(kept) + "\n"


def render_guide(
    guide: Guide, facts: GuideFacts | None = None, *, glossary: Glossary | None = None
) -> str:
    """The guide's Markdown as the reader sees it: the call blocks for its phase and kind
    in place of the marker, the limits in ``facts`` (default: the generic wording) filled
    in, and, with a ``glossary``, the first use of each glossary word linked to it
    (``[engraftment](glossary:engraftment)``)."""
    facts = (facts or GuideFacts()).in_language(guide.language)
    found = call_blocks(guide.phase, guide.kind, facts)
    sources_heading = f"## {sections(guide.language)['sources']}"
    blocks = call_blocks_markdown(found)
    lines = []
    for line in guide.template.splitlines():
        lines.append(blocks if line == CALL_BLOCKS_MARKER else fill(line, facts))
    markdown = "\n".join(lines).rstrip("\n") + "\n"
    # The call blocks' own sources join the guide's list (the Sources section is last).
    extra = [s for s in found.sources if s not in markdown]
    if extra and sources_heading in markdown:
        markdown += "".join(f"- {source}\n" for source in extra)
    if glossary is not None:
        from companion.content.glossary import link_glossary

        markdown = link_glossary(markdown, glossary)
    return markdown


def load_guide(phase: Phase, kind: TransplantKind, language: str | None = None) -> Guide:
    """The guide for one phase as it reads for this transplant kind, in ``language``
    (None: the app's) when resources/<language>/guides/ has it, else in English."""
    return _load_guide(phase, kind, content_language(language))


@cache
def _load_guide(phase: Phase, kind: TransplantKind, language: str) -> Guide:
    name = f"guides/{phase.value}.md"
    text, found_in = read_localized(name, language)
    try:
        template = select_kind(text, kind)
    except GuideError as error:
        raise GuideError(f"{found_in}/{name}: {error}") from error
    if template.count(CALL_BLOCKS_MARKER) != 1:
        raise GuideError(f"{found_in}/{name}: needs one line '{CALL_BLOCKS_MARKER}'")
    title = next(
        (line[2:].strip() for line in template.splitlines() if line.startswith("# ")),
        phase.title,
    )
    heading = f"## {sections(found_in)['sources']}"
    sources_part = template.split(heading, 1)[1] if heading in template else ""
    return Guide(phase, kind, title, template, tuple(_URL.findall(sources_part)), found_in)
