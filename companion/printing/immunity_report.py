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

from companion.domain.immunity import DoseStatus, LiveCondition
from companion.domain.immunity_wording import (
    HOUSEHOLD_SOURCE,
    MARKERS_SOURCE,
    VACCINE_SOURCE,
    condition_line,
    dose_label,
    household_advice,
    live_lock_line,
    long_date,
    period_text,
    range_text,
)
from companion.domain.kinds import TransplantKind
from companion.domain.labs import count_text, igg_text, number_text
from companion.domain.wording import severity_word, team_lines
from companion.i18n import N_, _, format_date, format_day_number, ngettext
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
SHORT_STATUS = {  # nurse review 8: teams often delay a vaccine (translated where printed)
    DoseStatus.DONE: N_("given"),
    DoseStatus.DUE: N_("can be given"),
    DoseStatus.OVERDUE: N_("past the usual start"),
    DoseStatus.NOT_YET: N_("not yet"),
    DoseStatus.LOCKED: N_("not yet (live)"),
}
CARD_FOOTER = N_(
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
    """ "10 Nov 2026" / "10 nov 2026": short enough to keep a row on one line."""
    return format_date(day, "d MMM y")


def _status(status: DoseStatus) -> str:
    return _(SHORT_STATUS[status])


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
    parts = [_h3(_("Vaccines that can be given now or are past their usual start"))]
    if report.due:
        rows = [
            (p.dose.name, p.dose.dose, _short(p.dose.earliest), _status(p.status))
            for p in report.due[:REPORT_DOSES]
        ]
        more = len(report.due) - REPORT_DOSES
        if more > 0:
            rows.append(
                (
                    ngettext(
                        "… and {count} more (see the vaccination record)",
                        "… and {count} more (see the vaccination record)",
                        more,
                    ).format(count=more),
                    "",
                    "",
                    "",
                )
            )
        parts.append(
            _table(
                (_("Vaccine"), _("Dose"), _("From"), _("Status")),
                rows,
                ("56%", "8%", "18%", "18%"),
            )
        )
        parts.append(
            _p(escape(_("Please check these against your team's plan.")), "font-size: 11pt;")
        )
    following = ""
    if report.next_dose is not None:
        dose = report.next_dose.dose
        following = _("Next: {dose}, from {date}.").format(
            dose=dose_label(dose), date=long_date(dose.earliest)
        )
    if not report.due:
        # One line, not a section: a visit reads what needs doing.
        if following:
            line = _("Vaccines: no dose of the plan can be given now. {next}").format(
                next=following
            )
        else:
            line = _("Vaccines: no dose of the plan can be given now.")
        parts = [_p(escape(line))]
    elif following:
        parts.append(_p(escape(following)))
    parts.append(_live_html(report))
    return "".join(parts)


def _live_html(report: ImmunityReport) -> str:
    """The live-vaccine check: each condition once the 24-month wait is over (or the team
    has confirmed something); before that, one line saying when the wait ends."""
    wait = next((c for c in report.live.conditions if c.name is LiveCondition.TWO_YEARS), None)
    confirmed = any(c.met is not None for c in report.live.conditions if c.name.confirmed_by_team)
    if wait is not None and not wait.met and not confirmed:
        if wait.until:
            line = _(
                "Live vaccines: not yet (the wait after Day 0 ends {date}); every condition is "
                "in the app."
            ).format(date=long_date(wait.until))
        else:
            line = _("Live vaccines: not yet; every condition is in the app.")
        return _p(escape(line))
    return (
        _h3(_("Live vaccines"))
        + _p(escape(live_lock_line(report.live.allowed)))
        + _list(condition_line(c, report.kind) for c in report.live.conditions)
    )


def gvhd_section_html(report: ImmunityReport) -> str:
    """The chronic GVHD self-check: the signs logged in the period, new or worse first."""
    if report.kind is not TransplantKind.ALLOGENEIC:
        return ""
    if not report.gvhd:
        return _p(escape(_("Chronic GVHD check: no sign was logged in these dates.")))
    parts = [_h3(_("Chronic GVHD check"))]
    order = {"new": 0, "worse": 1, "same": 2}
    words = {"new": _("new"), "worse": _("worse"), "same": _("no worse")}
    called = {
        "new": _("new · call-now sign"),
        "worse": _("worse · call-now sign"),
        "same": _("no worse · call-now sign"),
    }
    rows = [
        (
            s.area,
            s.label,
            severity_word(s.severity),
            called[s.change] if s.call_now else words[s.change],
        )
        for s in sorted(report.gvhd, key=lambda s: (order[s.change], s.area))
    ]
    parts.append(_table((_("Area"), _("Sign"), _("Worst"), _("Compared with before")), rows))
    if any(s.change in ("new", "worse") for s in report.gvhd):
        said = _("New or worse signs: please talk about them at this visit.")
        parts.append(_p(f"<b>{escape(said)}</b>"))
    return "".join(parts)


def immune_counts_section_html(report: ImmunityReport) -> str:
    """Lymphocytes, CD4 and IgG entered in the period, and IVIG infusions."""
    if not report.immune_labs and not report.ivig:
        return ""
    parts = [_h3(_("Immune counts"))]
    if report.immune_labs:
        rows = []
        for lab in report.immune_labs:
            rows.append(
                (
                    format_date(lab.at.date(), "EEE d MMM"),
                    count_text(lab.lymphocytes, report.count_unit)
                    if lab.lymphocytes is not None
                    else "",
                    _("{value} cells/µL").format(value=number_text(lab.cd4))
                    if lab.cd4 is not None
                    else "",
                    igg_text(lab.igg, report.igg_unit) if lab.igg is not None else "",
                )
            )
        parts.append(_table((_("Date"), _("Lymphocytes"), _("CD4"), _("IgG")), rows))
        names = {"lymphocytes": _("Lymphocytes"), "cd4": _("CD4"), "igg": _("IgG")}
        for key, value in report.ranges.items():
            words = range_text(key, value, report.count_unit, report.igg_unit)
            line = _("{count}: {range}.").format(count=names[key], range=words)
            parts.append(_p(escape(line), "font-size: 11pt;"))
    if report.ivig:
        days = "; ".join(long_date(at.date()) for at in report.ivig)
        parts.append(_p(escape(_("IVIG infusions: {dates}.").format(dates=days))))
    said = _("As entered. Source of the terms: {source}.").format(source=_(MARKERS_SOURCE))
    parts.append(_p(escape(said), "font-size: 10pt;"))
    return "".join(parts)


def immunity_sections_html(report: ImmunityReport | None) -> str:
    """The immune-system part of the visit report, under its own heading ("" without data)."""
    if report is None:
        return ""
    return _h2(_("Immune system and vaccines")) + immunity_section_body(report)


def immunity_section_body(report: ImmunityReport) -> str:
    """The visit report's immune-system part without its heading: infection risk now,
    vaccines, the chronic GVHD check and the immune counts."""
    text = period_text(report.period, report.kind)
    parts = [
        _p(
            escape(
                _("Infection risk now ({period}): {germs}").format(
                    period=text.title[:1].lower() + text.title[1:], germs=text.germs
                )
            )
        ),
        vaccines_section_html(report),
        gvhd_section_html(report),
        immune_counts_section_html(report),
    ]
    return "".join(parts)


# The vaccination record ---------------------------------------------------------------------


def render_card_html(card: CardData) -> str:
    """The vaccination record: the transplant and Day 0, the team, doses given, doses
    planned, the live-vaccine check and the household advice."""
    if card.kind is TransplantKind.ALLOGENEIC:
        about = _(
            "Stem cell transplant from donor cells (allogeneic). Day 0: {date}. Vaccines "
            "given before the transplant no longer count: this record starts again from "
            "Day 0."
        )
    else:
        about = _(
            "Stem cell transplant from own cells (autologous). Day 0: {date}. Vaccines "
            "given before the transplant no longer count: this record starts again from "
            "Day 0."
        )
    title = escape(_("Vaccination record"))
    parts = [
        f'<html><body style="font-family: {FONT}; font-size: 13pt;">',
        f"<h1 style='font-size: 22pt; margin-bottom: 2pt;'>{title}</h1>",
        _p(escape(about.format(date=long_date(card.day0))), "font-size: 13pt;"),
    ]
    if card.team is not None:
        moment = datetime.combine(card.printed_on, time(12, 0)).astimezone()
        lines = [f"{line.label}: {line.phone}" for line in team_lines(card.team, moment)]
        said = _("Transplant team: {team}. {numbers}").format(
            team=card.team.name, numbers=" · ".join(lines)
        )
        parts.append(_p(escape(said)))
    no_live = _(
        "No live vaccine (such as MMR, chickenpox, yellow fever or the nasal flu spray) "
        "without the transplant team's agreement."
    )
    parts.append(_p(f"<b>{escape(no_live)}</b>"))
    parts.append(_h2(_("Vaccines given")))
    if card.given:
        rows = [
            (
                d.name,
                d.dose,
                _short(d.given_on) if d.given_on else "",
                format_day_number((d.given_on - card.day0).days).replace(" ", "\N{NO-BREAK SPACE}")
                if d.given_on
                else "",
                d.given_where,
                d.batch,
            )
            for d in card.given
        ]
        parts.append(
            _table(
                (_("Vaccine"), _("Dose"), _("Date"), _("Day"), _("Where"), _("Batch")),
                rows,
                ("32%", "9%", "15%", "11%", "19%", "14%"),
            )
        )
    else:
        parts.append(_p(escape(_("None recorded yet."))))
    parts.append(_h2(_("Still to come (the plan)")))
    if card.planned:
        rows = [
            (
                p.dose.name,
                p.dose.dose,
                _short(p.dose.earliest),
                _status(p.status),
                _("your team") if p.dose.changed_by_team else _("usual plan"),
            )
            for p in card.planned
        ]
        parts.append(
            _table(
                (_("Vaccine"), _("Dose"), _("From"), _("Status"), _("Date set by")),
                rows,
                ("40%", "9%", "17%", "17%", "17%"),
            )
        )
        parts.append(
            _p(
                escape(
                    _(
                        "Date set by: the usual plan (the published guidelines' date, until "
                        "your team changes it), or your team."
                    )
                ),
                "font-size: 10pt;",
            )
        )
    else:
        parts.append(_p(escape(_("Every dose of the plan is recorded as given."))))
    parts.append(_h2(_("Live vaccines")))
    parts.append(_p(escape(live_lock_line(card.live.allowed))))
    parts.append(_list(condition_line(c, card.kind) for c in card.live.conditions))
    parts.append(_h2(_("For the people you live with")))
    parts.append(_list(household_advice()))
    sources = _(
        "Sources: {sources}. Household advice: {household}. The dates are published defaults "
        "unless marked as the team's: your team may use another plan."
    ).format(sources=_(VACCINE_SOURCE), household=_(HOUSEHOLD_SOURCE))
    parts.append(_p(escape(sources), "font-size: 10pt;"))
    parts.append("</body></html>")
    return "".join(parts)


def card_footer(card: CardData) -> str:
    return _(CARD_FOOTER).format(printed=long_date(card.printed_on))


def write_vaccination_card_pdf(card: CardData, path: Path) -> int:
    """Write the vaccination record to ``path`` (atomically, mode 0600); its page count."""
    path = check_output(path, _("vaccination-record.pdf"))
    with written_atomically(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_DPI)
        writer.setTitle(_("Vaccination record"))
        writer.setCreator("Transplant Companion")
        prepare_device(writer)
        pages = print_html(render_card_html(card), writer, card_footer(card), PDF_DPI)
        del writer
        if temp.stat().st_size == 0:
            raise OutputError(_("Could not write {path}.").format(path=path))
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
