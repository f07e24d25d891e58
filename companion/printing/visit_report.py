"""The visit report as HTML: one pure function of the report data, for the preview, the
printer and the PDF alike.

Charts are placeholders, ``<img src="chart:NAME">``: the page printer swaps each for a
chart object drawn as vectors by the screen's own chart painter
(``companion.printing.report_charts``). Blocks carry keep-together rules
(``companion.printing.keep``); tables repeat their header row on each page (``<thead>``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape

from companion.domain.alerts import AlertLevel
from companion.domain.days import format_date, format_day
from companion.domain.entries import RASH_EXTENTS, SEVERITIES
from companion.domain.labs import count_text, hb_text
from companion.domain.wording import (
    RecoveryNote,
    alert_reason,
    appointment_line,
    clock,
    team_lines,
    temperature,
)
from companion.printing.immunity_report import immunity_sections_html
from companion.printing.keep import KEEP_TOGETHER, KEEP_WITH_NEXT, keep
from companion.service.report import ReportData, Section

CHART_SCHEME = "chart:"
# Chart placeholders and the height each is drawn at, in millimetres.
CHARTS = {"temperature": 60.0, "anc": 48.0, "platelets": 48.0, "hb": 42.0}
FOOTER = (
    "Transplant Companion · visit report printed {printed} · The values are as entered in "
    "the app. This report does not replace your transplant team's advice."
)
# Shading for the symptom grid, none → very severe; the word is always printed as well.
SEVERITY_SHADES = ("#ffffff", "#f2f2f2", "#d9d9d9", "#bdbdbd", "#9e9e9e")
GRID_COLUMNS = 5  # symptoms per grid table
FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
TABLE = (
    "<table border='1' cellspacing='0' cellpadding='4' width='100%' "
    "style='border-collapse: collapse; border-color: #555555; font-size: 11pt;'>"
)


def report_footer(data: ReportData) -> str:
    return FOOTER.format(printed=format_date(data.printed_at.date()))


def report_title(data: ReportData) -> str:
    """The job's name for the print queue and the PDF: "Visit report — 18 May to 1 June
    2026"."""
    first, last = data.period.first, data.period.last
    start = f"{first.day} {first:%B}" + (f" {first.year}" if first.year != last.year else "")
    return f"Visit report — {start} to {last.day} {last:%B %Y}"


def chart_placeholder(name: str) -> str:
    return (
        f"<p style='margin-top: 4pt; margin-bottom: 8pt; {keep(KEEP_TOGETHER)}'>"
        f"<img src='{CHART_SCHEME}{name}'/></p>"
    )


def _day(data: ReportData, day: date) -> str:
    """ "Day +12", never broken across two lines."""
    return format_day(data.day_number(day)).replace(" ", "\N{NO-BREAK SPACE}")


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _when(data: ReportData, moment: datetime) -> str:
    return f"{_short(moment.date())} {clock(moment)} ({_day(data, moment.date())})"


def _h2(title: str) -> str:
    return (
        f"<h2 style='font-size: 17pt; margin-top: 16pt; margin-bottom: 4pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</h2>"
    )


def _h3(title: str) -> str:
    return (
        f"<h3 style='font-size: 14pt; margin-top: 10pt; margin-bottom: 3pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</h3>"
    )


def _p(text: str, extra: str = "") -> str:
    return f"<p style='margin-top: 2pt; margin-bottom: 4pt; {extra}'>{text}</p>"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths=()) -> str:
    """A table whose header row repeats on every page. Cells are HTML already."""
    head = "".join(
        f"<th align='left' bgcolor='#e6e6e6'"
        f"{f' width={widths[i]!r}' if i < len(widths) else ''}>{escape(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"{TABLE}<thead><tr>{head}</tr></thead>{body}</table>"


# Sections -----------------------------------------------------------------------------------


def _summary(data: ReportData) -> str:
    transplant = data.transplant
    period = data.period
    rows = [
        (
            "Period",
            f"{format_date(period.first)} to {format_date(period.last)} "
            f"({_day(data, period.first)} to {_day(data, period.last)}), {period.reason}",
        ),
        (
            "On the last day",
            f"{_day(data, period.last)} · {data.phase.title}",
        ),
        (
            "Transplant",
            f"{transplant.kind.title}; {transplant.source.short}"
            + (
                f"; transplant {transplant.number} of {data.transplant_count}"
                if data.transplant_count > 1
                else ""
            ),
        ),
        (
            "Day 0",
            f"{format_date(transplant.day0)}; conditioning from "
            f"{format_date(transplant.conditioning_start)} "
            f"({format_day(-transplant.conditioning_days)})",
        ),
        ("Counts", "<br/>".join(escape(text) for _, text in data.engraftment)),
        (
            "Limits in the app",
            f"call the team at {temperature(data.fever_c, data.unit)} or above, or below "
            f"{temperature(data.low_c, data.unit)}; weight more than "
            f"{data.weight_percent:g} % above the weight before treatment"
            + (f"; {data.stools_per_day} loose stools a day" if data.donor else ""),
        ),
    ]
    if data.team is not None:
        lines = [escape(data.team.name)] if data.team.name else []
        lines += [
            f"{escape(line.label)}: <b>{escape(line.phone)}</b> ({escape(line.detail)})"
            for line in team_lines(data.team, data.printed_at)
        ]
        rows.append(("Transplant team", "<br/>".join(lines)))
    body = "".join(
        f"<tr><td width='22%'><b>{escape(label)}</b></td><td>{value}</td></tr>"
        if label in ("Counts", "Transplant team")
        else f"<tr><td width='22%'><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"{TABLE}{body}</table>"


def _alerts(data: ReportData) -> str:
    parts = []
    if not data.alerts:
        parts.append(_p("No alerts were raised in this period."))
    else:
        rows = []
        for alert in data.alerts:
            level = "Emergency services" if alert.level is AlertLevel.EMERGENCY else "Call the team"
            contacted = _when(data, alert.contacted_at) if alert.contacted_at else "not recorded"
            rows.append(
                (
                    escape(_when(data, alert.raised_at)),
                    escape(level),
                    escape(alert_reason(alert, data.vocabulary, data.unit)),
                    escape(contacted),
                )
            )
        parts.append(
            _table(["When", "Alert", "Why", "Team contacted"], rows, ("20%", "14%", "44%", "22%"))
        )
    parts.append(_h3("Contacts recorded"))
    if not data.contacts:
        parts.append(_p("No contact with the team was recorded in the app in this period."))
    else:
        rows = [
            (
                escape(_when(data, entry.at)),
                "emergency services" if entry.detail == "emergency" else "transplant team",
                escape(entry.note) or "—",
            )
            for entry in data.contacts
        ]
        parts.append(_table(["When", "Who", "Note"], rows, ("24%", "22%", "54%")))
    return "".join(parts)


def _temperature(data: ReportData) -> str:
    if not data.temperatures:
        return _p("No temperatures were logged in this period.")
    limit = temperature(data.fever_c, data.unit)
    parts = [
        _p(
            f"Every reading, with your team's limit of {escape(limit)} as a dashed line. "
            "The table gives the highest reading of each day.",
            keep(KEEP_WITH_NEXT),
        ),
        chart_placeholder("temperature"),
    ]
    rows = []
    for day in data.daily_temperatures:
        at_limit = day.highest_c >= data.fever_c
        low = day.highest_c < data.low_c
        mark = "⚠ at or above limit" if at_limit else ("⚠ below low limit" if low else "")
        value = escape(temperature(day.highest_c, data.unit))
        rows.append(
            (
                escape(_short(day.day)),
                escape(_day(data, day.day)),
                f"<b>{value}</b>" if at_limit else value,
                clock(day.at),
                str(day.readings),
                escape(mark),
            )
        )
    parts.append(
        _table(
            ["Date", "Day", "Highest", "At", "Readings", ""],
            rows,
            ("15%", "12%", "24%", "8%", "14%", "27%"),
        )
    )
    return "".join(parts)


def _counts(data: ReportData) -> str:
    if not data.labs and not data.transfusions:
        return _p("No blood counts or transfusions were entered for this period.") + _p(
            "<br/>".join(escape(text) for _, text in data.engraftment)
        )
    shown = (RecoveryNote.TEAM, RecoveryNote.NEUTROPHILS_MET, RecoveryNote.PLATELETS_MET)
    parts = []
    for kind in shown:  # the team's date first, then what the values meet
        for note, text in data.engraftment:
            if note is kind:
                parts.append(_p(f"<b>{escape(text)}</b>"))
    parts.append(
        _p(
            "Neutrophils (ANC) with the 0.5 line, platelets with the 20 and 50 lines, and "
            "haemoglobin, on your transplant's days. P and R mark platelet and red cell "
            "transfusions; a hollow dot is an ANC worked out from WBC × neutrophils %.",
            keep(KEEP_WITH_NEXT),
        )
    )
    for name in ("anc", "platelets", "hb"):
        parts.append(chart_placeholder(name))
    given: dict[date, list[str]] = {}
    for transfusion in data.transfusions:
        given.setdefault(transfusion.on, []).append(transfusion.product.value)
    rows = []
    shown: set[date] = set()
    entries = sorted(
        [(lab.at, lab) for lab in data.labs]
        + [
            (datetime.combine(day, datetime.min.time()).astimezone(), None)
            for day in given
            if day not in {lab.day for lab in data.labs}
        ],
        key=lambda pair: (pair[0].date(), pair[0].time()),
    )
    cu, hu = data.count_unit, data.hb_unit
    worked_out = False
    for at, lab in entries:
        day = at.date()
        transfused = ""
        if day in given and day not in shown:
            shown.add(day)
            transfused = "⬤ " + " and ".join(given[day])
        if lab is None:
            rows.append(
                (escape(_short(day)), "", escape(_day(data, day)), "", "", "", escape(transfused))
            )
            continue
        anc = "—"
        if lab.anc is not None:
            anc = escape(count_text(lab.anc, cu))
            if lab.anc_computed:
                anc += " *"
                worked_out = True
        rows.append(
            (
                escape(_short(day)),
                clock(lab.at),
                escape(_day(data, day)),
                anc,
                escape(count_text(lab.platelets, cu)) if lab.platelets is not None else "—",
                escape(hb_text(lab.hb, hu)) if lab.hb is not None else "—",
                escape(transfused),
            )
        )
    parts.append(_h3("Values entered"))
    parts.append(
        _table(
            ["Date", "At", "Day", "ANC", "Platelets", "Hb", "Transfusion"],
            rows,
            ("15%", "8%", "12%", "18%", "16%", "13%", "18%"),
        )
    )
    if worked_out:
        parts.append(
            _p(
                "* worked out from WBC × neutrophils % (segmented and bands), as entered.",
                "font-size: 10pt;",
            )
        )
    return "".join(parts)


def _symptoms(data: ReportData) -> str:
    parts = []
    grid = data.symptoms
    parts.append(_h3("Symptoms: the worst each day"))
    if not grid.terms:
        parts.append(_p("No symptoms were logged in this period."))
    else:
        # At most a few symptoms side by side: a heavy diary names dozens, and a table
        # that wide would wrap every cell. Wider grids continue below, same days.
        for start in range(0, len(grid.terms), GRID_COLUMNS):
            terms = grid.terms[start : start + GRID_COLUMNS]
            rows = []
            for day, values in grid.rows:
                cells = [escape(_short(day)), escape(_day(data, day))]
                for value in values[start : start + GRID_COLUMNS]:
                    if value is None:
                        cells.append("—")
                    else:
                        shade = SEVERITY_SHADES[value]
                        strong = value >= 3
                        cells.append(
                            f"<span style='background-color: {shade};'>"
                            f"{'<b>' if strong else ''}{escape(SEVERITIES[value])}"
                            f"{'</b>' if strong else ''}</span>"
                        )
                rows.append(cells)
            parts.append(_table(["Date", "Day", *(label for _, label in terms)], rows))
        parts.append(_p("— means nothing was logged for it that day.", "font-size: 10pt;"))
    parts.append(_h3("Infection signs"))
    if not data.infections:
        parts.append(_p("No infection signs were logged in this period."))
    else:
        rows = [
            (
                escape(_when(data, e.at)),
                escape(data.vocabulary.label(e.kind, e.term)),
                escape(e.note) or "—",
            )
            for e in data.infections
        ]
        parts.append(_table(["When", "Sign", "Note"], rows, ("26%", "40%", "34%")))
    if data.donor or data.gvhd:
        parts.append(_h3("GVHD watch: stools, rash, yellow skin or eyes"))
        if not data.gvhd:
            parts.append(_p("Nothing was logged for the GVHD watch in this period."))
        else:
            rows = []
            for day in data.gvhd:
                rash = "; ".join(
                    f"{e.term}" + (f" ({e.detail})" if e.detail in RASH_EXTENTS else "")
                    for e in day.rashes
                )
                stools = "—" if day.stools is None else str(day.stools)
                if day.stools is not None and day.stools >= data.stools_per_day:
                    stools = f"<b>{stools} ⚠</b>"
                rows.append(
                    (
                        escape(_short(day.day)),
                        escape(_day(data, day.day)),
                        stools,
                        escape(rash) or "—",
                        "yes" if day.yellow else "—",
                    )
                )
            parts.append(
                _table(
                    ["Date", "Day", "Loose stools", "Rash", "Yellow skin or eyes"],
                    rows,
                    ("16%", "12%", "16%", "36%", "20%"),
                )
            )
    parts.append(_h3("Weight"))
    baseline = data.baseline
    if baseline is not None:
        where = (
            "the last weight on or before the start of conditioning"
            if baseline.before_conditioning
            else "the first weight logged: no weight from before conditioning is in the diary"
        )
        parts.append(
            _p(
                f"Weight before treatment: <b>{baseline.kg:.1f} kg</b> on "
                f"{escape(format_date(baseline.at.date()))} ({escape(where)}). Your team's "
                f"limit is more than {data.weight_percent:g} % above it."
            )
        )
    if not data.weights:
        parts.append(_p("No weights were logged in this period."))
    else:
        rows = []
        for day, kg in data.weights:
            change = ""
            if baseline is not None and baseline.kg:
                percent = (kg - baseline.kg) / baseline.kg * 100
                change = f"{percent:+.1f} %"
                if percent > data.weight_percent:
                    change = f"<b>{change} ⚠</b>"
            rows.append(
                (escape(_short(day)), escape(_day(data, day)), f"{kg:.1f} kg", change or "—")
            )
        parts.append(
            _table(["Date", "Day", "Weight", "From before treatment"], rows, ("25%", "20%", "25%"))
        )
    return "".join(parts)


def _questions(data: ReportData) -> str:
    visit = data.visit
    if visit is not None:
        intro = f"For the {escape(appointment_line(visit, data.day_number(visit.day)))}."
    else:
        intro = "For your next visit (not booked in the app yet)."
    parts = [_p(intro)]
    line = "<br/>" + "_" * 58
    for number, placed in enumerate(data.questions, start=1):
        carried = ""
        if placed.carried_from is not None:
            carried = (
                f"<br/><i>Not answered at the {escape(placed.carried_from.what)} on "
                f"{escape(format_date(placed.carried_from.day))}.</i>"
            )
        parts.append(
            f"<p style='margin-top: 8pt; margin-bottom: 4pt; {keep(KEEP_TOGETHER)}'>"
            f"<b>{number}. {escape(placed.question.text)}</b>{carried}"
            f"<br/>Answer:{line}{line}{line}</p>"
        )
    if not data.questions:
        parts.append(_p("No questions are waiting in the notebook."))
    parts.append(
        f"<p style='margin-top: 10pt; {keep(KEEP_TOGETHER)}'><b>Other questions and "
        f"notes:</b>{line}{line}{line}{line}</p>"
    )
    return "".join(parts)


def _notes(data: ReportData) -> str:
    if not data.notes:
        return _p("No notes were written in this period.")
    return "".join(
        f"<p style='margin-top: 4pt; margin-bottom: 4pt; {keep(KEEP_TOGETHER)}'>"
        f"<b>{escape(_when(data, note.at))}</b><br/>{escape(note.note)}</p>"
        for note in data.notes
    )


_SECTIONS = {
    Section.SUMMARY: _summary,
    Section.ALERTS: _alerts,
    Section.TEMPERATURE: _temperature,
    Section.COUNTS: _counts,
    Section.SYMPTOMS: _symptoms,
    Section.QUESTIONS: _questions,
    Section.NOTES: _notes,
}


def render_report_html(data: ReportData) -> str:
    """The whole report as HTML for QTextDocument, with chart placeholders."""
    period = data.period
    parts = [
        f'<html><body style="font-family: {FONT}; font-size: 13pt;">',
        "<h1 style='font-size: 24pt; margin-bottom: 2pt;'>Visit report</h1>",
        _p(
            f"<b>{escape(format_date(period.first))} to {escape(format_date(period.last))}</b>"
            f" ({escape(_day(data, period.first))} to {escape(_day(data, period.last))}) · "
            f"printed {escape(format_date(data.printed_at.date()))} {clock(data.printed_at)}",
            "font-size: 14pt;",
        ),
        _p(
            "From the diary kept in Transplant Companion: what was entered, as entered. "
            "Your team decides what it means.",
            "font-size: 11pt;",
        ),
    ]
    for section in data.sections:
        parts.append(_h2(section.title))
        parts.append(_SECTIONS[section](data))
    parts.append(immunity_sections_html(data.immunity))  # issue 21: the lead may move it
    parts.append("</body></html>")
    return "".join(parts)
