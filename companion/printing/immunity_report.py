"""Issue 21 on paper: the vaccination record (the card patients carry to their family
doctor or pharmacy), and the visit report's sections — vaccines due or overdue, the
live-vaccine check, the chronic GVHD check and the immune counts.

Each section is a self-contained HTML builder taking its data, so the visit report can
place it wherever its layout wants (``immunity_sections_html``).
"""

from __future__ import annotations

from datetime import datetime, time
from html import escape
from pathlib import Path

from PySide6.QtGui import QPdfWriter

from companion.domain.days import app_strftime, format_date, format_day
from companion.domain.entries import SEVERITIES
from companion.domain.immunity import DoseStatus, LiveCondition
from companion.domain.immunity_wording import (
    HOUSEHOLD_ADVICE,
    HOUSEHOLD_SOURCE,
    MARKERS_SOURCE,
    VACCINE_SOURCE,
    condition_line,
    live_lock_line,
    period_text,
    range_text,
)
from companion.domain.kinds import TransplantKind
from companion.domain.labs import count_text, igg_text
from companion.domain.wording import team_lines
from companion.printing.keep import KEEP_WITH_NEXT, keep
from companion.printing.paged import prepare_device, print_html
from companion.service.errors import OutputError
from companion.service.files import check_output, written_atomically
from companion.service.immunity import CardData, ImmunityReport

PDF_DPI = 300
FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
TABLE = (
    "<table border='1' cellspacing='0' cellpadding='4' width='100%' "
    "style='border-collapse: collapse; border-color: #555555; font-size: 10pt;'>"
)
REPORT_DOSES = 8  # the report stays short; the vaccination record lists every dose
SHORT_STATUS = {  # nurse review 8: teams often delay a vaccine
    DoseStatus.DONE: "given",
    DoseStatus.DUE: "can be given",
    DoseStatus.OVERDUE: "past the usual start",
    DoseStatus.NOT_YET: "not yet",
    DoseStatus.LOCKED: "not yet (live)",
}
CARD_FOOTER = (
    "Transplant Companion · vaccination record printed {printed} · As entered in the app. "
    "Your transplant team's plan comes first."
)


def _h2(title: str) -> str:
    return (
        f"<h2 style='font-size: 17pt; margin-top: 14pt; margin-bottom: 4pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</h2>"
    )


def _h3(title: str) -> str:
    return (
        f"<h3 style='font-size: 14pt; margin-top: 8pt; margin-bottom: 3pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</h3>"
    )


def _p(text: str, extra: str = "") -> str:
    return f"<p style='margin-top: 2pt; margin-bottom: 4pt; {extra}'>{text}</p>"


def _short(day) -> str:
    """ "10 Nov 2026": short enough to keep a row on one line."""
    return f"{day.day} {app_strftime(day, '%b %Y')}"


def _table(header, rows, widths=()) -> str:
    """Cells are plain text: every one is escaped here."""
    head = "".join(
        f"<th align='left' bgcolor='#e6e6e6'"
        f"{f' width={widths[i]!r}' if i < len(widths) else ''}>{escape(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"{TABLE}<thead><tr>{head}</tr></thead>{body}</table>"


def _list(lines) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


# The visit report's sections ----------------------------------------------------------------


def vaccines_section_html(report: ImmunityReport) -> str:
    """Vaccine doses due or overdue, the next one, and the live-vaccine check."""
    parts = [_h3("Vaccines that can be given now or are past their usual start")]
    if report.due:
        rows = [
            (p.dose.name, p.dose.dose, _short(p.dose.earliest), SHORT_STATUS[p.status])
            for p in report.due[:REPORT_DOSES]
        ]
        more = len(report.due) - REPORT_DOSES
        if more > 0:
            rows.append((f"… and {more} more (see the vaccination record)", "", "", ""))
        parts.append(
            _table(("Vaccine", "Dose", "From", "Status"), rows, ("56%", "8%", "18%", "18%"))
        )
        parts.append(_p("Please check these against your team's plan.", "font-size: 11pt;"))
    following = ""
    if report.next_dose is not None:
        dose = report.next_dose.dose
        following = f" Next: {dose.name}, dose {dose.dose}, from {format_date(dose.earliest)}."
    if not report.due:
        # One line, not a section: a visit reads what needs doing.
        parts = [_p(escape(f"Vaccines: no dose of the plan can be given now.{following}"))]
    elif following:
        parts.append(_p(escape(following.strip())))
    parts.append(_live_html(report))
    return "".join(parts)


def _live_html(report: ImmunityReport) -> str:
    """The live-vaccine check: each condition once the 24-month wait is over (or the team
    has confirmed something); before that, one line saying when the wait ends."""
    wait = next((c for c in report.live.conditions if c.name is LiveCondition.TWO_YEARS), None)
    confirmed = any(c.met is not None for c in report.live.conditions if c.name.confirmed_by_team)
    if wait is not None and not wait.met and not confirmed:
        until = f" (the wait after Day 0 ends {format_date(wait.until)})" if wait.until else ""
        return _p(escape(f"Live vaccines: not yet{until}; every condition is in the app."))
    return (
        _h3("Live vaccines")
        + _p(escape(live_lock_line(report.live.allowed)))
        + _list(condition_line(c, report.kind) for c in report.live.conditions)
    )


def gvhd_section_html(report: ImmunityReport) -> str:
    """The chronic GVHD self-check: the signs logged in the period, new or worse first."""
    if report.kind is not TransplantKind.ALLOGENEIC:
        return ""
    if not report.gvhd:
        return _p("Chronic GVHD check: no sign was logged in these dates.")
    parts = [_h3("Chronic GVHD check")]
    order = {"new": 0, "worse": 1, "same": 2}
    words = {"new": "new", "worse": "worse", "same": "no worse"}
    rows = [
        (
            s.area,
            s.label,
            SEVERITIES[s.severity],
            words[s.change] + (" · call-now sign" if s.call_now else ""),
        )
        for s in sorted(report.gvhd, key=lambda s: (order[s.change], s.area))
    ]
    parts.append(_table(("Area", "Sign", "Worst", "Compared with before"), rows))
    if any(s.change in ("new", "worse") for s in report.gvhd):
        parts.append(_p("<b>New or worse signs: please talk about them at this visit.</b>"))
    return "".join(parts)


def immune_counts_section_html(report: ImmunityReport) -> str:
    """Lymphocytes, CD4 and IgG entered in the period, and IVIG infusions."""
    if not report.immune_labs and not report.ivig:
        return ""
    parts = [_h3("Immune counts")]
    if report.immune_labs:
        rows = []
        for lab in report.immune_labs:
            rows.append(
                (
                    f"{app_strftime(lab.at, '%a')} {lab.at.day} {app_strftime(lab.at, '%b')}",
                    count_text(lab.lymphocytes, report.count_unit)
                    if lab.lymphocytes is not None
                    else "",
                    f"{lab.cd4:g} cells/µL" if lab.cd4 is not None else "",
                    igg_text(lab.igg, report.igg_unit) if lab.igg is not None else "",
                )
            )
        parts.append(_table(("Date", "Lymphocytes", "CD4", "IgG"), rows))
        names = {"lymphocytes": "Lymphocytes", "cd4": "CD4", "igg": "IgG"}
        for key, value in report.ranges.items():
            words = range_text(key, value, report.count_unit, report.igg_unit)
            parts.append(_p(escape(f"{names[key]}: {words}."), "font-size: 11pt;"))
    if report.ivig:
        days = ", ".join(format_date(at.date()) for at in report.ivig)
        parts.append(_p(escape(f"IVIG infusions: {days}.")))
    parts.append(
        _p(escape(f"As entered. Source of the terms: {MARKERS_SOURCE}."), "font-size: 10pt;")
    )
    return "".join(parts)


def immunity_sections_html(report: ImmunityReport | None) -> str:
    """The immune-system part of the visit report, under its own heading ("" without data)."""
    if report is None:
        return ""
    return _h2("Immune system and vaccines") + immunity_section_body(report)


def immunity_section_body(report: ImmunityReport) -> str:
    """The visit report's immune-system part without its heading: infection risk now,
    vaccines, the chronic GVHD check and the immune counts."""
    text = period_text(report.period, report.kind)
    parts = [
        _p(escape(f"Infection risk now ({text.title[:1].lower() + text.title[1:]}): {text.germs}")),
        vaccines_section_html(report),
        gvhd_section_html(report),
        immune_counts_section_html(report),
    ]
    return "".join(parts)


# The vaccination record ---------------------------------------------------------------------


def render_card_html(card: CardData) -> str:
    """The vaccination record: the transplant and Day 0, the team, doses given, doses
    planned, the live-vaccine check and the household advice."""
    kind = (
        "donor cells (allogeneic)"
        if card.kind is TransplantKind.ALLOGENEIC
        else ("own cells (autologous)")
    )
    parts = [
        f'<html><body style="font-family: {FONT}; font-size: 13pt;">',
        "<h1 style='font-size: 22pt; margin-bottom: 2pt;'>Vaccination record</h1>",
        _p(
            escape(
                f"Stem cell transplant from {kind}. Day 0: {format_date(card.day0)}. Vaccines "
                "given before the transplant no longer count: this record starts again "
                "from Day 0."
            ),
            "font-size: 13pt;",
        ),
    ]
    if card.team is not None:
        moment = datetime.combine(card.printed_on, time(12, 0)).astimezone()
        lines = [f"{line.label}: {line.phone}" for line in team_lines(card.team, moment)]
        parts.append(_p(escape(f"Transplant team: {card.team.name}. " + " · ".join(lines))))
    parts.append(
        _p(
            "<b>No live vaccine (such as MMR, chickenpox, yellow fever or the nasal flu "
            "spray) without the transplant team's agreement.</b>"
        )
    )
    parts.append(_h2("Vaccines given"))
    if card.given:
        rows = [
            (
                d.name,
                d.dose,
                _short(d.given_on) if d.given_on else "",
                format_day((d.given_on - card.day0).days).replace(" ", "\N{NO-BREAK SPACE}")
                if d.given_on
                else "",
                d.given_where,
                d.batch,
            )
            for d in card.given
        ]
        parts.append(
            _table(
                ("Vaccine", "Dose", "Date", "Day", "Where", "Batch"),
                rows,
                ("34%", "7%", "15%", "11%", "19%", "14%"),
            )
        )
    else:
        parts.append(_p("None recorded yet."))
    parts.append(_h2("Still to come (the plan)"))
    if card.planned:
        rows = [
            (
                p.dose.name,
                p.dose.dose,
                _short(p.dose.earliest),
                SHORT_STATUS[p.status],
                "your team" if p.dose.changed_by_team else "usual plan",
            )
            for p in card.planned
        ]
        parts.append(
            _table(
                ("Vaccine", "Dose", "From", "Status", "Date set by"),
                rows,
                ("44%", "7%", "17%", "16%", "16%"),
            )
        )
        parts.append(
            _p(
                "Date set by: the usual plan (the published guidelines' date, until your team "
                "changes it), or your team.",
                "font-size: 10pt;",
            )
        )
    else:
        parts.append(_p("Every dose of the plan is recorded as given."))
    parts.append(_h2("Live vaccines"))
    parts.append(_p(escape(live_lock_line(card.live.allowed))))
    parts.append(_list(condition_line(c, card.kind) for c in card.live.conditions))
    parts.append(_h2("For the people you live with"))
    parts.append(_list(HOUSEHOLD_ADVICE))
    parts.append(
        _p(
            escape(
                f"Sources: {VACCINE_SOURCE}. Household advice: {HOUSEHOLD_SOURCE}. The dates "
                "are published defaults unless marked as the team's: your team may use "
                "another plan."
            ),
            "font-size: 10pt;",
        )
    )
    parts.append("</body></html>")
    return "".join(parts)


def card_footer(card: CardData) -> str:
    return CARD_FOOTER.format(printed=format_date(card.printed_on))


def write_vaccination_card_pdf(card: CardData, path: Path) -> int:
    """Write the vaccination record to ``path`` (atomically, mode 0600); its page count."""
    path = check_output(path, "vaccination-record.pdf")
    with written_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setTitle("Vaccination record")
        writer.setCreator("Transplant Companion")
        prepare_device(writer)
        pages = print_html(render_card_html(card), writer, card_footer(card), PDF_DPI)
        del writer
        if temp.stat().st_size == 0:
            raise OutputError(f"Could not write {path}.")
    return pages


__all__ = [
    "DoseStatus",
    "gvhd_section_html",
    "immune_counts_section_html",
    "immunity_sections_html",
    "render_card_html",
    "vaccines_section_html",
    "write_vaccination_card_pdf",
]
