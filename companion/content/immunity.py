"""The published defaults of issue 21 from resources/immunity/: the re-vaccination plan, the
yearly late-effects check-ups and the chronic GVHD self-check by body area."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from companion.content.resources import read_text
from companion.domain.immunity import ScreeningDefault, VaccineDefault
from companion.domain.kinds import TransplantKind


class ImmunityContentError(ValueError):
    """A file of resources/immunity/ is malformed; the message names the entry."""


def _toml(name: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(read_text(f"immunity/{name}"))
    except tomllib.TOMLDecodeError as error:
        raise ImmunityContentError(f"immunity/{name}: {error}") from error


def _kinds(raw: dict, where: str) -> frozenset[TransplantKind]:
    try:
        return frozenset(TransplantKind(k) for k in raw.get("kinds", []))
    except ValueError as error:
        raise ImmunityContentError(f"{where}: {error}") from error


@cache
def load_vaccines() -> tuple[VaccineDefault, ...]:
    vaccines = []
    for raw in _toml("vaccines.toml").get("vaccine", []):
        where = f"immunity/vaccines.toml, {raw.get('id')!r}"
        months = tuple(int(m) for m in raw.get("months", []))
        if not raw.get("id") or not raw.get("name") or not months or not raw.get("source"):
            raise ImmunityContentError(f"{where}: needs an id, a name, months and a source")
        if any(m < 0 for m in months) or list(months) != sorted(months):
            raise ImmunityContentError(f"{where}: months must rise from 0")
        vaccines.append(
            VaccineDefault(
                id=str(raw["id"]),
                name=str(raw["name"]),
                months=months,
                live=bool(raw.get("live", False)),
                kinds=_kinds(raw, where),
                in_plan=bool(raw.get("in_plan", True)),
                why=str(raw.get("why", "")),
                source=str(raw["source"]),
                first_dose=int(raw.get("first_dose", 1)),
                every_season=bool(raw.get("every_season", False)),
            )
        )
    if len({v.id for v in vaccines}) != len(vaccines):
        raise ImmunityContentError("immunity/vaccines.toml: an id is used twice")
    return tuple(vaccines)


def vaccine_default(vaccine_id: str) -> VaccineDefault | None:
    return next((v for v in load_vaccines() if v.id == vaccine_id), None)


@dataclass(frozen=True, slots=True)
class ScreeningPlanContent:
    checks: tuple[ScreeningDefault, ...]
    source: str

    def check(self, check_id: str) -> ScreeningDefault | None:
        return next((c for c in self.checks if c.id == check_id), None)


@cache
def load_screening() -> ScreeningPlanContent:
    data = _toml("late-effects.toml")
    checks = []
    for raw in data.get("check", []):
        where = f"immunity/late-effects.toml, {raw.get('id')!r}"
        if not raw.get("id") or not raw.get("title"):
            raise ImmunityContentError(f"{where}: needs an id and a title")
        checks.append(
            ScreeningDefault(
                id=str(raw["id"]),
                title=str(raw["title"]),
                first=int(raw["first"]),
                every=int(raw.get("every", 0)),
                why=str(raw.get("why", "")),
                kinds=_kinds(raw, where),
            )
        )
    return ScreeningPlanContent(tuple(checks), str(data.get("source", "")))


@dataclass(frozen=True, slots=True)
class GvhdArea:
    """One body area of the chronic GVHD self-check and its signs (diary term ids)."""

    id: str
    title: str
    signs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GvhdCheck:
    areas: tuple[GvhdArea, ...]
    source: str

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(sign for area in self.areas for sign in area.signs)

    def area_of(self, term: str) -> GvhdArea | None:
        return next((a for a in self.areas if term in a.signs), None)


@cache
def load_gvhd_check() -> GvhdCheck:
    from companion.content.vocabulary import load_vocabulary

    data = _toml("chronic-gvhd.toml")
    known = {s.id for s in load_vocabulary().symptoms}
    areas = []
    for raw in data.get("area", []):
        signs = tuple(str(s) for s in raw.get("signs", []))
        missing = [s for s in signs if s not in known]
        if missing:
            raise ImmunityContentError(
                f"immunity/chronic-gvhd.toml, {raw.get('id')!r}: no diary term {missing[0]!r}"
            )
        areas.append(GvhdArea(str(raw["id"]), str(raw["title"]), signs))
    return GvhdCheck(tuple(areas), str(data.get("source", "")))
