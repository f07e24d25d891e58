"""A phase's guide as the window shows it: the Markdown from ``render_guide`` (the diary's
own limits, the emergency number of its country, glossary links), with its two call blocks
drawn as NHS care cards — "Immediate action required" (a red heading over a black body)
and "Urgent" (a red heading) — each naming its level in words, not by colour alone."""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QPalette, QTextDocument

from companion.content.call_blocks import call_blocks, facts_from_numbers
from companion.content.glossary import load_glossary
from companion.content.guides import load_guide, render_guide
from companion.domain.history import now_local
from companion.domain.journey import Phase
from companion.domain.kinds import TransplantKind
from companion.domain.team import Team
from companion.domain.wording import CARE_LEVEL_WORDS, IMMEDIATE, URGENT, team_lines
from companion.i18n import _, language
from companion.ui import theme
from companion.ui.text import escape


def block_levels() -> dict[str, str]:
    """The headings of the two call blocks (as content/call_blocks.py writes them, in the
    app's language) and the care card level of each."""
    return _block_levels(language())


@cache
def _block_levels(_language: str) -> dict[str, str]:
    blocks = call_blocks(Phase.INFUSION, None)
    return {blocks.emergency.heading: IMMEDIATE, blocks.team.heading: URGENT}


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_LINK_SPAN = re.compile(r'(<a href="[^"]*"><span style=")[^"]*(">)')


def _html(markdown: str) -> str:
    """Markdown to the inside of an HTML body, by Qt's own Markdown reader."""
    document = QTextDocument()
    document.setMarkdown(markdown)
    found = _BODY.search(document.toHtml())
    return found.group(1) if found else ""


def split_blocks(markdown: str) -> list[tuple[str | None, str]]:
    """The guide in parts: (None, text) and, for each call block, (its heading, its text)."""
    parts: list[tuple[str | None, str]] = []
    current: str | None = None
    lines: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("## "):
            title = line[3:].strip()
            if lines:
                parts.append((current, "\n".join(lines)))
            current = title if title in block_levels() else None
            lines = [] if current else [line]
            continue
        lines.append(line)
    if lines:
        parts.append((current, "\n".join(lines)))
    return parts


def care_card_html(level: str, heading: str, body_html: str, palette: QPalette) -> str:
    """One care card as a table QTextDocument can show: a coloured heading row with the
    level in words, and the body (black with white words for "immediate")."""
    scheme = theme.scheme(palette)
    edge = scheme.urgent.name() if level in (URGENT, IMMEDIATE) else scheme.non_urgent.name()
    on_card = scheme.on_card.name()
    words = _(CARE_LEVEL_WORDS[level])
    body_style = ""
    if level == IMMEDIATE:
        body_style = f" bgcolor='{scheme.immediate_body.name()}' style='color: {on_card};'"
        # Links on the black body: white and underlined, like the words around them.
        body_html = _LINK_SPAN.sub(rf"\1 color:{on_card}; text-decoration: underline;\2", body_html)
    return (
        f"<table width='100%' cellspacing='0' cellpadding='10' border='3' "
        f"style='border-color: {edge}; border-style: solid; margin-top: 14px; "
        f"margin-bottom: 14px;'>"
        f"<tr><td bgcolor='{edge}'><p style='color: {on_card}; font-size: large;'>"
        f"<b>{escape(words)}:</b> <b>{escape(heading)}</b></p></td></tr>"
        f"<tr><td{body_style}>{body_html}</td></tr></table>"
    )


def guide_html(
    phase: Phase,
    kind: TransplantKind,
    numbers: object | None,
    country: str,
    palette: QPalette,
    team: Team | None = None,
) -> str:
    """The whole guide as HTML for the guide browser. With ``team``, the call-your-team
    card ends with the team's numbers, as the printed sheets do (clinical review #8)."""
    guide = load_guide(phase, kind)
    markdown = render_guide(
        guide, facts_from_numbers(numbers, country or None), glossary=load_glossary()
    )
    pieces = []
    for heading, text in split_blocks(markdown):
        body = _html(text)
        if heading is None:
            pieces.append(body)
        else:
            if block_levels()[heading] == URGENT and team is not None:
                body += team_numbers_html(team)
            pieces.append(care_card_html(block_levels()[heading], heading, body, palette))
    return "<html><body>" + "".join(pieces) + "</body></html>"


def team_numbers_html(team: Team) -> str:
    """ "Your transplant team, City Unit: office hours 020 … (Mon–Fri 08:00–17:00); after
    hours 020 … (evenings, nights, weekends)", escaped."""
    parts = [
        f"{line.label.lower()} {line.phone} ({line.detail})"
        for line in team_lines(team, now_local())
    ]
    numbers = "; ".join(parts)
    if team.name:
        text = _("Your transplant team, {name}: {numbers}.").format(name=team.name, numbers=numbers)
    else:
        text = _("Your transplant team: {numbers}.").format(numbers=numbers)
    return f"<p><b>{escape(text)}</b></p>"


__all__ = ["block_levels", "care_card_html", "guide_html", "split_blocks", "team_numbers_html"]
