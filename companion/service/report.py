"""The visit report's data: what the diary holds for a period, gathered once, Qt-free.

The printed report (``companion.printing.visit_report``) is a pure function of this data,
so the preview, the printer, the PDF and the command line all print the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from companion.domain.alerts import Alert, AlertLevel
from companion.domain.entries import Entry, EntryKind, TemperatureUnit
from companion.domain.journey import Phase, Transplant
from companion.domain.labs import CountUnit, HbUnit, LabResult, Transfusion
from companion.domain.rules import Baseline, Reading, Vocabulary, weight_baseline
from companion.domain.team import Team
from companion.domain.visits import Appointment, AppointmentKind, PlacedQuestion
from companion.domain.wording import RecoveryNote
from companion.i18n import N_, _, ngettext
from companion.service.diary import DiaryService
from companion.service.immunity import ImmunityReport, gather_immunity_report

DEFAULT_DAYS = 14
# A longer period is summarised month by month before the detail tables (a year's report
# was 420 pages of daily rows; a clinician reads the months, then the latest weeks).
SUMMARY_AFTER_DAYS = 92
# The alerts a report keeps (the latest; the rest are counted): more than any table prints.
KEEP_ALERTS = 200


class Section(StrEnum):
    """The report's sections, in the order printed; the values are the command line's."""

    SUMMARY = "summary"
    ALERTS = "alerts"
    TEMPERATURE = "temperature"
    COUNTS = "counts"
    SYMPTOMS = "symptoms"
    MEDICINES = "medicines"  # issue 20
    QUESTIONS = "questions"
    NOTES = "notes"

    @property
    def title(self) -> str:
        return _(_SECTION_TITLES[self])


_SECTION_TITLES = {
    Section.SUMMARY: N_("At a glance"),
    Section.ALERTS: N_("Alerts and contacts with the team"),
    Section.TEMPERATURE: N_("Temperature"),
    Section.COUNTS: N_("Blood counts"),
    Section.SYMPTOMS: N_("Symptoms, signs and weight"),
    Section.MEDICINES: N_("Medicines: the last 7 days"),  # issue 20
    Section.QUESTIONS: N_("Questions for this visit"),
    Section.NOTES: N_("Notes"),
}


def parse_sections(text: str) -> tuple[Section, ...]:
    """``summary,counts`` → the sections, in the report's order. Raises ValueError naming
    the valid ones for an unknown or empty list."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    valid = ", ".join(s.value for s in Section)
    if not names:
        raise ValueError(_("no sections given; choose from: {valid}").format(valid=valid))
    unknown = [n for n in names if n not in {s.value for s in Section}]
    if unknown:
        raise ValueError(
            _("unknown section {name!r}; choose from: {valid}").format(name=unknown[0], valid=valid)
        )
    return tuple(s for s in Section if s.value in names)


@dataclass(frozen=True, slots=True)
class Period:
    """The days the report covers (both included), and why those."""

    first: date
    last: date
    reason: str  # "since the clinic visit on …", "the last 14 days", "the dates chosen"

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


@dataclass(frozen=True, slots=True)
class DayTemperature:
    day: date
    highest_c: float
    at: datetime
    readings: int


@dataclass(frozen=True, slots=True)
class SymptomGrid:
    """The worst severity (0–4) logged per day for each symptom seen in the period."""

    terms: tuple[tuple[str, str], ...]  # (vocabulary id, label)
    rows: tuple[tuple[date, tuple[int | None, ...]], ...]


@dataclass(frozen=True, slots=True)
class GvhdDay:
    day: date
    stools: int | None  # the highest count logged that day (counts are since midnight)
    rashes: tuple[Entry, ...]
    yellow: bool


@dataclass(frozen=True, slots=True)
class MonthSummary:
    """One calendar month of a long period, in figures."""

    month: date  # its first day
    readings: int  # temperatures logged
    highest_c: float | None
    days_at_limit: int  # days with a reading at or above the fever limit
    alerts: int
    lowest_anc: float | None
    lowest_platelets: float | None
    last_weight: float | None
    symptoms_severe: int  # symptoms logged as severe or very severe


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything one visit report prints. Built by ``gather_report``."""

    period: Period
    sections: tuple[Section, ...]
    printed_at: datetime
    transplant: Transplant
    transplant_count: int
    phase: Phase  # on the period's last day
    today: date
    team: Team | None
    country: str
    fever_c: float
    low_c: float
    weight_percent: float
    stools_per_day: int
    # wording.engraftment_lines: (what the line says, its registry words; never "engrafted")
    engraftment: tuple[tuple[RecoveryNote, str], ...]
    visit: Appointment | None  # the visit the questions are for (None: not booked yet)
    alerts: tuple[Alert, ...] = ()
    contacts: tuple[Entry, ...] = ()
    temperatures: tuple[tuple[datetime, float], ...] = ()
    temperature_ids: tuple[int | None, ...] = ()  # the entries of ``temperatures``
    daily_temperatures: tuple[DayTemperature, ...] = ()
    labs: tuple[LabResult, ...] = ()
    transfusions: tuple[Transfusion, ...] = ()
    symptoms: SymptomGrid = field(default_factory=lambda: SymptomGrid((), ()))
    infections: tuple[Entry, ...] = ()
    donor: bool = True
    gvhd: tuple[GvhdDay, ...] = ()
    weights: tuple[tuple[date, float], ...] = ()  # the last weight of each day
    baseline: Baseline | None = None
    questions: tuple[PlacedQuestion, ...] = ()
    notes: tuple[Entry, ...] = ()
    unit: TemperatureUnit = TemperatureUnit.CELSIUS
    count_unit: CountUnit = CountUnit.PER_L
    hb_unit: HbUnit = HbUnit.G_DL
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary((), ()))
    # Entries saved well after the time they carry (back-dated): marked "entered later".
    entered_later: frozenset[int] = frozenset()
    # A long period's months in figures (empty for a period of SUMMARY_AFTER_DAYS or less).
    months: tuple[MonthSummary, ...] = ()
    # All alerts of the period and those for emergency services, when ``alerts`` keeps
    # only the latest KEEP_ALERTS (None: ``alerts`` holds them all).
    alert_count: int | None = None
    emergency_count: int | None = None

    @property
    def alerts_total(self) -> int:
        return len(self.alerts) if self.alert_count is None else self.alert_count

    @property
    def emergencies(self) -> int:
        if self.emergency_count is not None:
            return self.emergency_count
        return sum(1 for a in self.alerts if a.level is AlertLevel.EMERGENCY)

    @property
    def long(self) -> bool:
        return (self.period.last - self.period.first).days + 1 > SUMMARY_AFTER_DAYS

    medicines: tuple = ()  # issue 20: service.medicines.GridDay, the period's last 7 days
    # Issue 21: vaccines due, the live-vaccine check, chronic GVHD check, immune counts.
    immunity: ImmunityReport | None = None

    def day_number(self, day: date) -> int:
        return self.transplant.day_number(day)

    def has(self, section: Section) -> bool:
        return section in self.sections


def default_period(service: DiaryService) -> Period:
    """Since the last clinic visit before today; without one, the last 14 days."""
    today = service.today()
    visits = [
        a
        for a in service.visits.appointments()
        if a.kind is AppointmentKind.CLINIC_VISIT and a.at.date() < today
    ]
    if visits:
        last = visits[-1]
        from companion.domain.days import format_date
        from companion.i18n import _

        reason = _("since the clinic visit on {date}").format(date=format_date(last.day))
        return Period(last.at.date(), today, reason)
    reason = ngettext("the last {count} day", "the last {count} days", DEFAULT_DAYS)
    return Period(
        today - timedelta(days=DEFAULT_DAYS - 1), today, reason.format(count=DEFAULT_DAYS)
    )


def _in(period: Period, moment: datetime) -> bool:
    return period.first <= moment.date() <= period.last


def _daily_highest(readings: Iterable[tuple[datetime, float]]) -> list[DayTemperature]:
    best: dict[date, DayTemperature] = {}
    for at, celsius in readings:
        day = at.date()
        known = best.get(day)
        if known is None:
            best[day] = DayTemperature(day, celsius, at, 1)
        else:
            top = (celsius, at) if celsius > known.highest_c else (known.highest_c, known.at)
            best[day] = DayTemperature(day, top[0], top[1], known.readings + 1)
    return [best[d] for d in sorted(best)]


def _symptom_grid(period: Period, entries: Sequence[Entry], vocabulary: Vocabulary) -> SymptomGrid:
    worst: dict[tuple[date, str], int] = {}
    seen: list[str] = []
    for entry in entries:
        if entry.kind is not EntryKind.SYMPTOM or entry.severity is None:
            continue
        if entry.term not in seen:
            seen.append(entry.term)
        key = (entry.at.date(), entry.term)
        worst[key] = max(worst.get(key, -1), entry.severity)
    order = {s.id: i for i, s in enumerate(vocabulary.symptoms)}
    seen.sort(key=lambda term: (order.get(term, len(order)), term))
    terms = tuple((term, vocabulary.label(EntryKind.SYMPTOM, term)) for term in seen)
    # Only the days with something logged: an empty row says nothing, and years of them
    # made the report hundreds of pages long.
    logged = sorted({day for day, _term in worst})
    rows = tuple((day, tuple(worst.get((day, term)) for term, _label in terms)) for day in logged)
    return SymptomGrid(terms, rows)


def _months(
    period: Period,
    entries: Sequence[Entry],
    alerts: Sequence[Alert],
    labs: Sequence[LabResult],
    fever_c: float,
) -> list[MonthSummary]:
    """A long period month by month, in one pass over each kind of record."""

    def key(day: date) -> date:
        return day.replace(day=1)

    months: dict[date, dict] = {}

    def month(day: date) -> dict:
        return months.setdefault(
            key(day),
            {
                "readings": 0,
                "highest": None,
                "hot": set(),
                "alerts": 0,
                "anc": None,
                "plt": None,
                "weight": None,
                "severe": 0,
            },
        )

    for entry in entries:
        here = month(entry.at.date())
        if entry.kind is EntryKind.TEMPERATURE and entry.value is not None:
            here["readings"] += 1
            if here["highest"] is None or entry.value > here["highest"]:
                here["highest"] = entry.value
            if entry.value >= fever_c:
                here["hot"].add(entry.at.date())
        elif entry.kind is EntryKind.WEIGHT and entry.value is not None:
            here["weight"] = entry.value
        elif entry.kind is EntryKind.SYMPTOM and (entry.severity or 0) >= 3:
            here["severe"] += 1
    for alert in alerts:
        month(alert.raised_at.date())["alerts"] += 1
    for lab in labs:
        here = month(lab.at.date())
        if lab.anc is not None and (here["anc"] is None or lab.anc < here["anc"]):
            here["anc"] = lab.anc
        if lab.platelets is not None and (here["plt"] is None or lab.platelets < here["plt"]):
            here["plt"] = lab.platelets
    return [
        MonthSummary(
            first,
            m["readings"],
            m["highest"],
            len(m["hot"]),
            m["alerts"],
            m["anc"],
            m["plt"],
            m["weight"],
            m["severe"],
        )
        for first, m in sorted(months.items())
        if period.first.replace(day=1) <= first <= period.last
    ]


def _gvhd(period: Period, entries: Sequence[Entry]) -> list[GvhdDay]:
    by_day: dict[date, list[Entry]] = {}
    watched = (EntryKind.STOOLS, EntryKind.RASH, EntryKind.YELLOW)
    for entry in entries:  # once through the entries (per day, it took minutes for years)
        if entry.kind in watched:
            by_day.setdefault(entry.at.date(), []).append(entry)
    days = []
    for day in sorted(by_day):
        today = by_day[day]
        stools = [int(e.value) for e in today if e.kind is EntryKind.STOOLS and e.value is not None]
        rashes = tuple(e for e in today if e.kind is EntryKind.RASH)
        yellow = any(e.kind is EntryKind.YELLOW for e in today)
        if stools or rashes or yellow:
            days.append(GvhdDay(day, max(stools) if stools else None, rashes, yellow))
    return days


def gather_report(
    service: DiaryService,
    period: Period | None = None,
    sections: Iterable[Section] | None = None,
) -> ReportData:
    """The report's data for ``period`` (default: ``default_period``) from the diary.

    Reads only the period's entries (an index on the UTC time), so a long diary does not
    make a two-week report slow.
    """
    from companion.domain.kinds import TransplantKind
    from companion.domain.wording import engraftment_lines

    period = period or default_period(service)
    chosen = tuple(sections) if sections is not None else tuple(Section)
    chosen = tuple(s for s in Section if s in chosen)
    transplant = service.transplants.on(period.last)
    numbers = service.settings.numbers
    today = service.today()
    # A day's margin each side for time-zone offsets; exact local dates below.
    since = datetime.combine(period.first - timedelta(days=1), datetime.min.time()).astimezone()
    until = datetime.combine(period.last + timedelta(days=2), datetime.min.time()).astimezone()
    entries = [e for e in service.log.entries(since, until) if _in(period, e.at)]
    labs = service.labs.all()
    transfusions = service.labs.transfusions()
    assert service.transplants.journey is not None
    data = {
        "period": period,
        "sections": chosen,
        "printed_at": service.now(),
        "transplant": transplant,
        "transplant_count": len(service.transplants.journey.transplants),
        "phase": transplant.phase_on(period.last, today, numbers),
        "today": today,
        "team": service.settings.team,
        "country": service.settings.country,
        "fever_c": numbers.fever_rule.single_c,
        "low_c": numbers["low_temp_c"],
        "weight_percent": numbers["weight_gain_percent"],
        "stools_per_day": int(numbers["stools_per_day"]),
        "engraftment": tuple(
            engraftment_lines(
                transplant,
                labs,
                transfusions,
                service.labs.counts_check_in_due() if period.last == today else False,
                today,
                service.settings.count_unit,
            )
        ),
        "visit": None,
        "unit": service.settings.temperature_unit,
        "count_unit": service.settings.count_unit,
        "hb_unit": service.settings.hb_unit,
        "vocabulary": service.settings.vocabulary,
        "donor": transplant.kind is TransplantKind.ALLOGENEIC,
    }
    if Section.ALERTS in chosen:
        # In the time each happened (the store keeps the order they were saved: a
        # back-dated reading's alert came last), as instants.
        data["alerts"] = tuple(
            sorted(
                (a for a in service.log.alerts(since, until) if _in(period, a.raised_at)),
                key=lambda a: (a.raised_at.timestamp(), a.id or 0),
            )
        )
        data["contacts"] = tuple(e for e in entries if e.kind is EntryKind.CONTACTED)
    if Section.TEMPERATURE in chosen:
        taken = [e for e in entries if e.kind is EntryKind.TEMPERATURE and e.value is not None]
        readings = [(e.at, e.value) for e in taken]
        data["temperatures"] = tuple(readings)
        data["temperature_ids"] = tuple(e.id for e in taken)
        data["daily_temperatures"] = tuple(_daily_highest(readings))
    if Section.COUNTS in chosen:
        data["labs"] = tuple(lab for lab in labs if _in(period, lab.at))
        data["transfusions"] = tuple(t for t in transfusions if period.first <= t.on <= period.last)
    if Section.SYMPTOMS in chosen:
        data["symptoms"] = _symptom_grid(period, entries, service.settings.vocabulary)
        data["infections"] = tuple(e for e in entries if e.kind is EntryKind.INFECTION)
        data["gvhd"] = tuple(_gvhd(period, entries))
        every_weight = [
            Reading(e.id or 0, e.at, e.value)
            for e in service.log.entries(kinds=[EntryKind.WEIGHT])
            if e.value is not None
        ]
        data["baseline"] = weight_baseline(every_weight, transplant.conditioning_start)
        last: dict[date, float] = {}
        for reading in every_weight:
            if period.first <= reading.at.date() <= period.last:
                last[reading.at.date()] = reading.value
        data["weights"] = tuple(sorted(last.items()))
    if Section.QUESTIONS in chosen:
        waiting = service.visits.questions_for_next_visit()
        data["questions"] = tuple(waiting)
        from companion.domain.visits import next_visit

        data["visit"] = next_visit(service.visits.appointments(), today)
    if Section.MEDICINES in chosen:  # issue 20
        first = max(period.first, period.last - timedelta(days=6))
        days = (period.last - first).days + 1
        data["medicines"] = tuple(service.medicines.week(first, days))
    if Section.NOTES in chosen:
        data["notes"] = tuple(e for e in entries if e.kind is EntryKind.NOTE)
    data["entered_later"] = service.log.entered_later(since, until)
    if (period.last - period.first).days + 1 > SUMMARY_AFTER_DAYS:
        data["months"] = tuple(
            _months(
                period,
                entries,
                data.get("alerts") or [a for a in service.log.alerts(since, until)],
                [lab for lab in labs if _in(period, lab.at)],
                numbers.fever_rule.single_c,
            )
        )
    del entries  # the period's entries: only what the report prints is kept
    if len(data.get("alerts", ())) > KEEP_ALERTS:
        # Counted, then only the latest kept: ten years held 39,193 alerts.
        alerts = data["alerts"]
        data["alert_count"] = len(alerts)
        data["emergency_count"] = sum(1 for a in alerts if a.level is AlertLevel.EMERGENCY)
        data["alerts"] = alerts[-KEEP_ALERTS:]
    # Issue 21 (self-contained; the lead may move it): see service.immunity.
    data["immunity"] = gather_immunity_report(service, period.first, period.last)
    return ReportData(**data)
