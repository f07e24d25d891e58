"""Reading what diaries of schema 4 and older stored as English sentences, once, in the
migration that turns them into data (alerts: rule and figures; changes: field and values).

The words matched here are frozen copies of what those versions wrote: never change them,
and never use them for anything but converting old rows. A row that cannot be read is kept
as it was, marked ``legacy``, and shown with its old sentence.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

# Schema 1–4 wrote these subjects for the clinical numbers (companion/domain/clinical.py).
_OLD_SETTING_LABELS = {
    "Counts usually start to recover from": "engraftment_window_start",
    "…and by (blood or marrow stem cells)": "engraftment_window_end_blood",
    "…and by (cord blood)": "engraftment_window_end_cord",
    "Ask your team about counts if not recovered by (blood or marrow)": "counts_check_in_blood",
    "Ask your team about counts if not recovered by (cord blood)": "counts_check_in_cord",
    "Stay close to the centre until": "close_care_days",
    "Call your team at one temperature of": "fever_single_c",
    "…or at a temperature lasting a while of (0 = not used)": "fever_sustained_c",
    "…lasting at least": "fever_sustained_minutes",
    "Call your team if your weight goes up in 3 days by": "weight_gain_percent",
}
_OLD_KIND_TITLES = {
    "From my own stem cells (autologous)": "autologous",
    "From a donor (allogeneic)": "allogeneic",
}
_OLD_SOURCE_TITLES = {
    "Blood stem cells (collected from the bloodstream)": "blood",
    "Bone marrow": "marrow",
    "Umbilical cord blood": "cord",
}
_OLD_TEAM_SUBJECTS = {
    "Team name": "team.name",
    "Office-hours number": "team.office_phone",
    "After-hours number": "team.after_hours_phone",
}
_OLD_WEEKDAYS = {
    "Monday to Friday": "0,1,2,3,4",
    "Monday to Saturday": "0,1,2,3,4,5",
    "Every day": "0,1,2,3,4,5,6",
}
_DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_TRANSPLANT = re.compile(r"^Transplant (\d+): (.+)$")
_ADDED = re.compile(r"^Transplant (\d+) added$")


def _date(text: str | None) -> str | None:
    """ "Saturday 3 May 2026" -> "2026-05-03"; "(none)" -> None."""
    if text is None or text == "(none)":
        return None
    return datetime.strptime(text.strip(), "%A %d %B %Y").date().isoformat()


def _number(text: str | None) -> str | None:
    if text is None:
        return None
    return repr(float(text.split()[0]))


def _hours(text: str | None) -> str | None:
    """ "Monday to Friday, 08:00–17:00" -> "0,1,2,3,4|08:00|17:00"."""
    if text is None or text == "(none)":
        return None
    days_text, times = text.rsplit(", ", 1)
    opens, closes = times.split("–")
    if days_text in _OLD_WEEKDAYS:
        days = _OLD_WEEKDAYS[days_text]
    elif days_text == "No days":
        days = ""
    else:
        days = ",".join(str(_DAY_NAMES.index(name)) for name in days_text.split(", "))
    return f"{days}|{opens}|{closes}"


def convert_change(subject: str, old: str | None, new: str | None) -> dict:
    """The data columns for an old change-log row: field, transplant_number, old, new."""
    legacy = {"field": "legacy", "transplant_number": None, "old_value": old, "new_value": new}
    try:
        if subject == "Diary started" and new and new.startswith("Day 0 on "):
            return legacy | {"field": "diary.started", "new_value": _date(new[9:])}
        added = _ADDED.match(subject)
        if added and new and new.startswith("Day 0 on "):
            return legacy | {
                "field": "transplant.added",
                "transplant_number": int(added.group(1)),
                "new_value": _date(new[9:]),
            }
        own = _TRANSPLANT.match(subject)
        if own:
            number, what = int(own.group(1)), own.group(2)
            values = None
            if what == "Day 0":
                values = ("transplant.day0", _date(old), _date(new))
            elif what == "conditioning start":
                values = (
                    "transplant.conditioning_days",
                    old.removeprefix("Day −") if old else None,
                    new.removeprefix("Day −") if new else None,
                )
            elif what == "kind":
                values = ("transplant.kind", _OLD_KIND_TITLES[old], _OLD_KIND_TITLES[new])
            elif what == "stem cell source":
                values = ("transplant.source", _OLD_SOURCE_TITLES[old], _OLD_SOURCE_TITLES[new])
            elif what == "team said counts recovered on":
                values = ("transplant.team_recovery", _date(old), _date(new))
            if values is not None:
                field, before, after = values
                return {
                    "field": field,
                    "transplant_number": number,
                    "old_value": before,
                    "new_value": after,
                }
        if subject in _OLD_TEAM_SUBJECTS:
            clean = lambda v: "" if v in (None, "(none)") else v  # noqa: E731
            return legacy | {
                "field": _OLD_TEAM_SUBJECTS[subject],
                "old_value": clean(old),
                "new_value": clean(new),
            }
        if subject == "Office hours":
            return legacy | {
                "field": "team.office_hours",
                "old_value": _hours(old),
                "new_value": _hours(new),
            }
        if subject in _OLD_SETTING_LABELS:
            return legacy | {
                "field": f"setting.{_OLD_SETTING_LABELS[subject]}",
                "old_value": _number(old),
                "new_value": _number(new),
            }
    except (ValueError, KeyError, IndexError):
        pass
    return legacy


_FEVER_SINGLE = re.compile(r"limit of (\d+(?:\.\d+)?) °C")
_FEVER_SUSTAINED = re.compile(r"been (\d+(?:\.\d+)?) °C .* at least (\d+) minutes")


def convert_alert(kind: str, reason: str, entry: dict | None) -> dict:
    """The data columns for an old alert row: rule, reading, threshold, figures."""
    legacy = {"rule": "legacy", "reading": None, "threshold": None, "figures": "{}"}
    if entry is None:
        return legacy
    value, term, severity = entry.get("value"), entry.get("term") or "", entry.get("severity")
    if kind == "fever":
        single = _FEVER_SINGLE.search(reason)
        if single:
            return {
                "rule": "fever-single",
                "reading": value,
                "threshold": float(single.group(1)),
                "figures": "{}",
            }
        sustained = _FEVER_SUSTAINED.search(reason)
        if sustained:
            return {
                "rule": "fever-sustained",
                "reading": value,
                "threshold": float(sustained.group(1)),
                "figures": json.dumps({"minutes": int(sustained.group(2))}),
            }
    if kind == "symptom" and entry.get("kind") == "symptom":
        return {
            "rule": "symptom",
            "reading": None if severity is None else float(severity),
            "threshold": None,
            "figures": json.dumps({"term": term, "severity": severity}),
        }
    if kind == "infection" and entry.get("kind") == "infection":
        return legacy | {"rule": "infection", "figures": json.dumps({"term": term})}
    if kind == "gvhd" and entry.get("kind") == "rash":
        return legacy | {
            "rule": "rash",
            "figures": json.dumps({"term": term, "extent": entry.get("detail") or ""}),
        }
    if kind == "gvhd" and entry.get("kind") == "yellow":
        return legacy | {"rule": "yellow"}
    # The old weight rule (gain within 72 hours) no longer exists: keep its own sentence.
    return legacy | {"reading": value}
