"""Phase guides: Markdown in resources/guides/, with blocks only for one transplant kind.

A block that applies to one kind only is fenced like this::

    ::: allogeneic
    - Only people with a donor see this line.
    :::
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from companion.content.resources import read_text
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind

REQUIRED_SECTIONS = (
    "What happens",
    "What you may feel",
    "When to call your team",
    "Questions to ask",
    "Sources",
)
DISCLAIMER = (
    "This guide explains; it does not replace your transplant team's advice. "
    "If you are worried, contact your transplant team."
)
_URL = re.compile(r"https?://[^\s)>\]]+")


class GuideError(ValueError):
    """A guide file is malformed (an unclosed or unknown ``:::`` block)."""


@dataclass(frozen=True, slots=True)
class Guide:
    phase: Phase
    kind: TransplantKind
    title: str
    markdown: str
    sources: tuple[str, ...]

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(
            line[3:].strip() for line in self.markdown.splitlines() if line.startswith("## ")
        )


def select_kind(text: str, kind: TransplantKind) -> str:
    """Keep the lines for ``kind`` and the common ones; drop blocks for the other kind."""
    kept: list[str] = []
    block: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
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


@cache
def load_guide(phase: Phase, kind: TransplantKind) -> Guide:
    """The guide for one phase as it reads for this transplant kind."""
    markdown = select_kind(read_text(f"guides/{phase.value}.md"), kind)
    title = next(
        (line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")),
        phase.title,
    )
    sources_part = markdown.split("## Sources", 1)[1] if "## Sources" in markdown else ""
    return Guide(phase, kind, title, markdown, tuple(_URL.findall(sources_part)))
