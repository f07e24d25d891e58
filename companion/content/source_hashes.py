"""Which translated entries were translated from an English text that has changed since.

Beside each language's content, ``resources/<lang>/.source-hashes.toml`` records, per file
and per entry, a short hash of the English words the translation was made (or last
reviewed) from. ``python tools/catalogue.py stamp <lang>`` writes it; tests/content compares
it with the English as it is now, so an English change that the translation has not caught
up with fails until a translator has reviewed the entry and stamped it again.

What is hashed, per English file a translation exists for:

- the TOML entry files (checklists, glossary, red flags, symptoms, immunity/): per ``id``,
  only the fields a translation may carry (``text``/``why``/``group``, ``word``/``forms``/
  ``definition``, ``words``, ``label``/``hint``, ``name``/``title``/``why``): a new source,
  threshold or phase is not a change of words and needs no review;
- ``guide-text.toml``: per ``table.key``;
- the guides (Markdown): per section, keyed by the English ``##`` heading (``#`` for the
  title and the lines before the first heading).

Only entries the translation has are stamped: an entry that falls back to English is not
"reviewed". The hashes are the first 12 hex digits of SHA-256 over the words as JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping

from companion.content import checklists, glossary, immunity, red_flags, vocabulary
from companion.content.resources import read_text, read_translation
from companion.domain.journey import Phase

HASHES_FILE = ".source-hashes.toml"
_TOP = "#"

# (file, its tables of entries, the fields a translation of them may carry)
ENTRY_FILES: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...] = (
    ("red-flags.toml", ("emergency", "call_team"), red_flags.TRANSLATED_FIELDS),
    ("symptoms.toml", ("symptom", "infection"), vocabulary.TRANSLATED_FIELDS),
    ("glossary.toml", ("term",), glossary.TRANSLATED_FIELDS),
    *(
        (f"checklists/{phase.value}.toml", ("items",), checklists.TRANSLATED_FIELDS)
        for phase in Phase
    ),
    *(
        (f"immunity/{name}", (immunity.TABLES[name],), fields)
        for name, fields in immunity.TRANSLATED_FIELDS.items()
    ),
)
KEYED_FILES = ("guide-text.toml",)
MARKDOWN_FILES = (*(f"guides/{phase.value}.md" for phase in Phase), "medicines-guide.md")

Fingerprints = dict[str, dict[str, str]]


def text_hash(value: object) -> str:
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def entry_hashes(text: str, tables: tuple[str, ...], fields: frozenset[str]) -> dict[str, str]:
    data = tomllib.loads(text)
    raws = [raw for table in tables for raw in data.get(table, [])]
    return {
        key: text_hash({name: value for name, value in raw.items() if name in fields})
        for key, raw in zip(_entry_keys(data, tables), raws, strict=True)
    }


def _keyed_hashes(text: str) -> dict[str, str]:
    return {
        f"{table}.{key}": text_hash(value)
        for table, words in tomllib.loads(text).items()
        for key, value in words.items()
    }


_HEADING = re.compile(r"^##\s+(.+?)\s*$")


def _section_hashes(markdown: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {_TOP: []}
    current = _TOP
    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(1)
            sections.setdefault(current, [])
        else:
            sections[current].append(line.rstrip())
    return {name: text_hash("\n".join(lines).strip()) for name, lines in sections.items()}


def _entry_keys(data: Mapping, tables: tuple[str, ...]) -> list[str]:
    """An entry's key: its id, with its table in front when a file has two tables."""
    return [
        f"{table}.{raw.get('id')}" if len(tables) > 1 else str(raw.get("id"))
        for table in tables
        for raw in data.get(table, [])
    ]


def _hashes_and_keys(name: str, english: str, translated: str) -> tuple[dict, set | None]:
    """The English hashes of a file, and the keys the translation has (None: all count)."""
    for file, tables, fields in ENTRY_FILES:
        if file == name:
            return entry_hashes(english, tables, fields), set(
                _entry_keys(tomllib.loads(translated), tables)
            )
    if name in KEYED_FILES:
        return _keyed_hashes(english), set(_keyed_hashes(translated))
    return _section_hashes(english), None


def english_fingerprints(language: str) -> Fingerprints:
    """Per file the language translates, the hashes of the English entries it translates."""
    found: Fingerprints = {}
    for name in (*(file for file, _, _ in ENTRY_FILES), *KEYED_FILES, *MARKDOWN_FILES):
        translated = read_translation(name, language)
        if translated is None:
            continue
        hashes, keys = _hashes_and_keys(name, read_text(name), translated)
        found[name] = {k: v for k, v in hashes.items() if keys is None or k in keys}
    return found


def stored_fingerprints(language: str) -> Fingerprints:
    """What ``resources/<language>/.source-hashes.toml`` records (empty when there is none)."""
    text = read_translation(HASHES_FILE, language)
    if text is None:
        return {}
    return {name: dict(entries) for name, entries in tomllib.loads(text).items()}


def stale_entries(current: Mapping[str, Mapping[str, str]], stored: Fingerprints) -> list[str]:
    """``file: key`` for each translated entry whose English changed since it was stamped,
    or that was never stamped."""
    found = []
    for name, entries in current.items():
        was = stored.get(name, {})
        for key, digest in entries.items():
            if key not in was:
                found.append(f"{name}: {key} (never stamped)")
            elif was[key] != digest:
                found.append(f"{name}: {key} (the English changed)")
    return found


def stale(language: str) -> list[str]:
    return stale_entries(english_fingerprints(language), stored_fingerprints(language))


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def fingerprints_toml(language: str, keep: Fingerprints | None = None) -> str:
    """The text of ``.source-hashes.toml`` stamping every translated entry as reviewed now.

    ``keep`` (file -> hashes): files to write as they are instead, for stamping only some."""
    current = english_fingerprints(language)
    if keep:
        current = {name: dict(keep.get(name, entries)) for name, entries in current.items()}
    lines = [
        f"# Generated by `python tools/catalogue.py stamp {language}`: do not edit by hand.",
        "# For each English file this language translates, the hash of the English words each",
        "# translated entry was translated or last reviewed from (companion/content/",
        "# source_hashes.py). tests/content/test_translations.py fails when the English has",
        "# changed since: review the translation, then stamp again.",
    ]
    for name in sorted(current):
        lines += ["", f"[{_toml_key(name)}]"]
        lines += [f'{_toml_key(k)} = "{v}"' for k, v in sorted(current[name].items())]
    return "\n".join(lines) + "\n"
