"""The one way to read a file from resources/, refusing paths that climb out of it.

Content exists per language: ``resources/<lang>/<path>`` (Spanish guides in
``resources/es/guides/``), with the English file at ``resources/<path>`` as the fallback.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import PurePosixPath, PureWindowsPath

_PACKAGE = "resources"
SOURCE_LANGUAGE = "en"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class ResourceError(ValueError):
    """A resource path is not allowed, or the resource does not exist."""


def _checked_parts(relative: str) -> tuple[str, ...]:
    if not relative or PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        raise ResourceError(f"resource paths must be relative: {relative!r}")
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if any(part in ("..", "") for part in parts) or parts[0] == "/":
        raise ResourceError(f"resource paths may not contain '..': {relative!r}")
    return parts


def _node(parts: tuple[str, ...]):
    node = resources.files(_PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def _language_part(language: str) -> str:
    if not _LANGUAGE.match(language):
        raise ResourceError(f"not a language code: {language!r}")
    return language


def read_text(relative: str) -> str:
    """Read ``resources/<relative>`` (the English content) as UTF-8 text.

    Raises:
        ResourceError: the path is absolute, climbs with ``..``, or names no file.
    """
    node = _node(_checked_parts(relative))
    if not node.is_file():
        raise ResourceError(f"no such resource: {relative}")
    return node.read_text(encoding="utf-8")


def read_translation(relative: str, language: str) -> str | None:
    """``resources/<language>/<relative>`` as UTF-8 text, or None when that language has
    no such file (English has none: it is the fallback itself).

    Raises:
        ResourceError: the path is absolute or climbs with ``..``, or ``language`` is not a
            two- or three-letter code.
    """
    parts = _checked_parts(relative)
    if language == SOURCE_LANGUAGE:
        return None
    node = _node((_language_part(language), *parts))
    return node.read_text(encoding="utf-8") if node.is_file() else None


def read_localized(relative: str, language: str) -> tuple[str, str]:
    """The file in ``language`` if it exists, else the English one.

    Returns:
        The text and the language it is in (``"en"`` when it fell back).
    """
    translated = read_translation(relative, language)
    if translated is not None:
        return translated, language
    return read_text(relative), SOURCE_LANGUAGE


def content_language(language: str | None) -> str:
    """``language``, or the app's language when None; the pseudo-locale's content is English."""
    from companion.i18n import PSEUDO

    if language is None:
        from companion.i18n import language as current

        language = current()
    if language == PSEUDO or not _LANGUAGE.match(language):
        return SOURCE_LANGUAGE
    return language
