"""The visit report as HTML: one pure function of the report data, for the preview, the
printer and the PDF alike.

Page one is the visit: a header band (the team, the Day and phase, the period), an "at a
glance" block a clinician reads in a minute, and one full-width chart strip; the detail
tables follow and flow from page to page (a block moves on only when it would split).
The parts are a list (``REPORT_PARTS``) of small builders: a new section is one entry.

Charts are placeholders, ``<img src="chart:NAME">``: the page printer swaps each for a
chart drawn as vectors by the screen's own chart painter
(``companion.printing.report_charts``). Blocks carry keep-together rules
(``companion.printing.keep``); tables repeat their header row on each page (``<thead>``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import TypeVar

from companion import i18n
from companion.domain.alerts import AlertLevel
from companion.domain.days import app_strftime, format_date, format_day
from companion.domain.entries import RASH_EXTENTS
from companion.domain.labs import Product, count_text, hb_text, number_text, value_name
from companion.domain.medicines import DoseStatus
from companion.domain.text import escape_controls
from companion.domain.wording import (
    RecoveryNote,
    alert_reason,
    appointment_line,
    clock,
    decimal,
    kilos,
    product_word,
    rash_area_word,
    rash_extent_word,
    severity_word,
    team_lines,
    temperature,
)
from companion.i18n import N_, _, ngettext, pgettext
from companion.printing.immunity_report import immunity_section_body
from companion.printing.keep import KEEP_TOGETHER, KEEP_WITH_NEXT, keep
from companion.printing.medicine_section import render_medicine_section
from companion.service.report import ReportData, Section

T = TypeVar("T")
CHART_SCHEME = "chart:"
# Chart placeholders and the height each is drawn at, in millimetres: one strip of four
# rows (temperature, ANC, platelets, haemoglobin) on one shared Day axis.
CHARTS = {"strip": 70.0}
FOOTER = N_(
    "Transplant Companion · visit report printed {printed} · The values are as entered in "
    "the app. This report does not replace your transplant team's advice."
)
# Shading for the symptom grid, none → very severe; the word is always printed as well.
SEVERITY_SHADES = ("#ffffff", "#f2f2f2", "#d9d9d9", "#bdbdbd", "#9e9e9e")
GRID_COLUMNS = 6  # symptoms per grid table
# A detail table prints at most this many rows (the latest); the rest are named, and are
# in the diary's exports. A year's report was 420 pages of daily rows.
MAX_ROWS = 40
GLANCE_ITEMS = 3  # alerts, symptoms listed by name in the glance block
FONT = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
TABLE = (
    "<table border='1' cellspacing='0' cellpadding='1' width='100%' "
    "style='border-collapse: collapse; border-color: #777777; font-size: 9pt;'>"
)
ENTERED_LATER = N_("entered later")


def report_footer(data: ReportData) -> str:
    return _(FOOTER).format(printed=format_date(data.printed_at.date()))


def _day_month(day: date, year: bool) -> str:
    """ "18 May" (or "18 May 2026"), "18 de mayo (de 2026)": a date in a title."""
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return f"{day.day} {app_strftime(day, '%B')}" + (f" {day.year}" if year else "")
    from babel.dates import format_skeleton

    return format_skeleton("yMMMMd" if year else "MMMMd", day, locale=i18n.locale_tag())


def report_title(data: ReportData) -> str:
    """The job's name for the print queue and the PDF: "Visit report - 18 May to 1 June
    2026". A plain hyphen: cups-pdf mangles an em dash in the file name and the Title."""
    first, last = data.period.first, data.period.last
    return _("Visit report - {first} to {last}").format(
        first=_day_month(first, first.year != last.year), last=_day_month(last, True)
    )


def chart_placeholder(name: str) -> str:
    return (
        f"<p style='margin-top: 2pt; margin-bottom: 2pt; {keep(KEEP_TOGETHER)}'>"
        f"<img src='{CHART_SCHEME}{name}'/></p>"
    )


def _e(text: str) -> str:
    """User or content text, escaped, without control characters."""
    return escape(escape_controls(text))


def _day(data: ReportData, day: date) -> str:
    """ "Day +12", never broken across two lines."""
    return format_day(data.day_number(day)).replace(" ", "\N{NO-BREAK SPACE}")


def _short(day: date) -> str:
    return app_strftime(day, f"%a {day.day} %b")


def _day_month_short(day: date) -> str:
    """ "19 May" / "19 may", never broken."""
    return f"{day.day}\N{NO-BREAK SPACE}{app_strftime(day, '%b')}"


def _when(data: ReportData, moment: datetime, entry_id: int | None = None) -> str:
    text = f"{_short(moment.date())} {clock(moment)} ({_day(data, moment.date())})"
    if entry_id is not None and entry_id in data.entered_later:
        text += f", {_(ENTERED_LATER)}"
    return text


def _h2(title: str) -> str:
    # A paragraph, not <h2>: Qt gives headings its own large size whatever the style says.
    return (
        f"<p style='font-size: 12pt; font-weight: bold; margin-top: 4pt; margin-bottom: 1pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</p>"
    )


def _h3(title: str) -> str:
    return (
        f"<p style='font-size: 10pt; font-weight: bold; margin-top: 3pt; margin-bottom: 1pt; "
        f"{keep(KEEP_WITH_NEXT)}'>{escape(title)}</p>"
    )


def _p(text: str, extra: str = "") -> str:
    return f"<p style='margin-top: 1pt; margin-bottom: 1pt; font-size: 9.5pt; {extra}'>{text}</p>"


def _last(items: Sequence[T]) -> Sequence[T]:
    """The latest MAX_ROWS of ``items`` (in time order): what a detail table prints. Cut
    before the rows are made: a year's 4,000 alerts were worded only to be left out."""
    return items[-MAX_ROWS:]


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths=(), total: int | None = None
) -> str:
    """A table whose header row repeats on every page. Cells are HTML already. Only the
    last MAX_ROWS rows are printed; a line before the table says how many are left out
    (``total``: how many there were, when ``rows`` were cut with ``_last`` already)."""
    total = len(rows) if total is None else total
    shown = rows[-MAX_ROWS:]
    left_out = total - len(shown)
    head = "".join(
        f"<th align='left' bgcolor='#e6e6e6'"
        f"{f' width={widths[i]!r}' if i < len(widths) else ''}>{escape(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in shown)
    note = ""
    if left_out:
        note = _p(
            ngettext(
                "The latest {shown} rows of {total}; the {count} earlier one is in the diary's "
                "exports (spreadsheet or CSV).",
                "The latest {shown} rows of {total}; the {count} earlier ones are in the "
                "diary's exports (spreadsheet or CSV).",
                left_out,
            ).format(shown=len(shown), total=total, count=left_out),
            f"font-size: 9pt; {keep(KEEP_WITH_NEXT)}",
        )
    return f"{note}{TABLE}<thead><tr>{head}</tr></thead>{body}</table>"


def _signed(number: float) -> str:
    """ "+2.5" / "-1.0" (``+2,5`` in Spanish)."""
    return ("+" if number >= 0 else "-") + decimal(abs(number))


# The header band and the "at a glance" block -------------------------------------------


def _header(data: ReportData) -> str:
    """Team · Day and phase · period, in one band across the page."""
    period = data.period
    team = data.team.name if data.team is not None and data.team.name else _("Transplant team")
    first, last = period.first, period.last
    start = _short(first) + (f" {first.year}" if first.year != last.year else "")
    dates = _("{first} to {last}").format(first=start, last=f"{_short(last)} {last.year}")
    days = _("({first} to {last})").format(
        first=escape(_day(data, first)), last=escape(_day(data, last))
    )
    cells = (
        f"<b>{_e(team)}</b>",
        f"<b>{_day(data, last)}</b> · {escape(data.phase.title)}",
        f"<b>{escape(dates)}</b> {days}",
    )
    band = "".join(f"<td>{cell}</td>" for cell in cells)
    reason = period.reason[:1].upper() + period.reason[1:]
    printed = _(
        "Printed {date} {time}. From the diary kept in Transplant Companion: what was "
        "entered, as entered. Your team decides what it means."
    ).format(date=format_date(data.printed_at.date()), time=clock(data.printed_at))
    return (
        "<table border='0' cellspacing='0' cellpadding='4' width='100%' bgcolor='#eeeeee' "
        f"style='font-size: 10.5pt;'><tr>{band}</tr></table>"
        + _p(f"{escape(reason)}. {escape(printed)}", "font-size: 9pt;")
    )


def _glance_alerts(data: ReportData) -> str:
    if not data.has(Section.ALERTS):
        return ""
    if not data.alerts:
        text = escape(_("No alerts in this period."))
    else:
        emergency = data.emergencies
        count = data.alerts_total
        if emergency:
            first = ngettext(
                "{count} alert ({emergency} for emergency services), latest first:",
                "{count} alerts ({emergency} for emergency services), latest first:",
                count,
            ).format(count=count, emergency=emergency)
        else:
            first = ngettext(
                "{count} alert, latest first:", "{count} alerts, latest first:", count
            ).format(count=count)
        lines = [escape(first)]
        for alert in list(reversed(data.alerts))[:GLANCE_ITEMS]:
            if not alert.contacted_at:
                contacted = _("no contact recorded")
            elif alert.contacted_at.date() == alert.raised_at.date():  # the same day: the time
                time_only = clock(alert.contacted_at)
                if alert.contact_who == "emergency":
                    contacted = _("emergency services contacted {time}").format(time=time_only)
                else:
                    contacted = _("team contacted {time}").format(time=time_only)
            else:
                values = {
                    "date": _short(alert.contacted_at.date()),
                    "time": clock(alert.contacted_at),
                }
                if alert.contact_who == "emergency":
                    contacted = _("emergency services contacted {date} {time}").format(**values)
                else:
                    contacted = _("team contacted {date} {time}").format(**values)
            lines.append(
                f"{escape(_day_month_short(alert.raised_at.date()))} {clock(alert.raised_at)}: "
                f"{_e(alert_reason(alert, data.vocabulary, data.unit))} → {escape(contacted)}"
            )
        if data.alerts_total > GLANCE_ITEMS:
            more = data.alerts_total - GLANCE_ITEMS
            lines.append(
                escape(
                    ngettext(
                        "and {count} more (listed below)", "and {count} more (listed below)", more
                    ).format(count=more)
                )
            )
        text = "<br/>".join(lines)
    team = sum(1 for e in data.contacts if e.detail != "emergency")
    emergency = len(data.contacts) - team
    contacts = _("Contacts recorded: {team}, {emergency}.").format(
        team=ngettext("{count} with the transplant team", "{count} with the team", team).format(
            count=team
        ),
        emergency=ngettext(
            "{count} with emergency services", "{count} with emergency services", emergency
        ).format(count=emergency),
    )
    return _row(_("Alerts and contacts"), f"{text}<br/>{escape(contacts)}")


def _glance_temperature(data: ReportData) -> str:
    if not data.has(Section.TEMPERATURE):
        return ""
    days = data.daily_temperatures
    if not days:
        return _row(_("Highest temperature"), escape(_("No temperatures were logged.")))
    hot = [d for d in days if d.highest_c >= data.fever_c]
    top = max(days, key=lambda d: d.highest_c)
    summary = escape(
        ngettext(
            "Highest {value} on {date}; {count} day at or above {limit}.",
            "Highest {value} on {date}; {count} days at or above {limit}.",
            len(hot),
        ).format(
            value=temperature(top.highest_c, data.unit),
            date=_short(top.day),
            count=len(hot),
            limit=temperature(data.fever_c, data.unit),
        )
    )
    if len(days) > 31:  # a long period: the months below give the detail
        return _row(_("Highest temperature"), summary)
    unit = data.unit

    def shown(c: float) -> str:
        value = decimal(unit.from_celsius(c))
        return f"<b>{value}</b>" if c >= data.fever_c else value

    # Day and month only (the weekdays are in the chart's axis and the tables): a
    # fortnight in three lines, in the longer Spanish too.
    per_day = " · ".join(
        f"{escape(_day_month_short(d.day))}\N{NO-BREAK SPACE}{shown(d.highest_c)}" for d in days
    )
    return _row(
        _("Highest temperature per day ({unit})").format(unit=unit.symbol),
        f"{per_day}<br/>{summary}",
    )


def _trend(values: list[tuple[datetime, float]], show: Callable[[float], str]) -> str:
    at, value = values[-1]
    text = _("{value} on {date}").format(
        value=f"<b>{escape(show(value))}</b>", date=escape(_short(at.date()))
    )
    if len(values) > 1:
        before_at, before = values[-2]
        if value > before:
            change = _("(up from {value} on {date})")
        elif value < before:
            change = _("(down from {value} on {date})")
        else:
            change = _("(same as {value} on {date})")
        text += " " + change.format(
            value=escape(show(before)), date=escape(_short(before_at.date()))
        )
    return text


def _glance_counts(data: ReportData) -> str:
    if not data.has(Section.COUNTS):
        return ""
    lines = []
    for label, attribute, show in (
        ("ANC", "anc", lambda v: count_text(v, data.count_unit)),
        ("Platelets", "platelets", lambda v: count_text(v, data.count_unit)),
        ("Haemoglobin", "hb", lambda v: hb_text(v, data.hb_unit)),
    ):
        values = [
            (lab.at, getattr(lab, attribute))
            for lab in data.labs
            if getattr(lab, attribute) is not None
        ]
        if values:
            lines.append(f"{escape(value_name(label))}: {_trend(values, show)}")
    if data.transfusions:
        given = ", ".join(
            f"{_product(t.product)} {_day_month_short(t.on)}"
            for t in data.transfusions[-GLANCE_ITEMS:]
        )
        lines.append(escape(_("Transfusions: {list}").format(list=given)))
    return _row(
        _("Latest counts"), "<br/>".join(lines) or escape(_("No blood counts were entered."))
    )


def _product(product: Product) -> str:
    """ "platelets", "red cells" in the app's language."""
    return product_word(product.value)


def _glance_weight(data: ReportData) -> str:
    if not data.has(Section.SYMPTOMS):
        return ""
    if not data.weights:
        return _row(_("Weight"), escape(_("No weight was logged.")))
    day, kg = data.weights[-1]
    text = _("{value} on {date}").format(
        value=f"<b>{escape(kilos(kg))}</b>", date=escape(_short(day))
    )
    baseline = data.baseline
    if baseline is not None and baseline.kg:
        percent = (kg - baseline.kg) / baseline.kg * 100
        change = f"{_signed(percent)} %"
        if percent > data.weight_percent:
            change = f"<b>{change} ⚠</b>"
        text += ": " + _(
            "{change} from {weight} before treatment (limit: more than {limit} %)"
        ).format(
            change=change,
            weight=escape(kilos(baseline.kg)),
            limit=number_text(data.weight_percent),
        )
    return _row(_("Weight"), text)


def _glance_symptoms(data: ReportData) -> str:
    if not data.has(Section.SYMPTOMS):
        return ""
    grid = data.symptoms
    worst: list[tuple[int, str, date]] = []
    for index, (_id, label) in enumerate(grid.terms):
        best: tuple[int, date] | None = None
        for day, values in grid.rows:
            value = values[index]
            if value is not None and (best is None or value > best[0]):
                best = (value, day)
        if best is not None:
            worst.append((best[0], label, best[1]))
    title = _("Symptoms at their worst")
    if not worst:
        return _row(title, escape(_("No symptoms were logged.")))
    worst.sort(key=lambda item: -item[0])
    parts = [
        f"{_e(label)}: {'<b>' if value >= 3 else ''}{escape(severity_word(value))}"
        f"{'</b>' if value >= 3 else ''} ({escape(_day_month_short(day))})"
        for value, label, day in worst[: GLANCE_ITEMS + 2]
    ]
    if len(worst) > GLANCE_ITEMS + 2:
        more = len(worst) - GLANCE_ITEMS - 2
        parts.append(
            escape(
                ngettext(
                    "and {count} more (grid below)", "and {count} more (grid below)", more
                ).format(count=more)
            )
        )
    signs = len(data.infections)
    text = "; ".join(parts)
    if signs:
        text += "<br/>" + escape(
            ngettext(
                "{count} infection sign logged (below).",
                "{count} infection signs logged (below).",
                signs,
            ).format(count=signs)
        )
    return _row(title, text)


def _glance_medicines(data: ReportData) -> str:
    """The doses missed or skipped in the grid's days (the last 7 of the period)."""
    if not data.has(Section.MEDICINES):
        return ""
    title = _("Medicines missed")
    if not data.medicines:
        return _row(title, escape(_("No medicines were on the list in these days.")))
    missed: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for day in data.medicines:
        for dose in day.doses:
            if dose.status is DoseStatus.MISSED:
                missed[day.medicine.name] = missed.get(day.medicine.name, 0) + 1
            elif dose.status is DoseStatus.SKIPPED:
                skipped[day.medicine.name] = skipped.get(day.medicine.name, 0) + 1
    if not missed and not skipped:
        return _row(title, escape(_("No dose was recorded as missed or skipped.")))
    parts = [
        f"{_e(name)}: "
        + escape(ngettext("{count} dose missed", "{count} doses missed", count).format(count=count))
        for name, count in missed.items()
    ] + [
        f"{_e(name)}: "
        + escape(
            ngettext("{count} dose skipped", "{count} doses skipped", count).format(count=count)
        )
        for name, count in skipped.items()
    ]
    return _row(title, "; ".join(parts) + " " + escape(_("(grid below).")))


def _glance_questions(data: ReportData) -> str:
    if not data.has(Section.QUESTIONS):
        return ""
    title = _("Questions for this visit")
    if not data.questions:
        return _row(title, escape(_("No questions are waiting in the notebook.")))
    items = " ".join(
        f"<b>{number}.</b> {_e(placed.question.text)}"
        for number, placed in enumerate(data.questions, start=1)
    )
    return _row(title, items)


def _row(label: str, value: str) -> str:
    return f"<tr><td width='21%'><b>{escape(label)}</b></td><td>{value}</td></tr>"


GLANCE_ROWS: tuple[Callable[[ReportData], str], ...] = (
    _glance_alerts,
    _glance_temperature,
    _glance_counts,
    _glance_weight,
    _glance_symptoms,
    _glance_medicines,
    _glance_questions,
)


def _glance(data: ReportData) -> str:
    rows = "".join(row(data) for row in GLANCE_ROWS)
    return (
        "<table border='1' cellspacing='0' cellpadding='2' width='100%' "
        "style='border-collapse: collapse; border-color: #777777; font-size: 9.5pt;'>"
        f"{rows}</table>"
    )


def _strip(data: ReportData) -> str:
    temperature_shown = data.has(Section.TEMPERATURE)
    counts_shown = data.has(Section.COUNTS)
    if temperature_shown and counts_shown:
        text = _(
            "Temperature with your team's limit; ANC with the 0.5 line, platelets with 20 and "
            "50; P and R: platelet and red cell transfusions; a hollow dot: ANC worked out "
            "from WBC × neutrophils %."
        )
    elif counts_shown:
        text = _(
            "ANC with the 0.5 line, platelets with 20 and 50; P and R: platelet and red cell "
            "transfusions; a hollow dot: ANC worked out from WBC × neutrophils %."
        )
    else:
        text = _("Temperature with your team's limit.")
    return _p(escape(text), f"font-size: 9pt; {keep(KEEP_WITH_NEXT)}") + chart_placeholder("strip")


# Detail sections -----------------------------------------------------------------------


def _months(data: ReportData) -> str:
    unit, cu = data.unit, data.count_unit
    rows = [
        (
            escape(app_strftime(m.month, "%b %Y")),
            str(m.readings),
            escape(temperature(m.highest_c, unit).split(" (")[0]) if m.highest_c else "—",
            str(m.days_at_limit),
            str(m.alerts),
            escape(count_text(m.lowest_anc, cu)) if m.lowest_anc is not None else "—",
            escape(count_text(m.lowest_platelets, cu)) if m.lowest_platelets is not None else "—",
            escape(kilos(m.last_weight)) if m.last_weight is not None else "—",
            str(m.symptoms_severe),
        )
        for m in data.months
    ]
    return _p(
        escape(
            _(
                "The period is long: first each month in figures, then the detail tables "
                "(their latest rows)."
            )
        ),
        keep(KEEP_WITH_NEXT),
    ) + _table(
        [
            _("Month"),
            _("Readings"),
            _("Highest"),
            _("Days at limit"),
            _("Alerts"),
            _("Lowest ANC"),
            _("Lowest platelets"),
            _("Last weight"),
            _("Severe symptoms"),
        ],
        rows,
    )


def _who(who: str) -> str:
    """Whom a contact reached, as the report's contact column says it."""
    return _("Emergency services") if who == "emergency" else _("Team")


def _alerts(data: ReportData) -> str:
    parts = []
    contacts = {entry.at: entry for entry in data.contacts}
    told: set[datetime] = set()
    if not data.alerts:
        parts.append(_p(escape(_("No alerts were raised in this period."))))
    else:
        rows = []
        emergency_level = "<b>" + escape(_("Emergency services:")) + "</b> "
        for alert in _last(data.alerts):  # in the time each was raised
            level = emergency_level if alert.level is AlertLevel.EMERGENCY else ""
            contacted = escape(_("not recorded"))
            if alert.contacted_at:
                contacted = escape(f"{_who(alert.contact_who)} {_when(data, alert.contacted_at)}")
                contact = contacts.get(alert.contacted_at)
                if contact is not None:
                    told.add(contact.at)
                    if contact.note:
                        contacted += f": {_e(contact.note)}"
            rows.append(
                (
                    escape(_when(data, alert.raised_at, alert.entry_id)),
                    level + _e(alert_reason(alert, data.vocabulary, data.unit)),
                    contacted,
                )
            )
        parts.append(
            _table(
                [_("When"), _("Why"), _("Contacted, and what was said")],
                rows,
                ("25%", "40%", "35%"),
                data.alerts_total,
            )
        )
    # Contacts not already beside their alert.
    others = [entry for entry in data.contacts if entry.at not in told]
    if others:
        rows = [
            (
                escape(_when(data, entry.at, entry.id)),
                escape(
                    _("emergency services") if entry.detail == "emergency" else _("transplant team")
                ),
                _e(entry.note) or "—",
            )
            for entry in _last(others)
        ]
        parts.append(_h3(_("Other contacts recorded")))
        parts.append(
            _table([_("When"), _("Who"), _("Note")], rows, ("26%", "20%", "54%"), len(others))
        )
    elif not data.contacts:
        parts.append(
            _p(escape(_("No contact with the team was recorded in the app in this period.")))
        )
    return "".join(parts)


def _temperature(data: ReportData) -> str:
    """Readings at or above the limit, or below the low limit: the rest are in the glance
    block and the chart."""
    if not data.temperatures:
        return _p(escape(_("No temperatures were logged in this period.")))
    marked = [
        (at, c, entry_id)
        for at, c, entry_id in _readings(data)
        if c >= data.fever_c or c < data.low_c
    ]
    count = len(data.temperatures)
    values = {
        "count": count,
        "limit": escape(temperature(data.fever_c, data.unit)),
        "low": escape(temperature(data.low_c, data.unit)),
    }
    if not marked:
        return _p(
            ngettext(
                "{count} reading; none at or above {limit} or below {low}.",
                "{count} readings; none at or above {limit} or below {low}.",
                count,
            ).format(**values)
        )
    if len(marked) <= 3:  # a line, not a table
        listed = "; ".join(
            f"<b>{escape(temperature(c, data.unit))}</b> {escape(_when(data, at, entry_id))}"
            for at, c, entry_id in marked
        )
        return _p(
            ngettext(
                "{count} reading; at or above {limit} or below {low}: {listed}.",
                "{count} readings; at or above {limit} or below {low}: {listed}.",
                count,
            ).format(listed=listed, **values)
        )
    rows = [
        (
            escape(_when(data, at, entry_id)),
            f"<b>{escape(temperature(c, data.unit))}</b>",
            escape(_("at or above the limit") if c >= data.fever_c else _("below the low limit")),
        )
        for at, c, entry_id in marked
    ]
    return _p(
        ngettext(
            "{count} reading; these were at or above {limit}, or below {low}:",
            "{count} readings; these were at or above {limit}, or below {low}:",
            count,
        ).format(**values),
        keep(KEEP_WITH_NEXT),
    ) + _table([_("When"), _("Temperature"), ""], rows, ("40%", "30%", "30%"))


def _readings(data: ReportData) -> list[tuple[datetime, float, int | None]]:
    ids = data.temperature_ids
    return [
        (at, c, ids[i] if i < len(ids) else None) for i, (at, c) in enumerate(data.temperatures)
    ]


def _counts(data: ReportData) -> str:
    if not data.labs and not data.transfusions:
        return _p(escape(_("No blood counts or transfusions were entered for this period."))) + _p(
            "<br/>".join(_e(text) for _note, text in data.engraftment)
        )
    parts = []
    order = list(RecoveryNote)  # the team's date first, then what the values meet
    for note, text in sorted(data.engraftment, key=lambda pair: order.index(pair[0])):
        strong = note in (
            RecoveryNote.TEAM,
            RecoveryNote.NEUTROPHILS_MET,
            RecoveryNote.PLATELETS_MET,
        )
        parts.append(_p(f"<b>{_e(text)}</b>" if strong else _e(text)))
    given: dict[date, list[str]] = {}
    for transfusion in data.transfusions:
        given.setdefault(transfusion.on, []).append(_product(transfusion.product))
    lab_days = {lab.day for lab in data.labs}
    entries = sorted(
        [(lab.at, lab) for lab in data.labs]
        + [
            (datetime.combine(day, datetime.min.time()).astimezone(), None)
            for day in given
            if day not in lab_days
        ],
        key=lambda pair: (pair[0].date(), pair[0].time()),
    )
    cu, hu = data.count_unit, data.hb_unit
    worked_out = False
    rows = []
    marked: set[date] = set()
    for at, lab in _last(entries):
        day = at.date()
        transfused = ""
        if day in given and day not in marked:
            marked.add(day)
            transfused = "⬤ " + ", ".join(given[day])
        if lab is None:
            rows.append((escape(_short(day)), "", escape(_day(data, day)), "", "", "", transfused))
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
    parts.append(
        _table(
            [
                _("Date"),
                pgettext("time of day", "At"),
                _("Day"),
                value_name("ANC"),
                value_name("Platelets"),
                _("Hb"),
                _("Transfusion"),
            ],
            rows,
            ("14%", "8%", "11%", "19%", "17%", "13%", "18%"),
            len(entries),
        )
    )
    if worked_out:
        parts.append(
            _p(
                escape(
                    _("* worked out from WBC × neutrophils % (segmented and bands), as entered.")
                ),
                "font-size: 9pt;",
            )
        )
    return "".join(parts)


def _symptoms(data: ReportData) -> str:
    parts = []
    grid = data.symptoms
    if not grid.terms:
        parts.append(_p(escape(_("No symptoms were logged in this period."))))
    else:
        # At most a few symptoms side by side: a heavy diary names dozens, and a table
        # that wide would wrap every cell. Wider grids continue below, same days.
        for start in range(0, len(grid.terms), GRID_COLUMNS):
            terms = grid.terms[start : start + GRID_COLUMNS]
            rows = []
            for day, values in _last(grid.rows):
                cells = [escape(_short(day)), escape(_day(data, day))]
                for value in values[start : start + GRID_COLUMNS]:
                    if value is None:
                        cells.append("—")
                    else:
                        shade = SEVERITY_SHADES[value]
                        strong = value >= 3
                        cells.append(
                            f"<span style='background-color: {shade};'>"
                            f"{'<b>' if strong else ''}{escape(severity_word(value))}"
                            f"{'</b>' if strong else ''}</span>"
                        )
                rows.append(cells)
            parts.append(
                _table(
                    [_("Worst each day"), _("Day"), *(_e(label) for _id, label in terms)],
                    rows,
                    total=len(grid.rows),
                )
            )
    if data.infections:
        rows = [
            (
                escape(_when(data, e.at, e.id)),
                _e(data.vocabulary.label(e.kind, e.term)),
                _e(e.note) or "—",
            )
            for e in _last(data.infections)
        ]
        parts.append(_h3(_("Infection signs")))
        parts.append(
            _table(
                [_("When"), _("Sign"), _("Note")], rows, ("30%", "36%", "34%"), len(data.infections)
            )
        )
    else:
        parts.append(_p(escape(_("No infection signs were logged in this period."))))
    if data.donor or data.gvhd:
        if not data.gvhd:
            parts.append(_p(escape(_("Nothing was logged for the GVHD watch in this period."))))
        elif not any(day.rashes or day.yellow for day in data.gvhd):
            stools = " · ".join(
                f"{escape(_short(day.day))}\N{NO-BREAK SPACE}"
                + (
                    f"<b>{day.stools} ⚠</b>"
                    if day.stools is not None and day.stools >= data.stools_per_day
                    else str(day.stools)
                )
                for day in data.gvhd[-MAX_ROWS:]
                if day.stools is not None
            )
            parts.append(
                _p(
                    _(
                        "<b>GVHD watch:</b> no rash or yellow skin or eyes logged. Loose stools "
                        "(the most in a day): {stools}."
                    ).format(stools=stools)
                )
            )
        else:
            parts.append(_h3(_("GVHD watch: stools, rash, yellow skin or eyes")))
            rows = []
            for day in _last(data.gvhd):
                rash = "; ".join(
                    rash_area_word(e.term)
                    + (f" ({rash_extent_word(e.detail)})" if e.detail in RASH_EXTENTS else "")
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
                        _e(rash) or "—",
                        escape(_("yes")) if day.yellow else "—",
                    )
                )
            parts.append(
                _table(
                    [_("Date"), _("Day"), _("Loose stools"), _("Rash"), _("Yellow skin or eyes")],
                    rows,
                    ("16%", "12%", "16%", "36%", "20%"),
                    len(data.gvhd),
                )
            )
    parts.append(_weights(data))
    return "".join(parts)


def _weights(data: ReportData) -> str:
    if not data.weights:
        return _p(escape(_("No weights were logged in this period.")))
    baseline = data.baseline
    items = []
    for day, kg in data.weights[-MAX_ROWS:]:
        text = (
            f"{day.day}\N{NO-BREAK SPACE}{escape(app_strftime(day, '%b'))}"
            f"\N{NO-BREAK SPACE}{decimal(kg)}"
        )
        if baseline is not None and baseline.kg:
            percent = (kg - baseline.kg) / baseline.kg * 100
            if percent > data.weight_percent:
                text = f"<b>{text} ({_signed(percent)} % ⚠)</b>"
        items.append(text)
    where = ""
    if baseline is not None:
        if baseline.before_conditioning:
            where = _("Before treatment: {weight}.")
        else:
            where = _(
                "Before treatment: {weight} (the first weight logged: none from before "
                "conditioning is in the diary)."
            )
        where = escape(where.format(weight=kilos(baseline.kg)))
    left_out = len(data.weights) - len(items)
    more = ""
    if left_out:
        more = " " + escape(
            ngettext(
                "The {count} earlier day is in the exports.",
                "The {count} earlier days are in the exports.",
                left_out,
            ).format(count=left_out)
        )
    # The weight before treatment beside the heading: one line less under it.
    heading = _h3(_("Weight, the last of each day (kg)"))
    if where:
        heading = heading.replace(
            "</p>", f" <span style='font-weight: normal; font-size: 9.5pt;'>{where}</span></p>"
        )
    return heading + _p(" · ".join(items) + more)


def _questions(data: ReportData) -> str:
    """The questions with room for the answers (one row each: they are listed in full in
    the glance block too)."""
    visit = data.visit
    if visit is not None:
        intro = _e(
            _("For the {appointment}.").format(
                appointment=appointment_line(visit, data.day_number(visit.day))
            )
        )
    else:
        intro = escape(_("For your next visit (not booked in the app yet)."))
    parts = [_p(intro, keep(KEEP_WITH_NEXT))]
    if data.questions:
        rows = []
        for number, placed in enumerate(data.questions, start=1):
            carried = ""
            if placed.carried_from is not None:
                carried = (
                    " <i>"
                    + _e(
                        _("(not answered at the {appointment} on {date})").format(
                            appointment=placed.carried_from.what,
                            date=_short(placed.carried_from.day),
                        )
                    )
                    + "</i>"
                )
            rows.append((str(number), f"{_e(placed.question.text)}{carried}", "<br/>"))
        parts.append(_table(["", _("Question"), _("Answer")], rows, ("4%", "48%", "48%")))
    else:
        parts.append(_p(escape(_("No questions are waiting in the notebook."))))
    other = escape(_("Other questions and notes:"))
    parts.append(
        f"<p style='margin-top: 4pt; font-size: 10pt; {keep(KEEP_TOGETHER)}'><b>"
        f"{other}</b> {'_' * 56}</p>"
    )
    return "".join(parts)


def _notes(data: ReportData) -> str:
    if not data.notes:
        return _p(escape(_("No notes were written in this period.")))
    notes = data.notes[-MAX_ROWS:]
    left_out = len(data.notes) - len(notes)
    parts = []
    if left_out:
        parts.append(
            _p(
                escape(
                    ngettext(
                        "The latest {shown} notes; {count} earlier one is in the exports.",
                        "The latest {shown} notes; {count} earlier ones are in the exports.",
                        left_out,
                    ).format(shown=len(notes), count=left_out)
                )
            )
        )
    parts += [
        f"<p style='margin-top: 2pt; margin-bottom: 2pt; font-size: 10pt; "
        f"{keep(KEEP_TOGETHER)}'>"
        f"<b>{escape(_when(data, note.at, note.id))}</b>: {_e(note.note)}</p>"
        for note in notes
    ]
    return "".join(parts)


def _about(data: ReportData) -> str:
    """The transplant, the limits set in the app and the team's numbers, in small print."""
    transplant = data.transplant
    unit = data.unit

    def short(celsius: float) -> str:
        return f"{decimal(unit.from_celsius(celsius))} {unit.symbol}"

    text = _("<b>About this diary:</b> {kind}; {source}").format(
        kind=escape(transplant.kind.title), source=escape(transplant.source.short)
    )
    if data.transplant_count > 1:
        text += escape(
            _("; transplant {number} of {count}").format(
                number=transplant.number, count=data.transplant_count
            )
        )
    text += escape(
        _("; Day 0 {date}, conditioning from {day}.").format(
            date=f"{_short(transplant.day0)} {transplant.day0.year}",
            day=format_day(-transplant.conditioning_days),
        )
    )
    text += " " + ngettext(
        "<b>Limits:</b> {fever} or above, below {low}, weight +{weight} %, {count} loose "
        "stool a day.",
        "<b>Limits:</b> {fever} or above, below {low}, weight +{weight} %, {count} loose "
        "stools a day.",
        data.stools_per_day,
    ).format(
        fever=escape(short(data.fever_c)),
        low=escape(short(data.low_c)),
        weight=number_text(data.weight_percent),
        count=data.stools_per_day,
    )
    if not data.has(Section.COUNTS):
        text += " " + " ".join(_e(line) for _note, line in data.engraftment)
    if data.team is not None:
        numbers = "; ".join(
            f"{_e(line.label)} <b>{_e(line.phone)}</b>"
            for line in team_lines(data.team, data.printed_at)
        )
        text += " " + _("<b>Team:</b> {numbers}.").format(numbers=numbers)
    return _p(text, "font-size: 8.5pt; margin-top: 4pt;")


@dataclass(frozen=True, slots=True)
class ReportPart:
    """One part of the report: its heading (none for the opening block), when it is
    printed, and the builder that makes its HTML from the report's data. The heading is a
    function: the language is chosen after this module is imported."""

    key: str
    heading: Callable[[], str]
    wanted: Callable[[ReportData], bool]
    build: Callable[[ReportData], str]

    @property
    def title(self) -> str:
        """The heading in the app's language ("" for none)."""
        return self.heading()


SECTION_HEADINGS = {
    Section.SUMMARY: N_("At a glance"),
    Section.ALERTS: N_("Alerts and contacts with the team"),
    Section.TEMPERATURE: N_("Temperature"),
    Section.COUNTS: N_("Blood counts"),
    Section.SYMPTOMS: N_("Symptoms, signs and weight"),
    Section.MEDICINES: N_("Medicines: the last 7 days"),
    Section.QUESTIONS: N_("Questions for this visit"),
    Section.NOTES: N_("Notes"),
}


def _heading(section: Section) -> Callable[[], str]:
    return lambda: _(SECTION_HEADINGS[section])


def _no_heading() -> str:
    return ""


def _has(*sections: Section) -> Callable[[ReportData], bool]:
    return lambda data: any(data.has(section) for section in sections)


# The report, in the order printed. A new section is one entry here (and its Section).
REPORT_PARTS: list[ReportPart] = [
    ReportPart("glance", _heading(Section.SUMMARY), _has(Section.SUMMARY), _glance),
    ReportPart("charts", _no_heading, _has(Section.TEMPERATURE, Section.COUNTS), _strip),
    ReportPart("months", lambda: _("Month by month"), lambda data: bool(data.months), _months),
    ReportPart("alerts", _heading(Section.ALERTS), _has(Section.ALERTS), _alerts),
    ReportPart(
        "temperature", _heading(Section.TEMPERATURE), _has(Section.TEMPERATURE), _temperature
    ),
    ReportPart("counts", _heading(Section.COUNTS), _has(Section.COUNTS), _counts),
    ReportPart("symptoms", _heading(Section.SYMPTOMS), _has(Section.SYMPTOMS), _symptoms),
    ReportPart(
        "immunity",
        lambda: _("Immune system and vaccines"),
        lambda data: data.immunity is not None,
        lambda data: immunity_section_body(data.immunity),
    ),
    ReportPart(
        "medicines",
        _heading(Section.MEDICINES),
        lambda data: data.has(Section.MEDICINES) and bool(data.medicines),  # else one glance line
        lambda data: render_medicine_section(data.medicines),
    ),
    ReportPart("questions", _heading(Section.QUESTIONS), _has(Section.QUESTIONS), _questions),
    ReportPart("notes", _heading(Section.NOTES), _has(Section.NOTES), _notes),
    ReportPart("about", _no_heading, _has(Section.SUMMARY), _about),
]


def report_outline(data: ReportData) -> list[str]:
    """The headings printed, in order: the PDF's bookmarks."""
    return [part.title for part in REPORT_PARTS if part.title and part.wanted(data)]


def render_report_html(data: ReportData) -> str:
    """The whole report as HTML for QTextDocument, with chart placeholders."""
    heading = escape(_("Visit report"))
    parts = [
        f'<html lang="{i18n.language()}"><body style="font-family: {FONT}; font-size: 10pt;">',
        "<p style='font-size: 17pt; font-weight: bold; margin-top: 0pt; margin-bottom: 2pt;'>"
        f"{heading}</p>",
        _header(data),
    ]
    for part in REPORT_PARTS:
        if not part.wanted(data):
            continue
        title = part.title
        if title:
            parts.append(_h2(title))
        parts.append(part.build(data))
    parts.append("</body></html>")
    return "".join(parts)
