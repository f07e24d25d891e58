"""The printable medicine chart for the fridge (issue 20): the week ahead in large type,
one row per medicine and time, a box per dose to tick, and the taper's changes marked on
their days. ``render_chart_html`` is pure; ``write_chart`` saves it as a PDF."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path

from companion.domain.medicine_words import change_words, hhmm, long_date
from companion.domain.medicines import ChangeKind
from companion.i18n import N_, _, format_date
from companion.service.medicines import GridDay

BOX = "\N{BALLOT BOX}"
CHART_DAYS = 7
FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
FOOTER = N_(
    "Transplant Companion · medicine chart printed {printed} · As entered in the app: "
    "follow your transplant team's instructions. Never stop a medicine without asking them."
)


def render_chart_html(grid: Sequence[GridDay], first: date, printed: datetime) -> str:
    """Rows: medicine × time of day; columns: the days; a box per dose. A day where a
    taper step, a pause or a stop begins shows the change in bold."""
    days = [first + timedelta(days=i) for i in range(CHART_DAYS)]
    header = "".join(
        f"<th align='center' bgcolor='#e6e6e6' width='10%'>{format_date(d, 'EEE')}<br/>"
        f"{format_date(d, 'd MMM')}</th>"
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
                    words.append(escape(_("on blood-test days: after the sample")))
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
                    after = _("AFTER BLOOD TEST ({time})").format(time=hhmm(dose.held_until))
                    marks += f"<br/><b>{escape(after)}</b>"
                tds.append(
                    f"<td align='center'><span style='font-size: 22pt'>{BOX}</span>"
                    f"<br/>{escape(dose.dose)}{marks}</td>"
                )
            rows.append(f"<tr><td>{name}</td><td align='center'>{label}</td>{''.join(tds)}</tr>")
    changes = sorted(
        {(c.on, cell.medicine.name, change_words(c)) for cell in grid for c in cell.changes}
    )
    notes = "".join(f"<li>{escape(name)}: {escape(words)}</li>" for _on, name, words in changes)
    last = days[-1]
    words = {
        "title": escape(_("My medicines this week")),
        "medicine": escape(_("Medicine")),
        "time": escape(_("Time")),
        "none": escape(_("No medicines on the list this week.")),
        "changes": escape(_("Changes this week")),
    }
    parts = [
        f'<html><body style="font-family: {FONT}; font-size: 15pt;">',
        f"<h1 style='font-size: 26pt; margin-bottom: 2pt;'>{words['title']}</h1>",
        "<p style='font-size: 15pt;'>"
        + escape(
            _("{first} to {last}. Tick the box when you take a dose.").format(
                first=long_date(first), last=long_date(last)
            )
        )
        + "</p>",
    ]
    if rows:
        parts.append(
            "<table border='1' cellspacing='0' cellpadding='5' width='100%' "
            "style='border-collapse: collapse; border-color: #333333; font-size: 14pt;'>"
            f"<thead><tr><th align='left' bgcolor='#e6e6e6' width='22%'>{words['medicine']}</th>"
            f"<th bgcolor='#e6e6e6' width='8%'>{words['time']}</th>{header}</tr></thead>"
            f"{''.join(rows)}</table>"
        )
    else:
        parts.append(f"<p>{words['none']}</p>")
    if notes:
        parts.append(f"<h2 style='font-size: 18pt;'>{words['changes']}</h2><ul>{notes}</ul>")
    said = _(
        "Missed or skipped a dose? Tell your transplant team. Never stop a medicine without "
        "asking them."
    )
    parts.append(f"<p style='font-size: 13pt;'>{escape(said)}</p></body></html>")
    return "".join(parts)


def _mark(change) -> str:
    """The word printed in a day's box where a change begins."""
    return escape(
        {
            ChangeKind.DOSE: _("NEW DOSE"),
            ChangeKind.PAUSE: _("PAUSED"),
            ChangeKind.STOP: _("STOPPED"),
        }[change.kind]
    )


def chart_footer(printed: datetime) -> str:
    return _(FOOTER).format(printed=long_date(printed.date()))


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
        writer.setTitle(_("Medicine chart — week from {date}").format(date=long_date(first)))
        writer.setCreator("Transplant Companion")
        prepare_device(writer)
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        pages = print_html(html, writer, chart_footer(printed), 300)
        del writer
        if temp.stat().st_size == 0:
            raise OutputError(_("Could not write {path}.").format(path=path))
    return pages
