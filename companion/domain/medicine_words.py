"""Words for medicines, doses and reminders, made when shown (window, tray, command line,
paper alike). Separate from ``domain.wording`` so the medicines feature stays one part."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from companion import i18n
from companion.domain.entries import TemperatureUnit
from companion.domain.medicines import ChangeKind, Dose, DoseStatus, Medicine, MedicineChange
from companion.domain.schedule import Reminder, ReminderKind
from companion.i18n import N_, _, ngettext

# Words, not only colour: the grid, the chart and the report all print these (translated
# where shown: ``status_title``).
STATUS_WORDS = {
    DoseStatus.UPCOMING: N_("to come"),
    DoseStatus.DUE: N_("due now"),
    DoseStatus.HELD: N_("held for blood test"),
    DoseStatus.TAKEN: N_("taken"),
    DoseStatus.SKIPPED: N_("skipped"),
    DoseStatus.MISSED: N_("missed"),
}


def status_title(status: DoseStatus) -> str:
    """A dose status in a word or two, in the app's language ("taken", "tomada")."""
    return _(STATUS_WORDS[status])


def hhmm(moment) -> str:
    return moment.strftime("%H:%M")


def long_date(day: date) -> str:
    """ "Monday 1 June 2026" / "lunes, 1 de junio de 2026" (as ``domain.days.format_date``)."""
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "EEEE d MMMM y")
    return i18n.format_date(day, "full")


def day_month_year(day: date) -> str:
    """ "1 June 2026" / "1 de junio de 2026": a date without its weekday."""
    if i18n.language() in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return i18n.format_date(day, "d MMMM y")
    return i18n.format_date(day, "long")


def short_date(day: date) -> str:
    """ "Tue 8 Dec" / "mar 8 dic": a day in a grid's heading or a chart's column."""
    return i18n.format_date(day, "EEE d MMM")


def status_words(dose: Dose) -> str:
    """ "taken 08:10", "taken late 09:40", "skipped", "missed", "held for blood test"."""
    if dose.record is not None and dose.status is DoseStatus.TAKEN:
        if dose.late:
            return _("taken late {time}").format(time=hhmm(dose.record.at))
        return _("taken {time}").format(time=hhmm(dose.record.at))
    return status_title(dose.status)


def times_words(names: list[str]) -> str:
    """ "08:00", "08:00 and 20:00", "08:00, 14:00 and 20:00"."""
    if len(names) == 1:
        return names[0]
    return _("{times} and {last}").format(times=", ".join(names[:-1]), last=names[-1])


def schedule_words(medicine: Medicine) -> str:
    """ "08:00 and 20:00", "every 8 hours from 06:00"."""
    if medicine.every_hours is not None:
        return ngettext(
            "every hour from {time}",
            "every {hours} hours from {time}",
            medicine.every_hours,
        ).format(hours=medicine.every_hours, time=hhmm(medicine.times[0]))
    return times_words([hhmm(t) for t in medicine.times])


def change_words(change: MedicineChange) -> str:
    """A dated change in a sentence: "from Monday 1 June 2026: 1.5 mg"."""
    if change.kind is ChangeKind.DOSE:
        return _("from {date}: {dose}").format(date=long_date(change.on), dose=change.dose)
    if change.kind is ChangeKind.STOP:
        return _("stopped from {date}").format(date=long_date(change.on))
    if change.until is None:
        return _("paused from {date}").format(date=long_date(change.on))
    return _("paused from {date} to {until}").format(
        date=long_date(change.on), until=long_date(change.until)
    )


def medicine_line(medicine: Medicine, day: date) -> str:
    """ "Tacrolimus 1.5 mg at 08:00 and 20:00, with food — keeps GVHD away (held on
    blood-test days until the sample is taken)": the purpose in the patient's words."""
    when = schedule_words(medicine)
    if medicine.every_hours is None:
        when = _("at {times}").format(times=when)
    first = _("{medicine} {dose} {when}").format(
        medicine=medicine.name, dose=medicine.dose_on(day), when=when
    )
    if medicine.food.words:
        first = _("{line}, {food}").format(line=first, food=medicine.food.words)
    parts = [first]
    if medicine.purpose:
        parts.append(medicine.purpose)
    line = " — ".join(parts)
    if medicine.hold_on_blood_test:
        line = _("{line} (held on blood-test days until the sample is taken)").format(line=line)
    return line


def dose_line(dose: Dose) -> str:
    """ "08:00  Tacrolimus 2 mg — taken 08:10"."""
    words = status_words(dose)
    if dose.status is DoseStatus.HELD and dose.held_until is not None:
        words = _("held until the blood test at {time}").format(time=hhmm(dose.held_until))
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
        title = _("Time for {medicine} {dose}").format(medicine=dose.name, dose=dose.dose)
        facts = {"time": hhmm(dose.due), "food": dose.food.words}
        if dose.held_until is not None:
            facts["held"] = hhmm(dose.held_until)
            if dose.food.words:
                body = _(
                    "Your {time} dose, held for the blood test at {held}: take it once the "
                    "sample is taken, {food}. Press Taken when you have taken it."
                )
            else:
                body = _(
                    "Your {time} dose, held for the blood test at {held}: take it once the "
                    "sample is taken. Press Taken when you have taken it."
                )
        elif dose.food.words:
            body = _("Your {time} dose, {food}. Press Taken when you have taken it.")
        else:
            body = _("Your {time} dose. Press Taken when you have taken it.")
        return ReminderText(title, body.format(**facts))
    if reminder.kind is ReminderKind.CHECK_AGAIN and reminder.value is not None:
        at = reminder.reading_at
        value = temperature(reminder.value, unit)
        if at:
            body = _("It was {value} at {time}. Please take it again and log it.").format(
                value=value, time=hhmm(at)
            )
        else:
            body = _("It was {value}. Please take it again and log it.").format(value=value)
        return ReminderText(_("Time to check your temperature again"), body)
    return ReminderText(
        _("Time to take your temperature"),
        _("Your {time} check: nothing has been logged since. Please take it and log it.").format(
            time=hhmm(reminder.at)
        ),
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
            _(
                "reminders are switched off. Switch on 'Show reminders on the screen' "
                "on the Medicines page, under Reminders."
            )
        )
    if not facts.notification_service:
        problems.append(
            _(
                "this desktop has no notification service, so nothing can pop up. Ask "
                "someone to install one (for example dunst or xfce4-notifyd), or run "
                "'companion remind --due' from a timer."
            )
        )
    elif facts.notifications_inhibited:
        problems.append(
            _(
                "notifications are paused ('do not disturb'). Switch them back on in your "
                "desktop's notification settings."
            )
        )
    if not facts.tray:
        problems.append(
            _(
                "this desktop shows no system tray, so the app cannot stay running when the "
                "window is closed. Keep the window open (it may be minimised)."
            )
        )
    if not facts.autostart:
        problems.append(
            _(
                "the app does not start when you log in, so no reminder comes until you open "
                "it. Switch on 'Start when I log in' on the Medicines page, under Reminders."
            )
        )
    return problems


def reach_sentence(problems: Sequence[str]) -> str:
    if not problems:
        return ""
    # Translators: joins the reasons reminders cannot pop up (each a sentence of its own).
    joined = _(" Also, ").join(problems)
    return _("Reminders cannot pop up on this computer: {problems}").format(problems=joined)
