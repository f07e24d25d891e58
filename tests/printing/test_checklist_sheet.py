"""The sheet's HTML (pure) and the phase's days for this journey."""

from datetime import date, timedelta

from companion.content.call_blocks import GuideFacts
from companion.content.checklists import load_checklist
from companion.domain.clinical import ClinicalNumbers
from companion.domain.journey import Phase
from companion.printing.checklist_sheet import (
    BOX_EMPTY,
    BOX_TICKED,
    DAILY_MARK,
    Sheet,
    SheetPhase,
    day_range,
    render_checklist_html,
)
from tests.conftest import make_transplant

DAY0 = date(2026, 5, 10)


def sheet(phases, team=None, blank=False, kind=None, ticked=("no-aspirin",)):
    pages = []
    for phase in phases:
        items = load_checklist(phase, kind).items
        pages.append(SheetPhase(phase, "Some days", tuple((i, i.key in ticked) for i in items)))
    return Sheet(tuple(pages), team, GuideFacts(), date(2026, 5, 20), kind, blank)


def test_ticks_show_unless_blank(team):
    html = render_checklist_html(sheet([Phase.ENGRAFTMENT], team))
    assert html.count(BOX_TICKED) == 1
    blank = render_checklist_html(sheet([Phase.ENGRAFTMENT], team, blank=True))
    assert BOX_TICKED not in blank
    items = load_checklist(Phase.ENGRAFTMENT, None).items
    # One box per item; a daily item has a week of boxes instead (one per day).
    assert blank.count(BOX_EMPTY) == sum(7 if i.daily else 1 for i in items)


def test_daily_items_print_as_a_week_of_empty_boxes_even_when_ticked_today(team):
    items = load_checklist(Phase.ENGRAFTMENT, None).items
    daily = next(i for i in items if i.daily)
    html = render_checklist_html(sheet([Phase.ENGRAFTMENT], team, ticked=(daily.key,)))
    assert BOX_TICKED not in html  # a tick in the app is for today only
    start = html.index(daily.text)
    line = html[start : html.index("</p>", start)]
    assert "(every day: tick a box each day)" in line
    # Printed on Wednesday 20 May 2026: a week from that day, each with an empty box.
    assert all(day in line for day in ("Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"))
    assert line.count(BOX_EMPTY) == 7
    assert line.index("Wed") < line.index("Tue")
    assert html[html.rindex("<p", 0, start) :].count(DAILY_MARK) >= 1


def test_the_sheet_has_team_numbers_call_box_and_the_body_is_large(team):
    html = render_checklist_html(sheet([Phase.RECOVERY], team))
    assert "020 7946 0100" in html and "020 7946 0200" in html
    assert "Call your transplant team now, day or night, if you have:" in html
    assert "Call emergency services (999, 911 or 112: the number for your country) now" in html
    assert "font-size: 13pt" in html  # body text at 13 pt (≥ 12 pt)


def test_without_a_team_there_are_lines_to_write_the_numbers_on():
    html = render_checklist_html(sheet([Phase.RECOVERY]))
    assert "Office hours: ____" in html


def test_the_packet_starts_each_phase_on_a_new_page(team):
    html = render_checklist_html(sheet(list(Phase), team))
    assert html.count("page-break-before: always") == len(Phase) - 1


def test_generic_sheets_label_kind_specific_items():
    html = render_checklist_html(sheet([Phase.PREPARATION]))
    assert "(donor transplants only)" in html


def test_text_is_escaped(team):
    item = load_checklist(Phase.INFUSION, None).items[0]
    tricky = type(item)(key="custom-1", text="Bring <b>snacks</b> & water")
    page = SheetPhase(Phase.INFUSION, "Day 0", ((tricky, False),))
    html = render_checklist_html(Sheet((page,), team, GuideFacts(), DAY0, None, True))
    assert "Bring &lt;b&gt;snacks&lt;/b&gt; &amp; water" in html


def test_day_ranges_use_this_journeys_days_and_dates():
    t = make_transplant(day0=DAY0, conditioning_days=6)
    today, numbers = DAY0 + timedelta(days=5), ClinicalNumbers()
    assert day_range(Phase.CONDITIONING, t, today, numbers) == (
        "Day −6 (Monday 4 May 2026) to Day −1 (Saturday 9 May 2026)"
    )
    assert day_range(Phase.INFUSION, t, today, numbers) == "Day 0 (Sunday 10 May 2026)"
    assert day_range(Phase.PREPARATION, t, today, numbers).startswith("Until Day −7")
    assert "until your counts recover" in day_range(Phase.ENGRAFTMENT, t, today, numbers)
    assert day_range(Phase.FOLLOW_UP, t, today, numbers).startswith("From Day +101")
    assert day_range(Phase.INFUSION, None, today, numbers).startswith("Day 0:")
