"""The words of issue 21, made when shown: the infection-risk line for each period, the
vaccine statuses, the live-vaccine conditions, the household advice, what each immune count
measures. Facts from CLINICAL.md, in our own plain words, each with its source."""

from __future__ import annotations

from dataclasses import dataclass

from companion.domain.days import format_date
from companion.domain.immunity import (
    ConditionState,
    DoseStatus,
    InfectionPeriod,
    LiveCondition,
    VaccineDose,
)
from companion.domain.kinds import TransplantKind

TOMBLYN_SOURCE = (
    "Tomblyn et al., Biol Blood Marrow Transplant 2009;15:1143 (CDC/IDSA/ASBMT guidelines "
    "for preventing infections after transplant); NCI PDQ 'Transplantation'"
)
VACCINE_SOURCE = (
    "IDSA 2013 guideline (Rubin et al., Clin Infect Dis 2014;58:e44); ECIL 7 (Cordonnier "
    "et al., Lancet Infect Dis 2019;19:e200); NCI PDQ table after Tomblyn et al. 2009"
)


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
            "Before your counts recover",
            "Germs from your gut, skin and line, yeasts and moulds, and cold sores coming back.",
            "Wash your hands, care for your line as taught, follow the food rules, and take "
            "the medicines that prevent infection.",
            "Call your team at your fever limit, with shaking chills, a red or sore line, "
            f"or anything on your call list; or a temperature below {low_limit}.",
        )
    if period is InfectionPeriod.EARLY:
        return PeriodText(
            "Counts back, up to about Day +100",
            (
                "CMV (a common virus that sleeps in most adults), moulds, a lung germ called "
                "PJP, and other viruses. GVHD and its medicines add to the risk."
                if donor
                else "Viruses such as CMV, moulds and a lung germ called PJP, though less "
                "often than after a donor transplant."
            ),
            "Wash your hands, keep away from people who are ill and from building works, "
            "and take your preventive medicines even when you feel well.",
            "Call your team about a fever, a cough or feeling short of breath, or a painful "
            "rash with blisters.",
        )
    return PeriodText(
        "After Day +100",
        (
            "Pneumonia germs (your antibodies are still low), shingles, flu, RSV and "
            "COVID-19. Chronic GVHD and its medicines keep the risk high."
            if donor
            else "Pneumonia germs (your antibodies are still low), shingles, flu, RSV and COVID-19."
        ),
        "Wash your hands, wear a mask in crowds when viruses go round, keep up your "
        "vaccines, and take your preventive medicines.",
        "Call your team now about a fever or a new cough. A painful rash with blisters, often "
        "on one side (shingles): call today.",
    )


def period_line(period: InfectionPeriod, kind: TransplantKind) -> str:
    """The one line for the Today page: "Infection risk now (after Day +100): …"."""
    text = period_text(period, kind)
    return f"Infection risk now ({_lower_first(text.title)}): {text.germs} {text.protect}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Teams often delay a vaccine (nurse review 8): never "due" or "overdue".
STATUS_WORDS = {
    DoseStatus.DONE: "given",
    DoseStatus.DUE: "can be given from now if your team agrees",
    DoseStatus.OVERDUE: "past the usual start: ask your team",
    DoseStatus.NOT_YET: "not yet",
    DoseStatus.LOCKED: "not yet (live vaccine: waits for your team)",
}


SHORT_STATUS_WORDS = {
    DoseStatus.DONE: "given",
    DoseStatus.DUE: "can be given now",
    DoseStatus.OVERDUE: "past the usual start",
    DoseStatus.NOT_YET: "not yet",
    DoseStatus.LOCKED: "not yet (live)",
}


def dose_label(dose: VaccineDose) -> str:
    return f"{dose.name}, dose {dose.dose}"


def dose_line(dose: VaccineDose, status: DoseStatus) -> str:
    """ "Pneumococcal conjugate, dose 1 — from Monday 10 August 2026: overdue"."""
    if status is DoseStatus.DONE and dose.given_on is not None:
        where = f" at {dose.given_where}" if dose.given_where else ""
        return f"{dose_label(dose)}: given on {format_date(dose.given_on)}{where}"
    return f"{dose_label(dose)}: from {format_date(dose.earliest)}, {STATUS_WORDS[status]}"


def next_dose_line(dose: VaccineDose) -> str:
    """ "Next: Hepatitis B, dose 3, from Saturday 10 July 2027"."""
    return f"Next: {dose_label(dose)}, from {format_date(dose.earliest)}"


CONDITION_TITLES = {
    LiveCondition.TWO_YEARS: "At least {months} months since Day 0",
    LiveCondition.NO_ACTIVE_GVHD: "No active GVHD (your team confirms)",
    LiveCondition.OFF_IMMUNOSUPPRESSION: (
        "Off all medicines that damp down the immune system for at least {months} months "
        "(your team confirms)"
    ),
    LiveCondition.IVIG: "At least {months} months since the last IVIG infusion",
    LiveCondition.NO_MAINTENANCE: (
        "No ongoing treatment such as maintenance medicine (your team confirms)"
    ),
}


def condition_title(state: ConditionState, kind: TransplantKind) -> str:
    if state.name is LiveCondition.NO_ACTIVE_GVHD and kind is TransplantKind.AUTOLOGOUS:
        return "No donor cells, so no GVHD"
    return CONDITION_TITLES[state.name].format(months=state.months)


def condition_state_words(state: ConditionState) -> str:
    """ "met", "not yet (from 10 May 2028)", "not confirmed by your team yet"."""
    if state.met is True:
        if state.name is LiveCondition.IVIG and state.since is None:
            return "met: your team confirmed it"
        return "met"
    if state.met is None and state.name is LiveCondition.IVIG:
        return (
            "No IVIG infusion recorded in the app. Ask your team whether you had one, and "
            "when (your team confirms)."
        )
    if state.met is None:
        return "not confirmed by your team yet"
    if state.until is not None:
        return f"not yet (from {format_date(state.until)})"
    return "not met"


def condition_line(state: ConditionState, kind: TransplantKind) -> str:
    return f"{condition_title(state, kind)}: {condition_state_words(state)}"


def live_lock_line(allowed: bool) -> str:
    if allowed:
        return (
            "Every condition for live vaccines is marked as met. Your team decides whether "
            "and when you have one."
        )
    return (
        "Live vaccines: not yet. MMR, chickenpox, yellow fever, the nasal flu spray and "
        "other live vaccines wait until your team confirms every condition below."
    )


GVHD_NEXT_VISIT = (
    "If this is new or worse, tell your team at your next visit: it is in the visit "
    "report's chronic GVHD check. Breathless at rest, yellow skin or eyes, or losing weight "
    "fast: call your team now. Struggling to breathe: call emergency services."
)
HOUSEHOLD_ADVICE = (
    "People you live with and your carers should have their own flu injection every year.",
    "They should be up to date with their vaccines, including MMR, and chickenpox if they "
    "are not immune.",
    "No nasal flu spray (a live vaccine) for them in the 2 weeks before they are near you.",
    "Children at home who are offered the nasal flu spray: ask your team; they may need the "
    "injection instead.",
    "After a child at home has the rotavirus vaccine, wash hands with care after nappy "
    "changes for 4 weeks.",
)
HOUSEHOLD_SOURCE = "NCI PDQ table after Tomblyn et al., Biol Blood Marrow Transplant 2009"


@dataclass(frozen=True, slots=True)
class ImmuneMarker:
    key: str
    title: str
    unit: str
    what: str


IMMUNE_MARKERS = (
    ImmuneMarker(
        "lymphocytes",
        "Lymphocytes",
        "×10⁹/L",
        "White cells that fight viruses and make antibodies. They come back slowly after a "
        "transplant.",
    ),
    ImmuneMarker(
        "cd4",
        "CD4 T cells",
        "cells/µL",
        "Helper T cells. Many teams look at this count before stopping the PJP medicine or "
        "giving some vaccines early.",
    ),
    ImmuneMarker(
        "igg",
        "IgG (immunoglobulin G)",
        "g/L",
        "The main antibody in the blood. When it is low, some teams give IVIG (antibodies "
        "from donors) by drip.",
    ),
)
MARKERS_SOURCE = "NCI PDQ 'Transplantation' (table footnotes); Tomblyn et al. 2009"


def change_subject(field: str) -> str | None:
    """The subject of a recorded change to the vaccine plan or a live-vaccine condition, or
    None for a field that is not issue 21's."""
    parts = field.split(".")
    if parts[0] == "vaccine" and len(parts) == 4:
        what, vaccine, dose = parts[1], parts[2], parts[3]
        name = "the team's own vaccine" if vaccine == "own" else vaccine.replace("-", " ")
        label = {
            "earliest": "earliest date",
            "added": "added to the plan",
            "removed": "taken off the plan",
        }
        return f"Vaccine plan: {name}, dose {dose}: {label.get(what, what)}"
    if parts[0] == "live_vaccine" and len(parts) == 2:
        try:
            condition = LiveCondition(parts[1])
        except ValueError:
            return None
        return f"Live-vaccine check: {CONDITION_TITLES[condition].format(months='the set')}"
    return None


def range_text(key: str, value, count_unit, igg_unit) -> str:
    """ "your team's range: 7–16 g/L" in the unit the patient reads (as typed; no judging)."""
    from companion.domain.labs import count_text, igg_text

    if key == "lymphocytes":
        low, high = count_text(value.low, count_unit), count_text(value.high, count_unit)
    elif key == "igg":
        low, high = igg_text(value.low, igg_unit), igg_text(value.high, igg_unit)
    else:
        low, high = f"{value.low:g} cells/µL", f"{value.high:g} cells/µL"
    return f"your team's range: {low.split()[0]}–{high}"
