"""The published defaults of issue 21 from resources/immunity/: the re-vaccination plan, the
yearly late-effects check-ups and the chronic GVHD self-check by body area.

Each exists per language: ``resources/<lang>/immunity/<file>`` gives, per entry (matched by
``id``), only its words (a vaccine's name and why, a check-up's title and why, a body area's
title). Months, doses, kinds, signs and sources always come from the English file (the
sources worded by ``resources/<lang>/sources.toml``), so a
translation can never change the plan; an entry it lacks stays in English."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from companion.content.resources import content_language, read_text, read_translation
from companion.content.sources import source_words
from companion.content.translations import TranslationError, merge
from companion.domain.immunity import ScreeningDefault, VaccineDefault, VaccineDose
from companion.domain.kinds import TransplantKind


class ImmunityContentError(ValueError):
    """A file of resources/immunity/ is malformed; the message names the entry."""


# What resources/<lang>/immunity/<file> may give for an entry, per file: words only.
TRANSLATED_FIELDS = {
    "vaccines.toml": frozenset({"name", "why"}),
    "late-effects.toml": frozenset({"title", "why"}),
    "chronic-gvhd.toml": frozenset({"title"}),
}
# The table of entries in each file.
TABLES = {"vaccines.toml": "vaccine", "late-effects.toml": "check", "chronic-gvhd.toml": "area"}


def _toml(name: str, language: str = "en") -> dict:
    """The English file with the words of ``language``'s translation laid over its entries."""
    import tomllib

    try:
        data = tomllib.loads(read_text(f"immunity/{name}"))
        translated_text = read_translation(f"immunity/{name}", language)
        translated = None if translated_text is None else tomllib.loads(translated_text)
    except tomllib.TOMLDecodeError as error:
        raise ImmunityContentError(f"immunity/{name} ({language}): {error}") from error
    if translated is not None:
        table = TABLES[name]
        try:
            data[table] = merge(
                data.get(table, []),
                translated.get(table, []),
                TRANSLATED_FIELDS[name],
                f"{language}/immunity/{name}",
            )
        except TranslationError as error:
            raise ImmunityContentError(str(error)) from error
    return data


def _kinds(raw: dict, where: str) -> frozenset[TransplantKind]:
    try:
        return frozenset(TransplantKind(k) for k in raw.get("kinds", []))
    except ValueError as error:
        raise ImmunityContentError(f"{where}: {error}") from error


def load_vaccines(language: str | None = None) -> tuple[VaccineDefault, ...]:
    """The published vaccines, worded in ``language`` where translated (None: the app's)."""
    return _load_vaccines(content_language(language))


@cache
def _load_vaccines(language: str) -> tuple[VaccineDefault, ...]:
    vaccines = []
    for raw in _toml("vaccines.toml", language).get("vaccine", []):
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
                source=source_words(str(raw["source"]), language),
                first_dose=int(raw.get("first_dose", 1)),
                every_season=bool(raw.get("every_season", False)),
            )
        )
    if len({v.id for v in vaccines}) != len(vaccines):
        raise ImmunityContentError("immunity/vaccines.toml: an id is used twice")
    return tuple(vaccines)


def vaccine_default(vaccine_id: str, language: str | None = None) -> VaccineDefault | None:
    return next((v for v in load_vaccines(language) if v.id == vaccine_id), None)


def vaccine_name(vaccine_id: str, stored: str, language: str | None = None) -> str:
    """A planned vaccine's name as shown: a published vaccine's in the app's language
    (whatever language the plan was filled in), the team's own as the patient typed it."""
    known = vaccine_default(vaccine_id, language)
    return known.name if known is not None else stored


def shown_dose(dose: VaccineDose, language: str | None = None) -> VaccineDose:
    """``dose`` with its vaccine's name in the app's language (see ``vaccine_name``)."""
    name = vaccine_name(dose.vaccine, dose.name, language)
    return dose if name == dose.name else replace(dose, name=name)


@dataclass(frozen=True, slots=True)
class ScreeningPlanContent:
    checks: tuple[ScreeningDefault, ...]
    source: str

    def check(self, check_id: str) -> ScreeningDefault | None:
        return next((c for c in self.checks if c.id == check_id), None)


def load_screening(language: str | None = None) -> ScreeningPlanContent:
    """The yearly check-ups, worded in ``language`` where translated (None: the app's)."""
    return _load_screening(content_language(language))


@cache
def _load_screening(language: str) -> ScreeningPlanContent:
    data = _toml("late-effects.toml", language)
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
    return ScreeningPlanContent(tuple(checks), source_words(str(data.get("source", "")), language))


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


def load_gvhd_check(language: str | None = None) -> GvhdCheck:
    """The chronic GVHD self-check's body areas, titled in ``language`` where translated."""
    return _load_gvhd_check(content_language(language))


@cache
def _load_gvhd_check(language: str) -> GvhdCheck:
    from companion.content.vocabulary import load_vocabulary

    data = _toml("chronic-gvhd.toml", language)
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
    return GvhdCheck(tuple(areas), source_words(str(data.get("source", "")), language))
