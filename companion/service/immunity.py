"""ImmunityManager (``diary.immunity``): rebuilding the immune system, issue 21.

The infection-risk period, the re-vaccination plan counted from Day 0, the live-vaccine
lock, IVIG infusions, and the yearly late-effects check-ups. One manager per aggregate
under the diary facade; every write is one operation, returns an ``Op`` (its value and what
changed), and tells every listener through the diary's one change notification.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from companion.content.immunity import (
    load_gvhd_check,
    load_screening,
    load_vaccines,
    shown_dose,
    vaccine_default,
)
from companion.domain.alerts import NEUTROPENIA_ANC
from companion.domain.entries import EntryError, EntryKind, check_time
from companion.domain.immunity import (
    IMMUNE_MARKER_KEYS,
    MAX_VACCINE_TEXT,
    SCREENING_YEARS,
    Confirmation,
    DoseStatus,
    FluSeason,
    InfectionPeriod,
    LiveCondition,
    LiveStatus,
    ReferenceRange,
    ScreeningItem,
    VaccineDose,
    add_months,
    default_doses,
    default_screening,
    dose_status,
    infection_period,
    live_status,
    season_dates,
    vaccine_dates,
)
from companion.domain.journey import Transplant
from companion.domain.kinds import TransplantKind
from companion.domain.labs import CountUnit, IggUnit, LabError, LabResult
from companion.domain.team import Team
from companion.domain.visits import Appointment, AppointmentKind
from companion.i18n import N_, _
from companion.service.changes import Changes
from companion.service.operations import Op
from companion.storage.immunity_repository import ImmunityRepository
from companion.storage.journey_repository import record_change
from companion.storage.times import iso

if TYPE_CHECKING:
    from companion.domain.entries import Entry
    from companion.service.diary import DiaryService


class VaccineError(ValueError):
    """A change to the vaccine plan cannot be made as asked; the message says what to do.
    Nothing is saved then."""


@dataclass(frozen=True, slots=True)
class PlannedDose:
    """A dose of the plan with its status today."""

    dose: VaccineDose
    status: DoseStatus


# A text the patient typed that is too long: one whole sentence per field.
_TOO_LONG = {
    "where": N_("Where it was given is too long: please keep it under {limit} letters."),
    "batch": N_("The batch number is too long: please keep it under {limit} letters."),
    "name": N_("The vaccine's name is too long: please keep it under {limit} letters."),
}


def _text(value: str, what: str) -> str:
    """``value`` with its spaces tidied; ``what``: a key of ``_TOO_LONG``."""
    value = " ".join((value or "").split())
    if len(value) > MAX_VACCINE_TEXT:
        raise VaccineError(_(_TOO_LONG[what]).format(limit=MAX_VACCINE_TEXT))
    return value


class ImmunityManager:
    def __init__(self, diary: DiaryService) -> None:
        self._diary = diary
        self._repo = ImmunityRepository(diary.db)

    # Worked-out facts ---------------------------------------------------------------------

    def _transplant(self) -> Transplant:
        return self._diary.transplants.active

    def period(self, on: date | None = None) -> InfectionPeriod:
        """The period of infection risk the patient is in (Tomblyn 2009)."""
        on = on or self._diary.today()
        transplant = self._diary.transplants.on(on)
        numbers = self._diary.settings.numbers
        recovery = transplant.neutrophil_recovery
        # The latest count up to ``on`` (after Day 0): below 0.5 keeps the "before your
        # counts recover" words, even after a recovery date (IDSA 2010 neutropenia).
        counts = [
            lab.anc
            for lab in self._diary.labs.all()
            if lab.anc is not None and transplant.day0 <= lab.day <= on
        ]
        return infection_period(
            transplant.day_number(on),
            transplant.day_number(recovery) if recovery else None,
            int(numbers["late_infection_day"]),
            neutropenic=bool(counts) and counts[-1] < NEUTROPENIA_ANC,
        )

    def gvhd_check_open(self, on: date | None = None) -> bool:
        """Whether the chronic GVHD signs are offered: after a donor transplant only, from
        the team's day (Day +30 by default; nurse review 3)."""
        on = on or self._diary.today()
        transplant = self._diary.transplants.on(on)
        if transplant.kind is not TransplantKind.ALLOGENEIC:
            return False
        return transplant.day_number(on) >= int(self._diary.settings.numbers["gvhd_check_from_day"])

    def symptom_terms(self, keep: str | None = None) -> list:
        """The symptom terms to offer in a list: the chronic GVHD signs only while the check
        is open (``keep``: a term already in an entry being edited stays offered)."""
        hidden = set() if self.gvhd_check_open() else set(load_gvhd_check().terms)
        hidden.discard(keep)
        return [t for t in self._diary.settings.vocabulary.symptoms if t.id not in hidden]

    def ivig(self) -> list[datetime]:
        """Every IVIG infusion logged, oldest first."""
        return self._repo.ivig()

    def live_status(self, on: date | None = None) -> LiveStatus:
        transplant = self._transplant()
        assert transplant.id is not None
        numbers = self._diary.settings.numbers
        infusions = [at.date() for at in self._repo.ivig()]
        return live_status(
            transplant.kind,
            transplant.day0,
            on or self._diary.today(),
            self._repo.confirmations(transplant.id),
            infusions[-1] if infusions else None,
            {
                "two_years": int(numbers["live_vaccine_months"]),
                "off_immunosuppression": int(numbers["live_off_immunosuppression_months"]),
                "ivig": int(numbers["live_after_ivig_months"]),
            },
        )

    def plan(self) -> list[PlannedDose]:
        """The active transplant's plan, each dose with its status today. The first time,
        the plan is filled from the published defaults for the transplant's kind."""
        transplant = self._transplant()
        assert transplant.id is not None
        if self._diary.read_only:
            pass  # a diary open read-only (a row to fix) is read, never written
        elif not self._repo.has_plan(transplant.id):
            self._fill_plan(transplant)
        else:
            self._follow_day0(transplant)
            self._next_seasons(transplant)
        today = self._diary.today()
        allowed = self.live_status().allowed
        overdue = int(self._diary.settings.numbers["vaccine_overdue_days"])
        return [
            PlannedDose(shown_dose(d), dose_status(d, today, allowed, overdue))
            for d in self._repo.doses(transplant.id)
        ]

    def _fill_plan(self, transplant: Transplant) -> None:
        assert transplant.id is not None
        now = self._diary.now()
        with self._diary._operation("fill_vaccine_plan", undoable=False):
            if self._repo.has_plan(transplant.id):  # another program filled it meanwhile
                return
            for dose in default_doses(
                load_vaccines(),
                transplant.kind,
                transplant.day0,
                season=self.flu_season(),
                until=self._season_horizon(transplant),
            ):
                self._repo.add_dose(transplant.id, dose, now)

    def flu_season(self) -> FluSeason:
        """The flu season's months in force (Settings; the published default September for
        6 months)."""
        numbers = self._diary.settings.numbers
        return FluSeason(int(numbers["flu_season_start_month"]), int(numbers["flu_season_months"]))

    def _season_horizon(self, transplant: Transplant) -> date:
        """Seasonal doses are planned up to 3 years after Day 0, or up to the next season
        after today if that is later: the plan never runs out (nurse review 7)."""
        season = self.flu_season()
        following = season.next_start(self._diary.today() + timedelta(days=1))
        return max(add_months(transplant.day0, 12 * SCREENING_YEARS), following)

    def _next_seasons(self, transplant: Transplant) -> None:
        """Add the flu doses of the seasons that came into view since the plan was filled
        (one a season, for life). A vaccine the team took off the plan stays off."""
        assert transplant.id is not None
        seasonal = [v for v in load_vaccines() if v.every_season and v.applies_to(transplant.kind)]
        if not seasonal:
            return
        season = self.flu_season()
        horizon = self._season_horizon(transplant)
        doses = self._repo.doses(transplant.id)
        new = []
        for vaccine in seasonal:
            own = [d for d in doses if d.vaccine == vaccine.id]
            if not own:
                continue
            last = max(own, key=lambda d: d.dose)
            dates = season_dates(
                season.next_start(max(d.earliest for d in own) + timedelta(days=1)),
                season,
                horizon,
            )
            for offset, earliest in enumerate(d for d in dates if d <= horizon):
                new.append(
                    VaccineDose(
                        vaccine.id,
                        vaccine.name,
                        last.dose + 1 + offset,
                        earliest,
                        vaccine.live,
                        default_earliest=earliest,
                    )
                )
        if not new:
            return
        now = self._diary.now()
        with self._diary._operation("fill_vaccine_plan", undoable=False):
            for dose in new:
                self._repo.add_dose(transplant.id, dose, now)

    def _follow_day0(self, transplant: Transplant) -> None:
        """Day 0 moved (a delayed product): the plan moves with it. Each dose of the
        published plan is shifted by as many days as its default date moved, so a date the
        team set keeps its distance from Day 0 too. Doses already given stay as they are."""
        assert transplant.id is not None
        vaccines = {v.id: v for v in load_vaccines()}
        moves = []
        for dose in self._repo.doses(transplant.id):
            vaccine = vaccines.get(dose.vaccine)
            if vaccine is None or dose.default_earliest is None or dose.given_on is not None:
                continue
            index = dose.dose - vaccine.first_dose
            dates = vaccine_dates(
                vaccine, transplant.day0, self.flu_season(), self._season_horizon(transplant)
            )
            if not 0 <= index < len(dates):
                continue
            expected = dates[index]
            if expected != dose.default_earliest:
                shift = expected - dose.default_earliest
                moves.append((dose.id, expected, dose.earliest + shift))
        if not moves:
            return
        with self._diary._operation("move_vaccine_plan", undoable=False):
            for dose_id, default, earliest in moves:
                self._repo.update_dose(dose_id, default_earliest=default, earliest=earliest)

    def due(self) -> list[PlannedDose]:
        """Doses due now or overdue, overdue first."""
        wanted = (DoseStatus.OVERDUE, DoseStatus.DUE)
        found = [p for p in self.plan() if p.status in wanted]
        return sorted(found, key=lambda p: (wanted.index(p.status), p.dose.earliest))

    def next_dose(self) -> PlannedDose | None:
        """The next dose not yet due (live vaccines under the lock left out)."""
        upcoming = [p for p in self.plan() if p.status is DoseStatus.NOT_YET]
        return upcoming[0] if upcoming else None

    def dose(self, dose_id: int) -> VaccineDose:
        dose = self._repo.dose(dose_id)
        transplant = self._transplant()
        if dose is None or dose.transplant_id != transplant.id:
            raise VaccineError(
                _(
                    "There is no dose number {number} in the vaccine plan ('companion vaccine "
                    "list' shows the numbers)."
                ).format(number=dose_id)
            )
        return shown_dose(dose)

    # Writes -------------------------------------------------------------------------------

    def _done(self, changes: Changes) -> Op[None]:
        # The diary's one change notification: every listener hears every write once.
        return self._diary._result(None, changes)

    def _check_date(self, on: date) -> date:
        """The date a dose was given: not in the future, not before Day 0."""
        transplant = self._transplant()
        if on > self._diary.today():
            raise VaccineError(_("The date it was given is in the future. Please check the date."))
        if on < transplant.day0:
            raise VaccineError(
                _(
                    "The date it was given is before Day 0 of this transplant: vaccines given "
                    "before it do not count in the plan. Please check the date."
                )
            )
        return on

    def mark_given(
        self, dose_id: int, on: date, where: str = "", batch: str = "", given: bool = True
    ) -> Op[None]:
        """Record that a dose was given on ``on`` (where and batch optional); with
        ``given`` False, take the record back. Raises VaccineError; nothing saved then."""
        self.dose(dose_id)  # refuses an id that is not in this transplant's plan
        where, batch = _text(where, "where"), _text(batch, "batch")
        if given:
            self._check_date(on)
        with self._diary._operation("mark_vaccine_given"):
            if given:
                self._repo.update_dose(
                    dose_id, given_on=on, given_where=where or None, batch=batch or None
                )
            else:
                self._repo.update_dose(dose_id, given_on=None, given_where=None, batch=None)
        return self._done(Changes(immunity=True))

    def edit_dose(
        self, dose_id: int, earliest: date | None = None, name: str | None = None
    ) -> Op[None]:
        """The team's own plan: a new earliest date (or name). The change is recorded."""
        dose = self.dose(dose_id)
        transplant = self._transplant()
        values: dict = {}
        now = self._diary.now()
        with self._diary._operation("edit_vaccine"):
            if earliest is not None and earliest != dose.earliest:
                if earliest < transplant.day0:
                    raise VaccineError(_("The earliest date cannot be before Day 0."))
                values["earliest"] = earliest
                record_change(
                    self._diary.db,
                    iso(now),
                    f"vaccine.earliest.{dose.vaccine}.{dose.dose}",
                    dose.earliest.isoformat(),
                    earliest.isoformat(),
                    transplant.number,
                )
            if name is not None:
                name = _text(name, "name")
                if not name:
                    raise VaccineError(_("Please give the vaccine's name."))
                values["name"] = name
            if values:
                self._repo.update_dose(dose_id, **values)
        return self._done(Changes(immunity=True, history="earliest" in values))

    def add_dose(
        self, name: str, earliest: date | None = None, dose: int = 1, live: bool = False
    ) -> Op[list[VaccineDose]]:
        """Add to the plan: a vaccine of the published list by its id (all its doses, at
        their default dates, or from ``earliest`` for one dose), or the team's own."""
        transplant = self._transplant()
        assert transplant.id is not None
        self.plan()  # the defaults first, so an addition never stops them being filled
        known = vaccine_default(name.strip().lower())
        if known is not None and earliest is None:
            doses = default_doses(
                load_vaccines(),
                transplant.kind,
                transplant.day0,
                known.id,
                season=self.flu_season(),
                until=self._season_horizon(transplant),
            )
        else:
            if earliest is None:
                raise VaccineError(
                    _(
                        "Please give the earliest date with --earliest (or a vaccine id of the "
                        "published plan: {ids})."
                    ).format(ids=", ".join(v.id for v in load_vaccines()))
                )
            if earliest < transplant.day0:
                raise VaccineError(_("The earliest date cannot be before Day 0."))
            if not 1 <= dose <= 20:
                raise VaccineError(_("The dose number goes from 1 to 20."))
            label = known.name if known else _text(name, "name")
            if not label:
                raise VaccineError(_("Please give the vaccine's name."))
            doses = [
                VaccineDose(
                    known.id if known else "own",
                    label,
                    dose,
                    earliest,
                    known.live if known else live,
                )
            ]
        now = self._diary.now()
        with self._diary._operation("add_vaccine"):
            saved = [self._repo.add_dose(transplant.id, d, now) for d in doses]
            for d in saved:
                record_change(
                    self._diary.db,
                    iso(now),
                    f"vaccine.added.{d.vaccine}.{d.dose}",
                    None,
                    d.earliest.isoformat(),
                    transplant.number,
                )
        return self._diary._result(saved, Changes(immunity=True, history=True))

    def remove_dose(self, dose_id: int) -> Op[None]:
        """Take a dose off the plan (the team's plan differs); kept, recorded."""
        dose = self.dose(dose_id)
        transplant = self._transplant()
        now = self._diary.now()
        with self._diary._operation("remove_vaccine"):
            self._repo.delete_dose(dose_id, now)
            record_change(
                self._diary.db,
                iso(now),
                f"vaccine.removed.{dose.vaccine}.{dose.dose}",
                dose.earliest.isoformat(),
                None,
                transplant.number,
            )
        return self._done(Changes(immunity=True, history=True))

    def confirm_condition(
        self, name: LiveCondition, met: bool | None, since: date | None = None
    ) -> Op[None]:
        """What the team told the patient about one live-vaccine condition (None: not
        confirmed). For immunosuppression, ``since`` is the date it stopped. Recorded."""
        if not name.confirmed_by_team:
            raise VaccineError(
                _(
                    "The app works out {name!r} from the dates in the diary; it cannot be set "
                    "by hand."
                ).format(name=name.value)
            )
        transplant = self._transplant()
        assert transplant.id is not None
        if since is not None:
            if since > self._diary.today():
                raise VaccineError(_("That date is in the future. Please check it."))
            met = True if met is None else met
        before = self._repo.confirmations(transplant.id).get(name.value, Confirmation())
        after = Confirmation(met, since)
        now = self._diary.now()
        with self._diary._operation("confirm_live_condition"):
            self._repo.confirm(transplant.id, name.value, after, now)
            if before != after:
                record_change(
                    self._diary.db,
                    iso(now),
                    f"live_vaccine.{name.value}",
                    _confirmation_value(before),
                    _confirmation_value(after),
                    transplant.number,
                )
        return self._done(Changes(immunity=True, history=True))

    def add_ivig(self, at: datetime) -> Op[datetime]:
        """Log an IVIG (immunoglobulin) infusion; raises LabError for a future time."""
        now = self._diary.now()
        try:
            at = check_time(at, now)
        except EntryError as error:
            raise LabError(str(error)) from None
        with self._diary._operation("add_ivig"):
            self._repo.add_ivig(at, now)
        return self._diary._result(at, Changes(labs=True, immunity=True))

    # The late-effects check-ups -----------------------------------------------------------

    def screening(self) -> list[ScreeningItem]:
        """The yearly check-up plan, filled from the published guidance the first time
        (and extended as the years go by)."""
        transplant = self._transplant()
        assert transplant.id is not None
        stored = self._repo.screening(transplant.id)
        wanted = default_screening(
            load_screening().checks, transplant.kind, transplant.day0, self._diary.today()
        )
        have = {(i.item, i.due_on) for i in stored}
        missing = [i for i in wanted if (i.item, i.due_on) not in have]
        # Day 0 moved: check-ups not yet booked or done move with it (the others stay).
        wanted_keys = {(i.item, i.due_on) for i in wanted}
        stale = [
            i
            for i in stored
            if (i.item, i.due_on) not in wanted_keys
            and i.appointment_id is None
            and i.done_on is None
            and i.due_on <= add_months(transplant.day0, 12 * SCREENING_YEARS + 12)
        ]
        if (missing or stale) and not self._diary.read_only:
            now = self._diary.now()
            with self._diary._operation("fill_checkup_plan", undoable=False):
                for item in stale:
                    self._repo.delete_screening(item.id)
                for item in missing:
                    self._repo.add_screening(transplant.id, item, now)
            stored = self._repo.screening(transplant.id)
        return stored

    def _screening_item(self, item_id: int) -> ScreeningItem:
        found = next((i for i in self.screening() if i.id == item_id), None)
        if found is None:
            raise VaccineError(
                _("There is no check-up number {number} in the plan.").format(number=item_id)
            )
        return found

    def accept_screening(self, item_id: int, at: datetime | None = None) -> Op[None]:
        """Put a check-up in the calendar as an appointment (default: 09:00 on its due
        date, or tomorrow if that has passed)."""
        item = self._screening_item(item_id)
        if item.appointment_id is not None and self._diary.visits.appointment(item.appointment_id):
            return Op(None, Changes())
        check = load_screening().check(item.item)
        title = check.title if check else item.item
        if at is None:
            day = max(item.due_on, self._diary.today())
            at = datetime.combine(day, time(9, 0), tzinfo=self._diary.now().tzinfo)
        saved = self._diary.visits.add_appointment(
            Appointment(at=at, kind=AppointmentKind.OTHER, title=title)
        )
        with self._diary._operation("accept_checkup"):
            self._repo.update_screening(item_id, appointment_id=saved.value.id)
        return self._done(Changes(immunity=True, appointments=True))

    def tick_screening(self, item_id: int, done: bool = True, on: date | None = None) -> Op[None]:
        self._screening_item(item_id)
        on = on or self._diary.today()
        if on > self._diary.today():
            raise VaccineError(_("That date is in the future. Please check it."))
        with self._diary._operation("tick_checkup"):
            self._repo.update_screening(item_id, done_on=on if done else None)
        return self._done(Changes(immunity=True))

    # The team's reference ranges ---------------------------------------------------------

    def reference_ranges(self) -> dict[str, ReferenceRange]:
        """The ranges the patient typed from their results, by marker (none: not typed)."""
        found = {}
        for key in IMMUNE_MARKER_KEYS:
            stored = self._diary.settings.preference(f"immune_range_{key}", "")
            parsed = ReferenceRange.from_stored(stored)
            if parsed is not None:
                found[key] = parsed
        return found

    def set_reference_range(self, key: str, value: ReferenceRange | None) -> Op[None]:
        """Keep (or, with None, forget) the range printed on the results; recorded."""
        if key not in IMMUNE_MARKER_KEYS:
            raise VaccineError(_("There is no immune count called {key!r}.").format(key=key))
        old = self._diary.settings.preference(f"immune_range_{key}", "")
        new = value.stored() if value is not None else ""
        if old == new:
            return Op(None, Changes())
        now = self._diary.now()
        with self._diary._operation("set_immune_range"):
            self._diary.settings.set_preference(key=f"immune_range_{key}", value=new)
            record_change(self._diary.db, iso(now), f"immune_range.{key}", old or None, new or None)
        self._diary._cache.clear()
        return self._done(Changes(settings=True, history=True, labs=True))

    # The chronic GVHD self-check ----------------------------------------------------------

    def gvhd_entries(self, since: datetime | None = None) -> list[Entry]:
        """Chronic GVHD check signs logged (from ``since``), oldest first."""
        terms = load_gvhd_check().terms
        return [
            e
            for e in self._diary.log.entries(since=since, kinds=[EntryKind.SYMPTOM])
            if e.term in terms
        ]

    def gvhd_latest(self) -> dict[str, Entry]:
        """The latest entry of each sign logged, by term."""
        latest: dict[str, Entry] = {}
        for entry in self.gvhd_entries():
            latest[entry.term] = entry
        return latest


def _confirmation_value(confirmation: Confirmation) -> str | None:
    if confirmation.met is None and confirmation.since is None:
        return None
    word = {True: "yes", False: "no", None: "not confirmed"}[confirmation.met]
    return f"{word} {confirmation.since.isoformat()}" if confirmation.since else word


__all__ = ["ImmunityManager", "PlannedDose", "VaccineError"]


# Paper: the vaccination record and the visit report's sections ----------------------------


@dataclass(frozen=True, slots=True)
class CardData:
    """Everything the printed vaccination record shows."""

    printed_on: date
    kind: TransplantKind
    day0: date
    team: Team | None
    given: tuple[VaccineDose, ...]
    planned: tuple[PlannedDose, ...]
    live: LiveStatus


def gather_card(diary: DiaryService) -> CardData:
    plan = diary.immunity.plan()
    transplant = diary.transplants.active
    return CardData(
        printed_on=diary.today(),
        kind=transplant.kind,
        day0=transplant.day0,
        team=diary.settings.team,
        given=tuple(
            sorted(
                (p.dose for p in plan if p.dose.given_on is not None),
                key=lambda d: (d.given_on, d.name),
            )
        ),
        planned=tuple(p for p in plan if p.dose.given_on is None),
        live=diary.immunity.live_status(),
    )


@dataclass(frozen=True, slots=True)
class GvhdSign:
    """One chronic GVHD sign logged in the report's period: its area and words, the worst
    severity in the period, and whether it is new or worse than before the period."""

    area: str
    label: str
    severity: int
    change: str  # "new", "worse" or "same"
    call_now: bool


@dataclass(frozen=True, slots=True)
class ImmunityReport:
    """What the visit report prints for issue 21."""

    kind: TransplantKind
    period: InfectionPeriod
    due: tuple[PlannedDose, ...]
    next_dose: PlannedDose | None
    live: LiveStatus
    gvhd: tuple[GvhdSign, ...]
    immune_labs: tuple[LabResult, ...]
    ivig: tuple[datetime, ...]
    count_unit: CountUnit
    igg_unit: IggUnit
    ranges: dict[str, ReferenceRange] = field(default_factory=dict)


def gather_immunity_report(diary: DiaryService, first: date, last: date) -> ImmunityReport:
    """The issue-21 sections of a visit report covering ``first`` to ``last``."""
    from companion.content.red_flags import load_red_flags

    immunity = diary.immunity
    transplant = diary.transplants.on(last)
    check = load_gvhd_check()
    vocabulary = diary.settings.vocabulary
    call_now = {
        term
        for flag in load_red_flags().call_team
        if flag.id == "chronic-gvhd"
        for term, _ in flag.symptoms
    }
    before: dict[str, int] = {}
    within: dict[str, int] = {}
    for entry in immunity.gvhd_entries():
        day = entry.at.date()
        severity = entry.severity or 0
        if day < first:
            before[entry.term] = severity  # the latest before the period
        elif day <= last:
            within[entry.term] = max(within.get(entry.term, 0), severity)
    signs = []
    for area in check.areas:
        for term in area.signs:
            if term not in within:
                continue
            old = before.get(term)
            change = "new" if not old else ("worse" if within[term] > old else "same")
            symptom = vocabulary.symptom(term)
            signs.append(
                GvhdSign(
                    area.title,
                    symptom.label if symptom else term,
                    within[term],
                    change,
                    term in call_now,
                )
            )
    labs = tuple(
        lab for lab in diary.labs.all() if lab.has_immune_counts and first <= lab.at.date() <= last
    )
    return ImmunityReport(
        kind=transplant.kind,
        period=immunity.period(last),
        due=tuple(immunity.due()),
        next_dose=immunity.next_dose(),
        live=immunity.live_status(),
        gvhd=tuple(signs),
        immune_labs=labs,
        ivig=tuple(at for at in immunity.ivig() if first <= at.date() <= last),
        count_unit=diary.settings.count_unit,
        igg_unit=immune_igg_unit(diary),
        ranges=immunity.reference_ranges(),
    )


def immune_igg_unit(diary: DiaryService) -> IggUnit:
    """The IgG unit the patient reads (a preference, g/L until chosen)."""
    return diary.settings.igg_unit
