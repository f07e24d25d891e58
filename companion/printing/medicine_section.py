"""The medicines section of the visit report (issue 20): a 7-day grid, medicines × days,
each dose's status in words (taken, taken late, skipped with its reason, missed, held for
the blood test), never only a colour; and the changes of those days (taper steps, pauses,
stops). A pure function of the grid, called by ``visit_report`` like any other section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from companion.domain.medicine_words import change_words, hhmm, status_words
from companion.domain.medicines import DoseStatus
from companion.i18n import _, format_date
from companion.service.medicines import GridDay

TABLE = (
    "<table border='1' cellspacing='0' cellpadding='3' width='100%' "
    "style='border-collapse: collapse; border-color: #555555; font-size: 10pt;'>"
)
# A light shade for doses that need a word with the team; the word is always printed.
SHADES = {DoseStatus.MISSED: "#d9d9d9", DoseStatus.SKIPPED: "#eeeeee"}


def grid_days(grid: Sequence[GridDay]) -> list[date]:
    return sorted({g.day for g in grid})


def _cell(day: GridDay) -> tuple[str, str]:
    """(HTML, background) of one medicine's doses on one day."""
    lines = []
    shade = ""
    for dose in day.doses:
        words = status_words(dose)
        if dose.record is not None and dose.record.reason:
            words += f" ({dose.record.reason})"
        lines.append(f"{hhmm(dose.due)} {escape(words)}")
        shade = shade or SHADES.get(dose.status, "")
    for change in day.changes:
        lines.append(f"<b>{escape(change_words(change))}</b>")
    if not lines:
        lines.append("—")
    return "<br/>".join(lines), shade


def render_medicine_section(grid: Sequence[GridDay], title_days: str = "") -> str:
    """The section's HTML (without its heading): the grid, then a count in words."""
    days = grid_days(grid)
    if not days:
        return "<p>" + escape(_("No medicines were on the list in these days.")) + "</p>"
    each = f"{80 // len(days)}%"
    header = "".join(
        f"<th align='left' bgcolor='#e6e6e6' width='{each}'>{format_date(day, 'EEE')}<br/>"
        f"{format_date(day, 'd MMM')}</th>"
        for day in days
    )
    rows: dict[int, list[GridDay]] = {}
    for cell in grid:
        rows.setdefault(cell.medicine.id or 0, []).append(cell)
    body = []
    counts = {s: 0 for s in DoseStatus}
    for cells in rows.values():
        medicine = cells[0].medicine
        name = f"<b>{escape(medicine.name)}</b><br/>{escape(medicine.dose_on(days[-1]))}"
        if medicine.purpose:
            name += f"<br/><i>{escape(medicine.purpose)}</i>"
        tds = []
        for cell in sorted(cells, key=lambda c: c.day):
            html, shade = _cell(cell)
            colour = f" bgcolor='{shade}'" if shade else ""
            tds.append(f"<td{colour}>{html}</td>")
            for dose in cell.doses:
                counts[dose.status] += 1
        body.append(f"<tr><td>{name}</td>{''.join(tds)}</tr>")
    medicine_heading = escape(_("Medicine"))
    table = (
        f"{TABLE}<thead><tr><th align='left' bgcolor='#e6e6e6' width='20%'>"
        f"{medicine_heading}</th>"
        f"{header}</tr>"
        f"</thead>{''.join(body)}</table>"
    )
    facts = {
        "taken": counts[DoseStatus.TAKEN],
        "skipped": counts[DoseStatus.SKIPPED],
        "missed": counts[DoseStatus.MISSED],
        "open": counts[DoseStatus.HELD] + counts[DoseStatus.DUE],
    }
    if facts["open"]:
        summary = _(
            "{taken} taken, {skipped} skipped, {missed} missed, {open} not yet recorded"
        ).format(**facts)
    else:
        summary = _("{taken} taken, {skipped} skipped, {missed} missed").format(**facts)
    said = _("Doses{days} as recorded in the diary: {summary}.").format(
        days=title_days, summary=summary
    )
    intro = f"<p>{escape(said)}</p>"
    return intro + table
