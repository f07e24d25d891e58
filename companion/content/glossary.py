"""The glossary of hard words (resources/glossary.toml), and linking a guide's words to it.

Each entry has the ``forms`` it is written as in the guides; a form with a capital letter
("GVHD", "G-CSF") matches only as written, a lower-case form matches in any case and with
a plural "s" or "es". ``link_glossary`` turns the first use of each entry in a guide into
a Markdown link with the ``glossary:`` scheme, ``[engraftment](glossary:engraftment)``,
so a window can show the definition on hover and a printed packet can point to its
glossary page. Headings, the Sources section, existing links and web addresses are left
alone. Pure: no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from companion.content.resources import content_language, read_text, read_translation
from companion.content.translations import merge

SCHEME = "glossary:"
_FIELDS = {"id", "word", "forms", "definition", "source"}
# What resources/<lang>/glossary.toml may give for a term: how it is shown and written,
# and its meaning in that language. The source stays the English file's.
TRANSLATED_FIELDS = frozenset({"word", "forms", "definition"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Existing Markdown links and bare web addresses: never linked inside.
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+")


class GlossaryError(ValueError):
    """glossary.toml is malformed; the message names the entry."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One hard word: how it is shown, the forms it is written as, what it means (our own
    plain words, at most two short sentences) and the public source of that meaning."""

    id: str
    word: str
    definition: str
    source: str
    forms: tuple[str, ...]

    @property
    def link(self) -> str:
        """The link target: ``glossary:<id>``."""
        return f"{SCHEME}{self.id}"


@dataclass(frozen=True, slots=True)
class Glossary:
    """All entries, in alphabetical order of their word."""

    entries: tuple[GlossaryEntry, ...]

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> GlossaryEntry | None:
        """The entry for an id, or for a link target ``glossary:<id>``; None if unknown."""
        key = key.removeprefix(SCHEME)
        return next((e for e in self.entries if e.id == key), None)


def _pattern(form: str) -> re.Pattern[str]:
    body = re.escape(form).replace(r"\ ", r"\s+")
    if form != form.lower():
        return re.compile(rf"(?<![\w-]){body}(?![\w-])")
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.IGNORECASE)


@cache
def _patterns(entry: GlossaryEntry) -> tuple[re.Pattern[str], ...]:
    return tuple(_pattern(form) for form in entry.forms)


def sort_key(word: str) -> str:
    """Alphabetical order that ignores accents and case ("células" between "catarata" and
    "cordón")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_glossary(
    text: str, name: str = "glossary.toml", translation: str | None = None
) -> Glossary:
    """Parse glossary TOML text, with a translation's words laid over it (matched by id);
    GlossaryError names the first bad entry."""
    import tomllib

    from companion.content.translations import TranslationError

    try:
        data = tomllib.loads(text)
        translated = None if translation is None else tomllib.loads(translation)
    except tomllib.TOMLDecodeError as error:
        raise GlossaryError(f"{name}: {error}") from error
    try:
        raw_terms = merge(
            data.get("term", []),
            None if translated is None else translated.get("term", []),
            TRANSLATED_FIELDS,
            name,
        )
    except TranslationError as error:
        raise GlossaryError(str(error)) from error
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_terms, start=1):
        where = f"{name}, term {number} ({raw.get('id')!r})"
        unknown = set(raw) - _FIELDS
        if unknown:
            raise GlossaryError(f"{where}: unknown field(s) {sorted(unknown)}")
        key = str(raw.get("id", "")).strip()
        word = str(raw.get("word", "")).strip()
        definition = " ".join(str(raw.get("definition", "")).split())
        source = str(raw.get("source", "")).strip()
        forms = tuple(str(f).strip() for f in raw.get("forms", [word]) if str(f).strip())
        if not _ID.match(key) or not word or not definition or not source or not forms:
            raise GlossaryError(f"{where}: needs an id, a word, a definition and a source")
        if key in seen:
            raise GlossaryError(f"{where}: the id is used twice")
        seen.add(key)
        entries.append(GlossaryEntry(key, word, definition, source, forms))
    return Glossary(tuple(sorted(entries, key=lambda e: sort_key(e.word))))


def load_glossary(language: str | None = None) -> Glossary:
    """The glossary in resources/glossary.toml, worded in ``language`` where
    resources/<language>/glossary.toml translates it (None: the app's language)."""
    return _load_glossary(content_language(language))


@cache
def _load_glossary(language: str) -> Glossary:
    return parse_glossary(
        read_text("glossary.toml"),
        f"{language}/glossary.toml",
        read_translation("glossary.toml", language),
    )


@cache
def _sources_headings() -> frozenset[str]:
    from companion.content.guide_text import all_sources_headings

    return all_sources_headings()


def _is_prose(line: str, in_sources: bool) -> bool:
    return not in_sources and not line.lstrip().startswith("#")


def _matches(line: str, glossary: Glossary, skip: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, id) of each glossary form in the line's prose, not inside a link."""
    protected = [m.span() for m in _PROTECTED.finditer(line)]
    found = []
    for entry in glossary:
        if entry.id in skip:
            continue
        for pattern in _patterns(entry):
            for match in pattern.finditer(line):
                start, end = match.span()
                if not any(a < end and start < b for a, b in protected):
                    found.append((start, end, entry.id))
    # Earliest first; at the same place the longest form ("chronic GVHD" before "GVHD").
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    return found


def _walk(markdown: str) -> Iterator[tuple[int, str, bool]]:
    in_sources = False
    for number, line in enumerate(markdown.split("\n")):
        if line.startswith("#"):
            in_sources = line.strip("# ").strip().lower() in _sources_headings()
        yield number, line, _is_prose(line, in_sources)


def terms_used(markdown: str, glossary: Glossary) -> tuple[str, ...]:
    """The ids of the glossary entries a text uses, in order of first use (headings, the
    Sources section and web addresses do not count)."""
    used: list[str] = []
    for _, line, prose in _walk(markdown):
        if prose:
            for _, _, key in _matches(line, glossary, set(used)):
                if key not in used:
                    used.append(key)
    return tuple(used)


def link_glossary(markdown: str, glossary: Glossary) -> str:
    """The Markdown with the first use of each glossary entry linked to it."""
    linked: set[str] = set()
    lines = markdown.split("\n")
    for number, line, prose in _walk(markdown):
        if not prose:
            continue
        chosen: list[tuple[int, int, str]] = []
        for start, end, key in _matches(line, glossary, linked):
            if key in linked or any(a < end and start < b for a, b, _ in chosen):
                continue
            chosen.append((start, end, key))
            linked.add(key)
        for start, end, key in sorted(chosen, reverse=True):
            line = f"{line[:start]}[{line[start:end]}]({SCHEME}{key}){line[end:]}"
        lines[number] = line
    return "\n".join(lines)
