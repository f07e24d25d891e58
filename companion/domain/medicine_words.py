"""Words for medicines, doses and reminders, made when shown (window, tray, command line,
paper alike). Separate from ``domain.wording`` so the medicines feature stays one part."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from companion.domain.days import format_date
from companion.domain.entries import TemperatureUnit
from companion.domain.medicines import ChangeKind, Dose, DoseStatus, Medicine, MedicineChange
from companion.domain.schedule import Reminder, ReminderKind

# Words, not only colour: the grid, the chart and the report all print these.
STATUS_WORDS = {
    DoseStatus.UPCOMING: "to come",
    DoseStatus.DUE: "due now",
    DoseStatus.HELD: "held for blood test",
    DoseStatus.TAKEN: "taken",
    DoseStatus.SKIPPED: "skipped",
    DoseStatus.MISSED: "missed",
}


def hhmm(moment) -> str:
    return moment.strftime("%H:%M")


def status_words(dose: Dose) -> str:
    """ "taken 08:10", "taken late 09:40", "skipped", "missed", "held for blood test"."""
    if dose.record is not None and dose.status is DoseStatus.TAKEN:
        late = " late" if dose.late else ""
        return f"taken{late} {hhmm(dose.record.at)}"
    return STATUS_WORDS[dose.status]


def schedule_words(medicine: Medicine) -> str:
    """ "08:00 and 20:00", "every 8 hours from 06:00"."""
    if medicine.every_hours is not None:
        return f"every {medicine.every_hours} hours from {hhmm(medicine.times[0])}"
    names = [hhmm(t) for t in medicine.times]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def change_words(change: MedicineChange) -> str:
    """A dated change in a sentence: "from Monday 1 June 2026: 1.5 mg"."""
    if change.kind is ChangeKind.DOSE:
        return f"from {format_date(change.on)}: {change.dose}"
    if change.kind is ChangeKind.STOP:
        return f"stopped from {format_date(change.on)}"
    if change.until is None:
        return f"paused from {format_date(change.on)}"
    return f"paused from {format_date(change.on)} to {format_date(change.until)}"


def medicine_line(medicine: Medicine, day: date) -> str:
    """ "Tacrolimus 1.5 mg at 08:00 and 20:00, with food — keeps GVHD away (held on
    blood-test days until the sample is taken)": the purpose in the patient's words."""
    when = schedule_words(medicine)
    when = when if medicine.every_hours is not None else f"at {when}"
    parts = [f"{medicine.name} {medicine.dose_on(day)} {when}"]
    if medicine.food.words:
        parts[0] += f", {medicine.food.words}"
    if medicine.purpose:
        parts.append(medicine.purpose)
    line = " — ".join(parts)
    if medicine.hold_on_blood_test:
        line += " (held on blood-test days until the sample is taken)"
    return line


def dose_line(dose: Dose) -> str:
    """ "08:00  Tacrolimus 2 mg — taken 08:10"."""
    words = status_words(dose)
    if dose.status is DoseStatus.HELD and dose.held_until is not None:
        words = f"held until the blood test at {hhmm(dose.held_until)}"
    line = f"{hhmm(dose.due)}  {dose.name} {dose.dose} — {words}"
    if dose.record is not None and dose.record.reason:
        line += f" ({dose.record.reason})"
    return line


@dataclass(frozen=True, slots=True)
class ReminderText:
    title: str
    body: str


def reminder_text(
    reminder: Reminder, unit: TemperatureUnit = TemperatureUnit.CELSIUS
) -> ReminderText:
    """The words of a notification (and of ``remind --due``)."""
    from companion.domain.wording import temperature

    if reminder.kind is ReminderKind.DOSE and reminder.dose is not None:
        dose = reminder.dose
        title = f"Time for {dose.name} {dose.dose}"
        body = f"Your {hhmm(dose.due)} dose"
        if dose.held_until is not None:
            body += (
                f", held for the blood test at {hhmm(dose.held_until)}: take it once the "
                "sample is taken"
            )
        if dose.food.words:
            body += f", {dose.food.words}"
        body += ". Press Taken when you have taken it."
        return ReminderText(title, body)
    if reminder.kind is ReminderKind.CHECK_AGAIN and reminder.value is not None:
        at = reminder.reading_at
        return ReminderText(
            "Time to check your temperature again",
            f"It was {temperature(reminder.value, unit)}"
            + (f" at {hhmm(at)}" if at else "")
            + ". Please take it again and log it.",
        )
    return ReminderText(
        "Time to take your temperature",
        f"Your {hhmm(reminder.at)} check: nothing has been logged since. Please take it and "
        "log it.",
    )


# When reminders cannot reach the patient ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReachFacts:
    """What the app found out about this computer (the window asks the desktop)."""

    notification_service: bool
    notifications_inhibited: bool
    tray: bool
    autostart: bool
    popups_on: bool


def reach_problems(facts: ReachFacts) -> list[str]:
    """Each reason reminders may not reach the patient, with how to fix it, in plain words.
    Empty when nothing is in the way."""
    problems = []
    if not facts.popups_on:
        problems.append(
            "reminders are switched off. Switch on 'Show reminders on the screen' "
            "on the Medicines page, under Reminders."
        )
    if not facts.notification_service:
        problems.append(
            "this desktop has no notification service, so nothing can pop up. Ask someone to "
            "install one (for example dunst or xfce4-notifyd), or run "
            "'companion remind --due' from a timer."
        )
    elif facts.notifications_inhibited:
        problems.append(
            "notifications are paused ('do not disturb'). Switch them back on in your "
            "desktop's notification settings."
        )
    if not facts.tray:
        problems.append(
            "this desktop shows no system tray, so the app cannot stay running when the window "
            "is closed. Keep the window open (minimised is fine)."
        )
    if not facts.autostart:
        problems.append(
            "the app does not start when you log in, so no reminder comes until you open it. "
            "Switch on 'Start when I log in' on the Medicines page, under Reminders."
        )
    return problems


def reach_sentence(problems: Sequence[str]) -> str:
    if not problems:
        return ""
    if len(problems) == 1:
        return f"Reminders cannot pop up on this computer: {problems[0]}"
    return "Reminders cannot pop up on this computer: " + " Also, ".join(problems)
