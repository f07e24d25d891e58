"""Issue 22: ``export --fhir`` writes a FHIR R4 (4.0.1) Bundle that the ``fhir.resources``
R4 models accept, with LOINC codes and UCUM units, and no control characters."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from companion.domain.entries import Entry, EntryKind
from companion.domain.labs import LabResult
from companion.domain.visits import Appointment, AppointmentKind
from companion.service.demo import create_demo
from companion.service.diary import DiaryService
from companion.service.fhir import LAB_MEASURES, export_fhir, fhir_bundle
from tests.conftest import run_main

fhir_resources = pytest.importorskip("fhir.resources")
TODAY = date(2026, 6, 1)


@pytest.fixture
def service(tmp_path):
    (tmp_path / "demo").mkdir()
    path = create_demo(tmp_path / "demo", TODAY)
    now = datetime.combine(TODAY, datetime.min.time()).astimezone() + timedelta(hours=12)
    service = DiaryService.open(path, lambda: now)
    yield service
    service.close()


def _validated(bundle: dict):
    from fhir.resources.bundle import Bundle

    assert fhir_resources.__fhir_version__ == "4.0.1"
    return Bundle.parse_obj(bundle)


def _codes(bundle: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for item in bundle["entry"]:
        resource = item["resource"]
        if resource["resourceType"] == "Observation":
            for coding in resource["code"]["coding"]:
                found.setdefault(coding["code"], []).append(resource)
    return found


def test_the_bundle_validates_as_fhir_r4_with_loinc_codes(service, tmp_path):
    service.log.add(Entry(service.now(), EntryKind.WEIGHT, value=71.25, note="after lunch"))
    # A control character an older version could store (input refuses it now).
    with service.db.conn:
        service.db.conn.execute("UPDATE entries SET note = 'after\x01 lunch' WHERE kind = 'weight'")
    service.visits.add_appointment(
        Appointment(service.now() + timedelta(days=2), AppointmentKind.CLINIC_VISIT, place="Ward 4")
    )
    out = tmp_path / "diary.json"
    count = export_fhir(service, out)
    raw = out.read_text(encoding="utf-8")
    bundle = json.loads(raw)
    model = _validated(bundle)
    assert model.type == "collection" and len(model.entry) == count
    kinds = [item["resource"]["resourceType"] for item in bundle["entry"]]
    assert kinds.count("Patient") == 1 and "Appointment" in kinds
    patient = bundle["entry"][0]["resource"]
    assert patient["resourceType"] == "Patient" and "name" not in patient
    codes = _codes(bundle)
    temperature = codes["8310-5"][0]["valueQuantity"]
    assert temperature["code"] == "Cel" and temperature["system"] == "http://unitsofmeasure.org"
    weights = [o["valueQuantity"]["value"] for o in codes["29463-7"]]
    assert 71.25 in weights
    assert {"751-8", "777-3", "718-7"} <= set(codes)
    assert codes["718-7"][0]["valueQuantity"]["code"] == "g/L"
    symptoms = [
        o
        for o in (item["resource"] for item in bundle["entry"])
        if o["resourceType"] == "Observation"
        and o["code"]["coding"][0]["system"].endswith("/symptom")
    ]
    assert symptoms and all(o["code"]["text"].startswith("Symptom: ") for o in symptoms)
    assert "\\u0001" not in raw and "\x01" not in raw
    assert len(json.loads(out.read_text())["entry"]) == count
    # Stable: the same diary names the same resources the same way.
    assert [e["fullUrl"] for e in fhir_bundle(service)["entry"]] == [
        e["fullUrl"] for e in bundle["entry"]
    ]


@dataclass(frozen=True)
class ImmuneLab(LabResult):
    """A result with the immune counts another change adds to the labs table."""

    lymphocytes: float | None = None
    cd4: float | None = None
    igg: float | None = None


def test_immune_counts_are_mapped_when_the_results_have_them(service, monkeypatch):
    at = service.now() - timedelta(days=1)
    lab = ImmuneLab(at=at, anc=1.2, lymphocytes=0.8, cd4=210.0, igg=5.4, id=999)
    monkeypatch.setattr(type(service.labs), "all", lambda self: [lab])
    bundle = fhir_bundle(service)
    _validated(bundle)
    codes = _codes(bundle)
    assert codes["731-0"][0]["valueQuantity"]["value"] == 0.8
    assert codes["24467-3"][0]["valueQuantity"] == {
        "value": 210,
        "unit": "/uL",
        "system": "http://unitsofmeasure.org",
        "code": "/uL",
    }
    assert codes["2465-3"][0]["valueQuantity"]["code"] == "g/L"
    assert {"lymphocytes", "cd4", "igg"} <= set(LAB_MEASURES)


def test_the_command_line_writes_the_bundle(tmp_path):
    out = tmp_path / "diary.json"
    result = run_main("--demo", "export", "--fhir", str(out))
    assert result.returncode == 0, result.stderr
    assert "FHIR R4 bundle" in result.stdout
    _validated(json.loads(out.read_text(encoding="utf-8")))
