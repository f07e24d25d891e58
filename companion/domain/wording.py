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
from companion.domain.entries import (
    RASH_AREAS,
    RASH_EXTENTS,
    SEVERITIES,
    SITES,
    Entry,
    EntryKind,
    TemperatureUnit,
    extent_words,
    rash_area_words,
    severity_words,
    site_words,
)
from companion.domain.history import ChangeRecord
from companion.domain.labs import (
    CountUnit,
    HbUnit,
    LabResult,
    Product,
    Transfusion,
    fixed_text,
    number_text,
)
from companion.domain.rules import Notice, NoticeKind, Vocabulary
from companion.domain.team import AFTER_HOURS, OFFICE_HOURS, Team
from companion.i18n import N_, _, ngettext, pgettext


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries`` in English only (pass ``many`` when adding an "s" is wrong).

    Deprecated: a translated text uses ``ngettext`` with the whole phrase instead."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def decimal(number: float, digits: int = 1) -> str:
    """``38.5`` / ``38,5``: a number with ``digits`` decimals in the app's language."""
    return fixed_text(number, digits)


def kilos(kg: float) -> str:
    """A weight: "72.4 kg" / "72,4 kg"."""
    return _("{number} kg").format(number=decimal(kg))


def temperature(celsius: float, unit: TemperatureUnit = TemperatureUnit.CELSIUS) -> str:
    """A temperature in the user's unit first, then the other: "38.5 °C (101.3 °F)"."""
    c, f = f"{decimal(celsius)} °C", f"{decimal(c_to_f(celsius))} °F"
    return f"{f} ({c})" if unit is TemperatureUnit.FAHRENHEIT else f"{c} ({f})"


def temperature_step(celsius: float, unit: TemperatureUnit = TemperatureUnit.CELSIUS) -> str:
    """A difference of temperatures: "0.5 °C" or "0.9 °F"."""
    if unit is TemperatureUnit.FAHRENHEIT:
        return f"{decimal(celsius * 9 / 5)} °F"
    return f"{decimal(celsius)} °C"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def when(moment: datetime, today: date | None = None) -> str:
    """ "14:05" today, else "14:05 on Friday 27 November 2026"."""
    if today is not None and moment.date() == today:
        return clock(moment)
    return _("{time} on {date}").format(time=clock(moment), date=format_date(moment.date()))


# Where a temperature was taken (the stored ids of entries.SITES), as a phrase.
SITE_PHRASES = {
    "mouth": N_("in the mouth"),
    "ear": N_("in the ear"),
    "armpit": N_("in the armpit"),
    "forehead": N_("on the forehead"),
}


def site_word(site: str) -> str:
    """A measuring site's name ("armpit" / "axila"); the stored id when unknown."""
    return dict(zip(SITES, site_words(), strict=True)).get(site, site)


def rash_area_word(area: str) -> str:
    """Where a rash is (the stored ids of entries.RASH_AREAS), in the app's language."""
    return dict(zip(RASH_AREAS, rash_area_words(), strict=True)).get(area, area)


def rash_extent_word(extent: str) -> str:
    """How much skin a rash covers (entries.RASH_EXTENTS), in the app's language."""
    return dict(zip(RASH_EXTENTS, extent_words(), strict=True)).get(extent, extent)


def product_word(product: str) -> str:
    """A transfused product ("platelets", "red cells": labs.Product's values)."""
    words = {
        "platelets": pgettext("transfusion", "platelets"),
        "red cells": pgettext("transfusion", "red cells"),
    }
    return words.get(product, product)


# Entries ----------------------------------------------------------------------------------


def describe_entry(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    """The entry's value in words and the user's units (each kind's ``KindSpec.describe``)."""
    return entry.kind.spec.describe(entry, vocabulary, unit)


def entry_summary(entry: Entry, vocabulary: Vocabulary, unit: TemperatureUnit) -> str:
    """The entry in a sentence, its kind named once ("Saved temperature 37.2 °C at 10:00",
    "10:05 contacted my transplant team"): never the kind's title glued to a value that
    names it again."""
    spec = entry.kind.spec
    if spec.summary is not None:
        return spec.summary(entry, vocabulary, unit)
    return f"{spec.title_text().lower()} {spec.describe(entry, vocabulary, unit)}".strip()


def severity_word(severity: int | None) -> str:
    """How bad (entries.SEVERITIES: 0 "none" … 4 "very severe") in the app's language."""
    if severity is None:
        return ""
    words = severity_words()
    return words[severity] if 0 <= severity < len(words) else SEVERITIES[severity]


# Alerts -----------------------------------------------------------------------------------


def headline(level: AlertLevel, country: str = "") -> str:
    if level is AlertLevel.EMERGENCY:
        return _("Call emergency services now ({number})").format(number=emergency_number(country))
    return _("Call your transplant team now")


def _reading_time(alert: Alert) -> datetime | None:
    text = alert.figure("reading_at")
    return datetime.fromisoformat(str(text)) if text else None


def _after_contact_reason(alert: Alert, unit: TemperatureUnit) -> str:
    """A temperature that moved again after a contact (FEVER_RISE, LOW_FALL): one whole
    sentence per case, so a translation never glues "rose" to "above"."""
    rise = alert.rule is AlertRule.FEVER_RISE
    reading = float(alert.reading or 0.0)
    contacted = alert.figure("contacted_at")
    contact = datetime.fromisoformat(str(contacted)) if contacted else None
    taken = _reading_time(alert) or alert.raised_at
    values = {
        "value": temperature(reading, unit),
        "previous": temperature(float(alert.figure("previous", reading)), unit),
        "step": temperature_step(float(alert.figure("step", 0.5)), unit),
    }
    if contact is not None and taken < contact:
        # Logged after the contact but taken before it: the team has not heard of it.
        # When the two dates differ (a clock put right in between), say the dates.
        same_day = taken.date() == contact.date()
        values["taken"] = clock(taken) if same_day else when(taken)
        values["contacted"] = clock(contact) if same_day else when(contact)
        if rise:
            text = _(
                "A temperature of {value} taken at {taken}, before you contacted your team "
                "at {contacted}: {step} or more above the {previous} you told them about. "
                "Tell them about this reading."
            )
        else:
            text = _(
                "A temperature of {value} taken at {taken}, before you contacted your team "
                "at {contacted}: {step} or more below the {previous} you told them about. "
                "Tell them about this reading."
            )
        return text.format(**values)
    if contact is None:
        if rise:
            text = _(
                "Your temperature rose to {value} after you contacted your team: {step} or "
                "more above the {previous} you told them about. Call them again."
            )
        else:
            text = _(
                "Your temperature fell to {value} after you contacted your team: {step} or "
                "more below the {previous} you told them about. Call them again."
            )
        return text.format(**values)
    values["contacted"] = clock(contact) if taken.date() == contact.date() else when(contact)
    if rise:
        text = _(
            "Your temperature rose to {value} after you contacted your team at {contacted}: "
            "{step} or more above the {previous} you told them about. Call them again."
        )
    else:
        text = _(
            "Your temperature fell to {value} after you contacted your team at {contacted}: "
            "{step} or more below the {previous} you told them about. Call them again."
        )
    return text.format(**values)


def _weight_reason(alert: Alert, reading: float, limit: float | None) -> str:
    base = float(alert.figure("baseline", reading))
    base_at = alert.figure("baseline_at")
    gain = (reading - base) / base * 100 if base else 0.0
    values = {
        "weight": kilos(reading),
        "gain": decimal(gain),
        "base": kilos(base),
        "date": format_date(datetime.fromisoformat(str(base_at)).date()) if base_at else "",
        "limit": number_text(limit or 0),
    }
    before = alert.figure("before_conditioning", True)
    if before and base_at:
        first = _(
            "Your weight is {weight}, {gain} % above your weight before treatment ({base} on "
            "{date})."
        )
    elif before:
        first = _("Your weight is {weight}, {gain} % above your weight before treatment ({base}).")
    elif base_at:
        first = _(
            "Your weight is {weight}, {gain} % above the first weight you logged ({base} on "
            "{date}; no weight from before your conditioning is in the diary)."
        )
    else:
        first = _(
            "Your weight is {weight}, {gain} % above the first weight you logged ({base}; no "
            "weight from before your conditioning is in the diary)."
        )
    rest = _(
        "Your team's limit is more than {limit} %. Fast weight gain can be an early sign of a "
        "liver problem (VOD/SOS)."
    )
    return f"{first.format(**values)} {rest.format(**values)}"


def alert_reason(
    alert: Alert,
    vocabulary: Vocabulary | None = None,
    unit: TemperatureUnit = TemperatureUnit.CELSIUS,
) -> str:
    """Why the alert was raised, in plain words, from its rule and figures."""
    rule, reading, limit = alert.rule, alert.reading, alert.limit
    t = lambda c: temperature(c, unit)  # noqa: E731 - a short local spelling
    if rule is AlertRule.FEVER_SINGLE and reading is not None and limit is not None:
        return _("A temperature of {value}, at or above your team's limit of {limit}.").format(
            value=t(reading), limit=t(limit)
        )
    if rule is AlertRule.FEVER_SUSTAINED and limit is not None:
        minutes = int(alert.figure("minutes", 60))
        if reading is not None:
            text = ngettext(
                "Your temperature has been {limit} or higher for at least {minutes} minute "
                "(latest {value}).",
                "Your temperature has been {limit} or higher for at least {minutes} minutes "
                "(latest {value}).",
                minutes,
            )
        else:
            text = ngettext(
                "Your temperature has been {limit} or higher for at least {minutes} minute.",
                "Your temperature has been {limit} or higher for at least {minutes} minutes.",
                minutes,
            )
        return text.format(limit=t(limit), minutes=minutes, value=t(reading or 0.0))
    if rule in (AlertRule.FEVER_RISE, AlertRule.LOW_FALL) and reading is not None:
        return _after_contact_reason(alert, unit)
    if rule is AlertRule.FEVER_LIMIT_CHANGED and reading is not None and limit is not None:
        at = _reading_time(alert)
        values = {"value": t(reading), "limit": t(limit), "at": when(at) if at else ""}
        if alert.figure("first_rule") == AlertRule.FEVER_SUSTAINED.value:
            minutes = int(alert.figure("minutes", 60))
            values["minutes"] = minutes
            if at:
                text = ngettext(
                    "Your fever limits changed: your readings up to {value} at {at} have been "
                    "{limit} or higher for at least {minutes} minute.",
                    "Your fever limits changed: your readings up to {value} at {at} have been "
                    "{limit} or higher for at least {minutes} minutes.",
                    minutes,
                )
            else:
                text = ngettext(
                    "Your fever limits changed: your readings up to {value} have been {limit} "
                    "or higher for at least {minutes} minute.",
                    "Your fever limits changed: your readings up to {value} have been {limit} "
                    "or higher for at least {minutes} minutes.",
                    minutes,
                )
            return text.format(**values)
        if at:
            text = _(
                "Your fever limit is now {limit}: the reading of {value} at {at} is at or above it."
            )
        else:
            text = _("Your fever limit is now {limit}: the reading of {value} is at or above it.")
        return text.format(**values)
    if rule is AlertRule.LOW and reading is not None and limit is not None:
        return _(
            "A temperature of {value}, below {limit}. A low temperature can also be a sign of "
            "infection."
        ).format(value=t(reading), limit=t(limit))
    if rule is AlertRule.LOW_LIMIT_CHANGED and reading is not None and limit is not None:
        at = _reading_time(alert)
        if at:
            text = _(
                "Your low-temperature limit is now {limit}: the reading of {value} at {at} is "
                "below it. A low temperature can also be a sign of infection."
            )
        else:
            text = _(
                "Your low-temperature limit is now {limit}: the reading of {value} is below "
                "it. A low temperature can also be a sign of infection."
            )
        return text.format(limit=t(limit), value=t(reading), at=when(at) if at else "")
    term = str(alert.figure("term", ""))
    if rule is AlertRule.SYMPTOM:
        label = vocabulary.label(EntryKind.SYMPTOM, term) if vocabulary else term
        severity = alert.figure("severity")
        if severity is None:
            words = _("{symptom}.").format(symptom=label)
        elif int(severity) == 0:
            words = _("{symptom}, logged as “none” for how bad.").format(symptom=label)
        else:
            words = _("{symptom}, {severity}.").format(
                symptom=label, severity=severity_word(int(severity))
            )
        if alert.level is AlertLevel.EMERGENCY and (severity is None or int(severity) < 3):
            # A red flag logged as mild or "none" still raised the emergency card: say why.
            words += " " + _("{symptom} needs help now at any level.").format(symptom=label)
        return words
    if rule is AlertRule.INFECTION:
        label = vocabulary.label(EntryKind.INFECTION, term) if vocabulary else term
        return _("{sign}.").format(sign=label)
    if rule is AlertRule.RASH:
        extent = alert.figure("extent")
        if extent:
            return _("A rash on the {area} ({extent}).").format(
                area=rash_area_word(term), extent=rash_extent_word(str(extent))
            )
        return _("A rash on the {area}.").format(area=rash_area_word(term))
    if rule is AlertRule.YELLOW:
        return _("Yellow skin or eyes.")
    if rule is AlertRule.WEIGHT_ABOVE_BASELINE and reading is not None:
        return _weight_reason(alert, reading, limit)
    if rule is AlertRule.WEIGHT_RISING and reading is not None:
        days = int(alert.figure("days", limit or 3))
        start = float(alert.figure("from_kg", reading))
        least = alert.figure("min_gain")
        values = {
            "days": days,
            "start": kilos(start),
            "weight": kilos(reading),
            "least": kilos(float(least or 0)),
        }
        if least:
            text = ngettext(
                "Your weight has gone up on {days} day in a row, each day by {least} or more, "
                "from {start} to {weight}.",
                "Your weight has gone up on {days} days in a row, each day by {least} or "
                "more, from {start} to {weight}.",
                days,
            )
        else:
            text = ngettext(
                "Your weight has gone up on {days} day in a row, from {start} to {weight}.",
                "Your weight has gone up on {days} days in a row, from {start} to {weight}.",
                days,
            )
        return text.format(**values)
    if rule is AlertRule.STOOLS and reading is not None and limit is not None:
        count, number = int(reading), int(limit)
        text = ngettext(
            "{count} loose stool today; your team's number is {number} a day.",
            "{count} loose stools today; your team's number is {number} a day.",
            count,
        ).format(count=count, number=number)
        if alert.figure("donor", True):
            text += " " + _("After a donor transplant this can also be a sign of GVHD in the gut.")
        return text
    return alert.legacy_reason or _("An alert from an earlier version of the app.")


ADVICE_BY_KIND = {
    AlertKind.SYMPTOM: N_("Tell them what you noticed, when it started and how bad it is."),
    AlertKind.INFECTION: N_("Tell them what you noticed and when it started."),
    AlertKind.WEIGHT: N_("Tell them your weight today and your weight before treatment."),
    AlertKind.STOOLS: N_(
        "Tell them how many loose stools you have had since midnight, and whether you can "
        "keep drinks and medicines down."
    ),
    AlertKind.GVHD: N_("Tell them where you noticed it and when it started."),
}


def advice_for(alerts: Iterable[Alert], temperature_advice: str) -> list[str]:
    """What to tell the team, once per kind of alert on the card: the team's own fever advice
    only under a temperature alert, never under chest pain."""
    lines: list[str] = []
    for alert in alerts:
        text = temperature_advice if alert.kind.is_temperature else _(ADVICE_BY_KIND[alert.kind])
        if text and text not in lines:
            lines.append(text)
    return lines


def emergency_line(country: str = "") -> str:
    return _("Call {number} now. Then tell your transplant team.").format(
        number=emergency_number(country)
    )


def contact_button_text(level: AlertLevel | None) -> str:
    if level is AlertLevel.EMERGENCY:
        return _("I called emergency services")
    return _("I contacted my team")


CONTACT_SUBJECTS = {
    AlertKind.SYMPTOM: N_("a symptom"),
    AlertKind.WEIGHT: N_("your weight"),
    AlertKind.STOOLS: N_("loose stools"),
    AlertKind.GVHD: N_("a sign of GVHD"),
    AlertKind.INFECTION: N_("a sign of infection"),
}


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
        return _("a temperature of {value}").format(value=temperature(worst, unit))  # type: ignore[arg-type]
    if not alerts:
        return ""
    first = alerts[0]
    if first.kind is AlertKind.SYMPTOM and vocabulary is not None:
        label = vocabulary.label(EntryKind.SYMPTOM, str(first.figure("term", "")))
        return label[:1].lower() + label[1:]
    subject = CONTACT_SUBJECTS.get(first.kind)
    return _(subject) if subject else _("what you logged")


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
    at = when(contacted_at, today)
    if who == "emergency":
        if about:
            return _("You called emergency services at {time} about {subject}.").format(
                time=at, subject=about
            )
        return _("You called emergency services at {time}.").format(time=at)
    if about:
        return _("You contacted your team at {time} about {subject}.").format(
            time=at, subject=about
        )
    return _("You contacted your team at {time}.").format(time=at)


def site_note(site: str, limit_site: str) -> str:
    """A reading taken somewhere else than where the team's limits apply (American Cancer
    Society, "Fever": armpit readings run about 0.3–0.6 °C lower than mouth readings)."""
    if not site or site == limit_site:
        return ""
    place = lambda s: _(SITE_PHRASES[s]) if s in SITE_PHRASES else s  # noqa: E731
    return _(
        "Your team's limits are for a reading {limit_place}. Readings {place} often run "
        "lower: follow your team's advice on which limit to use."
    ).format(limit_place=place(limit_site), place=place(site))


def notice_text(notice: Notice, unit: TemperatureUnit, today: date) -> str:
    """One sentence of a save message for a rules notice."""
    kind = notice.kind
    if kind is NoticeKind.AT_OR_ABOVE_LIMIT and notice.limit is not None:
        return _("This is at or above your team's limit of {limit}.").format(
            limit=temperature(notice.limit, unit)
        )
    if kind is NoticeKind.CHECK_AGAIN and notice.at is not None:
        return _(
            "This is {limit} or higher. Check your temperature again at {time}; the app will "
            "remind you while it is open."
        ).format(limit=temperature(notice.limit or 0, unit), time=when(notice.at, today))
    if kind is NoticeKind.BELOW_LOW_LIMIT and notice.limit is not None:
        return _("This is below {limit}.").format(limit=temperature(notice.limit, unit))
    if kind is NoticeKind.CARD_OPEN:
        return _("The alert card above is still open: call your team if you have not yet.")
    if kind is NoticeKind.CONTACTED and notice.at is not None:
        first = _("You contacted your team about this at {time}.").format(
            time=when(notice.at, today)
        )
        if notice.value is not None:
            again = _("Call them again if it reaches {value}, or if you feel worse.").format(
                value=temperature(notice.value, unit)
            )
        else:
            again = _("Call them again if anything gets worse.")
        return f"{first} {again}"
    if kind is NoticeKind.WEIGHT_ABOVE and notice.limit is not None:
        return _("This is more than {limit} % above your weight before treatment.").format(
            limit=number_text(notice.limit)
        )
    if kind is NoticeKind.STOOLS_AT_LIMIT and notice.limit is not None:
        return _("This is at or above your team's number of {number} a day.").format(
            number=int(notice.limit)
        )
    return ""


# The team ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamLine:
    label: str  # "Office hours" / "After hours", in the app's language
    phone: str
    detail: str  # when it applies
    now: bool  # the one to call at this moment


def team_lines(team: Team, moment: datetime) -> list[TeamLine]:
    label_now, _number = team.number_now(moment)
    lines = []
    for key, phone, detail in (
        (OFFICE_HOURS, team.office_phone, team.hours_label),
        (AFTER_HOURS, team.after_hours_phone, _("evenings, nights, weekends")),
    ):
        if phone:
            lines.append(TeamLine(_(key), phone, detail, key == label_now))
    return lines


def team_text(team: Team | None, moment: datetime) -> str:
    """The team's numbers as plain text (screen readers, the command line, tooltips)."""
    if team is None:
        return _("Your transplant team: no numbers yet. Add them in Settings.")
    lines = [team.name or _("Your transplant team")]
    for line in team_lines(team, moment):
        if line.now:
            lines.append(
                _("{label}: {phone} ({detail}) — call this one now").format(
                    label=line.label, phone=line.phone, detail=line.detail
                )
            )
        else:
            lines.append(
                _("{label}: {phone} ({detail})").format(
                    label=line.label, phone=line.phone, detail=line.detail
                )
            )
    return "\n".join(lines)


def call_team_line(team: Team | None, moment: datetime) -> str:
    """ "Contact your transplant team: 020 7946 0123 (office hours number)."."""
    if team is None:
        return _("Contact your transplant team.")
    label, number = team.number_now(moment)
    if label == AFTER_HOURS:
        return _("Contact your transplant team: {number} (after hours number).").format(
            number=number
        )
    return _("Contact your transplant team: {number} (office hours number).").format(number=number)


# Blood counts -----------------------------------------------------------------------------


def count_limit_text(limit: float, unit: CountUnit) -> str:
    """A count limit in the patient's unit: "0.5 ×10⁹/L", "500 /µL" (never a bare 0.5)."""
    return f"{number_text(unit.from_canonical(limit))} {unit.label}"


def fallen_again_line(
    fallen: tuple[date, float], unit: CountUnit, limit: float = ANC_THRESHOLD
) -> str:
    """The neutrophils fell below the limit again after recovery: for the Today page, the
    command line's ``today``, the counts page and the visit report (nurse review 2)."""
    from companion.domain.labs import count_text

    day, value = fallen
    return _(
        "Your neutrophils (ANC) were {count} on {date}: below {limit} again after they had "
        "recovered. Contact your transplant team today. While they are low, a fever is an "
        "emergency: call at once."
    ).format(
        count=count_text(value, unit), date=format_date(day), limit=count_limit_text(limit, unit)
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
        return _("Latest neutrophil count (ANC): none recorded in the app.")
    day, anc = latest
    text = _("Latest neutrophil count (ANC): {count} on {date}.").format(
        count=count_text(anc, unit), date=format_date(day)
    )
    if today is not None and (today - day).days >= ANC_STALE_DAYS:
        text += " " + _("Your count may have changed since this date.")
    if anc < low_limit:
        text += " " + _(
            "A fever with an ANC below {limit} is an emergency for your team: call them now."
        ).format(limit=count_limit_text(low_limit, unit))
    return text


def lab_summary(lab: LabResult, count_unit: CountUnit, hb_unit: HbUnit) -> str:
    from companion.domain.labs import count_text, hb_text

    parts = []
    if lab.anc is not None:
        parts.append(_("ANC {value}").format(value=lab.anc_text(count_unit)))
    if lab.wbc is not None and not lab.anc_computed:
        parts.append(_("WBC {value}").format(value=count_text(lab.wbc, count_unit)))
    if lab.platelets is not None:
        parts.append(_("platelets {value}").format(value=count_text(lab.platelets, count_unit)))
    if lab.hb is not None:
        parts.append(_("haemoglobin {value}").format(value=hb_text(lab.hb, hb_unit)))
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
    meets = _(MEETS_DEFINITION)
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
                _("Your team told you that your counts recovered on {date} ({day}).").format(
                    date=format_date(recovered), day=format_day(transplant.day_number(recovered))
                ),
            )
        )
    elif recovered is not None:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_MET,
                _("Neutrophils from {date} ({day}): {meets}.").format(
                    date=format_date(recovered),
                    day=format_day(transplant.day_number(recovered)),
                    meets=meets,
                ),
            )
        )
    elif status.status is RecoveryStatus.NOT_APPLICABLE:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_NOT_APPLICABLE,
                _(
                    "Neutrophils: your counts have not fallen below {limit} on the values you "
                    "entered, so the registry's recovery date does not apply to you (this is "
                    "common after milder conditioning). Ask your team which date they use, and "
                    "add it with “My team told me my counts recovered…”."
                ).format(limit=limit),
            )
        )
    else:
        lines.append(
            (
                RecoveryNote.NEUTROPHILS_NOT_YET,
                _(
                    "Neutrophils: not three counts of {limit} or more on different days yet, "
                    "on the values you entered."
                ).format(limit=limit),
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
                    _("Platelets {threshold} or more from {date} ({day}): {meets}.").format(
                        threshold=number_text(threshold),
                        date=format_date(day),
                        day=format_day(transplant.day_number(day)),
                        meets=meets,
                    ),
                )
            )
    if check_in_due:
        lines.append(
            (
                RecoveryNote.CHECK_IN,
                _(
                    "It is {day} and no count recovery is recorded in the app. It is a good "
                    "time to ask your team about your counts."
                ).format(day=format_day(transplant.day_number(today))),
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
    return "\n".join(text for _note, text in lines)


# The change history ------------------------------------------------------------------------


def _value_text(field: str, value: str | None) -> str:
    """A stored change value as the user reads it."""
    from companion.domain.clinical import SETTINGS_BY_KEY, setting_text
    from companion.domain.kinds import GraftSource, TransplantKind

    if value is None or value == "":
        return _("(none)")
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
        try:
            return format_day(-int(value))
        except ValueError:
            return value
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
        return _("{country} (emergency number {number})").format(
            country=value, number=emergency_number(value)
        )
    if field.startswith("vaccine."):  # issue 21: the plan's dates
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


_SUBJECTS = {
    "transplant.day0": N_("Day 0"),
    "transplant.conditioning_days": N_("conditioning start"),
    "transplant.kind": N_("kind"),
    "transplant.source": N_("stem cell source"),
    "transplant.team_recovery": N_("team said counts recovered on"),
    "team.name": N_("Team name"),
    "team.office_phone": N_("Office-hours number"),
    "team.after_hours_phone": N_("After-hours number"),
    "team.office_hours": N_("Office hours"),
    "preference.country": N_("Country (for the emergency number)"),
    "preference.temperature_unit": N_("Temperature unit"),
}


def change_subject(record: ChangeRecord) -> str:
    from companion.domain.clinical import SETTINGS_BY_KEY

    field = record.field
    if field == "diary.started":
        return _("Diary started")
    if field == "transplant.added":
        return _("Transplant {number} added").format(number=record.transplant_number)
    if field.startswith("setting."):
        setting = SETTINGS_BY_KEY.get(field.removeprefix("setting."))
        return setting.label_text if setting else field.removeprefix("setting.")
    if field.startswith("immune_range."):  # issue 21
        return _("Your team's range for {name}").format(name=field.removeprefix("immune_range."))
    if field.startswith(("vaccine.", "live_vaccine.")):  # issue 21
        from companion.domain.immunity_wording import change_subject as immunity_subject

        found = immunity_subject(field)
        if found:
            return found
    subject = _(_SUBJECTS[field]) if field in _SUBJECTS else record.legacy_subject or field
    if field.startswith("transplant.") and record.transplant_number is not None:
        return _("Transplant {number}: {subject}").format(
            number=record.transplant_number, subject=subject
        )
    return subject


def change_sentence(record: ChangeRecord) -> str:
    """ "Transplant 1: Day 0: changed from Saturday 9 May 2026 to Sunday 10 May 2026"."""
    if record.field == "legacy":
        subject = record.legacy_subject or _("A change")
        old, new = record.old_value, record.new_value
    else:
        subject = change_subject(record)
        old = None if record.old_value is None else _value_text(record.field, record.old_value)
        new = _value_text(record.field, record.new_value)
        if record.field in ("diary.started", "transplant.added"):
            return _("{subject}: Day 0 on {date}").format(subject=subject, date=new)
    if old is None:
        return _("{subject}: set to {new}").format(subject=subject, new=new)
    return _("{subject}: changed from {old} to {new}").format(subject=subject, old=old, new=new)


# Appointments and questions ----------------------------------------------------------------


def appointment_time(at: datetime, today: date) -> str:
    """ "today 10:30", "tomorrow 10:30", "Tuesday 10:30" within the week ahead, else
    "Tuesday 23 June 2026 10:30"."""
    days = (at.date() - today).days
    if days == 0:
        return _("today {time}").format(time=clock(at))
    if days == 1:
        return _("tomorrow {time}").format(time=clock(at))
    if 1 < days < 7:
        return _("{weekday} {time}").format(weekday=app_strftime(at, "%A"), time=clock(at))
    return _("{date} {time}").format(date=format_date(at.date()), time=clock(at))


def next_appointment_line(appointment, day: int | None, today: date, questions: int = 0) -> str:
    """ "Next: clinic visit Tuesday 10:30 · Day +21" (and the questions waiting for it)."""
    parts = [
        _("Next: {what} {when}").format(
            what=appointment.what, when=appointment_time(appointment.at, today)
        )
    ]
    if day is not None:
        parts.append(format_day(day))
    if questions:
        parts.append(
            ngettext("{count} question to ask", "{count} questions to ask", questions).format(
                count=questions
            )
        )
    return " · ".join(parts)


def appointment_line(appointment, day: int | None) -> str:
    """One appointment in a list: "Tuesday 23 June 2026 10:30 · Day +44 · Clinic visit ·
    Riverside Hospital · with Dr Shah"."""
    what = appointment.what
    parts = [
        _("{date} {time}").format(
            date=format_date(appointment.at.date()), time=clock(appointment.at)
        )
    ]
    if day is not None:
        parts.append(format_day(day))
    parts.append(what[:1].upper() + what[1:])
    if appointment.place:
        parts.append(appointment.place)
    if appointment.with_whom:
        parts.append(_("with {person}").format(person=appointment.with_whom))
    return " · ".join(parts)


def question_place(appointment, today: date) -> str:
    """Where a question belongs, in words: "clinic visit Tuesday 10:30", or "the next
    visit (not booked yet)"."""
    if appointment is None:
        return _("the next visit (not booked yet)")
    return _("{what} {when}").format(
        what=appointment.what, when=appointment_time(appointment.at, today)
    )


# Care cards ---------------------------------------------------------------------------------
# The three levels of the NHS digital service manual's care cards, each with its words:
# a level is never shown by colour alone. The words are marked here and translated where
# shown (``care_level_words``): the language is chosen after this module is imported.

NON_URGENT = "non-urgent"
URGENT = "urgent"
IMMEDIATE = "immediate"
CARE_LEVEL_WORDS = {
    NON_URGENT: N_("Non-urgent: tell your team at your next visit"),
    URGENT: N_("Urgent"),
    IMMEDIATE: N_("Immediate action required"),
}


def care_level_words(level: str) -> str:
    """A care card level's words in the app's language."""
    return _(CARE_LEVEL_WORDS[level])


def care_level(level: AlertLevel) -> str:
    """The care card level for an alert card: an emergency is immediate, the rest urgent."""
    return IMMEDIATE if level is AlertLevel.EMERGENCY else URGENT


def card_title(level: AlertLevel, country: str = "") -> str:
    """ "Urgent: call your transplant team now", "Immediate action required: call 999 now"
    — the card's level in words and its headline, as a screen reader names the card."""
    return _("{level}: {headline}").format(
        level=care_level_words(care_level(level)), headline=headline(level, country)
    )
