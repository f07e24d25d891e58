"""The fixed words around guides and sheets, per language (resources/<lang>/guide-text.toml):
section headings, the call blocks' own lines, how limits are worded. No Qt."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from companion.content.resources import content_language, read_text, read_translation

SECTION_KEYS = (
    "what_happens",
    "what_you_may_feel",
    "carer",
    "call_emergency",
    "call_team",
    "questions",
    "sources",
)


class GuideTextError(ValueError):
    """guide-text.toml (or a translation of it) is malformed or lacks a key."""


@cache
def _load(language: str) -> Mapping[str, Mapping[str, str]]:
    import tomllib

    english = tomllib.loads(read_text("guide-text.toml"))
    translated_text = read_translation("guide-text.toml", language)
    translated = {} if translated_text is None else tomllib.loads(translated_text)
    merged: dict[str, Mapping[str, str]] = {}
    for table, words in english.items():
        extra = set(translated.get(table, {})) - set(words)
        if extra:
            raise GuideTextError(f"{language}/guide-text.toml [{table}]: unknown {sorted(extra)}")
        merged[table] = MappingProxyType({**words, **translated.get(table, {})})
    unknown_tables = set(translated) - set(english)
    if unknown_tables:
        raise GuideTextError(f"{language}/guide-text.toml: unknown {sorted(unknown_tables)}")
    if set(SECTION_KEYS) - set(merged["sections"]):
        raise GuideTextError("guide-text.toml [sections] lacks a heading")
    return MappingProxyType(merged)


def guide_text(language: str | None = None) -> Mapping[str, Mapping[str, str]]:
    """The tables of guide-text.toml in ``language`` (None: the app's), English where a key
    is not translated."""
    return _load(content_language(language))


def sections(language: str | None = None) -> Mapping[str, str]:
    """The required section headings ("What happens" … "Sources") in the language."""
    return guide_text(language)["sections"]


def sources_heading(language: str | None = None) -> str:
    return sections(language)["sources"]


def all_sources_headings() -> frozenset[str]:
    """The Sources heading in every language that has content, lower case (for code that
    reads any guide's Markdown without knowing its language)."""
    from importlib import resources

    headings = {sources_heading("en").lower()}
    for child in resources.files("resources").iterdir():
        if child.is_dir() and child.joinpath("guide-text.toml").is_file():
            headings.add(sources_heading(child.name).lower())
    return frozenset(headings)
