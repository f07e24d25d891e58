"""The words of issue 21, made when shown: the infection-risk line for each period, the
vaccine statuses, the live-vaccine conditions, the household advice, what each immune count
measures. Facts from CLINICAL.md, in our own plain words, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from companion import i18n
from companion.domain.immunity import (
    ConditionState,
    DoseStatus,
    InfectionPeriod,
    LiveCondition,
    VaccineDose,
)
from companion.domain.kinds import TransplantKind
from companion.i18n import N_, _

# The sources, as cited in English: the names of organisations and journals and the
# published titles stay as published in every language; the words around them ("guideline",
# "table after") are translated where shown, with _(…_SOURCE).

TOMBLYN_SOURCE = N_(
    "Tomblyn et al., Biol Blood Marrow Transplant 2009;15:1143 (CDC/IDSA/ASBMT guidelines "
    "for preventing infections after transplant); NCI PDQ 'Transplantation'"
)
VACCINE_SOURCE = N_(
    "IDSA 2013 guideline (Rubin et al., Clin Infect Dis 2014;58:e44); ECIL 7 (Cordonnier "
    "et al., Lancet Infect Dis 2019;19:e200); NCI PDQ table after Tomblyn et al. 2009"
)


def long_date(day: date) -> str:
    """ "Monday 10 August 2026" / "lunes, 10 de agosto de 2026"."""
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "EEEE d MMMM y")
    return i18n.format_date(day, "full")


@dataclass(frozen=True, slots=True)
class PeriodText:
    """One period of infection risk: what threatens, what protects, what to call about."""

    title: str
    germs: str
    protect: str
    call: str


def period_text(
    period: InfectionPeriod, kind: TransplantKind, low_limit: str = "36.0 °C"
) -> PeriodText:
    """The words of one period; ``low_limit``: the low-temperature limit in force, as shown
    (Cancer Research UK: below 36 °C by default; Settings)."""
    donor = kind is TransplantKind.ALLOGENEIC
    if period is InfectionPeriod.PRE_ENGRAFTMENT:
        return PeriodText(
            _("Before your counts recover"),
            _("Germs from your gut, skin and line, yeasts and moulds, and cold sores coming back."),
            _(
                "Wash your hands, care for your line as taught, follow the food rules, and "
                "take the medicines that prevent infection."
            ),
            _(
                "Call your team at your fever limit, with shaking chills, a red or sore line, "
                "or anything on your call list; or a temperature below {limit}."
            ).format(limit=low_limit),
        )
    if period is InfectionPeriod.EARLY:
        return PeriodText(
            _("Counts back, up to about Day +100"),
            (
                _(
                    "CMV (a common virus that sleeps in most adults), moulds, a lung germ "
                    "called PJP, and other viruses. GVHD and its medicines add to the risk."
                )
                if donor
                else _(
                    "Viruses such as CMV, moulds and a lung germ called PJP, though less "
                    "often than after a donor transplant."
                )
            ),
            _(
                "Wash your hands, keep away from people who are ill and from building works, "
                "and take your preventive medicines even when you feel well."
            ),
            _(
                "Call your team about a fever, a cough or feeling short of breath, or a "
                "painful rash with blisters."
            ),
        )
    return PeriodText(
        _("After Day +100"),
        (
            _(
                "Pneumonia germs (your antibodies are still low), shingles, flu, RSV and "
                "COVID-19. Chronic GVHD and its medicines keep the risk high."
            )
            if donor
            else _(
                "Pneumonia germs (your antibodies are still low), shingles, flu, RSV and COVID-19."
            )
        ),
        _(
            "Wash your hands, wear a mask in crowds when viruses go round, keep up your "
            "vaccines, and take your preventive medicines."
        ),
        _(
            "Call your team now about a fever or a new cough. A painful rash with blisters, "
            "often on one side (shingles): call today."
        ),
    )


def period_line(period: InfectionPeriod, kind: TransplantKind) -> str:
    """The one line for the Today page: "Infection risk now (after Day +100): …"."""
    text = period_text(period, kind)
    return _("Infection risk now ({period}): {germs} {protect}").format(
        period=_lower_first(text.title), germs=text.germs, protect=text.protect
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Teams often delay a vaccine (nurse review 8): never "due" or "overdue". Translated where
# shown (``status_words``, ``short_status_words``).
STATUS_WORDS = {
    DoseStatus.DONE: N_("given"),
    DoseStatus.DUE: N_("can be given from now if your team agrees"),
    DoseStatus.OVERDUE: N_("past the usual start: ask your team"),
    DoseStatus.NOT_YET: N_("not yet"),
    DoseStatus.LOCKED: N_("not yet (live vaccine: waits for your team)"),
}


SHORT_STATUS_WORDS = {
    DoseStatus.DONE: N_("given"),
    DoseStatus.DUE: N_("can be given now"),
    DoseStatus.OVERDUE: N_("past the usual start"),
    DoseStatus.NOT_YET: N_("not yet"),
    DoseStatus.LOCKED: N_("not yet (live)"),
}


def status_words(status: DoseStatus) -> str:
    """A dose's status in the app's language ("can be given from now if your team agrees")."""
    return _(STATUS_WORDS[status])


def short_status_words(status: DoseStatus) -> str:
    """The same in a few words, for a table's cell."""
    return _(SHORT_STATUS_WORDS[status])


def dose_label(dose: VaccineDose) -> str:
    return _("{vaccine}, dose {number}").format(vaccine=dose.name, number=dose.dose)


def dose_line(dose: VaccineDose, status: DoseStatus) -> str:
    """ "Pneumococcal conjugate, dose 1 — from Monday 10 August 2026: overdue"."""
    if status is DoseStatus.DONE and dose.given_on is not None:
        if dose.given_where:
            return _("{dose}: given on {date} at {place}").format(
                dose=dose_label(dose), date=long_date(dose.given_on), place=dose.given_where
            )
        return _("{dose}: given on {date}").format(
            dose=dose_label(dose), date=long_date(dose.given_on)
        )
    return _("{dose}: from {date}, {status}").format(
        dose=dose_label(dose), date=long_date(dose.earliest), status=status_words(status)
    )


def next_dose_line(dose: VaccineDose) -> str:
    """ "Next: Hepatitis B, dose 3, from Saturday 10 July 2027"."""
    return _("Next: {dose}, from {date}").format(
        dose=dose_label(dose), date=long_date(dose.earliest)
    )


CONDITION_TITLES = {
    LiveCondition.TWO_YEARS: N_("At least {months} months since Day 0"),
    LiveCondition.NO_ACTIVE_GVHD: N_("No active GVHD (your team confirms)"),
    LiveCondition.OFF_IMMUNOSUPPRESSION: N_(
        "Off all medicines that damp down the immune system for at least {months} months "
        "(your team confirms)"
    ),
    LiveCondition.IVIG: N_("At least {months} months since the last IVIG infusion"),
    LiveCondition.NO_MAINTENANCE: N_(
        "No ongoing treatment such as maintenance medicine (your team confirms)"
    ),
}


def condition_title(state: ConditionState, kind: TransplantKind) -> str:
    if state.name is LiveCondition.NO_ACTIVE_GVHD and kind is TransplantKind.AUTOLOGOUS:
        return _("No donor cells, so no GVHD")
    return _(CONDITION_TITLES[state.name]).format(months=state.months)


def condition_state_words(state: ConditionState) -> str:
    """ "met", "not yet (from 10 May 2028)", "not confirmed by your team yet"."""
    if state.met is True:
        if state.name is LiveCondition.IVIG and state.since is None:
            return _("met: your team confirmed it")
        return _("met")
    if state.met is None and state.name is LiveCondition.IVIG:
        return _(
            "No IVIG infusion recorded in the app. Ask your team whether you had one, and "
            "when (your team confirms)."
        )
    if state.met is None:
        return _("not confirmed by your team yet")
    if state.until is not None:
        return _("not yet (from {date})").format(date=long_date(state.until))
    return _("not met")


def condition_line(state: ConditionState, kind: TransplantKind) -> str:
    return _("{condition}: {state}").format(
        condition=condition_title(state, kind), state=condition_state_words(state)
    )


def live_lock_line(allowed: bool) -> str:
    if allowed:
        return _(
            "Every condition for live vaccines is marked as met. Your team decides whether "
            "and when you have one."
        )
    return _(
        "Live vaccines: not yet. MMR, chickenpox, yellow fever, the nasal flu spray and "
        "other live vaccines wait until your team confirms every condition below."
    )


# Translated where shown (``gvhd_next_visit``, ``household_advice``).
GVHD_NEXT_VISIT = N_(
    "If this is new or worse, tell your team at your next visit: it is in the visit "
    "report's chronic GVHD check. Breathless at rest, yellow skin or eyes, or losing weight "
    "fast: call your team now. Struggling to breathe: call emergency services."
)
HOUSEHOLD_ADVICE = (
    N_("People you live with and your carers should have their own flu injection every year."),
    N_(
        "They should be up to date with their vaccines, including MMR, and chickenpox if "
        "they are not immune."
    ),
    N_("No nasal flu spray (a live vaccine) for them in the 2 weeks before they are near you."),
    N_(
        "Children at home who are offered the nasal flu spray: ask your team; they may need "
        "the injection instead."
    ),
    N_(
        "After a child at home has the rotavirus vaccine, wash hands with care after nappy "
        "changes for 4 weeks."
    ),
)
HOUSEHOLD_SOURCE = N_("NCI PDQ table after Tomblyn et al., Biol Blood Marrow Transplant 2009")


def gvhd_next_visit() -> str:
    """What to do about a chronic GVHD sign, in the app's language."""
    return _(GVHD_NEXT_VISIT)


def household_advice() -> tuple[str, ...]:
    """The advice for the people the patient lives with, in the app's language."""
    return tuple(_(line) for line in HOUSEHOLD_ADVICE)


@dataclass(frozen=True, slots=True)
class ImmuneMarker:
    key: str
    title: str
    unit: str
    what: str


# Titles and explanations marked, translated where shown (``immune_markers``).
IMMUNE_MARKERS = (
    ImmuneMarker(
        "lymphocytes",
        N_("Lymphocytes"),
        "×10⁹/L",
        N_(
            "White cells that fight viruses and make antibodies. They come back slowly "
            "after a transplant."
        ),
    ),
    ImmuneMarker(
        "cd4",
        N_("CD4 T cells"),
        N_("cells/µL"),
        N_(
            "Helper T cells. Many teams look at this count before stopping the PJP medicine "
            "or giving some vaccines early."
        ),
    ),
    ImmuneMarker(
        "igg",
        N_("IgG (immunoglobulin G)"),
        "g/L",
        N_(
            "The main antibody in the blood. When it is low, some teams give IVIG "
            "(antibodies from donors) by drip."
        ),
    ),
)
MARKERS_SOURCE = N_("NCI PDQ 'Transplantation' (table footnotes); Tomblyn et al. 2009")


def immune_markers() -> tuple[ImmuneMarker, ...]:
    """The immune counts with their titles, units and explanations in the app's language."""
    return tuple(
        replace(marker, title=_(marker.title), unit=_(marker.unit), what=_(marker.what))
        for marker in IMMUNE_MARKERS
    )


def change_subject(field: str) -> str | None:
    """The subject of a recorded change to the vaccine plan or a live-vaccine condition, or
    None for a field that is not issue 21's."""
    parts = field.split(".")
    if parts[0] == "vaccine" and len(parts) == 4:
        what, vaccine, dose = parts[1], parts[2], parts[3]
        name = _("the team's own vaccine") if vaccine == "own" else vaccine.replace("-", " ")
        facts = {"vaccine": name, "dose": dose}
        if what == "earliest":
            return _("Vaccine plan: {vaccine}, dose {dose}: earliest date").format(**facts)
        if what == "added":
            return _("Vaccine plan: {vaccine}, dose {dose}: added to the plan").format(**facts)
        if what == "removed":
            return _("Vaccine plan: {vaccine}, dose {dose}: taken off the plan").format(**facts)
        return _("Vaccine plan: {vaccine}, dose {dose}: {change}").format(change=what, **facts)
    if parts[0] == "live_vaccine" and len(parts) == 2:
        try:
            condition = LiveCondition(parts[1])
        except ValueError:
            return None
        return _("Live-vaccine check: {condition}").format(
            condition=_(CONDITION_TITLES[condition]).format(months=_("the set"))
        )
    return None


def range_text(key: str, value, count_unit, igg_unit) -> str:
    """ "your team's range: 7–16 g/L" in the unit the patient reads (as typed; no judging)."""
    from companion.domain.labs import count_text, igg_text, number_text

    if key == "lymphocytes":
        low, high = count_text(value.low, count_unit), count_text(value.high, count_unit)
    elif key == "igg":
        low, high = igg_text(value.low, igg_unit), igg_text(value.high, igg_unit)
    else:
        unit = _("cells/µL")
        low, high = f"{number_text(value.low)} {unit}", f"{number_text(value.high)} {unit}"
    return _("your team's range: {low}–{high}").format(low=low.split()[0], high=high)
