"""The whole diary as a spreadsheet (.xlsx): one sheet per kind, real numbers and times.

Text cells are stored as strings, never as formulas: a note typed as "=1+1" stays those
characters. Times are real date-times (as the user saw them: spreadsheets keep no time
zones), with the ISO-8601 text beside them. In LibreOffice this was the one format that
kept numbers as numbers under a decimal-comma locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from companion.domain.entries import Entry, EntryKind
from companion.domain.entry_kinds import ExportContext
from companion.domain.text import escape_controls
from companion.domain.wording import alert_reason, appointment_line
from companion.i18n import N_, _, pgettext
from companion.service.diary import DiaryService
from companion.storage.files import check_output, written_atomically

DATE_TIME = "yyyy-mm-dd hh:mm"
DATE = "yyyy-mm-dd"
NEXT_VISIT = N_("the next visit (not booked yet)")


def _naive(moment: datetime | None) -> datetime | None:
    """The wall-clock time the user saw (spreadsheets have no time zones)."""
    return None if moment is None else moment.replace(tzinfo=None)


def _times() -> list[str]:
    """The first columns of a sheet of events: the time twice (as a spreadsheet reads it,
    and ISO-8601) and the day number."""
    return [
        pgettext("spreadsheet", "Time"),
        pgettext("spreadsheet", "Time (ISO-8601)"),
        pgettext("spreadsheet", "Day"),
    ]


class _Sheets:
    """Adds sheets, storing every str as a string cell (never a formula)."""

    def __init__(self) -> None:
        import openpyxl  # only when exporting: start-up does not pay for it
        from openpyxl.styles import Font

        self.book = openpyxl.Workbook()
        self.book.remove(self.book.active)
        self._bold = Font(bold=True)

    def add(self, title: str, header: Sequence[str], rows: Iterable[Sequence]) -> int:
        sheet = self.book.create_sheet(title[:31])
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = self._bold
        sheet.freeze_panes = "A2"
        count = 0
        for row_number, values in enumerate(rows, start=2):
            count += 1
            for column, value in enumerate(values, start=1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=row_number, column=column)
                if isinstance(value, str):
                    value = escape_controls(value)  # openpyxl refuses a control character
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # "=1+1" stays text: openpyxl would make a formula
                elif isinstance(value, datetime):
                    cell.number_format = DATE_TIME
                elif isinstance(value, date):
                    cell.number_format = DATE
        for column, name in enumerate(header, start=1):
            letter = sheet.cell(row=1, column=column).column_letter
            sheet.column_dimensions[letter].width = max(12, min(60, len(name) + 4))
        return count


def export_xlsx(service: DiaryService, path: Path) -> dict[str, int]:
    """Write the diary to ``path`` as a workbook; return the rows written per sheet.

    Sheets: one per kind of log entry that has entries, then blood counts, transfusions,
    alerts, appointments and questions. Written atomically, mode 0600.
    """
    path = check_output(path, "diary.xlsx")
    sheets = _Sheets()
    written: dict[str, int] = {}
    transplant_day = _day_number(service)
    by_kind: dict[EntryKind, list[Entry]] = {}
    for entry in service.log.entries():
        by_kind.setdefault(entry.kind, []).append(entry)
    context = ExportContext(service.settings.temperature_unit, service.settings.vocabulary)
    for kind in EntryKind:
        entries = by_kind.get(kind)
        if not entries:
            continue
        extra = kind.spec.columns  # each kind's columns: companion.domain.entry_kinds
        header = [
            *_times(),
            *(column.heading_text(context) for column in extra),
            pgettext("spreadsheet", "Note"),
        ]
        rows = (
            [
                _naive(e.at),
                e.at.isoformat(timespec="seconds"),
                transplant_day(e.at.date()),
                *(column.value(e, context) for column in extra),
                e.note,
            ]
            for e in entries
        )
        written[kind.title] = sheets.add(kind.title, header, rows)
    counts = pgettext("spreadsheet", "Blood counts")
    written[counts] = sheets.add(
        counts,
        [
            *_times(),
            pgettext("spreadsheet", "ANC (×10⁹/L)"),
            pgettext("spreadsheet", "ANC worked out from WBC"),
            pgettext("spreadsheet", "WBC (×10⁹/L)"),
            pgettext("spreadsheet", "Neutrophils (%)"),
            pgettext("spreadsheet", "Platelets (×10⁹/L)"),
            pgettext("spreadsheet", "Haemoglobin (g/L)"),
            pgettext("spreadsheet", "Lymphocytes (×10⁹/L)"),  # issue 21
            pgettext("spreadsheet", "CD4 (cells/µL)"),
            pgettext("spreadsheet", "IgG (g/L)"),
        ],
        (
            [
                _naive(lab.at),
                lab.at.isoformat(timespec="seconds"),
                transplant_day(lab.day),
                lab.anc,
                pgettext("spreadsheet", "yes") if lab.anc_computed else "",
                lab.wbc,
                lab.neutrophil_percent,
                lab.platelets,
                lab.hb,
                lab.lymphocytes,
                lab.cd4,
                lab.igg,
            ]
            for lab in service.labs.all()
        ),
    )
    ivig = service.immunity.ivig()  # issue 21: IVIG infusions as events
    if ivig:
        title = pgettext("spreadsheet", "IVIG")
        written[title] = sheets.add(
            title,
            _times(),
            (
                [_naive(at), at.isoformat(timespec="seconds"), transplant_day(at.date())]
                for at in ivig
            ),
        )
    title = pgettext("spreadsheet", "Transfusions")
    written[title] = sheets.add(
        title,
        [
            pgettext("spreadsheet", "Date"),
            pgettext("spreadsheet", "Day"),
            pgettext("spreadsheet", "Product"),
        ],
        ([t.on, transplant_day(t.on), t.product.value] for t in service.labs.transfusions()),
    )
    vocabulary, unit = service.settings.vocabulary, service.settings.temperature_unit
    title = pgettext("spreadsheet", "Alerts")
    written[title] = sheets.add(
        title,
        [
            pgettext("spreadsheet", "Raised"),
            pgettext("spreadsheet", "Raised (ISO-8601)"),
            pgettext("spreadsheet", "Level"),
            pgettext("spreadsheet", "Why"),
            pgettext("spreadsheet", "Contacted"),
            pgettext("spreadsheet", "Whom"),
        ],
        (
            [
                _naive(a.raised_at),
                a.raised_at.isoformat(timespec="seconds"),
                a.level.id,
                alert_reason(a, vocabulary, unit),
                _naive(a.contacted_at),
                a.contact_who or None,
            ]
            for a in service.log.alerts()
        ),
    )
    title = pgettext("spreadsheet", "Appointments")
    written[title] = sheets.add(
        title,
        [
            pgettext("spreadsheet", "When"),
            pgettext("spreadsheet", "When (ISO-8601)"),
            pgettext("spreadsheet", "Day"),
            pgettext("spreadsheet", "What"),
            pgettext("spreadsheet", "Kind"),
            pgettext("spreadsheet", "Where"),
            pgettext("spreadsheet", "With whom"),
            pgettext("spreadsheet", "Note"),
        ],
        (
            [
                _naive(a.at),
                a.at.isoformat(timespec="seconds"),
                transplant_day(a.day),
                a.what,
                a.kind.value,
                a.place,
                a.with_whom,
                a.note,
            ]
            for a in service.visits.appointments()
        ),
    )
    title = pgettext("spreadsheet", "Questions")
    written[title] = sheets.add(
        title,
        [
            pgettext("spreadsheet", "Asked"),
            pgettext("spreadsheet", "Question"),
            pgettext("spreadsheet", "For"),
            pgettext("spreadsheet", "Answered"),
            pgettext("spreadsheet", "Answer"),
        ],
        (
            [
                _naive(p.question.asked_at),
                p.question.text,
                appointment_line(p.appointment, None) if p.appointment else _(NEXT_VISIT),
                _naive(p.question.answered_at),
                p.question.answer,
            ]
            for p in service.visits.questions()
        ),
    )
    with written_atomically(path) as temp:
        sheets.book.save(temp)
    return written


def _day_number(service: DiaryService) -> Callable[[date], int | None]:
    if service.transplants.journey is None:
        return lambda _day: None
    return lambda day: service.transplants.on(day).day_number(day)
