"""The public sources' descriptions in the reader's language (resources/<lang>/sources.toml).

A source line ("CDC, preventing infections in cancer patients (38.0 °C …): https://…")
names the organisation or the authors, describes the page or the paper in a few words and
gives its address. Which source an entry has always comes from the English content file;
a translation only words the line: ``resources/<lang>/sources.toml`` gives, per English
line (the whole line is the key, as gettext keys a message by its English text), the line
in that language, with the same web addresses. Names of organisations and titles of
publications stay as published; the words around them are translated. When the English
line changes, the old key no longer matches and the line shows in English until it is
translated again: tests/content/test_sources_language.py fails on that.
"""

from __future__ import annotations

import re
from functools import cache

from companion.content.resources import content_language, read_translation

SOURCES_FILE = "sources.toml"
URL = re.compile(r"https?://[^\s)>\]]+")


class SourcesFileError(ValueError):
    """A sources.toml is malformed; the message names the line."""


@cache
def translated_sources(language: str) -> dict[str, str]:
    """English source line -> the line in ``language`` (empty for English or no file).

    Raises:
        SourcesFileError: an entry lacks a field, repeats a key, or changes a web address.
    """
    import tomllib

    text = read_translation(SOURCES_FILE, language)
    if text is None:
        return {}
    found: dict[str, str] = {}
    for number, raw in enumerate(tomllib.loads(text).get("source", []), start=1):
        english, words = str(raw.get("english", "")).strip(), str(raw.get("words", "")).strip()
        where = f"{language}/{SOURCES_FILE}, entry {number}"
        if not english or not words or set(raw) - {"english", "words"}:
            raise SourcesFileError(f"{where}: needs exactly 'english' and 'words'")
        if english in found:
            raise SourcesFileError(f"{where}: the English line is given twice")
        if URL.findall(english) != URL.findall(words):
            raise SourcesFileError(f"{where}: the web addresses differ from the English")
        found[english] = words
    return found


def source_words(english: str, language: str | None = None) -> str:
    """``english`` (a source line from a content file) worded in ``language`` (None: the
    app's), or as it is when that language has no wording for it."""
    if not english:
        return english
    return translated_sources(content_language(language)).get(english, english)
