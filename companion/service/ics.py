"""Appointments as a calendar file (.ics, RFC 5545) for a phone or a carer's calendar."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta
from pathlib import Path

from companion.domain.text import escape_controls
from companion.domain.visits import Appointment, AppointmentKind
from companion.i18n import _
from companion.service.diary import DiaryService
from companion.storage.files import check_output, written_atomically

PRODID = "-//Transplant Companion//Appointments//EN"
UID_DOMAIN = "transplant-companion.invalid"
# How long each kind usually lasts, for the event's end (the app does not ask): a calendar
# shows a block of time, and RFC 5545 makes an event without DTEND zero-length.
LENGTHS = {
    AppointmentKind.CLINIC_VISIT: timedelta(hours=1),
    AppointmentKind.BLOOD_TEST: timedelta(minutes=30),
    AppointmentKind.LINE_CARE: timedelta(minutes=30),
    AppointmentKind.SCAN: timedelta(hours=1),
    AppointmentKind.OTHER: timedelta(hours=1),
}
MAX_REMINDER_MINUTES = 7 * 24 * 60


def appointment_uid(diary_id: str, appointment: Appointment) -> str:
    """A UID unique to this diary and stable across exports: a name-based UUID of the
    diary's own random id and the appointment's number. (``appointment-1@…`` in every
    diary made one diary's import overwrite another's events.)"""
    name = uuid.uuid5(uuid.UUID(diary_id), f"appointment/{appointment.id}")
    return f"{name}@{UID_DOMAIN}"


def export_ics(service: DiaryService, path: Path, reminder_minutes: int | None = None) -> int:
    """Write every appointment (past and upcoming) to ``path``; return how many.

    Times are written in UTC, so every calendar shows them at the right moment wherever
    it is; each event ends after its kind's usual length (``LENGTHS``). The UID is stable
    per appointment and unique per diary, so importing the file again updates rather than
    duplicates; an appointment deleted in the app is written as cancelled (with a higher
    SEQUENCE) so a calendar that imported it removes it. ``reminder_minutes``: a VALARM
    that many minutes before each upcoming appointment.
    """
    import icalendar  # only when exporting: start-up does not pay for it

    if reminder_minutes is not None and not 0 <= reminder_minutes <= MAX_REMINDER_MINUTES:
        raise ValueError(
            _("a reminder is given in minutes before, from 0 to {limit}").format(
                limit=MAX_REMINDER_MINUTES
            )
        )
    path = check_output(path, "appointments.ics")
    diary_id = service.diary_id()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Transplant appointments"))
    now = service.now()
    stamp = now.astimezone(UTC).replace(microsecond=0)
    appointments = service.visits.appointments()
    live = [(a, False) for a in appointments]
    gone = [(a, True) for a in service.visits.deleted_appointments()]
    for appointment, cancelled in sorted(live + gone, key=lambda pair: pair[0].at):
        event = icalendar.Event()
        event.add("uid", appointment_uid(diary_id, appointment))
        event.add("dtstamp", stamp)
        start = appointment.at.astimezone(UTC)
        event.add("dtstart", start)
        event.add("dtend", start + LENGTHS.get(appointment.kind, timedelta(hours=1)))
        event.add("sequence", 1 if cancelled else 0)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        # RFC 5545 3.1: no control character but HTAB in a value (a newline is escaped by
        # icalendar as "\\n"); anything stored before input refused them is shown escaped.
        what = escape_controls(appointment.what)
        event.add("summary", what[:1].upper() + what[1:])
        event.add("categories", [appointment.kind.value])
        if appointment.place:
            event.add("location", escape_controls(appointment.place))
        details = []
        if appointment.with_whom:
            details.append(_("With {name}.").format(name=appointment.with_whom))
        if appointment.note:
            details.append(appointment.note)
        if details:
            event.add("description", escape_controls("\n".join(details)))
        if reminder_minutes is not None and not cancelled and appointment.at > now:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _("Reminder: {what}").format(what=what))
            alarm.add("trigger", timedelta(minutes=-reminder_minutes))
            event.add_component(alarm)
        calendar.add_component(event)
    with written_atomically(path) as temp:
        temp.write_bytes(calendar.to_ical())
    return len(appointments)
