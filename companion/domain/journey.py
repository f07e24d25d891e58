"""The transplant journey: Day 0, the conditioning start, phases and milestones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from companion.domain.clinical import (
    ASTCT_RECOVERY,
    CLOSE_CARE,
    FOLLOW_UP,
    NMDP_ENGRAFTMENT,
    ClinicalNumbers,
)
from companion.domain.days import add_months, check_in_range, date_of_day, day_number
from companion.domain.kinds import GraftSource, TransplantKind
from companion.i18n import N_, _, format_day_number, ngettext

NMDP_DAY_CLOCK = N_(
    "NMDP, 'Transplant process' patient pages: Day 0 is the day the stem cells are given. "
    "https://www.nmdp.org/patients"
)

CIBMTR_ANC = N_(
    "CIBMTR Forms Instruction Manual, initial ANC recovery: "
    "https://www.cibmtr.org/manuals/fim/1/en/topic/q8-11-initial-anc-recovery"
)

# Conditioning regimens differ (BEAM starts on Day −6, melphalan alone often on Day −2 or
# −1, some reduced-intensity regimens earlier), so the user enters it; we only bound it.
MAX_CONDITIONING_DAYS = 30


class Phase(StrEnum):
    """The phases of one transplant. The values are ids used by files and the command line."""

    PREPARATION = "preparation"
    CONDITIONING = "conditioning"
    INFUSION = "infusion"
    ENGRAFTMENT = "engraftment"
    RECOVERY = "recovery"
    FOLLOW_UP = "follow-up"

    @property
    def title(self) -> str:
        return _(_PHASE_TITLES[self])

    @property
    def summary(self) -> str:
        return _(_PHASE_SUMMARIES[self])


_PHASE_TITLES = {
    Phase.PREPARATION: N_("Getting ready"),
    Phase.CONDITIONING: N_("Conditioning treatment"),
    Phase.INFUSION: N_("Transplant day"),
    Phase.ENGRAFTMENT: N_("Waiting for engraftment"),
    Phase.RECOVERY: N_("Early recovery"),
    Phase.FOLLOW_UP: N_("Long-term follow-up"),
}

_PHASE_SUMMARIES = {
    Phase.PREPARATION: N_("Tests, planning and getting your home and helpers ready."),
    Phase.CONDITIONING: N_("Chemotherapy, sometimes with radiation, to prepare for the new cells."),
    Phase.INFUSION: N_("Day 0: the stem cells are given through your line, like a transfusion."),
    Phase.ENGRAFTMENT: N_("Your counts are low while the new cells settle in and start to grow."),
    Phase.RECOVERY: N_("Counts are coming back. Strength returns slowly. Infections still matter."),
    Phase.FOLLOW_UP: N_("Regular check-ups, vaccines and screening for months and years."),
}


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """A phase over a run of days. ``None`` at an end means open-ended.

    ``provisional`` marks an end that is not known yet: the waiting-for-engraftment phase
    lasts until recovery is recorded, so until then its end is an estimate.
    """

    phase: Phase
    first_day: int | None
    last_day: int | None
    provisional: bool = False

    def contains(self, day: int) -> bool:
        return (self.first_day is None or day >= self.first_day) and (
            self.last_day is None or day <= self.last_day
        )


class MilestoneKind(StrEnum):
    CONDITIONING_START = "conditioning-start"
    DAY_ZERO = "day-0"
    ENGRAFTMENT_WINDOW = "engraftment-window"
    COUNTS_CHECK_IN = "counts-check-in"
    CLOSE_CARE_END = "day-100"
    SIX_MONTHS = "6-months"
    ONE_YEAR = "1-year"
    YEARLY = "yearly"
    COUNTS_RECOVERED = "counts-recovered"


@dataclass(frozen=True, slots=True)
class Milestone:
    """A day (or run of days, when ``last_day`` is set) worth marking on the timeline."""

    kind: MilestoneKind
    title: str
    day: int
    detail: str
    source: str
    last_day: int | None = None

    @property
    def names_its_day(self) -> bool:
        """True when the title already says the day ("Day 0 — …", "Day +100")."""
        return self.kind in (MilestoneKind.DAY_ZERO, MilestoneKind.CLOSE_CARE_END)


@dataclass(frozen=True, slots=True)
class Transplant:
    """One transplant, with its own Day 0. A tandem second transplant is another one.

    Args:
        kind: autologous or allogeneic.
        source: where the stem cells come from.
        day0: the infusion date, planned or confirmed.
        conditioning_days: N, where conditioning starts on Day −N.
        day0_confirmed: False while Day 0 is still a plan.
        neutrophil_recovery: the recorded neutrophil recovery date, if any.
        recovery_source: "team" or "values" (see below).
        number: 1 for the first transplant, 2 for a second, and so on.
        id: the storage id, or None before it is saved.
    """

    kind: TransplantKind
    source: GraftSource
    day0: date
    conditioning_days: int
    day0_confirmed: bool = False
    neutrophil_recovery: date | None = None
    number: int = 1
    id: int | None = None
    # "team": the team told the patient; "values": the registry definition on the counts
    # the patient entered (the team confirms); "" when no recovery is known.
    recovery_source: str = ""

    def __post_init__(self) -> None:
        check_in_range(self.day0, format_day_number(0))
        if self.neutrophil_recovery is not None:
            check_in_range(self.neutrophil_recovery, _("The date counts recovered"))
        if not 1 <= self.conditioning_days <= MAX_CONDITIONING_DAYS:
            raise ValueError(
                _("Conditioning must start between {first} and {last}.").format(
                    first=format_day_number(-1), last=format_day_number(-MAX_CONDITIONING_DAYS)
                )
            )
        if self.neutrophil_recovery is not None and self.neutrophil_recovery <= self.day0:
            raise ValueError(_("Counts can only recover after Day 0."))

    @property
    def conditioning_start(self) -> date:
        return date_of_day(-self.conditioning_days, self.day0)

    def day_number(self, day: date) -> int:
        return day_number(day, self.day0)

    def date_of(self, number: int) -> date:
        return date_of_day(number, self.day0)

    def with_day0(self, new_day0: date) -> Transplant:
        """Day 0 moved (a delayed product): every day number re-anchors on the new date.

        A recorded recovery date that would now fall on or before Day 0 cannot stand, so
        it is dropped rather than silently moved.
        """
        recovery, source = self.neutrophil_recovery, self.recovery_source
        if recovery is not None and recovery <= new_day0:
            recovery, source = None, ""
        return replace(self, day0=new_day0, neutrophil_recovery=recovery, recovery_source=source)

    def phase_spans(self, today: date, numbers: ClinicalNumbers | None = None) -> list[PhaseSpan]:
        """The phases of this transplant, in order, without gaps or overlaps.

        Until recovery is recorded, waiting for engraftment lasts at least to today and to
        the end of the usual window for the graft source; the rest of the first
        ``close_care_days`` is shown as expected recovery.
        """
        numbers = numbers or ClinicalNumbers()
        close = numbers.close_care_days
        spans = [
            PhaseSpan(Phase.PREPARATION, None, -self.conditioning_days - 1),
            PhaseSpan(Phase.CONDITIONING, -self.conditioning_days, -1),
            PhaseSpan(Phase.INFUSION, 0, 0),
        ]
        if self.neutrophil_recovery is not None:
            recovered = min(self.day_number(self.neutrophil_recovery), close + 1)
            if recovered > 1:
                spans.append(PhaseSpan(Phase.ENGRAFTMENT, 1, recovered - 1))
            if recovered <= close:
                spans.append(PhaseSpan(Phase.RECOVERY, recovered, close))
        else:
            _, window_end = numbers.engraftment_window(self.source)
            waiting_until = min(close, max(self.day_number(today), window_end))
            spans.append(PhaseSpan(Phase.ENGRAFTMENT, 1, max(1, waiting_until), provisional=True))
            if waiting_until < close:
                spans.append(PhaseSpan(Phase.RECOVERY, max(2, waiting_until + 1), close, True))
        spans.append(PhaseSpan(Phase.FOLLOW_UP, close + 1, None))
        return spans

    def phase_on(self, day: date, today: date, numbers: ClinicalNumbers | None = None) -> Phase:
        number = self.day_number(day)
        for span in self.phase_spans(today, numbers):
            if span.contains(number):
                return span.phase
        raise AssertionError(f"no phase contains day {number}")  # spans cover every day

    def span_of(
        self, phase: Phase, today: date, numbers: ClinicalNumbers | None = None
    ) -> PhaseSpan | None:
        """The span of one phase, or None when it has no days (recovery on Day +1)."""
        for span in self.phase_spans(today, numbers):
            if span.phase is phase:
                return span
        return None

    def milestones(self, numbers: ClinicalNumbers | None = None, years: int = 5) -> list[Milestone]:
        """Milestones from the conditioning start to ``years`` yearly follow-ups, in day order."""
        numbers = numbers or ClinicalNumbers()
        first, last = numbers.engraftment_window(self.source)
        check_in = numbers.counts_check_in_day(self.source)
        close = numbers.close_care_days
        result = [
            Milestone(
                MilestoneKind.CONDITIONING_START,
                _("Conditioning starts"),
                -self.conditioning_days,
                _("The first day of the treatment that prepares your body for the new cells."),
                _(NMDP_DAY_CLOCK),
            ),
            Milestone(
                MilestoneKind.DAY_ZERO,
                _("Day 0 — transplant day"),
                0,
                _("The day the stem cells are given. Every day number counts from here."),
                _(NMDP_DAY_CLOCK),
            ),
            Milestone(
                MilestoneKind.ENGRAFTMENT_WINDOW,
                _("Counts usually recover"),
                first,
                _(
                    "After {source}, blood counts usually start to come back between {first} "
                    "and {last}. Everyone is different."
                ).format(
                    source=self.source.short,
                    first=format_day_number(first),
                    last=format_day_number(last),
                ),
                _(NMDP_ENGRAFTMENT),
                last_day=last,
            ),
            Milestone(
                MilestoneKind.CLOSE_CARE_END,
                format_day_number(close),
                close,
                _(
                    "Many people stay close to the transplant centre, with a carer, until about "
                    "now. Your team will tell you when you can go further."
                ),
                _(CLOSE_CARE),
            ),
        ]
        if self.neutrophil_recovery is None:  # once counts recovered, no check-in is needed
            result.append(
                Milestone(
                    MilestoneKind.COUNTS_CHECK_IN,
                    _("Counts check-in"),
                    check_in,
                    _(
                        "If your team has not yet told you that your counts have recovered, "
                        "this is a good day to ask them about it."
                    ),
                    _(ASTCT_RECOVERY),
                )
            )
        else:
            if self.recovery_source == "team":
                title, detail = (
                    _("Counts recovered (your team)"),
                    _("Your team told you that your counts had recovered (engraftment)."),
                )
            else:
                title, detail = (
                    _("Counts recovery: registry definition met"),
                    _(
                        "Neutrophils meet the registry definition on the values you entered: "
                        "three counts of 0.5 or more on different days. Your team confirms "
                        "engraftment."
                    ),
                )
            result.append(
                Milestone(
                    MilestoneKind.COUNTS_RECOVERED,
                    title,
                    self.day_number(self.neutrophil_recovery),
                    detail,
                    _(CIBMTR_ANC),
                )
            )
        six_months = self.day_number(add_months(self.day0, 6))
        result.append(
            Milestone(
                MilestoneKind.SIX_MONTHS,
                _("6-month check-up"),
                six_months,
                _("A follow-up visit with tests to see how you are recovering."),
                _(FOLLOW_UP),
            )
        )
        for year in range(1, years + 1):
            result.append(
                Milestone(
                    MilestoneKind.ONE_YEAR if year == 1 else MilestoneKind.YEARLY,
                    ngettext("{count}-year check-up", "{count}-year check-up", year).format(
                        count=year
                    ),
                    self.day_number(add_months(self.day0, 12 * year)),
                    _("A yearly follow-up visit, with screening tests and vaccines as planned."),
                    _(FOLLOW_UP),
                )
            )
        return sorted(result, key=lambda m: m.day)


@dataclass(frozen=True, slots=True)
class Journey:
    """All of a patient's transplants, oldest first. Each keeps its own day count."""

    transplants: tuple[Transplant, ...]

    def __post_init__(self) -> None:
        if not self.transplants:
            raise ValueError(_("A journey has at least one transplant."))
        ordered = tuple(sorted(self.transplants, key=lambda t: t.day0))
        object.__setattr__(self, "transplants", ordered)

    def active(self, day: date) -> Transplant:
        """The transplant whose count applies on ``day``.

        A later transplant takes over from its own conditioning start; before any
        conditioning the first transplant's preparation applies.
        """
        current = self.transplants[0]
        for transplant in self.transplants:
            if transplant.conditioning_start <= day:
                current = transplant
        return current

    @property
    def latest(self) -> Transplant:
        return self.transplants[-1]
