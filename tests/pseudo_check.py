"""Finding English left in what the app shows under the pseudo-locale (issue 23).

Under ``--lang qps`` every message that went through the catalogue comes out accented and
bracketed ("[Ŧöðåý ···]"): none of its letters is an ASCII letter. So a word of three or
more ASCII letters in a text the user sees is English that did not go through the catalogue,
unless it is one of these, which are taken out first:

- the diary's own data: what the user (or the demo) typed, read back from the diary's
  user-text columns (the team's name, notes, medicines, appointments, questions, custom
  checklist items), so that "Riverside Hospital Transplant Unit" is not reported;
- content from ``resources/es/`` (guides, checklists, glossary, red flags, symptoms): the
  pseudo-locale has no content of its own (it reads the English by design,
  ``companion.content.resources.content_language``), so the walks read the Spanish content
  instead (``spanish_content``). Spanish text cannot be mistaken for code left in English,
  and content with no Spanish yet (it falls back to English) is reported as English, as it
  should be: issue 23 asks for Spanish content complete. Spanish content found is counted
  apart, not as a failure;
- web addresses, e-mail addresses, file paths and names, keyboard shortcuts (Qt's own key
  names), HTML tags and entities;
- a short list of names that stay as they are in every language (``NAMES``).

A word next to a non-ASCII letter ("Ŧöðåý") is pseudo text; two-letter words ("OK", "to")
are not judged (too many false alarms with units: "mg", "kg").
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
CONTENT_LANGUAGE = "es"

# Names and codes that stay as they are in every language: file formats, standards, the
# programme the issue names, the app's own name. Compared case-insensitively, word by word.
NAMES = frozenset(
    {
        "pdf",
        "csv",
        "xlsx",
        "ics",
        "fhir",
        "nmdp",
        "sqlite",
        "transplant companion",
    }
)

# The diary's columns that hold what the user typed (never identifiers such as a
# symptom's id or a transfusion's product, which the app must word in the language).
USER_TEXT = {
    "team": ("name",),
    "entries": ("note",),
    "custom_items": ("text",),
    "appointments": ("title", "place", "with_whom", "note"),
    "questions": ("text", "answer"),
    "medicines": ("name", "dose", "purpose"),
    "medicine_changes": ("dose",),
    "dose_records": ("reason",),
    "vaccine_doses": ("given_where", "batch"),
}

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", re.IGNORECASE)
_PATH = re.compile(r"\S*[/\\]\S*|\b[\w-]+\.(?:pdf|csv|xlsx|ics|db|json|png|md|toml|py)\b")
_SHORTCUT = re.compile(r"\b(?:Ctrl|Shift|Alt|Meta|Cmd)\+\S+")
_TAG = re.compile(r"<[^<>]*>|&[A-Za-z]+;|&#\d+;")
_NOT_WORD = re.compile(r"[\W_]+")
_ENGLISH = re.compile(r"[a-z]{3,}")
_MARKDOWN_LINK = re.compile(r"\]\([^)]*\)")


def normal(text: str) -> str:
    """Lower case, every run of non-letters and non-digits one space."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def plain(text: str) -> str:
    """``text`` without markup, addresses, paths and shortcuts (HTML is made plain text)."""
    text = _markup_free(text)
    text = text.replace("&&", "&")
    text = re.sub(r"&(?=\w)", "", text)  # Qt's accelerators: "&Undo"
    for pattern in (_URL, _SHORTCUT, _PATH):
        text = pattern.sub(" ", text)
    return text


def spanish_content(monkeypatch) -> None:
    """Under the pseudo-locale, content is read in Spanish (see the module's docstring)."""
    import sys

    from companion import i18n
    from companion.content import resources

    original = resources.content_language

    def content_language(language: str | None) -> str:
        asked = i18n.language() if language is None else language
        return CONTENT_LANGUAGE if asked == i18n.PSEUDO else original(language)

    for name, module in list(sys.modules.items()):
        if name.startswith("companion") and getattr(module, "content_language", None) is original:
            monkeypatch.setattr(module, "content_language", content_language)


@cache
def content_units() -> tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern, ...]]:
    """The Spanish content's texts (every string in resources/es/**.toml and every line of
    its guides), normalised, and the sources the content cites (the English ``source``
    fields: titles of English pages, which the Spanish guides cite in English too).
    Returns them all (a text that is one of them is content), those of two words or more
    (found inside a longer text), and, for texts with placeholders ("Llame al {emergency}
    ahora si tiene:"), a pattern that matches them filled in."""
    units: set[str] = set()
    filled: set[str] = set()

    def take(text: str) -> None:
        for line in _MARKDOWN_LINK.sub("]", text).splitlines():
            line = re.sub(r"^\s*(?:#+|[-*]|:::.*|\d+\.)\s*", "", line)
            pieces = [normal(plain(piece)) for piece in re.split(r"\{[^{}]*\}", line)]
            if len(pieces) > 1 and sum(len(piece.split()) for piece in pieces) >= 2:
                # A placeholder takes up to eight words of data ("020 7946 0123").
                filled.add(r" (?:\S+ ){0,8}".join(re.escape(piece) for piece in pieces))
            units.update(piece for piece in pieces if piece)

    def walk(value, only_sources: bool = False, key: str = "") -> None:
        if isinstance(value, str):
            if not only_sources or key in ("source", "sources"):
                take(value)
        elif isinstance(value, dict):
            for name, each in value.items():
                walk(each, only_sources, name)
        elif isinstance(value, list):
            for each in value:
                walk(each, only_sources, key)

    for path in sorted(RESOURCES.rglob("*.toml")):
        relative = path.relative_to(RESOURCES)
        spanish = relative.parts[0] == CONTENT_LANGUAGE
        if spanish or len(relative.parts) == 1 or relative.parts[0] in ("checklists", "immunity"):
            walk(tomllib.loads(path.read_text(encoding="utf-8")), only_sources=not spanish)
    for path in sorted((RESOURCES / CONTENT_LANGUAGE).rglob("*.md")):
        take(path.read_text(encoding="utf-8"))
    long = tuple(sorted((u for u in units if " " in u), key=len, reverse=True))
    patterns = tuple(re.compile(rf"(?<= ){p}(?= )") for p in sorted(filled, key=len, reverse=True))
    return frozenset(units), long, patterns


@cache
def spanish_names() -> frozenset[str]:
    """The one-word texts of the Spanish content ("Varicela", a vaccine's name), which a
    message of the app fills into its own sentence ("{name}, dose {number}"): found inside
    a longer line, where ``content_units`` only knows texts of two words or more. Ids and
    sources are not texts, and a word the English content uses too is left out (it could
    be English left)."""

    def single(root: Path, spanish: bool) -> set[str]:
        found: set[str] = set()

        def walk(value, key: str = "") -> None:
            if isinstance(value, str):
                text = normal(plain(value))
                if key not in ("id", "source", "sources") and text and " " not in text:
                    found.add(text)
            elif isinstance(value, dict):
                for name, each in value.items():
                    walk(each, name)
            elif isinstance(value, list):
                for each in value:
                    walk(each, key)

        for path in sorted(root.rglob("*.toml")):
            relative = path.relative_to(RESOURCES)
            if path.name.startswith(".") or (relative.parts[0] == CONTENT_LANGUAGE) != spanish:
                continue
            walk(tomllib.loads(path.read_text(encoding="utf-8")))
        return found

    return frozenset(single(RESOURCES / CONTENT_LANGUAGE, True) - single(RESOURCES, False))


@cache
def spanish_words() -> frozenset[str]:
    """Every word of the Spanish content but its sources (for text cut into lines anywhere,
    as a PDF's text is: a line there is rarely a whole sentence of the content)."""
    words: set[str] = set()
    for path in sorted((RESOURCES / CONTENT_LANGUAGE).rglob("*")):
        if path.suffix not in (".toml", ".md"):
            continue
        citing = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                citing = normal(line) in ("fuentes",)
            if citing or _URL.search(line) or re.match(r"\s*sources?\s*=", line):
                continue
            words.update(normal(plain(line)).split())
    return frozenset(words)


_PROGRAM = re.compile(r"\b(?:companion|main\.py)(?: [a-z][\w-]*)*")
# An option with its metavar, which may name a file's extension (``--csv FILE.csv``).
_OPTION = re.compile(
    r"(?<![\w-])--?[A-Za-z][\w-]*(?:[ =](?:[A-Z][A-Z0-9_-]*(?:\.[A-Za-z0-9]+)*|\{[^}]*\}))?"
)
_CHOICES = re.compile(r"\{[^{}]*,[^{}]*\}")
_LISTED = re.compile(r"^(\s{2,})[a-z][\w-]*(?=\s{2,}|\s*$)", re.MULTILINE)
# argparse's metavars (COMMAND, ACTION, WHAT, FILE, TERM …): in a ``--help``, a word in
# capitals names what the user types there, as the usage line shows it; it is part of the
# synopsis (the manual page and the shell completions read it: DIR, FILE), not a sentence.
_METAVAR = re.compile(r"(?<![\w-])[A-Z][A-Z0-9_-]+(?:\.[a-z]+)?(?![\w-])")


@cache
def identifiers() -> frozenset[str]:
    """Values a user types on the command line, which stay English in every language: the
    domain's enum values (phases, kinds, severities …) and every ``id`` in resources/."""
    import enum
    import importlib
    import pkgutil

    import companion.domain

    found: set[str] = set()
    for info in pkgutil.iter_modules(companion.domain.__path__, "companion.domain."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found.update(m.value for m in value if isinstance(m.value, str))

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, each in value.items():
                if key == "id" and isinstance(each, str):
                    found.add(each)
                walk(each)
        elif isinstance(value, list):
            for each in value:
                walk(each)

    for path in RESOURCES.rglob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    found.update(command_line_values())
    return frozenset(found)


def command_line_values() -> set[str]:
    """The values the command line itself takes: every ``choices`` of its parser (and of
    each command's), the checklist's phases with ``all``, the report's section names."""
    import argparse

    from companion.cli import PHASE_CHOICES, build_parser
    from companion.cli.report import SECTIONS

    found: set[str] = {*PHASE_CHOICES, *SECTIONS}
    parsers = [build_parser()]
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            elif action.choices:
                found.update(str(choice) for choice in action.choices)
    return found


def command_line_free(text: str, help_text: bool = False) -> str:
    """``text`` without what a user types: the program and command names ("companion log
    symptom"), options and their value names, sets of choices, and identifiers (a list's
    first column; anywhere in a ``--help``); in a ``--help``, argparse's metavars too
    (words in capitals: ``COMMAND``, ``ACTION``, ``FILE``), which the usage line, the
    manual page and the shell completions share."""
    text = _PROGRAM.sub(" ", text)
    text = _OPTION.sub(" ", text)
    text = _CHOICES.sub(" ", text)
    if help_text:
        text = _LISTED.sub(r"\1", text)
        text = _METAVAR.sub(" ", text)
    known = identifiers()
    lines = []
    for line in text.splitlines():
        words = line.split(" ")
        if help_text:
            words = [w if w.strip(",.;:()'\"") not in known else "" for w in words]
        else:
            first = next((i for i, w in enumerate(words) if w), None)
            if first is not None and words[first] in known:
                words[first] = ""
        lines.append(" ".join(words))
    return "\n".join(lines)


@cache
def cited_sources() -> tuple[str, ...]:
    """Every source the content cites (its ``source``/``sources`` fields, English and
    Spanish files, and everything inside a ``source`` table: resources/es/sources.toml's
    Spanish wording of each), normalised with its address, longest first."""
    found: set[str] = set()

    def walk(value, key: str = "") -> None:
        if isinstance(value, str):
            if key in ("source", "sources"):
                found.add(normal(unicodedata.normalize("NFKC", value)))
        elif isinstance(value, dict):
            for name, each in value.items():
                walk(each, key if key in ("source", "sources") else name)
        elif isinstance(value, list):
            for each in value:
                walk(each, key)

    for path in sorted(RESOURCES.rglob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return tuple(sorted((s for s in found if s), key=len, reverse=True))


def sources_free(text: str, heading: str) -> str:
    """A printed sheet's text with its list of sources taken out, when that list holds only
    sources the content cites. The list starts after ``heading`` (the sheet's "Sources:",
    in the language) and runs to the next empty line; a page cuts it anywhere (an address
    across two lines), so it is read whole, as one text, and each cited source is taken out
    of it. Whatever is left (a word the sheet added, English or not) is kept, on the
    heading's line, to be judged like the rest of the sheet."""
    lines = unicodedata.normalize("NFKC", text).replace("\f", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if heading in line), None)
    if start is None:
        return text
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    before, _heading, first = lines[start].partition(heading)
    listing = " " + normal(" ".join([first, *lines[start + 1 : end]])) + " "
    for source in cited_sources():
        listing = listing.replace(f" {source} ", " ")
    left = " ".join(listing.split())
    return "\n".join([*lines[:start], f"{before}{heading} {left}", *lines[end:]])


def user_data(database: Path) -> tuple[str, ...]:
    """What the user typed into the diary at ``database``, normalised, longest first."""
    found: set[str] = set()
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        for table, columns in USER_TEXT.items():
            if table not in tables:
                continue
            present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            for column in columns:
                if column not in present:
                    continue
                for (value,) in connection.execute(f"SELECT {column} FROM {table}"):
                    if isinstance(value, str) and normal(value):
                        found.add(normal(value))
    finally:
        connection.close()
    return tuple(sorted(found, key=len, reverse=True))


@dataclass
class Findings:
    """English found, by text, with every place it was seen; content counted apart."""

    english: dict[str, list[str]] = field(default_factory=dict)
    content: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, text: str, where: str) -> None:
        places = (self.english if kind == "english" else self.content).setdefault(text, [])
        if where not in places:
            places.append(where)

    def report(self, title: str) -> str:
        lines = [
            f"{title}: {len(self.english)} texts with English left (not through the catalogue):"
        ]
        for text, places in self.english.items():
            shown = text if len(text) <= 160 else text[:157] + "…"
            more = f" (and {len(places) - 3} more places)" if len(places) > 3 else ""
            lines.append(f"  {shown!r}  @ {'; '.join(places[:3])}{more}")
        lines.append(
            f"(and {len(self.content)} texts of Spanish content from resources/es/, which "
            "the walk reads under the pseudo-locale: not counted)"
        )
        return "\n".join(lines)


def english_words(
    text: str, data: tuple[str, ...] = (), cut_lines: bool = False
) -> tuple[list[str], bool]:
    """The English words left in ``text`` once data, content and names are taken out, and
    whether content was taken out. ``cut_lines``: the text is a line of a page (a PDF's),
    where a sentence of the content may be cut anywhere: its Spanish words count one by one.
    """
    remainder = " " + normal(plain(text)) + " "
    for value in data:
        if value and f" {value} " in remainder:
            remainder = remainder.replace(f" {value} ", " ")
    if not _words(remainder):
        return [], False
    exact, long, patterns = content_units()
    if remainder.strip() in exact:
        return [], True
    was_content = False
    for pattern in patterns:
        remainder, found = pattern.subn(" ", remainder)
        was_content = was_content or found > 0
    for unit in long:
        if f" {unit} " in remainder:
            remainder = remainder.replace(f" {unit} ", " ")
            was_content = True
    for name in NAMES:
        remainder = remainder.replace(f" {name} ", " ")
    for name in spanish_names():
        if f" {name} " in remainder:
            remainder = remainder.replace(f" {name} ", " ")
            was_content = True
    words = _words(remainder)
    if cut_lines:
        spanish = spanish_words()
        was_content = was_content or any(word in spanish for word in words)
        words = [word for word in words if word not in spanish]
    return words, was_content


def _words(text: str) -> list[str]:
    return [word for word in text.split() if _ENGLISH.fullmatch(word)]


def judge(
    findings: Findings,
    text: str,
    where: str,
    data: tuple[str, ...] = (),
    cut_lines: bool = False,
    command_line: str | None = None,
) -> None:
    """Record in ``findings`` each line of ``text`` that has English left (or content).
    ``command_line``: "output" or "help", for a command's words (see command_line_free)."""
    for line in _markup_free(text).splitlines():
        if not line.strip():
            continue
        judged = line
        if command_line is not None:
            judged = command_line_free(line, help_text=command_line == "help")
        words, was_content = english_words(judged, data, cut_lines)
        if words:
            findings.add("english", " ".join(line.split()), where)
        elif was_content:
            findings.add("content", " ".join(line.split()), where)


def _markup_free(text: str) -> str:
    """``text`` with HTML made plain (a line per paragraph, line break or list item)."""
    if "<" in text and ">" in text:
        text = re.sub(r"<br\s*/?>|</p>|</li>|</tr>|</h\d>", "\n", text, flags=re.I)
        text = _TAG.sub(" ", text)
    return text


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``companion ARGV`` in this process (as tests/test_medicine_cli.py runs it): the exit
    status, what it printed and what it wrote to stderr. ``--help`` exits: its status is
    returned too."""
    from companion.app import main

    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    printed = capsys.readouterr()
    return code, printed.out, printed.err
