"""The JSON shapes the diary is shown in: one function per kind of thing, Qt-free.

The command line prints these with ``--json`` (the README names each shape: ENTRY,
ALERT, APPOINTMENT, QUESTION, VACCINE DOSE, MEDICINE, DOSE, REMINDER, HISTORY ITEM), and
the exports build on the same pieces (``instant``), so a later format (FHIR, a sync)
shows a thing the way the command line does. Keys and identifier values are English: they
are a contract. Texts meant to be read (``reason``, ``summary``, ``about``) are in the
app's language.
"""

from __future__ import annotations

from datetime import date, datetime


def instant(moment: datetime) -> str:
    """A moment as every shape writes it: ISO-8601 to the second, with the offset it was
    entered with (``2026-05-10T08:00:00+01:00``); FHIR's dateTime is the same."""
    return moment.isoformat(timespec="seconds")


def logged_json(saved: dict, alerts: list[dict] | None = None, at_or_above_limit=False) -> dict:
    """What ``log`` prints: {"saved": THING, "alerts": [ALERT…], "at_or_above_limit"}."""
    return {"saved": saved, "alerts": alerts or [], "at_or_above_limit": at_or_above_limit}


def alert_json(alert, service) -> dict:
    """An ALERT: {"id", "level", "kind", "at", "reason", "readings", "anc"}.

    ``readings``: a fever or low-temperature alert's episode, worst first ([] for others);
    ``anc``: the latest ANC on or before the alert, for a fever alert (else null).
    """
    from companion.domain.alerts import AlertKind
    from companion.domain.wording import alert_reason

    anc = None
    if alert.kind is AlertKind.FEVER:
        before = [
            lab for lab in service.labs.all() if lab.anc is not None and lab.at <= alert.raised_at
        ]
        if before:
            latest = max(before, key=lambda lab: lab.at)
            anc = {"value": latest.anc, "at": instant(latest.at)}
    return {
        "id": alert.id,
        "level": alert.level.id,
        "kind": alert.kind.value,
        "at": instant(alert.raised_at),
        "reason": alert_reason(
            alert, service.settings.vocabulary, service.settings.temperature_unit
        ),
        "readings": [
            {
                "entry": r.id,
                "value": r.value,
                "unit": "C",
                "at": instant(r.at),
            }
            for r in service.log.episode_readings(alert)
        ],
        "anc": anc,
    }


def entry_json(entry, service) -> dict:
    from companion.domain.entries import SEVERITIES, EntryKind

    unit = {
        EntryKind.TEMPERATURE: "C",
        EntryKind.WEIGHT: "kg",
        EntryKind.STOOLS: "per-day",
    }.get(entry.kind)
    return {
        "id": entry.id,
        "at": instant(entry.at),
        "kind": entry.kind.value,
        "term": entry.term or None,
        "value": entry.value,
        "unit": unit,
        "severity": None
        if entry.severity is None
        else SEVERITIES[entry.severity].replace(" ", "-"),
        "detail": entry.detail or None,
        "note": entry.note or None,
    }


def last_contact_json(service) -> dict | None:
    """{"at", "who": "team"|"emergency", "about"} of the latest contact, or None."""
    from companion.domain.wording import contact_about

    contact = service.log.latest_contact()
    if contact is None:
        return None
    worst = contact.worst.value if contact.worst is not None else None
    return {
        "at": instant(contact.entry.at),
        "who": contact.who.value,
        "about": contact_about(
            contact.alerts, worst, service.settings.temperature_unit, service.settings.vocabulary
        ),
    }


def team_json(service) -> dict | None:
    """The team's numbers, and which one to call at this moment."""
    team = service.settings.team
    if team is None:
        return None
    now = service.now()
    _label, number = team.number_now(now)
    # Decided as number_now decides, not from its label: the label is worded in the app's
    # language, "call_now" is an identifier.
    office = bool((team.in_office_hours(now) and team.office_phone) or not team.after_hours_phone)
    return {
        "name": team.name,
        "office_phone": team.office_phone,
        "after_hours_phone": team.after_hours_phone,
        "call_now": "office" if office else "after-hours",
        "number": number,
    }


def recovery_json(service, transplant) -> dict:
    """{"status", "day", "source", "fallen_again"}: neutrophil recovery, first recovery kept."""
    found = service.labs.neutrophil_status(transplant)
    fallen = None
    if found.fallen_again is not None:
        day, value = found.fallen_again
        fallen = {"day": transplant.day_number(day), "value": value}
    return {
        "status": found.status.value,
        "day": transplant.day_number(found.on) if found.on is not None else None,
        "source": found.source,
        "fallen_again": fallen,
    }


def appointment_json(appointment, service) -> dict:
    """An APPOINTMENT (see the README)."""
    day = None
    if service.transplants.journey is not None:
        day = service.transplants.on(appointment.day).day_number(appointment.day)
    return {
        "id": appointment.id,
        "at": instant(appointment.at),
        "kind": appointment.kind.value,
        "kind_words": appointment.kind.words,
        "title": appointment.title or None,
        "what": appointment.what,
        "where": appointment.place or None,
        "with": appointment.with_whom or None,
        "note": appointment.note or None,
        "day": day,
        "past": appointment.is_past(service.today()),
    }


def question_json(placed) -> dict:
    """A QUESTION (see the README)."""
    question = placed.question
    return {
        "id": question.id,
        "text": question.text,
        "asked_at": instant(question.asked_at),
        "appointment_id": placed.appointment.id if placed.appointment else None,
        "chosen_appointment_id": question.appointment_id,
        "carried_from": placed.carried_from.id if placed.carried_from else None,
        "answered": question.answered,
        "answered_at": instant(question.answered_at) if question.answered_at else None,
        "answer": question.answer or None,
    }


def vaccine_json(planned) -> dict:
    """A VACCINE DOSE: {"id", "vaccine", "dose", "earliest", "given", "live", "status"}."""
    dose = planned.dose
    return {
        "id": dose.id,
        "vaccine": dose.name,
        "dose": dose.dose,
        "earliest": dose.earliest.isoformat(),
        "given": dose.given_on.isoformat() if dose.given_on else None,
        "live": dose.live,
        "status": planned.status.value,
    }


def live_status_json(status) -> dict:
    return {
        "allowed": status.allowed,
        "conditions": [
            {
                "name": c.name.value,
                "met": c.met,
                "since": c.since.isoformat() if c.since else None,
                "until": c.until.isoformat() if c.until else None,
            }
            for c in status.conditions
        ],
    }


def immunity_today_json(service) -> dict:
    immunity = service.immunity
    return {
        "infection_period": immunity.period().value,
        "vaccines_due": [vaccine_json(p) for p in immunity.due()],
    }


def medicine_json(medicine, day: date) -> dict:
    """A MEDICINE (see the README): as it is on ``day``."""
    last = medicine.last_day
    return {
        "id": medicine.id,
        "name": medicine.name,
        "dose": medicine.dose_on(day),
        "times": [t.strftime("%H:%M") for t in medicine.times_on(day)]
        if medicine.every_hours is not None
        else [t.strftime("%H:%M") for t in medicine.times],
        "from": medicine.start.isoformat(),
        "to": last.isoformat() if last else None,
        "for": medicine.purpose or None,
    }


def dose_json(dose) -> dict:
    """A DOSE (see the README)."""
    return {
        "medicine": dose.medicine_id,
        "name": dose.name,
        "dose": dose.dose,
        "due": instant(dose.due),
        "status": dose.status.value,
    }


def reminder_json(reminder, text) -> dict:
    """A REMINDER (see the README)."""
    dose = reminder.dose
    return {
        "kind": reminder.kind.value,
        "at": instant(reminder.at),
        "until": instant(reminder.until),
        "title": text.title,
        "text": text.body,
        "medicine": dose.medicine_id if dose else None,
        "due": instant(dose.due) if dose else None,
    }


def lab_json(saved) -> dict:
    """Blood counts as saved: {"id", "at", "kind": "counts", "anc", …} (counts in 10^9/L)."""
    return {
        "id": saved.id,
        "at": instant(saved.at),
        "kind": "counts",
        "anc": saved.anc,
        "anc_computed": saved.anc_computed,
        "wbc": saved.wbc,
        "neutrophil_percent": saved.neutrophil_percent,
        "platelets": saved.platelets,
        "hb": saved.hb,
        "lymphocytes": saved.lymphocytes,
        "cd4": saved.cd4,
        "igg": saved.igg,
    }


def transfusion_json(saved, product: str) -> dict:
    """A transfusion as saved; ``product`` as typed: "platelets" or "red-cells"."""
    return {"id": saved.id, "on": saved.on.isoformat(), "kind": "transfusion", "product": product}


def ivig_json(at: datetime) -> dict:
    return {"at": instant(at), "kind": "ivig"}


def checkup_json(item, plan) -> dict:
    """A yearly check-up: {"id", "check", "title", "due", "appointment_id", "done"}."""
    check = plan.check(item.item)
    return {
        "id": item.id,
        "check": item.item,
        "title": check.title if check else item.item,
        "due": item.due_on.isoformat(),
        "appointment_id": item.appointment_id,
        "done": item.done_on.isoformat() if item.done_on else None,
    }


def history_json(item) -> dict:
    """A HISTORY ITEM: {"id", "at", "operation", "summary", "front_end"}."""
    return {
        "id": item.id,
        "at": instant(item.at),
        "operation": item.operation,
        "summary": item.summary,
        "front_end": item.front_end,
    }


def undone_json(item, redone: bool = False) -> dict:
    """What undo (``{"undone": …}``) or redo (``{"redone": …}``) took back or did again."""
    key = "redone" if redone else "undone"
    return {key: {"operation": item.operation, "at": instant(item.at), "summary": item.summary}}


def today_json(service, status, alerts) -> dict:
    """What ``today --json`` prints: the day, phase, open alerts, last contact, the team's
    numbers, neutrophil recovery, the infection period and the vaccines due."""
    return {
        "day": status.day,
        "phase": status.phase.value,
        "date": status.date.isoformat(),
        "open_alerts": [alert_json(a, service) for a in alerts],
        "last_contact": last_contact_json(service),
        "team": team_json(service),
        "neutrophil_recovery": recovery_json(service, status.transplant),
        **immunity_today_json(service),  # issue 21
    }
