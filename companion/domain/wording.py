"""Sentences made from stored data, for the window, the command line and paper alike.

The diary stores data — an alert's rule and figures, a change's field and values — and
these functions make the words when they are shown, so a wording fix reaches old rows too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from companion.domain.alerts import Alert, AlertKind, AlertLevel, AlertRule, c_to_f
from companion.domain.days import app_strftime, format_date, format_day
from companion.domain.emergency import emergency_number
from companion.domain.engraftment import (
    ANC_THRESHOLD,
    MEETS_DEFINITION,
    PLATELET_THRESHOLD,
    PLATELET_THRESHOLD_HIGH,
    RecoveryStatus,
    neutrophil_status,
    platelet_recovery,
)
from companion.domain.entries import SEVERITIES, Entry, EntryKind, TemperatureUnit
from companion.domain.history import ChangeRecord
from companion.domain.labs import CountUnit, HbUnit, LabResult, Product, Transfusion
from companion.domain.rules import Notice, NoticeKind, Vocabulary
from companion.domain.team import Team


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries`` (pass ``many`` when adding an "s" is wrong)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def temperature(celsius: float, unit: TemperatureUnit = TemperatureUnit.CELSIUS) -> str:
    """A temperature in the user's unit first, then the other: "38.5 °C (101.3 °F)"."""
    c, f = f"{celsius:.1f} °C", f"{c_to_f(celsius):.1f} °F"
    return f"{f} ({c})" if unit is TemperatureUnit.FAHRENHEIT else f"{c} ({f})"


def temperature_step(celsius: float, unit: TemperatureUnit = TemperatureUnit.CELSIUS) -> str:
    """A difference of temperatures: "0.5 °C" or "0.9 °F"."""
    if unit is TemperatureUnit.FAHRENHEIT:
        return f"{celsius * 9 / 5:.1f} °F"
    return f"{celsius:.1f} °C"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def when(moment: datetime, today: date | None = None) -> str:
    """ "14:05" today, else "14:05 on Friday 27 November 2026"."""
    if today is not None and moment.date() == today:
        return clock(moment)
    return f"{clock(moment)} on {format_date(moment.date())}"


# Entries ----------------------------------------------------------------------------------


def describe_entry(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    """The entry's value in words and the user's units (each kind's ``KindSpec.describe``)."""
    return entry.kind.spec.describe(entry, vocabulary, unit)


def severity_word(severity: int | None) -> str:
    return "" if severity is None else SEVERITIES[severity]


# Alerts -----------------------------------------------------------------------------------


def headline(level: AlertLevel, country: str = "") -> str:
    if level is AlertLevel.EMERGENCY:
        return f"Call emergency services now ({emergency_number(country)})"
    return "Call your transplant team now"


def _reading_time(alert: Alert) -> datetime | None:
    text = alert.figure("reading_at")
    return datetime.fromisoformat(str(text)) if text else None


def alert_reason(
    alert: Alert,
    vocabulary: Vocabulary | None = None,
    unit: TemperatureUnit = TemperatureUnit.CELSIUS,
) -> str:
    """Why the alert was raised, in plain words, from its rule and figures."""
    rule, reading, limit = alert.rule, alert.reading, alert.limit
    t = lambda c: temperature(c, unit)  # noqa: E731 - a short local spelling
    if rule is AlertRule.FEVER_SINGLE and reading is not None and limit is not None:
        return f"A temperature of {t(reading)}, at or above your team's limit of {t(limit)}."
    if rule is AlertRule.FEVER_SUSTAINED and limit is not None:
        minutes = alert.figure("minutes", 60)
        latest = f" (latest {t(reading)})" if reading is not None else ""
        return (
            f"Your temperature has been {t(limit)} or higher for at least {minutes} "
            f"minutes{latest}."
        )
    if rule in (AlertRule.FEVER_RISE, AlertRule.LOW_FALL) and reading is not None:
        contacted = alert.figure("contacted_at")
        contact = datetime.fromisoformat(str(contacted)) if contacted else None
        taken = _reading_time(alert) or alert.raised_at
        previous = float(alert.figure("previous", reading))
        step = temperature_step(float(alert.figure("step", 0.5)), unit)
        direction = "above" if rule is AlertRule.FEVER_RISE else "below"
        if contact is not None and taken < contact:
            # Logged after the contact but taken before it: the team has not heard of it.
            # When the two dates differ (a clock put right in between), say the dates.
            same_day = taken.date() == contact.date()
            taken_text = clock(taken) if same_day else when(taken)
            contact_text = clock(contact) if same_day else when(contact)
            return (
                f"A temperature of {t(reading)} taken at {taken_text}, before you "
                f"contacted your team at {contact_text}: {step} or more {direction} the "
                f"{t(previous)} you told them about. Tell them about this reading."
            )
        since = ""
        if contact is not None:
            same_day = taken.date() == contact.date()
            since = f" at {clock(contact) if same_day else when(contact)}"
        moved = "rose" if rule is AlertRule.FEVER_RISE else "fell"
        return (
            f"Your temperature {moved} to {t(reading)} after you contacted your team{since}: "
            f"{step} or more {direction} the {t(previous)} you told them about. Call them again."
        )
    if rule is AlertRule.FEVER_LIMIT_CHANGED and reading is not None and limit is not None:
        at = _reading_time(alert)
        moment = f" at {when(at)}" if at else ""
        if alert.figure("first_rule") == AlertRule.FEVER_SUSTAINED.value:
            return (
                f"Your fever limits changed: your readings up to {t(reading)}{moment} have "
                f"been {t(limit)} or higher for at least {alert.figure('minutes', 60)} "
                "minutes."
            )
        return (
            f"Your fever limit is now {t(limit)}: the reading of {t(reading)}{moment} is at "
            "or above it."
        )
    if rule is AlertRule.LOW and reading is not None and limit is not None:
        return (
            f"A temperature of {t(reading)}, below {t(limit)}. A low temperature can also be "
            "a sign of infection."
        )
    if rule is AlertRule.LOW_LIMIT_CHANGED and reading is not None and limit is not None:
        at = _reading_time(alert)
        moment = f" at {when(at)}" if at else ""
        return (
            f"Your low-temperature limit is now {t(limit)}: the reading of {t(reading)}{moment} "
            "is below it. A low temperature can also be a sign of infection."
        )
    term = str(alert.figure("term", ""))
    if rule is AlertRule.SYMPTOM:
        label = vocabulary.label(EntryKind.SYMPTOM, term) if vocabulary else term
        severity = alert.figure("severity")
        if severity is None:
            words = f"{label}."
        elif int(severity) == 0:
            words = f"{label}, logged as “none” for how bad."
        else:
            words = f"{label}, {SEVERITIES[int(severity)]}."
        if alert.level is AlertLevel.EMERGENCY and (severity is None or int(severity) < 3):
            # A red flag logged as mild or "none" still raised the emergency card: say why.
            words += f" {label} needs help now at any level."
        return words
    if rule is AlertRule.INFECTION:
        return f"{vocabulary.label(EntryKind.INFECTION, term) if vocabulary else term}."
    if rule is AlertRule.RASH:
        extent = alert.figure("extent")
        return f"A rash on the {term}" + (f" ({extent})." if extent else ".")
    if rule is AlertRule.YELLOW:
        return "Yellow skin or eyes."
    if rule is AlertRule.WEIGHT_ABOVE_BASELINE and reading is not None:
        base = float(alert.figure("baseline", reading))
        base_at = alert.figure("baseline_at")
        on = f" on {format_date(datetime.fromisoformat(str(base_at)).date())}" if base_at else ""
        gain = (reading - base) / base * 100 if base else 0.0
        if alert.figure("before_conditioning", True):
            compared = f"your weight before treatment ({base:.1f} kg{on})"
        else:
            compared = (
                f"the first weight you logged ({base:.1f} kg{on}; no weight from before "
                "your conditioning is in the diary)"
            )
        return (
            f"Your weight is {reading:.1f} kg, {gain:.1f} % above {compared}. Your team's "
            f"limit is more than {limit:g} %. Fast weight gain can be an early sign of a "
            "liver problem (VOD/SOS)."
        )
    if rule is AlertRule.WEIGHT_RISING and reading is not None:
        days = int(alert.figure("days", limit or 3))
        start = float(alert.figure("from_kg", reading))
        least = alert.figure("min_gain")
        each = f", each day by {float(least):.1f} kg or more" if least else ""
        return (
            f"Your weight has gone up on {days} days in a row{each}, from {start:.1f} kg to "
            f"{reading:.1f} kg."
        )
    if rule is AlertRule.STOOLS and reading is not None and limit is not None:
        gvhd = (
            " After a donor transplant this can also be a sign of GVHD in the gut."
            if alert.figure("donor", True)
            else ""
        )
        return (
            f"{plural(int(reading), 'loose stool')} today; your team's number is "
            f"{int(limit)} a day.{gvhd}"
        )
    return alert.legacy_reason or "An alert from an earlier version of the app."


ADVICE_BY_KIND = {
    AlertKind.SYMPTOM: "Tell them what you noticed, when it started and how bad it is.",
    AlertKind.INFECTION: "Tell them what you noticed and when it started.",
    AlertKind.WEIGHT: "Tell them your weight today and your weight before treatment.",
    AlertKind.STOOLS: (
        "Tell them how many loose stools you have had since midnight, and whether you can "
        "keep drinks and medicines down."
    ),
    AlertKind.GVHD: "Tell them where you noticed it and when it started.",
}


def advice_for(alerts: Iterable[Alert], temperature_advice: str) -> list[str]:
    """What to tell the team, once per kind of alert on the card: the team's own fever advice
    only under a temperature alert, never under chest pain."""
    lines: list[str] = []
    for alert in alerts:
        text = temperature_advice if alert.kind.is_temperature else ADVICE_BY_KIND[alert.kind]
        if text and text not in lines:
            lines.append(text)
    return lines


def emergency_line(country: str = "") -> str:
    return f"Call {emergency_number(country)} now. Then tell your transplant team."


def contact_button_text(level: AlertLevel | None) -> str:
    if level is AlertLevel.EMERGENCY:
        return "I called emergency services"
    return "I contacted my team"


def contact_about(
    alerts: Sequence[Alert],
    worst: float | None,
    unit: TemperatureUnit,
    vocabulary: Vocabulary | None = None,
) -> str:
    """What a contact was about: "a temperature of 39.6 °C (103.3 °F)" (the worst reading
    it covered), "chest pain", "your weight"… ("" when it closed nothing)."""
    temps = [a for a in alerts if a.kind.is_temperature and a.reading is not None]
    if temps:
        if worst is None:
            pick = max(temps, key=lambda a: a.reading if a.kind is AlertKind.FEVER else -a.reading)
            worst = pick.reading
        return f"a temperature of {temperature(worst, unit)}"  # type: ignore[arg-type]
    if not alerts:
        return ""
    first = alerts[0]
    if first.kind is AlertKind.SYMPTOM and vocabulary is not None:
        label = vocabulary.label(EntryKind.SYMPTOM, str(first.figure("term", "")))
        return label[:1].lower() + label[1:]
    kinds = {
        AlertKind.SYMPTOM: "a symptom",
        AlertKind.WEIGHT: "your weight",
        AlertKind.STOOLS: "loose stools",
        AlertKind.GVHD: "a sign of GVHD",
        AlertKind.INFECTION: "a sign of infection",
    }
    return kinds.get(first.kind, "what you logged")


def contacted_line(
    contacted_at: datetime,
    alerts: Sequence[Alert],
    unit: TemperatureUnit,
    today: date,
    who: str = "team",
    worst: float | None = None,
    vocabulary: Vocabulary | None = None,
) -> str:
    """The header's quiet line after a contact: "You contacted your team at 14:05 about a
    temperature of 39.6 °C (103.3 °F)" (the highest reading the contact covered), or "You
    called emergency services at 00:38 about chest pain"."""
    about = contact_about(alerts, worst, unit, vocabulary)
    about = f" about {about}" if about else ""
    if who == "emergency":
        return f"You called emergency services at {when(contacted_at, today)}{about}."
    return f"You contacted your team at {when(contacted_at, today)}{about}."


def site_note(site: str, limit_site: str) -> str:
    """A reading taken somewhere else than where the team's limits apply (American Cancer
    Society, "Fever": armpit readings run about 0.3–0.6 °C lower than mouth readings)."""
    if not site or site == limit_site:
        return ""
    return (
        f"Your team's limits are for a reading in the {limit_site}. Readings in the {site} "
        "often run lower: follow your team's advice on which limit to use."
    )


def notice_text(notice: Notice, unit: TemperatureUnit, today: date) -> str:
    """One sentence of a save message for a rules notice."""
    kind = notice.kind
    if kind is NoticeKind.AT_OR_ABOVE_LIMIT and notice.limit is not None:
        return f"This is at or above your team's limit of {temperature(notice.limit, unit)}."
    if kind is NoticeKind.CHECK_AGAIN and notice.at is not None:
        return (
            f"This is {temperature(notice.limit or 0, unit)} or higher. Check your temperature "
            f"again at {when(notice.at, today)}; the app will remind you while it is open."
        )
    if kind is NoticeKind.BELOW_LOW_LIMIT and notice.limit is not None:
        return f"This is below {temperature(notice.limit, unit)}."
    if kind is NoticeKind.CARD_OPEN:
        return "The alert card above is still open: call your team if you have not yet."
    if kind is NoticeKind.CONTACTED and notice.at is not None:
        again = (
            f" Call them again if it reaches {temperature(notice.value, unit)}, or if you feel "
            "worse."
            if notice.value is not None
            else " Call them again if anything gets worse."
        )
        return f"You contacted your team about this at {when(notice.at, today)}.{again}"
    if kind is NoticeKind.WEIGHT_ABOVE and notice.limit is not None:
        return f"This is more than {notice.limit:g} % above your weight before treatment."
    if kind is NoticeKind.STOOLS_AT_LIMIT and notice.limit is not None:
        return f"This is at or above your team's number of {int(notice.limit)} a day."
    return ""


# The team ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamLine:
    label: str  # "Office hours" / "After hours"
    phone: str
    detail: str  # when it applies
    now: bool  # the one to call at this moment


def team_lines(team: Team, moment: datetime) -> list[TeamLine]:
    label_now, _ = team.number_now(moment)
    lines = []
    for label, phone, detail in (
        ("Office hours", team.office_phone, team.hours_label),
        ("After hours", team.after_hours_phone, "evenings, nights, weekends"),
    ):
        if phone:
            lines.append(TeamLine(label, phone, detail, label == label_now))
    return lines


def team_text(team: Team | None, moment: datetime) -> str:
    """The team's numbers as plain text (screen readers, the command line, tooltips)."""
    if team is None:
        return "Your transplant team: no numbers yet. Add them in Settings."
    lines = [team.name or "Your transplant team"]
    for line in team_lines(team, moment):
        now = " — call this one now" if line.now else ""
        lines.append(f"{line.label}: {line.phone} ({line.detail}){now}")
    return "\n".join(lines)


def call_team_line(team: Team | None, moment: datetime) -> str:
    """ "Contact your transplant team: 020 7946 0123 (office hours number)."."""
    if team is None:
        return "Contact your transplant team."
    label, number = team.number_now(moment)
    return f"Contact your transplant team: {number} ({label.lower()} number)."


# Blood counts -----------------------------------------------------------------------------


def count_limit_text(limit: float, unit: CountUnit) -> str:
    """A count limit in the patient's unit: "0.5 ×10⁹/L", "500 /µL" (never a bare 0.5)."""
    return f"{unit.from_canonical(limit):g} {unit.label}"


def fallen_again_line(
    fallen: tuple[date, float], unit: CountUnit, limit: float = ANC_THRESHOLD
) -> str:
    """The neutrophils fell below the limit again after recovery: for the Today page, the
    command line's ``today``, the counts page and the visit report (nurse review 2)."""
    from companion.domain.labs import count_text

    day, value = fallen
    return (
        f"Your neutrophils (ANC) were {count_text(value, unit)} on {format_date(day)}: "
        f"below {count_limit_text(limit, unit)} again after they had recovered. Contact "
        "your transplant team today. While they are low, a fever is an emergency: call at "
        "once."
    )


# A count older than this many days is shown with "may have changed" (nurse review 19).
# Wording only, never a decision: the app's own choice, since counts can change within a day
# or two while they are low.
ANC_STALE_DAYS = 2


def anc_line(
    latest: tuple[date, float] | None,
    unit: CountUnit,
    low_limit: float,
    today: date | None = None,
) -> str:
    from companion.domain.labs import count_text

    if latest is None:
        return "Latest neutrophil count (ANC): none recorded in the app."
    day, anc = latest
    stale = (
        " Your count may have changed since this date."
        if today is not None and (today - day).days >= ANC_STALE_DAYS
        else ""
    )
    low = (
        f" A fever with an ANC below {count_limit_text(low_limit, unit)} is an emergency "
        "for your team: call them now."
        if anc < low_limit
        else ""
    )
    return (
        f"Latest neutrophil count (ANC): {count_text(anc, unit)} on {format_date(day)}.{stale}{low}"
    )


def lab_summary(lab: LabResult, count_unit: CountUnit, hb_unit: HbUnit) -> str:
    from companion.domain.labs import count_text, hb_text

    parts = []
    if lab.anc is not None:
        parts.append(f"ANC {lab.anc_text(count_unit)}")
    if lab.wbc is not None and not lab.anc_computed:
        parts.append(f"WBC {count_text(lab.wbc, count_unit)}")
    if lab.platelets is not None:
        parts.append(f"platelets {count_text(lab.platelets, count_unit)}")
    if lab.hb is not None:
        parts.append(f"haemoglobin {hb_text(lab.hb, hb_unit)}")
    return ", ".join(parts)


class RecoveryNote(StrEnum):
    """What one line of the engraftment summary says (so a report can pick lines by kind)."""

    TEAM = "team"  # the team gave a date
    NEUTROPHILS_MET = "neutrophils-met"  # the registry definition met on the values
    NEUTROPHILS_NOT_YET = "neutrophils-not-yet"
    NEUTROPHILS_NOT_APPLICABLE = "neutrophils-not-applicable"  # never fell below 0.5
    NEUTROPHILS_FALLEN_AGAIN = "neutrophils-fallen-again"  # below 0.5 after recovery
    PLATELETS_MET = "platelets-met"
    CHECK_IN = "check-in"  # past the usual day with no recovery recorded: ask the team


def engraftment_lines(
    transplant,
    labs: Sequence[LabResult],
    transfusions: Sequence[Transfusion],
    check_in_due: bool,
    today: date,
    unit: CountUnit = CountUnit.PER_L,
) -> list[tuple[RecoveryNote, str]]:
    """Where the counts stand, line by line, in the registry's words and never "you have
    engrafted"; counts and the 0.5 limit in the patient's ``unit``."""
    limit = count_limit_text(ANC_THRESHOLD, unit)
    lines: list[tuple[RecoveryNote, str]] = []
    recovered = transplant.neutrophil_recovery
    status = neutrophil_status(
        [(lab.day, lab.anc) for lab in labs if lab.anc is not None and lab.day >= transplant.day0],
        recovered if transplant.recovery_source == "team" else None,
    )
    if recovered is not None and transplant.recovery_source == "team":
        lines.append(
            (
                RecoveryNote.TEAM,
                f"Your team told you that your counts recovered on {format_date(recovered)} "
                f"({format_day(transplant.day_number(recovered))}).",
            )
        )
    elif recovered is not None:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_MET,
                f"Neutrophils from {format_date(recovered)} "
                f"({format_day(transplant.day_number(recovered))}): {MEETS_DEFINITION}.",
            )
        )
    elif status.status is RecoveryStatus.NOT_APPLICABLE:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_NOT_APPLICABLE,
                f"Neutrophils: your counts have not fallen below {limit} on the values you "
                "entered, so the registry's recovery date does not apply to you (this is "
                "common after milder conditioning). Ask your team which date they use, and "
                "add it with “My team told me my counts recovered…”.",
            )
        )
    else:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_NOT_YET,
                f"Neutrophils: not three counts of {limit} or more on different days yet, "
                "on the values you entered.",
            )
        )
    if recovered is not None and status.fallen_again is not None:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_FALLEN_AGAIN,
                fallen_again_line(status.fallen_again, unit),
            )
        )
    values = [
        (lab.day, lab.platelets)
        for lab in labs
        if lab.platelets is not None and lab.day >= transplant.day0
    ]
    given = [t.on for t in transfusions if t.product is Product.PLATELETS]
    for threshold in (PLATELET_THRESHOLD, PLATELET_THRESHOLD_HIGH):
        day = platelet_recovery(values, given, threshold)
        if day is not None:
            lines.append(
                (
                    RecoveryNote.PLATELETS_MET,
                    f"Platelets {threshold:g} or more from {format_date(day)} "
                    f"({format_day(transplant.day_number(day))}): {MEETS_DEFINITION}.",
                )
            )
    if check_in_due:
        lines.append(
            (
                RecoveryNote.CHECK_IN,
                f"It is {format_day(transplant.day_number(today))} and no count recovery "
                "is recorded in the app. It is a good time to ask your team about your counts.",
            )
        )
    return lines


def engraftment_summary(
    transplant,
    labs: Sequence[LabResult],
    transfusions: Sequence[Transfusion],
    check_in_due: bool,
    today: date,
    unit: CountUnit = CountUnit.PER_L,
) -> str:
    """The engraftment lines as one text (see ``engraftment_lines``)."""
    lines = engraftment_lines(transplant, labs, transfusions, check_in_due, today, unit)
    return "\n".join(text for _, text in lines)


# The change history ------------------------------------------------------------------------


def _value_text(field: str, value: str | None) -> str:
    """A stored change value as the user reads it."""
    from companion.domain.clinical import SETTINGS_BY_KEY, setting_text
    from companion.domain.kinds import GraftSource, TransplantKind

    if value is None or value == "":
        return "(none)"
    if field in (
        "transplant.day0",
        "transplant.team_recovery",
        "diary.started",
        "transplant.added",
    ):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "transplant.conditioning_days":
        return f"Day −{value}"
    if field == "transplant.kind":
        try:
            return TransplantKind(value).title
        except ValueError:
            return value
    if field == "transplant.source":
        try:
            return GraftSource(value).title
        except ValueError:
            return value
    if field.startswith("setting."):
        key = field.removeprefix("setting.")
        try:
            return setting_text(key, float(value)) if key in SETTINGS_BY_KEY else value
        except ValueError:
            return value
    if field == "team.office_hours":
        from companion.domain.team import hours_label_of

        return hours_label_of(value)
    if field == "preference.country":
        return f"{value} (emergency number {emergency_number(value)})"
    if field.startswith("vaccine."):  # issue 21: the plan's dates
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


_SUBJECTS = {
    "transplant.day0": "Day 0",
    "transplant.conditioning_days": "conditioning start",
    "transplant.kind": "kind",
    "transplant.source": "stem cell source",
    "transplant.team_recovery": "team said counts recovered on",
    "team.name": "Team name",
    "team.office_phone": "Office-hours number",
    "team.after_hours_phone": "After-hours number",
    "team.office_hours": "Office hours",
    "preference.country": "Country (for the emergency number)",
    "preference.temperature_unit": "Temperature unit",
}


def change_subject(record: ChangeRecord) -> str:
    from companion.domain.clinical import SETTINGS_BY_KEY

    field = record.field
    if field == "diary.started":
        return "Diary started"
    if field == "transplant.added":
        return f"Transplant {record.transplant_number} added"
    if field.startswith("setting."):
        setting = SETTINGS_BY_KEY.get(field.removeprefix("setting."))
        return setting.label if setting else field.removeprefix("setting.")
    if field.startswith("immune_range."):  # issue 21
        return f"Your team's range for {field.removeprefix('immune_range.')}"
    if field.startswith(("vaccine.", "live_vaccine.")):  # issue 21
        from companion.domain.immunity_wording import change_subject as immunity_subject

        found = immunity_subject(field)
        if found:
            return found
    subject = _SUBJECTS.get(field, record.legacy_subject or field)
    if field.startswith("transplant.") and record.transplant_number is not None:
        return f"Transplant {record.transplant_number}: {subject}"
    return subject


def change_sentence(record: ChangeRecord) -> str:
    """ "Transplant 1: Day 0: changed from Saturday 9 May 2026 to Sunday 10 May 2026"."""
    if record.field == "legacy":
        subject = record.legacy_subject or "A change"
        old, new = record.old_value, record.new_value
    else:
        subject = change_subject(record)
        old = None if record.old_value is None else _value_text(record.field, record.old_value)
        new = _value_text(record.field, record.new_value)
        if record.field in ("diary.started", "transplant.added"):
            return f"{subject}: Day 0 on {new}"
    if old is None:
        return f"{subject}: set to {new}"
    return f"{subject}: changed from {old} to {new}"


# Appointments and questions ----------------------------------------------------------------


def appointment_time(at: datetime, today: date) -> str:
    """ "today 10:30", "tomorrow 10:30", "Tuesday 10:30" within the week ahead, else
    "Tuesday 23 June 2026 10:30"."""
    days = (at.date() - today).days
    if days == 0:
        return f"today {clock(at)}"
    if days == 1:
        return f"tomorrow {clock(at)}"
    if 1 < days < 7:
        return f"{app_strftime(at, '%A')} {clock(at)}"
    return f"{format_date(at.date())} {clock(at)}"


def next_appointment_line(appointment, day: int | None, today: date, questions: int = 0) -> str:
    """ "Next: clinic visit Tuesday 10:30 · Day +21" (and the questions waiting for it)."""
    parts = [f"Next: {appointment.what} {appointment_time(appointment.at, today)}"]
    if day is not None:
        parts.append(format_day(day))
    if questions:
        parts.append(f"{plural(questions, 'question')} to ask")
    return " · ".join(parts)


def appointment_line(appointment, day: int | None) -> str:
    """One appointment in a list: "Tuesday 23 June 2026 10:30 · Day +44 · Clinic visit ·
    Riverside Hospital · with Dr Shah"."""
    what = appointment.what
    parts = [f"{format_date(appointment.at.date())} {clock(appointment.at)}"]
    if day is not None:
        parts.append(format_day(day))
    parts.append(what[:1].upper() + what[1:])
    if appointment.place:
        parts.append(appointment.place)
    if appointment.with_whom:
        parts.append(f"with {appointment.with_whom}")
    return " · ".join(parts)


def question_place(appointment, today: date) -> str:
    """Where a question belongs, in words: "clinic visit Tuesday 10:30", or "the next
    visit (not booked yet)"."""
    if appointment is None:
        return "the next visit (not booked yet)"
    return f"{appointment.what} {appointment_time(appointment.at, today)}"


# Care cards ---------------------------------------------------------------------------------
# The three levels of the NHS digital service manual's care cards, each with its words:
# a level is never shown by colour alone.

NON_URGENT = "non-urgent"
URGENT = "urgent"
IMMEDIATE = "immediate"
CARE_LEVEL_WORDS = {
    NON_URGENT: "Non-urgent: tell your team at your next visit",
    URGENT: "Urgent",
    IMMEDIATE: "Immediate action required",
}


def care_level(level: AlertLevel) -> str:
    """The care card level for an alert card: an emergency is immediate, the rest urgent."""
    return IMMEDIATE if level is AlertLevel.EMERGENCY else URGENT


def card_title(level: AlertLevel, country: str = "") -> str:
    """ "Urgent: call your transplant team now", "Immediate action required: call 999 now"
    — the card's level in words and its headline, as a screen reader names the card."""
    return f"{CARE_LEVEL_WORDS[care_level(level)]}: {headline(level, country)}"
