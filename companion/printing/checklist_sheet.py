"""Checklist sheets as HTML: one pure function serves the preview, the printer and the PDF."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import NamedTuple

from companion import i18n
from companion.content.call_blocks import CallBlock, CallBlocks, GuideFacts, call_blocks
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


def _team_html(team: Team | None, anchor: str) -> str:
    mark = f"<a name='{anchor}'></a>"
    if team is None or not (team.office_phone or team.after_hours_phone):
        blank = "_" * 24
        office, after = escape(_("Office hours:")), escape(_("After hours:"))
        return f"<p>{mark}{office} {blank}<br/>{after} {blank}</p>"
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
    return f"<p>{mark}{name}{'<br/>'.join(lines)}</p>"


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


class BoxSizes(NamedTuple):
    """How large the call boxes print: the team box's list, the emergency box's list, and
    the room inside each box's frame (its HTML cellpadding)."""

    team_list: str
    emergency_list: str
    padding: int


# Largest first. A phase takes the first step at which the phase's heading and both boxes
# fit on its first page: a box that does not fit moves whole to the next page and leaves
# the first one nearly empty (three of the six Spanish phases did on A4; Spanish runs about
# 20 % longer than English). English fits at the first step on A4, Spanish early recovery
# on Letter only at the last. Never below 9 pt; the team's numbers stay at 13 pt.
BOX_SIZES = (
    BoxSizes("11pt", "12pt", 8),
    BoxSizes("10.5pt", "12pt", 8),
    BoxSizes("10pt", "12pt", 8),
    BoxSizes("9.5pt", "12pt", 8),
    BoxSizes("9pt", "12pt", 8),
    BoxSizes("9pt", "12pt", 6),
    BoxSizes("9pt", "11pt", 6),
    BoxSizes("9pt", "11pt", 4),
)


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


def phase_anchor(index: int) -> str:
    """The name marking phase ``index``'s heading in the sheet's HTML."""
    return f"phase-{index}"


def team_box_end_anchor(index: int) -> str:
    """The name marking the last lines of phase ``index``'s team box (its numbers)."""
    return f"phase-{index}-team-box-end"


def _phase_head_html(sheet: Sheet, index: int, blocks: CallBlocks, sizes: BoxSizes) -> list[str]:
    """A phase's heading (on a new page after the first phase), its days, what the sheet
    is, and the two call boxes; its heading and its team box's last lines named
    (``phase_anchor``, ``team_box_end_anchor``)."""
    page = sheet.phases[index]
    parts: list[str] = []
    brk = " page-break-before: always;" if index else ""
    parts.append(
        f"<h1 style='font-size: 24pt; margin-bottom: 2pt;{brk}'>"
        f"<a name='{phase_anchor(index)}'></a>{escape(page.phase.title)}</h1>"
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
        else _("Ticks as saved in the app on {date}.").format(date=format_date(sheet.printed_on))
    )
    parts.append(f"<p style='font-size: 12pt;'>{escape(kind)} {escape(state)}</p>")
    parts.append(
        f"<table border='2' cellpadding='{sizes.padding}' cellspacing='0' width='100%' "
        "style='border-style: solid; border-color: #000000;'><tr><td>"
        f"{_call_block_html(blocks.emergency, '15pt', sizes.emergency_list)}"
        "</td></tr></table>"
        f"<table border='2' cellpadding='{sizes.padding}' cellspacing='0' width='100%' "
        "style='border-style: solid; border-color: #000000; margin-top: 6pt;'><tr><td>"
        f"{_call_block_html(blocks.team, '14pt', sizes.team_list)}"
        f"{_team_html(sheet.team, team_box_end_anchor(index))}"
        "</td></tr></table>"
    )
    return parts


def smaller_box_sizes(sheet: Sheet, index: int, page_count: Callable[[str], int]) -> BoxSizes:
    """For phase ``index`` whose boxes do not fit on its first page at ``BOX_SIZES[0]``:
    the largest smaller step at which they do. ``page_count(html)`` lays a document out on
    the paper it will print on (``companion.printing.paged.page_counter``). The phase is
    laid out as printed: after a page break a heading takes more room at the top of the
    page (a box 99 % of a page on its own did not fit there). None fitting:
    ``BOX_SIZES[0]`` (the box moves whole to the next page, where it fits)."""
    blocks = call_blocks(sheet.phases[index].phase, sheet.kind, sheet.facts)
    before = ["<p>&nbsp;</p>"] if index else []  # the page before the break

    def fits(sizes: BoxSizes) -> bool:
        head = _phase_head_html(sheet, index, blocks, sizes)
        return page_count(_document(before + head)) == len(before) + 1

    # Each step is smaller than the one before: the first that fits, halving the steps.
    low, high = 0, len(BOX_SIZES) - 1  # low does not fit; high is checked last
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(BOX_SIZES[middle]) else (middle, high)
    if high == len(BOX_SIZES) - 1 and not fits(BOX_SIZES[high]):
        return BOX_SIZES[0]
    return BOX_SIZES[high]


def _document(parts: list[str]) -> str:
    return (
        f'<html lang="{i18n.language()}"><body style="font-family: \'DejaVu Sans\', '
        "'Segoe UI', Arial, sans-serif; font-size: 13pt;\">" + "".join(parts) + "</body></html>"
    )


def render_checklist_html(sheet: Sheet, sizes: Mapping[int, BoxSizes] | None = None) -> str:
    """The whole sheet (one phase, or the packet) as HTML for QTextDocument.

    Each phase starts on a new page. Items are marked "keep together" with a hanging
    indent, group headings "keep with next" (``companion.printing.keep``). The call boxes
    print at ``BOX_SIZES[0]`` unless ``sizes`` gives a phase (by its index) smaller ones
    (``companion.printing.checklist_layout`` fits them to the paper).
    """
    parts: list[str] = []
    for index, page in enumerate(sheet.phases):
        # The same two blocks as the guides, from the one red-flag list (content).
        blocks = call_blocks(page.phase, sheet.kind, sheet.facts)
        chosen = (sizes or {}).get(index, BOX_SIZES[0])
        parts.extend(_phase_head_html(sheet, index, blocks, chosen))
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
    return _document(parts)
