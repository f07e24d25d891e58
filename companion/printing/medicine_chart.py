"""The printable medicine chart for the fridge (issue 20): the week ahead in large type,
one row per medicine and time, a box per dose to tick, and the taper's changes marked on
their days. ``render_chart_html`` is pure; ``write_chart`` saves it as a PDF."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path

from companion.domain.days import app_strftime, format_date
from companion.domain.medicine_words import change_words, hhmm
from companion.domain.medicines import ChangeKind
from companion.service.medicines import GridDay

BOX = "\N{BALLOT BOX}"
CHART_DAYS = 7
FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
FOOTER = (
    "Transplant Companion · medicine chart printed {printed} · As entered in the app: "
    "follow your transplant team's instructions. Never stop a medicine without asking them."
)


def render_chart_html(grid: Sequence[GridDay], first: date, printed: datetime) -> str:
    """Rows: medicine × time of day; columns: the days; a box per dose. A day where a
    taper step, a pause or a stop begins shows the change in bold."""
    days = [first + timedelta(days=i) for i in range(CHART_DAYS)]
    header = "".join(
        f"<th align='center' bgcolor='#e6e6e6' width='10%'>{app_strftime(d, '%a')}<br/>"
        f"{d.day} {app_strftime(d, '%b')}</th>"
        for d in days
    )
    by_medicine: dict[int, dict[date, GridDay]] = {}
    for cell in grid:
        by_medicine.setdefault(cell.medicine.id or 0, {})[cell.day] = cell
    rows = []
    for cells in by_medicine.values():
        medicine = next(iter(cells.values())).medicine
        times: set[time] = set()
        for cell in cells.values():
            times |= {d.due.time() for d in cell.doses}
        if not times:
            continue
        for index, at in enumerate(sorted(times)):
            label = f"<b>{hhmm(at)}</b>"
            if index == 0:
                words = [f"<b>{escape(medicine.name)}</b>"]
                if medicine.purpose:
                    words.append(f"<i>{escape(medicine.purpose)}</i>")
                if medicine.food.words:
                    words.append(escape(medicine.food.words))
                if medicine.hold_on_blood_test:
                    words.append("on blood-test days: after the sample")
                name = "<br/>".join(words)
            else:
                name = f"<span style='color: #555555'>{escape(medicine.name)}</span>"
            tds = []
            for day in days:
                cell = cells.get(day)
                dose = next((d for d in cell.doses if d.due.time() == at), None) if cell else None
                if dose is None:
                    tds.append("<td align='center'>—</td>")
                    continue
                marks = ""
                if index == 0 and cell is not None:
                    marks = "".join(f"<br/><b>{_mark(c)}</b>" for c in cell.changes)
                if dose.held_until is not None:
                    marks += f"<br/><b>AFTER BLOOD<br/>TEST ({hhmm(dose.held_until)})</b>"
                tds.append(
                    f"<td align='center'><span style='font-size: 22pt'>{BOX}</span>"
                    f"<br/>{escape(dose.dose)}{marks}</td>"
                )
            rows.append(f"<tr><td>{name}</td><td align='center'>{label}</td>{''.join(tds)}</tr>")
    changes = sorted(
        {(c.on, cell.medicine.name, change_words(c)) for cell in grid for c in cell.changes}
    )
    notes = "".join(f"<li>{escape(name)}: {escape(words)}</li>" for _, name, words in changes)
    last = days[-1]
    parts = [
        f'<html><body style="font-family: {FONT}; font-size: 15pt;">',
        "<h1 style='font-size: 26pt; margin-bottom: 2pt;'>My medicines this week</h1>",
        f"<p style='font-size: 15pt;'>{escape(format_date(first))} to "
        f"{escape(format_date(last))}. Tick the box when you take a dose.</p>",
    ]
    if rows:
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='5' width='100%' "
            "style='border-collapse: collapse; border-color: #333333; font-size: 14pt;'>"
            f"<thead><tr><th align='left' bgcolor='#e6e6e6' width='22%'>Medicine</th>"
            f"<th bgcolor='#e6e6e6' width='8%'>Time</th>{header}</tr></thead>"
            f"{''.join(rows)}</table>"
        )
    else:
        parts.append("<p>No medicines on the list this week.</p>")
    if notes:
        parts.append(f"<h2 style='font-size: 18pt;'>Changes this week</h2><ul>{notes}</ul>")
    parts.append(
        "<p style='font-size: 13pt;'>Missed or skipped a dose? Tell your transplant team. "
        "Never stop a medicine without asking them.</p></body></html>"
    )
    return "".join(parts)


def _mark(change) -> str:
    """The word printed in a day's box where a change begins."""
    return {
        ChangeKind.DOSE: "NEW DOSE",
        ChangeKind.PAUSE: "PAUSED",
        ChangeKind.STOP: "STOPPED",
    }[change.kind]


def chart_footer(printed: datetime) -> str:
    return FOOTER.format(printed=format_date(printed.date()))


def write_chart(service, path: Path, first: date) -> int:
    """Write the week from ``first`` to ``path`` (atomically, mode 0600); the page count."""
    from PySide6.QtGui import QPageLayout, QPdfWriter

    from companion.printing.paged import prepare_device, print_html
    from companion.service.errors import OutputError
    from companion.service.files import check_output, written_atomically

    path = check_output(path, "medicines.pdf")
    grid = service.medicines.week(first, CHART_DAYS)
    printed = service.now()
    html = render_chart_html(grid, first, printed)
    with written_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(300)
        writer.setTitle(f"Medicine chart — week from {format_date(first)}")
        writer.setCreator("Transplant Companion")
        prepare_device(writer)
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        pages = print_html(html, writer, chart_footer(printed), 300)
        del writer
        if temp.stat().st_size == 0:
            raise OutputError(f"Could not write {path}.")
    return pages
