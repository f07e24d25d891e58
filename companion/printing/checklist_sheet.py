"""Checklist sheets as HTML: one pure function serves the preview, the printer and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from companion import i18n
from companion.content.call_blocks import CallBlock, GuideFacts, call_blocks
from companion.domain.checklist import ChecklistItem
from companion.domain.clinical import ClinicalNumbers
from companion.domain.days import app_strftime, format_date, format_day
from companion.domain.journey import Phase, Transplant
from companion.domain.kinds import TransplantKind
from companion.domain.team import Team
from companion.i18n import N_, _
from companion.printing.keep import HANGING_INDENT, KEEP_TOGETHER, KEEP_WITH_NEXT, keep

BOX_EMPTY = "\N{BALLOT BOX}"
BOX_TICKED = "\N{BALLOT BOX WITH CHECK}"
# A daily item ("take your temperature twice a day") starts with this sign instead of a box,
# and has a week of empty boxes under its text: one to tick each day, on the fridge.
DAILY_MARK = "\N{CLOCKWISE OPEN CIRCLE ARROW}"
FOOTER = N_(
    "Transplant Companion · printed {printed} · This sheet does not replace your "
    "transplant team's advice. If you are worried, contact your transplant team."
)
_GENERIC_RANGES = {
    Phase.PREPARATION: N_("Before conditioning starts"),
    Phase.CONDITIONING: N_(
        "From the first day of conditioning (your team tells you which) to Day −1"
    ),
    Phase.INFUSION: N_("Day 0: the day the stem cells are given"),
    Phase.ENGRAFTMENT: N_("From Day +1 until your blood counts recover"),
    Phase.RECOVERY: N_("From when your counts recover until about Day +100"),
    Phase.FOLLOW_UP: N_("After Day +100, for months and years"),
}


@dataclass(frozen=True, slots=True)
class SheetPhase:
    """One phase's page: its title, its days for this journey, and its items."""

    phase: Phase
    day_range: str
    items: tuple[tuple[ChecklistItem, bool], ...]  # (item, ticked)


@dataclass(frozen=True, slots=True)
class Sheet:
    """Everything a printed checklist shows. Built by ``build_sheet``; rendered by
    ``render_checklist_html``."""

    phases: tuple[SheetPhase, ...]
    team: Team | None
    facts: GuideFacts  # the limits and emergency number the call boxes show
    printed_on: date
    kind: TransplantKind | None
    blank: bool

    @property
    def footer(self) -> str:
        return _(FOOTER).format(printed=format_date(self.printed_on))


def day_range(
    phase: Phase, transplant: Transplant | None, today: date, numbers: ClinicalNumbers | None
) -> str:
    """The phase's days for this journey, in day numbers and dates; generic without one."""
    if transplant is None:
        return _(_GENERIC_RANGES[phase])
    span = transplant.span_of(phase, today, numbers)
    if span is None:
        return _(_GENERIC_RANGES[phase])

    def when(day: int) -> str:
        return _("{day} ({date})").format(
            day=format_day(day), date=format_date(transplant.date_of(day))
        )

    if span.first_day is None:
        return _("Until {day}").format(day=when(span.last_day))
    if span.last_day is None:
        return _("From {day} onwards").format(day=when(span.first_day))
    if span.first_day == span.last_day:
        return when(span.first_day)
    if phase is Phase.ENGRAFTMENT and span.provisional:
        return _("From {first} until your counts recover; usually by about {last}").format(
            first=when(span.first_day), last=when(span.last_day)
        )
    if phase is Phase.RECOVERY and span.provisional:
        return _("From when your counts recover until about {day}").format(day=when(span.last_day))
    return _("{first} to {last}").format(first=when(span.first_day), last=when(span.last_day))


def _team_html(team: Team | None) -> str:
    if team is None or not (team.office_phone or team.after_hours_phone):
        blank = "_" * 24
        office, after = escape(_("Office hours:")), escape(_("After hours:"))
        return f"<p>{office} {blank}<br/>{after} {blank}</p>"
    lines = []
    if team.office_phone:
        lines.append(
            escape(_("Office hours ({hours}):").format(hours=team.hours_label))
            + f" <b>{escape(team.office_phone)}</b>"
        )
    if team.after_hours_phone:
        after = escape(_("After hours:"))
        lines.append(f"{after} <b>{escape(team.after_hours_phone)}</b>")
    name = f"{escape(team.name)}<br/>" if team.name else ""
    return f"<p>{name}{'<br/>'.join(lines)}</p>"


def _call_block_html(block: CallBlock, size: str, list_size: str = "12pt") -> str:
    # 12 pt so that both boxes fit on a phase's first page: a box split over two pages
    # loses its frame (and its link to the heading) for a reader.
    # A long list goes in two columns, for the same reason.
    def column(lines: tuple[str, ...]) -> str:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        return (
            f"<ul style='font-size: {list_size}; margin-top: 0pt; margin-bottom: 2pt;'>{items}</ul>"
        )

    if len(block.items) > 8:
        # Split where the columns hold about the same amount of text.
        total, running, half = sum(len(i) for i in block.items), 0, len(block.items)
        for index, line in enumerate(block.items):
            running += len(line)
            if running >= total / 2:
                half = index + 1 if running - total / 2 < len(line) / 2 else index
                break
        listed = (
            "<table border='0' cellpadding='0' cellspacing='0' width='100%'><tr>"
            f"<td width='50%' valign='top'>{column(block.items[:half])}</td>"
            f"<td width='50%' valign='top'>{column(block.items[half:])}</td></tr></table>"
        )
    else:
        listed = column(block.items)
    after = " ".join(escape(line) for line in block.after)
    return (
        f"<p style='font-size: {size}; margin-bottom: 2pt;'><b>⚠ {escape(block.intro)}</b></p>"
        f"{listed}<p style='font-size: {list_size}; margin-top: 2pt;'>{after}</p>"
    )


# The team box's list is printed at 11 pt; a longer one (Spanish runs about 20 % longer
# than English) at 10 pt, so that both boxes still fit on the phase's first page (a box
# that does not fit moves whole to the next page and leaves the first one nearly empty).
TEAM_BOX_CHARACTERS = 2000


def _team_list_size(block: CallBlock) -> str:
    length = len(block.intro) + sum(map(len, block.items)) + sum(map(len, block.after))
    return "11pt" if length <= TEAM_BOX_CHARACTERS else "10pt"


def _week_html(first: date) -> str:
    """Seven empty boxes, one for each day from ``first`` (weekday names, so the sheet can
    be used again next week)."""
    days = [app_strftime(first + timedelta(days=n), "%a") for n in range(7)]
    return "&nbsp;&nbsp; ".join(
        f"{day}&nbsp;<span style='font-size: 16pt;'>{BOX_EMPTY}</span>" for day in days
    )


def _item_html(
    item: ChecklistItem, ticked: bool, kind: TransplantKind | None, printed_on: date
) -> str:
    if item.daily:  # never ☑: a tick on screen is for today only
        why = f"<br/><i>{escape(item.why)}</i>" if item.why else ""
        every_day = escape(_("(every day: tick a box each day)"))
        return (
            f"<p class='item' style='margin-top: 6pt; margin-bottom: 6pt; "
            f"{keep(KEEP_TOGETHER, HANGING_INDENT)}'>"
            f"<span style='font-size: 18pt;'>{DAILY_MARK}</span>&nbsp;&nbsp;{escape(item.text)} "
            f"<i>{every_day}</i>{why}<br/>"
            f"{_week_html(printed_on)}</p>"
        )
    box = BOX_TICKED if ticked else BOX_EMPTY
    only = ""
    if kind is None and item.kinds:
        kinds = set(item.kinds)
        if kinds == {TransplantKind.ALLOGENEIC}:
            text = _("(donor transplants only)")
        elif kinds == {TransplantKind.AUTOLOGOUS}:
            text = _("(own-cell transplants only)")
        else:
            text = _("(donor transplants only and own-cell transplants only)")
        only = f" <i>{escape(text)}</i>"
    why = f"<br/><i>{escape(item.why)}</i>" if item.why else ""
    return (
        f"<p class='item' style='margin-top: 6pt; margin-bottom: 6pt; "
        f"{keep(KEEP_TOGETHER, HANGING_INDENT)}'>"
        f"<span style='font-size: 18pt;'>{box}</span>&nbsp;&nbsp;{escape(item.text)}{only}{why}</p>"
    )


def render_checklist_html(sheet: Sheet) -> str:
    """The whole sheet (one phase, or the packet) as HTML for QTextDocument.

    Each phase starts on a new page. Items are marked "keep together" with a hanging
    indent, group headings "keep with next" (``companion.printing.keep``).
    """
    parts = [
        f'<html lang="{i18n.language()}"><body style="font-family: \'DejaVu Sans\', '
        "'Segoe UI', Arial, sans-serif; font-size: 13pt;\">"
    ]
    for index, page in enumerate(sheet.phases):
        # The same two blocks as the guides, from the one red-flag list (content).
        blocks = call_blocks(page.phase, sheet.kind, sheet.facts)
        brk = " page-break-before: always;" if index else ""
        parts.append(
            f"<h1 style='font-size: 24pt; margin-bottom: 2pt;{brk}'>{escape(page.phase.title)}</h1>"
        )
        parts.append(f"<p style='font-size: 14pt; margin-top: 0pt;'>{escape(page.day_range)}</p>")
        if sheet.kind is TransplantKind.ALLOGENEIC:
            kind = _("A transplant from a donor (allogeneic).")
        elif sheet.kind is TransplantKind.AUTOLOGOUS:
            kind = _("A transplant of your own stem cells (autologous).")
        else:
            kind = _("For every kind of stem cell transplant.")
        state = (
            _("Fresh sheet: tick the boxes by hand.")
            if sheet.blank
            else _("Ticks as saved in the app on {date}.").format(
                date=format_date(sheet.printed_on)
            )
        )
        parts.append(f"<p style='font-size: 12pt;'>{escape(kind)} {escape(state)}</p>")
        parts.append(
            "<table border='2' cellpadding='8' cellspacing='0' width='100%' "
            "style='border-style: solid; border-color: #000000;'><tr><td>"
            f"{_call_block_html(blocks.emergency, '15pt')}"
            "</td></tr></table>"
            "<table border='2' cellpadding='8' cellspacing='0' width='100%' "
            "style='border-style: solid; border-color: #000000; margin-top: 6pt;'><tr><td>"
            f"{_call_block_html(blocks.team, '14pt', _team_list_size(blocks.team))}"
            f"{_team_html(sheet.team)}"
            "</td></tr></table>"
        )
        group = None
        for item, ticked in page.items:
            if item.heading and item.heading != group:
                group = item.heading
                parts.append(
                    f"<h2 class='group' style='font-size: 16pt; margin-top: 12pt; "
                    f"{keep(KEEP_WITH_NEXT)}'>"
                    f"{escape(group)}</h2>"
                )
            parts.append(_item_html(item, ticked and not sheet.blank, sheet.kind, sheet.printed_on))
        sources = sorted({item.source for item, _ticked in page.items if item.source})
        sources.extend(s for s in blocks.sources if s not in sources)
        sources_word = escape(_("Sources:"))
        parts.append(
            f"<p style='font-size: 10pt; margin-top: 14pt;'><b>{sources_word}</b> "
            + " · ".join(escape(s) for s in sources)
            + "</p>"
        )
    parts.append("</body></html>")
    return "".join(parts)
