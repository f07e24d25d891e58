"""The diary as a FHIR R4 (4.0.1) Bundle, for a clinic's systems: ``export --fhir``.

A ``Bundle`` of type ``collection`` holding one ``Patient`` (no name: the app never asks
for one), an ``Observation`` per reading, blood-count value and logged symptom or sign,
and an ``Appointment`` per appointment. Measurements carry LOINC codes and UCUM units
(``MEASURES``, ``LAB_MEASURES``); symptoms and signs carry the app's own code system and
their words. Ids are name-based UUIDs of the diary's own random id, so a second export
of the same diary names the same resources the same way and two diaries never clash.

Sources: FHIR R4 https://hl7.org/fhir/R4/ (Bundle, Observation, Appointment, the
vital-signs profile); LOINC https://loinc.org (8310-5, 29463-7, 751-8, 6690-2, 777-3,
718-7, 731-0, 24467-3, 2465-3); UCUM https://ucum.org.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from companion.domain.entries import SEVERITIES, Entry, EntryKind
from companion.domain.entry_kinds import KINDS
from companion.domain.text import escape_controls
from companion.domain.visits import Appointment
from companion.service.diary import DiaryService
from companion.service.ics import LENGTHS
from companion.service.serialise import instant as _instant  # FHIR dateTime: the same form
from companion.storage.files import check_output, written_atomically

FHIR_VERSION = "4.0.1"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# The app's own code systems (a symptom's or sign's vocabulary id, a severity 0–4).
APP_SYSTEM = "https://transplant-companion.invalid/fhir/CodeSystem"
SEVERITY_SYSTEM = f"{APP_SYSTEM}/severity"


@dataclass(frozen=True, slots=True)
class Measure:
    """How one stored number becomes an Observation: its LOINC code and UCUM unit."""

    loinc: str
    display: str
    ucum: str
    category: str  # "vital-signs" or "laboratory"


# Diary entries with a number and a LOINC code, by kind (values stored in °C and kg): from
# the registry of entry kinds (companion.domain.entry_kinds).
def _entry_measures() -> dict[EntryKind, Measure]:
    return {
        kind: Measure(spec.loinc.code, spec.loinc.display, spec.loinc.ucum, spec.loinc.category)
        for kind, spec in KINDS.items()
        if spec.loinc is not None
    }


MEASURES: dict[EntryKind, Measure] = _entry_measures()
# Blood-count columns, by the attribute of a LabResult (stored as the unit says). A column
# another version adds (lymphocytes, CD4, IgG) is mapped whenever the result has it.
LAB_MEASURES: dict[str, Measure] = {
    "anc": Measure("751-8", "Neutrophils [#/volume] in Blood", "10*9/L", "laboratory"),
    "wbc": Measure("6690-2", "Leukocytes [#/volume] in Blood", "10*9/L", "laboratory"),
    "platelets": Measure("777-3", "Platelets [#/volume] in Blood", "10*9/L", "laboratory"),
    "hb": Measure("718-7", "Hemoglobin [Mass/volume] in Blood", "g/L", "laboratory"),
    "lymphocytes": Measure("731-0", "Lymphocytes [#/volume] in Blood", "10*9/L", "laboratory"),
    "cd4": Measure(
        "24467-3", "CD3+CD4+ (T4 helper) cells [#/volume] in Blood", "/uL", "laboratory"
    ),
    "igg": Measure("2465-3", "IgG [Mass/volume] in Serum or Plasma", "g/L", "laboratory"),
}
# Logged observations without a LOINC code: the app's own code, its words as text.
OWN_KINDS = tuple(kind for kind, spec in KINDS.items() if spec.survey)


def _text(value: str) -> str:
    return escape_controls(value).strip()


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


_CATEGORIES = {
    code: [{"coding": [{"system": CATEGORY, "code": code, "display": words}]}]
    for code, words in (
        ("vital-signs", "Vital Signs"),
        ("laboratory", "Laboratory"),
        ("survey", "Survey"),
    )
}


def _category(code: str) -> list[dict]:
    """The category, made once (the JSON writes the same words for every resource)."""
    return _CATEGORIES[code]


class _Ids:
    """Stable ``urn:uuid:`` names per diary and record: ``uuid.uuid5(diary id, what)``,
    worked out without building a UUID object each time (that was half the export's
    time for 20,000 entries)."""

    def __init__(self, diary_id: str) -> None:
        self._root = uuid.UUID(diary_id).bytes

    def __call__(self, what: str) -> str:
        digest = bytearray(hashlib.sha1(self._root + what.encode()).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
        h = digest.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _measured(
    ident: str, patient: str, measure: Measure, value: float, at: datetime, note: str = ""
) -> dict:
    resource = {
        "resourceType": "Observation",
        "id": ident,
        "status": "final",
        "category": _category(measure.category),
        "code": {
            "coding": [{"system": LOINC, "code": measure.loinc, "display": measure.display}],
            "text": measure.display,
        },
        "subject": {"reference": f"urn:uuid:{patient}"},
        "effectiveDateTime": _instant(at),
        "valueQuantity": {
            "value": _number(value),
            "unit": measure.ucum,
            "system": UCUM,
            "code": measure.ucum,
        },
    }
    if note:
        resource["note"] = [{"text": note}]
    return resource


def _own(ident: str, patient: str, entry: Entry, labels: dict, service: DiaryService) -> dict:
    """A symptom or sign with the app's own code and words."""
    key = (entry.kind, entry.term)
    label = labels.get(key)
    if label is None:
        label = labels[key] = (
            _text(service.settings.vocabulary.label(entry.kind, entry.term)) or entry.kind.title
        )
    code = entry.term or entry.kind.value
    resource: dict = {
        "resourceType": "Observation",
        "id": ident,
        "status": "final",
        "category": _category("survey"),
        "code": {
            "coding": [
                {"system": f"{APP_SYSTEM}/{entry.kind.value}", "code": _text(code) or "unknown"}
            ],
            "text": f"{entry.kind.title}: {label}" if entry.term else entry.kind.title,
        },
        "subject": {"reference": f"urn:uuid:{patient}"},
        "effectiveDateTime": _instant(entry.at),
    }
    if entry.severity is not None and 0 <= entry.severity < len(SEVERITIES):
        resource["valueCodeableConcept"] = {
            "coding": [
                {
                    "system": SEVERITY_SYSTEM,
                    "code": str(entry.severity),
                    "display": SEVERITIES[entry.severity],
                }
            ],
            "text": SEVERITIES[entry.severity],
        }
    elif entry.kind.spec.fhir_value is not None:
        value = entry.kind.spec.fhir_value(entry)  # the kind's own value, from its spec
        if value is not None:
            key, written = value
            resource[key] = _text(written) if isinstance(written, str) else written
    if entry.note:
        resource["note"] = [{"text": _text(entry.note)}]
    return resource


def _appointment(ident: str, patient: str, appointment: Appointment) -> dict:
    what = _text(appointment.what)
    end = appointment.at + LENGTHS.get(appointment.kind, timedelta(hours=1))
    resource: dict = {
        "resourceType": "Appointment",
        "id": ident,
        "status": "booked",
        "serviceType": [{"text": appointment.kind.words}],
        "description": what[:1].upper() + what[1:],
        "start": _instant(appointment.at),
        "end": _instant(end),
        "participant": [
            {"actor": {"reference": f"urn:uuid:{patient}"}, "status": "accepted"},
        ],
    }
    if appointment.with_whom:
        resource["participant"].append(
            {"actor": {"display": _text(appointment.with_whom)}, "status": "needs-action"}
        )
    comment = "; ".join(
        part
        for part in (
            f"Where: {_text(appointment.place)}" if appointment.place else "",
            _text(appointment.note),
        )
        if part
    )
    if comment:
        resource["comment"] = comment
    return resource


def fhir_bundle(service: DiaryService) -> dict:
    """The diary as a FHIR R4 Bundle (a plain dict, ready for ``json.dump``)."""
    ids = _Ids(service.diary_id())
    patient = ids("patient")
    resources: list[dict] = [
        {
            "resourceType": "Patient",
            "id": patient,
            "meta": {"tag": [{"system": APP_SYSTEM, "code": "transplant-companion"}]},
        }
    ]
    labels: dict = {}
    measures = _entry_measures()  # read now: the registry is the truth (entry_kinds.KINDS)
    own_kinds = {kind for kind, spec in KINDS.items() if spec.survey}
    for entry in service.log.entries():
        ident = ids(f"entry/{entry.id}")
        measure = measures.get(entry.kind)
        if measure is not None and entry.value is not None:
            resources.append(
                _measured(ident, patient, measure, entry.value, entry.at, _text(entry.note))
            )
        elif entry.kind in own_kinds:
            resources.append(_own(ident, patient, entry, labels, service))
    for lab in service.labs.all():
        for attribute, measure in LAB_MEASURES.items():
            value = getattr(lab, attribute, None)
            if value is None:
                continue
            note = ""
            if attribute == "anc" and lab.anc_computed:
                note = "Worked out from WBC × neutrophils %, as entered."
            resources.append(
                _measured(ids(f"lab/{lab.id}/{attribute}"), patient, measure, value, lab.at, note)
            )
    for appointment in service.visits.appointments():
        resources.append(_appointment(ids(f"appointment/{appointment.id}"), patient, appointment))
    return {
        "resourceType": "Bundle",
        "id": ids(f"bundle/{service.now().isoformat()}"),
        "meta": {"lastUpdated": _instant(service.now())},
        "type": "collection",
        "timestamp": _instant(service.now()),
        "entry": [
            {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
            for resource in resources
        ],
    }


def export_fhir(service: DiaryService, path: Path) -> int:
    """Write the diary's FHIR R4 Bundle to ``path`` (atomically, mode 0600); return the
    number of resources in it."""
    path = check_output(path, "diary-fhir.json")
    bundle = fhir_bundle(service)
    with (
        written_atomically(path) as temp,
        temp.open("w", encoding="utf-8", newline="\n") as handle,
    ):
        # dumps, not dump: only the one-shot, unindented encoder is the C one (5× faster).
        handle.write(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")))
        handle.write("\n")
    return len(bundle["entry"])
