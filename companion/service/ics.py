"""Appointments as a calendar file (.ics, RFC 5545) for a phone or a carer's calendar."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from companion.domain.text import escape_controls
from companion.service.diary import DiaryService
from companion.storage.files import check_output, written_atomically

PRODID = "-//Transplant Companion//Appointments//EN"


def export_ics(service: DiaryService, path: Path) -> int:
    """Write every appointment (past and upcoming) to ``path``; return how many.

    Times are written in UTC, so every calendar shows them at the right moment wherever
    it is. No end time: the app does not ask how long an appointment lasts. The UID is
    stable per appointment, so importing the file again updates rather than duplicates.
    """
    import icalendar  # only when exporting: start-up does not pay for it

    path = check_output(path, "appointments.ics")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Transplant appointments")
    stamp = service.now().astimezone(UTC).replace(microsecond=0)
    appointments = service.appointments()
    for appointment in appointments:
        event = icalendar.Event()
        event.add("uid", f"appointment-{appointment.id}@transplant-companion.invalid")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.at.astimezone(UTC))
        # RFC 5545 3.1: no control character but HTAB in a value (a newline is escaped by
        # icalendar as "\\n"); anything stored before input refused them is shown escaped.
        what = escape_controls(appointment.what)
        event.add("summary", what[:1].upper() + what[1:])
        event.add("categories", [appointment.kind.value])
        if appointment.place:
            event.add("location", escape_controls(appointment.place))
        details = []
        if appointment.with_whom:
            details.append(f"With {appointment.with_whom}.")
        if appointment.note:
            details.append(appointment.note)
        if details:
            event.add("description", escape_controls("\n".join(details)))
        calendar.add_component(event)
    with written_atomically(path) as temp:
        temp.write_bytes(calendar.to_ical())
    return len(appointments)
